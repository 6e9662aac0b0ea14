"""Claims of one document: cue-opened claims, qualified sentences, continuations, then links."""

from __future__ import annotations

from bisect import bisect_right

from spacy.tokens import Doc

from chronik.nlp import extensions
from chronik.nlp.claims import (
    VERSION,
    build,
    charges,
    cues,
    empty,
    links,
    nouns,
    speakers,
    speech,
    splits,
    tail,
)
from chronik.nlp.claims.build import Draft, Sentence
from chronik.nlp.claims.nearby import MentionLookup
from chronik.nlp.events import lexicon, phrases
from chronik.nlp.events.phrases import DocIndex
from chronik.nlp.lang import de
from chronik.types import Claim, Event, Span

COMPONENT = f"claims:rules-{VERSION}"
OPENING_VERBS = {"say", "report", "accuse", "deny"}

# Characters between a source and its cue verb that still name the source ("Die Regierung in
# Warschau wies ... zurück"): a short place phrase, not a second clause.
SOURCE_CUE_GAP = 25


def extract_claims(doc: Doc, events: list[Event], index: DocIndex | None = None) -> list[Claim]:
    index = index or phrases.index_doc(doc)
    lex = lexicon.cues()
    drafts: list[Draft] = []
    paragraph_start = 0
    sentences = [
        Sentence(n, s.start, s.end, cues.clauses(doc, s.start, s.end))
        for n, s in enumerate(doc.sents)
    ]
    sentences = [s for s in sentences if s.clauses]
    for sent in sentences:
        if _starts_paragraph(doc, sent):
            paragraph_start = sent.index
        if _is_headline(doc, sent):
            drafts.extend(_headline(doc, index, sent))
            continue
        teaser = _headline(doc, index, sent) if sent.index == 0 else []
        if teaser:
            drafts.extend(teaser)  # "Moskau: Keine Truppen im Land" opening the text
            continue
        new = sentence_claims(doc, lex, index, sent, drafts, paragraph_start)
        words = frozenset(doc[i].lower_ for i in range(sent.start, sent.end))
        for draft in new:
            draft.words = words
        drafts.extend(_attach_back_references(new, drafts, sentences, sent))
    return _finish(doc, index, drafts, events)


def _is_headline(doc: Doc, sent: Sentence) -> bool:
    """A title line: no final punctuation and a blank line after it. Its cues ("kündigt an", "wirft
    vor") announce the report; only "X: P" is a claim there."""
    words = [doc[i] for i in range(sent.start, sent.end) if not doc[i].is_space]
    if not words or words[-1].text in {".", "!", "?", "…", '"', "“", "”", "«", "»"}:
        return False
    after = doc[sent.end - 1].whitespace_ + (doc[sent.end].text if sent.end < len(doc) else "")
    return "\n" in after or "\n" in doc[sent.start : sent.end].text[-3:]


def _attach_back_references(
    new: list[Draft], earlier: list[Draft], sentences: list[Sentence], sent: Sentence
) -> list[Draft]:
    """ "Das teilte das Ministerium mit": the source and cue belong to the previous sentence's
    proposition."""
    out = []
    for draft in new:
        if not draft.refers_back or sent.index == 0:
            out.append(draft)
            continue
        previous = [d for d in earlier if d.sentence == sent.index - 1]
        if previous:
            for other in previous:
                other.source = other.source or draft.source
                other.cue = other.cue or draft.cue
                other.raise_to(draft.certainty)
            continue
        before = next((s for s in sentences if s.index == sent.index - 1), None)
        if before is None:
            out.append(draft)
            continue
        draft.start, draft.end = build.whole(before)
        draft.sentence, draft.complement = before.index, True
        out.append(draft)
    return out


def _starts_paragraph(doc: Doc, sent: Sentence) -> bool:
    return (
        sent.start == 0
        or "\n\n" in doc[sent.start - 1].text
        or "\n\n" in doc[sent.start - 1].whitespace_
    )


def sentence_claims(
    doc: Doc,
    lex: lexicon.Lexicon,
    index: DocIndex,
    sent: Sentence,
    earlier: list[Draft],
    paragraph_start: int,
) -> list[Draft]:
    if _is_question(doc, sent):
        return []
    found = cues.find_cues(doc, lex, sent.start, sent.end)
    opening = [c for c in found if c.opens_claim and c.kind != "doubt"]
    drafts = _merge(
        doc,
        splits.split_coordinated(
            doc, [d for d in (nouns.draft(doc, index, sent, c) for c in opening) if d]
        ),
    )
    drafts = (
        drafts + splits.after_inverted(doc, sent, drafts) + splits.before_colon(doc, sent, drafts)
    )
    drafts = drafts + splits.split_at_colon(doc, sent, drafts)
    if not drafts:
        drafts = tail.so_attribution(doc, index, sent)
    if not drafts:
        drafts = [
            d
            for d in (_doubt(doc, index, sent, c) for c in found if c.kind == "doubt")
            if d is not None
        ][:1]
    _possessive_sources(doc, drafts, earlier)
    _speaker_continuity(doc, sent, drafts, earlier)
    qualifiers = [c for c in found if c.kind in ("hearsay", "hedge")]
    if not drafts and qualifiers:
        start, end = build.whole(sent)
        draft = Draft(
            start,
            end,
            qualifiers[0].certainty,
            sent.index,
            qualifiers[0],
            rule=qualifiers[0].rule_id,
            complement=True,
        )
        previous = speech.previous(sent, earlier)
        if previous is not None and cues.subjunctive_tokens(
            doc, sent.start, sent.end, mood_ii=True
        ):
            draft.source = (
                previous.source
            )  # "Das Haus sei wahrscheinlich ... getroffen worden" goes on
            draft.hedged_on = True
        drafts = [draft]
    if not drafts:
        drafts = speech.continuation(doc, sent, earlier, index)
    for draft in list(drafts):
        for q in qualifiers:
            covers = draft.start <= q.start < draft.end or (
                draft.cue is not None and draft.cue.start == q.start
            )
            if nouns.qualifies(sent, draft, q):
                draft.raise_to(q.certainty)  # "unbestätigte Berichte, wonach P"
                continue
            if not covers or draft.certainty == "denied":
                continue
            if q.kind == "hedge" and splits.attributed(draft):
                continue  # "der Fahrer sei vermutlich eingeschlafen": the speaker's hedge (6.3)
            hedged = splits.hedged_clause(doc, sent, draft, q)
            if hedged is not None:
                drafts.append(hedged)  # "..., weil er ... haben soll": a claim of its own (5.2)
                continue
            draft.raise_to(q.certainty)
    drafts = drafts + charges.charge_claims(doc, index, sent, drafts)
    unverifiable = [c for c in found if c.kind == "unverifiable"]
    if unverifiable and drafts:
        _unverifiable(drafts)
    elif unverifiable:
        scope = _unverified_scope(doc, sent, earlier)
        _unverifiable(scope)
        if not scope and sent.index > 0:
            drafts = _unverified_previous(doc, sent, unverifiable[0])
    return drafts


def _unverified_scope(doc: Doc, sent: Sentence, earlier: list[Draft]) -> list[Draft]:
    """ "Die Angaben beider Seiten lassen sich nicht überprüfen" covers every earlier claim;
    otherwise the claims of the sentence just before, and every earlier claim of their sources."""
    words = {doc[i].lower_ for i in range(sent.start, sent.end)}
    if words & {"beider", "aller", "sämtlicher"}:
        return list(earlier)
    last = [d for d in earlier if d.sentence == sent.index - 1]
    sources = {d.source.text.lower() for d in last if d.source is not None}
    return last + [
        d
        for d in earlier
        if d not in last and d.source is not None and d.source.text.lower() in sources
    ]


def _unverified_previous(doc: Doc, sent: Sentence, cue: cues.Cue) -> list[Draft]:
    """ "Die Polizei löste die Kundgebung auf. Das lässt sich nicht unabhängig überprüfen.": the
    sentence before becomes an unconfirmed claim of the report's own."""
    first = doc[sent.start]
    if first.lower_ not in ("das", "dies", "diese", "die", "unabhängig") and "angaben" not in {
        doc[i].lower_ for i in range(sent.start, sent.end)
    }:
        return []
    before = next((s for s in doc.sents if s.end == sent.start), None)
    if before is None:
        return []
    clauses = cues.clauses(doc, before.start, before.end)
    if not clauses:
        return []
    return [
        Draft(
            clauses[0][0],
            clauses[-1][1],
            "unconfirmed",
            sent.index - 1,
            cue,
            None,
            complement=True,
            rule="unverifiable",
        )
    ]


def _doubt(doc: Doc, index: DocIndex, sent: Sentence, cue: cues.Cue) -> Draft | None:
    """ "Im Internet hatte es Zweifel ... gegeben" reports doubts; "X äußerte Zweifel an Y" is a
    stance."""
    words = {doc[i].lower_ for i in range(sent.start, sent.end)}
    if "es" not in words or words & {"kein", "keine", "keinen"}:
        return None
    return build.draft_for(doc, index, sent, cue)


def _speaker_continuity(
    doc: Doc, sent: Sentence, drafts: list[Draft], earlier: list[Draft]
) -> None:
    """ "..., sagte er" where no named person precedes: the speaker of the claims just before."""
    previous = speech.previous(sent, earlier, window=2)
    if previous is None or previous.source is None:
        return
    for draft in drafts:
        if draft.pronoun is not None and (
            draft.source is None or draft.source.start < previous.source.start
        ):
            # "Er kündigte ... an" after "sagte ein Sprecher": the speaker just named is nearer
            # than the last name before the pronoun
            draft.source = previous.source
            continue
        if draft.source is not None or draft.cue is None or draft.cue.kind not in OPENING_VERBS:
            continue
        clause = next((c for c in sent.clauses if c[0] <= draft.cue.start < c[1]), None)
        if clause is not None and any(doc[i].lower_ in ("er", "sie") for i in range(*clause)):
            draft.source = previous.source


def _possessive_sources(doc: Doc, drafts: list[Draft], earlier: list[Draft]) -> None:
    """ "nach ihren Angaben", "Demnach ...": the speaker of the claims just before, when there is
    one."""
    for draft in drafts:
        if draft.cue is None or draft.cue.kind != "phrase" or not earlier:
            continue
        words = {doc[i].lower_ for i in range(draft.cue.start, draft.cue.end)}
        prev = next((d for d in reversed(earlier) if not splits.is_nested(d)), earlier[-1])
        if (
            words & {"seinen", "ihren", "demnach"}
            and prev.source is not None
            and draft.sentence - prev.sentence <= 2
        ):
            draft.source = prev.source
            draft.continues = True


def _is_question(doc: Doc, sent: Sentence) -> bool:
    last = sent.clauses[-1][1]
    tail = [doc[i].text for i in range(last, sent.end)]
    return "?" in tail


MERGE_REACH = 4  # drafts back that a second cue of one proposition is looked for


def _merge(doc: Doc, drafts: list[Draft]) -> list[Draft]:
    """Two cues for one proposition ("Wie X mitteilte, sollen nach Angaben ...") make one claim; a
    verb cue wins over a phrase, the stronger certainty wins."""
    out: list[Draft] = []
    for draft in drafts:
        # drafts come in text order, so a twin is among the last few (linear in long sentences)
        twin = next((d for d in out[-MERGE_REACH:] if _overlap(d, draft) >= 0.5), None)
        if (
            twin is None
            or {twin.certainty, draft.certainty} == {"denied", "alleged"}
            or splits.nested(doc, twin, draft)
        ):
            out.append(draft)
            continue
        twin.raise_to(draft.certainty)
        if twin.source is None:
            twin.source = draft.source
    return out


def _overlap(a: Draft, b: Draft) -> float:
    inter = min(a.end, b.end) - max(a.start, b.start)
    shorter = min(a.end - a.start, b.end - b.start)
    return inter / shorter if shorter > 0 and inter > 0 else 0.0


def _headline(doc: Doc, index: DocIndex, sent: Sentence) -> list[Draft]:
    """ "Selenskyj: Wir werden siegen": a short name before a colon, no verb before it."""
    if len(sent.clauses) < 2:
        return []
    first = sent.clauses[0]
    colon = first[1]
    if (
        len(sent.clauses) < 2
        or colon >= sent.end
        or doc[colon].text != ":"
        or first[1] - first[0] > 4
    ):
        return []
    if any(doc[i].text[:1].islower() for i in range(*first)):
        return []
    speaker = [c for c in phrases.candidates(index, *first) if c.mention is not None]
    if not speaker:
        return []
    start, end = sent.clauses[1][0], sent.clauses[-1][1]
    return [
        Draft(
            start,
            end,
            "asserted",
            sent.index,
            None,
            speaker[0].span(doc),
            complement=True,
            rule="headline",
        )
    ]


def _unverifiable(drafts: list[Draft]) -> None:
    for draft in drafts:
        if draft.certainty != "denied":
            draft.certainty = "unconfirmed"


def _finish(doc: Doc, index: DocIndex, drafts: list[Draft], events: list[Event]) -> list[Claim]:
    kept: list[tuple[Draft, Span]] = []
    for draft in sorted(drafts, key=lambda d: d.start):
        draft.start = _after_dateline(doc, draft.start, draft.end)
        span = build.char_span(doc, draft.start, draft.end)
        if span is not None:
            kept.append((draft, span))
    ids = [f"c{n}" for n in range(1, len(kept) + 1)]
    tail.fill_sources(doc, index, [d for d, _ in kept])
    nearby = MentionLookup(index.mentions)
    bounds = [(s.start, s.end) for s in doc.sents]
    per_sentence: dict[int, tuple[frozenset[str], frozenset[str]]] = {}
    for draft, span in kept:
        draft.source = speakers.named_apposition(doc, index, draft.source, (draft.start, draft.end))
        draft.events = _events_in(doc, span, draft, events)
        n = bisect_right(bounds, draft.start, key=lambda b: b[0]) - 1
        if n not in per_sentence:  # once per sentence: a long one holds many claims
            start, end = bounds[n]
            per_sentence[n] = (
                frozenset(m.canonical or m.text.lower() for m in nearby.starting_in(start, end)),
                frozenset(doc[i].lower_ for i in range(start, end)),
            )
        _describe(doc, nearby, draft, events, bounds[n], per_sentence[n])
    by_id = {e.id: e for e in events}
    linkable = [(d, i) for (d, _), i in zip(kept, ids) if not splits.speech_inside(d)]
    links.link_in_report([d for d, _ in linkable], [i for _, i in linkable], by_id)
    kept, ids = empty.drop_empty_denials(doc, kept, ids)
    return [
        Claim(
            start=span.start,
            end=span.end,
            text=span.text,
            certainty=draft.certainty,
            source=draft.source,
            cue=_cue_span(doc, draft),
            events=draft.events,
            contradicts=draft.contradicts,
            component=f"{COMPONENT}/{draft.rule}",
            id=cid,
        )
        for cid, (draft, span) in zip(ids, kept)
    ]


DATELINE_WORDS = 4  # "Wien – ", "Holguin/Vatikanstadt – ", "Bujumbura/Genf – "


def _after_dateline(doc: Doc, start: int, end: int) -> int:
    """ "Wien – Die Regierung will ...": the place line opening the report body is no part of the
    proposition (5.3); the span starts after its dash."""
    if start > 0 and not doc[start - 1].is_space and doc[start - 1].text not in (".", "!", "?"):
        return start  # not at a sentence start
    for i in range(start, min(start + DATELINE_WORDS + 1, end - 1)):
        word = doc[i].text
        if word in ("–", "—") and i > start:
            nxt = i + 1
            while nxt < end and doc[nxt].is_space:
                nxt += 1
            return nxt if nxt < end else start
        if not (word[:1].isupper() or word == "/" or doc[i].is_space):
            return start
        if doc[i].lower_ in de.CONJUNCTIONS | de.DETERMINERS | {"aber", "doch", "denn"}:
            return start  # "Und – vermutlich entscheidend – ...": an aside, no place
    return start


def _describe(
    doc: Doc,
    nearby: MentionLookup,
    draft: Draft,
    events: list[Event],
    sent: tuple[int, int],
    known: tuple[frozenset[str], frozenset[str]],
) -> None:
    """What contradiction links compare: the proposition's words, the names in its sentence and
    source, and for a denial the events named by its object ("dementierte einen Rückzug: ...").
    `sent` is the claim's sentence, `known` its names and lower-cased words."""
    draft.tokens = tuple(doc[i].text for i in range(draft.start, draft.end))
    draft.names, words = known
    if draft.source is not None:
        # the source and what names it up to the cue ("Die Regierung in Warschau wies ... zurück")
        reach = draft.source.end
        gap = doc[draft.cue.start].idx - draft.source.end if draft.cue is not None else 0
        if 0 < gap <= SOURCE_CUE_GAP:
            reach = doc[draft.cue.start].idx  # "in Warschau" between the source and its verb
        draft.source_names = frozenset(
            m.canonical or m.text.lower() for m in nearby.overlapping(draft.source.start, reach)
        )
        draft.speaker = _speaker(doc, nearby, draft.source)
    # "sagten dagegen" right after the cue, not "protestierten dagegen"
    draft.contrast = bool(words & {"hingegen", "demgegenüber"}) or (
        draft.cue is not None
        and any(
            doc[i].lower_ == "dagegen"
            for i in range(draft.cue.end, min(draft.cue.end + 4, sent[1]))
            if not draft.start <= i < draft.end or draft.cue.start >= draft.end
        )
    )
    if draft.certainty == "denied" and draft.cue is not None:
        low = doc[draft.cue.end - 1].idx + len(doc[draft.cue.end - 1].text)
        high = doc[draft.start].idx if draft.start > draft.cue.end else low
        draft.object_types = frozenset(e.type for e in events if low <= e.trigger.start < high)


def _events_in(doc: Doc, span: Span, draft: Draft, events: list[Event]) -> list[str]:
    """Events whose trigger lies inside the claim, except the cue's own ACCUSE or REJECT."""
    cue_start = doc[draft.cue.start].idx if draft.cue is not None else -1
    return [
        e.id
        for e in events
        if span.start <= e.trigger.start < span.end and e.trigger.start != cue_start
    ]


def _cue_span(doc: Doc, draft: Draft) -> Span | None:
    if draft.cue is None:
        return None
    first = phrases.token_span(doc, draft.cue.start, draft.cue.end)
    return Span(first.start, first.end, draft.cue.text(doc))


def _speaker(doc: Doc, nearby: MentionLookup, source: Span) -> str | None:
    """The surname of the person a source names: its PER mention, or for a title alone ("der
    Außenminister") the person the report gave that title before ("Außenminister Sebastian
    Kurz")."""
    people = [m for m in nearby.overlapping(source.start, source.end) if m.type == "PER"]
    if people:
        return people[0].text.split()[-1].lower()
    title = source.text.split()[-1] if source.text.split() else ""
    if not title[:1].isupper():
        return None
    i = bisect_right(nearby.char_starts, source.start) - 1
    for m in nearby.by_char[max(0, i - TITLE_LOOKBACK) : i + 1][::-1]:
        if m.type == "PER" and m.end <= source.start:
            words = extensions.doc_text(doc)[max(0, m.start - len(title) - 2) : m.start].split()
            if words and words[-1] == title:
                return m.text.split()[-1].lower()
    return None


TITLE_LOOKBACK = 50  # mentions back that a title alone looks for the name it was given to
