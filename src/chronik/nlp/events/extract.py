"""Events of one document: triggers, minus hypothetical content, with arguments, negation and
modality."""

from __future__ import annotations

from spacy.tokens import Doc

from chronik.dates import PartialDate
from chronik.nlp.events import VERSION, arguments, detect, lexicon, phrases, qualify, segment
from chronik.nlp.events.frames import ClauseContext
from chronik.nlp.events.phrases import Candidate, DocIndex
from chronik.nlp.lang import de
from chronik.types import Event, Mention, Span

COMPONENT = f"events:rules-{VERSION}"


def extract_events(doc: Doc, index: DocIndex | None = None) -> list[Event]:
    """Events in text order, numbered v1, v2, ... so that claims can refer to them."""
    index = index or phrases.index_doc(doc)
    lex = lexicon.triggers()
    report_date = doc._.report_date
    events: list[Event] = []
    for sent in doc.sents:
        seen = {e.type for e in events}
        events.extend(sentence_events(doc, lex, index, sent.start, sent.end, report_date, seen))
    for n, event in enumerate(events, start=1):
        event.id = f"v{n}"
    return events


def sentence_events(
    doc: Doc,
    lex: lexicon.Lexicon,
    index: DocIndex,
    start: int,
    end: int,
    report_date: PartialDate | None,
    seen: set[str] | None = None,
) -> list[Event]:
    sentence_clauses = segment.clauses(doc, start, end)
    triggers = detect.find_triggers(doc, lex, start, end)
    if _question(doc, start, end):
        # "Haben Sie die Regierung kritisiert?" asks whether it happened; a noun still names an
        # event told elsewhere ("Was hat die Proteste ausgelöst?")
        triggers = [t for t in triggers if not t.is_verb]
    if not any(doc[i].is_alpha and doc[i].text[:1].islower() for i in range(start, end)):
        return []  # a list of bare nouns ("- Angriff", "1. Kritik 2. Vorwurf") tells nothing
    dropped = detect.hypothetical(doc, triggers, sentence_clauses, start)
    triggers = [
        t for t in triggers if t.token not in dropped or _told_before(doc, t, seen or set())
    ]
    ctx = ClauseContext(
        index,
        start,
        sentence_clauses,
        {t.token for t in triggers if t.is_verb},
        nouns={t.token for t in triggers if not t.is_verb},
    )
    out = []
    for trigger in triggers:
        roles = arguments.fill(trigger, ctx)
        negated = qualify.is_negated(doc, trigger, triggers) or _ruled_out_before(
            doc, trigger, sentence_clauses, start
        )
        out.append(
            Event(
                type=trigger.type,
                trigger=phrases.token_span(doc, trigger.token, trigger.token + 1),
                actor=_spans(index, roles.actor),
                target=_spans(index, roles.target),
                place=_spans(index, roles.place),
                time=roles.time,
                negated=negated,
                modality=qualify.modality(
                    doc, trigger, index, report_date, _host(doc, trigger, sentence_clauses, start)
                ),
                component=f"{COMPONENT}/{trigger.type}:{trigger.entry.rule_id}",
            )
        )
        _set_time(out[-1], index, trigger, report_date)
    return out


def _told_before(doc: Doc, trigger: detect.Trigger, seen: set[str]) -> bool:
    """ "um mit den Spenden die Anschläge zu bezahlen": a definite event noun inside a purpose,
    demand or fear refers to an event of its type the report told before (conventions 3.2)."""
    if trigger.is_verb or trigger.type not in seen:
        return False
    j = trigger.token - 1
    while j > trigger.clause[0] and doc[j].text[:1].islower() and doc[j].lower_ not in de.DEFINITE:
        j -= 1  # adjectives: "die jüngsten Angriffe"
    return j >= trigger.clause[0] and doc[j].lower_ in de.DEFINITE and doc[j].lower_ != "das"


def _question(doc: Doc, start: int, end: int) -> bool:
    return any(doc[i].text == "?" for i in range(max(start, end - 3), end))


def _host(
    doc: Doc, trigger: detect.Trigger, sentence_clauses: list[tuple[int, int]], sent_start: int
) -> tuple[int, int] | None:
    if segment.clause_kind(doc, trigger.clause, sent_start) != "zu":
        return None
    before = [c for c in sentence_clauses if c[1] <= trigger.clause[0]]
    return before[-1] if before else None


def _ruled_out_before(
    doc: Doc, trigger: detect.Trigger, sentence_clauses: list[tuple[int, int]], sent_start: int
) -> bool:
    """ "schließt aus, ... anzugreifen": the zu-infinitive after a ruling-out clause is negated."""
    if segment.clause_kind(doc, trigger.clause, sent_start) != "zu":
        return False
    before = [c for c in sentence_clauses if c[1] <= trigger.clause[0]]
    return bool(before) and qualify.ruled_out_clause(doc, before[-1])


def _spans(index: DocIndex, cands: list[Candidate]) -> list[Span]:
    out: list[Span] = []
    for cand in cands:
        span = _resolved(index, cand)
        if span is not None and span not in out:
            out.append(span)
    return out


GENITIVE_REACH = 6  # tokens from the head to the end of the name that identifies it


def _up_to_name(index: DocIndex, cand: Candidate) -> Span | None:
    """ "gegen den Chef der Bewegung Ceska Cesta Martin Novak": a generic head identified by a
    following genitive with a name runs up to that name (conventions 4.2)."""
    doc = index.doc
    if cand.mention is not None or cand.end >= len(doc) or doc[cand.end].lower_ not in GEN_ARTICLE:
        return None
    i = cand.end + 1
    while i < min(len(doc), cand.end + GENITIVE_REACH):
        hit = index.mention_at.get(i)
        if hit is not None and hit[2].sub is None and hit[2].type in ("PER", "ORG"):
            nxt = index.mention_at.get(hit[1])  # "der Bewegung Ceska Cesta Martin Novak"
            end = (
                nxt[1] if nxt is not None and nxt[0] == hit[1] and nxt[2].type == "PER" else hit[1]
            )
            return phrases.token_span(doc, cand.start, end)
        tok = doc[i]
        if (
            not (
                phrases.is_noun_like(tok.text)
                or (hit is not None)
                or (tok.text[:1].islower() and tok.is_alpha and tok.lower_.endswith(ADJ_ENDINGS))
            )
            or tok.lower_ in de.PREPOSITIONS
        ):
            return None
        i += 1
    return None


GEN_ARTICLE = frozenset({"des", "der", "eines", "einer"})
ADJ_ENDINGS = ("e", "en", "er", "es", "em")


def _resolved(index: DocIndex, cand: Candidate) -> Span | None:
    """A pronoun is replaced by its nearest preceding naming mention; "man" and unresolved ones are
    dropped."""
    if not cand.pronoun:
        return _up_to_name(index, cand) or cand.span(index.doc)
    word = index.doc[cand.start].lower_
    if word == "man":
        return None
    if word in phrases.FIRST_PERSON:
        speaker = speaker_of_quote(index, cand.start)
        return None if speaker is None else Span(speaker.start, speaker.end, speaker.text)
    plural = word in ("sie", "ihnen") and _plural_verb_next_to(index.doc, cand.start)
    if plural:
        antecedent = _previous_subject(index, cand.start)
        if antecedent is not None:
            return antecedent
    mention = phrases.resolve_pronoun(index, cand.start, person=word in de.MASCULINE_PRONOUNS)
    if mention is None or (plural and mention.type == "PER"):
        return None  # "sie eroberten": one named person is no "they"
    return Span(mention.start, mention.end, mention.text)


OBJECT_CLITICS = frozenset({"mich", "dich", "uns", "euch", "sich", "ihn", "ihm", "es"})


def _plural_verb_next_to(doc, i: int) -> bool:
    """ "Sie verlangten", "forderten sie": a plural finite verb next to "sie" makes it "they", not
    "she"."""
    for j in (i + 1, i - 1):
        if 0 <= j < len(doc) and doc[j].text[:1].islower() and doc[j].is_alpha:
            word = doc[j].lower_
            if word in de.DETERMINERS or word in de.NUMBERS or word in OBJECT_CLITICS:
                continue  # "besetzten sie zwei Häfen", "haben sie mich": look at the other side
            return word in de.PLURAL_FINITE or (
                (word.endswith(("ten", "en")) or _plural_ern(word))
                and word not in de.DETERMINERS
                and word not in de.PREPOSITIONS
                and not word.endswith("ien")
            )
    return False


# Adverbs and adjectives in -ern/-eln that are no verbs: "gestern", "intern".
NOT_VERB_RN = frozenset({"gestern", "vorgestern", "gern", "fern", "intern", "extern", "modern"})


def _plural_ern(word: str) -> bool:
    """ "fordern", "ändern", "handeln": verbs in -ern/-eln have plural forms without "-en"."""
    return len(word) > 4 and word.endswith(("ern", "eln")) and word not in NOT_VERB_RN


def _previous_subject(index: DocIndex, i: int) -> Span | None:
    """Plural "sie" at the start of a sentence: the subject of the sentence before, named or not
    ("In Moskau demonstrierten Mütter von Soldaten. Sie verlangten ..."); inside its first clause
    only."""
    doc = index.doc
    sent = doc[i].sent
    if any(doc[j].text in de.BOUNDARIES for j in range(sent.start, i)) or sent.start == 0:
        return None
    before = doc[sent.start - 1].sent
    first = segment.clauses(doc, before.start, before.end)[:1]
    if not first:
        return None
    bare = [
        c
        for c in phrases.candidates(index, *first[0])
        if c.prep is None and not c.genitive and not c.pronoun
    ]
    if not bare or (bare[0].mention is not None and bare[0].mention.type == "PER"):
        return None  # one named person is no "they"
    return bare[0].span(doc)


def _set_time(
    event: Event, index: DocIndex, trigger: detect.Trigger, report_date: PartialDate | None
) -> None:
    """The event's date: its own timex if it has one, else the report date ("reported at")."""
    for start, _end, timex in index.timexes:
        if trigger.clause[0] <= start < trigger.clause[1]:
            event.time_value, event.earliest, event.latest = (
                timex.value,
                timex.earliest,
                timex.latest,
            )
            return
    if report_date is not None:
        event.time_value = report_date.iso
        event.earliest, event.latest = (
            report_date.earliest().isoformat(),
            report_date.latest().isoformat(),
        )
        if _so_far(index.doc, trigger.clause):
            event.earliest = (
                None  # "hat … bislang ausgeschlossen": held from some time up to the report date
            )


def _so_far(doc: Doc, clause: tuple[int, int]) -> bool:
    """ "bislang"/"bisher" are no timexes (spec) but say the state held until the report was
    written."""
    return any(doc[i].lower_ in de.SO_FAR for i in range(*clause))


SAYING = frozenset({"sagte", "sagt", "erklärte", "erklärt", "betonte", "meinte", "so", "schrieb"})


def speaker_of_quote(index: DocIndex, tok_i: int) -> Mention | None:
    """ "Sie haben mich festgenommen, sagte die Dissidentin Miriam Leiva": "ich" in a quote is its
    speaker, the person named after a verb of saying later in the sentence, else the person
    named last before it (who was introduced as speaking)."""
    doc = index.doc
    sent = doc[tok_i].sent
    said = False
    for i in range(tok_i + 1, sent.end):
        said = said or doc[i].lower_ in SAYING
        hit = index.mention_at.get(i)
        if said and hit is not None and hit[2].type == "PER" and hit[2].sub is None:
            return hit[2]
    before = [
        m
        for s, _e, m in index.mentions
        if s < tok_i
        and m.type == "PER"
        and m.sub is None
        and phrases.sentences_between(doc, s, tok_i) <= 2
    ]
    return before[-1] if before else None
