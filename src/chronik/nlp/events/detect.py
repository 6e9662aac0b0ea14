"""Trigger detection: which tokens of a sentence are event triggers, and of which type.

Verbs are looked up among lower-case tokens, nouns (and compounds ending in a known noun) among
capitalised ones. The finite verb of a separable verb counts only when its particle closes the same
clause ("wirft Russland vor,"), which also decides between "weist ... zurück" (REJECT) and "weist
... aus" (SANCTION).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc

from chronik.nlp import extensions
from chronik.nlp.events import segment
from chronik.nlp.events.lexicon import Entry, Lexicon
from chronik.nlp.lang import de

HYPOTHETICAL_HOSTS = {"REQUEST", "THREATEN"}  # "forderte den Rückzug", "drohte mit Sanktionen"
PROPOSAL_REJECTERS = {
    "ab|lehnen"
}  # "lehnt weitere Sanktionen ab": no sanctions; a denial keeps its events
# A ban's object did not happen: "Kundgebungen sind untersagt" (the ban itself is COERCE).
PROHIBITIONS = {"untersagen", "verbieten"}
NOUN_CONTENT_SPAN = 5  # tokens after a demand noun that its content phrase may reach
TOPIC_OF = {
    "CONSULT": "über",
    "REQUEST": "um",
}  # "beraten über Waffenlieferungen", "bat um Waffenlieferungen"
ANYWHERE_IN_CLAUSE = re.compile(r"^(unwahrscheinlich|möglich|denkbar|könnte|könnten)$")
# Words after which a noun trigger is only feared, hoped for or in question: "warnte vor einem
# Angriff", "keine Hinweise auf einen Angriff", "hoffe auf eine Einigung", "hält einen Angriff für
# unwahrscheinlich".
FEAR = re.compile(
    r"^(warn(t|te|ten|en)?|gewarnt|befürcht\w*|fürcht\w*|angst|sorgen?|gefahr|risiko|"
    r"droh(t|te|ten|en)?|angedroht|hoff(t|te|ten|en|e)?|gehofft|hoffnung|hinweise?n?|anzeichen)$"
)
# Habitual or generic clauses; "wie man die Armee bekämpft" is a way of doing, not an occurrence.
HABITUAL = re.compile(
    r"^wie man\b|"
    r"\b(jedes jahr|jeden (montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|tag|monat)|"
    r"regelmäßig\w*|üblicherweise|traditionell\w*)\b"
)


@dataclass
class Trigger:
    token: int
    entry: Entry
    clause: tuple[int, int]
    particle: int | None = None  # token index of the separated particle
    doc: Doc | None = None

    @property
    def type(self) -> str:
        return self.entry.label

    @property
    def is_verb(self) -> bool:
        return self.entry.pos == "V"


def clause_text(doc: Doc, clause: tuple[int, int]) -> str:
    return " ".join(doc[i].lower_ for i in range(*clause))


def find_particle(doc: Doc, i: int, clause: tuple[int, int], particle: str) -> int | None:
    """The particle of a separable verb closes its clause: "schließt ... aus." / "wirft ... vor,
    ..."."""
    for j in range(i + 1, clause[1]):
        if doc[j].lower_ != particle:
            continue
        if j + 1 >= clause[1] or doc[j + 1].lower_ in de.CLAUSE_END_AFTER_PARTICLE:
            return j
    return None


def verb_trigger(
    doc: Doc, lex: Lexicon, i: int, clause: tuple[int, int], text: str
) -> Trigger | None:
    hits = [
        h
        for h in lex.verb_hits(doc[i].lower_)
        if not h.present_participle or h.entry.label in PARTICIPLE_EVENTS
    ]
    for hit in (h for h in hits if h.split):
        particle = find_particle(doc, i, clause, hit.entry.particle)
        if particle is not None and _allowed(hit.entry, text, doc):
            return Trigger(i, hit.entry, clause, particle, doc)
    if hits and _separated_particle(doc, i, clause):
        return None  # "traf ... ein" is "eintreffen", "nahm ... teil" is no "nehmen"
    for hit in (h for h in hits if not h.split):
        if _allowed(hit.entry, text, doc):
            return Trigger(i, hit.entry, clause, None, doc)
    return None


# Present participles name who is doing something ("die protestierenden Arbeiter"), which
# counts only for protests; "unterstützende Maßnahmen", "lobend", "ablehnend" are no occurrences.
PARTICIPLE_EVENTS = {"PROTEST"}


def _separated_particle(doc: Doc, i: int, clause: tuple[int, int]) -> bool:
    """A finite verb whose clause closes with a separable particle ("traf am Sonntag in Quito
    ein", "nahm an der Sitzung teil") is the particle verb, not the base verb of a lexicon row.
    Not for an adjective before its noun ("die protestierenden Arbeiter drangen ... ein") nor past
    a coordinator, where a second verb may own the particle ("besuchte X und regte an")."""
    word = doc[i].lower_
    if i + 1 >= clause[1] or word.startswith("ge"):
        return False
    if doc[i + 1].text[:1].isupper() and word.endswith(("e", "en", "er", "es", "em")):
        return False
    for j in range(i + 1, clause[1]):
        if doc[j].lower_ in de.CONJUNCTIONS or doc[j].text == ",":
            return False
        if doc[j].lower_ in SEPARABLE_PARTICLES and (
            j + 1 >= clause[1] or doc[j + 1].lower_ in de.CLAUSE_END_AFTER_PARTICLE
        ):
            return True
    return False


# not "weiter", "wieder": also adverbs ("bestreitet weiter, ...")
SEPARABLE_PARTICLES = {
    *("ab", "an", "auf", "aus", "bei", "dar", "ein", "fest", "fort", "frei", "her", "heraus"),
    *("herein", "hervor", "hin", "hinaus", "los", "mit", "nach", "statt", "teil", "voran"),
    *("vorbei", "vor", "weg", "zu", "zurück", "zusammen"),
}


def noun_trigger(
    doc: Doc, lex: Lexicon, i: int, clause: tuple[int, int], text: str
) -> Trigger | None:
    for entry in lex.noun_entries(doc[i].lower_):
        if _allowed(entry, text, doc):
            return Trigger(i, entry, clause, None, doc)
    return None


def _allowed(entry: Entry, clause_text: str, doc: Doc) -> bool:
    """The row's clause conditions, then its report condition (lexicon "doc:" rows)."""
    if not entry.allowed(clause_text):
        return False
    if entry.context is None and entry.avoid is None:
        return True
    return entry.fits(_doc_lower(doc))


def _doc_lower(doc: Doc) -> str:
    """The document in lower case, made once per document for the rows with a context."""
    return extensions.doc_text(doc, lower=True)


def find_triggers(doc: Doc, lex: Lexicon, start: int, end: int) -> list[Trigger]:
    """All triggers of one sentence, in text order, before any hypothetical content is removed."""
    found: list[Trigger] = []
    previous: tuple[int, int] | None = None
    for clause in segment.clauses(doc, start, end):
        text = clause_text(doc, clause)
        if previous is not None and segment.clause_kind(doc, clause, start) == "rel":
            # "eine Entscheidung, die ... zu treffen sei", "Sanktionen, die ... verhängt wurden":
            # the antecedent is part of the relative clause's meaning
            text = clause_text(doc, (max(previous[0], previous[1] - 3), previous[1])) + " , " + text
        previous = clause
        for i in range(*clause):
            word = doc[i].text
            if not word[:1].isalpha():
                continue
            if word[:1].islower():
                if doc[i].lower_ in PARTICLES and not _first_person_next(doc, i, clause):
                    continue  # "sollen bitte umkehren": a politeness particle, no request
                trigger = verb_trigger(doc, lex, i, clause, text)
            else:
                trigger = noun_trigger(doc, lex, i, clause, text)
            if trigger is not None:
                found.append(trigger)
    return drop_consumed(found)


PARTICLES = {"bitte"}  # the form of "bitten" that is also a particle


def _first_person_next(doc: Doc, i: int, clause: tuple[int, int]) -> bool:
    """ "ich bitte", "bitte ich": the verb "bitten" has its subject "ich" next to it."""
    return any(clause[0] <= j < clause[1] and doc[j].lower_ == "ich" for j in (i - 1, i + 1))


def _conditional(doc: Doc, clause: tuple[int, int], kind: str, sent_start: int) -> bool:
    """ "wenn es keine Einigung gibt", "aber wenn ...", and a clause opened by "sollte" ("Sollte es
    zu einem Prozess kommen, ..."): what it names may not happen."""
    first = doc[clause[0]].lower_
    if kind == "sub" and first in de.CONDITIONALS:
        # "um" opens a purpose only with a zu-infinitive; "..., um eine Spende gebeten" is the
        # preposition of the verb's object
        return first != "um" or segment.has_zu_infinitive(doc, clause)
    second = doc[clause[0] + 1].lower_ if clause[0] + 1 < clause[1] else ""
    if first in ("aber", "und", "doch", "oder") and second in ("wenn", "falls", "sofern"):
        return True
    return first in ("sollte", "sollten") and (
        clause[0] == sent_start or doc[clause[0] - 1].text == ","
    )


def _perfect_infinitive(doc: Doc, clause: tuple[int, int]) -> bool:
    """ "könnten entführt worden sein", "könnte sie getötet haben": a guess about what has
    happened, which the report tells as possibly real (a hedged claim), not a hypothetical."""
    last = segment.last_word(doc, clause)
    if last is None or doc[last].lower_ not in ("sein", "haben") or last - 1 < clause[0]:
        return False
    before = doc[last - 1].lower_
    return before == "worden" or ("ge" in before[:-2] and before.endswith(("t", "en")))


def _governed_by(doc: Doc, token: int, clause: tuple[int, int], preps: set[str]) -> bool:
    """The noun stands in a phrase opened by one of `preps` ("über weitere Waffenlieferungen")."""
    j = token - 1
    while j >= clause[0] and (doc[j].text[:1].islower() and doc[j].lower_ not in de.PREPOSITIONS):
        j -= 1
    return j >= clause[0] and doc[j].lower_ in preps


def attributive(doc: Doc, i: int, floor: int) -> bool:
    """ "die dort stationierten Einheiten", "die getöteten Soldaten": a participle used as an
    adjective."""
    word = doc[i].lower_
    if not word.endswith(("te", "ten", "tes", "ter", "tem", "ene", "enen", "ener", "enes", "enem")):
        return False
    if (
        i + 1 >= len(doc)
        or doc[i + 1].lower_ in de.DETERMINERS
        or not (
            doc[i + 1].text[:1].isupper()
            or (
                doc[i + 1].text[:1].islower()
                and doc[i + 1].lower_.endswith(("e", "en", "er", "es", "em"))
            )
        )
    ):
        return False
    j = i - 1
    while (
        j >= floor
        and doc[j].text[:1].islower()
        and doc[j].lower_ not in de.DETERMINERS
        and (doc[j].lower_ not in de.AUX)
    ):
        j -= 1
    if j >= floor and doc[j].lower_ in ("das", "dies", "dieses") and word.endswith("ten"):
        return False  # "Das berichteten Medien": "das" never agrees with "-ten", so this is a verb
    return j >= floor and doc[j].lower_ in de.DETERMINERS


def drop_consumed(triggers: list[Trigger]) -> list[Trigger]:
    """A verb that needs a noun ("Sanktionen verhängen") is the trigger; the noun is not a second
    event."""
    out = []
    for t in triggers:
        if not t.is_verb and any(
            v.is_verb and v.clause == t.clause and v.type == t.type and v.entry.requires is not None
            for v in triggers
        ):
            continue
        out.append(t)
    return out


def _noun_content(doc: Doc, host: int, token: int) -> bool:
    """ "Aufrufe zu Protesten", "die Forderung nach einem Rückzug": what a demand noun asks for
    follows it closely, in its own phrase; a noun further on, after a conjunction, is not its
    content ("trotz Aufrufen zur Ruhe und ... kam es zu Demonstrationen")."""
    if not host < token <= host + NOUN_CONTENT_SPAN:
        return False
    return not any(doc[i].lower_ in de.CONJUNCTIONS for i in range(host + 1, token))


CASE_OF_ARTICLES = {"eines", "einer", "seines", "seiner", "ihres", "ihrer"}


def _in_case_of(doc: Doc, token: int, clause: tuple[int, int]) -> bool:
    """ "im Falle einer Verurteilung", "für den Fall seiner Festnahme": an event noun with an
    indefinite or possessive article after "Fall(e)" is a condition ("im Fall der Homo-Ehe", with a
    definite article, names a case in point)."""
    j = token - 1
    while j > clause[0] and doc[j].text[:1].islower() and doc[j].lower_ not in CASE_OF_ARTICLES:
        j -= 1  # adjectives: "im Falle einer raschen Einigung"
    if j - 2 < clause[0] or doc[j].lower_ not in CASE_OF_ARTICLES:
        return False
    return doc[j - 1].lower_ in ("fall", "falle") and doc[j - 2].lower_ in ("im", "den")


POSSIBLE = re.compile(r"^(möglich|etwaig|eventuell|potenziell|potentiell)(e|er|en|es|em)$")


def _possible(doc: Doc, token: int, clause: tuple[int, int]) -> bool:
    """ "ein möglicher Anschlag", "zu etwaigen Streikmaßnahmen": an adjective of possibility
    before an event noun makes it a possibility, not an occurrence."""
    j = token - 1
    while j >= clause[0] and j >= token - 3 and doc[j].text[:1].islower():
        if POSSIBLE.match(doc[j].lower_):
            return True
        j -= 1
    return False


DEMAND_MODALS = {"solle", "sollen", "sollten", "müsse", "müssten", "möge", "mögen"}


def _demanded_v2(doc: Doc, clause: tuple[int, int]) -> bool:
    """ "forderte, die Regierung solle die Sperre aufheben": a verb-second clause after a demand
    whose finite verb is a subjunctive modal within its first words tells what is demanded."""
    return any(
        doc[i].lower_ in DEMAND_MODALS for i in range(clause[0], min(clause[1], clause[0] + 5))
    )


PAST_ADJECTIVE = re.compile(r"^(jüngst|vergangen|letzt|bisherig)(e|en|er|es|em)$")


def _past(doc: Doc, token: int, clause: tuple[int, int]) -> bool:
    """ "sprachen über die jüngsten Angriffe": an adjective of the past before the noun makes the
    topic an event that happened, not a plan."""
    j = token - 1
    while j >= clause[0] and j >= token - 3 and doc[j].text[:1].islower():
        if PAST_ADJECTIVE.match(doc[j].lower_):
            return True
        j -= 1
    return False


def hypothetical(
    doc: Doc, triggers: list[Trigger], sentence_clauses: list[tuple[int, int]], sent_start: int
) -> set[int]:
    """Tokens of triggers that are only the content of a demand, threat, fear, purpose or
    condition."""
    drop: set[int] = set()
    by_clause: dict[tuple[int, int], list[Trigger]] = {}
    for t in triggers:
        by_clause.setdefault(t.clause, []).append(t)
    for n, clause in enumerate(sentence_clauses):
        kind = segment.clause_kind(doc, clause, sent_start)
        if _conditional(doc, clause, kind, sent_start) or HABITUAL.search(clause_text(doc, clause)):
            drop.update(t.token for t in by_clause.get(clause, []))
            continue
        nxt_first = doc[sentence_clauses[n + 1][0]].lower_ if n + 1 < len(sentence_clauses) else ""
        if nxt_first in (
            "falls",
            "sofern",
        ):  # "werde Putin festnehmen, falls er einreise"; a threat stays
            drop.update(
                t.token for t in by_clause.get(clause, []) if t.type not in HYPOTHETICAL_HOSTS
            )
            continue
        if any(ANYWHERE_IN_CLAUSE.match(doc[i].lower_) for i in range(*clause)) and not (
            _perfect_infinitive(doc, clause)
        ):
            drop.update(t.token for t in by_clause.get(clause, []))
            continue
        hosts = [t for t in by_clause.get(clause, []) if t.type in HYPOTHETICAL_HOSTS]
        rejecters = [t for t in by_clause.get(clause, []) if t.entry.lemma in PROPOSAL_REJECTERS]
        banned = any(t.entry.lemma in PROHIBITIONS for t in by_clause.get(clause, []))
        fear = [i for i in range(*clause) if FEAR.match(doc[i].lower_)]
        marks = [t.token for t in hosts + rejecters if t.is_verb] + fear
        noun_hosts = [t.token for t in hosts if not t.is_verb]
        topics = {
            TOPIC_OF[t.type] for t in by_clause.get(clause, []) if t.is_verb and t.type in TOPIC_OF
        }
        for t in by_clause.get(clause, []):
            if not t.is_verb and (
                banned
                or _in_case_of(doc, t.token, clause)
                or _possible(doc, t.token, clause)
                or any(m < t.token for m in marks)
                or any(_noun_content(doc, h, t.token) for h in noun_hosts)
                or (_governed_by(doc, t.token, clause, topics) and not _past(doc, t.token, clause))
            ):
                drop.add(t.token)
        if (hosts or fear) and n + 1 < len(sentence_clauses):
            nxt = sentence_clauses[n + 1]
            if (
                segment.clause_kind(doc, nxt, sent_start) == "zu"
                or (doc[nxt[0]].lower_ == "dass" and hosts)
                or (hosts and _demanded_v2(doc, nxt))
            ):
                drop.update(t.token for t in by_clause.get(nxt, []))
    return drop
