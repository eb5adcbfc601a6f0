"""Dyad time series and the tie index.

Everything here counts **merged events** (one happening, however many reports;
see :mod:`detente.ties.merge`), dated by their event date, or by their first
publication date when the text never dates them. Only asserted events count
unless ``include_all_modalities`` is set.

The tie index
-------------
For a pair of states and a period, let ``C`` be the cooperation weight — the sum
of ``|Goldstein|`` over its merged events of quad classes 1–2 (verbal and
material cooperation) — and ``K`` the conflict weight, the same over quad classes
3–4. Then::

    tie = (C − K) / (C + K + s)        s = TIE_PRIOR = 2.0

The index lies in (−1, 1): near +1 when the pair's dealings in the period are all
cooperation, near −1 when all conflict, 0 when balanced or when nothing happened.
It is cooperation minus conflict *normalised by the pair's own news volume in the
period* (``C + K``), so it measures the balance of the pair's dealings, not their
amount: a week with ten times the usual news but the usual mix scores the same as
a usual week (exactly, up to the prior ``s``, whose pull fades as the volume
grows: a mix ``m`` with weight ``W`` scores ``m·W/(W+s)``). The prior ``s``, about
one visit's weight, keeps thin periods near neutral: one visit scores 0.49, not 1.
Counting merged events rather than reports keeps a much-repeated story from
counting twice.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import numpy as np
import pandas as pd

from ..errors import QueryError
from ..store import Store
from ..store.queries import period_clauses

FREQ_DAYS = {"day": 1.0, "week": 7.0, "month": 30.4375, "year": 365.25}
PANDAS_FREQ = {"day": "D", "week": "W-MON", "month": "MS", "year": "YS"}
TIE_PRIOR = 2.0
ROOTS = tuple(f"{i:02d}" for i in range(1, 21))
QUAD_COLUMNS = (
    "verbal_cooperation",
    "material_cooperation",
    "verbal_conflict",
    "material_conflict",
)
COOPERATION = "CASE WHEN quad_class IN (1, 2) THEN abs(coalesce(goldstein, 0)) ELSE 0 END"
CONFLICT = "CASE WHEN quad_class IN (3, 4) THEN abs(coalesce(goldstein, 0)) ELSE 0 END"
# date precisions too coarse to place an event in one period of each frequency ("unknown"
# events are dated by their first publication, a day)
COARSER = {
    "day": ("week", "month", "year"),
    "week": ("month", "year"),
    "month": ("year",),
    "year": (),
}


def precision_clause(freq: str, finer_only: bool) -> str:
    """SQL keeping only events dated at least as finely as ``freq`` when ``finer_only``."""
    coarse = COARSER[check_freq(freq)]
    if not finer_only or not coarse:
        return "TRUE"
    return (
        "coalesce(date_precision, 'unknown') NOT IN (" + ", ".join(f"'{p}'" for p in coarse) + ")"
    )


def tie_index(cooperation: Any, conflict: Any, prior: float | None = None) -> Any:
    """The tie index (see the module doc); works on numbers and on pandas Series alike."""
    prior = TIE_PRIOR if prior is None else prior
    return (cooperation - conflict) / (cooperation + conflict + prior)


def check_freq(freq: str) -> str:
    if freq not in FREQ_DAYS:
        raise QueryError(f"frequency {freq!r} is not one of {', '.join(FREQ_DAYS)}.")
    return freq


def check_range(since: date | None, until: date | None) -> None:
    if since and until and since > until:
        raise QueryError(
            f"the period starts ({since}) after it ends ({until}); swap --since and --until."
        )


COUNTED_EVENTS = "reviewed_merged_events"
"""What counts and charts read: merged events with reviewers' corrections applied and
rejected events left out (with no reviews, exactly ``merged_events``)."""
MACHINE_EVENTS = "merged_events"


@dataclass(frozen=True)
class Source:
    """Where merged events are read: a table or view of them. ``by_side`` marks
    ``tie_events`` (:mod:`detente.store.tie_events`), which holds each counted event once
    from each country's side in order of country and partner, so that reading one pair or one
    country reads only its stretch of the table."""

    table: str
    by_side: bool = False

    def pair(self, a: str, b: str, directed: bool) -> tuple[str, list[Any]]:
        """SQL selecting a pair's merged events (a→b only, or either direction), each once."""
        clause, params = pair_clause(a, b, directed)
        if not self.by_side:
            return clause, params
        # the events a→b are on a's side (country_a and country_b are the source's and the
        # target's countries in order, as every writer stores them)
        side, partner = (a, b) if directed else sorted([a, b])
        return f"country = ? AND partner = ? AND {clause}", [side, partner, *params]

    def partner_of(self, param: str) -> str:
        """SQL: the other country of an event of the country ``param``."""
        if self.by_side:
            return "partner"
        return f"CASE WHEN country_a = {param} THEN country_b ELSE country_a END"

    def country(self, param: str) -> str:
        """SQL selecting a country's merged events, each once (``param`` names the country,
        as ``$1``)."""
        if self.by_side:
            return f"country = {param}"
        return f"(country_a = {param} OR country_b = {param})"


COUNTED = Source("tie_events", by_side=True)
"""The counted events (those of ``reviewed_merged_events``), read from ``tie_events``."""
REVIEWED = Source(COUNTED_EVENTS)
"""The same events read from the view itself: the same figures as :data:`COUNTED`, slower."""
MACHINE = Source(MACHINE_EVENTS)
"""The machine coding alone, reviews left aside."""


def counted_source(include_reviews: bool = True) -> Source:
    """What counts read: the reviewed events by default, the machine coding alone on request."""
    return COUNTED if include_reviews else MACHINE


DETENTE = "detente"
"""The dataset of detente's own coding, the default everywhere; imported datasets are named
by ``detente import`` (``gdelt``, ``icews``, ...) and never mixed with it."""


def dataset_clause(dataset: str = DETENTE, column: str = "dataset") -> str:
    """SQL keeping one dataset's merged events (the name is checked, then inlined as a literal
    so that it fits every query's own parameter style)."""
    return f"{column} = '{check_dataset_name(dataset)}'"


def check_dataset_name(dataset: str) -> str:
    if not dataset or not all(ch.isalnum() or ch in "-_." for ch in dataset):
        raise QueryError(f"dataset {dataset!r}: a name of letters, digits, '-', '_' or '.'.")
    return dataset


def check_dataset(store: Store, dataset: str) -> str:
    """``dataset`` when the store holds it (detente's own always counts), else a clear error."""
    check_dataset_name(dataset)
    if dataset == DETENTE:
        return dataset
    if not store.scalar("SELECT count(*) FROM merged_events WHERE dataset = ?", [dataset]):
        known = [r["dataset"] for r in store.query("SELECT DISTINCT dataset FROM merged_events")]
        raise QueryError(
            f"the store has no dataset {dataset!r} (it has {', '.join(sorted(known)) or 'none'}); "
            "import one with `detente import gdelt|icews|polecat FILES --dataset NAME`."
        )
    return dataset


def modality_clause(include_all_modalities: bool) -> str:
    return "TRUE" if include_all_modalities else "modality = 'asserted'"


def pair_clause(a: str, b: str, directed: bool) -> tuple[str, list[Any]]:
    """SQL selecting a pair's merged events: a→b only, or either direction."""
    if a == b:
        raise QueryError(f"a dyad needs two different countries; got {a} twice.")
    if directed:
        return "source_country = ? AND target_country = ?", [a, b]
    return "country_a = ? AND country_b = ?", sorted([a, b])


def _series_sql(freq: str, where: str, table: str) -> str:
    # grouping by (period, root, quad) and pivoting the few groups in numpy is several times
    # faster than two dozen FILTER aggregates in DuckDB; roots come as their place in ROOTS
    # (-1: none of them)
    return f"""
        SELECT CAST(date_trunc('{freq}', series_date) AS DATE) AS period, quad_class,
               coalesce(list_position({_ROOTS_SQL}, root), 0) - 1 AS root_at,
               count(*) AS events, sum(report_count) AS reports,
               sum(coalesce(goldstein, 0)) AS goldstein_sum, count(goldstein) AS goldstein_count,
               sum({COOPERATION}) AS cooperation, sum({CONFLICT}) AS conflict
        FROM {table} WHERE {where} AND series_date IS NOT NULL
        GROUP BY ALL
    """


SERIES_COLUMNS = (
    "period",
    "events",
    "reports",
    *QUAD_COLUMNS,
    *(f"root_{r}" for r in ROOTS),
    "goldstein_sum",
    "goldstein_mean",
    "cooperation",
    "conflict",
)
_COUNTS = ("events", "reports", *QUAD_COLUMNS, *(f"root_{r}" for r in ROOTS))
_ROOTS_SQL = "[" + ", ".join(f"'{r}'" for r in ROOTS) + "]"


def _per_period(
    found: pd.DataFrame, freq: str, since: date | None, until: date | None
) -> pd.DataFrame:
    """One row per period of the range (empty ones as zeros) from (period, root, quad class)
    groups; the range runs from ``since`` (else the first group) to ``until`` (else the last)."""
    period = pd.to_datetime(found["period"]).to_numpy()
    start = period_start(since, freq) if since else (period.min() if len(period) else None)
    end = period_start(until, freq) if until else (period.max() if len(period) else None)
    if start is None or end is None:
        return pd.DataFrame({c: pd.Series(dtype="float64") for c in SERIES_COLUMNS}).assign(
            period=pd.Series(dtype="datetime64[ns]")
        )
    index = pd.date_range(start, end, freq=PANDAS_FREQ[freq], name="period")
    at, size = index.get_indexer(period), len(index)

    def total(weights: Any) -> np.ndarray:
        sums = np.bincount(at, np.asarray(weights, dtype="float64"), size)
        return sums.astype("float64", copy=False)  # no groups: numpy counts in integers

    def spread(kind: np.ndarray, kinds: int) -> np.ndarray:
        """Events per period and kind (-1: none of them), as a (period, kind) array."""
        known = kind >= 0
        cells = np.bincount(at[known] * kinds + kind[known], events[known], size * kinds)
        return cells.reshape(size, kinds)

    events = found["events"].to_numpy("float64")
    quads = found["quad_class"].to_numpy("float64", na_value=0).astype("int64") - 1
    roots = found["root_at"].to_numpy("int64")
    columns: dict[str, Any] = {"period": index, "events": total(events)}
    columns["reports"] = total(found["reports"].to_numpy("float64"))
    by_quad = spread(np.where(quads < 4, quads, -1), 4)
    columns.update({name: by_quad[:, q] for q, name in enumerate(QUAD_COLUMNS)})
    by_root = spread(roots, len(ROOTS))
    columns.update({f"root_{root}": by_root[:, r] for r, root in enumerate(ROOTS)})
    for name in _COUNTS:
        columns[name] = columns[name].astype("int64")
    goldstein, counted = total(found["goldstein_sum"]), total(found["goldstein_count"])
    columns["goldstein_sum"] = goldstein
    with np.errstate(invalid="ignore", divide="ignore"):
        columns["goldstein_mean"] = np.where(counted > 0, goldstein / counted, np.nan)
    columns["cooperation"] = total(found["cooperation"])
    columns["conflict"] = total(found["conflict"])
    return pd.DataFrame(columns)


def dyad_series(
    store: Store,
    a: str,
    b: str,
    freq: str = "month",
    directed: bool = False,
    include_all_modalities: bool = False,
    since: date | None = None,
    until: date | None = None,
    include_reviews: bool = True,
    finer_only: bool = False,
    dataset: str = DETENTE,
    source: Source | None = None,
) -> pd.DataFrame:
    """Per-period counts, Goldstein sums and the tie index of the pair ``a``–``b``.

    With ``finer_only``, events dated only by a coarser unit than ``freq`` (a year, in a
    monthly series) are left out instead of sitting at their period's first day.

    One row per period (empty periods included, from ``since`` or the pair's first
    event to ``until`` or its last): ``period`` (its first day), ``events`` (merged),
    ``reports``, the four quad-class counts, ``root_01`` … ``root_20``,
    ``goldstein_sum``, ``goldstein_mean``, ``cooperation``, ``conflict`` and ``tie``.
    ``source`` reads other merged events than :func:`counted_source` gives (tests compare
    ``tie_events`` with the view it is kept from).
    """
    check_freq(freq)
    check_range(since, until)
    source = source or counted_source(include_reviews)
    pair, params = source.pair(a, b, directed)
    in_period, period_params = period_clauses("series_date", since, until)
    where = " AND ".join(
        [
            pair,
            modality_clause(include_all_modalities),
            precision_clause(freq, finer_only),
            dataset_clause(dataset),
            *in_period,
        ]
    )
    params += period_params
    found = store.query_df(_series_sql(freq, where, source.table), params)
    frame = _per_period(found, freq, since, until)
    frame["tie"] = tie_index(frame["cooperation"], frame["conflict"])
    frame.attrs.update(pair=(a, b), directed=directed, freq=freq, dataset=dataset)
    return frame


def period_start(day: date, freq: str) -> pd.Timestamp:
    """The first day of the period holding ``day`` (weeks start on Monday)."""
    ts = pd.Timestamp(day)
    if freq == "week":
        return ts - timedelta(days=ts.weekday())
    if freq == "month":
        return ts.replace(day=1)
    if freq == "year":
        return ts.replace(month=1, day=1)
    return ts
