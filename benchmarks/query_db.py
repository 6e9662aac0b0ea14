"""A query benchmark database of >= 100,000 reports, built once and cached in benchmarks/results/
(git-ignored).

Texts: the 775 10kGNAD articles (read from ../shared, CC BY-NC-SA, never copied into the repo) and
the 50 sample reports, over and over, each copy on another day (2015-2024) and with a lead sentence
that names other people and places ("Am Dienstag traf Anna Berger Markus Vogel in Linz."), so
entities follow a heavy-tailed spread as in news. Annotations are synthetic and written with bulk
inserts (minutes, not the hours the NLP pipeline would take): sentences, mentions linked to
entities, a timex, one or two events with arguments, claims, and a contradicting denial in one
report out of ten. Places carry coordinates in entities.info.
"""

from __future__ import annotations

import json
import random
import re
import time
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from benchmarks.common import RESULTS, ROOT, gnad_articles
from chronik.dates import parse_iso
from chronik.ingest.report import report_id
from chronik.store import schema
from chronik.store.db import Store, open_store

BUILD_VERSION = 1
START, DAYS = date(2015, 1, 1), 3653  # 2015-01-01 .. 2024-12-31
EVENT_VERBS = {
    "CONSULT": "traf",
    "ASSAULT": "attackierte",
    "ACCUSE": "beschuldigte",
    "REQUEST": "forderte",
    "AGREE": "unterzeichnete",
    "SUPPORT": "unterstützte",
    "REJECT": "kritisierte",
    "THREATEN": "bedrohte",
    "AID": "belieferte",
    "COERCE": "verhaftete",
    "SANCTION": "sanktionierte",
    "COOPERATE": "unterstützte",
    "MOBILIZE": "mobilisierte",
    "PROTEST": "blockierte",
    "CONCEDE": "begnadigte",
    "RETREAT": "verließ",
}
WEEKDAYS = ["Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag"]
FIRST = [
    "Anna",
    "Markus",
    "Julia",
    "Stefan",
    "Petra",
    "Thomas",
    "Sabine",
    "Andreas",
    "Monika",
    "Michael",
    "Eva",
    "Jan",
    "Lena",
    "Paul",
    "Sophie",
    "Felix",
    "Clara",
    "Jonas",
    "Marie",
    "Lukas",
    "Olga",
    "Ivan",
    "Irina",
    "Pavel",
]
LAST = [
    "Berger",
    "Vogel",
    "Huber",
    "Wagner",
    "Gruber",
    "Bauer",
    "Fischer",
    "Weber",
    "Schmid",
    "Koller",
    "Lang",
    "Winkler",
    "Moser",
    "Mayer",
    "Hofer",
    "Pichler",
    "Leitner",
    "Steiner",
    "Brunner",
    "Eder",
    "Novak",
    "Horvat",
    "Kovacs",
    "Petrov",
    "Ivanova",
    "Szabo",
    "Kowalski",
    "Nowak",
    "Dvorak",
    "Marek",
    "Fuchs",
    "Wolf",
    "Baumann",
    "Frank",
    "Graf",
    "Haas",
    "Jung",
    "Keller",
    "Krause",
    "Lorenz",
    "Maier",
    "Neumann",
    "Roth",
    "Sommer",
]
PLACES = [
    "Linz",
    "Graz",
    "Wien",
    "Salzburg",
    "Innsbruck",
    "Minsk",
    "Kiew",
    "Lwiw",
    "Charkiw",
    "Warschau",
    "Krakau",
    "Prag",
    "Brünn",
    "Budapest",
    "Bratislava",
    "Berlin",
    "München",
    "Hamburg",
    "Dresden",
    "Leipzig",
    "Riga",
    "Vilnius",
    "Tallinn",
    "Odessa",
    "Cherson",
    "Moskau",
    "Belgorod",
    "Zagreb",
    "Ljubljana",
    "Bukarest",
]
STOP = {
    "Der",
    "Die",
    "Das",
    "Den",
    "Dem",
    "Des",
    "Ein",
    "Eine",
    "Einen",
    "Einem",
    "Einer",
    "Es",
    "Er",
    "Sie",
    "Wir",
    "Ich",
    "Im",
    "In",
    "Am",
    "An",
    "Auf",
    "Aus",
    "Bei",
    "Mit",
    "Nach",
    "Von",
    "Vor",
    "Zu",
    "Zum",
    "Zur",
    "Und",
    "Aber",
    "Doch",
    "Auch",
    "Als",
    "Wie",
    "Wenn",
    "Dass",
    "Diese",
    "Dieser",
    "Dieses",
    "Für",
    "Über",
}
CERTAINTY_WEIGHTS = [
    ("asserted", 40),
    ("reported", 30),
    ("alleged", 15),
    ("unconfirmed", 10),
    ("denied", 5),
]
_SENTENCE = re.compile(r"[^.!?]+[.!?]+|[^.!?]+$")
_CAPITALISED = re.compile(r"(?<=[a-zäöüß,] )[A-ZÄÖÜ][a-zäöüß]{3,}")
_LOWER = re.compile(r"\b[a-zäöüß]{6,}\b")


def db_path(n: int) -> Path:
    return RESULTS / f"bench-queries-{n}.db"


def sample_texts() -> list[str]:
    """The 50 sample reports' texts (dates are replaced, as for the 10kGNAD copies)."""
    out: list[str] = []
    for path in sorted((ROOT / "data" / "sample").glob("*.txt")):
        current: list[str] = []
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith("date "):
                if "".join(current).strip():
                    out.append("\n".join(current).strip())
                current = []
            else:
                current.append(line)
        if "".join(current).strip():
            out.append("\n".join(current).strip())
    return out


@dataclass
class Ids:
    """Row ids handed out here, so that a batch is a few executemany calls without RETURNING."""

    mention: int = 0
    event: int = 0
    claim: int = 0
    entities: dict[tuple[str, str], int] = field(default_factory=dict)
    new_entities: list[dict[str, Any]] = field(default_factory=list)

    def entity(self, name: str, kind: str, info: dict[str, Any] | None = None) -> int:
        key = (name, kind)
        if key not in self.entities:
            self.entities[key] = len(self.entities) + 1
            self.new_entities.append(
                {
                    "id": self.entities[key],
                    "canonical": name,
                    "type": kind,
                    "key": name.lower(),
                    "info": info,
                    "n_mentions": 0,
                }
            )
        return self.entities[key]


def _zipf(rng: random.Random, pool: list[str], s: float = 1.1) -> str:
    weights = _zipf.cache.get((len(pool), s))  # type: ignore[attr-defined]
    if weights is None:
        weights = [1 / (k + 1) ** s for k in range(len(pool))]
        _zipf.cache[(len(pool), s)] = weights  # type: ignore[attr-defined]
    return rng.choices(pool, weights=weights)[0]


_zipf.cache = {}  # type: ignore[attr-defined]


class Batch:
    def __init__(self) -> None:
        self.rows: dict[str, list[dict[str, Any]]] = {
            name: []
            for name in (
                "reports",
                "sentences",
                "mentions",
                "timexes",
                "events",
                "event_args",
                "claims",
                "claim_events",
                "claim_links",
            )
        }

    def add(self, table: str, **row: Any) -> None:
        self.rows[table].append(row)


def _place_info(name: str) -> dict[str, float]:
    rng = random.Random(name)
    return {"lat": round(rng.uniform(44, 57), 4), "lon": round(rng.uniform(9, 38), 4)}


def _one_report(
    i: int,
    base: str,
    n: int,
    rng: random.Random,
    ids: Ids,
    batch: Batch,
    persons: list[str],
    places: list[str],
) -> None:
    day = START + timedelta(days=i * DAYS // n)
    event_day = day - timedelta(days=rng.randint(0, 3))
    kind = rng.choice(list(EVENT_VERBS))
    actor, target, place = _zipf(rng, persons), _zipf(rng, persons), _zipf(rng, places, 0.9)
    weekday = WEEKDAYS[event_day.weekday()]
    lead = f"Am {weekday} {EVENT_VERBS[kind]} {actor} {target} in {place}."
    text = lead + " " + base
    rid = report_id(text, parse_iso(day.isoformat()))
    batch.add(
        "reports",
        id=rid,
        source_id=None,
        version=1,
        supersedes=None,
        is_current=True,
        date=day.isoformat(),
        date_precision="day",
        date_start=day,
        date_end=day,
        title=base[:90].split(". ")[0],
        source="bench",
        url=None,
        lang="de",
        text=text,
        n_words=len(text.split()),
        origin=f"bench:{i}",
        ingested_at=datetime.now(UTC),
        pipeline="bench-synthetic",
    )
    sentences = [(m.start(), m.end()) for m in _SENTENCE.finditer(text) if m.group().strip()]
    for k, (s, e) in enumerate(sentences[:60]):
        lead_ws = len(text[s:e]) - len(text[s:e].lstrip())
        batch.add("sentences", report_id=rid, idx=k, start=s + lead_ws, end=e)

    def mention(start: int, word: str, kind_: str, entity_id: int, local: int) -> int:
        ids.mention += 1
        batch.add(
            "mentions",
            id=ids.mention,
            report_id=rid,
            local_id=f"m{local}",
            start=start,
            end=start + len(word),
            text=word,
            type=kind_,
            sub=None,
            lemma=None,
            canonical=None,
            entity_id=entity_id,
            component="bench",
        )
        return ids.mention

    pos_actor = lead.index(actor, 3)
    pos_target = lead.index(target, pos_actor + len(actor))
    pos_place = lead.rindex(place)
    m_actor = mention(pos_actor, actor, "PER", ids.entity(actor, "PER"), 1)
    m_target = mention(pos_target, target, "PER", ids.entity(target, "PER"), 2)
    m_place = mention(pos_place, place, "LOC", ids.entity(place, "LOC", _place_info(place)), 3)
    body: list[tuple[int, str, int]] = []
    seen: set[str] = set()
    for match in _CAPITALISED.finditer(text, len(lead)):
        word = match.group()
        if word in STOP or word in seen:
            continue
        seen.add(word)
        kind_ = (
            "ORG" if word.isupper() else ("LOC" if word.endswith(("en", "ien", "land")) else "OTH")
        )
        body.append(
            (
                match.start(),
                word,
                mention(match.start(), word, kind_, ids.entity(word, kind_), 4 + len(body)),
            )
        )
        if len(body) == 6:
            break
    weekday_at = lead.index(weekday)
    batch.add(
        "timexes",
        report_id=rid,
        local_id="t1",
        start=weekday_at,
        end=weekday_at + len(weekday),
        text=weekday,
        type="DATE",
        value=event_day.isoformat(),
        mod=None,
        earliest=event_day,
        latest=event_day,
        approx=False,
        component="bench",
    )
    trigger = lead.index(EVENT_VERBS[kind])
    ids.event += 1
    first_event = ids.event
    batch.add(
        "events",
        id=first_event,
        report_id=rid,
        local_id="v1",
        type=kind,
        trigger_start=trigger,
        trigger_end=trigger + len(EVENT_VERBS[kind]),
        trigger_text=EVENT_VERBS[kind],
        negated=rng.random() < 0.05,
        modality="actual",
        time_value=event_day.isoformat(),
        earliest=event_day,
        latest=event_day,
        cluster_id=None,
        component="bench",
    )
    for role, start, word, mid in (
        ("actor", pos_actor, actor, m_actor),
        ("target", pos_target, target, m_target),
        ("place", pos_place, place, m_place),
        ("time", weekday_at, weekday, None),
    ):
        batch.add(
            "event_args",
            event_id=first_event,
            role=role,
            start=start,
            end=start + len(word),
            text=word,
            mention_id=mid,
        )
    second_event = None
    verb = _LOWER.search(text, len(lead))
    if len(body) >= 2 and verb and rng.random() < 0.6:
        ids.event += 1
        second_event = ids.event
        kind2 = _zipf(rng, list(EVENT_VERBS), 0.7)
        batch.add(
            "events",
            id=second_event,
            report_id=rid,
            local_id="v2",
            type=kind2,
            trigger_start=verb.start(),
            trigger_end=verb.end(),
            trigger_text=verb.group(),
            negated=False,
            modality="actual",
            time_value=day.isoformat(),
            earliest=day,
            latest=day,
            cluster_id=None,
            component="bench",
        )
        for role, (start, word, mid) in zip(("actor", "target"), body[:2]):
            batch.add(
                "event_args",
                event_id=second_event,
                role=role,
                start=start,
                end=start + len(word),
                text=word,
                mention_id=mid,
            )
    if len(sentences) >= 2:
        s, e = sentences[1]
        s += len(text[s:e]) - len(text[s:e].lstrip())
        ids.claim += 1
        claim = ids.claim
        certainty = rng.choices(
            [c for c, _ in CERTAINTY_WEIGHTS], weights=[w for _, w in CERTAINTY_WEIGHTS]
        )[0]
        batch.add(
            "claims",
            id=claim,
            report_id=rid,
            local_id="c1",
            start=s,
            end=e,
            text=text[s:e],
            certainty=certainty,
            source_start=pos_actor,
            source_end=pos_actor + len(actor),
            source_text=actor,
            cue_start=None,
            cue_end=None,
            cue_text=None,
            component="bench",
        )
        if second_event and sentences[1][0] <= verb.start() < sentences[1][1]:
            batch.add("claim_events", claim_id=claim, event_id=second_event)
        if rng.random() < 0.1:
            ids.claim += 1
            batch.add(
                "claims",
                id=ids.claim,
                report_id=rid,
                local_id="c2",
                start=0,
                end=len(lead),
                text=lead,
                certainty="denied",
                source_start=pos_target,
                source_end=pos_target + len(target),
                source_text=target,
                cue_start=None,
                cue_end=None,
                cue_text=None,
                component="bench",
            )
            batch.add("claim_links", claim_id=claim, other_id=ids.claim, relation="contradicts")
            batch.add("claim_links", claim_id=ids.claim, other_id=claim, relation="contradicts")


ORDER = (
    "reports",
    "sentences",
    "mentions",
    "timexes",
    "events",
    "event_args",
    "claims",
    "claim_events",
    "claim_links",
)


def _flush(store: Store, batch: Batch, ids: Ids) -> None:
    with store.engine.begin() as conn:
        if ids.new_entities:
            conn.execute(schema.entities.insert(), ids.new_entities)
            ids.new_entities = []
        for name in ORDER:
            if batch.rows[name]:
                conn.execute(getattr(schema, name).insert(), batch.rows[name])


def build(n: int, path: Path, seed: int = 20261126) -> None:
    """Write n reports with synthetic facts into a fresh SQLite database at `path`."""
    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    fill(open_store(str(path)), n, seed)
    (path.parent / (path.name + ".json")).write_text(
        json.dumps(
            {
                "version": BUILD_VERSION,
                "reports": n,
                "seed": seed,
                "seconds": round(time.perf_counter() - started, 1),
            }
        )
    )


def fill(store: Store, n: int, seed: int = 20261126) -> None:
    """Write n reports with synthetic facts into an empty store (SQLite or PostgreSQL)."""
    bases = gnad_articles() + sample_texts()
    rng = random.Random(seed)
    persons = [f"{first} {last}" for last in LAST for first in FIRST]
    rng.shuffle(persons)
    places = PLACES + [
        f"{p}-{s}" for p in PLACES for s in ("Nord", "Süd", "Ost", "West", "Land", "Stadt")
    ]
    ids, started = Ids(), time.perf_counter()
    batch = Batch()
    for i in range(n):
        _one_report(i, bases[i % len(bases)], n, rng, ids, batch, persons, places)
        if len(batch.rows["reports"]) == 2000:
            _flush(store, batch, ids)
            batch = Batch()
            print(
                f"\r  {i + 1:,} / {n:,} reports, {time.perf_counter() - started:.0f} s",
                end="",
                flush=True,
            )
    _flush(store, batch, ids)
    with store.engine.begin() as conn:
        conn.exec_driver_sql(
            "UPDATE entities SET n_mentions = "
            "(SELECT count(*) FROM mentions WHERE entity_id = entities.id)"
        )
        if store.dialect == "postgresql":  # ids were handed out here: move the sequences past them
            for table in ("entities", "mentions", "timexes", "events", "event_args", "claims"):
                conn.exec_driver_sql(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                    f"(SELECT coalesce(max(id), 1) FROM {table}))"
                )
        conn.exec_driver_sql("ANALYZE")
    if store.dialect == "postgresql":
        # a server's steady state: autovacuum has set the visibility map, so index-only scans
        # (migration 0006's covering indexes) do not visit the heap; VACUUM needs autocommit
        with store.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.exec_driver_sql("VACUUM ANALYZE")
    print(f"\r  {n:,} reports written in {time.perf_counter() - started:.0f} s{' ' * 20}")


def build_or_reuse(n: int) -> Store:
    """The cached database when it was built for the same n by this version of the builder, else a
    new one."""
    path = db_path(n)
    marker = path.parent / (path.name + ".json")
    try:
        meta = json.loads(marker.read_text())
        fresh = meta.get("version") == BUILD_VERSION and meta.get("reports") == n and path.exists()
    except (OSError, ValueError):
        fresh = False
    if not fresh:
        print(f"building {path} ({n:,} reports; cached for later runs)")
        build(n, path)
    return open_store(str(path))
