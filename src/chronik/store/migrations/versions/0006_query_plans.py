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
]


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for _name, statement in POSTGRES:
            op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for name, _statement in reversed(POSTGRES):
            op.execute(f"DROP INDEX IF EXISTS {name}")
