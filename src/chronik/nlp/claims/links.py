"""Contradiction links: a denial and what it denies, in one report or across reports.

In one report a denial that has no proposition of its own ("Die russische Seite bestreitet das",
"wies die Vorwürfe zurück") denies the nearest preceding claim of another source; one with a
proposition ("bestreitet, Zivilisten angegriffen zu haben") the nearest preceding claim about an
event of the same type. Across reports the same holds for a later report's denial when the actors
and the event type agree.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from chronik.nlp.claims import counter
from chronik.nlp.claims.build import Draft
from chronik.nlp.claims.counter import (
    ACCUSATION_WINDOW,
    WINDOW_SENTENCES,
    same_source,
    same_speaker,
    same_word,
    stem,
)
from chronik.nlp.events.coref import canonical_names
from chronik.nlp.lang import de
from chronik.types import Annotations, Event, Report

ANNOUNCING = {"an|kündigen"}  # one's own announced action is not what a later denial refers back to
MAX_ACCUSATIONS = 3  # accusations against the denier that "bestreitet die Vorwürfe" answers at once
NESTED_REACH = 8  # drafts either side of a denial that may lie inside its span (bounded work)


def link_in_report(drafts: list[Draft], ids: list[str], events: dict[str, Event]) -> None:
    """Sets contradicts on both sides and gives a referring-back denial the events of what it
    denies."""
    denied_by: dict[int, list[int]] = {}
    going_on: list[tuple[int, int]] = []
    rebuttals = {n: d.certainty for n, d in enumerate(drafts) if counter.rebuts(d)}
    for n in rebuttals:
        drafts[n].certainty = "denied"  # "nannte das absurd": a denial (6.1) if it denies something
    accusing = {v for v, e in events.items() if e.type == "ACCUSE"}
    for n, denial in enumerate(drafts):
        if denial.certainty != "denied" or counter.no_denial(denial):
            continue
        targets = (
            _echo(drafts, n, denied_by)
            or _antecedents(drafts, n, events)
            or _later_accusation(drafts, n)
        )
        # "bestritt die Vorwürfe", "die Vorwürfe seien haltlos": the noun points back
        points_back = not denial.complement or not set(denial.events) - accusing
        if targets and points_back:
            targets = _accounts(
                drafts, targets, n
            )  # "bestritt die Vorwürfe": the accusation and its details
        targets = targets + _same_account(drafts, targets, n)
        denied_by[n] = targets
        for target in targets:
            _link(drafts, ids, n, target)
            if points_back:
                # "wies die Vorwürfe zurück": the noun points back at the accusation, whose
                # events the denial lists (5.6) instead of the noun's own ACCUSE mention
                own = [e for e in denial.events if e not in accusing]
                denial.events = list(dict.fromkeys(own + drafts[target].events))
        # the claim after the denial, past one told inside it: "... wies die Vorwürfe zurück.
        # "Polen bedroht niemanden""
        follow = next((k for k in range(n + 1, len(drafts)) if drafts[k].end > denial.end), None)
        if targets and follow is not None and _goes_on(drafts[follow], denial, drafts[targets[0]]):
            # the accusations it answers, else the account it points at
            for t in [t for t in targets if drafts[t].certainty == "alleged"] or targets[:1]:
                _link(drafts, ids, follow, t)
            going_on.append((follow, n))
    for n, certainty in rebuttals.items():
        if not drafts[n].contradicts:
            drafts[n].certainty = certainty  # answering nothing, it stays what its cue says
    _share_out(drafts, ids)
    _nested_accusations(drafts, ids)
    for follow, n in going_on:
        # the denier's own account also contradicts the accusation told inside the denial ("Den
        # Vorwurf, sie habe gelogen, weist sie zurück: Alles sei belegt")
        for k in _inside(drafts, n):
            if ids[k] in drafts[n].contradicts:
                _link(drafts, ids, follow, k)
    for n in range(len(drafts)):
        if drafts[n].certainty == "denied" or drafts[n].continues or drafts[n].hedged_on:
            continue
        found = (
            counter.counter_account(drafts, n)
            or counter.no_losses(drafts, n, events)
            or counter.differing_figure(drafts, n)
            or counter.turned_blame(drafts, n, events)
            or counter.swapped_roles(drafts, n, events)
        )
        targets = _accounts(drafts, found, n)
        for k in [n] + _goes_on_with(drafts, n) if targets else []:
            for target in targets:
                _link(drafts, ids, k, target)


def _nested_accusations(drafts: list[Draft], ids: list[str]) -> None:
    """ "Den Vorwurf, die Firma habe ..., wies der Chef zurück": the accusation told inside the
    denial's own span (an accusation noun's claim) is what it denies (7.1)."""
    for n, denial in enumerate(drafts):
        if denial.certainty != "denied" or counter.no_denial(denial):
            continue
        for k in _inside(drafts, n):
            inner = drafts[k]
            noun = inner.cue is not None and inner.cue.kind == "accuse"
            if noun and inner.certainty == "alleged":
                _link(drafts, ids, n, k)


def _inside(drafts: list[Draft], n: int) -> list[int]:
    """The claims told inside claim n's span."""
    outer = drafts[n]
    return [
        k
        for k in range(max(0, n - NESTED_REACH), min(len(drafts), n + NESTED_REACH + 1))
        if k != n and outer.start <= drafts[k].start and drafts[k].end <= outer.end
    ]


def _share_out(drafts: list[Draft], ids: list[str]) -> None:
    """ "Er bestritt die Existenz der Akten und sprach von einer Fälschung": two denials of one
    sentence deny different parts of the account; a claim whose words are the opposite of the
    second denial's ("Die Unterschrift sei echt" - "Fälschung") is denied by it alone, the rest by
    the first."""
    for n in range(len(drafts) - 1):
        first, second = drafts[n], drafts[n + 1]
        if (
            first.certainty != "denied"
            or second.certainty != "denied"
            or first.sentence != second.sentence
            or set(first.contradicts) != set(second.contradicts)
        ):
            continue
        opposite = {stem(w.lower()) for w in second.tokens for w in _opposites(w)}
        for cid in list(first.contradicts):
            target = drafts[ids.index(cid)]
            words = {stem(w.lower()) for w in target.tokens}
            keep_first = not (words & opposite)
            _unlink(drafts, ids, n + 1 if keep_first else n, ids.index(cid))
        if not second.contradicts:
            for cid in first.contradicts:
                _link(drafts, ids, n + 1, ids.index(cid))


def _opposites(word: str) -> set[str]:
    return de.OPPOSITE_WORDS.get(word.lower(), set())


def _unlink(drafts: list[Draft], ids: list[str], a: int, b: int) -> None:
    drafts[a].contradicts = [c for c in drafts[a].contradicts if c != ids[b]]
    drafts[b].contradicts = [c for c in drafts[b].contradicts if c != ids[a]]


MIN_ACCOUNT_NOUN = 7  # letters of a noun that ties two tellings of one account ("Personalakt")


def _same_account(drafts: list[Draft], targets: list[int], n: int) -> list[int]:
    """The teaser and the body often tell what a denial denies twice ("soll ein Akt aufgetaucht
    sein" ... "sei Wałęsas Personalakt gefunden worden"): a claim of the first sentence, of another
    source than the denier, that shares a long noun with a denied claim is denied too."""
    nouns = {
        w.lower()
        for t in targets
        for w in drafts[t].tokens
        if w[:1].isupper() and w.isalpha() and len(w) >= MIN_ACCOUNT_NOUN
    }
    if not nouns:
        return []
    return [
        k
        for k in range(n)
        if k not in targets
        and drafts[k].sentence == 0  # the teaser: a news report's first sentence
        and drafts[k].certainty != "denied"
        and not same_source(drafts[k], drafts[n])
        and any(same_word(noun, w) for noun in nouns for w in drafts[k].tokens)
    ][:2]


def _goes_on_with(drafts: list[Draft], n: int) -> list[int]:
    """The claims that carry a counter-account on ("Wahrscheinlich handele es sich um ..."), up to
    one that turns ("Russland trage aber die Verantwortung"): the speaker concedes something to the
    other side."""
    out = []
    for k in range(n + 1, len(drafts)):
        if (
            not (drafts[k].continues or drafts[k].hedged_on)
            or not same_source(drafts[k], drafts[n])
            or (drafts[k].sentence - drafts[k - 1].sentence > 1)
            or drafts[k].words & de.TURNS
        ):
            break
        out.append(k)
    return out


def _goes_on(follow: Draft, denial: Draft, target: Draft) -> bool:
    """The claim right after a denial carries it on when the denier goes on speaking (indirect
    speech, a quote), or a spokesperson or someone of the denier's side speaks ("Ein Sprecher sagte,
    ...")."""
    if follow.sentence - denial.sentence > 1 or follow.certainty not in ("asserted", "reported"):
        return False
    if same_source(follow, target) or follow.source is None:
        return False
    if same_source(follow, denial):  # "wies den Vorwurf zurück: P" gives the denier's account
        return follow.continues or (
            follow.rule == "colon-quote" and follow.sentence == denial.sentence
        )
    if follow.source_names & target.source_names:
        return False  # the accuser's side speaking again
    head = follow.source.text.lower()
    return "sprecher" in head or bool(follow.source_names & denial.source_names)


def _accounts(drafts: list[Draft], targets: list[int], before: int) -> list[int]:
    """Each target with the claims that carry its account on ("Demnach ...", indirect speech going
    on) and the claim it carries on itself: a denial or a counter-account covers the account, not
    one sentence."""
    out: list[int] = []
    for t in targets:
        j = t
        while drafts[j].continues and (k := _told_before(drafts, j)) is not None:
            j = k
        chain = [j]
        for k in range(j + 1, before):
            if drafts[k].sentence - drafts[chain[-1]].sentence > ACCOUNT_GAP:
                break
            if drafts[k].continues and _told_before(drafts, k) in chain:
                chain.append(k)
        out.extend(c for c in chain if c not in out)
    return sorted(out)


ACCOUNT_GAP = 2  # sentences between two claims of one account


def _told_before(drafts: list[Draft], j: int) -> int | None:
    """The claim a continuation carries on: one of its source in the sentence before (past a claim
    of the same sentence credited to another name, as in "sagte X der Agentur Y zufolge"); two
    unnamed ones carry on one report ("Laut einem Bericht ... Demnach ...")."""
    if j == 0 or drafts[j].sentence - drafts[j - 1].sentence > ACCOUNT_GAP:
        return None
    sentence = drafts[j - 1].sentence
    for k in range(j - 1, -1, -1):
        other = drafts[k]
        if other.sentence != sentence or other.certainty == "denied":
            return None
        unnamed = other.source is None and drafts[j].source is None and other.cue is not None
        if same_source(other, drafts[j]) or unnamed:
            return k
    return None


def _link(drafts: list[Draft], ids: list[str], a: int, b: int) -> None:
    if ids[b] not in drafts[a].contradicts:
        drafts[a].contradicts.append(ids[b])
    if ids[a] not in drafts[b].contradicts:
        drafts[b].contradicts.append(ids[a])


def _echo(drafts: list[Draft], n: int, denied_by: dict[int, list[int]]) -> list[int]:
    """ "Auch Kiew bestritt ...": the same thing the previous denial denied."""
    denial = drafts[n]
    if denial.cue is None or "auch" not in denial.words:
        return []
    earlier = [k for k in denied_by if denial.sentence - drafts[k].sentence <= 2]
    return denied_by[earlier[-1]] if earlier else []


def _antecedents(drafts: list[Draft], n: int, events: dict[str, Event]) -> list[int]:
    denial = drafts[n]
    window = [
        k
        for k in range(n - 1, -1, -1)
        if drafts[k].certainty != "denied"
        and denial.sentence - drafts[k].sentence <= WINDOW_SENTENCES
        and drafts[k].start < denial.start
        and not same_source(drafts[k], denial)
        and not same_speaker(drafts[k], denial)
    ]
    own = _told_by(drafts, n)
    window = [k for k in window if k not in own]
    types = {events[e].type for e in denial.events if e in events} | set(denial.object_types)
    if types:
        same = [
            k for k in window if types & {events[e].type for e in drafts[k].events if e in events}
        ]
        if same:
            return sorted(same)
    alleged = [
        k
        for k in window
        if drafts[k].certainty == "alleged" and denial.sentence - drafts[k].sentence <= 1
    ]
    if denial.complement and denial.events:
        return alleged[:1]
    if not alleged and denial.source is not None:
        # "Das russische Verteidigungsministerium wies jede Beteiligung zurück": the accusation
        # against its side
        accused = [
            k
            for k in range(n - 1, -1, -1)
            if drafts[k].certainty == "alleged"
            and denial.sentence - drafts[k].sentence <= ACCUSATION_WINDOW
            and drafts[k].start < denial.start
            and not same_source(drafts[k], denial)
            and (denial.source_names & drafts[k].names or counter.names_speaker(drafts[k], denial))
        ]
        if accused:
            return sorted(accused[:MAX_ACCUSATIONS])
    facts = [k for k in window if not _announcement(drafts[k])]
    return (alleged or _named_account(drafts, n) or facts or window)[:1]


def _named_account(drafts: list[Draft], n: int) -> list[int]:
    """ "Das Ministerium wies die Berichte zurück" or "... die Kritik zurück" several sentences
    after it: a denial naming reports or charges reaches further back, to the nearest claim told
    as such ("berichtete", "laut Medienberichten"; "warf ... vor", "kritisierte") of another
    source."""
    denial = drafts[n]
    words = {w.lower() for w in denial.tokens}
    reports, charges = words & counter.REPORT_NOUNS, words & counter.CHARGE_NOUNS
    if not reports and not charges:
        return []
    for k in range(n - 1, -1, -1):
        other = drafts[k]
        if denial.sentence - other.sentence > ACCUSATION_WINDOW:
            break
        if other.certainty == "denied" or same_source(other, denial):
            continue
        told = reports and any(w.startswith(counter.REPORTING) for w in other.words)
        if told or (charges and _charge(other)):
            return [k]
    return []


def _charge(draft: Draft) -> bool:
    cue = draft.cue
    if cue is None:
        return False
    return cue.kind == "accuse" or (cue.entry is not None and cue.entry.lemma in counter.CHARGING)


LATER_REACH = 2  # sentences after a denial that may tell the accusation it answers


def _later_accusation(drafts: list[Draft], n: int) -> list[int]:
    """ "Die Reederei weist die Vorwürfe zurück. Die Reederei habe Mängel verschwiegen, schreibt
    die Gewerkschaft": a lead that tells the denial first and the accusation after it; with nothing
    before to deny, the next claim of another source that names the denier is what it denies, with
    the claims that carry that account on."""
    denial = drafts[n]
    if denial.source is None:
        return []
    for k in range(n + 1, len(drafts)):
        other = drafts[k]
        if other.sentence - denial.sentence > LATER_REACH:
            break
        told = other.source is not None or other.certainty in ("reported", "alleged")
        if other.certainty == "denied" or not told or same_source(other, denial):
            continue
        if counter.names_speaker(other, denial):
            chain = [k]
            for j in range(k + 1, len(drafts)):
                if not (drafts[j].continues and same_source(drafts[j], other)):
                    break
                chain.append(j)
            return chain
    return []


def _told_by(drafts: list[Draft], n: int) -> set[int]:
    """Claims told inside a claim of claim n's speaker ("Hinter dem Plan stehe eine Studie, wonach
    ..., sagte der Minister"): the speaker's own account, which it does not deny."""
    speaker = [
        j
        for j in range(max(0, n - NESTED_REACH), n)
        if same_source(drafts[j], drafts[n]) or same_speaker(drafts[j], drafts[n])
    ]
    return {
        k
        for j in speaker
        for k in range(j + 1, min(len(drafts), j + NESTED_REACH + 1))
        if drafts[j].start <= drafts[k].start < drafts[j].end
    }


def _announcement(draft: Draft) -> bool:
    return (
        draft.cue is not None
        and draft.cue.entry is not None
        and draft.cue.entry.lemma in ANNOUNCING
    )


@dataclass(frozen=True)
class ClaimRecord:
    """One stored claim as cross-report linking sees it: canonical names stand for the entities."""

    report_id: str
    claim_id: str
    report_date: date
    certainty: str
    event_types: frozenset[str]
    actors: frozenset[str]  # canonical actors and targets of the claim's events
    source: str | None = None  # canonical source


# A denial answers claims of the last two months: "Moskau bestreitet ..." rarely refers to older
# reports, and a wider window pairs it with unrelated claims about the same actors.
DENIAL_WINDOW_DAYS = 60


def link_denials_across(
    records: Sequence[ClaimRecord], window_days: int = DENIAL_WINDOW_DAYS
) -> list[tuple[ClaimRecord, ClaimRecord]]:
    """(earlier claim, later denial) pairs from different reports about the same actors and event
    type.

    A denial's own source counts among its actors ("Moskau bestreitet ..." is about Russia's
    action). Each denial links to the nearest earlier claims that fit, not to every claim ever made.
    """
    pairs = []
    claims = sorted((r for r in records if r.certainty != "denied"), key=lambda r: r.report_date)
    for denial in (r for r in records if r.certainty == "denied"):
        actors = denial.actors | ({denial.source} if denial.source else set())
        fitting = [
            c
            for c in claims
            if c.report_id != denial.report_id
            and c.report_date <= denial.report_date
            and (denial.report_date - c.report_date).days <= window_days
            and (not denial.event_types or c.event_types & denial.event_types)
            and c.actors & actors
        ]
        if not fitting:
            continue
        latest = max(c.report_date for c in fitting)
        pairs.extend((c, denial) for c in fitting if c.report_date == latest)
    return pairs


def claim_records(report: Report, annotations: Annotations) -> list[ClaimRecord]:
    """One report's claims as cross-report linking input (actors and targets of the claims'
    events)."""
    if report.date is None:
        return []
    events = {e.id: e for e in annotations.events}
    out = []
    for claim in annotations.claims:
        about = [events[v] for v in claim.events if v in events]
        spans = [s for e in about for s in e.actor + e.target]
        source = (
            next(iter(canonical_names([claim.source], annotations.mentions)))
            if claim.source
            else None
        )
        out.append(
            ClaimRecord(
                report.id,
                claim.id,
                report.date.earliest(),
                claim.certainty,
                frozenset(e.type for e in about),
                canonical_names(spans, annotations.mentions),
                source,
            )
        )
    return out
