"""The argument frame of one event (Roles) and what the role rules know about its clause
(ClauseContext), with the helpers that verb, noun and participle rules share."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Doc

from chronik.nlp.events import phrases
from chronik.nlp.events.phrases import Candidate, DocIndex
from chronik.nlp.lang import de
from chronik.types import Span

TARGET_PREPS = {
    "ASSAULT": {"auf", "gegen"},
    "ACCUSE": {"gegen"},
    "REQUEST": {"an"},
    "CONSULT": {"mit"},
    "COOPERATE": {"mit", "an"},
    "AGREE": {"mit"},
    "SUPPORT": {"für"},
    "SANCTION": {"gegen"},
    "PROTEST": {"gegen"},
    "THREATEN": {"gegen"},
    "REJECT": set(),
    "AID": {"an", "für"},
    "COERCE": set(),
    "MOBILIZE": set(),
    "CONCEDE": set(),
    "RETREAT": set(),
}


# Heads of noun phrases that can be addressed by a demand: people, groups, institutions.
ADDRESSEE_HEAD = re.compile(
    r"(er|ern|erin|erinnen|in|innen|leute|volk|regierung|partei|parteien|behörde|behörden|"
    r"ministerium|staaten|länder|land|mitglieder|bürger|partner|verbündeten|gemeinschaft|"
    r"kommission|rat|polizei|armee|justiz|gericht|konzern|unternehmen|firma|firmen|seite|"
    r"seiten|führung|opposition|rebellen|kämpfer|demonstranten|verantwortlichen|reich|staat|"
    r"republik|regime)$"
)
# Heads that name who can do something: parties above, and armed forces.
AGENT_HEAD = re.compile(
    ADDRESSEE_HEAD.pattern[:-2]
    + r"|truppen|soldaten|streitkräfte|kräfte|einheiten|miliz|militär)(e|n|en|s|es)?$"
)


LIST_REACH = 6  # conjuncts after a comma before the closing "und" of a list

CONTROLLER_OBJECT = {
    "ACCUSE",
    "REQUEST",
}  # "X wirft Y vor, ... zu tun": Y is the actor of the complement


@dataclass
class Roles:
    actor: list[Candidate] = field(default_factory=list)
    target: list[Candidate] = field(default_factory=list)
    place: list[Candidate] = field(default_factory=list)
    time: list[Span] = field(default_factory=list)


@dataclass
class ClauseContext:
    """What arguments of one trigger can see: its sentence's clauses and the roles found so far."""

    index: DocIndex
    sent_start: int
    sentence_clauses: list[tuple[int, int]]
    verbs: set[int]  # tokens that are verb triggers or verb cues, for finding the finite position
    previous: dict[tuple[int, int], Roles] = field(
        default_factory=dict
    )  # roles per clause, for zu-clauses
    previous_types: dict[tuple[int, int], str] = field(default_factory=dict)
    nouns: set[int] = field(default_factory=set)  # tokens that are noun triggers


def controller(
    clause: tuple[int, int], ctx: ClauseContext, object_control: bool = True
) -> list[Candidate]:
    """The actor of a zu-infinitive: the object of "vorwerfen"/"auffordern", else the subject before
    it."""
    before = [c for c in ctx.sentence_clauses if c[1] <= clause[0]]
    for prev in reversed(before):
        roles = ctx.previous.get(prev)
        if roles is None:
            continue
        if object_control and ctx.previous_types.get(prev) in CONTROLLER_OBJECT and roles.target:
            return list(roles.target)
        return list(roles.actor)
    if before:
        bare = [c for c in phrases.candidates(ctx.index, *before[-1]) if c.prep is None]
        return bare[:1]
    return []


def with_conjuncts(doc: Doc, picked: list[Candidate], pool: list[Candidate]) -> list[Candidate]:
    """ "Shoigu und Lukaschenko": both are actors."""
    if not picked:
        return []
    out = list(picked)
    last = picked[-1]
    for cand in pool:
        if cand.start <= last.end or cand in out:
            continue
        between = [doc[i].lower_ for i in range(last.end, max(cand.np_start, last.end))]
        while len(between) > 1 and _numeral(between[-1]):
            between.pop()  # "176 Zivilisten und 27 Soldaten": a number opens the conjunct
        if between and between[0] in de.CONJUNCTIONS and len(between) == 1:
            out.append(cand)
            last = cand
        elif between == [","] and _list_closed(doc, cand, pool):
            out.append(cand)  # "Waffen, Sprengstoff und Motorräder"
            last = cand
        else:
            break
    return out


def _numeral(word: str) -> bool:
    return word in de.NUMBERS or word.replace(".", "").replace(",", "").isdigit()


def _list_closed(doc: Doc, cand: Candidate, pool: list[Candidate]) -> bool:
    """A comma joins conjuncts only in a list that an "und"/"oder" closes: the candidate after
    `cand` follows a conjunction (or another comma of the same list)."""
    later = [c for c in pool if c.start > cand.end]
    for nxt in later[:LIST_REACH]:
        between = [doc[i].lower_ for i in range(cand.end, max(nxt.np_start, cand.end))]
        if len(between) == 1 and between[0] in de.CONJUNCTIONS:
            return True
        if between != [","]:
            return False
        cand = nxt
    return False


def may_be_subject(doc: Doc, cand: Candidate) -> bool:
    """ "einen Pilzsucher", "dem Minister": an accusative or dative article rules out the
    subject."""
    start = cand.np_start if cand.np_start >= 0 else cand.start
    return doc[start].lower_ not in de.OBJECT_ARTICLES


def classifier(doc: Doc, cand: Candidate) -> bool:
    """ "vom Typ A-50", "von der Marke X": the phrase opens with a noun of kind or measure."""
    first = cand.np_start if cand.np_start >= 0 else cand.start
    return any(doc[i].text in de.CLASSIFIER_NOUNS for i in range(first, min(first + 2, cand.end)))


def attributive_von(index: DocIndex, cand: Candidate) -> bool:
    """ "in der Nähe von Casablanca festgenommen", "den Attentätern von Paris": a von-phrase with a
    place name right after a common noun modifies that noun and is no passive agent (a date or a
    name before it is no such noun: "am Montag von Russland angegriffen")."""
    doc = index.doc
    if cand.mention is None or cand.mention.type != "LOC":
        return (
            False  # "dass ein Jogger von einem Bären angegriffen wurde": a subject, then its agent
        )
    first = cand.np_start if cand.np_start >= 0 else cand.start
    prep = first - 1
    before = prep - 1
    if prep < 0 or doc[prep].lower_ not in ("von", "vom") or before < 0:
        return False
    word = doc[before]
    return (
        word.is_alpha
        and word.text[:1].isupper()
        and not word.is_sent_start
        and before not in index.timex_at
        and before not in index.mention_at  # "nach Angaben aus Kiew von den Emiraten vermittelt"
    )
