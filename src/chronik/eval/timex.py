"""`chronik eval timex GOLD`: tag gold reports with the timex component and score it the TempEval-3
way.

GOLD is a TimeML file or a directory of them (TempEval-3 layout, *.tml / *.xml, searched
recursively), or a JSON Lines file (or directory of *.jsonl) in the annotation format. Extent
matching is one-to-one, closest spans first: strict = same start and end, relaxed = overlapping
spans (TempEval-3: extent regardless of type); type and value accuracy are taken over relaxed
matches. `relaxed+type` is the annotation spec's own match (overlap and the same type). Per type:
relaxed P/R/F1 of that type (a match counts when both sides have it) and the value accuracy of
relaxed matches whose gold has that type.
"""

from __future__ import annotations

import json
import re
import sys
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from chronik.dates import PartialDate, parse_iso
from chronik.eval import timeml
from chronik.eval.prf import PRF
from chronik.types import Timex

TYPES = ("DATE", "TIME", "DURATION", "SET")
TIMEML_SUFFIXES = (".tml", ".xml", ".timeml")
REFS = ("PRESENT_REF", "PAST_REF", "FUTURE_REF")
# Error classes, each counted once per error item: a matched pair may count under several
# (wrong extent and wrong value); `direction` counts wrong values on the other side of the report
# date than gold (a past Friday read as the coming one), inside the wrong-value counts.
ERROR_CLASSES = (
    *(f"missed {t}" for t in TYPES),
    *(f"spurious {t}" for t in TYPES),
    "wrong extent",
    "wrong type",
    *(f"wrong value {t}" for t in TYPES),
    *(f"wrong value {r}" for r in REFS),
    "wrong value direction",
)


@dataclass
class GoldDoc:
    name: str  # path relative to the gold root; predictions are written under the same name
    id: str
    text: str
    date: PartialDate | None
    timexes: list[dict]
    source: object = None  # TimeMLDoc or the JSON record, for writing predictions back


@dataclass
class Scores:
    strict: PRF = field(default_factory=PRF)
    relaxed: PRF = field(default_factory=PRF)
    relaxed_typed: PRF = field(default_factory=PRF)
    matched: int = 0
    type_correct: int = 0
    value_correct: int = 0
    per_type: dict[str, PRF] = field(default_factory=lambda: {t: PRF() for t in TYPES})
    per_type_matched: dict[str, int] = field(default_factory=lambda: {t: 0 for t in TYPES})
    per_type_value: dict[str, int] = field(default_factory=lambda: {t: 0 for t in TYPES})
    errors: list[dict] = field(default_factory=list)
    classes: dict[str, int] = field(default_factory=lambda: dict.fromkeys(ERROR_CLASSES, 0))

    def as_dict(self) -> dict:
        def accuracy(correct: int, total: int) -> float:
            return round(correct / total, 4) if total else 0.0

        per_type = {}
        for t in TYPES:
            per_type[t] = {
                **self.per_type[t].as_dict(),
                "matched": self.per_type_matched[t],
                "value_accuracy": accuracy(self.per_type_value[t], self.per_type_matched[t]),
            }
        return {
            "strict": self.strict.as_dict(),
            "relaxed": self.relaxed.as_dict(),
            "relaxed_typed": self.relaxed_typed.as_dict(),
            "matched": self.matched,
            "type_accuracy": accuracy(self.type_correct, self.matched),
            "value_accuracy": accuracy(self.value_correct, self.matched),
            "per_type": per_type,
            "error_classes": dict(self.classes),
        }


# --- reading gold ---------------------------------------------------------------------------------


def _date_of(record: dict, where: str) -> PartialDate | None:
    raw = record.get("date")
    if raw in (None, ""):
        return None
    try:
        return parse_iso(str(raw))
    except ValueError as exc:
        raise ValueError(f"{where}: {exc}") from None


def read_jsonl(path: Path, name: str) -> list[GoldDoc]:
    docs = []
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                raise ValueError(
                    f"{path}:{number}: not JSON ({exc.msg}); one report per line"
                ) from None
            rid = str(record.get("id", number))
            docs.append(
                GoldDoc(
                    name,
                    rid,
                    record["text"],
                    _date_of(record, f"{path}:{number}"),
                    list(record.get("timexes", [])),
                    record,
                )
            )
    return docs


def _is_gold_file(path: Path) -> bool:
    """TimeML by suffix, or any other file whose start shows a TimeML root; JSON Lines by suffix."""
    if path.suffix.lower() in TIMEML_SUFFIXES + (".jsonl",):
        return True
    if path.name.startswith(".") or path.suffix.lower() in (
        ".md",
        ".txt",
        ".py",
        ".json",
        ".csv",
        ".tsv",
    ):
        return False
    with open(path, "rb") as handle:
        return b"<TimeML" in handle.read(2000)


def _read_text(path: Path) -> str:
    """UTF-8, or Windows-1252 for older corpora written in it."""
    data = path.read_bytes()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def read_gold(gold: Path) -> tuple[list[GoldDoc], list[tuple[Path, str]]]:
    """Gold documents and the files skipped with their reason."""
    files = (
        [gold]
        if gold.is_file()
        else sorted(p for p in gold.rglob("*") if p.is_file() and _is_gold_file(p))
    )
    root = gold if gold.is_dir() else gold.parent
    docs: list[GoldDoc] = []
    skipped: list[tuple[Path, str]] = []
    for path in files:
        name = str(path.relative_to(root))
        try:
            if path.suffix.lower() == ".jsonl":
                docs.extend(read_jsonl(path, name))
            else:
                doc = timeml.read(_read_text(path))
                docs.append(GoldDoc(name, path.stem, doc.text, doc.date, doc.timexes, doc))
        except (ValueError, KeyError, UnicodeDecodeError) as exc:
            skipped.append((path, str(exc)))
    return docs, skipped


# --- matching and scoring -------------------------------------------------------------------------


def match(gold: list[dict], predicted: list[Timex]) -> list[tuple[int, int]]:
    """One-to-one pairs (gold index, predicted index) of overlapping spans, closest spans first."""
    pairs = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(predicted):
            if p.start < g["end"] and g["start"] < p.end:
                pairs.append((abs(p.start - g["start"]) + abs(p.end - g["end"]), gi, pi))
    pairs.sort()
    used_gold, used_pred, out = set(), set(), []
    for _, gi, pi in pairs:
        if gi not in used_gold and pi not in used_pred:
            used_gold.add(gi)
            used_pred.add(pi)
            out.append((gi, pi))
    return out


def score_doc(scores: Scores, doc: GoldDoc, predicted: list[Timex]) -> None:
    gold = doc.timexes
    for prf in (scores.strict, scores.relaxed, scores.relaxed_typed):
        prf.gold += len(gold)
        prf.predicted += len(predicted)
    for t in TYPES:
        scores.per_type[t].gold += sum(1 for g in gold if g.get("type") == t)
        scores.per_type[t].predicted += sum(1 for p in predicted if p.type == t)
    pairs = match(gold, predicted)
    matched_gold = {gi for gi, _ in pairs}
    for gi, pi in pairs:
        g, p = gold[gi], predicted[pi]
        gtype = g.get("type")
        scores.relaxed.tp += 1
        scores.matched += 1
        scores.strict.tp += (g["start"], g["end"]) == (p.start, p.end)
        same_type, same_value = gtype == p.type, normalise(g.get("value")) == normalise(p.value)
        scores.type_correct += same_type
        scores.value_correct += same_value
        scores.relaxed_typed.tp += same_type
        if gtype in scores.per_type:
            scores.per_type[gtype].tp += same_type
            scores.per_type_matched[gtype] += 1
            scores.per_type_value[gtype] += same_value
        if not (same_type and same_value) or (g["start"], g["end"]) != (p.start, p.end):
            classes = mismatch_classes(g, p, doc.date)
            for name in classes:
                scores.classes[name] += 1
            scores.errors.append(
                {
                    "doc": doc.id,
                    "kind": "mismatch",
                    "gold": _brief(g),
                    "predicted": _brief_p(p),
                    "classes": classes,
                }
            )
    for gi, g in enumerate(gold):
        if gi not in matched_gold:
            name = f"missed {g.get('type')}"
            if name in scores.classes:
                scores.classes[name] += 1
            scores.errors.append(
                {"doc": doc.id, "kind": "missed", "gold": _brief(g), "predicted": None}
            )
    matched_pred = {pi for _, pi in pairs}
    for pi, p in enumerate(predicted):
        if pi not in matched_pred:
            scores.classes[f"spurious {p.type}"] += 1
            scores.errors.append(
                {"doc": doc.id, "kind": "spurious", "gold": None, "predicted": _brief_p(p)}
            )


def mismatch_classes(g: dict, p: Timex, report_date: PartialDate | None) -> list[str]:
    """The error classes of a relaxed match: extent, type, and a wrong value by the gold's kind."""
    out = []
    if (g["start"], g["end"]) != (p.start, p.end):
        out.append("wrong extent")
    if g.get("type") != p.type:
        out.append("wrong type")
    gold_value, value = normalise(g.get("value")), normalise(p.value)
    if gold_value != value:
        kind = gold_value if gold_value in REFS else g.get("type")
        if kind in TYPES or kind in REFS:
            out.append(f"wrong value {kind}")
        if (
            report_date is not None
            and _side(gold_value, report_date) * _side(value, report_date) == -1
        ):
            out.append("wrong value direction")
    return out


_DAY_VALUE = re.compile(r"^(\d{4})(?:-(\d\d))?(?:-(\d\d))?")


def _side(value: str, report_date: PartialDate) -> int:
    """-1, 0 or 1: the value lies before, around or after the report date (compared at the
    coarser of the two precisions); 0 for values that are not calendar dates."""
    if value == "PAST_REF":
        return -1
    if value == "FUTURE_REF":
        return 1
    found = _DAY_VALUE.match(value)
    if not found:
        return 0
    parts = [int(x) for x in found.groups() if x is not None]
    anchor = [int(x) for x in report_date.iso[:10].split("-")]
    size = min(len(parts), len(anchor))
    left, right = tuple(parts[:size]), tuple(anchor[:size])
    return (left > right) - (left < right)


_CLOCK = re.compile(r"(?<=[\dX])T(\d{1,2})[.:](\d\d)(?!\d)")


def normalise(value: str | None) -> str:
    """The value as compared: upper case, and a clock time in one spelling (KRAUTS writes some as
    "T8:30" or "T20.30"; ISO 8601 and chronik write "T08:30", "T20:30": the same time)."""
    out = (value or "").strip().upper()
    if out.startswith("P"):
        return out
    return _CLOCK.sub(lambda m: f"T{int(m[1]):02d}:{m[2]}", out)


def _brief(g: dict) -> str:
    return f"{g.get('text')!r} {g.get('type')} {g.get('value')}"


def _brief_p(p: Timex) -> str:
    return f"{p.text!r} {p.type} {p.value} [{p.component.split('/')[-1]}]"


# --- tagging and writing predictions --------------------------------------------------------------


def tagger():
    """The component as chronik runs it: blank German tokenizer, sentence boundaries,
    chronik_timex."""
    import spacy

    import chronik.nlp.components  # noqa: F401  (registers the factories)
    from chronik.nlp import extensions

    extensions.register()
    nlp = spacy.blank("de")
    nlp.add_pipe("chronik_sentences")
    nlp.add_pipe("chronik_timex")
    return nlp


def tag(nlp, docs: Iterable[GoldDoc]) -> list[list[Timex]]:
    """Predicted timexes per document; the DCT's own words (when TEXT holds them) are not
    predicted again."""
    out = []
    for doc in docs:
        sdoc = nlp.make_doc(doc.text)
        sdoc._.report_date = doc.date
        timexes = list(nlp(sdoc)._.timexes)
        dct = doc.source.dct_span if isinstance(doc.source, timeml.TimeMLDoc) else None
        if dct is not None:
            timexes = [t for t in timexes if t.end <= dct[0] or t.start >= dct[1]]
        out.append(timexes)
    return out


def write_predictions(out_dir: Path, docs: list[GoldDoc], predicted: list[list[Timex]]) -> None:
    """One file per gold file, same name: TimeML with gold TIMEX3 replaced, or JSON Lines with
    timexes replaced."""
    jsonl: dict[str, list[str]] = {}
    for doc, timexes in zip(docs, predicted):
        target = out_dir / doc.name
        if isinstance(doc.source, timeml.TimeMLDoc):
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(timeml.write(doc.source, timexes), encoding="utf-8")
        else:
            record = dict(doc.source)  # type: ignore[arg-type]
            record["timexes"] = [_record_timex(i, t) for i, t in enumerate(timexes, start=1)]
            jsonl.setdefault(doc.name, []).append(json.dumps(record, ensure_ascii=False))
    for name, lines in jsonl.items():
        target = out_dir / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _record_timex(i: int, t: Timex) -> dict:
    out = {
        "id": f"t{i}",
        "start": t.start,
        "end": t.end,
        "text": t.text,
        "type": t.type,
        "value": t.value,
    }
    if t.mod:
        out["mod"] = t.mod
    out.update(
        {"earliest": t.earliest, "latest": t.latest, "approx": t.approx, "component": t.component}
    )
    return out


# --- command --------------------------------------------------------------------------------------


def evaluate(
    gold: Path, predictions: Path | None = None
) -> tuple[dict, Scores, list[tuple[Path, str]]]:
    docs, skipped = read_gold(gold)
    nlp = tagger()
    started = time.perf_counter()
    predicted = tag(nlp, docs)
    seconds = time.perf_counter() - started
    if predictions is not None:
        write_predictions(predictions, docs, predicted)
    scores = Scores()
    for doc, timexes in zip(docs, predicted):
        score_doc(scores, doc, timexes)
    result = {
        "gold": str(gold),
        "documents": len(docs),
        "skipped": [f"{p}: {r}" for p, r in skipped],
        **scores.as_dict(),
        "seconds": round(seconds, 3),
        "errors": scores.errors,
    }
    return result, scores, skipped


def run(gold: Path, predictions: Path | None, as_json: bool) -> int:
    """Score the timex component on `gold`; 0 on success, 1 when a gold file was skipped, 2 on
    usage errors."""
    gold = Path(gold)
    if not gold.exists():
        print(
            f"{gold}: no such file or directory; give a TimeML directory or a JSON Lines file",
            file=sys.stderr,
        )
        return 2
    result, _, skipped = evaluate(gold, Path(predictions) if predictions else None)
    if not result["documents"] and not skipped:
        print(
            f"{gold}: no TimeML (*.tml, *.xml) or JSON Lines (*.jsonl) files found", file=sys.stderr
        )
        return 2
    if as_json:
        print(json.dumps(result, indent=2))
    else:
        print_table(result)
    for path, reason in skipped:
        print(f"skipped {path}: {reason}", file=sys.stderr)
    return 1 if skipped else 0


def print_table(result: dict) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"Timex (TempEval-3) — {result['gold']}")
    table.add_column("", justify="left", no_wrap=True)
    for column in ("gold", "pred", "match", "P", "R", "F1", "value acc"):
        table.add_column(column, justify="right")

    def row(name: str, prf: dict, value: str = "") -> None:
        table.add_row(
            name,
            str(prf["gold"]),
            str(prf["predicted"]),
            str(prf["tp"]),
            f"{prf['precision']:.4f}",
            f"{prf['recall']:.4f}",
            f"{prf['f1']:.4f}",
            value,
        )

    row("strict extent", result["strict"])
    row("relaxed extent", result["relaxed"], f"{result['value_accuracy']:.4f}")
    row("relaxed + type", result["relaxed_typed"])
    table.add_section()
    for t in TYPES:
        per = result["per_type"][t]
        if per["gold"] or per["predicted"]:
            row(f"{t} (relaxed)", per, f"{per['value_accuracy']:.4f}")
    console = Console()
    console.print(table)
    console.print(error_table(result["error_classes"]))
    console.print(
        f"{result['documents']} documents, type accuracy {result['type_accuracy']:.4f}, "
        f"value accuracy {result['value_accuracy']:.4f} over {result['matched']} relaxed matches, "
        f"{result['seconds']:.2f} s tagging"
    )


def error_table(classes: dict[str, int]):
    """The error classes as a table of counts, one row per kind, zero rows left out."""
    from rich.table import Table

    table = Table(title="Errors by class")
    table.add_column("class", justify="left", no_wrap=True)
    table.add_column("count", justify="right")
    for name in ERROR_CLASSES:
        if classes.get(name):
            table.add_row(name, str(classes[name]))
    return table
