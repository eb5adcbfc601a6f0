"""A self-contained HTML report on one country's ties: partners, shifts, charts, evidence.

Everything is inline (styles, charts as base64 PNG), so the file opens offline and
can be mailed as it is. All text from the store is HTML-escaped.
"""

from __future__ import annotations

import base64
import html
import logging
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd

from ..errors import InputError
from ..store import Store
from .charts import events_on_series, tie_chart_bytes
from .evidence import event_records, top_events
from .gdelt import country_name
from .partners import PARTNER_SUMMARY, partners
from .series import DETENTE, dyad_series
from .shifts import SHIFT_SUMMARY, change_points, shifts

log = logging.getLogger(__name__)

STYLE = """
body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:2rem auto;max-width:70rem;
color:#1d2731;line-height:1.45}h1{margin-bottom:.2rem}.meta{color:#5b6770}
table{border-collapse:collapse;margin:1rem 0;font-size:.9rem}th,td{border-bottom:1px solid #dde3e8;
padding:.3rem .6rem;text-align:left}th{background:#f3f6f8}.warming{color:#1f7a4d}.cooling{color:#b3412b}
blockquote{margin:.3rem 0 .8rem 1rem;padding-left:.8rem;border-left:3px solid #cfd8de;color:#33414d}
img{max-width:100%}
"""


def _table(frame: pd.DataFrame, columns: list[str]) -> str:
    if frame.empty:
        return "<p>Nothing in this period.</p>"
    head = "".join(f"<th>{html.escape(c)}</th>" for c in columns)
    body = []
    for row in frame[columns].to_dict("records"):
        cells = []
        for c in columns:
            value = row[c]
            text = (
                f"{value:.3f}"
                if isinstance(value, float)
                else ("" if value is None else str(value))
            )
            css = f' class="{html.escape(text)}"' if c == "direction" else ""
            cells.append(
                f"<td{css}>{html.escape(text[:10] if c in ('first', 'last') else text)}</td>"
            )
        body.append("<tr>" + "".join(cells) + "</tr>")
    return f"<table><tr>{head}</tr>{''.join(body)}</table>"


def _reports(count: int) -> str:
    return "1 report" if count == 1 else f"{count} reports"


def _evidence(events: list[dict[str, Any]]) -> str:
    if not events:
        return "<p>No events.</p>"
    items = []
    for e in events:
        who = f"{e.get('source_country') or '?'} → {e.get('target_country') or '?'}"
        outlets = ", ".join(e.get("outlets") or [])
        items.append(
            f"<li><strong>{html.escape(str(e.get('series_date') or 'undated'))}</strong> "
            f"{html.escape(who)}: {html.escape(str(e.get('code')))} {html.escape(str(e.get('name') or ''))} "
            f"({_reports(e.get('report_count') or 1)}; {html.escape(outlets)})"
            f"<blockquote>{html.escape(str(e.get('sentence') or ''))}</blockquote></li>"
        )
    return "<ul>" + "".join(items) + "</ul>"


def _chart(
    store: Store,
    country: str,
    top: list[str],
    cps: pd.DataFrame,
    freq: str,
    since: date | None,
    until: date | None,
    dataset: str = DETENTE,
) -> str:
    if not top:
        return ""
    series = {
        f"{country}–{p}": dyad_series(
            store, country, p, freq=freq, since=since, until=until, dataset=dataset
        )
        for p in top
    }
    first = next(iter(series.values()))
    events = events_on_series(
        top_events(store, country, top[0], since, until, limit=3, dataset=dataset), first, freq
    )
    png = tie_chart_bytes(
        series, "png", f"Tie index of {country} with its main partners", cps, events
    )
    data = base64.b64encode(png).decode("ascii")
    return f'<img alt="tie index chart" src="data:image/png;base64,{data}">'


def build_report(
    store: Store,
    country: str,
    since: date | None = None,
    until: date | None = None,
    around: date | None = None,
    window_days: int = 90,
    freq: str = "week",
    top: int = 10,
    dataset: str = DETENTE,
) -> str:
    """The HTML text of the report on ``country`` (from the merged events of ``dataset``)."""
    ranked = partners(store, country, since, until, limit=top, dataset=dataset)
    main = ranked.sort_values("events", ascending=False)["partner"].head(3).tolist()
    cps = change_points(
        store, country, freq=freq, partners=5, since=since, until=until, dataset=dataset
    )
    name = country_name(country) or country
    parts = [
        f"<h1>Ties of {html.escape(name)} ({html.escape(country)})</h1>",
        (
            f'<p class="meta">From {since or "the first event"} to {until or "the last event"}; '
            f"dataset {html.escape(dataset)}; merged events, asserted only. Tie index: cooperation minus conflict, weighted by "
            "Goldstein, over the pair's news volume (−1 to 1).</p>"
        ),
        "<h2>Partners by tie</h2>",
        _table(
            ranked,
            list(PARTNER_SUMMARY),
        ),
        "<h2>Tie index over time</h2>",
        _chart(store, country, main, cps, freq, since, until, dataset),
    ]
    if around is not None:
        moved = shifts(
            store, country, around=around, window_days=window_days, limit=top, dataset=dataset
        )
        parts += [
            f"<h2>Shifts around {around}</h2>",
            _table(
                moved,
                list(SHIFT_SUMMARY),
            ),
        ]
    parts += [
        "<h2>Change points</h2>",
        _table(cps, ["partner", "date", "direction", "tie_before", "tie_after", "change"]),
    ]
    for row in cps.head(5).itertuples(index=False):
        parts += [
            f"<h3>{html.escape(str(row.partner))}, {row.date}: {html.escape(row.direction)}</h3>",
            _evidence(row.events),
        ]
    parts += [
        "<h2>The weightiest events</h2>",
        _evidence(
            event_records(
                top_events(store, country, since=since, until=until, limit=10, dataset=dataset)
            )
        ),
    ]
    body = "\n".join(p for p in parts if p)
    return (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        f"<title>detente: ties of {html.escape(country)}</title><style>{STYLE}</style></head>"
        f"<body>{body}</body></html>\n"
    )


def write_report(store: Store, country: str, out: str | Path, **options: Any) -> Path:
    """Write :func:`build_report` to ``out`` and return the path."""
    path = Path(out)
    text = build_report(store, country, **options)
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise InputError(f"{path}: cannot write the report: {exc.strerror or exc}.") from exc
    log.info("wrote report %s", path)
    return path
