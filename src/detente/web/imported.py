"""Datasets brought in by ``detente import`` (GDELT, ICEWS, POLECAT), as the dashboard shows
them: a dataset's name checked against the store, and its rows listed like detente's event
reports (the same filters and sorts).

An imported row has no article or sentence of detente's; it carries the provider's id, URL or
story, and its text when the provider gives one. Imported rows count as asserted.
"""

from __future__ import annotations

from typing import Any

from ..errors import QueryError
from ..events.ontology import is_code, lookup
from ..store import Store
from ..store.queries import SORT_COLUMNS, EventFilter
from ..ties.series import DETENTE, check_dataset, dataset_clause
from .data import page_of

# an imported row under the names of event_reports' columns, so EventFilter applies as is;
# the provider's actor names are shown as the actors' text, never as names of detente's
# actors (which have pages of their own)
AS_REPORTS = """
    SELECT d.id, d.event_date AS date_start, d.event_date AS date_end, 'day' AS date_precision,
           d.date_added AS published, d.date_added AS report_date,
           CAST(d.date_added - d.event_date AS INTEGER) AS report_lag_days,
           d.source_code, d.source_name AS source_text, NULL AS source_name, d.source_country,
           d.code, d.target_code, d.target_name AS target_text, NULL AS target_name, d.target_country,
           'asserted' AS modality, d.quad_class, d.goldstein, d.location_text,
           d.publisher AS outlet, d.event_text AS sentence, d.provider_id, d.url, d.mentions,
           d.dataset, d.merged_id
    FROM dataset_events d WHERE {dataset}
"""
COLUMNS = (
    "id",
    "date_start",
    "date_end",
    "date_precision",
    "published",
    "report_date",
    "report_lag_days",
    "source_code",
    "source_text",
    "code",
    "target_code",
    "target_text",
    "modality",
    "quad_class",
    "goldstein",
    "location_text",
    "outlet",
    "sentence",
    "provider_id",
    "url",
    "mentions",
    "merged_id",
)


def known_dataset(store: Store, name: str | None) -> str:
    """``name`` when the store holds that dataset (detente's own always), else a clear 422."""
    return check_dataset(store, name or DETENTE)


def imported_events_page(
    store: Store,
    dataset: str,
    flt: EventFilter,
    sort: str,
    descending: bool,
    limit: int,
    offset: int,
) -> dict[str, Any]:
    """One page of an imported dataset's rows matching ``flt``, shaped as event reports."""
    if sort not in SORT_COLUMNS:
        raise QueryError(f"cannot sort by {sort!r}; use one of {', '.join(SORT_COLUMNS)}.")
    where, params = flt.where()
    rows = AS_REPORTS.format(dataset=dataset_clause(dataset, "d.dataset"))
    total = int(store.scalar(f"SELECT count(*) FROM ({rows}) WHERE {where}", params) or 0)
    order = f"{SORT_COLUMNS[sort]} {'DESC' if descending else 'ASC'} NULLS LAST, id"
    items = store.query(
        f"SELECT {', '.join(COLUMNS)} FROM ({rows}) WHERE {where} ORDER BY {order} "
        "LIMIT ? OFFSET ?",
        [*params, limit, offset],
    )
    for item in items:
        item["name"] = lookup(item["code"]).name if is_code(item["code"] or "") else None
    return page_of(store, items, total, limit, offset)
