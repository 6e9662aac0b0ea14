"""The dataclasses that flow through chronik: ingest -> nlp -> store -> queries.

Field names follow ../shared/spec/annotation.md so that export and eval are plain conversions.
Offsets are Python string indices (code points) into the report text, `end` exclusive.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from chronik.dates import PartialDate

# The longest report chronik reads, analyses or accepts over the API (spaCy's own default limit). A
# news report is a few kB; a text far beyond this is a file not split into reports (a book, a dump),
# and refusing it keeps it out of memory and out of a pipeline whose cost grows with the text.
MAX_REPORT_CHARS = 1_000_000

# The annotation format's vocabularies (../shared/spec/annotation.md), in the order pages list them.
EVENT_TYPES = (
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "COOPERATE",
    "AID",
    "CONCEDE",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
)
CERTAINTIES = ("asserted", "reported", "alleged", "unconfirmed", "denied")


@dataclass(frozen=True)
class Report:
    """One dated news report as read from a file; `id` is a hash of its normalised content."""

    id: str
    text: str
    date: PartialDate | None
    source_id: str | None = None
    title: str | None = None
    source: str | None = None
    url: str | None = None
    lang: str = "de"
    origin: str = ""  # "file:line" where it was read, for messages and provenance


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    text: str


@dataclass
class Mention:
    """A named-entity mention (GermEval classes, outer level)."""

    start: int
    end: int
    text: str
    type: str  # PER LOC ORG OTH
    sub: str | None = None  # "part" | "deriv" | None
    lemma: str | None = None
    canonical: str | None = None
    component: str = ""  # component/model version that found it, e.g. "entities:crf-0.1"
    id: str = ""


@dataclass
class Timex:
    start: int
    end: int
    text: str
    type: str  # DATE TIME DURATION SET
    value: str
    mod: str | None = None
    earliest: str | None = None  # ISO date, interval start
    latest: str | None = None  # ISO date, interval end (inclusive)
    approx: bool = False
    component: str = ""
    id: str = ""


@dataclass
class Event:
    type: str
    trigger: Span
    actor: list[Span] = field(default_factory=list)
    target: list[Span] = field(default_factory=list)
    place: list[Span] = field(default_factory=list)
    time: list[Span] = field(default_factory=list)
    negated: bool = False
    modality: str = "actual"  # actual | future | planned
    time_value: str | None = None  # TIMEX3 value of its time, or the report date ("reported at")
    earliest: str | None = None
    latest: str | None = None
    component: str = ""
    id: str = ""


@dataclass
class Claim:
    start: int
    end: int
    text: str
    certainty: str  # asserted reported alleged unconfirmed denied
    source: Span | None = None
    cue: Span | None = None  # cue text may be split: "wirft … vor"; start/end cover its first part
    events: list[str] = field(default_factory=list)  # ids of events
    contradicts: list[str] = field(default_factory=list)  # ids of claims
    component: str = ""
    id: str = ""


@dataclass
class Annotations:
    """What the pipeline found in one report."""

    sentences: list[Span] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    timexes: list[Timex] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    pipeline: str = ""  # pipeline version string stored with the report's analysis
