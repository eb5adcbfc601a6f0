"""The Typer application object and the console helpers every command shares."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterable, Sequence
from enum import Enum
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

app = typer.Typer(
    name="detente",
    help="Political event data from raw news: who did what to whom, when, and the ties between states.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
console = Console()
console_err = Console(stderr=True)


class OutputFormat(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"


FormatOption = Annotated[
    OutputFormat, typer.Option("--format", "-f", help="Output: a table, JSON lines or CSV.")
]
JsonFlag = Annotated[bool, typer.Option("--json", help="Short for --format json.")]
DbOption = Annotated[
    str | None,
    typer.Option("--db", envvar="DETENTE_DB", help="The DuckDB store [default: ./detente.duckdb]."),
]


def choose_format(fmt: OutputFormat, as_json: bool) -> OutputFormat:
    return OutputFormat.json if as_json else fmt


def print_rows(
    rows: Sequence[dict[str, Any]],
    fmt: OutputFormat,
    title: str | None = None,
    columns: Iterable[str] | None = None,
) -> None:
    """Print records as a rich table, JSON lines or CSV on standard output."""
    cols = list(columns) if columns is not None else (list(rows[0]) if rows else [])
    if fmt is OutputFormat.json:
        for row in rows:
            sys.stdout.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")
        return
    if fmt is OutputFormat.csv:
        writer = csv.DictWriter(sys.stdout, fieldnames=cols, extrasaction="ignore")
        writer.writeheader()
        for row in rows:
            writer.writerow({k: _csv_cell(row.get(k)) for k in cols})
        return
    table = Table(title=title, show_lines=False)
    for col in cols:
        table.add_column(col)
    for row in rows:
        table.add_row(*(_table_cell(row.get(c)) for c in cols))
    console.print(table)


def _table_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.2f}"
    return str(value)


def _csv_cell(value: Any) -> Any:
    """Neutralise spreadsheet formulas in exported cells (=, +, -, @ at the start)."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value
