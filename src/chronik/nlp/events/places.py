"""The place of an event and relative clauses: a location phrase of the clause that is not itself
an argument, and the antecedent of a relative clause ("die Stadt, in der ...")."""

from __future__ import annotations

import re

from spacy.tokens import Doc

from chronik.nlp.events import phrases
from chronik.nlp.events.frames import ClauseContext, Roles
from chronik.nlp.events.phrases import Candidate, DocIndex
from chronik.nlp.lang import de

# Prepositions that put a common place noun in the place role; "nach"/"aus"/"von" name a direction.
COMMON_LOCATIVE = frozenset({"in", "im", "am", "an", "auf", "bei", "beim", "nahe", "vor"})
# Head nouns (and compound heads) that name a place: "Flughafen", "Waldgebiet", "Stadtzentrum".
PLACE_NOUN = re.compile(
    r"(dorf|stadt|städten|region|gebiet|gebieten|flughafen|stützpunkt|hafen|provinz|bezirk|"
    r"vorort|viertel|stadtteil|zentrum|hauptstadt|camp|lager|wohnung|gebäude|kaserne|gefängnis|"
    r"grenze|grenzübergang|platz|straße|markt|moschee|kirche|synagoge|schule|krankenhaus|"
    r"klinik|konsulat|hotel|saal|halle|fabrik|ortschaft)$"
)


def places(
    doc: Doc,
    cands: list[Candidate],
    index: DocIndex,
    roles: Roles,
    trigger: int | None = None,
    addressed: bool = False,
) -> list[Candidate]:
    """Named places in a locative phrase of the clause, not those that only modify another noun
    ("Krieg in der Ukraine"), except along a chain of locative phrases ("an die Front in die
    Ukraine"), after the event's own argument ("Soldaten nach Belarus") or after the trigger noun
    itself ("ihr Treffen in Peking")."""
    own = {i for c in roles.actor + roles.target for i in range(c.start, c.end)}
    if addressed:
        # "kritisierte die Führung in Kiew", "warf der Regierung in Ankara vor": the place names
        # which government is addressed, not where the criticism was made
        taken = {i for c in roles.actor + roles.target for i in range(c.start, c.end)}
        cands = [c for c in cands if not _right_after(doc, c, taken)]
    if trigger is not None:
        own.add(trigger)
    out = []
    for c in cands:
        if _place_noun(doc, c) and _attached_to_place(doc, c, index, own):
            out.append(c)  # "im Zentrum der Stadt", "auf dem Flughafen" (conventions 4.4)
            continue
        if (
            c.mention is None
            or c.mention.type != "LOC"
            or (c.mention.sub is not None and not _place_compound(c))
            or c.prep not in de.LOCATIVE
        ):
            continue
        if (c.prep == "von" and not _near_von(doc, c)) or not _attached_to_place(
            doc, c, index, own
        ):
            continue
        out.append(c)
    return out


# "in der Nähe von Kiew", "südlich von Bagdad": "von" after these names the place it is near
NEAR = frozenset({"nähe", "unweit", "nördlich", "südlich", "östlich", "westlich"})


def _near_von(doc: Doc, cand: Candidate) -> bool:
    first = cand.np_start if cand.np_start >= 0 else cand.start
    return first >= 2 and doc[first - 1].lower_ == "von" and doc[first - 2].lower_ in NEAR


def _place_compound(cand: Candidate) -> bool:
    """ "in den Kurdengebieten": a compound whose head is a kind of place names a place, though
    its first part is a demonym."""
    text = cand.mention.text if cand.mention is not None else ""
    return text[:1].isupper() and PLACE_NOUN.search(text.lower()) is not None


def _right_after(doc: Doc, cand: Candidate, taken: set[int]) -> bool:
    """The phrase follows an argument noun directly: "Führung [in Kiew]"."""
    first = cand.np_start if cand.np_start >= 0 else cand.start
    return first >= 2 and doc[first - 1].lower_ in ("in", "im", "aus") and first - 2 in taken


def _place_noun(doc: Doc, cand: Candidate) -> bool:
    """A common noun naming a place, in a locative phrase: "in einem Camp", "am Flughafen"."""
    return (
        cand.mention is None
        and not cand.pronoun
        and cand.prep in COMMON_LOCATIVE
        and PLACE_NOUN.search(doc[cand.head].lower_) is not None
    )


def _attached_to_place(doc: Doc, cand: Candidate, index: DocIndex, own: set[int]) -> bool:
    j = cand.start - 1
    while j >= 0 and doc[j].lower_ not in de.PREPOSITIONS:
        j -= 1
    k = j - 1
    if (
        k < 0
        or not doc[k].text[:1].isupper()
        or k in index.mention_at
        or doc[k].text in de.FUNCTION_CAPS
    ):
        return True
    if k in own or k in index.timex_at:
        return True
    m = k - 1
    while m >= 0 and (
        doc[m].lower_ in de.DETERMINERS
        or (
            doc[m].text[:1].islower()
            and doc[m].lower_ not in de.PREPOSITIONS
            and doc[m].is_alpha
            and doc[m].lower_.endswith(("e", "en", "er", "es", "em"))
        )
    ):
        m -= 1
    # "an die Front in die Ukraine", "bei einem Einsatz in der Region X", "über die Grenzübergänge
    # in X": a chain of locative phrases; "über die Lage in Syrien" is a topic, and its place
    # only that of the topic
    return (
        m >= 0
        and doc[m].lower_ in de.LOCATIVE
        and not (doc[m].lower_ == "über" and TOPIC.search(doc[k].lower_) is not None)
    )


# Nouns of topics ("sprachen über die Lage in ..."), not of places.
TOPIC = re.compile(
    r"(lage|situation|frage|fragen|thema|themen|ung|ungen|heit|keit|krise|konflikt|zukunft|"
    r"problem|probleme|politik|entwicklung|entwicklungen)$"
)


def relative_place(doc: Doc, clause: tuple[int, int], ctx: ClauseContext) -> list[Candidate]:
    """ "reiste nach Warschau, wo er Duda traf", "die Region Transnistrien, in der Soldaten
    stationiert sind": a locative relative clause happens at the place named just before it."""
    first = doc[clause[0]].lower_
    locative = first == "wo" or (
        first in ("in", "an", "auf", "bei")
        and clause[0] + 1 < clause[1]
        and doc[clause[0] + 1].lower_ in ("der", "dem", "denen", "welcher", "welchem")
    )
    before = [c for c in ctx.sentence_clauses if c[1] <= clause[0]]
    if not locative or not before:
        return []
    cands = phrases.candidates(ctx.index, *before[-1])
    last = cands[-1] if cands else None
    if (
        last is None
        or last.mention is None
        or last.mention.type != "LOC"
        or last.mention.sub is not None
    ):
        return []
    return [last] if last.end >= before[-1][1] - 1 else []


def relative_antecedent(clause: tuple[int, int], ctx: ClauseContext) -> list[Candidate]:
    """A relative pronoun as subject: the noun phrase that ends the clause before the comma."""
    doc = ctx.index.doc
    if doc[clause[0]].lower_ not in ("der", "die", "das", "welche", "welcher"):
        return []
    before = [c for c in ctx.sentence_clauses if c[1] <= clause[0]]
    if not before:
        return []
    prev = before[-1]
    cands = phrases.candidates(ctx.index, prev[0], prev[1])
    return cands[-1:]
