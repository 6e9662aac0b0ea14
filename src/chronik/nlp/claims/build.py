"""From cues to claims: the proposition span, its source and its certainty, one sentence at a time.

Where the attribution is its own clause the span is the complement ("X wirft Y vor, [P]", "[P],
sagte X", "Wie X mitteilte, [P]"); where the cue is built in ("nach Angaben", "laut", "soll") it is
the clause; a cue verb without a complement ("Die russische Seite bestreitet das") spans its
sentence and refers back.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from spacy.tokens import Doc

from chronik.nlp.claims import speakers
from chronik.nlp.claims.cues import Cue
from chronik.nlp.events import phrases, segment
from chronik.nlp.events.phrases import Candidate, DocIndex
from chronik.nlp.lang import de
from chronik.types import Span

# Comma clauses a complement runs over at most: a proposition is seldom longer, and the bound keeps
# a 10,000-token sentence with many cues linear.
MAX_COMPLEMENT = 12
RANK = {"asserted": 0, "reported": 1, "unconfirmed": 2, "alleged": 3, "denied": 4}
TRIM = de.QUOTES | {",", ";", ":", "-", "–", "—", ".", "!", "?", "…", "(", ")"}
DENIAL_WORDS = re.compile(
    r"\b(lüge|lügen|haltlos|falsch|unwahr|erfunden|propaganda|fake|unsinn|fälschung|gefälscht)\b"
)


@dataclass
class Draft:
    """A claim before ids and links: token range of the proposition plus what decides its
    certainty."""

    start: int
    end: int
    certainty: str
    sentence: int
    cue: Cue | None = None
    source: Span | None = None
    complement: bool = False  # the span is a proposition of its own, not a reference back
    refers_back: bool = False  # "Das teilte X mit": the proposition is the previous sentence
    words: frozenset[str] = frozenset()  # lower-cased words of its sentence
    continues: bool = False  # goes on with the claim before (subjunctive, "Demnach", quote)
    hedged_on: bool = False  # the same speaker goes on with a hedged proposition of its own
    tokens: tuple[str, ...] = ()  # words of the proposition span, as written
    names: frozenset[str] = frozenset()  # canonical names mentioned in its sentence
    source_names: frozenset[str] = frozenset()  # canonical names inside its source
    object_types: frozenset[str] = frozenset()  # event types between a denial's cue and span
    contrast: bool = False  # told as the other side's account ("sagten hingegen")
    pronoun: int | None = None  # token of "er"/"sie" that named the speaker
    speaker: str | None = None  # surname of the person the source names, also by a title
    rule: str = ""
    said_with: Draft | None = None  # the claim it was cut from, whose speaker it shares
    events: list[str] = field(default_factory=list)
    contradicts: list[str] = field(default_factory=list)

    def raise_to(self, certainty: str) -> None:
        if RANK[certainty] > RANK[self.certainty]:
            self.certainty = certainty


@dataclass
class Sentence:
    index: int
    start: int
    end: int
    clauses: list[tuple[int, int]]


def draft_for(doc: Doc, index: DocIndex, sent: Sentence, cue: Cue) -> Draft | None:
    if cue.entry is not None and cue.entry.pos == "V":
        return _verb_draft(doc, index, sent, cue)
    if cue.kind == "phrase":
        return _phrase_draft(doc, index, sent, cue)
    start, end = whole(sent)
    return Draft(start, end, cue.certainty, sent.index, cue, rule=cue.rule_id)


def _verb_draft(doc: Doc, index: DocIndex, sent: Sentence, cue: Cue) -> Draft | None:
    ci = _clause_index(sent, cue.start)
    if ci is None:
        return None
    clause = sent.clauses[ci]
    last_part = cue.particle if cue.particle is not None else cue.start
    pi = _clause_index(sent, last_part)
    first_after = (pi if pi is not None else ci) + 1
    after = _complement(doc, sent.clauses[first_after : first_after + MAX_COMPLEMENT])
    if after and not _proposition(doc, after[0], cue):
        return None
    if after and _open_question(doc, clause, after[0]):
        return None
    draft = Draft(*whole(sent), cue.certainty, sent.index, cue, rule=cue.rule_id)
    opener = doc[clause[0]].lower_
    inverted = (
        ci > 0
        and (cue.start == clause[0] or opener == "so")
        and speakers.speaker_after(index, clause, cue)
        and not _colon_after(doc, after)
    )
    if inverted:
        draft.start, draft.end = sent.clauses[0][0], sent.clauses[ci - 1][1]  # "P, sagte X"
        _speaker(doc, index, draft, speakers.after(index, clause, cue))
        draft.complement = True
    elif opener == "wie" and len(sent.clauses) > 1:  # "Wie X mitteilte, P"
        others = [c for c in sent.clauses if c != clause]
        draft.start, draft.end = others[0][0], others[-1][1]
        draft.source = speakers.first_bare(doc, index, clause[0] + 1, cue.start)
        if cue.entry is not None and cue.entry.lemma == "hervor|gehen":
            draft.source = _document(doc, index, clause, cue)
        draft.complement = True
    else:
        if after:
            draft.start, draft.end = after[0][0], after[-1][1]
            draft.complement = True
        elif not _standalone_ok(doc, clause, cue):
            return None
        elif ci > 0 and _final_verb_relative(doc, clause, cue):
            # "X, der jede Schuld bestreitet, trat zurück": the relative clause (5.3)
            draft.start, draft.end = clause
        if _passive_cue(doc, clause, cue):
            draft.source = speakers.agent(doc, index, clause, cue)
        else:
            _speaker(doc, index, draft, speakers.subject(doc, index, clause, cue))
        if draft.source is None and after and ci > 0 and cue.start == clause[0]:
            # "X und der Klubchef, Y, gaben an, ...": the subject stands before the commas
            first = sent.clauses[0]
            draft.source = speakers.first_bare(doc, index, first[0], first[1])
        draft.refers_back = (
            not after
            and opener in de.BACK_REFERENCES
            and cue.kind in ("say", "report")
            and clause[0] + 1 < clause[1]
            and doc[clause[0] + 1].text[:1].islower()
            and not _names_as(doc, clause, cue)
        )
    if draft.source is None and cue.entry is not None and cue.entry.lemma in IMPERSONAL:
        draft.source = _where_said(doc, index, clause, cue)
    if cue.kind == "say" and DENIAL_WORDS.search(" ".join(doc[i].lower_ for i in range(*clause))):
        draft.certainty = "denied"  # "nannte die Berichte haltlos"
    return draft


IMPERSONAL = {"heißen", "verlauten"}


def _names_as(doc: Doc, clause: tuple[int, int], cue: Cue) -> bool:
    """ "So bezeichnete X Y als Z": the object is the proposition (5.3), no reference back."""
    naming = cue.entry is not None and cue.entry.lemma in ("bezeichnen", "nennen")
    return naming and any(doc[i].lower_ == "als" for i in range(cue.end, clause[1]))


def _document(doc: Doc, index: DocIndex, clause: tuple[int, int], cue: Cue) -> Span | None:
    """ "wie aus einer der Zeitung vorliegenden Liste der Behörde hervorgeht": the noun that the
    aus-phrase ends with, before its genitive, is the document."""
    cands = [c for c in phrases.candidates(index, clause[0], cue.start) if not c.genitive]
    return phrases.np_span(doc, cands[-1]) if cands else None


def _where_said(doc: Doc, index: DocIndex, clause: tuple[int, int], cue: Cue) -> Span | None:
    """ "hieß es aus dem Ministerium", "heißt es in einem Bericht": the place of the saying names
    its source (a bare "hieß es" names none)."""
    near = {doc[i].lower_ for i in range(cue.end, min(clause[1], cue.end + 3))}
    if "darin" in near and doc[clause[0]].sent.start > 0:
        # "Die Partei veröffentlichte ein Papier. ... heißt es darin": the thing named before
        before = doc[doc[clause[0]].sent.start - 1].sent
        named = [c for c in phrases.candidates(index, before.start, before.end) if not c.genitive]
        return phrases.np_span(doc, named[-1]) if named else None
    after = phrases.candidates(index, cue.end, min(clause[1], cue.end + 8))
    for cand in after + phrases.candidates(index, clause[0], cue.start):
        if cand.prep in ("aus", "in", "im", "seitens") and not cand.genitive:
            if cand.prep in ("in", "im") and (
                cand.mention is not None or cand.np_start == cand.start
            ):
                return None  # "hieß es in Kiew" (a place), "im Vorfeld": not a speaker
            return phrases.np_span(doc, cand)
    return None


def _open_question(doc: Doc, clause: tuple[int, int], complement: tuple[int, int]) -> bool:
    """ "äußerte sich nicht dazu, ob ...", "sagte nicht, wann ...": an indirect question states
    nothing; a question word after a negated cue is a refusal to say."""
    first = doc[complement[0]].lower_
    if first == "ob":
        return True
    negated = any(doc[i].lower_ in de.NEGATORS for i in range(*clause))
    return negated and first in de.QUESTION_WORDS


def _colon_after(doc: Doc, after: list[tuple[int, int]]) -> bool:
    """ "..., sagte Kurz: So ist es!": a colon after the cue's clause opens what the speaker says;
    what stands before the cue (a journalist's question) is not the speaker's."""
    return bool(after) and after[0][0] > 0 and doc[after[0][0] - 1].text == ":"


def _standalone_ok(doc: Doc, clause: tuple[int, int], cue: Cue) -> bool:
    """A cue verb without a complement clause makes a claim of its object ("bestätigte den
    Angriff"), not of a topic ("berichtete über die Truppen"), a negated one or one that needs a
    complement."""
    if cue.entry is not None and "complement" in cue.entry.flags:
        return False
    words = {doc[i].lower_ for i in range(*clause)}
    if cue.kind in ("say", "report") and words & {"nicht", "kein", "keine", "nichts"}:
        return False
    return not (cue.kind == "report" and "über" in words)


def _complement(doc: Doc, following: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The clauses after the cue, up to a coordinated main clause ("..., und forderte die EU auf,
    ...")."""
    out = []
    if following and _relative_clause(doc, following[0]):
        # "meldete die Gruppe BYPOL, die sich zu dem Anschlag bekannte": about the speaker
        return []
    for clause in following:
        first = doc[clause[0]].lower_
        if (
            out
            and first in de.CLAUSE_COORDINATORS
            and clause[0] + 1 < clause[1]
            and doc[clause[0] + 1].text[:1].islower()
        ):
            break
        out.append(clause)
    if out and not clause_like(doc, out[0]):
        return []
    return out


def _final_verb_relative(doc: Doc, clause: tuple[int, int], cue: Cue) -> bool:
    """ "..., der jede Schuld bestreitet, ...": a relative pronoun (no article: "..., die Flucht
    vorgeworfen") after a comma and a noun, the cue verb last in the clause."""
    start, end = clause
    return (
        start >= 2
        and doc[start - 1].text == ","
        and doc[start - 2].text[:1].isupper()
        and doc[start].lower_ in de.RELATIVE_PRONOUNS
        and (doc[start].lower_ in ("dessen", "deren") or not doc[start + 1].text[:1].isupper())
        and cue.start == max(i for i in range(start, end) if doc[i].is_alpha)
        and end - start >= 3
    )


def _relative_clause(doc: Doc, clause: tuple[int, int]) -> bool:
    """A relative clause on the noun before the comma: a relative pronoun that no noun follows ("die
    sich", "der am Montag"), where an article would open a complement's subject ("die Truppen hätten
    ...")."""
    if (
        clause[0] == 0
        or clause[0] + 1 >= clause[1]
        or doc[clause[0]].lower_ not in de.RELATIVE_PRONOUNS
    ):
        return False
    before = doc[clause[0] - 2] if clause[0] >= 2 else None
    if before is None or not before.text[:1].isupper():
        return False
    return doc[clause[0] + 1].lower_ in de.RELATIVE_NEXT


def _proposition(doc: Doc, clause: tuple[int, int], cue: Cue) -> bool:
    """ "warnte davor, Russland zu unterschätzen" is a warning, not a proposition (flag no-zu)."""
    if cue.entry is not None and "indirect" in cue.entry.flags:
        # "fürchten, dass ...", "fürchten, sie könnten ...", not "Konsequenzen fürchten, noch ..."
        words = {doc[i].lower_ for i in range(*clause)}
        marks = de.SUBJUNCTIVE | de.SUBJUNCTIVE_II | {"dass", "daß", "könnte", "könnten"}
        if doc[clause[0]].lower_ not in ("dass", "daß") and not words & marks:
            return False
    if cue.entry is None or "no-zu" not in cue.entry.flags:
        return True
    return doc[clause[0]].lower_ in ("dass", "daß", "ob") or not segment.has_zu_infinitive(
        doc, clause
    )


def clause_like(doc: Doc, clause: tuple[int, int]) -> bool:
    """A complement has a verb or an opener; "..., darunter erstmals ein Patriot-System" has
    neither."""
    first = doc[clause[0]].lower_
    if first in de.SUBORDINATORS or first in {"wer", "was", "wann", "warum", "weshalb"}:
        return True
    second = doc[clause[0] + 1].lower_ if clause[0] + 1 < clause[1] else ""
    if doc[clause[0]].text[:1].islower() and second in de.SHARED_SUBJECT:
        return False  # "hat ... ausgeschlossen, gehört aber zu ...": the same subject goes on
    if segment.has_zu_infinitive(doc, clause):
        return True
    for i in range(clause[0] + 1, clause[1]):
        word = doc[i].lower_
        if word in de.AUX or word in de.SUBJUNCTIVE or word in de.SUBJUNCTIVE_II:
            return True
        if (
            doc[i].text[:1].islower()
            and doc[i].is_alpha
            and word not in de.NOT_VERBS
            and (word.endswith(("t", "te", "ten", "en")) or _eln_ern_verb(word))
        ):
            return True
    return False


def _eln_ern_verb(word: str) -> bool:
    """ "koppeln", "ändern", "fördern": verbs whose infinitive and plural end in -eln/-ern."""
    return len(word) > 5 and word.endswith(("eln", "ern")) and word not in de.NOT_VERBS_ERN


def _phrase_draft(doc: Doc, index: DocIndex, sent: Sentence, cue: Cue) -> Draft:
    start, end = whole(sent)
    ci = _clause_index(sent, cue.start)
    if (
        ci is not None
        and ci > 0
        and segment.clause_kind(doc, sent.clauses[ci], sent.start) in ("rel", "sub")
    ):
        start = sent.clauses[ci][0]
    if ci is not None:
        end = phrase_end(doc, sent, ci)
    draft = Draft(start, end, cue.certainty, sent.index, cue, rule=cue.rule_id, complement=True)
    draft.source = _phrase_source(doc, index, sent, cue)
    return draft


def phrase_end(doc: Doc, sent: Sentence, ci: int) -> int:
    """A built-in cue covers its clause and what depends on it, not a coordinated main clause after
    it ("nach Angaben der Stadtverwaltung schlugen Geschosse ein, auch Lwiw wurde getroffen")."""
    end = sent.clauses[ci][1]
    for clause in sent.clauses[ci + 1 :]:
        kind = segment.clause_kind(doc, clause, sent.start)
        words = [doc[i].lower_ for i in range(*clause)]
        indirect = any(w in de.SUBJUNCTIVE or w in de.SUBJUNCTIVE_II for w in words)
        if kind == "main" and any(w in de.AUX for w in words) and not indirect:
            # a subjunctive clause ("die Ukraine könne ... einsetzen") is reported speech that goes
            # on
            break
        end = clause[1]
    return end


def _phrase_source(doc: Doc, index: DocIndex, sent: Sentence, cue: Cue) -> Span | None:
    word = doc[cue.start].lower_
    last = doc[cue.end - 1]
    if word == "demnach":
        return None
    if word in ("derzufolge", "denenzufolge"):
        # "eine Umfrage des Instituts, derzufolge ...": the noun before the comma
        ci = _clause_index(sent, cue.start)
        if ci is None or ci == 0:
            return None
        bare = [c for c in phrases.candidates(index, *sent.clauses[ci - 1]) if not c.genitive]
        bare = [c for c in bare if c.prep is None] or bare
        return phrases.np_span(doc, bare[-1]) if bare else None
    if word == "zufolge":
        before = [
            c
            for c in phrases.candidates(index, max(sent.start, cue.start - 6), cue.start)
            if c.end == cue.start
        ]
        if (
            cue.start >= 2
            and doc[cue.start - 1].lower_ in de.ANAPHORIC_SOURCE
            and cue.start - 2 in index.mention_at
        ):
            # "den russischen Angaben zufolge": the adjective names the source, as after "nach"
            mention = index.mention_at[cue.start - 2][2]
            return Span(mention.start, mention.end, mention.text)
        if not before:
            return None
        if doc[before[-1].head].lower_ in de.ANAPHORIC_SOURCE:
            # "den ukrainischen Angaben zufolge": the adjective names the source, as after "nach"
            first = before[-1].np_start if before[-1].np_start >= 0 else before[-1].start
            inner = [
                index.mention_at[i][2]
                for i in range(first, before[-1].head)
                if i in index.mention_at
            ]
            return Span(inner[0].start, inner[0].end, inner[0].text) if inner else None
        return phrases.np_span(doc, before[-1])
    if (
        word == "nach"
        and last.lower_ not in de.ANAPHORIC_SOURCE
        and last.lower_.endswith(tuple(de.ANAPHORIC_SOURCE))
    ):
        return phrases.token_span(doc, cue.end - 1, cue.end)  # "nach Armeeangaben"
    possessive = {doc[i].lower_ for i in range(cue.start, cue.end)} & {"seinen", "ihren"}
    if word == "nach" and possessive:
        person = "seinen" in possessive
        mention = phrases.resolve_pronoun(index, cue.start, person=person)
        return Span(mention.start, mention.end, mention.text) if mention is not None else None
    if word == "nach" and any(doc[i].lower_ == "eigenen" for i in range(cue.start, cue.end)):
        ci = _clause_index(sent, cue.start)
        clause = sent.clauses[ci] if ci is not None else (sent.start, sent.end)
        return speakers.first_bare(
            doc, index, clause[0], clause[1], skip=set(range(cue.start, cue.end))
        )
    derived = [
        index.mention_at[i][2] for i in range(cue.start + 1, cue.end - 1) if i in index.mention_at
    ]
    if word == "nach" and derived:
        return Span(
            derived[0].start, derived[0].end, derived[0].text
        )  # "nach ukrainischen Angaben"
    following = phrases.candidates(index, cue.end, min(sent.end, cue.end + 6))
    if word == "laut":
        # "Laut dem für Terrorismus zuständigen Staatsanwalt François Molins": the name ends it
        named = [
            c
            for c in phrases.candidates(index, cue.end, min(sent.end, cue.end + LAUT_REACH))
            if c.mention is not None and c.mention.type in ("PER", "ORG") and c.prep is None
        ]
        if named and (not following or following[0].prep not in (None, "laut", "von")):
            return phrases.np_span(doc, named[0])
        # "laut Maiers Anwalt Peter Gruber": the lawyer speaks, not the possessor
        possessor = len(following) > 1 and following[0].genitive and not following[1].genitive
        if possessor and following[1].np_start == following[0].end:
            return phrases.np_span(doc, following[1])
    if not following or following[0].np_start > cue.end + 1:
        return None
    first = following[0]
    bare_place = first.prep == "aus" and first.mention is not None and first.np_start == first.start
    if (
        first.prep in ("von", "vom")
        or bare_place
        or (word == "laut" and first.prep in (None, "laut"))
        or (
            first.prep is None
            and (
                first.mention is not None
                or doc[first.np_start].lower_ in ("des", "der")
                or doc[first.np_start].lower_.endswith("er")  # "nach Angaben lokaler Medien"
            )
        )
    ):
        return phrases.np_span(
            doc, first
        )  # "nach Angaben der UN", "von Diplomaten", "Lukaschenkos"
    return None  # "nach Berichten aus der Region Donezk": a place, not a speaker


def whole(sent: Sentence) -> tuple[int, int]:
    return sent.clauses[0][0], sent.clauses[-1][1]


def _clause_index(sent: Sentence, token: int) -> int | None:
    """Binary search: a 10,000-token sentence has thousands of clauses and many cues."""
    n = bisect_right(sent.clauses, token, key=lambda c: c[0]) - 1
    if n >= 0 and sent.clauses[n][0] <= token < sent.clauses[n][1]:
        return n
    return None


def _passive_cue(doc: Doc, clause: tuple[int, int], cue: Cue) -> bool:
    """ "wurde gemeldet", "wird berichtet": an agentless passive names no source (unless "von
    X")."""
    word = doc[cue.start].lower_
    particle = cue.entry.particle if cue.entry is not None else ""
    participle = (
        word.startswith("ge")
        or bool(particle and word.startswith(particle + "ge"))  # "wird ... vorgeworfen"
        or (cue.entry is not None and not word.endswith(("te", "ten", "en")))
    )
    return participle and any(
        doc[i].lower_ in de.PASSIVE_AUX for i in range(*clause) if i != cue.start
    )


def _speaker(doc: Doc, index: DocIndex, draft: Draft, cand: Candidate | None) -> None:
    """Sets the draft's source from the speaker's phrase; a pronoun is kept in mind for the
    speaker of the claims before ("Er kündigte ... an" after "sagte ein Sprecher")."""
    draft.source = speakers.source_span(doc, index, cand) if cand is not None else None
    if cand is not None and cand.pronoun and doc[cand.start].lower_ in ("er", "sie"):
        draft.pronoun = cand.start
        inside = doc[draft.start].idx, doc[draft.end - 1].idx + len(doc[draft.end - 1])
        if (
            draft.source is not None
            and inside[0] <= draft.source.start < inside[1]
            and doc[draft.start].lower_ in ("er", "sie")
        ):
            # "Sie sei ... des Königs Salman ..., sagte sie": the quote's own subject is the
            # pronoun, so a name deeper inside is someone else
            draft.source = None


def char_span(doc: Doc, start: int, end: int) -> Span | None:
    """The token range without boundary punctuation and quotes at either end."""
    while start < end and doc[start].text in TRIM:
        start += 1
    while end > start and doc[end - 1].text in TRIM:
        end -= 1
    if end <= start:
        return None
    return phrases.token_span(doc, start, end)


LAUT_REACH = 10  # tokens of a long laut-phrase up to its name
