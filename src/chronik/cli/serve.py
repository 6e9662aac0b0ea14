"""`chronik serve`: the web app and the JSON API under uvicorn."""

from __future__ import annotations

from pathlib import Path

import typer

from chronik.cli.common import CONFIG, DB, load_settings, out


def serve(
    db: str | None = DB,
    config: Path | None = CONFIG,
    host: str | None = typer.Option(None, help="Address to listen on [default 127.0.0.1]."),
    port: int | None = typer.Option(None, help="Port [default 8000]."),
    workers: int = typer.Option(
        1, "--workers", "-w", min=1, max=64, help="Server processes (queries are CPU-bound)."
    ),
) -> None:
    """Serve the web app and the JSON API (read-only unless api_token is set).

    [bold]Examples[/bold]

      chronik serve --db chronik.db --port 8000   # then open http://127.0.0.1:8000
      chronik serve --db news.db --workers 2      # one process per core
    """
    import os

    import uvicorn

    from chronik.api.app import create_app

    settings = load_settings(config, db=db, host=host, port=port)
    out.print(
        f"chronik serving {settings.db} on http://{settings.host}:{settings.port} ({workers} "
        "process(es))"
    )
    if workers == 1:
        uvicorn.run(create_app(settings), host=settings.host, port=settings.port, log_level="info")
        return
    # each process builds its own app from the environment, so pass the resolved settings on through
    # it
    os.environ["CHRONIK_DB"] = settings.db
    if config:
        os.environ["CHRONIK_CONFIG"] = str(config)
    uvicorn.run(
        "chronik.api.app:from_environment",
        factory=True,
        workers=workers,
        host=settings.host,
        port=settings.port,
        log_level="info",
    )
