"""A name typed by a user -> the entity it means, the same way for every command and view
(`--entity`, `?entity=`, `entity show`, the API).

The name is turned into the linker's keys (chronik.names.query, pure: the rules that made the
keys at linking time make them here), and the entities under those keys are the candidates. One
candidate, or one that holds DOMINANT_SHARE of all the candidates' mentions, is the answer; else the
name is ambiguous and AmbiguousEntity lists the candidates with type, mention count and context
(the CLI prints them and exits 1, the API answers 409 with the list).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa

from chronik.errors import ChronikError
from chronik.names.aliases import default_aliases
from chronik.names.query import NameQuery, fits_first_names, name_query
from chronik.store import schema
from chronik.store.db import Conn

# A candidate holding this share of all matching mentions is what the name means: a stray
# mistagged mention or a surname-only entity does not make "Schoigu" ambiguous, while two
# ministries named "Verteidigungsministerium" with 12 and 9 mentions do.
DOMINANT_SHARE = 0.8
MAX_CANDIDATES = 20
MAX_ID = 2**62


@dataclass
class Candidate:
    id: int
    canonical: str
    type: str
    n_mentions: int
    first_date: str | None
    last_date: str | None
    info: dict
    names: list[str] = field(default_factory=list)
    exact: bool = False  # the name typed is its canonical name or a spelling it was seen under
    seen_with: list[str] = field(default_factory=list)  # entities named most often beside it

    def context(self) -> str:
        """What tells candidates apart: other spellings, where a place is, when it was named."""
        parts = []
        others = [n for n in self.names if n != self.canonical][:3]
        if others:
            parts.append("also " + ", ".join(others))
        if self.info.get("iso2") or self.info.get("kind"):
            parts.append(" ".join(str(self.info[k]) for k in ("kind", "iso2") if self.info.get(k)))
        if self.first_date or self.last_date:
            parts.append(f"{self.first_date or '?'} … {self.last_date or '?'}")
        if self.seen_with:
            parts.append("with " + ", ".join(self.seen_with))
        return "; ".join(parts)

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "canonical": self.canonical,
            "type": self.type,
            "n_mentions": self.n_mentions,
            "first_date": self.first_date,
            "last_date": self.last_date,
            "names": self.names,
            "seen_with": self.seen_with,
            "context": self.context(),
        }


class AmbiguousEntity(ChronikError):
    """A name matches several entities and none dominates; `candidates` lists them."""

    def __init__(self, name: str, candidates: list[Candidate]) -> None:
        self.name = name
        self.candidates = candidates
        lines = [
            f"  {c.id}  {c.canonical} ({c.type}, {c.n_mentions} mentions) {c.context()}"
            for c in candidates
        ]
        super().__init__(
            f"{name!r} names {len(candidates)} entities; give the id or a fuller name:\n"
            + "\n".join(lines)
        )


def _candidate_ids(conn: Conn, q: NameQuery) -> tuple[set[int], set[int]]:
    """(ids matched exactly by canonical or a seen spelling, ids matched by index keys)."""
    e, n, k = schema.entities.c, schema.entity_names.c, schema.entity_keys.c
    exact = set(
        conn.execute(
            sa.select(e.id).where(
                sa.or_(e.canonical == q.text, sa.func.lower(e.canonical) == q.text.lower())
            )
        ).scalars()
    )
    exact |= set(conn.execute(sa.select(n.entity_id).where(n.key.in_(q.name_keys))).scalars())
    keyed = set(conn.execute(sa.select(k.entity_id).where(k.key.in_(q.index_keys))).scalars())
    return exact, keyed


def _load(conn: Conn, ids: set[int], exact: set[int]) -> list[Candidate]:
    e, n = schema.entities.c, schema.entity_names.c
    rows = conn.execute(sa.select(schema.entities).where(e.id.in_(sorted(ids)))).all()
    names: dict[int, list[str]] = {}
    for r in conn.execute(
        sa.select(n.entity_id, n.name)
        .where(n.entity_id.in_(sorted(ids)))
        .order_by(n.entity_id, n.count.desc(), n.name)
    ):
        names.setdefault(r.entity_id, []).append(r.name)
    return [
        Candidate(
            r.id,
            r.canonical,
            r.type,
            r.n_mentions or 0,
            r.first_date,
            r.last_date,
            r.info or {},
            names.get(r.id, []),
            r.id in exact,
        )
        for r in rows
    ]


def candidates(conn: Conn, value: str) -> list[Candidate]:
    """Every entity the name may mean, most mentioned first (an id gives that entity)."""
    value = (value or "").strip()
    if not value:
        return []
    if value.isascii() and value.isdigit():  # "²" is a digit to Python, not an id
        if int(value) > MAX_ID:
            return []
        return _load(conn, {int(value)}, {int(value)})
    q = name_query(value, default_aliases())
    exact, keyed = _candidate_ids(conn, q)
    found = _load(conn, exact | keyed, exact)
    found = [c for c in found if c.exact or c.type != "PER" or fits_first_names(q, c.names)]
    found.sort(key=lambda c: (-c.n_mentions, c.id))
    found = found[:MAX_CANDIDATES]
    if len(found) > 1:
        for c in found:
            c.seen_with = _seen_with(conn, c.id)
    return found


def _seen_with(conn: Conn, entity_id: int, limit: int = 2) -> list[str]:
    """The entities most often named in the same reports: what tells two Müllers apart."""
    m, e = schema.mentions.c, schema.entities.c
    reports = sa.select(m.report_id).where(m.entity_id == entity_id).limit(200)
    query = (
        sa.select(e.canonical, sa.func.count().label("n"))
        .join_from(schema.mentions, schema.entities, e.id == m.entity_id)
        .where(m.report_id.in_(reports), m.entity_id != entity_id)
        .group_by(e.canonical)
        .order_by(sa.desc("n"), e.canonical)
        .limit(limit)
    )
    return [r.canonical for r in conn.execute(query)]


def choose(name: str, found: list[Candidate]) -> Candidate | None:
    """The candidate the name means, None when nothing matches; AmbiguousEntity when several
    match and none dominates."""
    if not found:
        return None
    if len(found) == 1:
        return found[0]
    named = [c for c in found if c.info.get("grounded") and c.canonical.lower() == name.lower()]
    if len(named) == 1:  # "Georgia (U.S. state)" typed in full; a stray "Lukaschenko" LOC is no pin
        return named[0]
    total = sum(c.n_mentions for c in found)
    best = found[0]
    if total and best.n_mentions >= DOMINANT_SHARE * total:
        return best
    raise AmbiguousEntity(name, found)


def resolve(conn: Conn, value: str) -> Candidate | None:
    """`candidates` then `choose`."""
    return choose(value.strip(), candidates(conn, value))
