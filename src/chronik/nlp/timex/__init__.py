"""German temporal expressions: found by the rules in nlp/resources/timex, typed and normalised to
TIMEX3 values against the report's date, each with an interval [earliest, latest]. Pure functions,
usable without spaCy."""

from __future__ import annotations

from chronik.nlp.timex.finder import find_timexes
from chronik.nlp.timex.lexicon import load


def version() -> str:
    """`rules-<version>` of the rule set, the prefix of every timex's component."""
    return f"rules-{load().version}"


__all__ = ["find_timexes", "version"]
