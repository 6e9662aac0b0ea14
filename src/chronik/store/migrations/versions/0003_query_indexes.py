"""indexes for the exploring queries (timeline, entity, network, claims, as_of)

Revision ID: 0003
Revises: 0002 (linking)
Create Date: 2026-11-26

Plain B-tree indexes only, the same on SQLite and PostgreSQL. What each one serves:
- reports (is_current, date_end): `as_of` (date_end <= day) and "newest first" lists;
- events (earliest, id) and (type, earliest): the timeline in date order and a month's network;
- event_args (mention_id) and (role, text): from an entity's mentions to its events; place filters by name;
- mentions (entity_id, report_id): an entity's reports, names and co-occurrences;
- claim_links (other_id), claim_events (event_id): contested claims and the claims about an event;
- claims (lower(source_text)): the source filter (case-insensitive prefix), an expression index that SQLite
  and PostgreSQL both support.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

INDEXES = [
    ("ix_reports_is_current_date_end", "reports", ["is_current", "date_end"]),
    ("ix_events_earliest_id", "events", ["earliest", "id"]),
    ("ix_events_type_earliest", "events", ["type", "earliest"]),
    ("ix_event_args_mention_id", "event_args", ["mention_id"]),
    ("ix_event_args_role_text", "event_args", ["role", "text"]),
    ("ix_mentions_entity_id_report_id", "mentions", ["entity_id", "report_id"]),
    ("ix_claim_links_other_id", "claim_links", ["other_id"]),
    ("ix_claim_events_event_id", "claim_events", ["event_id"]),
]


def upgrade() -> None:
    for name, table, columns in INDEXES:
        op.create_index(name, table, columns)
    op.create_index("ix_claims_lower_source_text", "claims", [sa.text("lower(source_text)")])


def downgrade() -> None:
    op.drop_index("ix_claims_lower_source_text", table_name="claims")
    for name, table, _columns in reversed(INDEXES):
        op.drop_index(name, table_name=table)
