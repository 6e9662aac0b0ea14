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

from chronik.nlp.claims.build import Draft
from chronik.nlp.events.coref import canonical_names
from chronik.nlp.lang import de
from chronik.types import Annotations, Event, Report

WINDOW_SENTENCES = 3
ACCUSATION_WINDOW = 6  # sentences back that a denial of the accused still reaches its accusation
ANNOUNCING = {"an|kündigen"}  # one's own announced action is not what a later denial refers back to
ENDINGS = ("en", "em", "er", "es", "e")
NESTED_REACH = 8  # drafts either side of a denial that may lie inside its span (bounded work)


def link_in_report(drafts: list[Draft], ids: list[str], events: dict[str, Event]) -> None:
    """Sets contradicts on both sides and gives a referring-back denial the events of what it
    denies."""
    denied_by: dict[int, list[int]] = {}
    accusing = {v for v, e in events.items() if e.type == "ACCUSE"}
    for n, denial in enumerate(drafts):
        if denial.certainty != "denied":
            continue
        targets = _echo(drafts, n, denied_by) or _antecedents(drafts, n, events)
        if targets and (not denial.complement or not denial.events):
            targets = _accounts(
                drafts, targets, n
            )  # "bestritt die Vorwürfe": the accusation and its details
        targets = targets + _same_account(drafts, targets, n)
        denied_by[n] = targets
        for target in targets:
            _link(drafts, ids, n, target)
            if not denial.complement or not denial.events:
                # "wies die Vorwürfe zurück": the noun points back at the accusation, whose
                # events the denial lists (5.6) instead of the noun's own ACCUSE mention
                own = [e for e in denial.events if e not in accusing]
                denial.events = list(dict.fromkeys(own + drafts[target].events))
        # the claim after the denial, past one told inside it: "... wies die Vorwürfe zurück.
        # "Polen bedroht niemanden""
        follow = next((k for k in range(n + 1, len(drafts)) if drafts[k].end > denial.end), None)
        if targets and follow is not None and _goes_on(drafts[follow], denial, drafts[targets[0]]):
            _link(drafts, ids, follow, targets[0])
    _share_out(drafts, ids)
    _nested_accusations(drafts, ids)
    for n in range(len(drafts)):
        if drafts[n].certainty == "denied" or drafts[n].continues or drafts[n].hedged_on:
            continue
        targets = _accounts(drafts, _counter_account(drafts, n) or _no_losses(drafts, n, events), n)
        for k in [n] + _goes_on_with(drafts, n) if targets else []:
            for target in targets:
                _link(drafts, ids, k, target)


def _nested_accusations(drafts: list[Draft], ids: list[str]) -> None:
    """ "Den Vorwurf, die Firma habe ..., wies der Chef zurück": the accusation told inside the
    denial's own span (an accusation noun's claim) is what it denies (7.1)."""
    for n, denial in enumerate(drafts):
        if denial.certainty != "denied":
            continue
        for k in range(max(0, n - NESTED_REACH), min(len(drafts), n + NESTED_REACH + 1)):
            inner = drafts[k]
            nested = k != n and denial.start <= inner.start and inner.end <= denial.end
            noun = inner.cue is not None and inner.cue.kind == "accuse"
            if nested and noun and inner.certainty == "alleged":
                _link(drafts, ids, n, k)


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
        opposite = {_stem(w.lower()) for w in second.tokens for w in _opposites(w)}
        for cid in list(first.contradicts):
            target = drafts[ids.index(cid)]
            words = {_stem(w.lower()) for w in target.tokens}
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
        and not _same_source(drafts[k], drafts[n])
        and any(_same_word(noun, w) for noun in nouns for w in drafts[k].tokens)
    ][:2]


def _goes_on_with(drafts: list[Draft], n: int) -> list[int]:
    """The claims that carry a counter-account on ("Wahrscheinlich handele es sich um ..."), up to
    one that turns ("Russland trage aber die Verantwortung"): the speaker concedes something to the
    other side."""
    out = []
    for k in range(n + 1, len(drafts)):
        if (
            not (drafts[k].continues or drafts[k].hedged_on)
            or not _same_source(drafts[k], drafts[n])
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
    if _same_source(follow, target) or follow.source is None:
        return False
    if _same_source(follow, denial):  # "wies den Vorwurf zurück: P" gives the denier's account
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
        while (
            drafts[j].continues
            and j > 0
            and _same_source(drafts[j - 1], drafts[j])
            and (drafts[j].sentence - drafts[j - 1].sentence <= 2)
            and drafts[j - 1].certainty != "denied"
        ):
            j -= 1
        chain = [j]
        k = j + 1
        while (
            k < before
            and drafts[k].continues
            and _same_source(drafts[k], drafts[k - 1])
            and (drafts[k].sentence - drafts[k - 1].sentence <= 2)
            and drafts[k].certainty != "denied"
        ):
            chain.append(k)
            k += 1
        out.extend(c for c in chain if c not in out)
    return sorted(out)


def _counter_account(drafts: list[Draft], n: int) -> list[int]:
    """Two accounts that cannot both be true: "es gebe keine Hinweise auf einen Angriff" after a
    claim of that attack, "zeigen das Flugzeug unbeschädigt" after "soll beschädigt worden sein",
    and a source that tells it "hingegen" otherwise than the one before."""
    claim = drafts[n]
    earlier = []
    for k in range(n - 1, -1, -1):  # drafts are in text order: stop once past the window
        if claim.sentence - drafts[k].sentence > ACCUSATION_WINDOW:
            break
        if (
            drafts[k].certainty != "denied"
            and not _same_source(drafts[k], claim)
            and drafts[k].sentence < claim.sentence
        ):
            earlier.append(k)
    nothing = _there_is_no(claim.tokens)
    if nothing:
        # "Es gibt keinen Plan für Neuwahlen" after a report of such plans
        about = [
            k
            for k in earlier
            if any(_same_word(noun, w) for noun in nothing for w in drafts[k].tokens)
        ]
        if about:
            claim.certainty = "denied"
            return about[:1]
    noun = _no_evidence_noun(claim.tokens)
    if noun is not None:
        about = [
            k
            for k in earlier
            if _no_evidence_noun(drafts[k].tokens) is None
            and any(_same_word(noun, w) for w in drafts[k].words)
        ]
        alleged = [k for k in about if drafts[k].certainty == "alleged"]
        return (alleged or about)[:1]
    opposites = {_stem(w.lower()[2:]) for w in claim.tokens if _negated_participle(w.lower())}
    if opposites:
        near = [k for k in earlier if claim.sentence - drafts[k].sentence <= WINDOW_SENTENCES + 1]
        hit = [k for k in near if opposites & {_stem(w.lower()) for w in drafts[k].tokens}]
        if hit:
            return hit[:1]
    if claim.source is not None and claim.contrast:
        near = [
            k
            for k in earlier
            if drafts[k].source is not None and claim.sentence - drafts[k].sentence <= 2
        ]
        return near[:1]
    return []


def _no_losses(drafts: list[Draft], n: int, events: dict[str, Event]) -> list[int]:
    """ "Die Rebellen erklärten, sie hätten keine Verluste erlitten" after "drei Rebellen seien
    getötet worden": no casualties against another source's account of an attack (7.1)."""
    claim = drafts[n]
    lower = [w.lower() for w in claim.tokens]
    if claim.source is None or not any(
        w in de.NEGATING_DETERMINERS and any(x in de.CASUALTY_NOUNS for x in lower[i + 1 : i + 3])
        for i, w in enumerate(lower)
    ):
        return []
    for k in range(n - 1, -1, -1):
        other = drafts[k]
        if claim.sentence - other.sentence > WINDOW_SENTENCES:
            break
        if other.certainty == "denied" or _same_source(other, claim) or other.source is None:
            continue
        if any(events[e].type == "ASSAULT" for e in other.events if e in events):
            return [k]
    return []


def _negated_participle(word: str) -> bool:
    """ "unbeschädigt", "unverletzte": un- before a participle of something done to it (not
    "unverantwortlich", and not "unbestätigt"/"unbekannt", which qualify a report rather than state
    the opposite)."""
    if not word.startswith("un") or len(word) < 8:
        return False
    base = _stem(word[2:])
    return (
        base.endswith("t")
        and base[:2] in ("be", "ge", "ve", "ze", "er", "en")
        and base not in de.NOT_OPPOSITES
    )


def _there_is_no(tokens: tuple[str, ...]) -> list[str]:
    """ "es gibt keinen Plan für Neuwahlen" -> ["plan", "neuwahlen"]: the nouns said not to exist
    (up to four words after the negating determiner)."""
    lower = [w.lower() for w in tokens]
    for i, word in enumerate(lower[:-1]):
        if word not in de.NEGATING_DETERMINERS:
            continue
        if not any(w in de.EXISTENCE_VERBS for w in lower[max(0, i - 4) : i]):
            continue
        return [
            lower[j]
            for j in range(i + 1, min(len(tokens), i + 5))
            if tokens[j][:1].isupper() and tokens[j].isalpha() and lower[j] not in de.EVIDENCE_NOUNS
        ]
    return []


def _no_evidence_noun(tokens: tuple[str, ...]) -> str | None:
    """ "keine Hinweise auf einen vorsätzlichen Angriff" -> "angriff": the noun whose evidence is
    missing."""
    lower = [w.lower() for w in tokens]
    for i, word in enumerate(lower):
        if (
            word not in de.NEGATING_DETERMINERS
            or i + 1 >= len(lower)
            or lower[i + 1] not in de.EVIDENCE_NOUNS
        ):
            continue
        if i + 2 < len(lower) and lower[i + 2] in de.EVIDENCE_PREPS:
            for j in range(i + 3, min(len(tokens), i + 7)):
                if tokens[j][:1].isupper() and tokens[j].isalpha():
                    return lower[j]
    return None


def _same_word(a: str, b: str) -> bool:
    return len(a) >= 5 and len(b) >= 5 and _stem(a) == _stem(b.lower())


def _stem(word: str) -> str:
    for ending in ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 4:
            return word[: -len(ending)]
    return word


def _link(drafts: list[Draft], ids: list[str], a: int, b: int) -> None:
    if ids[b] not in drafts[a].contradicts:
        drafts[a].contradicts.append(ids[b])
    if ids[a] not in drafts[b].contradicts:
        drafts[b].contradicts.append(ids[a])


def _same_source(a: Draft, b: Draft) -> bool:
    """One speaker, also named in full and by a nearer mention ("das Innenministerium" ... "das
    Ministerium", "UN-Generalsekretär Ban" ... "der UN-Generalsekretär")."""
    if a.source is None or b.source is None:
        return False
    x, y = a.source.text.lower(), b.source.text.lower()
    if x == y or _same_speaker(a, b):
        return True
    hx, hy = x.split()[-1], y.split()[-1]
    return min(len(hx), len(hy)) >= MIN_HEAD_CHARS and (hx.endswith(hy) or hy.endswith(hx))


MIN_HEAD_CHARS = 6  # "Ministerium" in "Innenministerium"; not "Amt" or "Rat"


def _same_speaker(a: Draft, b: Draft) -> bool:
    """One person, named once by title and once by name: nobody denies their own claim."""
    return a.speaker is not None and a.speaker == b.speaker


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
        and not _same_source(drafts[k], denial)
        and not _same_speaker(drafts[k], denial)
    ]
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
    if not alleged and denial.source_names:
        # "Das russische Verteidigungsministerium wies jede Beteiligung zurück": the accusation
        # against its side
        accused = [
            k
            for k in range(n - 1, -1, -1)
            if drafts[k].certainty == "alleged"
            and denial.sentence - drafts[k].sentence <= ACCUSATION_WINDOW
            and drafts[k].start < denial.start
            and not _same_source(drafts[k], denial)
            and denial.source_names & drafts[k].names
        ]
        if accused:
            return accused[:1]
    facts = [k for k in window if not _announcement(drafts[k])]
    return (alleged or facts or window)[:1]


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
