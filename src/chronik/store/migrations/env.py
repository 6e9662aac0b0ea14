"""Alembic environment: chronik runs migrations programmatically (store.db.migrate), never from
alembic.ini."""

from __future__ import annotations

from alembic import context

from chronik.store.schema import metadata

config = context.config
target_metadata = metadata


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is None:
        raise RuntimeError(
            "chronik migrations run through chronik.store.db.migrate(), which passes a connection"
        )
    context.configure(connection=connection, target_metadata=target_metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


run_migrations_online()
