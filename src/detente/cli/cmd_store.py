"""Commands that fill or read the store: ingest, demo, stats, events."""

from __future__ import annotations

from pathlib import Path
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
from ._options import (
    FieldOption,
    MaxSizeOption,
    ModelOption,
    PublishedOption,
    SourceOption,
    parse_day,
    read_options,
)

if TYPE_CHECKING:
    from rich.progress import Progress

    from ..ingest import IngestSummary


@app.command("ingest")
def ingest_command(
    paths: Annotated[
        list[str], typer.Argument(help="Files, directories (read recursively) or globs.")
    ],
    db: DbOption = None,
    published: PublishedOption = None,
    source: SourceOption = None,
    model: ModelOption = None,
    batch_size: Annotated[
        int, typer.Option("--batch-size", help="Articles coded and stored per transaction.")
    ] = 64,
    workers: Annotated[
        int | None,
        typer.Option("--workers", "-w", help="Coding processes [default: the number of cores]."),
    ] = None,
    max_size: MaxSizeOption = 20.0,
    field: FieldOption = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
    strict: Annotated[
        bool, typer.Option("--strict", help="Exit non-zero when any input is skipped.")
    ] = False,
    as_json: JsonFlag = False,
) -> None:
    """Read news, code its events and store both; already stored articles are recognised and skipped."""
    from ..ingest import ingest
    from ..parallel import default_workers
    from ..store import Store

    options = read_options(max_size, published, source, field)
    with Store(db) as store, _progress(quiet or as_json) as on_progress:
        summary = ingest(
            paths,
            store,
            model=model,
            read_options=options,
            batch_size=batch_size,
            workers=workers or default_workers(),
            on_progress=on_progress,
        )
    if as_json:
        print_rows([summary.to_dict()], OutputFormat.json)
    else:
        print_summary(summary, quiet)
    if strict and summary.skipped:
        raise typer.Exit(code=3)


class _progress:
    """A live counter on a terminal; nothing when quiet or not a TTY."""

    def __init__(self, quiet: bool) -> None:
        self.enabled = not quiet and console.is_terminal
        self._bar: Progress | None = None

    def __enter__(self):
        if not self.enabled:
            return None
        from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

        bar = self._bar = Progress(
            SpinnerColumn(),
            TextColumn("{task.description}"),
            TimeElapsedColumn(),
            console=console,
            transient=True,
        )
        bar.start()
        task = bar.add_task("reading…")

        def update(summary: IngestSummary) -> None:
            bar.update(
                task,
                description=(
                    f"{summary.articles_read} articles read, {summary.articles_new} new, "
                    f"{summary.duplicates} duplicates, {len(summary.skipped)} skipped, "
                    f"{summary.events_stored} events"
                ),
            )

        return update

    def __exit__(self, *exc: object) -> None:
        if self._bar:
            self._bar.stop()


def print_summary(summary: IngestSummary, quiet: bool = False) -> None:
    rate = summary.articles_new / summary.seconds if summary.seconds else 0.0
    console.print(
        f"[bold]{summary.articles_read}[/] articles read: [green]{summary.articles_new} new[/], "
        f"{summary.duplicates} already stored, {len(summary.skipped)} skipped; "
        f"[bold]{summary.events_stored}[/] event reports stored ({summary.merged_events} new merged events) "
        f"in {summary.seconds:.1f} s ({rate:.1f} articles/s)",
        highlight=False,
    )
    for item in summary.skipped:
        console.print(
            f"  [yellow]skipped[/] {item.origin}: {item.reason}", highlight=False, soft_wrap=True
        )
    for flag in summary.date_flags:
        console.print(f"  [yellow]date[/] {flag}", highlight=False, soft_wrap=True)
    if not quiet:
        for warning in summary.warnings[:20]:
            console.print(f"  [yellow]warning[/] {warning}", highlight=False, soft_wrap=True)


@app.command("demo")
def demo_command(
    db: Annotated[
        Path, typer.Option("--db", help="Where to build the demo store (replaced if it exists).")
    ] = Path("detente-demo.duckdb"),
    model: ModelOption = None,
) -> None:
    """Ingest the bundled sample corpus into a fresh store and show what it found."""
    from ..demo import DEMO_TURNING_POINT, run_demo

    report = run_demo(db, model=model)
    console.rule("[bold]detente demo")
    print_summary(report.summary, quiet=True)
    stats = report.stats
    console.print(
        f"\nStore [bold]{stats['path']}[/]: {stats['articles']} articles, {stats['events']} events "
        f"({stats['asserted_events']} asserted), published {stats['first_published']} to "
        f"{stats['last_published']}.",
        highlight=False,
    )
    print_rows(
        report.dyads,
        OutputFormat.table,
        title="Busiest pairs of states (asserted events)",
        columns=("country_a", "country_b", "events", "cooperation", "conflict", "mean_goldstein"),
    )
    if report.sample_events:
        print_rows(
            report.sample_events,
            OutputFormat.table,
            title="Some coded events",
            columns=("date", "source", "event", "target", "modality"),
        )
    if report.shifts:
        print_rows(
            report.shifts,
            OutputFormat.table,
            title=f"North Korea's ties, 120 days before and after the Hanoi summit ({DEMO_TURNING_POINT})",
            columns=(
                "partner",
                "direction",
                "change",
                "tie_before",
                "tie_after",
                "events_before",
                "events_after",
            ),
        )
    console.print(
        f"\nExplore it: [bold]detente events --db {db}[/] · "
        f"[bold]detente events --db {db} --dyad PRK RUS[/]",
        highlight=False,
    )


@app.command("stats")
def stats_command(
    db: DbOption = None, fmt: FormatOption = OutputFormat.table, as_json: JsonFlag = False
) -> None:
    """Size and coverage of a store."""
    from ..store import Store
    from ..store.queries import store_stats

    with Store(db, read_only=True) as store:
        stats = store_stats(store)
    print_rows([stats], choose_format(fmt, as_json), title="detente store")


@app.command("events")
def events_command(
    db: DbOption = None,
    country: Annotated[
        str | None,
        typer.Option("--country", help="Events with this country on either side (code or name)."),
    ] = None,
    dyad: Annotated[
        tuple[str, str] | None, typer.Option("--dyad", help="Two countries, either direction.")
    ] = None,
    actor: Annotated[
        str | None, typer.Option("--actor", help="Actor code prefix (PRKGOV) or person name.")
    ] = None,
    code: Annotated[
        str | None, typer.Option("--code", help="CAMEO code or root (04, 042).")
    ] = None,
    quad: Annotated[int | None, typer.Option("--quad", help="Quad class 1-4.")] = None,
    modality: Annotated[
        str | None,
        typer.Option("--modality", help="asserted, negated, hypothetical, future, unconfirmed."),
    ] = None,
    since: Annotated[
        str | None, typer.Option("--since", help="From this date (YYYY-MM-DD).")
    ] = None,
    until: Annotated[
        str | None, typer.Option("--until", help="Up to this date (YYYY-MM-DD).")
    ] = None,
    date_field: Annotated[
        str,
        typer.Option(
            "--by", help="Date to filter and sort on: event_date, report_date, published."
        ),
    ] = "event_date",
    sort: Annotated[
        str | None,
        typer.Option(
            "--sort", help="event_date, report_date, published, lag, goldstein [default: --by]."
        ),
    ] = None,
    desc: Annotated[bool, typer.Option("--desc", help="Newest (largest) first.")] = False,
    outlet: Annotated[
        str | None, typer.Option("--outlet", help="Reporting outlet (source).")
    ] = None,
    limit: Annotated[int, typer.Option("--limit", help="At most this many events.")] = 50,
    fmt: FormatOption = OutputFormat.table,
    as_json: JsonFlag = False,
) -> None:
    """List stored events with filters; dates, report dates and reporting lag included."""
    from ..store import Store
    from ..store.queries import EventFilter, list_events

    flt = EventFilter(
        country=country_code(country) if country else None,
        dyad=(country_code(dyad[0]), country_code(dyad[1])) if dyad else None,
        actor=actor,
        code=code,
        quad_class=quad,
        modality=modality,
        since=parse_day(since, "--since"),
        until=parse_day(until, "--until"),
        outlet=outlet,
        date_field=date_field,
    )
    with Store(db, read_only=True) as store:
        rows = list_events(store, flt, sort=sort or date_field, descending=desc, limit=limit)
    fmt = choose_format(fmt, as_json)
    if fmt is OutputFormat.table:
        columns = (
            "date_start",
            "date_precision",
            "report_lag_days",
            "source_code",
            "code",
            "name",
            "target_code",
            "modality",
            "outlet",
        )
        print_rows(rows, fmt, title=f"{len(rows)} events", columns=columns)
    else:
        print_rows(rows, fmt)


def country_code(value: str) -> str:
    """An ISO alpha-3 code from a code or a country name, or a clear error."""
    from ..actors import lookup_country

    code = lookup_country(value)
    if not code:
        raise QueryError(
            f"{value!r} is not a country detente knows; use an ISO alpha-3 code such as PRK or a name."
        )
    return code


@app.command("backup")
def backup_command(
    destination: Annotated[Path, typer.Argument(help="The backup file to write.")],
    db: DbOption = None,
    force: Annotated[
        bool, typer.Option("--force", help="Overwrite an existing backup file.")
    ] = False,
) -> None:
    """Write a consistent copy of the store (no other process may write meanwhile)."""
    from ..store import Store
    from ..store.backup import backup_store

    written = backup_store(db, destination, overwrite=force)
    console.print(f"backed up {Store.resolve_path(db)} to {written}", highlight=False)


@app.command("restore")
def restore_command(
    backup: Annotated[Path, typer.Argument(help="A backup written by `detente backup`.")],
    db: DbOption = None,
    force: Annotated[bool, typer.Option("--force", help="Replace an existing store.")] = False,
) -> None:
    """Put a backup in place as the store (checked to be a detente store first)."""
    from ..store.backup import restore_store

    target = restore_store(backup, db, overwrite=force)
    console.print(f"restored {backup} to {target}", highlight=False)


@app.command("recode")
def recode_command(
    db: DbOption = None,
    model: ModelOption = None,
    batch_size: Annotated[
        int, typer.Option("--batch-size", help="Articles re-coded per transaction.")
    ] = 64,
    as_json: JsonFlag = False,
) -> None:
    """Re-code stored articles that an older pipeline coded (resumable; reviews kept or flagged)."""
    from ..recode import recode
    from ..store import Store

    with Store(db) as store:
        summary = recode(store, model=model, batch_size=batch_size)
    if as_json:
        print_rows([summary.to_dict()], OutputFormat.json)
        return
    console.print(
        f"re-coded {summary.articles} articles with {summary.pipeline_version}: "
        f"{summary.events_before} event reports before, {summary.events_after} after; "
        f"{summary.merged_dissolved} merged events rebuilt; {summary.reviews_flagged} reviews flagged "
        f"(their event is gone) in {summary.seconds:.1f} s",
        highlight=False,
    )
