"""Charts of the tie index over time, with change points and the biggest events marked.

matplotlib with the Agg backend (no display needed); PNG or SVG chosen by the
file name, or returned as bytes for embedding in HTML reports.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from ..errors import InputError

log = logging.getLogger(__name__)

CHART_FORMATS = ("png", "svg")


def _pyplot():
    import matplotlib

    matplotlib.use("Agg", force=True)
    import matplotlib.pyplot as plt

    return plt


def chart_format(path: str | Path) -> str:
    suffix = Path(path).suffix.lower().lstrip(".")
    if suffix not in CHART_FORMATS:
        raise InputError(
            f"{path}: charts are written as .png or .svg; choose a file name ending in one."
        )
    return suffix


def tie_chart_bytes(
    series: dict[str, pd.DataFrame],
    fmt: str = "png",
    title: str | None = None,
    change_points: pd.DataFrame | None = None,
    events: Sequence[dict[str, Any]] = (),
) -> bytes:
    """Draw one tie-index line per labelled series; mark change points and events.

    ``series`` maps a label (``"PRK–RUS"``) to a :func:`~detente.ties.series.dyad_series`
    frame; ``change_points`` has ``date`` (and ``partner``) columns; each event has
    ``series_date``, ``tie`` (where to put it; 0 if absent) and ``code``/``name``.
    """
    if fmt not in CHART_FORMATS:
        raise InputError(f"chart format {fmt!r} is not one of {', '.join(CHART_FORMATS)}.")
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(9, 4.2), dpi=100)
    try:
        for label, frame in series.items():
            active = frame[frame["events"] > 0]  # empty periods say nothing: join active ones
            if len(active):
                ax.plot(
                    pd.to_datetime(active["period"]),
                    active["tie"],
                    marker="o",
                    markersize=3,
                    linewidth=1.5,
                    label=label,
                )
        _mark_changes(ax, change_points)
        _mark_events(ax, events)
        ax.axhline(0, color="#888888", linewidth=0.8)
        ax.set_ylim(-1.05, 1.05)
        ax.set_ylabel("tie index (cooperation − conflict)")
        ax.set_title(title or "Tie index")
        ax.grid(alpha=0.3)
        if series:
            ax.legend(loc="lower left", fontsize=8)
        fig.autofmt_xdate()
        fig.tight_layout()
        buffer = io.BytesIO()
        fig.savefig(buffer, format=fmt, metadata=_metadata(fmt))
        return buffer.getvalue()
    finally:
        plt.close(fig)


def _metadata(fmt: str) -> dict[str, Any]:
    # fixed metadata keeps output reproducible (no creation dates)
    return {"Date": None} if fmt == "svg" else {"Software": "detente"}


def _mark_changes(ax, change_points: pd.DataFrame | None) -> None:
    if change_points is None or change_points.empty:
        return
    for row in change_points.itertuples(index=False):
        colour = "#2a9d8f" if getattr(row, "direction", "") == "warming" else "#e76f51"
        ax.axvline(pd.Timestamp(row.date), color=colour, linestyle="--", linewidth=1.2)
        label = f"{getattr(row, 'partner', '')} {getattr(row, 'direction', '')}".strip()
        ax.annotate(
            label,
            (pd.Timestamp(row.date), 0.95),
            fontsize=7,
            rotation=90,
            va="top",
            ha="right",
            color=colour,
        )


def _mark_events(ax, events: Sequence[dict[str, Any]]) -> None:
    for event in events:
        when = pd.Timestamp(event["series_date"])
        y = float(event.get("tie", 0.0) or 0.0)
        ax.scatter([when], [y], s=40, marker="*", color="#264653", zorder=5)
        ax.annotate(
            f"{event.get('code', '')} {str(event.get('name', ''))[:24]}",
            (when, y),
            textcoords="offset points",
            xytext=(4, 6),
            fontsize=7,
        )


def write_tie_chart(
    path: str | Path,
    series: dict[str, pd.DataFrame],
    title: str | None = None,
    change_points: pd.DataFrame | None = None,
    events: Sequence[dict[str, Any]] = (),
) -> Path:
    """Write the chart to ``path`` (.png or .svg) and return the path."""
    path = Path(path)
    data = tie_chart_bytes(series, chart_format(path), title, change_points, events)
    try:
        path.write_bytes(data)
    except OSError as exc:
        raise InputError(f"{path}: cannot write the chart: {exc.strerror or exc}.") from exc
    log.info("wrote chart %s", path)
    return path


def events_on_series(
    events: pd.DataFrame | Sequence[dict[str, Any]], series: pd.DataFrame, freq: str
) -> list[dict[str, Any]]:
    """Place events on a series: each takes the tie value of its period."""
    from .series import period_start

    records = events.to_dict("records") if isinstance(events, pd.DataFrame) else list(events)
    by_period = {pd.Timestamp(p): t for p, t in zip(series["period"], series["tie"])}
    placed = []
    for event in records:
        when = event["series_date"]
        period = period_start(pd.Timestamp(when).date(), freq)
        placed.append({**event, "tie": by_period.get(pd.Timestamp(period), 0.0)})
    return placed
