"""Commands on imported event data: ``import`` (GDELT, ICEWS, POLECAT files) and ``datasets``."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from ..errors import QueryError
from ._app import (
    DbOption,
    FormatOption,
    JsonFlag,
    OutputFormat,
    app,
    choose_format,
    console,
    print_rows,
)

if TYPE_CHECKING:
    from ..datasets import ImportSummary

SHOWN_SKIPS = 20
FORMAT_NAMES = ("gdelt", "icews", "polecat")
"""The layouts of ``detente.datasets.FORMATS`` (a test keeps them equal), named here for the
help text without importing the importers."""


@app.command("import")
def import_command(
    data_format: Annotated[
        str, typer.Argument(help=f"The provider's layout: {', '.join(FORMAT_NAMES)}.")
    ],
    paths: Annotated[
        list[str],
        typer.Argument(help="Files, folders or globs (.csv/.tab/.txt, plain, .gz or .zip)."),
    ],
    dataset: Annotated[
        str | None,
        typer.Option(
            "--dataset", help="Store the events as this dataset [default: the format's name]."
        ),
    ] = None,
    db: DbOption = None,
    no_merge: Annotated[
        bool,
        typer.Option(
            "--no-merge",
            help="Only store the rows; merge them later (`detente merge --dataset NAME`).",
        ),
    ] = False,
    as_json: JsonFlag = False,
) -> None:
    """Import GDELT, ICEWS or POLECAT event files as a dataset beside detente's own coding."""
    from ..datasets import FORMATS, import_files
    from ..store import Store

    if data_format not in FORMATS:
        raise QueryError(f"unknown format {data_format!r}; use one of {', '.join(FORMATS)}.")
    with Store(db) as store:
        summary = import_files(store, data_format, paths, dataset=dataset, merge=not no_merge)
    if as_json:
        print_rows([summary.to_dict()], OutputFormat.json)
        return
    print_import_summary(summary)


def print_import_summary(summary: ImportSummary) -> None:
    rate = summary.rows_read / summary.import_seconds if summary.import_seconds else 0.0
    console.print(
        f"[bold]{summary.rows_read}[/] {summary.format} rows read from {len(summary.files)} files "
        f"into dataset [bold]{summary.dataset}[/]: [green]{summary.stored} stored[/], "
        f"{summary.duplicates} already stored, {summary.skipped} skipped "
        f"in {summary.import_seconds:.1f} s ({rate:,.0f} rows/s); "
        f"{summary.merged_events} new merged events in {summary.merge_seconds:.1f} s",
        highlight=False,
    )
    for reason, count in summary.reasons.most_common():
        console.print(f"  [yellow]skipped[/] {count} × {reason}", highlight=False)
    for row in summary.skips[:SHOWN_SKIPS]:
        where = f"{row.file}:{row.line}" if row.line else row.file
        console.print(f"    {where}: {row.reason}", highlight=False, soft_wrap=True)
    if summary.skipped > SHOWN_SKIPS:
        console.print(f"    ... and {summary.skipped - SHOWN_SKIPS} more (--json lists up to 1000)")


@app.command("datasets")
def datasets_command(
    db: DbOption = None, fmt: FormatOption = OutputFormat.table, as_json: JsonFlag = False
) -> None:
    """The datasets in the store: detente's own coding and each imported one, with their sizes."""
    from ..datasets import dataset_names
    from ..store import Store

    with Store(db, read_only=True) as store:
        rows = dataset_names(store)
    print_rows(rows, choose_format(fmt, as_json), title="Datasets (merged events)")
