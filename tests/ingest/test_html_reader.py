"""Saved HTML pages: trafilatura finds main text, title and date; nothing is fetched."""

from __future__ import annotations

from pathlib import Path

from chronik.dates import PartialDate, parse_iso

PAGE = """<!DOCTYPE html><html lang="de"><head><meta charset="{charset}">
<title>Schoigu trifft Lukaschenko | Beispielzeitung</title>
{meta}<link rel="canonical" href="https://example.org/artikel/1"></head>
<body><nav><a href="/">Start</a> <a href="/politik">Politik</a> <a href="/sport">Sport</a></nav>
<article><h1>Schoigu trifft Lukaschenko</h1>
<p>Russlands Verteidigungsminister Sergei Schoigu und der belarussische Präsident Alexander Lukaschenko haben
sich in Minsk getroffen. Hauptthema der Gespräche war der Stand des Krieges in der Ukraine.</p>
<p>Belarus hat ein Eingreifen in den Krieg bislang ausgeschlossen, gehört aber zu den engsten Verbündeten.</p>
</article><footer>Impressum · Datenschutz · Kontakt</footer></body></html>
"""
DATED = '<meta property="article:published_time" content="2022-12-05T14:30:00+01:00">\n'


def test_main_text_title_date_and_url(tmp_path: Path, read) -> None:
    path = tmp_path / "artikel.html"
    path.write_text(PAGE.format(charset="utf-8", meta=DATED), encoding="utf-8")
    reports, skipped = read(path)
    assert skipped == []
    (report,) = reports
    assert report.title == "Schoigu trifft Lukaschenko"
    assert report.date == PartialDate(2022, 12, 5)
    assert report.url == "https://example.org/artikel/1"
    assert "Lukaschenko haben sich in Minsk getroffen" in report.text.replace("\n", " ")
    assert "Impressum" not in report.text and "Politik" not in report.text


def test_latin1_page_with_meta_charset(tmp_path: Path, read) -> None:
    path = tmp_path / "alt.htm"
    path.write_bytes(
        PAGE.format(charset="iso-8859-1", meta=DATED).replace("·", "-").encode("latin-1")
    )
    reports, skipped = read(path)
    assert skipped == []
    assert "Verbündeten" in reports[0].text and "Präsident" in reports[0].text


def test_page_without_date_uses_option_or_is_skipped(tmp_path: Path, read) -> None:
    path = tmp_path / "ohne.html"
    path.write_text(PAGE.format(charset="utf-8", meta=""), encoding="utf-8")
    reports, skipped = read(path, date=parse_iso("2022-12"))
    assert reports[0].date == PartialDate(2022, 12)
    reports, skipped = read(path)
    assert reports == []
    assert skipped[0].reason == "no publication date in the page's metadata or text; give --date"


def test_page_without_text_is_skipped(tmp_path: Path, read) -> None:
    path = tmp_path / "leer.html"
    path.write_text(
        "<html><head><title>Leer</title></head><body><script>var a=1;</script></body></html>"
    )
    reports, skipped = read(path, date=parse_iso("2022"))
    assert reports == []
    assert skipped[0].reason.startswith("no main text found")


def test_nothing_is_fetched(tmp_path: Path, read, monkeypatch) -> None:
    """A page that links to its canonical URL and images must still be read offline."""
    import socket

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("ingest tried to open a network connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    path = tmp_path / "offline.html"
    path.write_text(
        PAGE.format(charset="utf-8", meta=DATED).replace(
            "<h1>", '<img src="https://example.org/a.jpg"><h1>'
        )
    )
    reports, skipped = read(path)
    assert skipped == [] and reports[0].date == PartialDate(2022, 12, 5)
