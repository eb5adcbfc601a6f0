"""``detente code``: run the pipeline on one input without storing, print the events."""

from __future__ import annotations

import json
import sys
from typing import TYPE_CHECKING, Annotated

import typer

from ..model import CodedArticle, Skipped  # plain dataclasses: cheap to import
from ._app import FormatOption, JsonFlag, OutputFormat, app, choose_format, console, print_rows
from ._options import (
    FieldOption,
    MaxSizeOption,
    ModelOption,
    PublishedOption,
    SourceOption,
    read_options,
)

if TYPE_CHECKING:
    from ..pipeline import Pipeline

EVENT_COLUMNS = ("sent", "source", "event", "target", "modality", "date", "trigger")


@app.command("code")
def code_command(
    path: Annotated[
        str, typer.Argument(help="A news file (text, HTML, JSONL, CSV, feed, WARC) or - for stdin.")
    ] = "-",
    published: PublishedOption = None,
    source: SourceOption = None,
    model: ModelOption = None,
    fmt: FormatOption = OutputFormat.table,
    as_json: JsonFlag = False,
    batch_size: Annotated[
        int, typer.Option("--batch-size", help="Articles parsed per batch.")
    ] = 32,
    max_size: MaxSizeOption = 20.0,
    field: FieldOption = None,
) -> None:
    """Code events in one input without storing them; JSON output is one line per article."""
    # imported here, not above, so that other commands and --help do not load spaCy
    from ..pipeline import Pipeline
    from ..read import read_inputs

    items = read_inputs([path], read_options(max_size, published, source, field))
    fmt = choose_format(fmt, as_json)
    pipeline = Pipeline.load(model)
    for item in _code_in_order(pipeline, items, batch_size):
        if isinstance(item, Skipped):
            _print_skipped(item, fmt)
        elif fmt is OutputFormat.json:
            sys.stdout.write(json.dumps(item.to_dict(), ensure_ascii=False) + "\n")
        else:
            _print_coded(item, fmt)


def _code_in_order(pipeline: Pipeline, items, batch_size: int):
    """Code articles in batches while keeping skipped records at their place in the input."""
    pending: list = []
    for item in items:
        pending.append(item)
        if sum(1 for p in pending if not isinstance(p, Skipped)) >= batch_size:
            yield from _flush(pipeline, pending, batch_size)
            pending = []
    yield from _flush(pipeline, pending, batch_size)


def _flush(pipeline: Pipeline, pending: list, batch_size: int):
    coded = iter(pipeline.code([p for p in pending if not isinstance(p, Skipped)], batch_size))
    for item in pending:
        yield item if isinstance(item, Skipped) else next(coded)


def _print_skipped(item: Skipped, fmt: OutputFormat) -> None:
    if fmt is OutputFormat.json:
        sys.stdout.write(
            json.dumps({"skipped": {"origin": item.origin, "reason": item.reason}}) + "\n"
        )
    else:
        console.print(f"[yellow]skipped[/] {item.origin}: {item.reason}", highlight=False)


def _print_coded(coded: CodedArticle, fmt: OutputFormat) -> None:
    article = coded.article
    rows = [event_summary(e.to_dict()) for e in coded.events]
    title = (
        f"{article.title or article.origin} ({article.published or 'undated'}): {len(rows)} events"
    )
    print_rows(rows, fmt, title=title, columns=EVENT_COLUMNS)
    for warning in coded.warnings:
        console.print(f"[yellow]warning[/] {warning}", highlight=False)


def event_summary(event: dict) -> dict:
    """One event as a short table row."""
    target = event.get("target") or {}
    when = event["date"]
    return {
        "sent": event["sentence_index"],
        "source": f"{event['source']['code'] or '?'} ({event['source']['text']})",
        "event": f"{event['code']} {event['name']}",
        "target": f"{target.get('code') or '?'} ({target['text']})" if target else "",
        "modality": event["modality"],
        "date": f"{when['start'] or ''} {when['precision']}".strip(),
        "trigger": event["trigger"],
    }
