"""The one write path: store a report with its annotations, link it into what the store knows, and
fire the alerts its facts match.

`chronik ingest`, the Dask ingest, `chronik reanalyse` and `POST /api/reports` all write through
`store_and_link`, so a report stored by any of them is linked the same way and counted the same way.
"""

from __future__ import annotations

import os
import signal
import threading
from dataclasses import dataclass

from chronik.kb.alerts import fire_for_report
from chronik.kb.link import CrossLinks, link_pending_reports
from chronik.store.db import Store, replace_annotations, with_reconnect, write_report
from chronik.types import Annotations, Report

# Linking a report depends on what was linked before it (entities it joins, events it clusters
# with), so one thread of a process writes and links at a time.
_WRITER = threading.Lock()
NO_LINKS = CrossLinks(0, 0, 0)

# Fault injection (tests/faults): the process kills itself with SIGKILL right after its N-th write
# committed and before linking, the moment a crash used to lose links.
KILL_AFTER_WRITES = "CHRONIK_FAULT_KILL_AFTER_WRITES"
_writes = 0


def _fault_point() -> None:
    global _writes
    _writes += 1
    if os.environ.get(KILL_AFTER_WRITES) == str(_writes):
        os.kill(os.getpid(), signal.SIGKILL)


@dataclass(frozen=True)
class Stored:
    report_id: str
    status: str  # added | new_version | duplicate | replaced
    links: CrossLinks | None  # None for a duplicate: nothing was written, nothing linked
    alerts: tuple[str, ...] = ()  # names of the alerts this report fired (after linking)


@dataclass
class FactCounts:
    """What every job's summary counts of the reports it stored (ingest, Dask ingest, reanalyse)."""

    words: int = 0
    mentions: int = 0
    timexes: int = 0
    events: int = 0
    claims: int = 0
    events_joined: int = 0  # events found to be told by an earlier report too
    contradictions: int = 0  # claims linked to contradicting claims of other reports

    def facts_dict(self) -> dict[str, int]:
        return {
            "words": self.words,
            "mentions": self.mentions,
            "timexes": self.timexes,
            "events": self.events,
            "claims": self.claims,
            "events_joined": self.events_joined,
            "contradictions": self.contradictions,
        }


def store_and_link(
    store: Store, report: Report, annotations: Annotations, replace: bool = False
) -> Stored:
    """Write a report and mark it pending (one transaction), then link every pending report in the
    order written, this one included (one transaction each, which unmarks it); with `replace`, the
    report is already stored and its facts are replaced by these (re-analysis). A kill between
    the two leaves the mark, and the next writer or `finish_pending` links it."""
    with _WRITER:
        if replace:
            with_reconnect(
                store,
                lambda: replace_annotations(store, report.id, annotations),
                f"replace the facts of report {report.id}",
            )
            status = "replaced"
        else:
            status = write_report(store, report, annotations).status
            if status == "duplicate":
                return Stored(report.id, status, None)
        _fault_point()
        # Another writer may have linked this report already: then it counts no links here.
        links = link_pending_reports(store).get(report.id, NO_LINKS)
        # Alerts match linked facts ("a new denial of an accusation against X"), so they come last;
        # a re-analysis brings no new report, so it fires nothing.
        fired = () if replace else tuple(fire_for_report(store, report.id))
    return Stored(report.id, status, links, fired)


def count_facts(
    summary: FactCounts, report: Report, annotations: Annotations, stored: Stored
) -> None:
    """Add a stored report's words, facts and cross-report links to a job's summary."""
    if stored.links is None:
        return
    summary.words += len(report.text.split())
    summary.mentions += len(annotations.mentions)
    summary.timexes += len(annotations.timexes)
    summary.events += len(annotations.events)
    summary.claims += len(annotations.claims)
    summary.events_joined += stored.links.events_joined
    summary.contradictions += stored.links.contradictions
