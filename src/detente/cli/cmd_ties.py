"""Commands on the ties between states: merge, ties, partners, shifts, network, export, report."""

from __future__ import annotations

import math
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

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
    console_err,
    print_rows,
)
from ._options import parse_day
from .cmd_store import country_code

if TYPE_CHECKING:
    from ..store import Store

DETENTE = "detente"
"""The dataset of detente's own coding (``detente.ties.series.DETENTE``)."""
EXPORT_FORMATS = ("csv", "jsonl", "parquet", "gdelt")
"""``detente.ties.EXPORT_FORMATS``, named here for the help text (a test keeps them equal)."""

SinceOption = Annotated[str | None, typer.Option("--since", help="From this date (YYYY-MM-DD).")]
UntilOption = Annotated[str | None, typer.Option("--until", help="Up to this date (YYYY-MM-DD).")]
AllModalitiesFlag = Annotated[
    bool,
    typer.Option(
        "--all-modalities", help="Count negated, hypothetical, future and unconfirmed events too."
    ),
]
ChartOption = Annotated[
    Path | None, typer.Option("--chart", help="Also draw the tie index to FILE.png or FILE.svg.")
]
FreqOption = Annotated[str, typer.Option("--freq", help="Period: day, week, month or year.")]
DatasetOption = Annotated[
    str,
    typer.Option(
        "--dataset",
        help="Whose events: detente's own coding, or a dataset brought in with `detente import`.",
    ),
]


def _frame_rows(frame) -> list[dict[str, Any]]:
    """DataFrame rows as plain dicts: dates as YYYY-MM-DD, floats rounded, lists kept."""
    rows = []
    for record in frame.to_dict("records"):
        row = {}
        for key, value in record.items():
            if hasattr(value, "isoformat"):
                value = value.isoformat()[:10]
            elif isinstance(value, float):
                value = None if math.isnan(value) else round(value, 4)
            elif hasattr(value, "item"):
                value = value.item()
            row[key] = value
        rows.append(row)
    return rows


def _open(db: str | None, dataset: str = DETENTE) -> Store:
    from ..datasets import pending_rows
    from ..store import Store
    from ..ties import pending_reports
    from ..ties.series import check_dataset

    store = Store(db, read_only=True)
    try:
        check_dataset(store, dataset)
    except BaseException:
        store.close()
        raise
    if dataset == DETENTE:
        waiting, command = pending_reports(store), "detente merge"
    else:
        waiting, command = pending_rows(store, dataset), f"detente merge --dataset {dataset}"
    if waiting:
        console_err.print(
            f"[yellow]note[/] {waiting} event reports are not merged yet; "
            f"run `{command}` to count them.",
            highlight=False,
        )
    return store


@app.command("merge")
def merge_command(
    db: DbOption = None,
    window: Annotated[
        int, typer.Option("--window", help="Days either side within which day-dated reports merge.")
    ] = 1,
    dataset: DatasetOption = DETENTE,
    fmt: FormatOption = OutputFormat.table,
    as_json: JsonFlag = False,
) -> None:
    """Merge newly stored event reports into merged events (one happening, many reports)."""
    from ..datasets import merge_dataset
    from ..store import Store
    from ..ties import merge_new_events
    from ..ties.series import check_dataset_name

    with Store(db) as store:
        if dataset == DETENTE:
            result = merge_new_events(store, window_days=window)
        else:
            result = merge_dataset(store, check_dataset_name(dataset), window_days=window)
    print_rows([result.to_dict()], choose_format(fmt, as_json), title="merge")


@app.command("ties")
def ties_command(
    country_a: Annotated[str, typer.Argument(help="A country: ISO alpha-3 code or name.")],
    country_b: Annotated[str, typer.Argument(help="The other country.")],
    db: DbOption = None,
    freq: FreqOption = "month",
    directed: Annotated[bool, typer.Option("--directed", help="Only events from A to B.")] = False,
    all_modalities: AllModalitiesFlag = False,
    since: SinceOption = None,
    until: UntilOption = None,
    chart: ChartOption = None,
    dataset: DatasetOption = DETENTE,
    fmt: FormatOption = OutputFormat.table,
    as_json: JsonFlag = False,
) -> None:
    """The tie index of two countries over time, with counts by quad class and Goldstein sums."""
    from ..ties import dyad_series, top_events, write_tie_chart
    from ..ties.charts import chart_format, events_on_series
    from ..ties.shifts import dyad_change_points

    a, b = country_code(country_a), country_code(country_b)
    if chart:
        chart_format(chart)  # refuse a bad file name before any work
    first, last = parse_day(since, "--since"), parse_day(until, "--until")
    with _open(db, dataset) as store:
        series = dyad_series(
            store,
            a,
            b,
            freq=freq,
            directed=directed,
            include_all_modalities=all_modalities,
            since=first,
            until=last,
            dataset=dataset,
        )
        if chart:
            cps = dyad_change_points(
                store,
                a,
                b,
                freq=freq,
                since=first,
                until=last,
                include_all_modalities=all_modalities,
                dataset=dataset,
            )
            events = events_on_series(
                top_events(store, a, b, first, last, limit=3, dataset=dataset), series, freq
            )
            write_tie_chart(chart, {f"{a}–{b}": series}, f"Tie index {a}–{b}", cps, events)
    fmt = choose_format(fmt, as_json)
    rows, columns, title = _frame_rows(series), None, f"{a}–{b} by {freq}"
    if fmt is OutputFormat.table:  # on screen, only the periods that had events
        rows = [r for r in rows if r["events"]]
        columns = (
            "period",
            "events",
            "reports",
            "verbal_cooperation",
            "material_cooperation",
            "verbal_conflict",
            "material_conflict",
            "goldstein_sum",
            "goldstein_mean",
            "tie",
        )
        title += f": {len(rows)} periods with events"
    print_rows(rows, fmt, title=title, columns=columns)


@app.command("partners")
def partners_command(
    country: Annotated[str, typer.Argument(help="A country: ISO alpha-3 code or name.")],
    db: DbOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    min_events: Annotated[
        int, typer.Option("--min-events", help="Leave out partners with fewer merged events.")
    ] = 1,
    limit: Annotated[int, typer.Option("--limit", help="At most this many partners.")] = 20,
    all_modalities: AllModalitiesFlag = False,
    dataset: DatasetOption = DETENTE,
    fmt: FormatOption = OutputFormat.table,
    as_json: JsonFlag = False,
) -> None:
    """A country's partners ranked by tie index, warmest first."""
    from ..ties import partners
    from ..ties.partners import PARTNER_SUMMARY

    code = country_code(country)
    with _open(db, dataset) as store:
        frame = partners(
            store,
            code,
            parse_day(since, "--since"),
            parse_day(until, "--until"),
            include_all_modalities=all_modalities,
            min_events=min_events,
            limit=limit,
            dataset=dataset,
        )
    fmt = choose_format(fmt, as_json)
    columns = PARTNER_SUMMARY if fmt is OutputFormat.table else None
    print_rows(_frame_rows(frame), fmt, title=f"Partners of {code}", columns=columns)


def _period(values: tuple[str, str] | None, option: str) -> tuple[date, date] | None:
    if not values:
        return None
    first, last = parse_day(values[0], option), parse_day(values[1], option)
    assert first is not None and last is not None  # parse_day returns None only for None
    return first, last


@app.command("shifts")
def shifts_command(
    country: Annotated[str, typer.Argument(help="A country: ISO alpha-3 code or name.")],
    db: DbOption = None,
    around: Annotated[
        str | None,
        typer.Option(
            "--around", help="Compare the window before this date with the window from it."
        ),
    ] = None,
    before: Annotated[
        tuple[str, str] | None, typer.Option("--before", help="First period: START END.")
    ] = None,
    after: Annotated[
        tuple[str, str] | None, typer.Option("--after", help="Second period: START END.")
    ] = None,
    window: Annotated[
        int, typer.Option("--window", help="Days in each period with --around.")
    ] = 90,
    auto: Annotated[
        bool, typer.Option("--auto", help="Find change points in the main dyads instead.")
    ] = False,
    freq: FreqOption = "week",
    since: SinceOption = None,
    until: UntilOption = None,
    min_events: Annotated[
        int,
        typer.Option("--min-events", help="Leave out partners with fewer events in both periods."),
    ] = 2,
    limit: Annotated[int, typer.Option("--limit", help="At most this many partners.")] = 20,
    chart: ChartOption = None,
    all_modalities: AllModalitiesFlag = False,
    dataset: DatasetOption = DETENTE,
    fmt: FormatOption = OutputFormat.table,
    as_json: JsonFlag = False,
) -> None:
    """Which partners' ties changed most: between two periods, or at change points found (--auto)."""
    from ..ties import change_points, dyad_series, shifts, top_events, write_tie_chart
    from ..ties.charts import chart_format, events_on_series
    from ..ties.series import FREQ_DAYS
    from ..ties.shifts import SHIFT_SUMMARY

    code = country_code(country)
    if chart:
        chart_format(chart)
    if freq not in FREQ_DAYS:
        raise QueryError(f"--freq {freq!r} is not one of {', '.join(FREQ_DAYS)}.")
    first, last = parse_day(since, "--since"), parse_day(until, "--until")
    fmt = choose_format(fmt, as_json)
    with _open(db, dataset) as store:
        cps = (
            change_points(
                store,
                code,
                freq=freq,
                since=first,
                until=last,
                include_all_modalities=all_modalities,
                dataset=dataset,
            )
            if (auto or chart)
            else None
        )
        if auto:
            rows = _frame_rows(cps)
            if fmt is not OutputFormat.json:
                for row in rows:
                    row["events"] = "; ".join(
                        f"{e['series_date']} {e['code']} {e['name']}" for e in row["events"]
                    )
            print_rows(rows, fmt, title=f"Change points in the ties of {code}")
        else:
            frame = shifts(
                store,
                code,
                before=_period(before, "--before"),
                after=_period(after, "--after"),
                around=parse_day(around, "--around"),
                window_days=window,
                include_all_modalities=all_modalities,
                min_events=min_events,
                limit=limit,
                dataset=dataset,
            )
            columns = SHIFT_SUMMARY if fmt is OutputFormat.table else None
            print_rows(
                _frame_rows(frame), fmt, title=f"Shifts in the ties of {code}", columns=columns
            )
        if chart and cps is not None:
            top = list(dict.fromkeys(cps["partner"]))[:4]
            series = {
                f"{code}–{p}": dyad_series(
                    store,
                    code,
                    p,
                    freq=freq,
                    since=first,
                    until=last,
                    include_all_modalities=all_modalities,
                    dataset=dataset,
                )
                for p in top
            }
            events = (
                events_on_series(
                    top_events(store, code, top[0], first, last, limit=3, dataset=dataset),
                    series[f"{code}–{top[0]}"],
                    freq,
                )
                if top
                else []
            )
            write_tie_chart(chart, series, f"Tie index of {code}: change points", cps, events)


@app.command("network")
def network_command(
    db: DbOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    weight: Annotated[str, typer.Option("--weight", help="Edge weight: tie or events.")] = "tie",
    min_events: Annotated[
        int, typer.Option("--min-events", help="Leave out pairs with fewer merged events.")
    ] = 1,
    show_blocs: Annotated[
        bool, typer.Option("--blocs", help="List the blocs (communities) instead of the pairs.")
    ] = False,
    limit: Annotated[int, typer.Option("--limit", help="At most this many rows.")] = 50,
    all_modalities: AllModalitiesFlag = False,
    dataset: DatasetOption = DETENTE,
    fmt: FormatOption = OutputFormat.table,
    as_json: JsonFlag = False,
) -> None:
    """The network of states in a period: pairs with their tie, or the blocs they form."""
    from ..ties import blocs, network
    from ..ties.network import graph_edges

    with _open(db, dataset) as store:
        graph = network(
            store,
            parse_day(since, "--since"),
            parse_day(until, "--until"),
            weight=weight,
            min_events=min_events,
            include_all_modalities=all_modalities,
            dataset=dataset,
        )
    frame = blocs(graph) if show_blocs else graph_edges(graph)
    title = (
        "Blocs"
        if show_blocs
        else f"{graph.number_of_edges()} pairs of {graph.number_of_nodes()} states"
    )
    print_rows(_frame_rows(frame.head(limit)), choose_format(fmt, as_json), title=title)


@app.command("export")
def export_command(
    out: Annotated[Path, typer.Argument(help="The file to write.")],
    db: DbOption = None,
    export_format: Annotated[
        str, typer.Option("--format", "-f", help=f"File format: {', '.join(EXPORT_FORMATS)}.")
    ] = "csv",
    since: SinceOption = None,
    until: UntilOption = None,
    all_modalities: AllModalitiesFlag = False,
    dataset: DatasetOption = DETENTE,
    as_json: JsonFlag = False,
) -> None:
    """Export merged events as CSV, JSON lines, Parquet or the GDELT 2.0 event layout (tab-separated)."""
    from ..ties import export_events

    with _open(db, dataset) as store:
        count = export_events(
            store,
            out,
            export_format,
            parse_day(since, "--since"),
            parse_day(until, "--until"),
            include_all_modalities=all_modalities,
            dataset=dataset,
        )
    print_rows(
        [{"file": str(out), "format": export_format, "events": count}],
        OutputFormat.json if as_json else OutputFormat.table,
        title="export",
    )


@app.command("report")
def report_command(
    country: Annotated[str, typer.Argument(help="A country: ISO alpha-3 code or name.")],
    out: Annotated[Path, typer.Argument(help="The HTML file to write.")],
    db: DbOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    around: Annotated[
        str | None,
        typer.Option("--around", help="Also compare the periods before and after this date."),
    ] = None,
    window: Annotated[
        int, typer.Option("--window", help="Days in each period with --around.")
    ] = 90,
    freq: FreqOption = "week",
    dataset: DatasetOption = DETENTE,
    fmt: FormatOption = OutputFormat.table,
    as_json: JsonFlag = False,
) -> None:
    """Write a self-contained HTML report on a country's ties: partners, shifts, charts, evidence."""
    from ..ties import write_report

    code = country_code(country)
    with _open(db, dataset) as store:
        path = write_report(
            store,
            code,
            out,
            since=parse_day(since, "--since"),
            until=parse_day(until, "--until"),
            around=parse_day(around, "--around"),
            window_days=window,
            freq=freq,
            dataset=dataset,
        )
    print_rows(
        [{"report": str(path), "country": code}], choose_format(fmt, as_json), title="report"
    )


@app.command("compare")
def compare_command(
    country_a: Annotated[str, typer.Argument(help="A country: ISO alpha-3 code or name.")],
    country_b: Annotated[str, typer.Argument(help="The other country.")],
    datasets: Annotated[
        list[str] | None,
        typer.Option(
            "--dataset", help="A dataset to compare; give two [default: gdelt and detente]."
        ),
    ] = None,
    db: DbOption = None,
    freq: FreqOption = "month",
    directed: Annotated[bool, typer.Option("--directed", help="Only events from A to B.")] = False,
    since: SinceOption = None,
    until: UntilOption = None,
    top: Annotated[
        int, typer.Option("--top", help="List this many periods of largest disagreement.")
    ] = 3,
    chart: ChartOption = None,
    as_json: JsonFlag = False,
) -> None:
    """A pair's tie series from two datasets side by side: correlation, and where they disagree."""
    from ..store import Store
    from ..ties.charts import chart_format
    from ..ties.compare import compare_datasets, write_comparison_chart

    a, b = country_code(country_a), country_code(country_b)
    chosen = tuple(datasets or ("gdelt", DETENTE))
    if len(chosen) != 2:
        raise QueryError(f"give --dataset twice (two datasets to compare); got {len(chosen)}.")
    if chart:
        chart_format(chart)
    with Store(db, read_only=True) as store:
        result = compare_datasets(
            store,
            a,
            b,
            datasets=(chosen[0], chosen[1]),
            freq=freq,
            since=parse_day(since, "--since"),
            until=parse_day(until, "--until"),
            top=top,
            directed=directed,
        )
    if chart:
        write_comparison_chart(chart, result)
    if as_json:
        print_rows([{**result.summary(), "disagreements": result.disagreements}], OutputFormat.json)
        print_rows(_frame_rows(result.frame), OutputFormat.json)
        return
    print_rows([result.summary()], OutputFormat.table, title=f"{a}–{b}: agreement")
    one, two = result.datasets
    rows = [r for r in _frame_rows(result.frame) if r[f"events_{one}"] or r[f"events_{two}"]]
    columns = ("period", f"events_{one}", f"tie_{one}", f"events_{two}", f"tie_{two}", "gap")
    print_rows(rows, OutputFormat.table, title=f"{a}–{b} by {freq}", columns=columns)
    for item in result.disagreements:
        console.print(
            f"[bold]{item['period']}[/]: gap {item['gap']:+.2f} "
            f"({one} {item[f'tie_{one}']:+.2f} on {item[f'events_{one}']} events, "
            f"{two} {item[f'tie_{two}']:+.2f} on {item[f'events_{two}']})",
            highlight=False,
        )
        for name in result.datasets:
            for event in item[f"evidence_{name}"]:
                console.print(
                    f"  {name}: {event['series_date']} {event['source_country'] or '?'}→"
                    f"{event['target_country'] or '?'} {event['code']} {event['name'] or ''} "
                    f"({event['report_count']} reports) {event.get('sentence') or ''}",
                    highlight=False,
                    soft_wrap=True,
                )
