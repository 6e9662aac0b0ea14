"""`chronik entity ...`: show an entity, and corrections that last (merge, split, alias).

Plain functions of (store, arguments) returning data the CLI prints. Every correction is stored as a user
decision (entity_decisions) and applied at once, in one transaction: it is checked against the whole alias
table first (conflicts, cycles), so a bad one changes nothing. The linker compiles decisions into its alias
table, so they survive `relink_all`.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from chronik.errors import ChronikError
from chronik.kb.entities import combine_aliases, decision_aliases
from chronik.nlp.linking import names as nm
from chronik.nlp.linking.resources import Alias, AliasError, file_aliases
from chronik.store import schema as t
from chronik.store.db import Store


class EntityNotFound(ChronikError):
    """No entity has that name."""


def find_entity(conn: Connection, name: str) -> Any:
    """By canonical name, then by any name it was seen under, then by name key; the most mentioned wins."""
    e = t.entities.c
    row = conn.execute(
        sa.select(t.entities).where(e.canonical == name).order_by(e.n_mentions.desc())
    ).first()
    if row is None:
        n = t.entity_names.c
        row = conn.execute(
            sa.select(t.entities)
            .join(t.entity_names, n.entity_id == e.id)
            .where(n.key == nm.lookup_key(name))
            .order_by(e.n_mentions.desc())
        ).first()
    if row is None:
        keys = (
            [f"s:{k}" for k in nm.name_keys(name)]
            + [f"n:{k}" for k in nm.name_keys(name)]
            + [f"o:{k}" for k in nm.name_keys(name)]
        )
        k = t.entity_keys.c
        row = conn.execute(
            sa.select(t.entities)
            .join(t.entity_keys, k.entity_id == e.id)
            .where(k.key.in_(keys))
            .order_by(e.n_mentions.desc())
        ).first()
    if row is None:
        raise EntityNotFound(
            f"no entity named {name!r}; try `chronik entity show` with another spelling"
        )
    return row


def entity_show(store: Store, name: str, limit: int = 50) -> dict[str, Any]:
    """Names with counts, roles over time (stated and resolved), and the reports that mention it."""
    with store.engine.connect() as conn:
        ent = find_entity(conn, name)
        n, r, m, rep = t.entity_names.c, t.roles.c, t.mentions.c, t.reports.c
        names = conn.execute(
            sa.select(n.name, n.count).where(n.entity_id == ent.id).order_by(n.count.desc(), n.name)
        ).all()
        of = t.entities.alias("of")
        roles = conn.execute(
            sa.select(
                r.role,
                r.of_text,
                of.c.canonical.label("of"),
                r.date,
                r.report_id,
                r.kind,
                r.text,
                r.rule,
            )
            .outerjoin_from(t.roles, of, of.c.id == r.of_entity_id)
            .where(r.holder_id == ent.id)
            .order_by(r.date_start, r.id)
        ).all()
        reports = conn.execute(
            sa.select(rep.id, rep.date, rep.title, sa.func.count().label("mentions"))
            .join_from(t.mentions, t.reports, m.report_id == rep.id)
            .where(m.entity_id == ent.id)
            .group_by(rep.id, rep.date, rep.title)
            .order_by(rep.date_start.desc(), rep.id)
            .limit(limit)
        ).all()
    return {
        "entity": {
            "id": ent.id,
            "canonical": ent.canonical,
            "type": ent.type,
            "first_date": ent.first_date,
            "last_date": ent.last_date,
            "n_mentions": ent.n_mentions,
            "info": ent.info,
        },
        "names": [{"name": x.name, "count": x.count} for x in names],
        "roles": [
            {
                "role": x.role,
                "of": x.of or x.of_text,
                "date": x.date,
                "report": x.report_id,
                "kind": x.kind,
                "text": x.text,
                "rule": x.rule,
            }
            for x in roles
        ],
        "reports": [
            {"id": x.id, "date": x.date, "title": x.title, "mentions": x.mentions} for x in reports
        ],
    }


def _record(conn: Connection, action: str, args: dict[str, Any]) -> int:
    """Check the decision against file aliases and all earlier decisions, then store it."""
    new = [
        Alias(v, args["canonical"], args.get("type") or "*", f"new {action}") for v in args["names"]
    ]
    combine_aliases(list(file_aliases()), decision_aliases(conn) + new)  # raises AliasError
    return conn.execute(
        t.entity_decisions.insert().values(
            action=action, args=args, created_at=datetime.now(UTC), active=True
        )
    ).inserted_primary_key[0]


def _target(conn: Connection, canonical: str, type_: str) -> int:
    """The entity the decision pins names to: found by grounded key, or created (grounded: its name is fixed)."""
    cls = "P" if type_ == "PER" else "X"
    key = f"g:{cls}:{nm.lookup_key(canonical)}"
    row = conn.execute(
        sa.select(t.entity_keys.c.entity_id).where(t.entity_keys.c.key == key)
    ).first()
    if row is not None:
        return row.entity_id
    new_id = conn.execute(
        t.entities.insert().values(
            canonical=canonical,
            type=type_,
            key=key,
            n_mentions=0,
            info={"grounded": True, "user": True},
        )
    ).inserted_primary_key[0]
    conn.execute(t.entity_keys.insert().values(key=key, entity_id=new_id))
    return new_id


def _move(conn: Connection, mention_ids: list[int], target: int) -> set[int]:
    """Relink mentions to `target`; returns the entities they left."""
    if not mention_ids:
        return set()
    m = t.mentions.c
    old = {
        r.entity_id
        for r in conn.execute(sa.select(m.entity_id).where(m.id.in_(mention_ids)))
        if r.entity_id
    }
    canonical = conn.execute(
        sa.select(t.entities.c.canonical).where(t.entities.c.id == target)
    ).scalar_one()
    conn.execute(
        t.mentions.update()
        .where(m.id.in_(mention_ids))
        .values(entity_id=target, canonical=canonical)
    )
    conn.execute(
        t.mention_links.update()
        .where(t.mention_links.c.mention_id.in_(mention_ids))
        .values(entity_id=target, rule="decision")
    )
    return old - {target}


def _rebuild(conn: Connection, entity_id: int) -> None:
    """Counts, dates and names of an entity from its mentions; an entity left without any is deleted."""
    m, ml, rep = t.mentions.c, t.mention_links.c, t.reports.c
    rows = conn.execute(
        sa.select(sa.func.coalesce(ml.surface, m.text).label("name"), rep.date)
        .join_from(t.mentions, t.reports, m.report_id == rep.id)
        .outerjoin(t.mention_links, ml.mention_id == m.id)
        .where(m.entity_id == entity_id)
    ).all()
    conn.execute(t.entity_names.delete().where(t.entity_names.c.entity_id == entity_id))
    held = conn.execute(
        sa.select(sa.func.count()).select_from(t.roles).where(t.roles.c.holder_id == entity_id)
    ).scalar_one()
    if not rows and not held:
        conn.execute(t.entities.delete().where(t.entities.c.id == entity_id))
        return
    counts: dict[str, int] = {}
    for r in rows:
        counts[r.name] = counts.get(r.name, 0) + 1
    if counts:
        conn.execute(
            t.entity_names.insert(),
            [
                {"entity_id": entity_id, "name": k, "key": nm.lookup_key(k), "count": v}
                for k, v in counts.items()
            ],
        )
    dates = sorted(r.date for r in rows if r.date)
    conn.execute(
        t.entities.update()
        .where(t.entities.c.id == entity_id)
        .values(
            n_mentions=len(rows),
            first_date=dates[0] if dates else None,
            last_date=dates[-1] if dates else None,
        )
    )


def _mentions_named(
    conn: Connection, entity_ids: list[int] | None, names: list[str], type_: str | None
) -> list[int]:
    keys = {nm.lookup_key(x) for x in names}
    m, ml = t.mentions.c, t.mention_links.c
    q = sa.select(m.id, m.text, m.type, ml.surface).outerjoin_from(
        t.mentions, t.mention_links, ml.mention_id == m.id
    )
    if entity_ids is not None:
        q = q.where(m.entity_id.in_(entity_ids))
    else:
        n = t.entity_names.c
        holders = sa.select(n.entity_id).where(n.key.in_(sorted(keys)))
        q = q.where(m.entity_id.in_(holders))
    return [
        r.id
        for r in conn.execute(q)
        if (nm.lookup_key(r.surface or r.text) in keys or nm.lookup_key(r.text) in keys)
        and (type_ in (None, "*") or r.type == type_)
    ]


def entity_merge(store: Store, into: str, other: str) -> dict[str, Any]:
    """Merge entity `other` into `into` (both by name); `into`'s canonical name is kept."""
    with store.engine.begin() as conn:
        a, b = find_entity(conn, into), find_entity(conn, other)
        if a.id == b.id:
            return {"merged": False, "entity": a.canonical, "reason": "already the same entity"}
        names = sorted(
            {
                x.name
                for x in conn.execute(
                    sa.select(t.entity_names.c.name).where(t.entity_names.c.entity_id == b.id)
                )
            }
            | {b.canonical}
        )
        if (
            b.type == "PER"
        ):  # a bare surname follows its report's full name; pinning it would catch every Müller
            names = [n for n in names if " " in n] or names
        decision = _record(
            conn,
            "merge",
            {"canonical": a.canonical, "names": names, "type": a.type, "from": b.canonical},
        )
        target = a.id
        mids = [
            r.id
            for r in conn.execute(sa.select(t.mentions.c.id).where(t.mentions.c.entity_id == b.id))
        ]
        _move(conn, mids, target)
        conn.execute(t.roles.update().where(t.roles.c.holder_id == b.id).values(holder_id=target))
        conn.execute(
            t.roles.update().where(t.roles.c.of_entity_id == b.id).values(of_entity_id=target)
        )
        for k in (
            conn.execute(sa.select(t.entity_keys.c.key).where(t.entity_keys.c.entity_id == b.id))
            .scalars()
            .all()
        ):
            _add_key(conn, k, target)
        _pin(conn, target)
        _rebuild(conn, target)
        _rebuild(conn, b.id)
    return {
        "merged": True,
        "entity": a.canonical,
        "from": b.canonical,
        "names": names,
        "mentions": len(mids),
        "decision": decision,
    }


def _add_key(conn: Connection, key: str, entity_id: int) -> None:
    exists = conn.execute(
        sa.select(t.entity_keys.c.key).where(
            t.entity_keys.c.key == key, t.entity_keys.c.entity_id == entity_id
        )
    ).first()
    if not exists:
        conn.execute(t.entity_keys.insert().values(key=key, entity_id=entity_id))


def _pin(conn: Connection, entity_id: int) -> None:
    """A corrected entity keeps its canonical name: it is findable under its grounded key from now on."""
    row = conn.execute(sa.select(t.entities).where(t.entities.c.id == entity_id)).first()
    info = dict(row.info or {})
    info.update({"grounded": True, "user": True})
    conn.execute(t.entities.update().where(t.entities.c.id == entity_id).values(info=info))
    cls = "P" if row.type == "PER" else "X"
    _add_key(conn, f"g:{cls}:{nm.lookup_key(row.canonical)}", entity_id)


def entity_split(
    store: Store, entity: str, names: list[str], canonical: str | None = None
) -> dict[str, Any]:
    """Move the mentions of `entity` written as one of `names` to a new entity (`canonical`, default names[0])."""
    if not names:
        raise ChronikError(
            "entity split: give the names to split off, e.g. --names 'Müller,G. Müller'"
        )
    with store.engine.begin() as conn:
        ent = find_entity(conn, entity)
        new_name = canonical or names[0]
        decision = _record(
            conn,
            "split",
            {"canonical": new_name, "names": names, "type": ent.type, "from": ent.canonical},
        )
        mids = _mentions_named(conn, [ent.id], names, None)
        target = _target(conn, new_name, ent.type)
        _move(conn, mids, target)
        _rebuild(conn, target)
        _rebuild(conn, ent.id)
    return {"entity": ent.canonical, "new": new_name, "mentions": len(mids), "decision": decision}


def alias_add(
    store: Store, variant: str, canonical: str, type_: str | None = None
) -> dict[str, Any]:
    """Treat `variant` as a name of `canonical` from now on, and relink the mentions written so."""
    type_ = type_ or "*"
    with store.engine.begin() as conn:
        for a in decision_aliases(conn):
            if (
                nm.lookup_key(a.variant) == nm.lookup_key(variant)
                and a.type == type_
                and a.canonical != canonical
            ):
                raise AliasError(
                    f"alias conflict: {variant!r} ({type_}) already points to {a.canonical!r} "
                    f"({a.origin}); split or merge instead, or use another variant"
                )
        decision = _record(
            conn, "alias", {"canonical": canonical, "names": [variant], "type": type_}
        )
        mids = _mentions_named(conn, None, [variant], None if type_ == "*" else type_)
        m = t.mentions.c
        mtype = (
            type_
            if type_ != "*"
            else (conn.execute(sa.select(m.type).where(m.id.in_(mids))).scalar() if mids else "OTH")
        )
        target = _target(conn, canonical, mtype or "OTH")
        left = _move(conn, mids, target)
        _rebuild(conn, target)
        for old in left:
            _rebuild(conn, old)
    return {
        "variant": variant,
        "canonical": canonical,
        "type": type_,
        "mentions": len(mids),
        "decision": decision,
    }


def decisions(store: Store) -> list[dict[str, Any]]:
    """The user decisions in force, oldest first."""
    d = t.entity_decisions.c
    with store.engine.connect() as conn:
        rows = (
            conn.execute(sa.select(t.entity_decisions).where(d.active == sa.true()).order_by(d.id))
            .mappings()
            .all()
        )
    return [
        {
            "id": r["id"],
            "action": r["action"],
            "args": r["args"],
            "created_at": str(r["created_at"]),
        }
        for r in rows
    ]


def decision_undo(store: Store, decision_id: int) -> dict[str, Any]:
    """Withdraw a decision (merge, split or alias) and relink the store without it, in one transaction."""
    from chronik.kb.entities import relink_conn

    d = t.entity_decisions.c
    with store.engine.begin() as conn:
        row = conn.execute(
            sa.select(t.entity_decisions).where(d.id == decision_id, d.active == sa.true())
        ).first()
        if row is None:
            raise ChronikError(
                f"no decision {decision_id} in force; `chronik entity decisions` lists them"
            )
        conn.execute(t.entity_decisions.update().where(d.id == decision_id).values(active=False))
        reports = relink_conn(conn, store.url)
    return {
        "undone": decision_id,
        "action": row.action,
        "args": row.args,
        "relinked_reports": reports,
    }


def relink(store: Store) -> dict[str, Any]:
    """`chronik entity relink`: link every current report again, keeping user decisions."""
    from chronik.kb.entities import relink_all

    reports = relink_all(store)
    with store.engine.connect() as conn:
        n = conn.execute(sa.select(sa.func.count()).select_from(t.entities)).scalar_one()
    return {"reports": reports, "entities": n}
