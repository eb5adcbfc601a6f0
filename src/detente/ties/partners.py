"""A country's partners: their merged events in one or more windows, and their tie index.

The index is the one documented in :mod:`detente.ties.series`, computed over a
whole window taken as one period.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import numpy as np
import pandas as pd

from ..errors import QueryError
from ..store import Store, tie_events
from .series import (
    COUNTED,
    DETENTE,
    Source,
    check_range,
    dataset_clause,
    modality_clause,
    tie_index,
)

Window = tuple[date, date]


def country_bounds(
    store: Store,
    country: str,
    include_all_modalities: bool = False,
    dataset: str = DETENTE,
    source: Source = COUNTED,
) -> Window | None:
    """The first and last event date of a country's dealings with other states."""
    row = store.query(
        f"SELECT min(series_date) AS first, max(series_date) AS last FROM {source.table} "
        f"WHERE {source.country('$1')} AND {modality_clause(include_all_modalities)} "
        f"AND {dataset_clause(dataset)}",
        [country],
    )[0]
    return (row["first"], row["last"]) if row["first"] else None


WINDOW_SUMS = (
    "events",
    "reports",
    "cooperation_events",
    "conflict_events",
    "goldstein_sum",
    "cooperation",
    "conflict",
)
_WINDOW_COUNTS = WINDOW_SUMS[:4]


def partner_windows(
    store: Store,
    country: str,
    windows: list[Window],
    include_all_modalities: bool = False,
    dataset: str = DETENTE,
    source: Source = COUNTED,
) -> pd.DataFrame:
    """One row per partner (in order) with, per window ``i``, columns ending ``_i``: events,
    reports, cooperation_events, conflict_events, goldstein_sum, cooperation, conflict, first,
    last; then ``tie_i`` for each window."""
    for since, until in windows:
        check_range(since, until)
    params: list[Any] = [country]  # $1, then each window's bounds as $2, $3, $4, ...
    for since, until in windows:
        params += [since, until]
    keep = f"{modality_clause(include_all_modalities)} AND {dataset_clause(dataset)}"
    quads = _monthly_quads(len(windows), keep) if source.by_side else _quads(source, windows, keep)
    # grouped by (partner, window, quad class) first, then by (partner, window) over those
    # few groups: FILTER aggregates over every event are much slower
    found = store.query_df(
        f"""
        {quads}
        SELECT partner, w, CAST(sum(events) AS BIGINT) AS events,
               CAST(sum(reports) AS BIGINT) AS reports,
               CAST(coalesce(sum(events) FILTER (WHERE quad_class IN (1, 2)), 0) AS BIGINT)
                   AS cooperation_events,
               CAST(coalesce(sum(events) FILTER (WHERE quad_class IN (3, 4)), 0) AS BIGINT)
                   AS conflict_events,
               sum(goldstein_sum) AS goldstein_sum,
               coalesce(sum(weight) FILTER (WHERE quad_class IN (1, 2)), 0) AS cooperation,
               coalesce(sum(weight) FILTER (WHERE quad_class IN (3, 4)), 0) AS conflict,
               min(first) AS first, max(last) AS last
        FROM quads GROUP BY ALL ORDER BY partner, w
        """,
        params,
    )
    return _side_by_side(found, len(windows))


_PER_EVENT = (
    "1 AS events, report_count AS reports, coalesce(goldstein, 0) AS goldstein_sum, "
    "abs(coalesce(goldstein, 0)) AS weight, series_date AS first, series_date AS last"
)


def _quads(source: Source, windows: list[Window], keep: str) -> str:
    """SQL (a WITH clause): ``quads``, each window's events per partner and quad class."""
    per_window = " UNION ALL ".join(
        f"SELECT {i} AS w, * FROM mine WHERE series_date BETWEEN ${2 * i + 2} AND ${2 * i + 3}"
        for i in range(len(windows))
    )
    return f"""
        WITH mine AS (
            SELECT {source.partner_of("$1")} AS partner, quad_class, {_PER_EVENT}, series_date
            FROM {source.table}
            WHERE {source.country("$1")} AND country_a <> country_b
              AND country_b IS NOT NULL AND {keep}
        ), quads AS (
            SELECT partner, w, quad_class, {_SUMS} FROM ({per_window}) GROUP BY ALL
        )
    """


_SUMS = (
    "sum(events) AS events, sum(reports) AS reports, sum(goldstein_sum) AS goldstein_sum, "
    "sum(weight) AS weight, min(first) AS first, max(last) AS last"
)


def _monthly_quads(windows: int, keep: str) -> str:
    """:func:`_quads` from ``tie_months``: a month counts by its sums when each of its sums
    lies wholly inside the window or wholly outside; a month the window cuts (only one at
    either end) counts by its events."""
    parts = []
    for i in range(windows):
        lo, hi = f"${2 * i + 2}", f"${2 * i + 3}"
        cut = (
            f"SELECT month FROM months WHERE (first < {lo} OR last > {hi}) "
            f"AND last >= {lo} AND first <= {hi}"
        )
        parts.append(
            f"SELECT {i} AS w, partner, quad_class, events, reports, goldstein_sum, weight, "
            f"first, last FROM months WHERE first >= {lo} AND last <= {hi} "
            f"AND month NOT IN ({cut})"
        )
        parts.append(
            f"SELECT {i} AS w, partner, quad_class, {_PER_EVENT} FROM {tie_events.TABLE} "
            f"WHERE country = $1 AND {tie_events.PARTNER_ROWS} AND {keep} "
            f"AND series_date BETWEEN {lo} AND {hi} AND {tie_events.MONTH} IN ({cut})"
        )
    return f"""
        WITH months AS MATERIALIZED (
            SELECT partner, month, quad_class, events, reports, goldstein_sum, weight, first,
                   last
            FROM {tie_events.MONTHS} WHERE country = $1 AND {keep}
        ), quads AS (
            SELECT partner, w, quad_class, {_SUMS} FROM ({" UNION ALL ".join(parts)})
            GROUP BY ALL
        )
    """


def _side_by_side(found: pd.DataFrame, windows: int) -> pd.DataFrame:
    """(partner, window) rows (in order of partner) as one row per partner, each window's
    figures side by side."""
    at, partners = pd.factorize(found["partner"])  # partners in order of their first row
    window = found["w"].to_numpy()
    columns: dict[str, Any] = {"partner": np.asarray(partners, dtype=object)}
    for i in range(windows):
        mine = window == i
        where = at[mine]
        for name in WINDOW_SUMS:
            kind = "int64" if name in _WINDOW_COUNTS else "float64"
            values = np.zeros(len(partners), dtype=kind)
            values[where] = found[name].to_numpy(kind)[mine]
            columns[f"{name}_{i}"] = values
        for name in ("first", "last"):  # a window without events has no dates at all: NaN
            dates = found[name].to_numpy()
            if not mine.any():
                columns[f"{name}_{i}"] = np.full(len(partners), np.nan)
                continue
            values = np.full(len(partners), np.datetime64("NaT"), dtype=dates.dtype)
            values[where] = dates[mine]
            columns[f"{name}_{i}"] = values
    for i in range(windows):
        columns[f"tie_{i}"] = tie_index(columns[f"cooperation_{i}"], columns[f"conflict_{i}"])
    frame = pd.DataFrame(columns)
    frame["partner"] = frame["partner"].astype(found["partner"].dtype if len(found) else object)
    return frame


def partners(
    store: Store,
    country: str,
    since: date | None = None,
    until: date | None = None,
    include_all_modalities: bool = False,
    min_events: int = 1,
    limit: int | None = None,
    dataset: str = DETENTE,
    source: Source = COUNTED,
) -> pd.DataFrame:
    """A country's partners ranked by tie index over ``since``–``until`` (default: all its history).

    Columns: partner, tie, events, reports, cooperation_events, conflict_events, goldstein_sum,
    goldstein_mean, cooperation, conflict, first, last (the pair's first and last events in the period).
    ``source``: where the counted events are read (see :class:`~detente.ties.series.Source`).
    """
    frame = _whole_window(store, country, since, until, include_all_modalities, dataset, source)
    if frame is None:
        return _empty_partners()
    frame = frame.rename(columns=lambda c: c.removesuffix("_0"))
    frame = frame[frame["events"] >= max(min_events, 1)].copy()
    # the sum rounded first: floating-point sums differ in their last bits with the order of
    # the terms, which would decide a mean ending in 5 at the fourth decimal either way
    frame["goldstein_mean"] = (frame["goldstein_sum"].round(9) / frame["events"]).round(3)
    frame = frame.sort_values(["tie", "events", "partner"], ascending=[False, False, True])
    frame = frame[list(PARTNER_COLUMNS)].reset_index(drop=True)
    return frame.head(limit) if limit else frame


def _whole_window(
    store: Store,
    country: str,
    since: date | None,
    until: date | None,
    include_all_modalities: bool,
    dataset: str,
    source: Source,
) -> pd.DataFrame | None:
    """:func:`partner_windows` over ``since``–``until``, an open end being the country's first
    or last event; None when the country has no events."""
    if since is None and until is None:  # all its history: no need to look up where it ends
        frame = partner_windows(
            store, country, [(date.min, date.max)], include_all_modalities, dataset, source
        )
        if len(frame) or country_bounds(store, country, include_all_modalities, dataset, source):
            return frame
        return None
    bounds = country_bounds(store, country, include_all_modalities, dataset, source)
    if bounds is None:
        return None
    window = (since or bounds[0], until or bounds[1])
    if window[0] > window[1]:
        raise QueryError(
            f"the period {window[0]} to {window[1]} is empty; check --since and --until."
        )
    return partner_windows(store, country, [window], include_all_modalities, dataset, source)


PARTNER_COLUMNS = (
    "partner",
    "tie",
    "events",
    "reports",
    "cooperation_events",
    "conflict_events",
    "goldstein_sum",
    "goldstein_mean",
    "cooperation",
    "conflict",
    "first",
    "last",
)
PARTNER_SUMMARY = (
    "partner",
    "tie",
    "events",
    "reports",
    "cooperation_events",
    "conflict_events",
    "goldstein_mean",
    "first",
    "last",
)
"""The columns a table of partners shows at a glance (the CLI's table, the HTML report)."""


def _empty_partners() -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype="object") for c in PARTNER_COLUMNS})
