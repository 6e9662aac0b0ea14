"""The `chronik` command: parse flags, call one function, print. No logic of its own.

Each command lives in the module of its kind (ingest, explore, serve, entity, eval); this module
only assembles them and turns expected errors into messages and exit codes.
"""

from __future__ import annotations

import sys

import typer

from chronik.cli import explore, export, ingest, serve, watch
from chronik.cli.alert import alert_app
from chronik.cli.common import err
from chronik.cli.entity import entity_app
from chronik.cli.eval import eval_app
from chronik.errors import ChronikError, ConfigError

app = typer.Typer(
    name="chronik",
    help="Turn dated news reports into a time-aware, source-attributed knowledge base.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
    context_settings={"help_option_names": ["-h", "--help"]},
    epilog="Example: chronik ingest data/sample/ && chronik serve   (then open http://127.0.0.1:8000)",
)

app.add_typer(eval_app, name="eval")
app.add_typer(entity_app, name="entity")
app.add_typer(alert_app, name="alert")


for command in (
    ingest.ingest,
    ingest.reanalyse,
    explore.search,
    explore.show,
    explore.claims,
    explore.timeline,
    explore.stats,
    export.export,
    ingest.analyse,
    serve.serve,
    watch.watch,
    watch.sources,
):
    app.command()(command)


def main() -> None:
    """Console entry point: expected errors become a message and exit status 2, not a traceback."""
    try:
        app()
    except ConfigError as exc:
        err.print(f"error: {exc}", style="red", markup=False, highlight=False)
        sys.exit(2)
    except ChronikError as exc:
        err.print(f"error: {exc}", style="red", markup=False, highlight=False)
        sys.exit(1)
