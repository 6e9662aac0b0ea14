"""Cross-report event coreference and cross-report denial links."""

from __future__ import annotations

from datetime import date

from chronik.nlp.claims.links import ClaimRecord, link_denials_across
from chronik.nlp.events.coref import EventMention, cluster_events


def mention(
    mid: str,
    report: str,
    day: int,
    kind: str = "CONSULT",
    actors=("Sergei Shoigu",),
    targets=("Alexander Lukashenko",),
    source: str | None = None,
    negated: bool = False,
) -> EventMention:
    return EventMention(
        mid,
        report,
        kind,
        date(2022, 12, day),
        frozenset(actors),
        frozenset(targets),
        negated=negated,
        source=source,
        report_date=date(2022, 12, day),
    )


def test_one_meeting_in_three_reports_is_one_event_with_three_sources() -> None:
    clusters = cluster_events(
        [
            mention("a/v1", "a", 3, source="dpa"),
            mention("b/v2", "b", 3, source="AFP"),
            mention(
                "c/v1",
                "c",
                4,
                source="Reuters",
                actors=("Alexander Lukashenko",),
                targets=("Sergei Shoigu",),
            ),
        ]
    )
    (cluster,) = clusters
    assert cluster.sources == 3
    assert (cluster.first_reported, cluster.last_reported) == (date(2022, 12, 3), date(2022, 12, 4))


def test_different_type_time_or_actors_stay_apart() -> None:
    clusters = cluster_events(
        [
            mention("a/v1", "a", 3),
            mention("b/v1", "b", 3, kind="AGREE"),
            mention("c/v1", "c", 20),
            mention("d/v1", "d", 3, actors=("Olaf Scholz",), targets=("Emmanuel Macron",)),
        ]
    )
    assert len(clusters) == 4


def test_a_chain_of_daily_attacks_does_not_melt_into_one() -> None:
    days = [
        mention(f"r{d}/v1", f"r{d}", d, kind="ASSAULT", actors=("Russia",), targets=("Kyiv",))
        for d in (1, 2, 3, 4, 5, 6)
    ]
    assert len(cluster_events(days)) >= 2


def test_negated_and_actual_do_not_corefer() -> None:
    assert (
        len(cluster_events([mention("a/v1", "a", 3), mention("b/v1", "b", 3, negated=True)])) == 2
    )


def test_later_denial_links_to_the_accusation_about_the_same_actors_and_type() -> None:
    accusation = ClaimRecord(
        "r1",
        "c1",
        date(2022, 10, 17),
        "alleged",
        frozenset({"ASSAULT"}),
        frozenset({"Russia", "Kyiv"}),
        "Ukraine",
    )
    other = ClaimRecord(
        "r1", "c2", date(2022, 10, 17), "reported", frozenset({"AGREE"}), frozenset({"Russia"})
    )
    denial = ClaimRecord(
        "r2", "c1", date(2022, 10, 18), "denied", frozenset({"ASSAULT"}), frozenset(), "Russia"
    )
    unrelated = ClaimRecord(
        "r3",
        "c1",
        date(2022, 10, 19),
        "denied",
        frozenset({"ASSAULT"}),
        frozenset({"Iran"}),
        "Iran",
    )
    pairs = link_denials_across([accusation, other, denial, unrelated])
    assert pairs == [(accusation, denial)]


def test_records_from_annotations_use_canonical_names() -> None:
    from chronik.dates import parse_iso
    from chronik.nlp.claims.links import claim_records
    from chronik.nlp.events.coref import event_mentions
    from chronik.types import Annotations, Claim, Event, Mention, Report, Span

    text = "Moskau griff Kiew an. Russland bestreitet das."
    report = Report("r9", text, parse_iso("2022-10-18"), source="dpa")
    mentions = [
        Mention(0, 6, "Moskau", "LOC", canonical="Russia"),
        Mention(13, 17, "Kiew", "LOC", canonical="Kyiv"),
        Mention(22, 30, "Russland", "LOC", canonical="Russia"),
    ]
    attack = Event(
        "ASSAULT",
        Span(7, 12, "griff"),
        actor=[Span(0, 6, "Moskau")],
        target=[Span(13, 17, "Kiew")],
        id="v1",
    )
    denial = Claim(
        22, 45, text[22:45], "denied", source=Span(22, 30, "Russland"), events=["v1"], id="c1"
    )
    ann = Annotations(mentions=mentions, events=[attack], claims=[denial])
    (mention,) = event_mentions(report, ann)
    assert (mention.actors, mention.targets, mention.date, mention.source) == (
        frozenset({"Russia"}),
        frozenset({"Kyiv"}),
        date(2022, 10, 18),
        "dpa",
    )
    (record,) = claim_records(report, ann)
    assert (record.source, record.event_types, record.actors) == (
        "Russia",
        frozenset({"ASSAULT"}),
        frozenset({"Russia", "Kyiv"}),
    )
