"""Files for analysts: timeline and claims as CSV, the network as GEXF (Gephi) and GraphML.

Built from the same query results as the pages. XML goes through ElementTree (escaped); CSV cells
that a spreadsheet would run as a formula (=, +, -, @ first) get a leading apostrophe.
"""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from typing import Any

TIMELINE_COLUMNS = [
    "event_id",
    "report_id",
    "local_id",
    "type",
    "trigger",
    "earliest",
    "latest",
    "time_value",
    "negated",
    "actors",
    "targets",
    "places",
    "claims",
    "report_date",
    "report_title",
]
CLAIM_COLUMNS = ["report_id", "local_id", "report_date", "certainty", "source", "cue", "text"]


# First characters that make a spreadsheet run a cell as a formula or a DDE command (OWASP's list:
# = + - @, tab and carriage return; | and % start DDE and some locales' formulas).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "|", "%")


def _cell(value: Any) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _csv(header: list[str], rows: Iterable[list[Any]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    for row in rows:
        writer.writerow([_cell(v) for v in row])
    return out.getvalue()


def _names(args: list[dict[str, Any]]) -> str:
    return "; ".join(a["text"] for a in args)


def timeline_csv(data: dict[str, Any]) -> str:
    return _csv(
        TIMELINE_COLUMNS,
        (
            [
                ev["id"],
                ev["report_id"],
                ev["local_id"],
                ev["type"],
                ev["trigger_text"],
                ev["earliest"],
                ev["latest"],
                ev["time_value"],
                ev["negated"],
                _names(ev["actor"]),
                _names(ev["target"]),
                _names(ev["place"]),
                "; ".join(f"{c['certainty']}:{c['source'] or ''}" for c in ev["claims"]),
                ev["report_date"],
                ev["report_title"],
            ]
            for ev in data["events"]
        ),
    )


def claims_csv(data: dict[str, Any]) -> str:
    header = ["pair"] + [f"a_{k}" for k in CLAIM_COLUMNS] + [f"b_{k}" for k in CLAIM_COLUMNS]
    return _csv(
        header,
        (
            [i] + [pair["a"][k] for k in CLAIM_COLUMNS] + [pair["b"][k] for k in CLAIM_COLUMNS]
            for i, pair in enumerate(data["pairs"], start=data.get("offset", 0) + 1)
        ),
    )


def gexf(data: dict[str, Any]) -> bytes:
    root = ET.Element("gexf", {"xmlns": "http://gexf.net/1.3", "version": "1.3"})
    ET.SubElement(ET.SubElement(root, "meta"), "creator").text = "chronik"
    graph = ET.SubElement(root, "graph", {"defaultedgetype": "directed", "mode": "static"})
    attrs = ET.SubElement(graph, "attributes", {"class": "node"})
    ET.SubElement(attrs, "attribute", {"id": "type", "title": "type", "type": "string"})
    eattrs = ET.SubElement(graph, "attributes", {"class": "edge"})
    ET.SubElement(
        eattrs, "attribute", {"id": "event_type", "title": "event_type", "type": "string"}
    )
    nodes = ET.SubElement(graph, "nodes")
    for n in data["nodes"]:
        node = ET.SubElement(nodes, "node", {"id": str(n["id"]), "label": n["label"]})
        values = ET.SubElement(node, "attvalues")
        ET.SubElement(values, "attvalue", {"for": "type", "value": n["type"]})
    edges = ET.SubElement(graph, "edges")
    for i, edge in enumerate(data["edges"]):
        el = ET.SubElement(
            edges,
            "edge",
            {
                "id": str(i),
                "source": str(edge["source"]),
                "target": str(edge["target"]),
                "weight": str(edge["weight"]),
                "label": edge["type"],
            },
        )
        values = ET.SubElement(el, "attvalues")
        ET.SubElement(values, "attvalue", {"for": "event_type", "value": edge["type"]})
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def graphml(data: dict[str, Any]) -> bytes:
    root = ET.Element("graphml", {"xmlns": "http://graphml.graphdrawing.org/xmlns"})
    for key, target, name, kind in (
        ("label", "node", "label", "string"),
        ("type", "node", "type", "string"),
        ("event_type", "edge", "event_type", "string"),
        ("weight", "edge", "weight", "int"),
    ):
        ET.SubElement(root, "key", {"id": key, "for": target, "attr.name": name, "attr.type": kind})
    graph = ET.SubElement(root, "graph", {"id": "chronik", "edgedefault": "directed"})
    for n in data["nodes"]:
        node = ET.SubElement(graph, "node", {"id": f"n{n['id']}"})
        ET.SubElement(node, "data", {"key": "label"}).text = n["label"]
        ET.SubElement(node, "data", {"key": "type"}).text = n["type"]
    for i, edge in enumerate(data["edges"]):
        el = ET.SubElement(
            graph,
            "edge",
            {"id": f"e{i}", "source": f"n{edge['source']}", "target": f"n{edge['target']}"},
        )
        ET.SubElement(el, "data", {"key": "event_type"}).text = edge["type"]
        ET.SubElement(el, "data", {"key": "weight"}).text = str(edge["weight"])
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def _view(features: list[dict[str, Any]]) -> tuple[float, float, float, float]:
    """(west, south, east, north) around the places with a margin, at least 12 degrees wide; the
    world if none."""
    if not features:
        return -180.0, -90.0, 180.0, 90.0
    lons = [f["geometry"]["coordinates"][0] for f in features]
    lats = [f["geometry"]["coordinates"][1] for f in features]
    span = max(max(lons) - min(lons), (max(lats) - min(lats)) * 2, 12.0) * 1.3
    mid_lon, mid_lat = (max(lons) + min(lons)) / 2, (max(lats) + min(lats)) / 2
    return mid_lon - span / 2, mid_lat - span / 4, mid_lon + span / 2, mid_lat + span / 4


def places_svg(data: dict[str, Any], width: int = 640, height: int = 320) -> str:
    """A plain equirectangular plot of the places (no tiles, no JavaScript): a dot per place, sized
    by its events, on a 5-degree graticule, zoomed to the places shown."""
    west, south, east, north = _view(data["features"])

    def xy(lon: float, lat: float) -> tuple[float, float]:
        return (lon - west) / (east - west) * width, (north - lat) / (north - south) * height

    root = ET.Element(
        "svg",
        {
            "xmlns": "http://www.w3.org/2000/svg",
            "viewBox": f"0 0 {width} {height}",
            "width": str(width),
            "height": str(height),
            "role": "img",
        },
    )
    ET.SubElement(root, "rect", {"width": str(width), "height": str(height), "fill": "#eef3f8"})
    step = 5 if east - west < 90 else 30
    for lon in range(int(west // step * step), int(east) + 1, step):
        x = xy(lon, 0)[0]
        ET.SubElement(
            root,
            "line",
            {"x1": f"{x:.1f}", "x2": f"{x:.1f}", "y1": "0", "y2": str(height), "stroke": "#d5dde6"},
        )
        ET.SubElement(
            root,
            "text",
            {
                "x": f"{x + 2:.1f}",
                "y": str(height - 4),
                "font-size": "9",
                "fill": "#8795a4",
                "font-family": "sans-serif",
            },
        ).text = f"{lon}°"
    for lat in range(int(south // step * step), int(north) + 1, step):
        y = xy(0, lat)[1]
        ET.SubElement(
            root,
            "line",
            {"y1": f"{y:.1f}", "y2": f"{y:.1f}", "x1": "0", "x2": str(width), "stroke": "#d5dde6"},
        )
        ET.SubElement(
            root,
            "text",
            {
                "x": "2",
                "y": f"{y - 2:.1f}",
                "font-size": "9",
                "fill": "#8795a4",
                "font-family": "sans-serif",
            },
        ).text = f"{lat}°"
    for feature in data["features"]:
        x, y = xy(*feature["geometry"]["coordinates"])
        props = feature["properties"]
        dot = ET.SubElement(
            root,
            "circle",
            {
                "cx": f"{x:.1f}",
                "cy": f"{y:.1f}",
                "r": f"{min(3 + props['n_events'], 12)}",
                "fill": "#1f5fa8",
                "fill-opacity": "0.7",
                "class": "place",
            },
        )
        ET.SubElement(dot, "title").text = f"{props['name']}: {props['n_events']} Ereignisse"
        ET.SubElement(
            root,
            "text",
            {
                "x": f"{x + 6:.1f}",
                "y": f"{y - 6:.1f}",
                "font-size": "11",
                "font-family": "sans-serif",
            },
        ).text = props["name"]
    return ET.tostring(root, encoding="unicode")


def geojson(data: dict[str, Any]) -> bytes:
    """The places view as a GeoJSON file (it is GeoJSON already)."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
