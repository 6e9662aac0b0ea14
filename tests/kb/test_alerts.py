"""Alerts: filters, matching after linking, once per report, dry runs, and webhook delivery to a
local receiver (including one that never answers)."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from typer.testing import CliRunner

from chronik.cli.app import app
from chronik.dates import parse_iso
from chronik.errors import ConfigError
from chronik.ingest.report import make_report
from chronik.jobs.alerts import deliver_pending
from chronik.jobs.write import Stored, store_and_link
from chronik.kb.alerts import create_alert, dry_run, fire_for_report, make_filters
from chronik.nlp import pipeline
from chronik.settings import Settings
from chronik.store.alerts import fired_list, get_alert
from tests.feedserver import FeedServer, Page

KREML = (
    "Moskau, 21. November 2026. Der Kreml hat Vorwürfe der Ukraine zurückgewiesen, russische "
    "Truppen hätten Charkiw beschossen. Kiew beschuldigte Moskau, zivile Ziele angegriffen zu haben."
)
WARSCHAU = (
    "Warschau, 22. November 2026. Außenministerin Annalena Baerbock ist am Donnerstag zu "
    "Gesprächen nach Warschau gereist. Sie traf dort den polnischen Außenminister Radosław "
    "Sikorski."
)
HAMBURG = (
    "Hamburg, 20. November 2026. Der Senat hat am Dienstag einen neuen Haushalt beschlossen. "
    "Die Opposition kritisierte die Pläne als zu teuer."
)


@pytest.fixture(scope="module")
def nlp():
    """The fast tier, which these texts were written for (the default tier may change)."""
    return pipeline.build(Settings(tier="fast"))


@pytest.fixture()
def server():
    srv = FeedServer().start()
    yield srv
    srv.stop()


def add_report(store, nlp, text: str, day: str) -> Stored:
    """Stored through the one write path, which fires the alerts the report matches."""
    report = make_report(text, parse_iso(day), source_id=f"test:{day}")
    return store_and_link(store, report, pipeline.analyse(nlp, report))


def alert(store, name: str, webhook: str | None = None, **filters):
    return create_alert(store, name, make_filters(**filters), webhook, feed=True)


def test_malformed_filters_are_usage_errors(tmp_path: Path) -> None:
    runner = CliRunner()
    db = str(tmp_path / "a.db")
    for args, message in (
        (["--type", "KRIEG"], "unknown event type 'KRIEG'"),
        (["--certainty", "vielleicht"], "unknown certainty"),
        ([], "at least one filter"),
        (["--entity", "X", "--webhook", "ftp://x"], "http:// or https://"),
    ):
        result = runner.invoke(app, ["alert", "add", "kaputt", *args, "--db", db])
        assert result.exit_code == 2, result.output
        assert message in " ".join(result.output.split())
    result = runner.invoke(app, ["alert", "list", "--json", "--db", db])
    assert result.exit_code == 0 and result.stdout.strip() == "[]"


def test_an_entity_not_yet_stored_fires_on_its_first_mention(store, nlp) -> None:
    watch = alert(store, "sikorski", entity="Radosław Sikorski")
    hamburg = add_report(store, nlp, HAMBURG, "2026-11-20")
    assert hamburg.alerts == ()
    warschau = add_report(store, nlp, WARSCHAU, "2026-11-22")
    assert warschau.alerts == ("sikorski",)
    assert fire_for_report(store, warschau.report_id) == []  # once per report
    (fired,) = fired_list(store)
    assert fired["report_id"] == warschau.report_id and fired["delivery"] == "none"
    facts = fired["payload"]["facts"]
    assert [f["text"] for f in facts] == ["Radosław Sikorski"]
    assert get_alert(store, "sikorski") == watch


def test_event_and_claim_filters_combine(store, nlp) -> None:
    kreml = add_report(store, nlp, KREML, "2026-11-21").report_id  # before the alerts exist
    warschau = add_report(store, nlp, WARSCHAU, "2026-11-22").report_id
    alert(store, "dementi", certainty=["denied"], types=["ASSAULT"])
    alert(store, "dementi-treffen", certainty=["denied"], types=["CONSULT"])
    alert(store, "treffen", types=["CONSULT"], entity="Annalena Baerbock")
    alert(store, "wort", query="Charkiw beschossen")
    assert sorted(fire_for_report(store, kreml)) == ["dementi", "wort"]
    assert fire_for_report(store, warschau) == ["treffen"]
    by_alert = {f["alert"]: f["payload"] for f in fired_list(store)}
    (claim,) = by_alert["dementi"]["facts"]
    assert claim["kind"] == "claim" and claim["certainty"] == "denied"
    assert "Charkiw" in claim["text"]
    events = by_alert["treffen"]["facts"]
    assert events and all(e["kind"] == "event" and e["type"] == "CONSULT" for e in events)


def test_alert_test_shows_matches_and_delivers_nothing(
    store, nlp, server: FeedServer, tmp_path: Path
) -> None:
    add_report(store, nlp, KREML, "2026-11-21")
    add_report(store, nlp, HAMBURG, "2026-11-20")
    watch = alert(store, "kreml", webhook=server.url("/hook"), entity="Kreml")
    payloads = dry_run(store, watch)
    assert len(payloads) == 1 and payloads[0]["facts"][0]["text"] == "Kreml"
    result = CliRunner().invoke(app, ["alert", "test", "kreml", "--db", str(tmp_path / "test.db")])
    assert result.exit_code == 0
    assert "1 matching reports" in result.stdout
    assert fired_list(store) == [] and server.posts == []


def test_a_webhook_that_never_answers_is_retried_later(store, nlp, server: FeedServer) -> None:
    server.pages["/hook"] = Page(b"", delay=3.0)  # answers long after the timeout
    alert(store, "kreml", webhook=server.url("/hook"), entity="Kreml")
    alert(store, "kiew", webhook=server.url("/hook"), entity="Kiew")
    kreml = add_report(store, nlp, KREML, "2026-11-21")
    assert sorted(kreml.alerts) == ["kiew", "kreml"]
    started = time.perf_counter()
    first = deliver_pending(store, timeout=0.3)
    assert time.perf_counter() - started < 2  # one timeout per dead receiver, not per payload
    assert (first.delivered, first.retrying) == (0, 1)
    assert "no answer in time" in first.errors[0]
    # the payload skipped in the first round is tried in the next; the failed one is not due yet
    second = deliver_pending(store, timeout=0.3)
    assert (second.delivered, second.retrying) == (0, 1)
    assert {f["attempts"] for f in fired_list(store)} == {1}
    server.pages["/hook"] = Page(b"")  # the receiver is back
    later = datetime.now(UTC) + timedelta(hours=1)
    third = deliver_pending(store, timeout=2, at=later)
    assert third.delivered == 2
    states = {f["alert"]: (f["delivery"], f["attempts"]) for f in fired_list(store)}
    assert states["kreml"][0] == states["kiew"][0] == "delivered"
    assert {payload["alert"] for _path, payload in server.posts} >= {"kiew", "kreml"}


def test_duplicate_alert_name_is_refused(store) -> None:
    alert(store, "eins", entity="Kreml")
    with pytest.raises(ConfigError, match="exists"):
        alert(store, "eins", entity="Kiew")


def test_names_match_as_the_linker_spells_them(store, nlp) -> None:
    text = (
        "Moskau, 2. Dezember 2026. Verteidigungsminister Sergej Schoigu hat am Montag Truppen im "
        "Süden besucht. Bürgermeisterin Katrin Weber aus Hamburg war ebenfalls angereist."
    )
    alert(store, "shoigu", entity="Shoigu")  # another transliteration
    alert(store, "weber", entity="Weber")  # the surname alone
    alert(store, "max-weber", entity="Max Weber")  # another person of that surname
    report = add_report(store, nlp, text, "2026-12-02")
    assert sorted(report.alerts) == ["shoigu", "weber"]


def test_chronik_ingest_fires_alerts_and_posts_the_webhook(
    server: FeedServer, tmp_path: Path
) -> None:
    db = str(tmp_path / "ingest.db")
    source = tmp_path / "reports.txt"
    source.write_text(f"date 2026-11-21\n{KREML}\n\ndate 2026-11-20\n{HAMBURG}\n", "utf-8")
    runner = CliRunner()
    added = runner.invoke(
        app,
        ["alert", "add", "kreml", "--entity", "Kreml", "--webhook", server.url("/hook")]
        + ["--db", db],
    )
    assert added.exit_code == 0, added.output
    ingested = runner.invoke(app, ["ingest", str(source), "--tier", "fast", "--db", db])
    assert ingested.exit_code == 0, ingested.output
    assert [payload["alert"] for _path, payload in server.posts] == ["kreml"]
