"""Who says a claim: the speaker's noun phrase before or after the cue verb, a passive agent, a
name owning a description, a named apposition."""

from __future__ import annotations

import re

from spacy.tokens import Doc

from chronik.nlp.claims import cues
from chronik.nlp.claims.cues import Cue
from chronik.nlp.claims.nearby import nearest_mention
from chronik.nlp.events import lexicon, phrases
from chronik.nlp.events.frames import AGENT_HEAD
from chronik.nlp.events.phrases import Candidate, DocIndex
from chronik.nlp.lang import de
from chronik.types import Span


def _bare(index: DocIndex, cands: list[Candidate]) -> list[Candidate]:
    """Candidates that can be the subject: no preposition, no genitive (nor a name in the Saxon
    genitive before an adjective and its noun, "Maiers früherer Chef": the owner, never the head),
    and no connective opening the sentence ("Also sagte er")."""
    doc = index.doc
    return [
        c
        for c in cands
        if c.prep is None
        and not c.genitive
        and not _owner_before_noun(index, c)
        and not (c.end - c.start == 1 and doc[c.start].text in CONNECTIVES)
    ]


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Sentence adverbs and connectives that open a sentence capitalised and are no noun.
CONNECTIVES = _words(
    """Also Denn Dann Deswegen Darum Nämlich Ja Eben Sonst Indes Indessen Freilich Genau Gerade
    Ferner Überdies Andererseits Einerseits Umgekehrt Ohnehin Sowieso Letztlich Endlich
    Plötzlich Insofern Ansonsten Wiederum Abschließend Hierbei Hierzu Trotzdem Dennoch Jedoch"""
)


def _owner_before_noun(index: DocIndex, cand: Candidate) -> bool:
    """A name ending in -s followed by inflected adjectives and a capitalised noun ("Maiers
    früherer Chef", "Wiens neue Bürgermeisterin"): the name is a Saxon genitive."""
    doc = index.doc
    if cand.mention is None or not doc[cand.end - 1].text.endswith("s"):
        return False
    if cand.np_start >= 0 and cand.np_start != cand.start:
        return False  # "ein Sprecher Konvičkas": a Saxon genitive takes no article nor title
    j = cand.end
    while j < len(doc) and j < cand.end + 2 and _inflected_adjective(doc[j].text):
        j += 1
    return j > cand.end and j < len(doc) and phrases.is_noun_like(doc[j].text)


def _inflected_adjective(word: str) -> bool:
    return (
        word.isalpha()
        and word.islower()
        and word.endswith(("e", "en", "er", "es", "em"))
        and word not in de.DETERMINERS
        and word not in de.PAST_FINITE
        and word not in de.PRESENT_FINITE
        and not lexicon.cues().verb_hits(word)
    )


def agent(doc: Doc, index: DocIndex, clause: tuple[int, int], cue: Cue) -> Span | None:
    agents = [c for c in phrases.candidates(index, *clause) if c.prep in de.AGENT_PREPOSITIONS]
    return source_span(doc, index, agents[0]) if agents else None


def subject(doc: Doc, index: DocIndex, clause: tuple[int, int], cue: Cue) -> Candidate | None:
    """The speaker: the prefield before the cue verb, else the subject right after it ("warnte
    er"). A prefield that opens with a preposition is one adverbial phrase ("Trotz gesunkener
    Zahlen sieht er ..."): the subject then follows the verb."""
    skip = {cue.particle} if cue.particle is not None else set()
    first = clause[0]
    if (
        first + 2 < cue.start
        and doc[first].lower_ in de.PREPOSITIONS
        and doc[first + 1].lower_ in de.RELATIVE_PRONOUNS
    ):
        first += 2  # "in dem der Diplomat ... vorwarf": the relative pronoun is no article
    antecedent = _relative_subject(index, first, cue)
    if antecedent is not None:
        return antecedent
    before = _bare(index, phrases.candidates(index, first, cue.start))
    if before and all(_object_case(doc, c) for c in before):
        # "Dem Magazin X sagte Anna Berger": a dative or accusative before the verb is no subject
        nominative = after(index, clause, cue, skip)
        if nominative is not None:
            return nominative
    verb_second = any(doc[i].is_alpha for i in range(cue.end, clause[1]))
    if before and not (verb_second and doc[clause[0]].lower_ in de.PREPOSITIONS):
        one = _one_of(index, first, cue.start)
        return one if one is not None and one.end >= before[0].end else before[0]
    quoting = _quoting_speaker(index, clause, cue) if not before else None
    if quoting is not None:
        return quoting
    if not before and not verb_second:
        return _described(index, first, cue.start)
    return after(index, clause, cue, skip) or (
        _described(index, first, cue.start) if not before else None
    )


# Articles that are never nominative; "der" is not either before a feminine noun ("Der Zeitung
# sagte sie"), known by its suffix.
OBJECT_CASE_ARTICLES = frozenset({"dem", "den", "einem", "einen", "einer"})
FEMININE_SUFFIXES = ("ung", "heit", "keit", "schaft", "tion", "sion", "tät", "agentur", "ei")


def _object_case(doc: Doc, cand: Candidate) -> bool:
    if cand.pronoun or cand.np_start < 0 or cand.np_start >= cand.start:
        return False
    article = doc[cand.np_start].lower_
    noun = doc[cand.np_start + 1].lower_
    return article in OBJECT_CASE_ARTICLES or (
        article == "der" and noun.endswith(FEMININE_SUFFIXES)
    )


# Relative pronouns that are the subject of their clause: nominative forms ("der", "die", "das").
SUBJECT_RELATIVES = frozenset({"der", "die", "das"})


def _relative_subject(index: DocIndex, first: int, cue: Cue) -> Candidate | None:
    """ "Der Minister, der die Vorwürfe zurückweist, ...": in a relative clause whose pronoun
    follows a person or a body, the pronoun is the subject and the speaker is that antecedent
    (5.4: a pronoun takes its naming mention). After a thing ("die Vorwürfe, die der Minister
    zurückweist") the pronoun is the object and the subject follows it."""
    doc = index.doc
    if first == 0 or first >= cue.start or doc[first - 1].text != ",":
        return None
    if doc[first].lower_ not in SUBJECT_RELATIVES or doc[cue.start].text[:1].isupper():
        return None
    start = doc[first].sent.start
    ante = [c for c in phrases.candidates(index, start, first - 1) if c.end == first - 1]
    if not ante or ante[-1].pronoun:
        return None
    cand = ante[-1]
    if cand.mention is not None and cand.mention.type in ("PER", "ORG"):
        return cand
    head = doc[cand.head].lower_
    return cand if AGENT_HEAD.search(head) or PEOPLE_ADJECTIVES.search(head) else None


# Nominalised adjectives and participles that name people ("die Verdächtigen", "der Angeklagte").
PEOPLE_ADJECTIVES = re.compile(
    r"(verdächtige|angeklagte|beschuldigte|abgeordnete|betroffene|verantwortliche|angehörige|"
    r"beamte|angestellte|vorsitzende|gefangene|inhaftierte)[nr]?$"
)


def _quoting_speaker(index: DocIndex, clause: tuple[int, int], cue: Cue) -> Candidate | None:
    """ "zeigte sich Berger zuversichtlich: Ich glaube, dass ...": in direct speech opened by a
    colon, "ich"/"wir" at the cue is the one who opens it, the subject before the colon (5.4: a
    pronoun takes the nearest naming mention, and first-person words name no one in the text)."""
    doc = index.doc
    if not any(
        doc[i].lower_ in de.FIRST_PERSON for i in range(clause[0], min(cue.end + 2, clause[1]))
    ):
        return None
    start = doc[clause[0]].sent.start
    colon = clause[0] - 1
    while colon > start and (doc[colon].text in de.QUOTES or doc[colon].is_space):
        colon -= 1
    if colon <= start or doc[colon].text != ":":
        return None
    opening = cues.clauses(doc, start, colon)  # the clause before the colon, not a claim before it
    span = opening[-1] if opening else (start, colon)
    bare = _bare(index, phrases.candidates(index, *span))
    named = [c for c in bare if c.mention is not None and c.mention.type in ("PER", "ORG")]
    return (named or bare or [None])[0]


AGE = re.compile(r"^\d{1,3}-[Jj]ährigen?r?$")
SUBJECT_ARTICLES = {"der", "die", "ein", "eine"}


ONE_OF = frozenset({"einer", "eine", "keiner", "keine"})
ONE_OF_NEXT = frozenset({"von", "der", "des", "aus"})


def _described(index: DocIndex, start: int, end: int) -> Candidate | None:
    """A speaker named without a capitalised noun of its own: an age, one of a group, or a
    spokeswoman."""
    return (
        _age_description(index.doc, start, end)
        or _one_of(index, start, end)
        or _role_noun(index.doc, start, end)
    )


# Role nouns that name a person but are kept out of the common noun phrases (de.STOP_NOUNS, where
# they stay for event arguments): "so die Sprecherin", "sagte eine Sprecherin".
ROLE_NOUNS = frozenset({"Sprecherin"})


def _role_noun(doc: Doc, start: int, end: int) -> Candidate | None:
    for i in range(max(start, 1), end):
        if doc[i].text in ROLE_NOUNS and doc[i - 1].lower_ in de.DETERMINERS:
            return Candidate(i, i + 1, i, np_start=i - 1)
    return None


def _one_of(index: DocIndex, start: int, end: int) -> Candidate | None:
    """ "erklärte einer von ihnen", "Eine der Anrainerinnen sagte": an indefinite pronoun with a
    partitive group is the speaker (5.4: a description); the group alone is a genitive or a
    preposition's object."""
    doc = index.doc
    for i in range(start, min(end - 1, start + 2)):
        if doc[i].lower_ not in ONE_OF or doc[i + 1].lower_ not in ONE_OF_NEXT:
            continue
        group = [c for c in phrases.candidates(index, i + 1, end) if c.start <= i + 3]
        if group:
            return Candidate(i, group[0].end, i, np_start=i)
    return None


def _age_description(doc: Doc, start: int, end: int) -> Candidate | None:
    """ "der 72-Jährige", "eine 45-Jährige": an age description names a person (5.4), though no
    capitalised word makes it a noun phrase."""
    for i in range(max(start, 1), end):
        if AGE.match(doc[i].text) and doc[i - 1].lower_ in SUBJECT_ARTICLES:
            return Candidate(i, i + 1, i, np_start=i - 1)
    return None


def after(
    index: DocIndex, clause: tuple[int, int], cue: Cue, skip: set[int] | None = None
) -> Candidate | None:
    after = _bare(index, phrases.candidates(index, cue.end, clause[1], skip))
    if not after:
        return _described(index, cue.end, clause[1])
    return owner_named(index, after) or after[0]


GENITIVE_REACH = 6  # tokens from a Saxon genitive to the name of whom it owns


def owner_named(index: DocIndex, after: list[Candidate]) -> Candidate | None:
    """ "sagte Maiers nach Schweden ausgewanderte Schwester Eva Roth": a name in the Saxon genitive,
    then a description and a person's name: the speaker is that person."""
    doc = index.doc
    first = after[0]
    if first.mention is None or not doc[first.end - 1].text.endswith("s") or len(after) < 2:
        return None
    for cand in after[1:]:
        if cand.start - first.end > GENITIVE_REACH:
            return None
        if cand.mention is not None and cand.mention.type == "PER":
            between = range(first.end, cand.start)
            if any(doc[i].text in (",", "(", ")") or doc[i].lower_ in de.AUX for i in between):
                return None
            return cand
    return None


def speaker_after(index: DocIndex, clause: tuple[int, int], cue: Cue) -> bool:
    """ ", sagte er" / ", sagte ein Sprecher": someone stands after the verb, named or not."""
    return bool(_bare(index, phrases.candidates(index, cue.end, clause[1]))) or (
        _described(index, cue.end, clause[1]) is not None
    )


def first_bare(
    doc: Doc, index: DocIndex, start: int, end: int, skip: set[int] | None = None
) -> Span | None:
    bare = [
        c
        for c in _bare(index, phrases.candidates(index, start, end, skip))
        if not _amount(doc, c.head)
    ]
    return source_span(doc, index, bare[0]) if bare else None


def _amount(doc: Doc, head: int) -> bool:
    """An amount's head, or a number word before one ("Drei" of "Drei Millionen Euro")."""
    after = doc[head + 1].lower_ if head + 1 < len(doc) else ""
    return doc[head].like_num or doc[head].lower_ in _AMOUNTS or after in _AMOUNTS


# Heads of an amount, never a speaker: "Zwei Millionen Euro hat die Partei nach eigenen Angaben
# ausgegeben" (an object put first) is the party's statement.
_AMOUNTS = _words(
    """euro dollar franken pfund yen rubel prozent million millionen milliarde milliarden
    tonnen kilometer stück"""
)


def source_span(doc: Doc, index: DocIndex, cand: Candidate) -> Span | None:
    if not cand.pronoun:
        return phrases.np_span(doc, cand)
    word = doc[cand.start].lower_
    if word in de.NO_SOURCE_WORDS:
        return None
    mention = phrases.resolve_pronoun(index, cand.start, person=word in de.MASCULINE_PRONOUNS)
    if mention is None or mention.text in CONNECTIVES:
        return None  # "Also" tagged as a name by the recogniser stands for no one
    return Span(mention.start, mention.end, mention.text)


APPOSITION_REACH = 10  # tokens from a description to the name after its comma


def named_apposition(
    doc: Doc, index: DocIndex, source: Span | None, claim: tuple[int, int] = (0, 0)
) -> Span | None:
    """The naming mention of a claim's speaker: the name apposed to a description, then the
    nearest mention before the claim when the speaker was introduced in an earlier sentence."""
    named = _apposed_name(doc, index, source, claim)
    return nearest_mention(doc, index, named, claim[0]) if claim != (0, 0) else named


def _apposed_name(
    doc: Doc, index: DocIndex, source: Span | None, claim: tuple[int, int] = (0, 0)
) -> Span | None:
    """ "der Verhandlungsführer der Regierung, Juan Carlos de la Vega": a description followed by a
    comma and a person's name is named by that name (5.4: the naming mention). When the speaker
    stands before the claim (`claim`, token indices), a name inside the claim is what is said, not
    who says it ("Ein Diplomat sagte, Xi wolle …")."""
    if source is None:
        return None
    span = doc.char_span(source.start, source.end, alignment_mode="expand")
    if span is None or any(_person_at(index, i) for i in range(span.start, span.end)):
        return source
    if doc[span.end - 1].lower_.endswith(tuple(de.ANAPHORIC_SOURCE)):
        return source  # "Medienberichten zufolge ...": a document has no apposed name
    for j in range(span.end, min(span.end + APPOSITION_REACH, span.sent.end) - 1):
        if (
            doc[j].text in (".", ":", ";")
            or doc[j].lower_ in de.POSTPOSITIONS
            or _verb_or_clause_word(doc, j)
        ):
            return source
        if doc[j].text != ",":
            continue
        k = (
            j + 2
            if j + 1 not in index.mention_at and phrases.is_noun_like(doc[j + 1].text)
            else j + 1
        )
        hit = index.mention_at.get(k)  # ", Verbandspräsident Karl Huber": a title before the name
        if hit is None or hit[0] != k or hit[2].type != "PER":
            return source
        if claim[0] <= hit[0] < claim[1] and span.end <= claim[0]:
            return source  # the speaker before the claim, the name inside it
        closes = hit[1] >= len(doc) or doc[hit[1]].text in (",", ".", ")")
        if closes or doc[hit[1]].text[:1].islower():
            return Span(hit[2].start, hit[2].end, hit[2].text)
        return source
    return source


def _person_at(index: DocIndex, i: int) -> bool:
    hit = index.mention_at.get(i)
    return hit is not None and hit[2].type == "PER"


def _verb_or_clause_word(doc: Doc, j: int) -> bool:
    """A lower-case word that is no determiner, preposition or inflected adjective ends the phrase
    of the source. A verb of saying or a finite auxiliary does too, though it may end like an
    adjective ("Ein Beamter sagte, Weber wolle ...": the comma opens what is said)."""
    word = doc[j].lower_
    if not doc[j].text[:1].islower():
        return False
    if word in de.PAST_FINITE or word in de.PRESENT_FINITE or lexicon.cues().verb_hits(word):
        return True
    return (
        word not in de.DETERMINERS
        and word not in de.PREPOSITIONS
        and not word.endswith(("e", "en", "er", "es", "em"))
    )
