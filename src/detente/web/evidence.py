"""The events behind what a chart shows: the events that drove each change point, the
weightiest events of each period, and a pair's counts explained (asserted vs all
modalities, merged events vs reports)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pandas as pd

from ..store import Store
from ..ties.evidence import top_events
from ..ties.series import DETENTE, PANDAS_FREQ
from .data import MergedFilter, records
from .review import table_for

CHANGE_PERIODS = 2  # a change point's evidence: its first two periods, as in ties.shifts
MOST_PERIODS = 36


def period_end(start: date, freq: str, periods: int = 1) -> date:
    """The last day of the ``periods`` periods starting at ``start``."""
    following = pd.Timestamp(start) + pd.tseries.frequencies.to_offset(PANDAS_FREQ[freq]) * periods
    return (following - timedelta(days=1)).date()


def _events(
    store: Store, a: str, b: str, since: date, until: date, quads, limit: int, dataset: str
):
    found = records(
        top_events(store, a, b, since, until, quads=quads, limit=limit, dataset=dataset)
    )
    for event in found:
        if isinstance(event.get("outlets"), str):
            event["outlets"] = [event["outlets"]]
    return found


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
    out = []
    for change in changes:
        quads = (1, 2) if change["direction"] == "warming" else (3, 4)
        until = period_end(change["date"], freq, CHANGE_PERIODS)
        events = _events(store, a, b, change["date"], until, quads, limit, dataset)
        out.append({**change, "until": until, "events": events})
    return out


def period_evidence(
    store: Store,
    a: str,
    b: str,
    series: list[dict[str, Any]],
    freq: str,
    limit: int = 3,
    dataset: str = DETENTE,
) -> list[dict[str, Any]]:
    """The newest periods with events (at most :data:`MOST_PERIODS`), each with its tie and
    its weightiest events."""
    out = []
    for row in [r for r in series if r["events"]][::-1][:MOST_PERIODS]:
        start = row["period"]
        until = period_end(start, freq)
        events = _events(store, a, b, start, until, (1, 2, 3, 4), limit, dataset)
        out.append(
            {
                "period": start,
                "until": until,
                "tie": row["tie"],
                "count": row["events"],
                "events": events,
            }
        )
    return out


def pair_counts(
    store: Store, flt: MergedFilter, freq: str, include_reviews: bool = True
) -> dict[str, Any]:
    """What each count of a pair counts: merged events by modality, their reports, and the
    asserted events dated too coarsely for a ``freq`` series."""
    where, params = flt.where()
    rows = store.query(
        f"SELECT modality, count(*) AS events, sum(report_count)::BIGINT AS reports, "
        f"count(*) FILTER (WHERE coalesce(date_precision, 'unknown') IN "
        f"(SELECT unnest(?))) AS coarse "
        f"FROM {table_for(include_reviews, flt.dataset)} WHERE {where} "
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
