"""Speech that goes on: indirect speech in the subjunctive, and direct speech without a cue (a quote
going on, first-person sentences, present-tense statements after a colon quote)."""

from __future__ import annotations

from spacy.tokens import Doc

from chronik.nlp import extensions
from chronik.nlp.claims import build, cues, speakers, splits
from chronik.nlp.claims.build import Draft, Sentence
from chronik.nlp.events import detect, lexicon
from chronik.nlp.events.phrases import DocIndex
from chronik.nlp.lang import de
from chronik.types import Span

OPENING_QUOTES = {"„", "«", "»", '"', "“"}
CONTINUABLE = {"asserted", "reported", "alleged"}
# Connectives that go on with an argument ("Aber wenn ..., wird das Folgen haben"): after a speaker,
# a present-tense sentence opened by one is the speaker arguing on, also after indirect speech.
ARGUING = frozenset(["aber", "denn", "schließlich", "nämlich"])
# Plural only: in the singular indirect speech has its own subjunctive I ("wolle", "solle"), and
# "wollte", "sollte" there tell the report's narrative ("Der Roboter sollte ... übermitteln").
MODAL_II = frozenset(["wollten", "sollten"])
# Event types of speech acts that are no claims themselves (conventions 3.4): a demand, a plea,
# support, a reproach, a threat.
SPEECH_ACTS = frozenset(["REQUEST", "SUPPORT", "ACCUSE", "THREATEN"])
SPOKEN_CHARGES = frozenset(
    ["kritisieren", "vorwerfen", "verurteilen", "beschuldigen", "anprangern", "beklagen"]
)
IDIOMS = (" es sei denn ", " sei es ", " wie dem auch sei ", " gott sei dank ", " sei dank ")


def previous(sent: Sentence, earlier: list[Draft], window: int = 3) -> Draft | None:
    """The claim last in the text before `sent`: of the latest sentence with claims, the one that
    starts last (a charge told inside a denial is found after it, but stands before its end)."""
    earlier = [d for d in earlier if not splits.is_nested(d)]  # the outer speaker goes on
    if not earlier or sent.index - earlier[-1].sentence > window:
        return None
    last = earlier[-1].sentence
    return max((d for d in earlier if d.sentence == last), key=lambda d: d.start)


def _first_person(doc: Doc, sent: Sentence) -> bool:
    """ "Wir haben ein gutes Team.": after a quoted speaker, a sentence in the first person is the
    speaker going on, also where the source dropped the quotation marks (real news often does)."""
    return any(doc[i].lower_ in de.FIRST_PERSON_WORDS for i in range(sent.start, sent.end))


def _direct(doc: Doc, draft: Draft) -> bool:
    """A claim in direct speech: a quote going on, or one opened by a colon."""
    if draft.rule == "quote-continuation":
        return True
    before = doc[draft.start - 1].text if draft.start > 0 else ""
    return before == ":" or before in OPENING_QUOTES


def _unquoted(doc: Doc) -> bool:
    """A text without quotation marks (the source corpus dropped them): direct speech can only be
    told by its form. Where quotation marks are used, a sentence outside them is narration."""
    text = extensions.doc_text(doc)
    return not any(mark in text for mark in ("„", "“", "”", '"', "«", "»"))


def _present(doc: Doc, sent: Sentence, speaker: Span | None) -> bool:
    """A statement in the present tense and without a cue or a past-tense form: after direct speech,
    the speaker going on ("Die Reformen haben Vorrang."), not the report's narrative again."""
    words = [doc[i].lower_ for i in range(sent.start, sent.end)]
    if any(w in de.PAST_FINITE for w in words) or any(w in ("–", "-") for w in words[:4]):
        return False  # past narration, or a dateline opening the report body ("London - ...")
    if speaker is not None and speaker.text.split()[-1].lower() in words:
        return False  # "Grossi will ... reisen": the report telling about the speaker
    return any(w in de.PRESENT_FINITE for w in words)


def continuation(
    doc: Doc, sent: Sentence, earlier: list[Draft], index: DocIndex | None = None
) -> list[Draft]:
    """Indirect speech in the subjunctive, or a quote going on, continues the last claim's
    speaker."""
    prev = previous(sent, earlier)
    if index is not None and (prev is None or prev.sentence < sent.index - 1):
        act = _after_speech_act(doc, index, sent)
        if act:
            return act
    if prev is None:
        return _unattributed(doc, sent)
    start, end = build.whole(sent)
    subjunctive = cues.subjunctive_tokens(doc, sent.start, sent.end, mood_ii=True)
    if prev.certainty == "denied":
        # "Kiew bestritt das. Die Regierung inszeniere eine Bedrohung": the denier's own account,
        # asserted
        if not subjunctive or sent.index - prev.sentence != 1 or prev.source is None:
            return []
        return [_subjunctive_draft(start, end, "asserted", sent, subjunctive[0], prev)]
    if prev.certainty not in CONTINUABLE and prev.certainty != "unconfirmed":
        return []
    if subjunctive:
        return [_subjunctive_draft(start, end, prev.certainty, sent, subjunctive[0], prev)]
    modal = _modal_ii(doc, sent, prev)
    if modal:
        made = _subjunctive_draft(start, end, prev.certainty, sent, modal[0], prev)
        made.rule = "modal-ii"
        return [made]
    if (
        sent.index - prev.sentence == 1
        and (
            doc[sent.start].text in OPENING_QUOTES
            or _first_person(doc, sent)
            or (
                _unquoted(doc)
                and (_direct(doc, prev) or doc[sent.start].lower_ in ARGUING)
                and _present(doc, sent, prev.source)
            )
        )
        and prev.certainty == "asserted"
        and (prev.source is not None or prev.said_with is not None)
    ):
        return [
            Draft(
                start,
                end,
                "asserted",
                sent.index,
                None,
                prev.source,
                complement=True,
                rule="quote-continuation",
                continues=True,
            )
        ]
    return []


def _after_speech_act(doc: Doc, index: DocIndex, sent: Sentence) -> list[Draft]:
    """ "Die Führung forderte die Bewohner zum Sparen auf. Allerdings sollten sie ...": a demand,
    a plea or a reproach is no claim itself, but the subjunctive right after it is what its
    subject went on to say."""
    if sent.start == 0:
        return []
    marks = cues.subjunctive_tokens(doc, sent.start, sent.end) or [
        i
        for i in cues.subjunctive_tokens(doc, sent.start, sent.end, mood_ii=True)
        if doc[i].lower_.endswith("n")  # plural: the stand-in for the subjunctive I
    ]
    words = [doc[i].lower_ for i in range(sent.start, sent.end)]
    if not marks and not any(w in MODAL_II for w in words):
        return []
    if not marks:
        marks = [i for i in range(sent.start, sent.end) if doc[i].lower_ in MODAL_II]
    before = doc[sent.start - 1].sent
    for clause in cues.clauses(doc, before.start, before.end)[:1]:
        text = detect.clause_text(doc, clause)
        for i in range(*clause):
            trigger = detect.verb_trigger(doc, lexicon.triggers(), i, clause, text)
            if trigger is None or trigger.entry.label not in SPEECH_ACTS:
                continue
            if trigger.entry.label == "ACCUSE" and trigger.entry.rule_id not in SPOKEN_CHARGES:
                continue  # "hatte ihn wegen ... geklagt", "ermittelt": a legal act, no words
            cue = cues.Cue("say", "asserted", i, i + 1, trigger.entry, trigger.particle)
            cand = speakers.subject(doc, index, clause, cue)
            if cand is None or cand.pronoun:
                return []
            start, end = build.whole(sent)
            made = _subjunctive_draft(start, end, "asserted", sent, marks[0], None)
            made.source, made.rule = speakers.source_span(doc, index, cand), "after-speech-act"
            return [made]
    return []


def _unattributed(doc: Doc, sent: Sentence) -> list[Draft]:
    """ "Vorerst werde die Domain noch auf ihn registriert bleiben.": the subjunctive I marks
    reported speech even where no speaker was named in the sentences before: reported, no source
    (5.4). Not the subjunctive II of a condition, nor the fixed phrases "es sei denn", "sei es",
    "wie dem auch sei"."""
    marks = cues.subjunctive_tokens(doc, sent.start, sent.end)
    text = " " + " ".join(doc[i].lower_ for i in range(sent.start, sent.end)) + " "
    if not marks or any(idiom in text for idiom in IDIOMS):
        return []
    start, end = build.whole(sent)
    made = _subjunctive_draft(start, end, "reported", sent, marks[0], None)
    made.rule, made.continues = "subjunctive-unattributed", False
    return [made]


def _modal_ii(doc: Doc, sent: Sentence, prev: Draft) -> list[int]:
    """ "Die USA wollten den Prozess weiter unterstützen" right after a speaker's claim: "wollten",
    "sollten" are also the subjunctive II that indirect speech uses where the subjunctive I looks
    like the indicative ("sie wollen"). Only with no other past form in the sentence ("war",
    "hatte", "sagte" tell the report's narrative) and no mention of the speaker by name."""
    if sent.index - prev.sentence != 1 or prev.source is None:
        return []
    words = [doc[i].lower_ for i in range(sent.start, sent.end)]
    if any(w in de.PAST_FINITE and w not in MODAL_II for w in words):
        return []
    if prev.source.text.split()[-1].lower() in words or words[0] in de.PRONOUNS:
        return []  # "Grossi wollte ...", "Er wollte ...": the report telling about the speaker
    if "wollten" in words and any(w in de.NEGATORS for w in words):
        return []  # "Die Behörden wollten sich nicht äußern": a refusal, nothing said
    for clause in sent.clauses:
        finite = [i for i in range(*clause) if doc[i].lower_ in MODAL_II]
        if finite and _second_position(doc, clause, finite[0]):
            return finite[:1]
    return []


def _second_position(doc: Doc, clause: tuple[int, int], i: int) -> bool:
    """The finite verb after a first constituent, as in a main clause ("Die USA wollten ...",
    "Mit dem Plan sollten ..."); verb-first is a condition ("Sollten die Preise steigen, ...",
    "Denn sollten ..."), verb-last a subordinate clause ("..., die gelten sollten")."""
    first = clause[0]
    while first < i and doc[first].lower_ in de.CLAUSE_COORDINATORS | {"denn"}:
        first += 1
    last = max((k for k in range(*clause) if doc[k].is_alpha), default=i)
    return first < i < last and doc[clause[0]].lower_ not in de.SUBORDINATORS


def _subjunctive_draft(
    start: int, end: int, certainty: str, sent: Sentence, verb: int, prev: Draft | None
) -> Draft:
    """The sentence as a claim of the last claim's speaker, its subjunctive verb as the cue."""
    cue = cues.Cue("subjunctive", certainty, verb, verb + 1)
    return Draft(
        start,
        end,
        certainty,
        sent.index,
        cue,
        prev.source if prev is not None else None,
        complement=True,
        rule="subjunctive",
        continues=True,
    )
