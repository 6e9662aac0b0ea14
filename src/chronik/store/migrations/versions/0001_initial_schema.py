"""initial schema

Revision ID: 0001
Revises: 
Create Date: 2026-11-26

Full-text search is dialect-specific: an FTS5 table kept in sync by triggers on SQLite, a generated
`german` tsvector with a GIN index on PostgreSQL.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('entities',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('canonical', sa.String(length=300), nullable=False),
    sa.Column('type', sa.String(length=8), nullable=False),
    sa.Column('key', sa.String(length=300), nullable=True),
    sa.Column('first_date', sa.String(length=32), nullable=True),
    sa.Column('last_date', sa.String(length=32), nullable=True),
    sa.Column('n_mentions', sa.Integer(), server_default='0', nullable=False),
    sa.Column('info', sa.JSON(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_entities'))
    )
    with op.batch_alter_table('entities', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_entities_canonical'), ['canonical'], unique=False)
        batch_op.create_index(batch_op.f('ix_entities_key'), ['key'], unique=False)

    op.create_table('reports',
    sa.Column('id', sa.String(length=40), nullable=False),
    sa.Column('source_id', sa.String(length=200), nullable=True),
    sa.Column('version', sa.Integer(), server_default='1', nullable=False),
    sa.Column('supersedes', sa.String(length=40), nullable=True),
    sa.Column('is_current', sa.Boolean(), server_default=sa.true(), nullable=False),
    sa.Column('date', sa.String(length=32), nullable=True),
    sa.Column('date_precision', sa.String(length=8), nullable=True),
    sa.Column('date_start', sa.Date(), nullable=True),
    sa.Column('date_end', sa.Date(), nullable=True),
    sa.Column('title', sa.Text(), nullable=True),
    sa.Column('source', sa.String(length=200), nullable=True),
    sa.Column('url', sa.Text(), nullable=True),
    sa.Column('lang', sa.String(length=8), server_default='de', nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('n_words', sa.Integer(), server_default='0', nullable=False),
    sa.Column('origin', sa.Text(), nullable=True),
    sa.Column('ingested_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('pipeline', sa.String(length=200), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_reports'))
    )
    with op.batch_alter_table('reports', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_reports_date_end'), ['date_end'], unique=False)
        batch_op.create_index(batch_op.f('ix_reports_date_start'), ['date_start'], unique=False)
        batch_op.create_index(batch_op.f('ix_reports_source_id'), ['source_id'], unique=False)

    op.create_table('claims',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('report_id', sa.String(length=40), nullable=False),
    sa.Column('local_id', sa.String(length=16), nullable=False),
    sa.Column('start', sa.Integer(), nullable=False),
    sa.Column('end', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('certainty', sa.String(length=12), nullable=False),
    sa.Column('source_start', sa.Integer(), nullable=True),
    sa.Column('source_end', sa.Integer(), nullable=True),
    sa.Column('source_text', sa.Text(), nullable=True),
    sa.Column('cue_start', sa.Integer(), nullable=True),
    sa.Column('cue_end', sa.Integer(), nullable=True),
    sa.Column('cue_text', sa.Text(), nullable=True),
    sa.Column('component', sa.String(length=200), nullable=False),
    sa.ForeignKeyConstraint(['report_id'], ['reports.id'], name=op.f('fk_claims_report_id_reports'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_claims'))
    )
    with op.batch_alter_table('claims', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_claims_certainty'), ['certainty'], unique=False)
        batch_op.create_index(batch_op.f('ix_claims_report_id'), ['report_id'], unique=False)

    op.create_table('events',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('report_id', sa.String(length=40), nullable=False),
    sa.Column('local_id', sa.String(length=16), nullable=False),
    sa.Column('type', sa.String(length=16), nullable=False),
    sa.Column('trigger_start', sa.Integer(), nullable=False),
    sa.Column('trigger_end', sa.Integer(), nullable=False),
    sa.Column('trigger_text', sa.Text(), nullable=False),
    sa.Column('negated', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.Column('modality', sa.String(length=16), server_default='actual', nullable=False),
    sa.Column('time_value', sa.String(length=100), nullable=True),
    sa.Column('earliest', sa.Date(), nullable=True),
    sa.Column('latest', sa.Date(), nullable=True),
    sa.Column('cluster_id', sa.Integer(), nullable=True),
    sa.Column('component', sa.String(length=200), nullable=False),
    sa.ForeignKeyConstraint(['report_id'], ['reports.id'], name=op.f('fk_events_report_id_reports'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_events'))
    )
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_events_cluster_id'), ['cluster_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_events_earliest'), ['earliest'], unique=False)
        batch_op.create_index(batch_op.f('ix_events_latest'), ['latest'], unique=False)
        batch_op.create_index(batch_op.f('ix_events_report_id'), ['report_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_events_type'), ['type'], unique=False)

    op.create_table('mentions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('report_id', sa.String(length=40), nullable=False),
    sa.Column('local_id', sa.String(length=16), nullable=False),
    sa.Column('start', sa.Integer(), nullable=False),
    sa.Column('end', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('type', sa.String(length=8), nullable=False),
    sa.Column('sub', sa.String(length=8), nullable=True),
    sa.Column('lemma', sa.Text(), nullable=True),
    sa.Column('canonical', sa.String(length=300), nullable=True),
    sa.Column('entity_id', sa.Integer(), nullable=True),
    sa.Column('component', sa.String(length=200), nullable=False),
    sa.ForeignKeyConstraint(['entity_id'], ['entities.id'], name=op.f('fk_mentions_entity_id_entities'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['report_id'], ['reports.id'], name=op.f('fk_mentions_report_id_reports'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_mentions'))
    )
    with op.batch_alter_table('mentions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_mentions_entity_id'), ['entity_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_mentions_lemma'), ['lemma'], unique=False)
        batch_op.create_index(batch_op.f('ix_mentions_report_id'), ['report_id'], unique=False)

    op.create_table('sentences',
    sa.Column('report_id', sa.String(length=40), nullable=False),
    sa.Column('idx', sa.Integer(), nullable=False),
    sa.Column('start', sa.Integer(), nullable=False),
    sa.Column('end', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['report_id'], ['reports.id'], name=op.f('fk_sentences_report_id_reports'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('report_id', 'idx', name=op.f('pk_sentences'))
    )
    with op.batch_alter_table('sentences', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sentences_report_id'), ['report_id'], unique=False)

    op.create_table('timexes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('report_id', sa.String(length=40), nullable=False),
    sa.Column('local_id', sa.String(length=16), nullable=False),
    sa.Column('start', sa.Integer(), nullable=False),
    sa.Column('end', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('type', sa.String(length=10), nullable=False),
    sa.Column('value', sa.String(length=100), nullable=False),
    sa.Column('mod', sa.String(length=20), nullable=True),
    sa.Column('earliest', sa.Date(), nullable=True),
    sa.Column('latest', sa.Date(), nullable=True),
    sa.Column('approx', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.Column('component', sa.String(length=200), nullable=False),
    sa.ForeignKeyConstraint(['report_id'], ['reports.id'], name=op.f('fk_timexes_report_id_reports'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_timexes'))
    )
    with op.batch_alter_table('timexes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_timexes_report_id'), ['report_id'], unique=False)

    op.create_table('claim_events',
    sa.Column('claim_id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['claim_id'], ['claims.id'], name=op.f('fk_claim_events_claim_id_claims'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_claim_events_event_id_events'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('claim_id', 'event_id', name=op.f('pk_claim_events'))
    )
    op.create_table('claim_links',
    sa.Column('claim_id', sa.Integer(), nullable=False),
    sa.Column('other_id', sa.Integer(), nullable=False),
    sa.Column('relation', sa.String(length=16), server_default='contradicts', nullable=False),
    sa.ForeignKeyConstraint(['claim_id'], ['claims.id'], name=op.f('fk_claim_links_claim_id_claims'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['other_id'], ['claims.id'], name=op.f('fk_claim_links_other_id_claims'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('claim_id', 'other_id', 'relation', name=op.f('pk_claim_links'))
    )
    op.create_table('event_args',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('role', sa.String(length=8), nullable=False),
    sa.Column('start', sa.Integer(), nullable=False),
    sa.Column('end', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('mention_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_event_args_event_id_events'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['mention_id'], ['mentions.id'], name=op.f('fk_event_args_mention_id_mentions'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_event_args'))
    )
    with op.batch_alter_table('event_args', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_event_args_event_id'), ['event_id'], unique=False)
    create_fulltext()


def downgrade() -> None:
    drop_fulltext()
    with op.batch_alter_table('event_args', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_event_args_event_id'))

    op.drop_table('event_args')
    op.drop_table('claim_links')
    op.drop_table('claim_events')
    with op.batch_alter_table('timexes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_timexes_report_id'))

    op.drop_table('timexes')
    with op.batch_alter_table('sentences', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sentences_report_id'))

    op.drop_table('sentences')
    with op.batch_alter_table('mentions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_mentions_report_id'))
        batch_op.drop_index(batch_op.f('ix_mentions_lemma'))
        batch_op.drop_index(batch_op.f('ix_mentions_entity_id'))

    op.drop_table('mentions')
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_events_type'))
        batch_op.drop_index(batch_op.f('ix_events_report_id'))
        batch_op.drop_index(batch_op.f('ix_events_latest'))
        batch_op.drop_index(batch_op.f('ix_events_earliest'))
        batch_op.drop_index(batch_op.f('ix_events_cluster_id'))

    op.drop_table('events')
    with op.batch_alter_table('claims', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_claims_report_id'))
        batch_op.drop_index(batch_op.f('ix_claims_certainty'))

    op.drop_table('claims')
    with op.batch_alter_table('reports', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_reports_source_id'))
        batch_op.drop_index(batch_op.f('ix_reports_date_start'))
        batch_op.drop_index(batch_op.f('ix_reports_date_end'))

    op.drop_table('reports')
    with op.batch_alter_table('entities', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_entities_key'))
        batch_op.drop_index(batch_op.f('ix_entities_canonical'))

    op.drop_table('entities')


SQLITE_FTS = [
    """CREATE VIRTUAL TABLE reports_fts USING fts5(
        title, text, content='reports', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2')""",
    """CREATE TRIGGER reports_fts_ai AFTER INSERT ON reports BEGIN
        INSERT INTO reports_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text); END""",
    """CREATE TRIGGER reports_fts_ad AFTER DELETE ON reports BEGIN
        INSERT INTO reports_fts(reports_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text); END""",
    """CREATE TRIGGER reports_fts_au AFTER UPDATE OF title, text ON reports BEGIN
        INSERT INTO reports_fts(reports_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text);
        INSERT INTO reports_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text); END""",
]

POSTGRES_FTS = [
    """ALTER TABLE reports ADD COLUMN tsv tsvector GENERATED ALWAYS AS
        (to_tsvector('german', coalesce(title, '') || ' ' || text)) STORED""",
    "CREATE INDEX ix_reports_tsv ON reports USING gin (tsv)",
]


def create_fulltext() -> None:
    dialect = op.get_bind().dialect.name
    for statement in {"sqlite": SQLITE_FTS, "postgresql": POSTGRES_FTS}.get(dialect, []):
        op.execute(statement)


def drop_fulltext() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for name in ("reports_fts_ai", "reports_fts_ad", "reports_fts_au"):
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
        op.execute("DROP TABLE IF EXISTS reports_fts")
    elif dialect == "postgresql":
        op.execute("DROP INDEX IF EXISTS ix_reports_tsv")
        op.execute("ALTER TABLE reports DROP COLUMN IF EXISTS tsv")
