"""Read and write TimeML files in the TempEval-3 layout: DCT in a TIMEX3 with
functionInDocument="CREATION_TIME", TIMEX3 tags inline in TEXT. Other inline tags (EVENT, SIGNAL)
are kept as they are when predictions are written."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from chronik.dates import PartialDate, parse_iso

_TEXT = re.compile(r"(<TEXT\b[^>]*>)(.*?)(</TEXT>)", re.S)
_TAG = re.compile(r"<(/?)([A-Za-z0-9_]+)((?:\s[^>]*?)?)\s*(/?)>")
_ATTR = re.compile(r"""([\w:]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_ENTITY = re.compile(r"&(?:#\d+|#x[0-9a-fA-F]+|[A-Za-z]+);")
_DCT = re.compile(r"<TIMEX3\b[^>]*functionInDocument\s*=\s*[\"']CREATION_TIME[\"'][^>]*>", re.S)
_DCT_ELEMENT = re.compile(r"<DCT\b[^>]*>.*?(<TIMEX3\b[^>]*>).*?</DCT>", re.S)


@dataclass
class TimeMLDoc:
    text: str  # TEXT content without tags, entities decoded
    date: PartialDate | None
    timexes: list[dict] = field(default_factory=list)  # start, end, text, type, value, mod, tid
    raw: str = ""  # the whole file
    dct_span: tuple[int, int] | None = None  # where the DCT's TIMEX3 sits, when it sits inside TEXT


def attributes(tag: str) -> dict[str, str]:
    return {k: html.unescape(double or single) for k, double, single in _ATTR.findall(tag)}


def parse_dct(raw: str) -> PartialDate | None:
    """The creation time; None when it is missing or not a calendar date (e.g. "XXXX").

    Files of other tools mark it by functionInDocument="CREATION_TIME" or only by the <DCT> element
    around it; either is read, so that no relative expression of such a file goes unanchored."""
    match = _DCT.search(raw)
    tag = match.group(0) if match else None
    if tag is None:
        element = _DCT_ELEMENT.search(raw)
        tag = element.group(1) if element else None
    if tag is None:
        return None
    value = attributes(tag).get("value", "")
    try:
        return parse_iso(value[:16] if "T" in value else value)
    except ValueError:
        return None


def _strip(content: str) -> tuple[str, list[int], list[tuple[int, int, dict]]]:
    """Plain text of `content`, a map plain index -> raw index (one extra entry for the end), and
    the spans of its TIMEX3 elements in plain offsets."""
    plain: list[str] = []
    where: list[int] = []
    spans: list[tuple[int, int, dict]] = []
    open_timex: list[tuple[int, dict]] = []
    pos = 0
    for tag in _TAG.finditer(content):
        _append_text(content, pos, tag.start(), plain, where)
        closing, name = tag.group(1), tag.group(2)
        if name == "TIMEX3" and not closing and not tag.group(4):
            open_timex.append((len(plain), attributes(tag.group(0))))
        elif name == "TIMEX3" and closing and open_timex:
            start, attrs = open_timex.pop()
            spans.append((start, len(plain), attrs))
        pos = tag.end()
    _append_text(content, pos, len(content), plain, where)
    where.append(len(content))
    return "".join(plain), where, spans


def _append_text(content: str, begin: int, end: int, plain: list[str], where: list[int]) -> None:
    pos = begin
    for entity in _ENTITY.finditer(content, begin, end):
        for i in range(pos, entity.start()):
            plain.append(content[i])
            where.append(i)
        plain.append(html.unescape(entity.group(0)))
        where.append(entity.start())
        pos = entity.end()
    for i in range(pos, end):
        plain.append(content[i])
        where.append(i)


def read(raw: str) -> TimeMLDoc:
    """Parse one TimeML file; the DCT's own TIMEX3 is not one of the document's timexes."""
    match = _TEXT.search(raw)
    if not match:
        raise ValueError("no <TEXT> element; expected a TempEval-3 TimeML file")
    text, _, spans = _strip(match.group(2))
    timexes = []
    dct_span = None
    for start, end, attrs in sorted(spans, key=lambda s: (s[0], s[1])):
        if attrs.get("functionInDocument") == "CREATION_TIME":
            dct_span = (start, end)
            continue
        if not text[start:end].strip():
            continue  # a non-consuming TIMEX3 written as <TIMEX3 …></TIMEX3>: no extent to score
        timexes.append(
            {
                "start": start,
                "end": end,
                "text": text[start:end],
                "type": attrs.get("type", ""),
                "value": attrs.get("value", ""),
                "mod": attrs.get("mod"),
                "tid": attrs.get("tid", ""),
            }
        )
    return TimeMLDoc(text=text, date=parse_dct(raw), timexes=timexes, raw=raw, dct_span=dct_span)


def _without_timex_tags(content: str) -> str:
    """TEXT content with its TIMEX3 tags removed (their words kept), the DCT's TIMEX3 excepted."""
    out, pos, depth_keep = [], 0, []
    for tag in _TAG.finditer(content):
        if tag.group(2) != "TIMEX3":
            continue
        out.append(content[pos : tag.start()])
        if tag.group(1):
            keep = depth_keep.pop() if depth_keep else False
        else:
            keep = attributes(tag.group(0)).get("functionInDocument") == "CREATION_TIME"
            if not tag.group(4):
                depth_keep.append(keep)
        if keep:
            out.append(tag.group(0))
        pos = tag.end()
    out.append(content[pos:])
    return "".join(out)


def write(doc: TimeMLDoc, predicted: list) -> str:
    """The file with gold TIMEX3 tags in TEXT replaced by `predicted` (chronik.types.Timex), all
    else unchanged."""
    match = _TEXT.search(doc.raw)
    assert match is not None
    content = _without_timex_tags(match.group(2))
    _text, where, _ = _strip(content)
    inserts: list[tuple[int, int, str]] = []  # raw position, order, string
    for i, timex in enumerate(sorted(predicted, key=lambda t: (t.start, -t.end)), start=1):
        attrs = f'tid="t{i}" type="{timex.type}" value="{html.escape(timex.value, quote=True)}"'
        if timex.mod:
            attrs += f' mod="{timex.mod}"'
        inserts.append((where[timex.start], 1, f"<TIMEX3 {attrs}>"))
        end_raw = where[timex.end - 1] + _raw_length(content, where[timex.end - 1])
        inserts.append((end_raw, 0, "</TIMEX3>"))
    pieces, pos = [], 0
    for raw_pos, _, string in sorted(inserts, key=lambda x: (x[0], x[1])):
        pieces.append(content[pos:raw_pos])
        pieces.append(string)
        pos = raw_pos
    pieces.append(content[pos:])
    new_content = "".join(pieces)
    return doc.raw[: match.start(2)] + new_content + doc.raw[match.end(2) :]


def _raw_length(content: str, raw_pos: int) -> int:
    """Length in the raw text of the character at raw_pos (an entity like &amp; counts whole)."""
    entity = _ENTITY.match(content, raw_pos)
    return len(entity.group(0)) if entity else 1
