"""Ties as the dashboard shows them: the busiest pairs and countries, the overview, a pair's
view (series, change points, evidence, counts) and a country's view (partners, what moved).

Everything reads one dataset's merged events: detente's own coding by default, or a dataset
brought in by ``detente import`` (GDELT, ICEWS, POLECAT); datasets are never mixed. The first
and last events of a pair come with their date precision, so an event dated only "2019" is
shown as 2019, not as 1 January.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pandas as pd

from ..store import Store
from ..store.queries import store_stats
from ..ties import partners, shifts
from ..ties.series import DETENTE, precision_clause
from ..ties.shifts import detect_changes, direction
from .data import MergedFilter, merged_timeline, records
from .review import reviewed_dyad_series, table_for

# orders events of one day finest first, so a day beats the year that starts on it
PRECISION_RANK = (
    "CASE coalesce(date_precision, 'unknown') WHEN 'day' THEN 0 WHEN 'unknown' THEN 1 "
    "WHEN 'week' THEN 2 WHEN 'month' THEN 3 ELSE 4 END"
)
BOUNDS = (
    "min(series_date) AS first, "
    f"arg_min(date_precision, (series_date, {PRECISION_RANK})) AS first_precision, "
    "max(series_date) AS last, "
    f"arg_max(date_precision, (series_date, -{PRECISION_RANK})) AS last_precision"
)


def datasets(store: Store) -> list[dict[str, Any]]:
    """The datasets of the store with their merged events, detente's own first (also when
    empty)."""
    rows = store.query(
        "SELECT coalesce(dataset, ?) AS dataset, count(*) AS events FROM merged_events "
        "GROUP BY ALL ORDER BY dataset",
        [DETENTE],
    )
    own = next((r for r in rows if r["dataset"] == DETENTE), {"dataset": DETENTE, "events": 0})
    return [own, *(r for r in rows if r["dataset"] != DETENTE)]


def activity(store: Store, include_reviews: bool = True, dataset: str = DETENTE) -> dict[str, Any]:
    """Asserted events between states per month, cooperation and conflict apart (months
    without events are 0: a count, unlike a tie, is measured when nothing happens), and how
    many events are dated only to a year and left out."""
    table = table_for(include_reviews, dataset)
    between = (
        "modality = 'asserted' AND country_a <> country_b AND country_b IS NOT NULL "
        "AND series_date IS NOT NULL"
    )
    finer = precision_clause("month", finer_only=True)
    found = store.query(
        f"""
        SELECT CAST(date_trunc('month', series_date) AS DATE) AS period,
               count(*) FILTER (WHERE quad_class IN (1, 2)) AS cooperation,
               count(*) FILTER (WHERE quad_class IN (3, 4)) AS conflict
        FROM {table} WHERE {between} AND {finer} GROUP BY 1 ORDER BY 1
        """
    )
    coarse = store.scalar(f"SELECT count(*) FROM {table} WHERE {between} AND NOT ({finer})")
    months = {row["period"]: row for row in found}
    rows = []
    if found:
        day = found[0]["period"]
        while day <= found[-1]["period"]:
            rows.append(months.get(day, {"period": day, "cooperation": 0, "conflict": 0}))
            day = date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return {"months": rows, "coarse": int(coarse or 0)}


def busiest_pairs(
    store: Store, limit: int = 10, include_reviews: bool = True, dataset: str = DETENTE
) -> list[dict[str, Any]]:
    """Pairs of states with the most merged (asserted) events, with their first and last
    events' dates and how finely each is known."""
    return store.query(
        f"""
        SELECT country_a, country_b, count(*) AS events, sum(report_count) AS reports,
               count(*) FILTER (WHERE quad_class IN (1, 2)) AS cooperation,
               count(*) FILTER (WHERE quad_class IN (3, 4)) AS conflict, {BOUNDS}
        FROM {table_for(include_reviews, dataset)}
        WHERE country_a IS NOT NULL AND country_b IS NOT NULL AND country_a <> country_b
          AND modality = 'asserted'
        GROUP BY country_a, country_b ORDER BY events DESC, country_a, country_b LIMIT ?
        """,
        [limit],
    )


def partner_bounds(store: Store, country: str, dataset: str = DETENTE) -> dict[str, dict[str, Any]]:
    """Each partner's first and last asserted event with ``country``, with their precision."""
    rows = store.query(
        f"""
        SELECT CASE WHEN country_a = $1 THEN country_b ELSE country_a END AS partner, {BOUNDS}
        FROM {table_for(True, dataset)}
        WHERE (country_a = $1 OR country_b = $1) AND country_a <> country_b
          AND country_b IS NOT NULL AND modality = 'asserted'
        GROUP BY ALL
        """,
        [country],
    )
    return {row.pop("partner"): row for row in rows}


def countries(
    store: Store, include_reviews: bool = True, dataset: str = DETENTE
) -> list[dict[str, Any]]:
    """Every state or organisation with asserted events with another, busiest first: its
    merged events, partners and tie balance (cooperation and conflict events)."""
    table = table_for(include_reviews, dataset)
    return store.query(
        f"""
        SELECT country, count(*) AS events, count(DISTINCT partner) AS partners,
               count(*) FILTER (WHERE quad_class IN (1, 2)) AS cooperation,
               count(*) FILTER (WHERE quad_class IN (3, 4)) AS conflict
        FROM (
            SELECT country_a AS country, country_b AS partner, quad_class FROM {table}
            WHERE modality = 'asserted' AND country_a <> country_b
            UNION ALL
            SELECT country_b, country_a, quad_class FROM {table}
            WHERE modality = 'asserted' AND country_a <> country_b
        ) WHERE country IS NOT NULL AND partner IS NOT NULL
        GROUP BY country ORDER BY events DESC, country
        """
    )


def overview(store: Store, include_reviews: bool = True, dataset: str = DETENTE) -> dict[str, Any]:
    """The store's size, one dataset's merged events, its busiest pairs with their latest
    change point, and every country with events."""
    table = table_for(include_reviews, dataset)
    stats = store_stats(store)
    stats["merged_events"] = store.scalar(f"SELECT count(*) FROM {table}")
    stats["merged_asserted"] = store.scalar(
        f"SELECT count(*) FROM {table} WHERE modality = 'asserted'"
    )
    stats["reviews"] = store.scalar("SELECT count(*) FROM event_reviews")
    pairs = busiest_pairs(store, 10, include_reviews, dataset)
    recent = []
    for pair in pairs[:5]:
        a, b = pair["country_a"], pair["country_b"]
        changes = dyad_changes(store, a, b, "month", include_reviews, dataset)
        recent += [{"country_a": a, "country_b": b, **c} for c in changes[-1:]]
    recent.sort(key=lambda c: c["date"], reverse=True)
    return {
        "stats": stats,
        "activity": activity(store, include_reviews, dataset),
        "pairs": pairs,
        "shifts": recent,
        "countries": countries(store, include_reviews, dataset),
    }


def dyad_changes(
    store: Store,
    a: str,
    b: str,
    freq: str = "month",
    include_reviews: bool = True,
    dataset: str = DETENTE,
) -> list[dict[str, Any]]:
    """Change points of the pair's tie index (periods with events only, events dated more
    coarsely than ``freq`` left out, as on the pair page), in date order."""
    series = reviewed_dyad_series(
        store, a, b, freq, include_reviews=include_reviews, finer_only=True, dataset=dataset
    )
    return changes_in(series)


def changes_in(series: pd.DataFrame) -> list[dict[str, Any]]:
    """Change points of a tie-index series (see :func:`detente.ties.shifts.detect_changes`)."""
    series = series[series["events"] > 0]
    signal = series["tie"].to_numpy(dtype="float64")
    bounds = [0, *detect_changes(signal), len(signal)]
    out = []
    for prev, start, end in zip(bounds, bounds[1:], bounds[2:]):
        before, after = float(signal[prev:start].mean()), float(signal[start:end].mean())
        out.append(
            {
                "date": series["period"].iloc[start].date(),
                "direction": direction(after - before),
                "tie_before": round(before, 4),
                "tie_after": round(after, 4),
                "change": round(after - before, 4),
            }
        )
    return out


SERIES_COLUMNS = [
    "period",
    "events",
    "reports",
    "verbal_cooperation",
    "material_cooperation",
    "verbal_conflict",
    "material_conflict",
    "cooperation",
    "conflict",
    "goldstein_mean",
    "tie",
]


def dyad(
    store: Store,
    flt: MergedFilter,
    freq: str = "month",
    include_reviews: bool = True,
    include_all_modalities: bool = False,
    events: int = 200,
) -> dict[str, Any]:
    """A pair's tie-index series (events dated more coarsely than ``freq`` left out), its
    change points with the events that drove them, each period's weightiest events, what
    each count counts, and its ``events`` newest merged events."""
    from .evidence import pair_counts, pair_evidence

    series = reviewed_dyad_series(
        store,
        flt.a,
        flt.b,
        freq,
        include_all_modalities,
        flt.since,
        flt.until,
        include_reviews,
        finer_only=True,
        dataset=flt.dataset,
    )
    rows = records(series[SERIES_COLUMNS])
    for row in rows:  # no events: no tie measured (a gap, not a zero)
        if not row["events"]:
            row["tie"] = None
    moved, periods = pair_evidence(
        store, flt.a, flt.b, changes_in(series), rows, freq, dataset=flt.dataset
    )
    return {
        "a": flt.a,
        "b": flt.b,
        "dataset": flt.dataset,
        "freq": freq,
        "series": rows,
        "changes": moved,
        "periods": periods,
        "counts": pair_counts(store, flt, freq, include_reviews),
        "events": merged_timeline(store, flt, limit=events, include_reviews=include_reviews),
    }


def country_partners(
    store: Store, code: str, since=None, until=None, limit: int = 50, dataset: str = DETENTE
) -> list[dict[str, Any]]:
    """A country's partners ranked by tie index (:func:`detente.ties.partners`), each with
    the precision of its first and last event's date."""
    found = records(partners(store, code, since, until, limit=limit, dataset=dataset))
    bounds = partner_bounds(store, code, dataset) if not (since or until) else {}
    for row in found:
        known = bounds.get(row["partner"], {})
        row["first_precision"] = known.get("first_precision")
        row["last_precision"] = known.get("last_precision")
    return found


def country_view(
    store: Store,
    code: str,
    limit: int = 50,
    dataset: str = DETENTE,
    around: date | None = None,
    window: int = 90,
) -> dict[str, Any]:
    """A country's partners, what moved (the pair pages' change points), and with ``around``
    each partner's tie in the ``window`` days before that day and from it."""
    from .evidence import what_moved

    moves = (
        records(
            shifts(store, code, around=around, window_days=window, min_events=1, dataset=dataset)
        )
        if around
        else []
    )
    return {
        "country": code,
        "dataset": dataset,
        "partners": country_partners(store, code, limit=limit, dataset=dataset),
        "shifts": what_moved(store, code, dataset=dataset),
        "around": around,
        "window": window,
        "moves": moves,
    }
