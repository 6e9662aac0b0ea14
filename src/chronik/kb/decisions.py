"""`chronik entity ...`: show an entity, and corrections that last (merge, split, alias).

Plain functions of (store, arguments) returning data the CLI prints. Every correction is stored as a
user decision (entity_decisions) and applied at once, in one transaction: it is checked against the
whole alias table first (conflicts, cycles), so a bad one changes nothing. The linker compiles
decisions into its alias table, so they survive `relink_all`.
"""

from __future__ import annotations

from typing import Any

from chronik.errors import ChronikError
from chronik.kb.entities import combine_aliases, decision_aliases
from chronik.names import keys as nm
from chronik.names.aliases import Alias, AliasError, file_aliases
from chronik.store import decisions as decision_rows
from chronik.store import lookup
from chronik.store.db import Conn, Store, connection, transaction
from chronik.store.entities import (
    add_key,
    count_entities,
    entity_id_by_key,
    list_entities,
    new_keyed_entity,
)
from chronik.store.roles import count_roles_held, move_roles, roles_held


class EntityNotFound(ChronikError):
    """No entity has that name."""


def find_entity(conn: Conn, name: str) -> Any:
    """The entity a name means, through the linker's keys (chronik.store.lookup): an id, canonical
    name, any spelling it was seen under, or a transliteration of one. AmbiguousEntity when several
    match and none dominates."""
    found = lookup.resolve(conn, name)
    if found is None:
        raise EntityNotFound(
            f"no entity named {name!r}; `chronik entity list --name {name[:3]}` lists similar ones"
        )
    return decision_rows.entity_row(conn, found.id)


def entity_show(store: Store, name: str, limit: int = 50) -> dict[str, Any]:
    """Names with counts, roles over time (stated and resolved), and the reports that mention it."""
    with connection(store) as conn:
        found = lookup.candidates(conn, name)
        chosen = lookup.choose(name.strip(), found)
        if chosen is None:
            find_entity(conn, name)  # raises EntityNotFound with its hint
        ent = decision_rows.entity_row(conn, chosen.id)
        names = decision_rows.entity_names(conn, ent.id)
        roles = roles_held(conn, ent.id)
        reports = decision_rows.reports_mentioning(conn, ent.id, limit)
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
        "others": [c.as_dict() for c in found if c.id != ent.id],
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


def _record(conn: Conn, action: str, args: dict[str, Any]) -> int:
    """Check the decision against file aliases and all earlier decisions, then store it."""
    new = [
        Alias(v, args["canonical"], args.get("type") or "*", f"new {action}") for v in args["names"]
    ]
    combine_aliases(list(file_aliases()), decision_aliases(conn) + new)  # raises AliasError
    return decision_rows.record_decision(conn, action, args)


def _target(conn: Conn, canonical: str, type_: str) -> int:
    """The entity the decision pins names to: found by grounded key, or created (grounded: its name
    is fixed)."""
    cls = "P" if type_ == "PER" else "X"
    key = f"g:{cls}:{nm.lookup_key(canonical)}"
    found = entity_id_by_key(conn, key)
    if found is not None:
        return found
    row = {
        "canonical": canonical,
        "type": type_,
        "key": key,
        "n_mentions": 0,
        "info": {"grounded": True, "user": True},
    }
    return new_keyed_entity(conn, key, row)


def _move(conn: Conn, mention_ids: list[int], target: int) -> set[int]:
    """Relink mentions to `target`; returns the entities they left."""
    if not mention_ids:
        return set()
    return decision_rows.move_mentions(conn, mention_ids, target)


def _rebuild(conn: Conn, entity_id: int) -> None:
    """Counts, dates and names of an entity from its mentions; an entity left without any (and
    holding no role) is deleted."""
    rows = decision_rows.mention_names_and_dates(conn, entity_id)
    if not rows and not count_roles_held(conn, entity_id):
        decision_rows.replace_names(conn, entity_id, [])
        decision_rows.delete_entity(conn, entity_id)
        return
    counts: dict[str, int] = {}
    for r in rows:
        counts[r.name] = counts.get(r.name, 0) + 1
    decision_rows.replace_names(
        conn,
        entity_id,
        [
            {"entity_id": entity_id, "name": k, "key": nm.lookup_key(k), "count": v}
            for k, v in counts.items()
        ],
    )
    dates = sorted(r.date for r in rows if r.date)
    decision_rows.set_entity(
        conn,
        entity_id,
        n_mentions=len(rows),
        first_date=dates[0] if dates else None,
        last_date=dates[-1] if dates else None,
    )


def _mentions_named(
    conn: Conn, entity_ids: list[int] | None, names: list[str], type_: str | None
) -> list[int]:
    keys = {nm.lookup_key(x) for x in names}
    return [
        r.id
        for r in decision_rows.mentions_with_surface(conn, entity_ids, sorted(keys))
        if (nm.lookup_key(r.surface or r.text) in keys or nm.lookup_key(r.text) in keys)
        and (type_ in (None, "*") or r.type == type_)
    ]


def entity_merge(store: Store, into: str, other: str) -> dict[str, Any]:
    """Merge entity `other` into `into` (both by name); `into`'s canonical name is kept."""
    with transaction(store) as conn:
        a, b = find_entity(conn, into), find_entity(conn, other)
        if a.id == b.id:
            return {"merged": False, "entity": a.canonical, "reason": "already the same entity"}
        names = sorted({x.name for x in decision_rows.entity_names(conn, b.id)} | {b.canonical})
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
        mids = decision_rows.mention_ids_of(conn, b.id)
        _move(conn, mids, target)
        move_roles(conn, b.id, target)
        for k in decision_rows.entity_keys(conn, b.id):
            add_key(conn, k, target)
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


def _pin(conn: Conn, entity_id: int) -> None:
    """A corrected entity keeps its canonical name: it is findable under its grounded key from now
    on."""
    row = decision_rows.entity_row(conn, entity_id)
    info = dict(row.info or {})
    info.update({"grounded": True, "user": True})
    decision_rows.set_entity(conn, entity_id, info=info)
    cls = "P" if row.type == "PER" else "X"
    add_key(conn, f"g:{cls}:{nm.lookup_key(row.canonical)}", entity_id)


def entity_split(
    store: Store, entity: str, names: list[str], canonical: str | None = None
) -> dict[str, Any]:
    """Move the mentions of `entity` written as one of `names` to a new entity (`canonical`, default
    names[0])."""
    if not names:
        raise ChronikError(
            "entity split: give the names to split off, e.g. --names 'Müller,G. Müller'"
        )
    with transaction(store) as conn:
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
    with transaction(store) as conn:
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
        if type_ != "*":
            mtype = type_
        else:
            mtype = decision_rows.first_mention_type(conn, mids) if mids else "OTH"
        known = bool(lookup.candidates(conn, canonical))
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
        "warnings": _alias_warnings(variant, canonical, len(mids), known),
    }


def _alias_warnings(variant: str, canonical: str, mentions: int, known: bool) -> list[str]:
    """An alias that matches nothing is usually a typo: say so (it still applies from now on)."""
    out = []
    if not mentions:
        out.append(
            f"no stored mention is written {variant!r}: nothing was re-linked; the alias applies "
            "to reports linked from now on"
        )
    if not known:
        out.append(
            f"no entity was named {canonical!r} before: a new entity of that name was made; "
            "`chronik entity list --name` finds existing names"
        )
    return out


def entity_list(
    store: Store,
    type_: str | None = None,
    prefix: str | None = None,
    min_mentions: int = 0,
    limit: int = 50,
) -> list[dict[str, Any]]:
    """Entities, most mentioned first, narrowed by type, name prefix and mention count."""
    with connection(store) as conn:
        rows = list_entities(conn, type_, prefix, min_mentions, limit)
    return [
        {
            "id": r.id,
            "canonical": r.canonical,
            "type": r.type,
            "n_mentions": r.n_mentions,
            "first_date": r.first_date,
            "last_date": r.last_date,
        }
        for r in rows
    ]


def alias_list(store: Store, with_file: bool = False) -> list[dict[str, Any]]:
    """The aliases added by users (decisions), and with `with_file` those of aliases.tsv with the
    source each row gives."""
    out = []
    with connection(store) as conn:
        for r in decision_rows.active_decisions(conn):
            if r["action"] != "alias":
                continue
            args = r["args"]
            for variant in args.get("names", []):
                out.append(
                    {
                        "variant": variant,
                        "canonical": args["canonical"],
                        "type": args.get("type") or "*",
                        "origin": f"decision {r['id']}",
                        "decision": r["id"],
                    }
                )
    if with_file:
        out += [
            {"variant": a.variant, "canonical": a.canonical, "type": a.type, "origin": a.origin}
            for a in file_aliases()
        ]
    return out


def alias_remove(store: Store, variant: str) -> dict[str, Any]:
    """Withdraw the user aliases for `variant` and relink the store without them. Rows of
    aliases.tsv are part of chronik, not decisions: they are edited in the file."""
    key = nm.lookup_key(variant)
    with connection(store) as conn:
        ids = [
            r["id"]
            for r in decision_rows.active_decisions(conn)
            if r["action"] == "alias"
            and any(nm.lookup_key(v) == key for v in r["args"].get("names", []))
        ]
    if not ids:
        in_file = [a.origin for a in file_aliases() if nm.lookup_key(a.variant) == key]
        hint = (
            f" (it is in {', '.join(in_file)}; edit that file)"
            if in_file
            else "; `chronik entity alias list` shows them"
        )
        raise ChronikError(f"no alias {variant!r} was added{hint}")
    results = [decision_undo(store, i) for i in ids]
    return {
        "variant": variant,
        "decisions": ids,
        "relinked_reports": results[-1]["relinked_reports"],
    }


def decisions(store: Store) -> list[dict[str, Any]]:
    """The user decisions in force, oldest first."""
    with connection(store) as conn:
        rows = decision_rows.active_decisions(conn)
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
    """Withdraw a decision (merge, split or alias) and relink the store without it, in one
    transaction."""
    from chronik.kb.entities import relink_conn

    with transaction(store) as conn:
        row = decision_rows.active_decision(conn, decision_id)
        if row is None:
            raise ChronikError(
                f"no decision {decision_id} in force; `chronik entity decisions` lists them"
            )
        decision_rows.withdraw_decision(conn, decision_id)
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
    with connection(store) as conn:
        n = count_entities(conn)
    return {"reports": reports, "entities": n}
