"""Noun phrases and mentions without a parser: the candidates for event arguments in a clause, the
named mentions (or a capitalisation fallback) inside them, and pronouns resolved to a mention.

German word order does most of the work: in a main clause the finite verb is the second
constituent, so what stands before it (the prefield) is usually the subject; in a clause opened by
a conjunction or a relative pronoun the subject follows the opener (clauses: events.segment).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Doc

from chronik.nlp.events.npwords import (
    adjective,
    adverb,
    genitive_prep,
    is_noun_like,
    object_ihr,
    saxon_name,
    second_article,
    strong_genitive,
)
from chronik.nlp.lang import de
from chronik.types import Mention, Span, Timex

DEMONYM = re.compile(r"^[a-zäöü]+(isch|ländisch)(e|en|er|es|em)?$")
NOT_DEMONYM = re.compile(
    r"^(militär|polit|prakt|techn|strateg|wirtschaft|islam|histor|typ|krit|diplomat|"
    r"symbol|tatsäch|logist|fantast|elektr|automat|drast|ethn|takt|demokrat|katastroph|"
    r"dramat|energet|psych|syst|problemat|ideolog|zyn|juris|medizin|stat|dynam|hektisch|"
    r"chaot|optim|pessim|realist|theoret|biolog|chem|atom|national|international|regional)"
)
TITLE = re.compile(
    r"(präsident|minister|kanzler|sprecher|chef|führer|general|sekretär|kommissar|bürgermeister|"
    r"gouverneur|botschafter|beauftragte|vorsitzende|machthaber|diktator|politiker|kollege|"
    r"kollegen|oberhaupt|premier|könig|papst|anführer|kommandeur|leiter|direktor|in)$"
)
PLACE_KIND = re.compile(
    r"(dorf|stadt|region|gebiet|flugplatz|flughafen|stützpunkt|hafen|provinz|bezirk|grenzort|"
    r"vorort|standort|kreis|oblast|republik|halbinsel|insel|gemeinde|siedlung|stadtteil|"
    r"viertel|metropole)$"
)
NAME_SUFFIX = re.compile(r"(land|ien|reich|stan|burg|ei)$")
NOUN_SUFFIX = re.compile(
    r"(ung|ungen|heit|keit|schaft|tion|tionen|ität|ismus|ment|nis|nisse|tum|er|ern|e|en)$"
)


@dataclass
class Candidate:
    """A noun phrase that may fill an argument: a named mention, a common noun phrase or a
    pronoun."""

    start: int  # token indices, end exclusive
    end: int
    head: int
    prep: str | None = None  # the preposition that governs it, lower-cased
    mention: Mention | None = None
    pronoun: bool = False
    # modifies a noun ("Angriff Russlands", "Sprecher des Ministeriums", "Russlands Krieg")
    genitive: bool = False
    np_start: int = -1  # first token of the phrase, with determiner, adjectives and title

    def span(self, doc: Doc) -> Span:
        if self.mention is not None:
            return Span(self.mention.start, self.mention.end, self.mention.text)
        return token_span(doc, self.start, self.end)


@dataclass
class DocIndex:
    """Per-document lookup tables: which tokens belong to which mention and timex."""

    doc: Doc
    mentions: list[tuple[int, int, Mention]] = field(default_factory=list)
    timexes: list[tuple[int, int, Timex]] = field(default_factory=list)
    mention_at: dict[int, tuple[int, int, Mention]] = field(default_factory=dict)
    timex_at: dict[int, tuple[int, int, Timex]] = field(default_factory=dict)
    dateline: set[int] = field(default_factory=set)  # "Minsk –": a place, never a participant


def token_span(doc: Doc, start: int, end: int) -> Span:
    first, last = doc[start], doc[end - 1]
    s, e = first.idx, last.idx + len(last.text)
    return Span(s, e, doc[start:end].text)


def index_doc(doc: Doc) -> DocIndex:
    index = DocIndex(doc)
    mentions = list(doc._.mentions or []) or heuristic_mentions(doc)
    for mention in mentions:
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is None or len(span) == 0:
            continue
        item = (span.start, span.end, mention)
        index.mentions.append(item)
        for i in range(span.start, span.end):
            index.mention_at[i] = item
    for timex in doc._.timexes or []:
        span = doc.char_span(timex.start, timex.end, alignment_mode="expand")
        if span is None or len(span) == 0:
            continue
        item = (span.start, span.end, timex)
        index.timexes.append(item)
        for i in range(span.start, span.end):
            index.timex_at[i] = item
    index.dateline = dateline_tokens(doc)
    return index


DATELINE_DASHES = ("–", "-", "—")
MAX_DATELINE = 6  # tokens before the dash: "Holguin/Vatikanstadt –", "Gaza/Jerusalem –"


def dateline_tokens(doc: Doc) -> set[int]:
    """Tokens of a dateline ("Warschau/Moskau – Der Außenminister ..."): capitalised place words
    and slashes at the start of a sentence, right before a dash."""
    out: set[int] = set()
    for sent in doc.sents:
        for k in range(sent.start, min(sent.start + MAX_DATELINE, sent.end)):
            if doc[k].text in DATELINE_DASHES:
                if k > sent.start:
                    out.update(range(sent.start, k))
                break
            word = doc[k].text
            if not (word == "/" or (word[:1].isupper() and word.replace("-", "").isalpha())):
                break
    return out


def heuristic_mentions(doc: Doc) -> list[Mention]:
    """Names guessed from capitalisation, used only while no entity component sets doc._.mentions.

    German capitalises every noun, so a capitalised word counts as a name only where a common noun
    could hardly stand: without a determiner or adjective before it, or right after a title-like
    capitalised word.
    """
    out: list[Mention] = []
    sent_starts = {s.start for s in doc.sents} if doc.has_annotation("SENT_START") else {0}
    for tok in doc:
        text = tok.text
        if DEMONYM.match(text) and not NOT_DEMONYM.match(text):
            out.append(
                Mention(
                    tok.idx,
                    tok.idx + len(text),
                    text,
                    "LOC",
                    sub="deriv",
                    component="events:fallback",
                )
            )
            continue
        if (
            not text[:1].isupper()
            or (not text.isalpha() and "-" not in text)
            or text in de.FUNCTION_CAPS
        ):
            continue
        if text in de.STOP_NOUNS or len(text) < 3:
            continue
        prev = doc[tok.i - 1] if tok.i > 0 and tok.i not in sent_starts else None
        prev_lower = prev.lower_ if prev is not None else ""
        if prev_lower in de.DETERMINERS or (
            prev is not None
            and prev.text[:1].islower()
            and prev_lower.endswith(("e", "en", "er", "es", "em"))
            and prev_lower not in de.PREPOSITIONS
            and prev_lower not in de.AUX
        ):
            continue
        after_title = prev is not None and TITLE.search(prev.text) is not None
        if NOUN_SUFFIX.search(text) and not after_title and not NAME_SUFFIX.search(text):
            continue
        kind = "LOC" if NAME_SUFFIX.search(text) or prev_lower in de.LOCATIVE else "PER"
        out.append(Mention(tok.idx, tok.idx + len(text), text, kind, component="events:fallback"))
    return _merge_adjacent(out)


def _merge_adjacent(mentions: list[Mention]) -> list[Mention]:
    """ "Viktor" + "Chrenin" -> one PER mention."""
    merged: list[Mention] = []
    for m in mentions:
        last = merged[-1] if merged else None
        if last is not None and last.sub is None and m.sub is None and m.start - last.end == 1:
            merged[-1] = Mention(
                last.start, m.end, last.text + " " + m.text, last.type, component=last.component
            )
        else:
            merged.append(m)
    return merged


def candidates(
    index: DocIndex, start: int, end: int, skip: set[int] | None = None
) -> list[Candidate]:
    """Noun phrases in [start, end): each named mention, each other capitalised noun, each pronoun.

    A title before a name ("Präsident Alexander Lukaschenko") joins the name's candidate, whose span
    is the name; a name in the Saxon genitive before a noun ("Russlands Krieg") only modifies that
    noun.
    """
    doc = index.doc
    skip = skip or set()
    out: list[Candidate] = []
    i = start
    while i < end:
        tok = doc[i]
        if i in skip or i in index.timex_at or i in index.dateline:
            i += 1
            continue
        item = index.mention_at.get(i)
        if item is not None:
            m_start, m_end, mention = item
            if mention.sub == "deriv" and (
                mention.text[:1].islower() or (m_end < end and is_noun_like(doc[m_end].text))
            ):
                # an adjective ("russische", "Ukrainische Experten", "Moskauer"): it modifies a noun
                i = m_end
                continue
            nxt = index.mention_at.get(m_end)
            if (
                nxt is not None
                and nxt[0] == m_end
                and nxt[2].type == "PER"
                and mention.type != "PER"
            ):
                i = m_end  # "UN-Generalsekretär António Guterres", "Kremlsprecher Peskow": a title
                continue
            cand = _candidate(
                doc, _title_start(doc, index, m_start, start), min(m_end, end), mention, start
            )
            cand.start = max(m_start, start)
            cand.genitive = (
                cand.genitive
                or _saxon_genitive(doc, index, m_end, end)
                or _apposition(doc, index, m_start)
            )
            out.append(cand)
            i = m_end
            continue
        if (
            tok.lower_ in de.PRONOUNS
            or tok.lower_ in FIRST_PERSON
            or (tok.lower_ == "ihr" and object_ihr(doc, i, end))
        ):
            cand = _candidate(doc, i, i + 1, None, start)
            cand.pronoun = True
            out.append(cand)
        elif (
            is_noun_like(tok.text)
            and not _is_title(doc, index, i)
            and not _name_adjective(doc, index, i, end)
        ):
            out.append(_candidate(doc, i, i + 1, None, start))
            if out[-1].genitive and out[-1].np_start - 1 in index.timex_at:
                out[-1].genitive = False  # "in der Nacht auf Montag die Tochter": no genitive
        i += 1
    _share_across_conjunction(doc, out)
    return out


def _share_across_conjunction(doc: Doc, cands: list[Candidate]) -> None:
    """ "nach Moskau und Kiew", "gegen drei Militärs und ein Unternehmen", "der USA, Frankreichs und
    Großbritanniens": a conjunct without a preposition of its own shares the one of the conjunct
    before."""
    for before, cand in zip(cands, cands[1:]):
        first = cand.np_start if cand.np_start >= 0 else cand.start
        if (
            cand.prep is not None
            or cand.pronoun
            or first < 1
            or doc[first - 1].lower_ not in de.CONJUNCTIONS
        ):
            continue
        if before.end != first - 1 or before.pronoun:
            continue
        if before.prep is not None:
            cand.prep = before.prep
        elif before.genitive:
            cand.genitive = True


def _name_adjective(doc: Doc, index: DocIndex, i: int, end: int) -> bool:
    """ "das Auswärtige Amt", "des Weißen Hauses": a capitalised adjective inside a name."""
    word = doc[i].lower_
    return (
        i > 0
        and doc[i - 1].lower_ in de.DEFINITE
        and word.endswith(("e", "en"))
        and i + 1 < end
        and is_noun_like(doc[i + 1].text)
        and (i + 1) not in index.mention_at
    )


def _is_title(doc: Doc, index: DocIndex, i: int) -> bool:
    """A common noun right before the name of a person or organisation is its title or descriptor,
    and a kind of place before a place's name ("im Dorf Przewodów", "die Region Transnistrien") is
    its descriptor."""
    nxt = index.mention_at.get(i + 1)
    if i in index.mention_at or nxt is None or nxt[0] != i + 1 or nxt[2].sub is not None:
        return False
    return nxt[2].type in ("PER", "ORG") or (
        nxt[2].type == "LOC" and PLACE_KIND.search(doc[i].lower_) is not None
    )


def _title_start(doc: Doc, index: DocIndex, m_start: int, floor: int) -> int:
    j = m_start
    before = index.mention_at.get(m_start - 1)
    if (
        before is not None
        and before[1] == m_start
        and before[0] >= floor
        and before[2].type != "PER"
        and index.mention_at[m_start][2].type == "PER"
    ):
        # "US-Außenminister John Kerry", "ÖVP-Chef Mitterlehner": a title that contains a name is
        # still the person's title (candidates() skips it), so the phrase opens before it
        j = before[0]
    while (
        j - 1 >= floor
        and is_noun_like(doc[j - 1].text)
        and (j - 1) not in index.mention_at
        and (j - 1) not in index.timex_at  # "am Freitagabend Warschau": a date is no title
        and (doc[j - 1].text[:1].isupper())
    ):
        j -= 1
    return j


def _apposition(doc: Doc, index: DocIndex, m_start: int) -> bool:
    """ "die Staatsanwaltschaft Stuttgart": a place right after a common noun only names which one
    (not after a kind of place: "das Dorf Blahodatne" is the village)."""
    mention = index.mention_at[m_start][2]
    prev = m_start - 1
    return (
        mention.type == "LOC"
        and mention.sub is None  # "mit Messern Israelis angriffen": a demonym names no place
        and prev >= 0
        and prev not in index.mention_at
        and prev not in index.timex_at
        and is_noun_like(doc[prev].text)
        and (doc[prev].text[:1].isupper())
        and PLACE_KIND.search(doc[prev].lower_) is None
    )


def _saxon_genitive(doc: Doc, index: DocIndex, m_end: int, end: int) -> bool:
    last = doc[m_end - 1].text
    return (
        m_end < end
        and last.endswith("s")
        and is_noun_like(doc[m_end].text)
        and m_end not in index.mention_at
    )


def _candidate(
    doc: Doc, start: int, end: int, mention: Mention | None, floor: int = 0
) -> Candidate:
    """Find the governing preposition by walking left over determiners and adjectives (not past
    `floor`)."""
    j = start - 1
    while (
        j >= floor
        and not second_article(doc, j)
        and (
            doc[j].lower_ in de.DETERMINERS
            or adjective(doc, j)
            or (j + 1 < start and adverb(doc, j) and adjective(doc, j + 1))
            or (
                j == start - 1
                and j > 0
                and doc[j].text[:1].isupper()
                and doc[j - 1].lower_ in de.DEFINITE
                and doc[j].lower_.endswith(("e", "en"))
                and doc[j].text not in de.FUNCTION_CAPS
            )
        )
    ):
        j -= 1
    prep = doc[j].lower_ if j >= 0 and doc[j].lower_ in de.PREPOSITIONS else None
    if genitive_prep(doc, j, start):
        prep = doc[j].lower_  # "während des Besuchs" (während also opens a clause)
    elif prep is None and j == start - 1 and j - 1 >= floor and saxon_name(doc, j):
        # "in Hubers Garage": the genitive name's preposition governs the noun
        prep = doc[j - 1].lower_ if doc[j - 1].lower_ in de.PREPOSITIONS else None
    if prep is None and end < len(doc) and doc[end].lower_ in de.POSTPOSITIONS:
        prep = doc[end].lower_  # "Französischen Medienberichten zufolge": no subject
    genitive = (
        prep is None
        and j >= 0
        and j < start - 1
        and (doc[j + 1].lower_ in {"des", "der"} or strong_genitive(doc, j + 1, start))
        and (doc[j].text[:1].isupper() and doc[j].text not in de.FUNCTION_CAPS)
    )
    genitive = genitive or (
        prep is None
        and j == start - 1
        and j >= 0
        and doc[j].text[:1].isupper()
        and doc[j].text not in de.FUNCTION_CAPS
        and doc[end - 1].text.endswith("s")
        # "Israelis", "Pakistanis": a demonym in -s is a plural; its genitive takes an article
        and (mention is None or mention.sub != "deriv")
    )
    return Candidate(
        start, end, end - 1, prep=prep, mention=mention, genitive=genitive, np_start=j + 1
    )


def np_span(doc: Doc, cand: Candidate) -> Span:
    """The noun phrase with its determiner and adjectives ("Die russische Seite"); a name stays the
    name."""
    if cand.mention is not None:
        return cand.span(doc)
    return token_span(doc, cand.np_start, cand.end)


FIRST_PERSON = frozenset({"ich", "mich", "mir"})  # a quoted speaker: extract.speaker_of_quote


def resolve_pronoun(index: DocIndex, tok_i: int, person: bool) -> Mention | None:
    """A pronoun stands for the nearest preceding naming mention (a person for "er"; for "sie" a
    person named in the last two sentences before anything else)."""
    subject = _previous_subject_person(index, tok_i) if person else None
    if subject is not None:
        return subject
    best = best_person = None
    for m_start, _m_end, mention in index.mentions:
        if m_start >= tok_i:
            break
        if mention.sub is not None:
            continue
        if mention.type == "PER":
            best_person = (m_start, mention)
        if not person:
            best = mention
    if person:
        return best_person[1] if best_person else None
    if (
        best_person is not None
        and index.doc[tok_i].lower_ in ("sie", "ihr")
        and (sentences_between(index.doc, best_person[0], tok_i) <= 2)
    ):
        return best_person[1]
    return best


def _previous_subject_person(index: DocIndex, tok_i: int) -> Mention | None:
    """ "Wałęsa war ... Präsident. Er bestritt ...": a sentence-initial "er" continues the subject
    of the sentence before (centering), when that sentence opens with a person's name."""
    doc = index.doc
    if tok_i == 0 or not doc[tok_i].is_sent_start:
        return None  # checked first: Token.sent scans its whole sentence
    sent = doc[tok_i].sent
    before = doc[sent.start - 1].sent
    for i in range(before.start, min(before.start + 2, before.end)):
        hit = index.mention_at.get(i)
        if hit is not None and hit[2].sub is None and _names_person(index, hit[2]):
            return hit[2]
    return None


def _names_person(index: DocIndex, mention: Mention) -> bool:
    """A PER mention, or a mention whose words repeat an earlier person's name ("Lech Wałęsa" ...
    "Wałęsa" tagged otherwise)."""
    if mention.type == "PER":
        return True
    return any(
        m.type == "PER" and m.start < mention.start and mention.text in m.text.split()
        for _s, _e, m in index.mentions
    )


def sentences_between(doc: Doc, a: int, b: int) -> int:
    return sum(1 for i in range(a + 1, b + 1) if doc[i].is_sent_start)
