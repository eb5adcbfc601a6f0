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
from .series import (
    CONFLICT,
    COOPERATION,
    COUNTED_EVENTS,
    DETENTE,
    check_range,
    dataset_clause,
    modality_clause,
    tie_index,
)

Window = tuple[date, date]


def country_bounds(
    store: Store, country: str, include_all_modalities: bool = False, dataset: str = DETENTE
) -> Window | None:
    """The first and last event date of a country's dealings with other states."""
    row = store.query(
        f"SELECT min(series_date) AS first, max(series_date) AS last FROM {COUNTED_EVENTS} "
        f"WHERE (country_a = ? OR country_b = ?) AND {modality_clause(include_all_modalities)} "
        f"AND {dataset_clause(dataset)}",
        [country, country],
    )[0]
    return (row["first"], row["last"]) if row["first"] else None


def partner_windows(
    store: Store,
    country: str,
    windows: list[Window],
    include_all_modalities: bool = False,
    dataset: str = DETENTE,
) -> pd.DataFrame:
    """One row per partner with, per window ``i``, columns ending ``_i``: events, reports,
    cooperation_events, conflict_events, goldstein_sum, cooperation, conflict, first, last, tie."""
    for since, until in windows:
        check_range(since, until)
    bounds = ", ".join(
        f"({i}, ${2 * i + 2}::DATE, ${2 * i + 3}::DATE)" for i in range(len(windows))
    )
    params: list[Any] = [country]  # $1, then each window's bounds as $2, $3, $4, ...
    for since, until in windows:
        params += [since, until]
    # plain GROUP BY (partner, window, quad class) then pivot: FILTER aggregates are much slower
    found = store.query_df(
        f"""
        WITH mine AS (
            SELECT CASE WHEN country_a = $1 THEN country_b ELSE country_a END AS partner,
                   series_date, quad_class, goldstein, report_count
            FROM {COUNTED_EVENTS}
            WHERE (country_a = $1 OR country_b = $1) AND country_a <> country_b
              AND country_b IS NOT NULL AND {modality_clause(include_all_modalities)}
              AND {dataset_clause(dataset)}
        ), windows AS (SELECT * FROM (VALUES {bounds}) AS t(w, lo, hi))
        SELECT partner, w, quad_class, count(*) AS events, sum(report_count) AS reports,
               sum(coalesce(goldstein, 0)) AS goldstein_sum, sum({COOPERATION}) AS cooperation,
               sum({CONFLICT}) AS conflict, min(series_date) AS first, max(series_date) AS last
        FROM mine JOIN windows ON series_date BETWEEN lo AND hi
        GROUP BY ALL
        """,
        params,
    )
    found["cooperation_events"] = found["events"].where(found["quad_class"].isin([1, 2]), 0)
    found["conflict_events"] = found["events"].where(found["quad_class"].isin([3, 4]), 0)
    sums = [
        "events",
        "reports",
        "cooperation_events",
        "conflict_events",
        "goldstein_sum",
        "cooperation",
        "conflict",
    ]
    grouped = found.groupby(["partner", "w"])
    per_window = grouped[sums].sum().join(grouped["first"].min()).join(grouped["last"].max())
    frame = per_window.unstack("w")
    frame.columns = [f"{name}_{w}" for name, w in frame.columns]
    frame = frame.reindex(
        columns=[f"{n}_{i}" for i in range(len(windows)) for n in (*sums, "first", "last")]
    )
    for i in range(len(windows)):
        counts = [f"{n}_{i}" for n in sums]
        frame[counts] = frame[counts].fillna(0)
        frame[[f"{n}_{i}" for n in sums[:4]]] = frame[[f"{n}_{i}" for n in sums[:4]]].astype(
            "int64"
        )
        frame[f"tie_{i}"] = tie_index(frame[f"cooperation_{i}"], frame[f"conflict_{i}"])
    return frame.reset_index()


def partners(
    store: Store,
    country: str,
    since: date | None = None,
    until: date | None = None,
    include_all_modalities: bool = False,
    min_events: int = 1,
    limit: int | None = None,
    dataset: str = DETENTE,
) -> pd.DataFrame:
    """A country's partners ranked by tie index over ``since``–``until`` (default: all its history).

    Columns: partner, tie, events, reports, cooperation_events, conflict_events, goldstein_sum,
    goldstein_mean, cooperation, conflict, first, last (the pair's first and last events in the period).
    """
    bounds = country_bounds(store, country, include_all_modalities, dataset)
    if bounds is None:
        return _empty_partners()
    window = (since or bounds[0], until or bounds[1])
    if window[0] > window[1]:
        raise QueryError(
            f"the period {window[0]} to {window[1]} is empty; check --since and --until."
        )
    frame = partner_windows(store, country, [window], include_all_modalities, dataset)
    frame = frame.rename(columns=lambda c: c.removesuffix("_0"))
    frame = frame[frame["events"] >= max(min_events, 1)].copy()
    frame["goldstein_mean"] = (frame["goldstein_sum"] / frame["events"]).round(3)
    frame = frame.sort_values(["tie", "events", "partner"], ascending=[False, False, True])
    frame = frame[list(PARTNER_COLUMNS)].reset_index(drop=True)
    return frame.head(limit) if limit else frame


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
