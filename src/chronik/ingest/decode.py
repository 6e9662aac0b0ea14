"""Bytes -> lines of text: BOMs first, then UTF-8, then charset-normalizer; binary files refused.

Files ending in .gz are decompressed on the fly (reports.jsonl.gz reads as JSON Lines). Files are
read line by line so that a 1 GB file never sits in memory. The encoding is decided from the first
64 kB; a later line that does not decode in it is not guessed at but recorded as a problem (line and
column), so the reader can skip exactly the report that holds it and say where it is.
"""

from __future__ import annotations

import codecs
import gzip
import io
import re
from collections.abc import Generator, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

import charset_normalizer

from chronik.ingest.base import MAX_REPORT_CHARS

HEAD_BYTES = 65_536
MAX_LINE_BYTES = 4 * MAX_REPORT_CHARS  # a UTF-8 character is at most 4 bytes

# Longest first: the UTF-32-LE BOM starts with the UTF-16-LE one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

_MAGIC = (
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or DOCX/ODT/XLSX)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"BZh", "a bzip2 archive"),
    (b"\xfd7zXZ\x00", "an xz archive"),
    (b"7z\xbc\xaf", "a 7-Zip archive"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x7fELF", "an executable"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office document"),
)

# A valid multi-byte UTF-8 sequence; Latin-1/cp1252 German text practically never contains one.
_UTF8_MULTIBYTE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)

_C0 = re.compile("[\x00-\x08\x0b\x0e-\x1f]")  # control characters that text files do not contain

# Single-byte encodings that charset-normalizer often cannot tell apart on German text; for a German
# corpus the Western one (cp1252, a superset of Latin-1's printable range) is the likely truth.
_WESTERN = "cp1252"


class NotText(Exception):
    """Raised by `sniff` with the reason a file cannot be read as text (caught by the readers)."""

    def __init__(self, reason: str, line: int | None = None) -> None:
        super().__init__(reason)
        self.line = line  # where the trouble was seen, when one place can be named


def open_binary(path: Path) -> BinaryIO:
    """The file's bytes, decompressed if its name ends in .gz."""
    if path.suffix.lower() == ".gz":
        return gzip.open(path, "rb")  # type: ignore[return-value]
    return path.open("rb")


def sniff(path: Path) -> str:
    """The encoding to read `path` with, or raise NotText saying why the file is not text."""
    with open_binary(path) as handle:
        head = handle.read(HEAD_BYTES)
    return sniff_bytes(head, truncated=len(head) == HEAD_BYTES)


def sniff_bytes(head: bytes, truncated: bool) -> str:
    """The encoding of `head` (a file's start, cut mid-character if `truncated`), or raise
    NotText."""
    if not head.strip():
        raise NotText("empty file" if not head else "file holds only whitespace")
    for bom, encoding in _BOMS:
        if head.startswith(bom):
            return encoding
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            raise NotText(
                f"binary file ({kind}), not text; convert it to text, JSON Lines, CSV or HTML"
            )
    if b"\x00" in head:
        return _utf16_without_bom(head, truncated)
    if _is_utf8(head, truncated) or _mostly_utf8(head):
        return _check_text(head, "utf-8", truncated)
    return _check_text(head, _guess_encoding(head), truncated)


def _is_utf8(head: bytes, truncated: bool) -> bool:
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        # The 64 kB cut may fall inside a multi-byte character.
        return truncated and exc.start >= len(head) - 3 and exc.reason == "unexpected end of data"
    return True


def _mostly_utf8(head: bytes) -> bool:
    """A UTF-8 file with a few lines pasted in from a Latin-1 one: read it as UTF-8 and report those
    lines.

    Guessing cp1252 for the whole file instead would turn every correct umlaut into mojibake.
    """
    valid = len(_UTF8_MULTIBYTE.findall(head))
    invalid = head.decode("utf-8", errors="replace").count("\ufffd")
    return valid > 0 and valid >= invalid


def _utf16_without_bom(head: bytes, truncated: bool) -> str:
    """NUL bytes mean binary, unless they sit in every other byte: then it is UTF-16 without a
    BOM."""
    even_zeros = head[0::2].count(0) / max(1, len(head[0::2]))
    odd_zeros = head[1::2].count(0) / max(1, len(head[1::2]))
    if odd_zeros > 0.3 and even_zeros < 0.05:
        return _check_text(head, "utf-16-le", truncated)
    if even_zeros > 0.3 and odd_zeros < 0.05:
        return _check_text(head, "utf-16-be", truncated)
    raise NotText(
        "binary file (it contains NUL bytes), not text; convert it to text, JSON Lines, CSV or HTML"
    )


def _guess_encoding(head: bytes) -> str:
    matches = list(charset_normalizer.from_bytes(head))
    if not matches:
        line, column, byte = _first_non_utf8(head)
        raise NotText(
            f"byte 0x{byte:02x} at column {column} is not UTF-8 and the file's encoding cannot be "
            "recognised "
            "(or it is binary); convert it to UTF-8, e.g. iconv -f WINDOWS-1252 -t UTF-8",
            line,
        )
    best = matches[0]
    for match in matches:
        if _WESTERN in match.could_be_from_charset and match.chaos <= best.chaos + 0.01:
            return _WESTERN
    return best.encoding


def _first_non_utf8(data: bytes) -> tuple[int, int, int]:
    """(line, column, byte value) of the first byte that is not UTF-8: where to look in an
    editor."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        start = data.rfind(b"\n", 0, exc.start) + 1
        return data.count(b"\n", 0, exc.start) + 1, exc.start - start + 1, data[exc.start]
    return 1, 1, data[0]


def _check_text(head: bytes, encoding: str, truncated: bool) -> str:
    """Decodable is not enough: a file of control characters is binary whatever the codec says."""
    sample = (
        head.decode(encoding, errors="replace")
        if not truncated
        else head[:-4].decode(encoding, errors="replace")
    )
    controls = len(_C0.findall(sample))
    if controls > max(2, len(sample) // 100):
        raise NotText(
            f"binary file ({controls} control characters in the first {len(sample)} characters), "
            "not text; "
            "convert it to text, JSON Lines, CSV or HTML"
        )
    return encoding


@dataclass
class Lines:
    """Decoded lines of one file, each ending in "\\n", with the problems met on the way.

    `problems` holds (line number, message) for lines that do not decode or are absurdly long;
    readers check it after each report to skip exactly the reports those lines belong to.
    """

    path: Path
    encoding: str
    # The first 64 kB were plain ASCII, so "UTF-8" was a default, not a finding: the first line that
    # is not UTF-8 may still decide the encoding (an old Latin-1 file with a long English preamble).
    ascii_start: bool = False
    cr_only: bool = (
        False  # classic Mac line ends: lines are split by the codec's universal newlines
    )
    problems: list[tuple[int, str]] = field(default_factory=list)
    line_no: int = 0  # number of the line last yielded

    def __iter__(self) -> Generator[str, None, None]:
        if self.encoding.startswith(("utf-16", "utf-32")) or self.cr_only:
            yield from self._text_lines()
        else:
            yield from self._byte_lines()

    def problems_between(self, first: int, last: int | None) -> list[tuple[int, str]]:
        """Problems on lines `first`..`last` (inclusive; None: to the end): those of one report.

        Readers ask in file order, so problems before `first` are never asked for again: they are
        dropped, which keeps both the time per question and the list's memory bounded (a file of a
        million bad lines would otherwise be rescanned for every record).
        """
        drop = 0
        while drop < len(self.problems) and self.problems[drop][0] < first:
            drop += 1
        if drop:
            del self.problems[:drop]
        found = []
        for problem in self.problems:
            if last is not None and problem[0] > last:
                break
            found.append(problem)
        return found

    def _byte_lines(self) -> Iterator[str]:
        """ASCII-compatible encodings: split on b"\\n", decode each line alone to locate errors."""
        codec = "utf-8" if self.encoding == "utf-8-sig" else self.encoding
        undecided = self.ascii_start
        with open_binary(self.path) as handle:
            if self.encoding == "utf-8-sig":
                handle.read(len(codecs.BOM_UTF8))
            while raw := handle.readline(MAX_LINE_BYTES):
                self.line_no += 1
                if not raw.endswith(b"\n") and len(raw) == MAX_LINE_BYTES:
                    self._skip_rest_of_line(handle)
                    self.problems.append(
                        (self.line_no, f"line is longer than {MAX_LINE_BYTES:,} bytes")
                    )
                    yield "\n"
                    continue
                if undecided and not raw.isascii():
                    undecided = False
                    codec = _line_encoding(raw, codec)
                yield self._decode_line(raw, codec)

    def _decode_line(self, raw: bytes, codec: str) -> str:
        try:
            text = raw.decode(codec)
        except UnicodeDecodeError as exc:
            bad = raw[exc.start : exc.start + 1].hex()
            self.problems.append(
                (
                    self.line_no,
                    f"byte 0x{bad} at column {exc.start + 1} is not valid {codec} "
                    "(the encoding taken from the "
                    "file's start); convert the file to UTF-8",
                )
            )
            text = raw.decode(codec, errors="replace")
        text = text.rstrip("\r\n")
        return text + "\n"

    @staticmethod
    def _skip_rest_of_line(handle: BinaryIO) -> None:
        while chunk := handle.readline(MAX_LINE_BYTES):
            if chunk.endswith(b"\n"):
                return

    def _text_lines(self) -> Iterator[str]:
        """UTF-16/32 (the codec handles the BOM) and \\r-only files; a decoding error ends the
        file."""
        with open_binary(self.path) as raw:
            text = io.TextIOWrapper(raw, encoding=self.encoding, newline=None)
            while True:
                try:
                    line = text.readline(MAX_REPORT_CHARS)
                except UnicodeDecodeError as exc:
                    # Counted against the last line read, so the report it cuts short is skipped
                    # too.
                    self.problems.append(
                        (
                            max(1, self.line_no),
                            f"not valid {self.encoding} after this line ({exc.reason}); "
                            "the rest of the file is skipped",
                        )
                    )
                    return
                if not line:
                    return
                self.line_no += 1
                yield line.rstrip("\n") + "\n"


def _line_encoding(raw: bytes, default: str) -> str:
    """The encoding of the first non-ASCII line of a file that started in ASCII."""
    try:
        raw.decode(default)
        return default
    except UnicodeDecodeError:
        pass
    try:
        return _guess_encoding(raw)
    except NotText:
        return default  # undecidable: keep the default and let the line be reported


def open_lines(path: Path) -> Lines:
    """Sniff the encoding (raising NotText) and return the line iterator."""
    with open_binary(path) as handle:
        head = handle.read(HEAD_BYTES)
    encoding = sniff_bytes(head, truncated=len(head) == HEAD_BYTES)
    cr_only = b"\r" in head and b"\n" not in head and not encoding.startswith(("utf-16", "utf-32"))
    return Lines(
        path, encoding, ascii_start=encoding == "utf-8" and head.isascii(), cr_only=cr_only
    )
