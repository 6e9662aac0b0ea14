"""A small hand-made world for the query, API and browser tests: four reports with every kind of
fact.

Annotations are written directly (not by the NLP components, which are still changing), and mentions
are linked to entities here the way the linker will do it: entities rows plus mentions.entity_id.
"""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa

from chronik.dates import parse_iso
from chronik.store import schema as t
from chronik.store.db import Store, write_report
from chronik.types import Annotations, Claim, Event, Mention, Report, Span, Timex

ENTITIES = {  # canonical -> (id, type, info)
    "Sergei Shoigu": (1, "PER", None),
    "Alexander Lukashenko": (2, "PER", None),
    "Minsk": (3, "LOC", {"lat": 53.9, "lon": 27.5667}),
    "Ukraine": (4, "LOC", {"coordinates": [31.0, 49.0]}),
    "Russia": (5, "LOC", {"lat": 61.5, "lon": 105.3}),
    "Poland": (6, "LOC", None),
}
HOSTILE = "<script>alert('x')</script> Lukaschenko droht Polen."


def _span(text: str, word: str, after: int = 0) -> Span:
    start = text.index(word, after)
    return Span(start, start + len(word), word)


def _mention(text: str, word: str, kind: str, canonical: str, mid: str) -> Mention:
    s = _span(text, word)
    return Mention(s.start, s.end, word, kind, canonical=canonical, id=mid, component="test")


def _sentences(text: str) -> list[Span]:
    out, pos = [], 0
    for part in text.split(". "):
        end = pos + len(part) + (1 if pos + len(part) < len(text) else 0)
        out.append(Span(pos, min(end, len(text)), text[pos : min(end, len(text))]))
        pos = end + 1
    return out


def _consult() -> tuple[Report, Annotations]:
    text = "Schoigu traf Lukaschenko am Montag in Minsk. Das Treffen dauerte lange."
    ann = Annotations(
        sentences=_sentences(text),
        mentions=[
            _mention(text, "Schoigu", "PER", "Sergei Shoigu", "m1"),
            _mention(text, "Lukaschenko", "PER", "Alexander Lukashenko", "m2"),
            _mention(text, "Minsk", "LOC", "Minsk", "m3"),
        ],
        timexes=[
            Timex(
                *_span(text, "Montag").__dict__.values(),
                "DATE",
                "2022-10-03",
                earliest="2022-10-03",
                latest="2022-10-03",
                id="t1",
                component="test",
            )
        ],
        events=[
            Event(
                "CONSULT",
                _span(text, "traf"),
                actor=[_span(text, "Schoigu")],
                target=[_span(text, "Lukaschenko")],
                place=[_span(text, "Minsk")],
                time=[_span(text, "Montag")],
                time_value="2022-10-03",
                earliest="2022-10-03",
                latest="2022-10-03",
                id="v1",
                component="test",
            )
        ],
        claims=[Claim(45, len(text), text[45:], "reported", id="c1", component="test")],
        pipeline="test",
    )
    return Report(
        id="w1",
        text=text,
        date=parse_iso("2022-10-03"),
        title="Treffen in Minsk",
        source="Agentur A",
    ), ann


def _accusation() -> tuple[Report, Annotations]:
    text = "Die Ukraine wirft Russland Angriffe auf Kraftwerke vor. Die russische Seite bestreitet das."
    claim = text.index("Angriffe")
    ann = Annotations(
        sentences=_sentences(text),
        mentions=[
            _mention(text, "Ukraine", "LOC", "Ukraine", "m1"),
            _mention(text, "Russland", "LOC", "Russia", "m2"),
            _mention(text, "russische", "LOC", "Russia", "m3"),
        ],
        events=[
            Event(
                "ACCUSE",
                _span(text, "wirft"),
                actor=[_span(text, "Ukraine")],
                target=[_span(text, "Russland")],
                earliest="2022-11-15",
                latest="2022-11-15",
                id="v1",
                component="test",
            ),
            Event(
                "ASSAULT",
                _span(text, "Angriffe"),
                actor=[_span(text, "Russland")],
                place=[_span(text, "Ukraine")],
                earliest="2022-11-14",
                latest="2022-11-14",
                id="v2",
                component="test",
            ),
            Event(
                "REJECT",
                _span(text, "bestreitet"),
                actor=[_span(text, "russische")],
                target=[_span(text, "Ukraine")],
                earliest="2022-11-15",
                latest="2022-11-15",
                id="v3",
                component="test",
            ),
        ],
        claims=[
            Claim(
                claim,
                claim + len("Angriffe auf Kraftwerke"),
                "Angriffe auf Kraftwerke",
                "alleged",
                source=_span(text, "Ukraine"),
                cue=_span(text, "wirft"),
                events=["v2"],
                contradicts=["c2"],
                id="c1",
                component="test",
            ),
            Claim(
                text.index("Die russische"),
                len(text) - 1,
                text[text.index("Die russische") : -1],
                "denied",
                source=_span(text, "Die russische Seite"),
                cue=_span(text, "bestreitet"),
                events=["v2"],
                contradicts=["c1"],
                id="c2",
                component="test",
            ),
        ],
        pipeline="test",
    )
    return Report(
        id="w2",
        text=text,
        date=parse_iso("2022-11-15"),
        title="Vorwürfe aus Kiew",
        source="Agentur B",
    ), ann


def _hostile() -> tuple[Report, Annotations]:
    text = HOSTILE
    ann = Annotations(
        sentences=[Span(0, len(text), text)],
        mentions=[
            _mention(text, "Lukaschenko", "PER", "Alexander Lukashenko", "m1"),
            _mention(text, "Polen", "LOC", "Poland", "m2"),
        ],
        events=[
            Event(
                "THREATEN",
                _span(text, "droht"),
                actor=[_span(text, "Lukaschenko")],
                target=[_span(text, "Polen")],
                earliest="2022-12-01",
                latest="2022-12-31",
                id="v1",
                component="test",
            )
        ],
        pipeline="test",
    )
    return Report(
        id="w3", text=text, date=parse_iso("2022-12"), title="<b>Drohung</b> gegen Polen"
    ), ann


def _attack() -> tuple[Report, Annotations]:
    text = "Russland griff die Ukraine erneut an. Schoigu sprach von Erfolgen."
    ann = Annotations(
        sentences=_sentences(text),
        mentions=[
            _mention(text, "Russland", "LOC", "Russia", "m1"),
            _mention(text, "Ukraine", "LOC", "Ukraine", "m2"),
            _mention(text, "Schoigu", "PER", "Sergei Shoigu", "m3"),
        ],
        events=[
            Event(
                "ASSAULT",
                _span(text, "griff"),
                actor=[_span(text, "Russland")],
                target=[_span(text, "Ukraine")],
                earliest="2023-02-01",
                latest="2023-02-01",
                id="v1",
                component="test",
            )
        ],
        claims=[
            Claim(
                text.index("von"),
                len(text) - 1,
                text[text.index("von") : -1],
                "asserted",
                source=_span(text, "Schoigu"),
                cue=_span(text, "sprach"),
                id="c1",
                component="test",
            )
        ],
        pipeline="test",
    )
    return Report(
        id="w4", text=text, date=parse_iso("2023-02-01"), title="Neue Angriffe", source="Agentur A"
    ), ann


def build_world(store: Store) -> None:
    """Write the four reports and link their mentions to ENTITIES."""
    with store.engine.begin() as conn:
        conn.execute(
            t.entities.insert(),
            [
                {"id": i, "canonical": name, "type": kind, "key": name.lower(), "info": info}
                for name, (i, kind, info) in ENTITIES.items()
            ],
        )
    for build in (_consult, _accusation, _hostile, _attack):
        write_report(store, *build())
    with store.engine.begin() as conn:
        for name, (i, _kind, _info) in ENTITIES.items():
            conn.execute(
                t.mentions.update().where(t.mentions.c.canonical == name).values(entity_id=i)
            )
        for _name, (i, _kind, _info) in ENTITIES.items():
            n = conn.execute(
                sa.select(sa.func.count()).where(t.mentions.c.entity_id == i)
            ).scalar_one()
            conn.execute(t.entities.update().where(t.entities.c.id == i).values(n_mentions=n))
        _roles(conn)


def _roles(conn: sa.Connection) -> None:
    """Shoigu as defence minister of Russia in two reports, as the linker (migration 0002)
    records roles."""
    if "roles" not in sa.inspect(conn).get_table_names():
        return
    roles = sa.Table("roles", sa.MetaData(), autoload_with=conn)
    conn.execute(
        roles.insert(),
        [
            {
                "holder_id": 1,
                "role": "Verteidigungsminister",
                "of_entity_id": 5,
                "of_text": "Russland",
                "report_id": rid,
                "start": 0,
                "end": 7,
                "text": "Schoigu",
                "date": day.isoformat(),
                "date_start": day,
                "kind": "resolved",
                "rule": "test",
                "component": "test",
            }
            for rid, day in (("w1", date(2022, 10, 3)), ("w4", date(2023, 2, 1)))
        ],
    )
