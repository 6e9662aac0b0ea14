"""Cue detection: the words of a sentence that attribute, qualify or deny a proposition."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc

from chronik.nlp.events import detect, lexicon, segment
from chronik.nlp.events.lexicon import Entry, Lexicon
from chronik.nlp.lang import de

OPENING = {"say", "report", "phrase", "accuse", "deny", "doubt"}


@dataclass
class Cue:
    kind: str
    certainty: str
    start: int  # token range of the first (or only) part
    end: int
    entry: Entry | None = None
    particle: int | None = None

    @property
    def opens_claim(self) -> bool:
        return self.kind in OPENING

    def text(self, doc: Doc) -> str:
        first = doc[self.start : self.end].text
        return f"{first} … {doc[self.particle].text}" if self.particle is not None else first

    @property
    def rule_id(self) -> str:
        if self.entry is None:
            return self.kind
        return self.entry.rule_id if self.entry.pos != "P" else f"{self.kind}-pattern"


def find_cues(doc: Doc, lex: Lexicon, start: int, end: int) -> list[Cue]:
    """Cues of one sentence in text order; overlapping cues keep the first, longest one."""
    found: list[Cue] = []
    for clause in clauses(doc, start, end):
        text = detect.clause_text(doc, clause)
        for i in range(*clause):
            cue = _word_cue(doc, lex, i, clause, _tail_text(doc, i, clause, start, text))
            if cue is not None:
                found.append(cue)
    found.extend(_pattern_cues(doc, lex, start, end))
    found.extend(_hearsay(doc, start, end, any(c.kind == "phrase" for c in found)))
    found.sort(key=lambda c: (c.start, -(c.end - c.start)))
    out: list[Cue] = []
    for cue in found:
        if out and cue.start < out[-1].end:
            continue
        out.append(cue)
    return _drop_inside_unverifiable(out)


def _tail_text(doc: Doc, i: int, clause: tuple[int, int], start: int, text: str) -> str:
    """ "P, schrieb X", "P, warnte X": a verb opening the clause right after a comma is an inverted
    attribution tail; the comma goes into the text the row's conditions see (rows that require
    "," for this reading). Not a verb in a list ("reden, schreiben und lesen") or closing a
    relative clause ("den er für sie schrieb, ...")."""
    if i != clause[0] or clause[0] <= start or doc[clause[0] - 1].text != ",":
        return text
    if i + 1 < len(doc) and doc[i + 1].lower_ in (",", "und", "oder", "sowie", "."):
        return text
    return ", " + text


def clauses(doc: Doc, start: int, end: int) -> list[tuple[int, int]]:
    """The clauses of events.segment, where a run of spaces inside a line joins what it splits: the
    source corpus keeps double spaces mid-sentence ("stellte  Österreichs Außenminister ... klar"),
    and a split verb must find its particle across them."""
    out: list[tuple[int, int]] = []
    for clause in segment.clauses(doc, start, end):
        if out and (_only_spaces(doc, out[-1][1], clause[0]) or _after_aside(doc, out, clause)):
            out[-1] = (out[-1][0], clause[1])
        else:
            out.append(clause)
    return out


MAX_ASIDE = 4  # tokens of a bracketed aside inside a clause: "Klaus Huber (ÖVP)", "(IS)"


def _after_aside(doc: Doc, out: list[tuple[int, int]], clause: tuple[int, int]) -> bool:
    """ "die Klubobleute Huber (ÖVP) und Berger (SPÖ) haben ... verkündet": a short bracketed
    aside (a party, a short form) does not end the clause around it."""
    prev_start, prev_end = out[-1]
    if prev_end + 1 != clause[0]:
        return False
    if doc[prev_end].text == "(":
        close = clause[1]
        return clause[1] - clause[0] <= MAX_ASIDE and close < len(doc) and doc[close].text == ")"
    if doc[prev_end].text == ")":
        return any(
            doc[i].text == "(" for i in range(max(prev_start, prev_end - MAX_ASIDE - 1), prev_end)
        )
    return False


def _only_spaces(doc: Doc, start: int, end: int) -> bool:
    return end > start and all(
        doc[i].is_space and "\n" not in doc[i].text for i in range(start, end)
    )


def _word_cue(doc: Doc, lex: Lexicon, i: int, clause: tuple[int, int], text: str) -> Cue | None:
    word = doc[i].text
    if not word[:1].isalpha():
        return None
    if word[:1].islower() or (i == clause[0] and word.lower() in lex.exact_nouns):
        if detect.attributive(doc, i, clause[0]) and not _finite_after_das(doc, lex, i, clause):
            return None  # "die eingeräumte Frist", "die gemeldeten Fälle"
        trigger = detect.verb_trigger(doc, lex, i, clause, text)
        if trigger is not None and not (
            trigger.particle is None and _other_particle(doc, i, clause, text)
        ):
            entry = trigger.entry
            if entry.kind == "say" and _intended(doc, i, clause, entry.lemma):
                return None
            return Cue(entry.kind, entry.label, i, i + 1, entry, trigger.particle)
        for entry in lex.exact_nouns.get(doc[i].lower_, []):
            attributive = entry.lemma == "mutmaßlich" and doc[i].lower_ != "mutmaßlich"
            if attributive and not _on_event_noun(doc, i, clause):
                return None  # "der mutmaßliche Drahtzieher": a person, no proposition (5.1)
            if entry.kind != "hearsay" or entry.lemma != "soll":
                return Cue(entry.kind, entry.label, i, i + 1, entry)
        return None
    for entry in lex.noun_entries(doc[i].lower_):
        if entry.allowed(text):
            return Cue(entry.kind, entry.label, i, i + 1, entry)
    return None


VOLITIONAL = frozenset(["will", "wolle", "wollen", "wollte", "wollten", "möchte", "möchten"])


def _intended(doc: Doc, i: int, clause: tuple[int, int], lemma: str) -> bool:
    """ "Xi wolle am Freitag ein System verkünden", "will er nicht sagen": a verb of saying as the
    infinitive of a volitional modal is an intention (or a refusal), nothing said yet."""
    infinitive = doc[i].lower_ in (lemma.replace("|", ""), lemma.rpartition("|")[2])
    return infinitive and any(doc[j].lower_ in VOLITIONAL for j in range(clause[0], i))


INSEPARABLE = ("be", "emp", "ent", "er", "ge", "miss", "ver", "zer", "über", "unter", "wider")


def _finite_after_das(doc: Doc, lex: Lexicon, i: int, clause: tuple[int, int]) -> bool:
    """ "Das sagte Putin", "Das kündigte der Minister an": after a clause-opening "das" a past form
    that cannot be a participle ("gesagte", "angekündigte" would be) is the finite verb."""
    if i - 1 != clause[0] or doc[i - 1].lower_ not in ("das", "dies"):
        return False
    word = doc[i].lower_
    for hit in lex.verb_hits(word):
        verb = hit.entry.lemma.rpartition("|")[2]
        if hit.split:
            return True
        simple = not verb.startswith(INSEPARABLE) and not verb.endswith("ieren")
        if simple and not hit.entry.particle and not word.startswith("ge"):
            return True
    return False


def _on_event_noun(doc: Doc, i: int, clause: tuple[int, int]) -> bool:
    """ "mutmaßliche Cyberattacken" (an event noun) is hedged; "mutmaßliche Schmuggler" is not."""
    for j in range(i + 1, min(i + 4, clause[1])):
        if doc[j].text[:1].isupper():
            return bool(lexicon.triggers().noun_entries(doc[j].lower_))
    return False


def _other_particle(doc: Doc, i: int, clause: tuple[int, int], text: str) -> bool:
    """ "G7 sagen Ukraine Hilfe zu": the verb is "zusagen", not "sagen"."""
    other = detect.verb_trigger(doc, lexicon.triggers(), i, clause, text)
    return other is not None and other.particle is not None


def _pattern_cues(doc: Doc, lex: Lexicon, start: int, end: int) -> list[Cue]:
    offset = doc[start].idx
    text = doc[start:end].text
    lower = text.lower()
    if len(lower) != len(text):
        return []
    out = []
    for pattern, entry in lex.patterns:
        for match in pattern.finditer(lower):
            span = doc.char_span(
                offset + match.start(), offset + match.end(), alignment_mode="expand"
            )
            if span is not None and len(span):
                out.append(Cue(entry.kind, entry.label, span.start, span.end, entry))
    return out


def _hearsay(doc: Doc, start: int, end: int, attributed: bool) -> list[Cue]:
    """ "soll(en)" is hearsay before a perfect infinitive ("soll ... angegriffen haben") or next to
    an attribution ("Nach einem Bericht des Spiegel soll ..."); "Die Bilder sollen dieser Kritik
    begegnen" and "sollen bis Juli fertig sein" state a purpose or a plan."""
    out = []
    for clause in clauses(doc, start, end):
        last = segment.last_word(doc, clause)
        if last is None or last == clause[0]:
            continue
        before = doc[last - 1].lower_
        perfect = doc[last].lower_ in de.HEARSAY_TAIL and (
            before in ("worden", "gewesen")
            or (before.endswith(("t", "en")) and doc[last - 1].text[:1].islower())
        )
        final = (
            doc[last].lower_ in ("soll", "sollen", "solle")
            and doc[last - 1].lower_ in ("haben", "sein")
            and last - 2 >= clause[0]
            and (doc[last - 2].lower_ in ("worden", "gewesen") or doc[last - 2].text[:1].islower())
        )  # verb-final: "..., weil er die Menge aufgehetzt haben soll"
        if final:
            out.append(Cue("hearsay", "alleged", last, last + 1))
            continue
        if not perfect and not (attributed and _hearsay_tail(doc, last)):
            continue
        for i in range(*clause):
            if doc[i].lower_ in ("soll", "sollen", "solle"):
                out.append(Cue("hearsay", "alleged", i, i + 1))
    return out


def _hearsay_tail(doc: Doc, last: int) -> bool:
    """Next to an attribution, "soll" is hearsay only before a state or a passive ("soll ...
    beteiligt sein", "sollen ... gesehen worden sein"), not before a plain infinitive that states
    a plan ("Laut Kickl sollen noch 1,2 Millionen fließen")."""
    word = doc[last].lower_
    before = doc[last - 1] if last > 0 else None
    participle = before is not None and before.text[:1].islower() and before.lower_.endswith("t")
    return word in ("sein", "haben") or (word == "werden" and participle)


def _drop_inside_unverifiable(cues: list[Cue]) -> list[Cue]:
    """ "lassen sich nicht unabhängig bestätigen" is no assertion by a speaker."""
    spans = [(c.start, c.end) for c in cues if c.kind == "unverifiable"]
    return [
        c for c in cues if c.kind == "unverifiable" or not any(s <= c.start < e for s, e in spans)
    ]


def subjunctive_tokens(doc: Doc, start: int, end: int, mood_ii: bool = False) -> list[int]:
    """Subjunctive I verbs, the mark of indirect speech ("seien", "habe"), outside first-person
    quotes; with `mood_ii` also the subjunctive II that stands in for it ("hätten"), which alone is
    only a condition. A capitalised word inside the sentence is a noun ("im Falle", "in Folge",
    "die Stelle"), not a verb."""
    words = {doc[i].lower_ for i in range(start, end)}
    if words & de.FIRST_PERSON:
        return []
    marks = de.SUBJUNCTIVE | (de.SUBJUNCTIVE_II if mood_ii else set())
    return [
        i
        for i in range(start, end)
        if (doc[i].lower_ in marks and (_opens(doc, i, start) or not doc[i].text[:1].isupper()))
        or _ieren_subjunctive(doc[i].text)
    ]


def _opens(doc: Doc, i: int, start: int) -> bool:
    """A word that opens the sentence or what a colon or quotation mark opens ("X: Habe ...")."""
    return i == start or doc[i - 1].text == ":" or doc[i - 1].text in de.QUOTES


def _ieren_subjunctive(word: str) -> bool:
    """ "inszeniere", "kontrolliere": the third person of an -ieren verb ends in -iert; -iere is
    subjunctive I (the first person is ruled out above)."""
    return len(word) >= 8 and word.endswith("iere") and word[:1].islower() and word.isalpha()
