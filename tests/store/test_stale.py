"""Selecting stored reports by the pipeline version that analysed them (what reanalyse reads)."""

from __future__ import annotations

from chronik.dates import parse_iso
from chronik.store.db import write_report
from chronik.store.stale import pipeline_versions, reports_analysed_by
from chronik.types import Annotations, Report


def _write(store, rid: str, version: str | None) -> None:  # type: ignore[no-untyped-def]
    ann = Annotations(pipeline=version) if version else None
    report = Report(id=rid, text=f"Bericht {rid}.", date=parse_iso("2022-12-05"), title=rid)
    write_report(store, report, ann)


def test_versions_are_counted_and_never_analysed_is_none(store) -> None:  # type: ignore[no-untyped-def]
    for rid, version in [("a", "v1"), ("b", "v1"), ("c", "v2"), ("d", None)]:
        _write(store, rid, version)
    assert pipeline_versions(store) == {"v1": 2, "v2": 1, None: 1}


def test_reports_come_by_id_page_by_page_and_back_as_reports(store) -> None:  # type: ignore[no-untyped-def]
    for rid, version in [("d", "v1"), ("a", None), ("c", "v2"), ("b", "v1")]:
        _write(store, rid, version)
    found = list(reports_analysed_by(store, ["v1", None], page=1))
    assert [r.id for r in found] == ["a", "b", "d"]
    assert (found[0].text, found[0].title, found[0].date.iso) == ("Bericht a.", "a", "2022-12-05")
    assert [r.id for r in reports_analysed_by(store, ["v2"])] == ["c"]
