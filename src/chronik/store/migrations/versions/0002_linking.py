"""entity linking: keys, names, mention links, roles, user decisions

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-26

Portable: plain tables and B-tree indexes, the same on SQLite and PostgreSQL.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "entity_keys",
        sa.Column("key", sa.String(300), nullable=False),
        sa.Column("entity_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["entity_id"], ["entities.id"], name=op.f("fk_entity_keys_entity_id_entities"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("key", "entity_id", name=op.f("pk_entity_keys")),
    )
    op.create_index(op.f("ix_entity_keys_entity_id"), "entity_keys", ["entity_id"])
    op.create_table(
        "entity_names",
        sa.Column("entity_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(300), nullable=False),
        sa.Column("key", sa.String(300), nullable=False),
        sa.Column("count", sa.Integer(), server_default="0", nullable=False),
        sa.ForeignKeyConstraint(["entity_id"], ["entities.id"], name=op.f("fk_entity_names_entity_id_entities"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("entity_id", "name", name=op.f("pk_entity_names")),
    )
    op.create_index(op.f("ix_entity_names_key"), "entity_names", ["key"])
    op.create_table(
        "mention_links",
        sa.Column("mention_id", sa.Integer(), nullable=False),
        sa.Column("entity_id", sa.Integer(), nullable=False),
        sa.Column("surface", sa.String(300), nullable=False),
        sa.Column("rule", sa.String(120), nullable=False),
        sa.Column("government_of", sa.Integer(), nullable=True),
        sa.Column("component", sa.String(120), nullable=False),
        sa.ForeignKeyConstraint(["mention_id"], ["mentions.id"], name=op.f("fk_mention_links_mention_id_mentions"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["entity_id"], ["entities.id"], name=op.f("fk_mention_links_entity_id_entities"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["government_of"], ["entities.id"],
                                name=op.f("fk_mention_links_government_of_entities"), ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("mention_id", name=op.f("pk_mention_links")),
    )
    op.create_index(op.f("ix_mention_links_entity_id"), "mention_links", ["entity_id"])
    op.create_table(
        "roles",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("holder_id", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(120), nullable=False),
        sa.Column("of_entity_id", sa.Integer(), nullable=True),
        sa.Column("of_text", sa.String(300), nullable=True),
        sa.Column("report_id", sa.String(40), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("date", sa.String(32), nullable=True),
        sa.Column("date_start", sa.Date(), nullable=True),
        sa.Column("kind", sa.String(12), nullable=False),
        sa.Column("rule", sa.String(120), nullable=False),
        sa.Column("component", sa.String(120), nullable=False),
        sa.ForeignKeyConstraint(["holder_id"], ["entities.id"], name=op.f("fk_roles_holder_id_entities"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["of_entity_id"], ["entities.id"], name=op.f("fk_roles_of_entity_id_entities"),
                                ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["report_id"], ["reports.id"], name=op.f("fk_roles_report_id_reports"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_roles")),
    )
    op.create_index(op.f("ix_roles_holder_id"), "roles", ["holder_id"])
    op.create_index(op.f("ix_roles_of_entity_id"), "roles", ["of_entity_id"])
    op.create_index(op.f("ix_roles_report_id"), "roles", ["report_id"])
    op.create_index("ix_roles_role_of_date", "roles", ["role", "of_entity_id", "date_start"])
    op.create_table(
        "entity_decisions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("action", sa.String(16), nullable=False),
        sa.Column("args", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("active", sa.Boolean(), server_default=sa.true(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_entity_decisions")),
    )


def downgrade() -> None:
    op.drop_table("entity_decisions")
    op.drop_index("ix_roles_role_of_date", table_name="roles")
    for name in ("ix_roles_report_id", "ix_roles_of_entity_id", "ix_roles_holder_id"):
        op.drop_index(op.f(name), table_name="roles")
    op.drop_table("roles")
    op.drop_index(op.f("ix_mention_links_entity_id"), table_name="mention_links")
    op.drop_table("mention_links")
    op.drop_index(op.f("ix_entity_names_key"), table_name="entity_names")
    op.drop_table("entity_names")
    op.drop_index(op.f("ix_entity_keys_entity_id"), table_name="entity_keys")
    op.drop_table("entity_keys")
