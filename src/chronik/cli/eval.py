"""`chronik eval …`: score chronik against gold files (formats in ../shared/spec/annotation.md)."""

from __future__ import annotations

from pathlib import Path

import typer

from chronik.cli.common import AS_JSON, load_settings, print_result

eval_app = typer.Typer(
    help="Score chronik against gold files (formats in ../shared/spec/annotation.md).",
    no_args_is_help=True,
)


@eval_app.command("ner")
def eval_ner(
    gold: Path = typer.Argument(..., exists=True, help="GermEval 2014 TSV file."),
    predictions: Path | None = typer.Option(
        None, "--predictions", help="Write predictions (GermEval format) here."
    ),
    tier: str | None = typer.Option(
        None, help="fast|accurate [default: the configured tier, accurate unless set]."
    ),
    as_json: bool = AS_JSON,
) -> None:
    """Tag a GermEval 2014 file and print strict outer-chunk P/R/F1.

    [bold]Example[/bold]

      chronik eval ner NER-de-dev.tsv --tier accurate --predictions out.tsv
    """
    from chronik.eval import ner

    raise typer.Exit(ner.run(gold, predictions, tier or load_settings(None).tier, as_json))


@eval_app.command("timex")
def eval_timex(
    gold: Path = typer.Argument(
        ..., exists=True, help="A directory of TimeML files or an annotation-format JSONL file."
    ),
    predictions: Path | None = typer.Option(
        None, "--predictions", help="Write predictions in the gold's format here."
    ),
    as_json: bool = AS_JSON,
) -> None:
    """Find and normalise time expressions in gold files; print TempEval-3 figures.

    [bold]Example[/bold]

      chronik eval timex data/gold/timex/test --predictions /tmp/timex-pred
    """
    from chronik.eval import timex

    raise typer.Exit(timex.run(gold, predictions, as_json))


@eval_app.command("events")
def eval_events(
    gold: Path = typer.Argument(..., exists=True, help="Annotation-format JSON Lines file."),
    predictions: Path | None = typer.Option(
        None, "--predictions", help="Write predictions (JSON Lines) here."
    ),
    as_json: bool = AS_JSON,
) -> None:
    """Run the whole pipeline over a gold file and score events, arguments, claims and entity
    grouping.

    [bold]Example[/bold]

      chronik eval events data/gold/events/test.jsonl --predictions /tmp/pred.jsonl
    """
    from chronik.eval import events

    raise typer.Exit(events.run(gold, predictions, as_json))


@eval_app.command("linking")
def eval_linking(
    gold: list[Path] = typer.Argument(
        ..., exists=True, help="Annotation-format JSONL files with canonical names."
    ),
    roles: Path | None = typer.Option(None, "--roles", exists=True, help="Role gold (JSONL)."),
    errors: bool = typer.Option(False, "--errors", help="List the linking errors."),
    as_json: bool = AS_JSON,
) -> None:
    """B-cubed of cross-document linking on gold mention spans, and role resolution accuracy.

    [bold]Example[/bold]

      chronik eval linking data/gold/events/test.jsonl --roles data/gold/entities/roles.jsonl
    """
    from chronik.eval.linking import evaluate_files

    print_result(evaluate_files(list(gold), errors, roles), as_json)
