"""The alias table: a variant name -> its canonical name, per entity type (resources/aliases.tsv,
plus the users' alias decisions), loaded once and checked.

Below both the linker (chronik.nlp.linking) and the store's name lookup (chronik.store.lookup): the
keys that grouped mentions at linking time are the keys a typed name is looked up with.

An alias table is validated as a whole before anything uses it: a variant mapped to two canonicals
for the same type, or a chain of aliases that loops, is an AliasError naming the lines, so nothing
is half-applied.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from chronik.errors import ChronikError
from chronik.names.keys import lookup_key

PACKAGE = "chronik.names.resources"
TYPES = ("PER", "LOC", "ORG", "OTH", "*")
# An alias chain (A -> B -> C) longer than this is a loop that the key comparison missed.
MAX_ALIAS_CHAIN = 50


class AliasError(ChronikError):
    """An alias table (file or user decisions) has a conflict or a cycle."""


@dataclass(frozen=True)
class Alias:
    variant: str
    canonical: str
    type: str  # PER LOC ORG OTH or *
    origin: str  # "aliases.tsv:12" or "decision 7"


@dataclass
class AliasTable:
    """variant key -> {type: Alias}; canonical names resolved through chains."""

    entries: dict[str, dict[str, Alias]] = field(default_factory=dict)

    def lookup(self, text: str, type_: str) -> Alias | None:
        by_type = self.entries.get(lookup_key(text))
        if not by_type:
            return None
        return by_type.get(type_) or by_type.get("*")

    def canonicals(self) -> set[tuple[str, str]]:
        return {(a.canonical, a.type) for by in self.entries.values() for a in by.values()}


def read_table(name: str, package: str = PACKAGE) -> list[tuple[int, list[str]]]:
    """(line number, tab-separated columns) of a shipped table, blank and '#' lines skipped; the
    linking tables in chronik.nlp use it too."""
    text = resources.files(package).joinpath(name).read_text(encoding="utf-8")
    return [
        (i, line.rstrip("\n").split("\t"))
        for i, line in enumerate(text.splitlines(), 1)
        if line.strip() and not line.startswith("#")
    ]


def parse_alias_lines(lines: list[tuple[str, list[str]]]) -> list[Alias]:
    out = []
    for origin, cols in lines:
        if len(cols) < 2 or not cols[0].strip() or not cols[1].strip():
            raise AliasError(
                f"{origin}: expected 'variant<TAB>canonical<TAB>type'; fix or delete the line"
            )
        type_ = cols[2].strip() if len(cols) > 2 and cols[2].strip() else "*"
        if type_ not in TYPES:
            raise AliasError(f"{origin}: type {type_!r} is not one of {', '.join(TYPES)}")
        out.append(Alias(cols[0].strip(), cols[1].strip(), type_, origin))
    return out


def build_alias_table(aliases: list[Alias]) -> AliasTable:
    """Check conflicts and cycles over all aliases, then resolve chains (Weissrussland ->
    Belarus)."""
    table = AliasTable()
    for a in aliases:
        slot = table.entries.setdefault(lookup_key(a.variant), {})
        old = slot.get(a.type)
        if old and old.canonical != a.canonical:
            raise AliasError(
                f"alias conflict: {a.variant!r} ({a.type}) -> {old.canonical!r} at {old.origin} "
                f"and -> {a.canonical!r} at {a.origin}; keep one of them"
            )
        slot[a.type] = a
    for slot in table.entries.values():
        for type_, a in list(slot.items()):
            slot[type_] = _follow(table, a)
    return table


def _follow(table: AliasTable, alias: Alias) -> Alias:
    seen = [alias]
    current = alias
    while True:
        nxt = table.entries.get(lookup_key(current.canonical), {})
        step = nxt.get(current.type) or nxt.get("*")
        if step is None or lookup_key(step.canonical) == lookup_key(current.canonical):
            return Alias(alias.variant, current.canonical, alias.type, alias.origin)
        if (
            any(lookup_key(step.canonical) == lookup_key(s.variant) for s in seen)
            or len(seen) > MAX_ALIAS_CHAIN
        ):
            chain = " -> ".join([seen[0].variant] + [s.canonical for s in seen] + [step.canonical])
            origins = ", ".join(s.origin for s in seen + [step])
            raise AliasError(f"alias cycle: {chain} ({origins}); remove one of these aliases")
        seen.append(step)
        current = step


@lru_cache(maxsize=1)
def file_aliases() -> tuple[Alias, ...]:
    """The aliases chronik ships (resources/aliases.tsv), each with its line as origin."""
    return tuple(
        parse_alias_lines([(f"aliases.tsv:{i}", cols) for i, cols in read_table("aliases.tsv")])
    )


@lru_cache(maxsize=1)
def default_aliases() -> AliasTable:
    """The shipped table, built and checked once."""
    return build_alias_table(list(file_aliases()))
