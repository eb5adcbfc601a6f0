"""The events behind what a chart shows: the events that drove each change point, the
weightiest events of each period, and a pair's counts explained (asserted vs all
modalities, merged events vs reports)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pandas as pd

from ..store import Store
from ..ties.evidence import EvidencePeriods, EvidenceWindow, top_events_by_window
from ..ties.series import DETENTE, PANDAS_FREQ, counted_source, dataset_clause
from .data import MergedFilter, records

CHANGE_PERIODS = 2  # a change point's evidence: its first two periods, as in ties.shifts
MOST_PERIODS = 36


def period_end(start: date, freq: str, periods: int = 1) -> date:
    """The last day of the ``periods`` periods starting at ``start``."""
    following = pd.Timestamp(start) + pd.tseries.frequencies.to_offset(PANDAS_FREQ[freq]) * periods
    return (following - timedelta(days=1)).date()


def _events_in(
    store: Store,
    a: str,
    b: str,
    windows: list[EvidenceWindow],
    periods: EvidencePeriods,
    dataset: str,
) -> list[list[dict[str, Any]]]:
    """Each window's and period's weightiest events of the pair, as records, in one go."""
    out: list[list[dict[str, Any]]] = [[] for _ in range(len(windows) + len(periods.starts))]
    for event in records(top_events_by_window(store, a, b, windows, periods, dataset=dataset)):
        if isinstance(event.get("outlets"), str):
            event["outlets"] = [event["outlets"]]
        out[event.pop("window")].append(event)
    return out


def _change_windows(changes: list[dict[str, Any]], freq: str, limit: int) -> list[EvidenceWindow]:
    """Each change point's first periods, with the quad classes pushing its way (cooperation
    when warming, conflict when cooling)."""
    return [
        EvidenceWindow(
            change["date"],
            period_end(change["date"], freq, CHANGE_PERIODS),
            (1, 2) if change["direction"] == "warming" else (3, 4),
            limit,
        )
        for change in changes
    ]


def _evidence_periods(series: list[dict[str, Any]], freq: str, limit: int) -> EvidencePeriods:
    """The newest periods with events (at most :data:`MOST_PERIODS`)."""
    rows = [r for r in series if r["events"]][::-1][:MOST_PERIODS]
    return EvidencePeriods(freq, tuple(r["period"] for r in rows), limit)


def change_evidence(
    store: Store,
    a: str,
    b: str,
    changes: list[dict[str, Any]],
    freq: str,
    limit: int = 5,
    dataset: str = DETENTE,
) -> list[dict[str, Any]]:
    """Each change point with the weightiest events pushing its way (cooperation when
    warming, conflict when cooling) in its first periods."""
    return pair_evidence(store, a, b, changes, [], freq, limit, 0, dataset)[0]


def pair_evidence(
    store: Store,
    a: str,
    b: str,
    changes: list[dict[str, Any]],
    series: list[dict[str, Any]],
    freq: str,
    change_limit: int = 5,
    period_limit: int = 3,
    dataset: str = DETENTE,
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Each change point with the weightiest events pushing its way (as
    :func:`change_evidence`), and the newest periods with events (at most
    :data:`MOST_PERIODS`), each with its tie and its weightiest events: in one read."""
    change_windows = _change_windows(changes, freq, change_limit)
    periods = _evidence_periods(series, freq, period_limit)
    found = _events_in(store, a, b, change_windows, periods, dataset)
    moved = [
        {**change, "until": window.until, "events": events}
        for change, window, events in zip(changes, change_windows, found)
    ]
    rows = {row["period"]: row for row in series}
    listed = [
        {
            "period": start,
            "until": period_end(start, freq),
            "tie": rows[start]["tie"],
            "count": rows[start]["events"],
            "events": events,
        }
        for start, events in zip(periods.starts, found[len(changes) :])
    ]
    return moved, listed


def pair_counts(
    store: Store, flt: MergedFilter, freq: str, include_reviews: bool = True
) -> dict[str, Any]:
    """What each count of a pair counts: merged events by modality, their reports, and the
    asserted events dated too coarsely for a ``freq`` series."""
    source = counted_source(include_reviews)
    where, params = flt.where(source)
    rows = store.query(
        f"SELECT modality, count(*) AS events, sum(report_count)::BIGINT AS reports, "
        f"count(*) FILTER (WHERE coalesce(date_precision, 'unknown') IN "
        f"(SELECT unnest(?))) AS coarse "
        f"FROM {source.table} WHERE {where} AND {dataset_clause(flt.dataset)} "
        "GROUP BY modality ORDER BY events DESC",
        [list(_coarser(freq)), *params],
    )
    by_modality = {r["modality"]: r["events"] for r in rows}
    asserted = next((r for r in rows if r["modality"] == "asserted"), None)
    return {
        "all_events": sum(r["events"] for r in rows),
        "asserted": by_modality.get("asserted", 0),
        "reports": sum(r["reports"] or 0 for r in rows),
        "by_modality": by_modality,
        "coarse": asserted["coarse"] if asserted else 0,
    }


def _coarser(freq: str) -> tuple[str, ...]:
    from ..ties.series import COARSER

    return COARSER[freq] or ("",)


def what_moved(
    store: Store,
    country: str,
    partners: int = 5,
    freq: str = "month",
    evidence: int = 2,
    dataset: str = DETENTE,
) -> list[dict[str, Any]]:
    """The change points of a country's busiest pairs, biggest first, each with the events
    that drove it: the same series and change points as the pair pages, so each links to
    its evidence there."""
    from ..ties.shifts import main_partners
    from .pairs import changes_in
    from .review import reviewed_dyad_series

    moved = []
    for partner in main_partners(store, country, None, None, partners, dataset=dataset):
        series = reviewed_dyad_series(
            store, country, partner, freq, finer_only=True, dataset=dataset
        )
        changes = change_evidence(
            store, country, partner, changes_in(series), freq, evidence, dataset
        )
        moved += [{**change, "partner": partner} for change in changes]
    return sorted(moved, key=lambda c: (-abs(c["change"]), c["partner"]))
