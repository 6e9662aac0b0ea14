"""indexes for query latency at 100,000 reports (issue 19)

Revision ID: 0006
Revises: 0005 (pending links)
Create Date: 2026-12-06

PostgreSQL only, as the tsvector of 0001; SQLite's plans already have what they need.
- reports (date_start DESC NULLS LAST, id) WHERE is_current: the newest-first order of a search for
  a common word (chronik.store.search) and of the report list walk this index and stop at the page's
  end; without it PostgreSQL sorted every match, testing each report's tsvector on the way (0.9 s
  for a page as of a day). The index's order is exactly the queries' ORDER BY: a backward scan of
  an ascending index gives NULLS FIRST.
- events (earliest DESC NULLS LAST, id DESC): the timeline, an entity's events and every other view
  that walks events newest first (chronik.store.filters.narrow) stop after a page instead of joining
  and sorting all 160,000 events (0.3 s).
- reports (date_end DESC NULLS LAST, id) WHERE is_current: an entity's latest reports
  (chronik.store.entity_page) in the same way.
- mentions (entity_id, id), event_args (mention_id, role, event_id): an entity's arguments (in a
  role) collected from the indexes alone (chronik.store.filters.collected; the heap pages of 13,000
  mentions of a much-named place cost 0.16 s);
- event_args (event_id) INCLUDE (role, mention_id), mentions (id) INCLUDE (entity_id): the walk in
  date order asks "is the entity an argument of this event?" of the indexes alone.
SQLite sorts NULLs first, so its ascending indexes of 0003 read backwards give these orders already.
"""

from __future__ import annotations

from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

POSTGRES = [
    (
        "ix_reports_current_date_start_desc",
        "CREATE INDEX ix_reports_current_date_start_desc ON reports "
        "(date_start DESC NULLS LAST, id) WHERE is_current",
    ),
    (
        "ix_events_earliest_desc_id_desc",
        "CREATE INDEX ix_events_earliest_desc_id_desc ON events "
        "(earliest DESC NULLS LAST, id DESC)",
    ),
    (
        "ix_reports_current_date_end_desc",
        "CREATE INDEX ix_reports_current_date_end_desc ON reports "
        "(date_end DESC NULLS LAST, id) WHERE is_current",
    ),
    (
        "ix_mentions_entity_id_id",
        "CREATE INDEX ix_mentions_entity_id_id ON mentions (entity_id, id)",
    ),
    (
        "ix_event_args_mention_id_role_event_id",
        "CREATE INDEX ix_event_args_mention_id_role_event_id ON event_args "
        "(mention_id, role, event_id)",
    ),
    (
        "ix_event_args_event_id_covering",
        "CREATE INDEX ix_event_args_event_id_covering ON event_args (event_id) "
        "INCLUDE (role, mention_id)",
    ),
    (
        "ix_mentions_id_covering",
        "CREATE INDEX ix_mentions_id_covering ON mentions (id) INCLUDE (entity_id)",
    ),
]


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for _name, statement in POSTGRES:
            op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for name, _statement in reversed(POSTGRES):
            op.execute(f"DROP INDEX IF EXISTS {name}")
