"""Loads the timex lexicons and rules from nlp/resources/timex once, and compiles the rule
patterns."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from chronik.dates import german_months

RESOURCE_DIR = Path(__file__).resolve().parent.parent / "resources" / "timex"


@dataclass(frozen=True)
class Rule:
    id: str
    type: str
    handler: str
    regex: re.Pattern[str]
    trigger: re.Pattern[str] | None = (
        None  # every match contains a hit of it; None: scan the whole text
    )


@dataclass(frozen=True)
class Lexicon:
    version: str
    months: dict[str, int]
    weekdays: dict[str, int]
    holidays: dict[str, str]
    numbers: dict[str, float]
    ordinals: dict[str, int]
    units: dict[str, str]
    words: dict[str, dict[str, str]]  # class -> form -> value
    verbs: dict[str, frozenset[str]]  # class -> forms
    rules: tuple[Rule, ...] = field(default=())


def _read(name: str) -> str:
    return (RESOURCE_DIR / name).read_text(encoding="utf-8")


def _rows(name: str) -> list[list[str]]:
    """Tab-separated rows without comments and blank lines."""
    rows = []
    for line in _read(name).splitlines():
        if line.strip() and not line.startswith("#"):
            rows.append(line.rstrip("\n").split("\t"))
    return rows


def _alternation(forms: list[str], ignore_first_case: bool = False) -> str:
    """Longest forms first, so that `Jänner` is not cut to `Jän.`; word forms end at a word
    boundary."""
    parts = []
    for form in sorted(set(forms), key=len, reverse=True):
        text = re.escape(form).replace(r"\ ", r"\s+")
        if ignore_first_case and form[:1].isalpha() and form[:1].lower() != form[:1].upper():
            text = f"[{form[0].upper()}{form[0].lower()}]" + re.escape(form[1:]).replace(
                r"\ ", r"\s+"
            )
        if form[-1:].isalnum():
            text += r"(?![\wÄÖÜäöüß])"
        parts.append(text)
    return "(?:" + "|".join(parts) + ")"


def _macros(lex: Lexicon, declared: dict[str, str]) -> dict[str, str]:
    words = lex.words
    plural_units = [
        f
        for f in lex.units
        if f.endswith(("n", "e")) and f not in ("Stunde", "Minute", "Sekunde", "Woche")
    ]
    macros = {
        "MONTH": _alternation(list(lex.months)),
        "MONTHSTEM": "(?:"
        + "|".join(sorted({f for f in lex.months if not f.endswith(".")}, key=len, reverse=True))
        + ")",
        "WD": "(?:" + "|".join(sorted(lex.weekdays, key=len, reverse=True)) + ")",
        "SEASON": _alternation(list(words["season"])),
        "HOL": _alternation(list(lex.holidays)),
        # digits whole: "2.500 Jahre" is 2500 years, never "500 Jahre"
        "NUM": r"(?:(?<![\d.,])(?:\d{1,3}(?:\.\d{3})+|\d+)(?:,\d+)?(?![\d.])|"
        + _alternation(list(lex.numbers), ignore_first_case=True)
        + ")",
        "ORDW": _alternation([f for f, v in lex.ordinals.items() if v > 0]),
        "UNIT": _alternation(list(lex.units)),
        "UNITPL": _alternation(plural_units),
        "REL": _alternation(
            list(words["relpast"]) + list(words["relthis"]) + list(words["relnext"]), True
        ),
        "SETW": _alternation(list(words["set"]), True),
        "REF": _alternation(list(words["ref"]), True),
    }
    for name, pattern in declared.items():
        macros[name] = pattern
    return macros


def _expand(pattern: str, macros: dict[str, str]) -> str:
    """Replace {NAME} (upper case only, so regex counts like \\d{4} stay) until no macro is left."""
    for _ in range(5):
        new = re.sub(r"\{([A-Z]+)\}", lambda m: macros[m[1]], pattern)
        if new == pattern:
            break
        pattern = new
    return pattern


@lru_cache(maxsize=1)
def load() -> Lexicon:
    months = dict(german_months())  # the one month table, shared with ingest
    weekdays = {form: int(num) for form, num in _rows("weekdays.tsv")}
    holidays = {form: spec for form, spec in _rows("holidays.tsv")}
    numbers: dict[str, float] = {}
    ordinals: dict[str, int] = {}
    for form, value, kind in _rows("numbers.tsv"):
        if kind == "ord":
            ordinals[form] = int(value)
        else:
            numbers[form] = float(value)
    units = {form: unit for form, unit in _rows("units.tsv")}
    words: dict[str, dict[str, str]] = {}
    for cls, form, value in _rows("words.tsv"):
        words.setdefault(cls, {})[form] = value
    verbs = {}
    for cls, forms in _rows("verbs.tsv"):
        verbs[cls] = verbs.get(cls, frozenset()) | frozenset(forms.split())
    lex = Lexicon("", months, weekdays, holidays, numbers, ordinals, units, words, verbs)
    spec = tomllib.loads(_read("rules.toml"))
    macros = _macros(lex, spec.get("macros", {}))
    rules = []
    for item in spec["rule"]:
        try:
            regex = re.compile(_expand(item["pattern"], macros))
            trigger = re.compile(_expand(item["trigger"], macros)) if item.get("trigger") else None
        except re.error as exc:
            raise ValueError(f"rules.toml: rule {item['id']!r} does not compile: {exc}") from None
        rules.append(Rule(item["id"], item["type"], item["handler"], regex, trigger))
    return Lexicon(
        spec["version"],
        months,
        weekdays,
        holidays,
        numbers,
        ordinals,
        units,
        words,
        verbs,
        tuple(rules),
    )
