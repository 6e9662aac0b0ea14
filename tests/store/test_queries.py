import pytest

from chronik.dates import parse_iso
from chronik.eval.format import validate_record
from chronik.store import queries
from chronik.store.db import write_report
from chronik.types import Annotations, Mention, Report, Span


@pytest.fixture()
def filled(store):
    texts = {
        "a1": ("2022-12-05", "Schoigu traf Lukaschenko in Minsk. Die Gespräche dauerten lange."),
        "a2": ("2022-11", "Die Ukraine wirft Russland Angriffe auf die Energieinfrastruktur vor."),
        "a3": ("2023", "Verteidigungsministerium in Moskau veröffentlicht Bilder; NEAR Kiew gab es Kämpfe."),
    }
    for rid, (date, text) in texts.items():
        ann = Annotations(sentences=[Span(0, len(text), text)],
                          mentions=[Mention(0, 7, text[:7], "PER", id="m1", component="test")])
        write_report(store, Report(id=rid, text=text, date=parse_iso(date)), ann)
    return store


def test_search_finds_words_and_marks_them(filled) -> None:
    result = queries.search(filled, "Lukaschenko")
    assert result["total"] == 1
    assert result["results"][0]["id"] == "a1"
    assert "[Lukaschenko]" in result["results"][0]["snippet"]


def test_search_prefix_and_diacritics(filled) -> None:
    assert {r["id"] for r in queries.search(filled, "Verteidigungs*")["results"]} == {"a3"}
    assert queries.search(filled, "Gesprache")["total"] == 1  # remove_diacritics folds ä


@pytest.mark.parametrize("hostile", ['"', "*", "NEAR", "'; DROP TABLE reports; --", "Minsk OR", "a:b", "(", "NOT"])
def test_fts_and_sql_syntax_is_plain_text(filled, hostile: str) -> None:
    result = queries.search(filled, hostile)
    assert isinstance(result["total"], int)
    assert queries.stats(filled)["reports"] == 3


def test_near_is_a_word_not_an_operator(filled) -> None:
    assert [r["id"] for r in queries.search(filled, "NEAR Kiew")["results"]] == ["a3"]


def test_report_record_is_valid_annotation_format(filled) -> None:
    record = queries.report(filled, "a1")
    assert validate_record(record) == []
    assert record["sentences"][0]["text"].startswith("Schoigu")
    assert queries.report(filled, "nope") is None


def test_export_streams_every_current_report_oldest_first(filled) -> None:
    assert [r["id"] for r in queries.export_records(filled)] == ["a2", "a1", "a3"]


def test_list_reports_newest_first_with_total(filled) -> None:
    listing = queries.list_reports(filled, limit=2)
    assert listing["total"] == 3
    assert [r["id"] for r in listing["results"]] == ["a3", "a1"]


def test_id_prefix_must_be_unambiguous(filled) -> None:
    assert queries.resolve_report_id(filled, "a1") == "a1"
    assert queries.resolve_report_id(filled, "a") is None
