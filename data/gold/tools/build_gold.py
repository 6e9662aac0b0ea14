"""Build the gold annotation files (JSON Lines, ../shared/spec/annotation.md) from readable sources.

    .venv/bin/python data/gold/tools/build_gold.py               # write dev.jsonl and test.jsonl
    .venv/bin/python data/gold/tools/build_gold.py --show s-007  # print one report, for review

Offsets are never typed by hand: every span is given by its text, and where the text occurs more
than once in the report by its occurrence number (`Schoigu#2`, counted on word boundaries).
Arguments of an event are looked up nearest to its trigger (inside the trigger's sentence), a
claim's source and cue nearest to the claim span, so they rarely need a number.

Inputs (all under data/gold/events/):
- reports: data/sample/*.txt (ids s-001 … in file order) and extra/*.txt (ids x-001 …), dated text;
- source/lexicon.tsv: names with type, sub and canonical, tagged wherever they occur as whole tokens
  (a literal also matches its genitive with -s; `re:` lines are regular expressions); a hyphenated
  token containing a literal name (`Nato-Gipfel`) becomes a `part` mention of it;
- source/*.ann: per report (`== s-001`) the lines
    M + SPAN | TYPE [part|deriv] CANONICAL     add a mention (replaces lexicon matches it overlaps)
    M - SPAN                                   drop the lexicon mention at SPAN
    T SPAN | TYPE VALUE [MOD]                  a timex
    V ID TYPE TRIGGER [| a: SPAN & SPAN] [| t: …] [| p: …] [| tm: …] [| neg]
    C ID CERTAINTY SPAN [| src: SPAN] [| cue: SPAN] [| ev: v1 v2] [| x: c2]
    R SPAN | ROLE | OF | HOLDER                a bare role mention (`russische
                                               Verteidigungsminister`) and who held the role at
                                               the report's date
  `src`/`cue` left out mean null; `ev` left out means the events whose triggers lie inside the
  span (minus the cue's own); `x` (contradicts) is made symmetric;
- source/test_ids.txt: the ids of the test split (chosen before any system output was seen).

Outputs: data/gold/events/dev.jsonl and test.jsonl (the annotation format) and
data/gold/entities/roles.jsonl (one line per bare role mention, `mention` = the id of the name
mention inside the role phrase, e.g. `russische`, or null when it holds none, e.g. `Bundeskanzler`).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from chronik.types import CERTAINTIES, EVENT_TYPES

ROOT = Path(__file__).resolve().parents[3]
SAMPLE = ROOT / "data" / "sample"
EVENTS = ROOT / "data" / "gold" / "events"
ENTITIES = ROOT / "data" / "gold" / "entities"
SOURCE = EVENTS / "source"

ENTITY_TYPES = {"PER", "LOC", "ORG", "OTH"}
TIMEX_TYPES = {"DATE", "TIME", "DURATION", "SET"}
MODS = {"START", "MID", "END", "APPROX", "BEFORE", "AFTER"}
ROLES = {"a": "actor", "t": "target", "p": "place", "tm": "time"}
DATED_START = re.compile(r"^\s*date (\S+)[ \t]*(.*)$")
SENTENCE_END = re.compile(r"(?<![0-9])[.!?][\"“”]?\s+(?=[\"„A-ZÄÖÜ])|\n\s*\n|\n")
SPLIT_CUE = " … "


class GoldError(Exception):
    """A source line that cannot be turned into exact spans; the message names report and line."""


def clean_text(text: str) -> str:
    """The text as chronik stores it: `\\n` line ends, NFC, outer whitespace stripped."""
    return unicodedata.normalize("NFC", re.sub(r"\r\n?", "\n", text)).strip()


def read_dated(path: Path) -> list[tuple[str, str]]:
    """(date, text) of each report in a dated-text file."""
    reports: list[tuple[str, list[str]]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        match = DATED_START.match(line)
        if match:
            reports.append((match[1], [match[2]] if match[2] else []))
        elif reports:
            reports[-1][1].append(line)
    return [(date, clean_text("\n".join(lines))) for date, lines in reports]


def load_reports() -> dict[str, dict]:
    """All gold reports by id: the sample corpus (s-…) and the gold-only extra reports (x-…)."""
    out: dict[str, dict] = {}
    for prefix, folder in (("s", SAMPLE), ("x", EVENTS / "extra")):
        number = 0
        for path in sorted(folder.glob("*.txt")):
            for date, text in read_dated(path):
                number += 1
                rid = f"{prefix}-{number:03d}"
                out[rid] = {"id": rid, "date": date, "lang": "de", "text": text}
    return out


# ---------------------------------------------------------------- spans


def occurrences(text: str, needle: str) -> list[int]:
    """Starts of `needle` in `text` where it is not glued to letters or digits on either side."""
    pattern = re.compile(r"(?<![\w])" + re.escape(needle) + r"(?![\w])")
    starts = [m.start() for m in pattern.finditer(text)]
    if not starts and needle and not needle[0].isalnum():
        starts = [m.start() for m in re.finditer(re.escape(needle), text)]
    return starts


def parse_ref(ref: str) -> tuple[str, int | None]:
    match = re.fullmatch(r"(.*?)#(\d+)", ref.strip())
    if match:
        return match[1], int(match[2])
    return ref.strip(), None


def find_global(text: str, ref: str) -> tuple[int, int, str]:
    """A span given as `text` (must be unique) or `text#n` (n-th occurrence)."""
    needle, number = parse_ref(ref)
    starts = occurrences(text, needle)
    if not starts:
        raise GoldError(f"span {needle!r} not found")
    if number is None:
        if len(starts) > 1:
            shown = "; ".join(
                f"#{i + 1}: …{text[max(0, s - 25) : s + len(needle) + 10]}…"
                for i, s in enumerate(starts)
            )
            raise GoldError(f"span {needle!r} occurs {len(starts)} times, say which: {shown}")
        number = 1
    if number > len(starts):
        raise GoldError(f"span {needle!r} has only {len(starts)} occurrences, not #{number}")
    start = starts[number - 1]
    return start, start + len(needle), needle


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence boundaries good enough to keep arguments inside their trigger's sentence."""
    bounds, start = [], 0
    for match in SENTENCE_END.finditer(text):
        end = match.start() + 1 if text[match.start()] in ".!?" else match.start()
        if text[match.start()] in ".!?" and match.group(0)[1:2] in '"“”':
            end += 1
        bounds.append((start, end))
        start = match.end()
    bounds.append((start, len(text)))
    return [b for b in bounds if b[1] > b[0]]


def sentence_of(text: str, offset: int) -> tuple[int, int]:
    for start, end in sentences(text):
        if start <= offset < end:
            return start, end
    return 0, len(text)


def find_near(
    text: str, ref: str, anchor: int, within: tuple[int, int] | None
) -> tuple[int, int, str]:
    """A span by its text, the occurrence nearest to `anchor` (inside `within` when one is
    there)."""
    needle, number = parse_ref(ref)
    if number is not None:
        return find_global(text, ref)
    starts = occurrences(text, needle)
    if not starts:
        raise GoldError(f"span {needle!r} not found")
    inside = [s for s in starts if within and within[0] <= s and s + len(needle) <= within[1]]
    pool = inside or starts
    start = min(pool, key=lambda s: abs(s - anchor))
    return start, start + len(needle), needle


def span(start: int, end: int, text: str) -> dict:
    return {"start": start, "end": end, "text": text}


# ---------------------------------------------------------------- entities


@dataclass
class LexEntry:
    pattern: re.Pattern[str]
    literal: str | None
    type: str
    sub: str | None
    canonical: str


def load_lexicon(path: Path) -> list[LexEntry]:
    entries = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if len(cells) != 4:
            raise GoldError(
                f"{path.name}:{number}: expected 4 tab-separated cells, got {len(cells)}"
            )
        raw, etype, sub, canonical = cells
        if etype not in ENTITY_TYPES or sub not in ("", "part", "deriv"):
            raise GoldError(f"{path.name}:{number}: bad type or sub {etype!r} {sub!r}")
        if raw.startswith("re:"):
            pattern, literal = re.compile(r"(?<![\w-])(?:" + raw[3:] + r")(?![\w-])"), None
        else:
            pattern, literal = re.compile(r"(?<![\w-])" + re.escape(raw) + r"s?(?![\w-])"), raw
        entries.append(LexEntry(pattern, literal, etype, sub or None, canonical))
    return entries


def lexicon_mentions(text: str, lexicon: list[LexEntry]) -> list[dict]:
    """Every lexicon name in `text`, longest first, plus hyphenated tokens that contain a name
    (`part`)."""
    found = []
    for entry in lexicon:
        for match in entry.pattern.finditer(text):
            found.append(
                _mention(match.start(), match.end(), text, entry.type, entry.sub, entry.canonical)
            )
    names = {e.literal: e for e in lexicon if e.literal and e.sub is None}
    for match in re.finditer(r"(?<![\w-])[\w]+(?:-[\w]+)+(?![\w-])", text):
        for piece in match.group(0).split("-"):
            entry = names.get(piece) or names.get(piece[:-1] if piece.endswith("s") else "")
            if entry:
                found.append(
                    _mention(match.start(), match.end(), text, entry.type, "part", entry.canonical)
                )
                break
    return _non_overlapping(found)


def _mention(start: int, end: int, text: str, etype: str, sub: str | None, canonical: str) -> dict:
    out = {"start": start, "end": end, "text": text[start:end], "type": etype}
    if sub:
        out["sub"] = sub
    out["canonical"] = canonical
    return out


def _non_overlapping(found: list[dict]) -> list[dict]:
    chosen: list[dict] = []
    for cand in sorted(found, key=lambda m: (-(m["end"] - m["start"]), m["start"])):
        if all(cand["end"] <= m["start"] or cand["start"] >= m["end"] for m in chosen):
            chosen.append(cand)
    return sorted(chosen, key=lambda m: m["start"])


# ---------------------------------------------------------------- source files


@dataclass
class Source:
    rid: str
    lines: list[tuple[str, int, str]] = field(default_factory=list)  # (file, line number, line)


def load_sources() -> dict[str, Source]:
    out: dict[str, Source] = {}
    current: Source | None = None
    for path in sorted(SOURCE.glob("*.ann")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            stripped = line.strip()
            if not stripped or stripped.startswith("#"):
                continue
            if stripped.startswith("=="):
                rid = stripped[2:].strip()
                if rid in out:
                    raise GoldError(f"{path.name}:{number}: report {rid} annotated twice")
                current = out[rid] = Source(rid)
            elif current is None:
                raise GoldError(f"{path.name}:{number}: line before the first `== id`")
            else:
                current.lines.append((path.name, number, stripped))
    return out


def fields(rest: str) -> tuple[str, dict[str, str], bool]:
    """`HEAD | key: value | flag` -> (HEAD, {key: value}, neg flag)."""
    parts = [p.strip() for p in rest.split(" | ")]
    head, keyed, neg = parts[0], {}, False
    for part in parts[1:]:
        if part == "neg":
            neg = True
            continue
        key, _, value = part.partition(":")
        keyed[key.strip()] = value.strip()
    return head, keyed, neg


def annotate(report: dict, source: Source, lexicon: list[LexEntry]) -> dict:
    text = report["text"]
    mentions = lexicon_mentions(text, lexicon)
    timexes, events, claims, roles = [], [], [], []
    for fname, number, line in source.lines:
        try:
            kind, _, rest = line.partition(" ")
            if kind == "M":
                mentions = _edit_mentions(text, mentions, rest)
            elif kind == "T":
                timexes.append(_timex(text, rest))
            elif kind == "V":
                events.append(_event(text, rest))
            elif kind == "C":
                claims.append(_claim(text, rest))
            elif kind == "R":
                roles.append(_role(text, rest))
            else:
                raise GoldError(f"unknown line kind {kind!r}")
        except GoldError as exc:
            raise GoldError(f"{fname}:{number} ({source.rid}): {exc}\n    {line}") from None
    _finish_claims(text, events, claims, source.rid)
    for i, m in enumerate(sorted(mentions, key=lambda m: m["start"]), 1):
        m["id"] = f"m{i}"
    mentions = [{"id": m.pop("id"), **m} for m in sorted(mentions, key=lambda m: m["start"])]
    timexes = [
        {"id": f"t{i}", **t} for i, t in enumerate(sorted(timexes, key=lambda t: t["start"]), 1)
    ]
    out = dict(report)
    out.update(entities=mentions, timexes=timexes, events=events, claims=claims)
    out["_roles"] = [_link_role(role, mentions, source.rid) for role in roles]
    return out


def _role(text: str, rest: str) -> dict:
    parts = [p.strip() for p in rest.split(" | ")]
    if len(parts) != 4 or not all(parts):
        raise GoldError("role line wants `R SPAN | ROLE | OF | HOLDER`")
    start, end, needle = find_global(text, parts[0])
    return {
        "start": start,
        "end": end,
        "text": needle,
        "role": parts[1],
        "of": parts[2],
        "holder": parts[3],
    }


def _link_role(role: dict, mentions: list[dict], rid: str) -> dict:
    inside = [m for m in mentions if role["start"] <= m["start"] and m["end"] <= role["end"]]
    return {"report": rid, "mention": inside[0]["id"] if inside else None, **role}


def _edit_mentions(text: str, mentions: list[dict], rest: str) -> list[dict]:
    sign, _, body = rest.partition(" ")
    ref, _, spec = body.partition(" | ")
    start, end, needle = find_global(text, ref)
    if sign == "-":
        kept = [m for m in mentions if not (m["start"] < end and start < m["end"])]
        if len(kept) == len(mentions):
            raise GoldError(f"no lexicon mention at {needle!r} to drop")
        return kept
    if sign != "+":
        raise GoldError("M must be followed by + or -")
    words = spec.split()
    if not words or words[0] not in ENTITY_TYPES:
        raise GoldError(f"bad mention spec {spec!r}")
    etype, sub = words[0], None
    rest_words = words[1:]
    if rest_words and rest_words[0] in ("part", "deriv"):
        sub, rest_words = rest_words[0], rest_words[1:]
    canonical = " ".join(rest_words)
    if not canonical:
        raise GoldError("mention without canonical")
    kept = [m for m in mentions if not (m["start"] < end and start < m["end"])]
    return kept + [_mention(start, end, text, etype, sub, canonical)]


def _timex(text: str, rest: str) -> dict:
    ref, _, spec = rest.partition(" | ")
    words = spec.split()
    if (
        len(words) not in (2, 3)
        or words[0] not in TIMEX_TYPES
        or (len(words) == 3 and words[2] not in MODS)
    ):
        raise GoldError(f"bad timex spec {spec!r}")
    start, end, needle = find_global(text, ref)
    out = {"start": start, "end": end, "text": needle, "type": words[0], "value": words[1]}
    if len(words) == 3:
        out["mod"] = words[2]
    return out


def _event(text: str, rest: str) -> dict:
    head, keyed, neg = fields(rest)
    words = head.split(" ", 2)
    if len(words) != 3 or words[1] not in EVENT_TYPES:
        raise GoldError(f"bad event head {head!r}: want `ID TYPE TRIGGER`")
    eid, etype, trigger_ref = words
    start, end, trig = find_global(text, trigger_ref)
    within = sentence_of(text, start)
    event = {"id": eid, "type": etype, "trigger": span(start, end, trig)}
    for key, role in ROLES.items():
        refs = [r for r in keyed.pop(key, "").split(" & ") if r.strip()]
        spans = []
        for ref in refs:
            s, e, t = find_near(text, ref, start, within)
            if not (within[0] <= s and e <= within[1]):
                print(
                    f"warning: {eid} {role} {t!r} is outside the trigger's sentence",
                    file=sys.stderr,
                )
            spans.append(span(s, e, t))
        event[role] = spans
    if keyed:
        raise GoldError(f"unknown event fields {sorted(keyed)}")
    event["negated"] = neg
    return event


def _claim(text: str, rest: str) -> dict:
    head, keyed, _ = fields(rest)
    words = head.split(" ", 2)
    if len(words) != 3 or words[1] not in CERTAINTIES:
        raise GoldError(f"bad claim head {head!r}: want `ID CERTAINTY SPAN`")
    cid, certainty, span_ref = words
    start, end, body = find_global(text, span_ref)
    claim = {"id": cid, **span(start, end, body)}
    middle = (start + end) // 2
    claim["source"] = _near_span(text, keyed.pop("src", ""), middle, start, end)
    cue_ref = keyed.pop("cue", "")
    if cue_ref:
        first = cue_ref.split(SPLIT_CUE)[0]
        s, e, _ = (
            find_near(text, first, middle, None) if "#" not in first else find_global(text, first)
        )
        claim["cue"] = {"start": s, "end": e, "text": re.sub(r"#\d+", "", cue_ref)}
    else:
        claim["cue"] = None
    claim["certainty"] = certainty
    claim["events"] = keyed.pop("ev").split() if "ev" in keyed else None
    claim["contradicts"] = keyed.pop("x", "").split()
    if keyed:
        raise GoldError(f"unknown claim fields {sorted(keyed)}")
    return claim


def _near_span(text: str, ref: str, anchor: int, start: int, end: int) -> dict | None:
    if not ref or ref == "-":
        return None
    s, e, t = find_near(text, ref, anchor, None)
    return span(s, e, t)


def _finish_claims(text: str, events: list[dict], claims: list[dict], rid: str) -> None:
    ids = {e["id"] for e in events}
    if len(ids) != len(events):
        raise GoldError(f"{rid}: duplicate event ids")
    by_id = {c["id"]: c for c in claims}
    if len(by_id) != len(claims):
        raise GoldError(f"{rid}: duplicate claim ids")
    for claim in claims:
        if claim["events"] is None:
            cue = claim["cue"]
            claim["events"] = [
                e["id"]
                for e in events
                if claim["start"] <= e["trigger"]["start"]
                and e["trigger"]["end"] <= claim["end"]
                and not (cue and cue["start"] <= e["trigger"]["start"] < cue["end"])
            ]
        missing = set(claim["events"]) - ids
        if missing:
            raise GoldError(f"{rid}: claim {claim['id']} names unknown events {sorted(missing)}")
    for claim in claims:
        for other in claim["contradicts"]:
            if other not in by_id:
                raise GoldError(f"{rid}: claim {claim['id']} contradicts unknown claim {other}")
            if claim["id"] not in by_id[other]["contradicts"]:
                by_id[other]["contradicts"].append(claim["id"])


# ---------------------------------------------------------------- output


def build() -> tuple[list[dict], list[dict]]:
    reports = load_reports()
    sources = load_sources()
    lexicon = load_lexicon(SOURCE / "lexicon.tsv")
    unknown = set(sources) - set(reports)
    if unknown:
        raise GoldError(f"annotations for reports that do not exist: {sorted(unknown)}")
    test_ids = set((SOURCE / "test_ids.txt").read_text(encoding="utf-8").split())
    dev, test = [], []
    for rid in sorted(sources):
        record = annotate(reports[rid], sources[rid], lexicon)
        (test if rid in test_ids else dev).append(record)
    return dev, test


def write_jsonl(path: Path, records: list[dict]) -> None:
    with path.open("w", encoding="utf-8") as handle:
        for record in records:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")


def show(record: dict) -> str:
    text = record["text"]
    lines = [f"{record['id']} {record['date']}"]
    lines.append(
        "  mentions: "
        + ", ".join(
            f"{m['text']}[{m['type']}{'/' + m['sub'] if m.get('sub') else ''}={m['canonical']}]"
            for m in record["entities"]
        )
    )
    for t in record["timexes"]:
        lines.append(f"  {t['id']} {t['text']!r} {t['type']} {t['value']} {t.get('mod', '')}")
    for e in record["events"]:
        args = " ".join(f"{r}={[a['text'] for a in e[r]]}" for r in ROLES.values() if e[r])
        lines.append(
            f"  {e['id']} {e['type']} {e['trigger']['text']!r} "
            f"{args}{' NEG' if e['negated'] else ''}"
        )
    for c in record["claims"]:
        src = c["source"]["text"] if c["source"] else None
        cue = c["cue"]["text"] if c["cue"] else None
        lines.append(
            f"  {c['id']} {c['certainty']} src={src!r} cue={cue!r} ev={c['events']} "
            f"x={c['contradicts']}"
            f"\n      {text[c['start'] : c['end']]!r}"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--show", nargs="*", help="print these reports' annotation instead of writing files"
    )
    args = parser.parse_args(argv)
    try:
        dev, test = build()
    except GoldError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    if args.show is not None:
        for record in dev + test:
            if not args.show or record["id"] in args.show:
                print(show(record))
                for role in record["_roles"]:
                    print(
                        f"  role {role['text']!r} ({role['mention']}) {role['role']} of "
                        f"{role['of']}: {role['holder']}"
                    )
        return 0
    roles = [role for record in dev + test for role in record.pop("_roles")]
    write_jsonl(EVENTS / "dev.jsonl", dev)
    write_jsonl(EVENTS / "test.jsonl", test)
    write_jsonl(ENTITIES / "roles.jsonl", sorted(roles, key=lambda r: (r["report"], r["start"])))
    print(f"{len(dev)} dev and {len(test)} test reports written to {EVENTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
