"""A country's partners: their merged events in one or more windows, and their tie index.

The index is the one documented in :mod:`detente.ties.series`, computed over a
whole window taken as one period.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pandas as pd

from ..errors import QueryError
from ..store import Store
from .series import COOPERATION, CONFLICT, check_range, modality_clause, tie_index

Window = tuple[date, date]


def country_bounds(store: Store, country: str, include_all_modalities: bool = False) -> Window | None:
    """The first and last event date of a country's dealings with other states."""
    row = store.query(
        f"SELECT min(series_date) AS first, max(series_date) AS last FROM merged_events "
        f"WHERE (country_a = ? OR country_b = ?) AND {modality_clause(include_all_modalities)}",
        [country, country])[0]
    return (row["first"], row["last"]) if row["first"] else None


def _window_columns(i: int) -> str:
    inside = f"series_date BETWEEN ${2 * i + 2} AND ${2 * i + 3}"
    return f"""
        count(*) FILTER (WHERE {inside}) AS events_{i},
        CAST(coalesce(sum(report_count) FILTER (WHERE {inside}), 0) AS BIGINT) AS reports_{i},
        count(*) FILTER (WHERE {inside} AND quad_class IN (1, 2)) AS cooperation_events_{i},
        count(*) FILTER (WHERE {inside} AND quad_class IN (3, 4)) AS conflict_events_{i},
        coalesce(sum(goldstein) FILTER (WHERE {inside}), 0) AS goldstein_sum_{i},
        coalesce(sum({COOPERATION}) FILTER (WHERE {inside}), 0) AS cooperation_{i},
        coalesce(sum({CONFLICT}) FILTER (WHERE {inside}), 0) AS conflict_{i}"""


def partner_windows(store: Store, country: str, windows: list[Window],
                    include_all_modalities: bool = False) -> pd.DataFrame:
    """One row per partner: first and last event and, per window ``i``, columns ending ``_i``
    (events, reports, cooperation and conflict events and weights, Goldstein sum, ``tie_i``)."""
    for since, until in windows:
        check_range(since, until)
    params: list[Any] = [country]  # $1, then each window's bounds as $2, $3, $4, ...
    for since, until in windows:
        params += [since, until]
    sql = f"""
        WITH mine AS (
            SELECT CASE WHEN country_a = $1 THEN country_b ELSE country_a END AS partner, *
            FROM merged_events
            WHERE (country_a = $1 OR country_b = $1) AND country_a <> country_b
              AND country_b IS NOT NULL AND {modality_clause(include_all_modalities)}
        )
        SELECT partner, min(series_date) AS first, max(series_date) AS last,
               {', '.join(_window_columns(i) for i in range(len(windows)))}
        FROM mine GROUP BY partner
    """
    frame = store.query_df(sql, params)
    for i in range(len(windows)):
        frame[f"tie_{i}"] = tie_index(frame[f"cooperation_{i}"], frame[f"conflict_{i}"])
    return frame


def partners(store: Store, country: str, since: date | None = None, until: date | None = None,
             include_all_modalities: bool = False, min_events: int = 1,
             limit: int | None = None) -> pd.DataFrame:
    """A country's partners ranked by tie index over ``since``–``until`` (default: all its history).

    Columns: partner, tie, events, reports, cooperation_events, conflict_events, goldstein_sum,
    goldstein_mean, cooperation, conflict, first, last (of all the pair's events).
    """
    bounds = country_bounds(store, country, include_all_modalities)
    if bounds is None:
        return _empty_partners()
    window = (since or bounds[0], until or bounds[1])
    if window[0] > window[1]:
        raise QueryError(f"the period {window[0]} to {window[1]} is empty; check --since and --until.")
    frame = partner_windows(store, country, [window], include_all_modalities)
    frame = frame.rename(columns=lambda c: c[:-2] if c.endswith("_0") else c)
    frame = frame[frame["events"] >= max(min_events, 1)].copy()
    frame["goldstein_mean"] = (frame["goldstein_sum"] / frame["events"]).round(3)
    frame = frame.sort_values(["tie", "events", "partner"], ascending=[False, False, True])
    frame = frame[list(PARTNER_COLUMNS)].reset_index(drop=True)
    return frame.head(limit) if limit else frame


PARTNER_COLUMNS = ("partner", "tie", "events", "reports", "cooperation_events", "conflict_events",
                   "goldstein_sum", "goldstein_mean", "cooperation", "conflict", "first", "last")


def _empty_partners() -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype="object") for c in PARTNER_COLUMNS})
