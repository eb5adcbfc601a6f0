"""Shifts in a country's ties: between two chosen periods, and change points found automatically.

:func:`shifts` compares each partner's tie index (see :mod:`detente.ties.series`)
in a period *before* and a period *after*, and ranks partners by how far it moved.
:func:`change_points` runs change-point detection on each of the country's main
dyads with ``ruptures`` (PELT, least-squares cost: a maintained, tested
implementation of exact segmentation, so we do not write our own), and lists each
change with the events that drive it.
"""

from __future__ import annotations

import logging
import math
from datetime import date, timedelta
from functools import cache
from typing import Any

import numpy as np
import pandas as pd

from ..errors import QueryError
from ..store import Store
from .evidence import event_records, top_events
from .partners import country_bounds, partner_windows
from .series import DETENTE, FREQ_DAYS, check_freq, dyad_series

log = logging.getLogger(__name__)

STEADY = 0.05
"""Changes of the tie index smaller than this are reported as ``steady``."""

SHIFT_SUMMARY = (
    "partner",
    "change",
    "direction",
    "tie_before",
    "tie_after",
    "events_before",
    "events_after",
)
"""The columns a table of shifts shows at a glance (the CLI's table, the HTML report)."""
SHIFT_COLUMNS = (
    *SHIFT_SUMMARY,
    "cooperation_before",
    "cooperation_after",
    "conflict_before",
    "conflict_after",
)


def periods_around(around: date, window_days: int) -> tuple[tuple[date, date], tuple[date, date]]:
    """``window_days`` before ``around`` (excluded) and ``window_days`` from it (included)."""
    if window_days < 1:
        raise QueryError(f"the window must be at least one day; got {window_days}.")
    return (
        (around - timedelta(days=window_days), around - timedelta(days=1)),
        (around, around + timedelta(days=window_days - 1)),
    )


def direction(change: float) -> str:
    if change > STEADY:
        return "warming"
    if change < -STEADY:
        return "cooling"
    return "steady"


def shifts(
    store: Store,
    country: str,
    before: tuple[date, date] | None = None,
    after: tuple[date, date] | None = None,
    around: date | None = None,
    window_days: int = 90,
    include_all_modalities: bool = False,
    min_events: int = 2,
    limit: int | None = None,
    dataset: str = DETENTE,
) -> pd.DataFrame:
    """Which partners' tie index changed most between two periods.

    Give ``around`` (compare ``window_days`` before it with ``window_days`` from
    it), or ``before`` and ``after`` as (start, end) date pairs. Partners with
    fewer than ``min_events`` merged events in the two periods together are left
    out. Rows are ranked by the size of the change, largest first.
    """
    if around is not None:
        if before or after:
            raise QueryError("give either --around or --before/--after, not both.")
        before, after = periods_around(around, window_days)
    if before is None or after is None:
        raise QueryError(
            "say which periods to compare: --around DATE, or both --before and --after."
        )
    frame = partner_windows(store, country, [before, after], include_all_modalities, dataset)
    if frame.empty:
        return pd.DataFrame({c: pd.Series(dtype="object") for c in SHIFT_COLUMNS})
    frame = frame.rename(columns=_window_names)
    frame = frame[frame["events_before"] + frame["events_after"] >= min_events].copy()
    frame["change"] = frame["tie_after"] - frame["tie_before"]
    frame["direction"] = frame["change"].map(direction)
    frame = frame.assign(size=frame["change"].abs()).sort_values(
        ["size", "partner"], ascending=[False, True]
    )
    frame = frame[list(SHIFT_COLUMNS)].reset_index(drop=True)
    frame.attrs.update(before=before, after=after)
    return frame.head(limit) if limit else frame


def _window_names(column: str) -> str:
    if column.endswith("_0"):
        return column[:-2] + "_before"
    if column.endswith("_1"):
        return column[:-2] + "_after"
    return column


CHANGE_COLUMNS = ("partner", "date", "direction", "tie_before", "tie_after", "change", "events")


def main_partners(
    store: Store,
    country: str,
    since: date | None,
    until: date | None,
    top: int,
    include_all_modalities: bool = False,
    dataset: str = DETENTE,
) -> list[str]:
    """The partners with the most merged events in the period."""
    bounds = country_bounds(store, country, include_all_modalities, dataset)
    if bounds is None:
        return []
    frame = partner_windows(
        store,
        country,
        [(since or bounds[0], until or bounds[1])],
        include_all_modalities,
        dataset,
    )
    frame = frame[frame["events_0"] > 0].sort_values(
        ["events_0", "partner"], ascending=[False, True]
    )
    return frame["partner"].head(top).tolist()


def detect_changes(
    signal: np.ndarray, min_size: int = 2, penalty: float | None = None
) -> list[int]:
    """Indices where a new regime of the signal starts (PELT, least-squares cost).

    The default penalty is BIC-like, ``3 σ² log n``, with the noise ``σ`` estimated
    robustly from the median absolute difference of consecutive values.
    """
    import ruptures

    n = len(signal)
    if n < 2 * min_size:
        return []
    if penalty is None:
        mad = float(np.median(np.abs(np.diff(signal)))) / (0.6745 * math.sqrt(2))
        sigma2 = max(mad**2, 0.05 * float(np.var(signal)), 1e-4)
        penalty = 3.0 * sigma2 * math.log(n)
    cost = segment_costs()() if n <= MOST_PRECOMPUTED else None
    algo = ruptures.Pelt(model="l2", custom_cost=cost, min_size=min_size, jump=1)
    return [b for b in algo.fit(signal.reshape(-1, 1)).predict(pen=penalty) if b < n]


MOST_PRECOMPUTED = 400
"""Signals up to this length get every segment's cost computed at once (a monthly series of
33 years); longer ones are costed segment by segment, as ruptures does."""


@cache
def segment_costs() -> type:
    """ruptures' least-squares cost (``CostL2``) with every segment's cost computed up front:
    one numpy call per segment length rather than one per segment that PELT asks about,
    which made a 10-year monthly series cost a fifth of a second. The numbers are the same
    bit for bit (numpy computes each window's variance as it does a slice's), so PELT finds
    the same change points. (A class made on first use: ruptures loads slowly.)"""
    from numpy.lib.stride_tricks import sliding_window_view
    from ruptures.base import BaseCost
    from ruptures.costs import NotEnoughPoints

    class SegmentCosts(BaseCost):
        model = "l2"

        def __init__(self) -> None:
            self.signal: np.ndarray | None = None
            self.min_size = 1
            self.costs = np.empty((0, 0))

        def fit(self, signal: np.ndarray) -> SegmentCosts:
            self.signal = signal.reshape(-1, 1) if signal.ndim == 1 else signal
            values = self.signal[:, 0]
            n = len(values)
            self.costs = np.full((n + 1, n + 1), np.nan)  # [start, end]
            for size in range(1, n + 1):
                starts = np.arange(n - size + 1)
                variance = sliding_window_view(values, size).var(axis=1)
                self.costs[starts, starts + size] = variance * size
            return self

        def error(self, start: int, end: int) -> float:
            if end - start < self.min_size:
                raise NotEnoughPoints
            return self.costs[start, end]

    return SegmentCosts


def change_points(
    store: Store,
    country: str,
    freq: str = "week",
    partners: int = 5,
    since: date | None = None,
    until: date | None = None,
    min_size: int = 2,
    penalty: float | None = None,
    evidence: int = 3,
    include_all_modalities: bool = False,
    dataset: str = DETENTE,
) -> pd.DataFrame:
    """Change points in the tie index of each of a country's main dyads, with their driving events.

    For the ``partners`` busiest partners, the tie-index series at ``freq`` (periods
    with events only) is segmented; each change is dated at the first period of the new regime and
    carries ``events``: the weightiest merged events pushing in its direction
    (cooperation when warming, conflict when cooling) within two periods of it.
    """
    check_freq(freq)
    rows: list[dict[str, Any]] = []
    for partner in main_partners(
        store, country, since, until, partners, include_all_modalities, dataset
    ):
        found = dyad_change_points(
            store,
            country,
            partner,
            freq,
            since,
            until,
            min_size,
            penalty,
            evidence,
            include_all_modalities,
            dataset,
        )
        rows += found.to_dict("records")
    frame = pd.DataFrame(rows, columns=list(CHANGE_COLUMNS))
    if not frame.empty:
        frame = (
            frame.assign(size=frame["change"].abs())
            .sort_values(["size", "partner"], ascending=[False, True])
            .drop(columns="size")
            .reset_index(drop=True)
        )
    return frame


def dyad_change_points(
    store: Store,
    a: str,
    b: str,
    freq: str = "week",
    since: date | None = None,
    until: date | None = None,
    min_size: int = 2,
    penalty: float | None = None,
    evidence: int = 3,
    include_all_modalities: bool = False,
    dataset: str = DETENTE,
) -> pd.DataFrame:
    """Change points in the tie index of one pair (see :func:`change_points`), in date order."""
    series = dyad_series(
        store,
        a,
        b,
        freq=freq,
        since=since,
        until=until,
        include_all_modalities=include_all_modalities,
        dataset=dataset,
    )
    series = series[series["events"] > 0]  # an empty period says nothing about the balance
    signal = series["tie"].to_numpy(dtype="float64")
    bounds = [0, *detect_changes(signal, min_size, penalty), len(signal)]
    rows = []
    for prev, start, end in zip(bounds, bounds[1:], bounds[2:]):
        tie_before, tie_after = float(signal[prev:start].mean()), float(signal[start:end].mean())
        change = tie_after - tie_before
        when = series["period"].iloc[start].date()
        rows.append(
            {
                "partner": b,
                "date": when,
                "direction": direction(change),
                "tie_before": round(tie_before, 4),
                "tie_after": round(tie_after, 4),
                "change": round(change, 4),
                "events": _driving_events(
                    store, a, b, when, freq, change, evidence, include_all_modalities, dataset
                ),
            }
        )
    return pd.DataFrame(rows, columns=list(CHANGE_COLUMNS))


def _driving_events(
    store: Store,
    country: str,
    partner: str,
    when: date,
    freq: str,
    change: float,
    limit: int,
    include_all_modalities: bool,
    dataset: str = DETENTE,
) -> list[dict[str, Any]]:
    reach = timedelta(days=round(2 * FREQ_DAYS[freq]))
    quads = (1, 2) if change > 0 else (3, 4)
    found = top_events(
        store,
        country,
        partner,
        since=when - reach,
        until=when + reach,
        quads=quads,
        limit=limit,
        include_all_modalities=include_all_modalities,
        dataset=dataset,
    )
    return event_records(found)
