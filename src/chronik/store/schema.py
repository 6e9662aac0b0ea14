"""SQLAlchemy Core schema. Every change is an Alembic migration in migrations/versions/.

Portable by design: nothing here is SQLite-only. Full-text search is dialect-specific and lives in
the migrations (FTS5 on SQLite, a `german` tsvector index on PostgreSQL).
Every fact row keeps its report, its character offsets and the component (rule/model version) that
made it.
"""

from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)


def _fk_report() -> sa.Column:
    return sa.Column(
        "report_id",
        sa.String(40),
        sa.ForeignKey("reports.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    )


reports = sa.Table(
    "reports",
    metadata,
    sa.Column("id", sa.String(40), primary_key=True),  # hash of normalised content
    sa.Column("source_id", sa.String(200), index=True),  # the publisher's id; versions share it
    sa.Column("version", sa.Integer, nullable=False, server_default="1"),
    sa.Column("supersedes", sa.String(40)),  # id of the previous version
    sa.Column("is_current", sa.Boolean, nullable=False, server_default=sa.true()),
    sa.Column(
        "date", sa.String(32)
    ),  # ISO at its precision: 2022, 2022-12, 2022-12-05, 2022-12-05T14:30
    sa.Column("date_precision", sa.String(8)),
    sa.Column("date_start", sa.Date, index=True),  # first day the date can denote
    sa.Column("date_end", sa.Date, index=True),  # last day (inclusive)
    sa.Column("title", sa.Text),
    sa.Column("source", sa.String(200)),
    sa.Column("url", sa.Text),
    sa.Column("lang", sa.String(8), nullable=False, server_default="de"),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("n_words", sa.Integer, nullable=False, server_default="0"),
    sa.Column("origin", sa.Text),  # file:line it was read from
    sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("pipeline", sa.String(200)),  # version of the analysis stored with it
)

sentences = sa.Table(
    "sentences",
    metadata,
    _fk_report(),
    sa.Column("idx", sa.Integer, nullable=False),
    sa.Column("start", sa.Integer, nullable=False),
    sa.Column("end", sa.Integer, nullable=False),
    sa.PrimaryKeyConstraint("report_id", "idx"),
)

entities = sa.Table(
    "entities",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("canonical", sa.String(300), nullable=False, index=True),
    sa.Column("type", sa.String(8), nullable=False),
    sa.Column("key", sa.String(300), index=True),  # normalised matching key
    sa.Column("first_date", sa.String(32)),
    sa.Column("last_date", sa.String(32)),
    sa.Column("n_mentions", sa.Integer, nullable=False, server_default="0"),
    sa.Column("info", sa.JSON),  # grounding: coordinates, ISO codes, wikidata-like ids
)

mentions = sa.Table(
    "mentions",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    _fk_report(),
    sa.Column("local_id", sa.String(16), nullable=False),  # m1, m2 ... within the report
    sa.Column("start", sa.Integer, nullable=False),
    sa.Column("end", sa.Integer, nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("type", sa.String(8), nullable=False),
    sa.Column("sub", sa.String(8)),
    sa.Column("lemma", sa.Text, index=True),
    sa.Column("canonical", sa.String(300)),
    sa.Column(
        "entity_id", sa.Integer, sa.ForeignKey("entities.id", ondelete="SET NULL"), index=True
    ),
    sa.Column("component", sa.String(200), nullable=False),
)

timexes = sa.Table(
    "timexes",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    _fk_report(),
    sa.Column("local_id", sa.String(16), nullable=False),
    sa.Column("start", sa.Integer, nullable=False),
    sa.Column("end", sa.Integer, nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("type", sa.String(10), nullable=False),
    sa.Column("value", sa.String(100), nullable=False),
    sa.Column("mod", sa.String(20)),
    sa.Column("earliest", sa.Date),
    sa.Column("latest", sa.Date),
    sa.Column("approx", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Column("component", sa.String(200), nullable=False),
)

events = sa.Table(
    "events",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    _fk_report(),
    sa.Column("local_id", sa.String(16), nullable=False),
    sa.Column("type", sa.String(16), nullable=False, index=True),
    sa.Column("trigger_start", sa.Integer, nullable=False),
    sa.Column("trigger_end", sa.Integer, nullable=False),
    sa.Column("trigger_text", sa.Text, nullable=False),
    sa.Column("negated", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Column("modality", sa.String(16), nullable=False, server_default="actual"),
    sa.Column("time_value", sa.String(100)),
    sa.Column("earliest", sa.Date, index=True),
    sa.Column("latest", sa.Date, index=True),
    sa.Column("cluster_id", sa.Integer, index=True),  # cross-report event coreference
    sa.Column("component", sa.String(200), nullable=False),
)

event_args = sa.Table(
    "event_args",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column(
        "event_id",
        sa.Integer,
        sa.ForeignKey("events.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    sa.Column("role", sa.String(8), nullable=False),  # actor target place time
    sa.Column("start", sa.Integer, nullable=False),
    sa.Column("end", sa.Integer, nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("mention_id", sa.Integer, sa.ForeignKey("mentions.id", ondelete="SET NULL")),
)

claims = sa.Table(
    "claims",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    _fk_report(),
    sa.Column("local_id", sa.String(16), nullable=False),
    sa.Column("start", sa.Integer, nullable=False),
    sa.Column("end", sa.Integer, nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("certainty", sa.String(12), nullable=False, index=True),
    sa.Column("source_start", sa.Integer),
    sa.Column("source_end", sa.Integer),
    sa.Column("source_text", sa.Text),
    sa.Column("cue_start", sa.Integer),
    sa.Column("cue_end", sa.Integer),
    sa.Column("cue_text", sa.Text),
    sa.Column("component", sa.String(200), nullable=False),
)

claim_events = sa.Table(
    "claim_events",
    metadata,
    sa.Column(
        "claim_id", sa.Integer, sa.ForeignKey("claims.id", ondelete="CASCADE"), primary_key=True
    ),
    sa.Column(
        "event_id", sa.Integer, sa.ForeignKey("events.id", ondelete="CASCADE"), primary_key=True
    ),
)

claim_links = sa.Table(
    "claim_links",
    metadata,
    sa.Column(
        "claim_id", sa.Integer, sa.ForeignKey("claims.id", ondelete="CASCADE"), primary_key=True
    ),
    sa.Column(
        "other_id", sa.Integer, sa.ForeignKey("claims.id", ondelete="CASCADE"), primary_key=True
    ),
    sa.Column("relation", sa.String(16), primary_key=True, server_default="contradicts"),
)

# --- entity linking (issue 6; migration 0002_linking) ---------------------------------------------
# entity_keys is the linker's index: every lookup of a new report's names is an indexed
# `key IN (...)`, so linking never scans all entities. Keys are namespaced (g: grounded, s: surname
# of a known full name, o: surname-only person, n: other name, b: fuzzy block); see
# chronik.nlp.linking.cluster.

entity_keys = sa.Table(
    "entity_keys",
    metadata,
    sa.Column("key", sa.String(300), primary_key=True),
    sa.Column(
        "entity_id",
        sa.Integer,
        sa.ForeignKey("entities.id", ondelete="CASCADE"),
        primary_key=True,
        index=True,
    ),
)

entity_names = sa.Table(
    "entity_names",
    metadata,
    sa.Column(
        "entity_id", sa.Integer, sa.ForeignKey("entities.id", ondelete="CASCADE"), primary_key=True
    ),
    sa.Column("name", sa.String(300), primary_key=True),
    sa.Column(
        "key", sa.String(300), nullable=False, index=True
    ),  # lookup key: folded, inflection removed
    sa.Column("count", sa.Integer, nullable=False, server_default="0"),
)

mention_links = sa.Table(
    "mention_links",
    metadata,
    sa.Column(
        "mention_id", sa.Integer, sa.ForeignKey("mentions.id", ondelete="CASCADE"), primary_key=True
    ),
    sa.Column(
        "entity_id",
        sa.Integer,
        sa.ForeignKey("entities.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    sa.Column("surface", sa.String(300), nullable=False),  # the name as linked (inflection removed)
    sa.Column(
        "rule", sa.String(120), nullable=False
    ),  # which rule linked it: alias:aliases.tsv:12, person:key ...
    sa.Column("government_of", sa.Integer, sa.ForeignKey("entities.id", ondelete="SET NULL")),
    sa.Column("component", sa.String(200), nullable=False),
)

roles = sa.Table(
    "roles",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column(
        "holder_id",
        sa.Integer,
        sa.ForeignKey("entities.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    sa.Column("role", sa.String(120), nullable=False),
    sa.Column(
        "of_entity_id", sa.Integer, sa.ForeignKey("entities.id", ondelete="SET NULL"), index=True
    ),
    sa.Column("of_text", sa.String(300)),
    _fk_report(),
    sa.Column("start", sa.Integer, nullable=False),
    sa.Column("end", sa.Integer, nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column(
        "date", sa.String(32)
    ),  # the report's date: when the text says the holder held the role
    sa.Column("date_start", sa.Date),
    sa.Column(
        "kind", sa.String(12), nullable=False
    ),  # stated (apposition/title) | resolved (bare role)
    sa.Column("rule", sa.String(120), nullable=False),
    sa.Column("component", sa.String(200), nullable=False),
    sa.Index("ix_roles_role_of_date", "role", "of_entity_id", "date_start"),
)

entity_decisions = sa.Table(
    "entity_decisions",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("action", sa.String(16), nullable=False),  # alias | merge | split | unalias
    sa.Column("args", sa.JSON, nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("active", sa.Boolean, nullable=False, server_default=sa.true()),
)

# --- live monitoring (issue 20; migration 0004_watch_alerts) --------------------------------------
# A source is a feed URL or a watched folder; seen_items remembers what was taken from it (by item
# key and content hash) so that a pass fetches and stores only what is new or changed. An alert is a
# saved filter; alert_fired holds one row per (alert, report) it fired on, with the payload and its
# delivery.

sources = sa.Table(
    "sources",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("key", sa.String(1000), nullable=False, unique=True),  # feed URL or folder path
    sa.Column("kind", sa.String(8), nullable=False),  # feed | folder
    sa.Column("name", sa.String(200)),
    sa.Column("language", sa.String(8)),
    sa.Column("etag", sa.String(300)),  # of the feed itself, for conditional requests
    sa.Column("last_modified", sa.String(100)),
    sa.Column("last_fetch", sa.DateTime(timezone=True)),
    sa.Column("last_ok", sa.DateTime(timezone=True)),
    sa.Column("status", sa.String(300)),  # ok | not modified | the last error, short
    sa.Column("items", sa.Integer, nullable=False, server_default="0"),  # reports stored from it
    sa.Column("last_new", sa.Integer, nullable=False, server_default="0"),
    sa.Column("errors", sa.Integer, nullable=False, server_default="0"),
)

source_errors = sa.Table(
    "source_errors",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column(
        "source_id",
        sa.Integer,
        sa.ForeignKey("sources.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("item", sa.Text),  # the item URL or file, None for the source as a whole
    sa.Column("message", sa.Text, nullable=False),
)

seen_items = sa.Table(
    "seen_items",
    metadata,
    sa.Column(
        "source_id", sa.Integer, sa.ForeignKey("sources.id", ondelete="CASCADE"), primary_key=True
    ),
    sa.Column("item_key", sa.String(1000), primary_key=True),  # guid or URL; a file's path
    sa.Column("url", sa.Text),
    sa.Column("updated", sa.String(100)),  # what the feed said about the item, or size:mtime
    sa.Column("content_hash", sa.String(64)),  # of the extracted text (or the file's bytes)
    sa.Column("report_id", sa.String(40)),  # the report stored from it last
    sa.Column("etag", sa.String(300)),
    sa.Column("last_modified", sa.String(100)),
    sa.Column("first_seen", sa.DateTime(timezone=True), nullable=False),
    sa.Column("last_seen", sa.DateTime(timezone=True), nullable=False),
    sa.Column("status", sa.String(300)),  # stored | unchanged | the reason it was not stored
)

alerts = sa.Table(
    "alerts",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("name", sa.String(200), nullable=False, unique=True),
    sa.Column("filters", sa.JSON, nullable=False),  # entity type place certainty contested query
    sa.Column("webhook", sa.Text),
    sa.Column("feed", sa.Boolean, nullable=False, server_default=sa.true()),  # in /alerts.atom
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
)

alert_fired = sa.Table(
    "alert_fired",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column(
        "alert_id", sa.Integer, sa.ForeignKey("alerts.id", ondelete="CASCADE"), nullable=False
    ),
    sa.Column("report_id", sa.String(40), nullable=False, index=True),
    sa.Column("fired_at", sa.DateTime(timezone=True), nullable=False, index=True),
    sa.Column("payload", sa.JSON, nullable=False),
    # webhook delivery: none (no webhook) | pending | delivered | failed (gave up)
    sa.Column("delivery", sa.String(12), nullable=False),
    sa.Column("attempts", sa.Integer, nullable=False, server_default="0"),
    sa.Column("next_attempt", sa.DateTime(timezone=True)),
    sa.Column("last_error", sa.Text),
    sa.UniqueConstraint("alert_id", "report_id"),
)

# --- links that survive (issue 18; migration 0005_pending_links) ---------------------------------
# A report is marked here in the transaction that writes it (or replaces its facts) and unmarked in
# the one that finishes its cross-report links (entities, event clusters, contradictions), so a run
# killed in between, or a writer that failed, leaves a mark the next run repairs (kb.link).
pending_links = sa.Table(
    "pending_links",
    metadata,
    sa.Column("seq", sa.Integer, primary_key=True),  # linking order = writing order
    sa.Column(
        "report_id",
        sa.String(40),
        sa.ForeignKey("reports.id", ondelete="CASCADE"),
        nullable=False,
        unique=True,
    ),
    sa.Column("marked_at", sa.DateTime(timezone=True), nullable=False),
)
