"""Places named in events, as GeoJSON; coordinates come from the linker's entities.info."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa

from chronik.store import schema
from chronik.store.db import Store
from chronik.store.filters import Filters, event_conditions, iso

MAX_PLACE_EVENTS = 5000

e, a, m = schema.events.c, schema.event_args.c, schema.mentions.c


def coordinates(info: Any) -> tuple[float, float] | None:
    """(lon, lat) from an entity's `info`, in the few shapes a linker may write; None when absent or
    bad."""
    if not isinstance(info, dict):
        return None
    pairs = [
        (
            info.get("lon", info.get("lng", info.get("longitude"))),
            info.get("lat", info.get("latitude")),
        )
    ]
    coords = info.get("coordinates") or info.get("coords")
    if isinstance(coords, dict):
        pairs.append((coords.get("lon", coords.get("lng")), coords.get("lat")))
    elif isinstance(coords, (list, tuple)) and len(coords) == 2:
        pairs.append((coords[0], coords[1]))  # GeoJSON order: lon, lat
    for lon, lat in pairs:
        try:
            lon_f, lat_f = float(lon), float(lat)  # type: ignore[arg-type]
        except (TypeError, ValueError):
            continue
        if -180 <= lon_f <= 180 and -90 <= lat_f <= 90:
            return lon_f, lat_f
    return None


@dataclass
class _Place:
    entity_id: int
    name: str
    lonlat: tuple[float, float] | None
    events: list[dict[str, Any]] = field(default_factory=list)


def places(store: Store, filters: Filters = Filters()) -> dict[str, Any]:
    """Places named in matching events as a GeoJSON FeatureCollection (places without coordinates
    are counted)."""
    ent = schema.entities.c
    with store.engine.connect() as conn:
        q = (
            sa.select(
                ent.id.label("entity_id"),
                ent.canonical,
                ent.info,
                e.id,
                e.type,
                e.trigger_text,
                e.earliest,
                e.report_id,
                e.local_id,
            )
            .select_from(
                schema.events.join(
                    schema.event_args, sa.and_(a.event_id == e.id, a.role == "place")
                )
                .join(schema.mentions, m.id == a.mention_id)
                .join(schema.entities, ent.id == m.entity_id)
            )
            .where(*event_conditions(conn, filters))
            .order_by(e.earliest.desc().nulls_last(), e.id.desc())
            .limit(MAX_PLACE_EVENTS)
        )
        found: dict[int, _Place] = {}
        for x in conn.execute(q):
            place = found.setdefault(
                x.entity_id, _Place(x.entity_id, x.canonical, coordinates(x.info))
            )
            place.events.append(
                {
                    "id": x.id,
                    "type": x.type,
                    "trigger": x.trigger_text,
                    "date": iso(x.earliest),
                    "report_id": x.report_id,
                    "local_id": x.local_id,
                }
            )
    features = [
        {
            "type": "Feature",
            "id": p.entity_id,
            "geometry": {"type": "Point", "coordinates": list(p.lonlat)},
            "properties": {
                "name": p.name,
                "entity_id": p.entity_id,
                "n_events": len(p.events),
                "events": p.events,
            },
        }
        for p in found.values()
        if p.lonlat
    ]
    return {
        "type": "FeatureCollection",
        "features": features,
        "filters": filters.params(),
        "without_coordinates": sorted(p.name for p in found.values() if not p.lonlat),
    }
