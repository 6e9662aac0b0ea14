"""Turn text and metadata into a `Report` with a content-derived id.

The id is what makes ingest idempotent: the same report read twice, from a different file, with
Windows line ends or with decomposed umlauts, gets the same id, so the store keeps it once.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

from chronik.dates import PartialDate
from chronik.ingest.base import printable
from chronik.types import Report

ID_LENGTH = (
    16  # hex digits of sha256: 64 bits, collision-free in practice below billions of reports
)

# C0 controls except \t and \n, DEL, C1 controls (mis-decoded cp1252 leaves them), BOMs inside text,
# and lone surrogates (a JSON "\ud800" escape decodes to one; it cannot be encoded as UTF-8).
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufeff\ufffe\ud800-\udfff]")
_OTHER_NEWLINES = re.compile("[\u2028\u2029\x85]")


def clean_text(text: str) -> str:
    """The text as stored: NFC, `\\n` line ends, no control characters, outer whitespace stripped.

    Offsets are computed later on exactly this string, so the cleaning happens once, here.
    (str methods rather than one regex per step: this runs on every report of a bulk ingest.)
    """
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if text.isascii():
        return _CONTROL.sub("", text).strip()
    if "\u2028" in text or "\u2029" in text or "\x85" in text:
        text = _OTHER_NEWLINES.sub("\n", text)
    # Controls go before NFC, so that a stray control cannot keep a letter and its accent apart.
    return unicodedata.normalize("NFC", _CONTROL.sub("", text)).strip()


def normalise_for_id(text: str) -> str:
    """NFC and every whitespace run collapsed to one space: layout differences do not make a new
    report."""
    return " ".join(clean_text(text).split())


def report_id(text: str, date: PartialDate | None) -> str:
    """First 16 hex digits of sha256(normalised text + "\\n" + ISO date at its precision, or "")."""
    return _hash(normalise_for_id(text), date)


def _hash(normalised: str, date: PartialDate | None) -> str:
    key = normalised + "\n" + (date.iso if date is not None else "")
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:ID_LENGTH]


def make_report(
    text: str,
    date: PartialDate | None,
    *,
    source_id: str | None = None,
    title: str | None = None,
    source: str | None = None,
    url: str | None = None,
    lang: str = "de",
    origin: str = "",
) -> Report:
    """Clean the text and the small fields, and derive the id from the cleaned text and date."""
    cleaned = clean_text(text)
    return Report(
        id=_hash(
            " ".join(cleaned.split()), date
        ),  # = report_id(text, date), without cleaning twice
        text=cleaned,
        date=date,
        source_id=_clean_field(source_id),
        title=_clean_field(title),
        source=_clean_field(source),
        url=_clean_field(url),
        lang=clean_text(lang or "de").lower() or "de",
        origin=printable(origin),
    )


def _clean_field(value: str | None) -> str | None:
    """Titles and ids are one line; an empty one is no value at all."""
    if value is None:
        return None
    cleaned = " ".join(clean_text(value).split())
    return cleaned or None


_SENTENCE_END = (".", "!", "?", ":", ";", ",", "…", '"', "“", "”", "«", "»")


def headline(text: str) -> str | None:
    """The first line of a text file when it reads as a headline: short, unpunctuated, more text
    after.

    Dated and plain-text reports carry no title field, but agency copy and the sample corpus open
    with a headline line; taking it as the title (the text keeps it) gives lists something to show.
    """
    first, newline, rest = text.strip().partition("\n")
    first = first.strip()
    if not newline or not rest.strip() or not first or len(first) > 150:
        return None
    if first.endswith(_SENTENCE_END) or first.startswith(("-", "*", "•")):
        return None
    return first
