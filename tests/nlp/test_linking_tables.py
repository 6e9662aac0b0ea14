"""The shipped linking tables hold naming facts with a source, nothing the linker derives itself."""

from __future__ import annotations

from importlib import resources

from chronik.names.keys import lookup_key

SOURCES = {"wp", "wp-surname", "usage"}


def _rows(name: str) -> list[list[str]]:
    package = (
        "chronik.names.resources" if name == "aliases.tsv" else "chronik.nlp.resources.linking"
    )
    text = resources.files(package).joinpath(name).read_text("utf-8")
    return [
        line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")
    ]


def test_every_alias_row_names_its_source() -> None:
    rows = _rows("aliases.tsv")
    assert rows and all(len(r) == 4 and r[3] in SOURCES for r in rows)


def test_no_alias_row_maps_a_name_to_itself() -> None:
    """'Nato' -> 'NATO' spells the canonical; 'Olaf Scholz' -> 'Olaf Scholz' says nothing."""
    assert [r[0] for r in _rows("aliases.tsv") if r[0] == r[1]] == []
    assert [r[0] for r in _rows("aliases.tsv") if lookup_key(r[0]) == lookup_key(r[1])]


def test_every_role_holder_row_has_a_term_start() -> None:
    rows = _rows("role_holders.tsv")
    assert rows and all(len(r) >= 4 and len(r[3]) == 10 for r in rows)
