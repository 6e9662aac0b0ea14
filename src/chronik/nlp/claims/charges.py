"""The content of a charge as a claim of its own (conventions 5.2, 6.1: accusation cues are
alleged): "vom Vorwurf der Spitzeltätigkeit", "Ermittlungen wegen Verhetzung", "wegen des Vorwurfs
der Aufwiegelung verurteilt". The span is the genitive after the charge noun or the wegen-phrase
after a charge word. Its source is who brings the charge when an active clause names them as its
subject ("Die Staatsanwaltschaft hat Ermittlungen wegen Betrugs aufgenommen", "X klagt Y wegen Z
an"); else null: a passive ("wurde ... eingeleitet") or a charge noun alone names no accuser, and
the sentence's speaker is not the accuser.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from chronik.nlp.claims import cues, speakers
from chronik.nlp.claims.build import Draft, Sentence
from chronik.nlp.events import phrases
from chronik.nlp.events.arguments import ADDRESSEE_HEAD
from chronik.nlp.events.phrases import Candidate, DocIndex
from chronik.nlp.lang import de
from chronik.types import Span

# Nouns and verb forms that bring a charge; "Verdacht" is a cue of its own already.
CHARGE_NOUN = re.compile(r"^(vorwurf|vorwurfs|vorwürfe|vorwürfen)$")
CHARGE_WORD = re.compile(
    r"^(\w*ermittlung(en)?|\w*ermittlungsverfahren|\w*verfahren|\w*anklage|\w*klage|ermittel?t\w*|"
    r"angeklagt|klagt|klagte|geklagt|verklagt|\w*vorwurfs?|vorwürfe)$"
)
MAX_CHARGE = 12  # tokens of the charge phrase
MAX_GAP = 8  # tokens from the charge word to its "wegen"


def charge_claims(doc: Doc, index: DocIndex, sent: Sentence, taken: list[Draft]) -> list[Draft]:
    out: list[Draft] = []
    for i in range(sent.start, sent.end):
        word = doc[i].lower_
        span = None
        if CHARGE_NOUN.match(word) and i + 1 < sent.end and doc[i + 1].lower_ in ("der", "des"):
            span = _phrase(doc, i + 1, sent.end)
            if span is not None and _accuser(doc, index, span):
                span = None  # "die Vorwürfe der Opposition": who accuses, not of what
        elif CHARGE_WORD.match(word):
            wegen = next(
                (j for j in range(i + 1, min(i + MAX_GAP, sent.end)) if doc[j].lower_ == "wegen"),
                None,
            )
            if wegen is not None:
                span = _phrase(doc, wegen, sent.end)
        if span is None or any(_covers(d, span) for d in taken + out):
            continue
        cue = cues.Cue("accuse", "alleged", i, i + 1)
        verb_charge = CHARGE_WORD.match(word) and doc[i].text[:1].islower()
        noun_charge = CHARGE_WORD.match(word) and _support_verb(doc, sent, i)
        source = (
            _charging_subject(doc, index, sent, i, span[0]) if verb_charge or noun_charge else None
        )
        out.append(Draft(span[0], span[1], "alleged", sent.index, cue, source, True, rule="charge"))
    return out


# Verbs that bring a charge noun ("Ermittlungen aufnehmen/einleiten", "Anklage erheben", "Klage
# einreichen", "ein Verfahren eröffnen"): their subject is the accuser. Other verbs of a charge
# noun are no such act ("bestreitet die Anklage", "vom Vorwurf freigesprochen").
SUPPORT_VERB = re.compile(
    r"^(aufgenommen|aufnehmen|nahm|nahmen|nimmt|nehmen|eingeleitet|einleiten|leitete|leiteten|"
    r"leitet|leiten|erhoben|erheben|erhob|erhoben|erhebt|eingereicht|einreichen|reichte|reichten|"
    r"reicht|reichen|eröffnet|eröffnete|eröffneten|eröffnen)$"
)


def _support_verb(doc: Doc, sent: Sentence, charge: int) -> bool:
    clause = next((c for c in sent.clauses if c[0] <= charge < c[1]), None)
    return clause is not None and any(SUPPORT_VERB.match(doc[k].lower_) for k in range(*clause))


# Heads of a party that can bring a charge, beyond the addressee heads of event arguments.
CHARGING_HEAD = re.compile(r"(schaft|anwalt|anwältin|anwälte|ermittler)$")


def _charging_subject(
    doc: Doc, index: DocIndex, sent: Sentence, charge: int, wegen: int
) -> Span | None:
    """The subject of an active clause that brings the charge: a bare noun phrase before the
    charge word, or after it when the charge word is the finite verb ("ermittelt die Polizei
    wegen"). A passive names no accuser; a topicalised object ("Den Minister klagte ...") is
    skipped; the subject must be able to act (a name, an institution, people)."""
    clause = next((c for c in sent.clauses if c[0] <= charge < c[1]), None)
    if clause is None or any(doc[k].lower_ in de.PASSIVE_AUX for k in range(*clause)):
        return None
    before = _bare(index, clause[0], charge)
    if not before and doc[charge].text[:1].islower():
        before = _bare(index, charge + 1, wegen)
    if not before:
        return None
    cand = before[0]
    head = doc[cand.head].lower_
    if cand.mention is None and not (ADDRESSEE_HEAD.search(head) or CHARGING_HEAD.search(head)):
        return None
    return speakers.source_span(doc, index, cand)


def _bare(index: DocIndex, start: int, end: int) -> list[Candidate]:
    doc = index.doc
    return [
        c
        for c in phrases.candidates(index, start, end)
        if c.prep is None
        and not c.genitive
        and doc[c.np_start if c.np_start >= 0 else c.start].lower_ not in de.OBJECT_ARTICLES
        and not CHARGE_WORD.match(doc[c.head].lower_)
    ]


def _phrase(doc: Doc, start: int, limit: int) -> tuple[int, int] | None:
    """From the article or "wegen" over nouns, determiners, adjectives, prepositions and "und", up
    to a verb, a comma or the end."""
    end = start + 1
    while end < min(limit, start + MAX_CHARGE):
        tok = doc[end]
        word = tok.lower_
        lower_ok = (
            word in de.DETERMINERS
            or word in de.PREPOSITIONS
            or word in ("und", "oder")
            or (word.endswith(("e", "en", "er", "es", "em")) and _adjective_next(doc, end, limit))
        )
        if not tok.is_alpha and tok.text != "-":
            break
        if tok.text[:1].islower() and not lower_ok:
            break
        end += 1
    while end > start + 1 and doc[end - 1].text[:1].islower():
        end -= 1  # "der Bildmanipulation zu": a particle or preposition that opens what follows
    has_noun = any(doc[k].text[:1].isupper() for k in range(start + 1, end))
    return (start, end) if has_noun else None


def _accuser(doc: Doc, index: DocIndex, span: tuple[int, int]) -> bool:
    """The genitive names a party (a name, or people or an institution), not an offence."""
    head = next((k for k in range(span[0], span[1]) if doc[k].text[:1].isupper()), None)
    if head is None:
        return False
    return head in index.mention_at or ADDRESSEE_HEAD.search(doc[head].lower_) is not None


def _adjective_next(doc: Doc, i: int, limit: int) -> bool:
    return i + 1 < limit and (doc[i + 1].text[:1].isupper() or doc[i + 1].lower_.endswith("en"))


def _covers(draft: Draft, span: tuple[int, int]) -> bool:
    """An existing claim that is (nearly) this charge: the same span, not a whole sentence."""
    inter = min(draft.end, span[1]) - max(draft.start, span[0])
    longer = max(draft.end - draft.start, span[1] - span[0])
    return inter > 0 and inter >= 0.5 * longer
