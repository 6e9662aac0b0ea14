"""links that survive: pending_links, one row per report whose cross-report links are not done

Revision ID: 0005
Revises: 0004 (watch, alerts)
Create Date: 2026-12-06

Portable: a plain table and a portable INSERT … SELECT, the same on SQLite and PostgreSQL. Reports
of an older store with mentions not yet linked are marked, so the next run links them.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "pending_links",
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("report_id", sa.String(40), nullable=False),
        sa.Column("marked_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["report_id"],
            ["reports.id"],
            name=op.f("fk_pending_links_report_id_reports"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_pending_links")),
        sa.UniqueConstraint("report_id", name=op.f("uq_pending_links_report_id")),
    )
    op.execute(
        sa.text(
            "INSERT INTO pending_links (report_id, marked_at) "
            "SELECT r.id, CURRENT_TIMESTAMP FROM reports r "
            "WHERE r.is_current = :yes AND r.id IN "
            "(SELECT m.report_id FROM mentions m WHERE m.entity_id IS NULL) "
            "ORDER BY r.date_start, r.id"
        ).bindparams(yes=True)
    )


def downgrade() -> None:
    op.drop_table("pending_links")
