"""Merging an imported dataset's rows into merged events, by the rules of :mod:`detente.ties.merge`.

GDELT writes one row per happening *and source article*: the same day, pair and code from
many URLs. Those rows are grouped here exactly as detente's own reports are: rows identical
in day, actors, code and place go in as one report that stands for all of them (its
``weight``, their summed mention counts, their URLs and outlets); then
:func:`~detente.ties.merge.assign` applies the merging rules (±1 day, the two sides of a
visit, reciprocal acts with swapped actors...) against the dataset's merged events only.
A dataset's rows never join another dataset's merged events, nor detente's.

Rows are merged a stretch of event dates at a time (whole days, about ``CHUNK_ROWS`` rows),
each stretch one transaction, so memory follows the stretch, not the file.
"""

from __future__ import annotations

import logging
import time
from datetime import date
from typing import Any

import pyarrow as pa

from ..events.ontology import lookup
from ..store import Store
from ..store.database import utcnow
from ..ties.merge import (
    DEFAULT_WINDOW_DAYS,
    MERGED_COLUMNS,
    MergeResult,
    _candidate_clusters,
    _insert,
    assign,
)

log = logging.getLogger(__name__)

CHUNK_ROWS = 200_000
_GROUP_KEYS = (
    "event_date",
    "source_code",
    "source_country",
    "source_sector",
    "target_code",
    "target_country",
    "target_sector",
    "code",
    "root",
    "location_country",
)
_PENDING = """
    SELECT * FROM dataset_events
    WHERE dataset = $dataset
      AND id NOT IN (SELECT event_id FROM event_merge WHERE starts_with(event_id, $prefix))
"""


def pending_rows(store: Store, dataset: str) -> int:
    """How many imported rows of ``dataset`` are not merged yet."""
    return int(
        store.scalar(
            f"SELECT count(*) FROM ({_PENDING})", {"dataset": dataset, "prefix": dataset + ":"}
        )
        or 0
    )


def merge_dataset(
    store: Store, dataset: str, window_days: int = DEFAULT_WINDOW_DAYS
) -> MergeResult:
    """Merge the rows of ``dataset`` not merged yet; return what changed."""
    started = time.perf_counter()
    params = {"dataset": dataset, "prefix": dataset + ":"}
    days = store.query(
        f"SELECT event_date, count(*) AS n FROM ({_PENDING}) GROUP BY 1 ORDER BY 1", params
    )
    reports = new = updated = 0
    for lo, hi in _stretches([(d["event_date"], d["n"]) for d in days], CHUNK_ROWS):
        r, n, u = _merge_chunk(store, dataset, lo, hi, window_days)
        reports, new, updated = reports + r, new + n, updated + u
    result = MergeResult(reports, new, updated, time.perf_counter() - started)
    log.info("merged %d rows of dataset %s: %d new merged events", reports, dataset, new)
    return result


def _stretches(days: list[tuple[date, int]], size: int) -> list[tuple[date, date]]:
    """Consecutive ranges of whole days holding about ``size`` rows each (a day is never split)."""
    out: list[tuple[date, date]] = []
    start, count = None, 0
    for day, rows in days:
        start = start or day
        count += rows
        if count >= size:
            out.append((start, day))
            start, count = None, 0
    if start is not None:
        out.append((start, days[-1][0]))
    return out


_FIRST = "coalesce(date_added, event_date), id"
"""The order of a group's URLs and outlets: as the provider first reported them."""


def _grouped_sql() -> str:
    keys = ", ".join(_GROUP_KEYS)
    return f"""
        SELECT min(id) AS id, list(id ORDER BY id) AS members, count(*) AS weight,
               sum(mentions) AS mentions, {keys},
               min(quad_class) AS quad_class, min(goldstein) AS goldstein,
               min(coalesce(date_added, event_date)) AS report_date,
               list(coalesce(url, story_id, provider_id) ORDER BY {_FIRST}) AS article_ids,
               list(publisher ORDER BY {_FIRST}) AS outlets
        FROM ({_PENDING}) WHERE event_date BETWEEN $lo AND $hi
        GROUP BY ALL ORDER BY event_date, id
    """


def _report(row: dict[str, Any], dataset: str) -> dict[str, Any]:
    """A group of identical imported rows as one report for :func:`assign`."""
    articles = list(dict.fromkeys(a for a in row["article_ids"] if a))
    return {
        **{k: row[k] for k in _GROUP_KEYS if k != "event_date"},
        "id": row["id"],
        "dataset": dataset,
        "weight": int(row["weight"]),
        "mentions": None if row["mentions"] is None else int(row["mentions"]),
        "article_id": articles[0] if articles else row["id"],
        "article_ids": articles,
        "outlets": list(dict.fromkeys(o for o in row["outlets"] if o)),
        "name": lookup(row["code"]).name,
        "quad_class": row["quad_class"],
        "goldstein": row["goldstein"],
        "modality": "asserted",
        "source_name": None,
        "target_name": None,
        "date_start": row["event_date"],
        "date_end": row["event_date"],
        "date_precision": "day",
        "report_date": row["report_date"],
        "published": row["report_date"],
        "outlet": None,
    }


def _merge_chunk(
    store: Store, dataset: str, lo: date, hi: date, window: int
) -> tuple[int, int, int]:
    with store.transaction() as con:
        cursor = con.execute(
            _grouped_sql(), {"dataset": dataset, "prefix": dataset + ":", "lo": lo, "hi": hi}
        )
        names = [d[0] for d in cursor.description]
        groups = [dict(zip(names, r)) for r in cursor.fetchall()]
        if not groups:
            return 0, 0, 0
        reports = [_report(g, dataset) for g in groups]
        existing = _candidate_clusters(con, reports, window, dataset)
        touched, assignment = assign(reports, existing, window)
        now = utcnow()
        _insert(con, "merged_events", [c.finished_row(now) for c in touched], MERGED_COLUMNS, True)
        members = [(m, assignment[g["id"]]) for g in groups for m in g["members"]]
        links = pa.table(
            {
                "event_id": pa.array([m for m, _ in members], pa.string()),
                "merged_id": pa.array([c for _, c in members], pa.string()),
            }
        )
        con.register("_links", links)
        try:
            con.execute("INSERT INTO event_merge BY NAME SELECT * FROM _links")
        finally:
            con.unregister("_links")
    new = sum(1 for c in touched if c.is_new)
    return sum(len(g["members"]) for g in groups), new, len(touched) - new
