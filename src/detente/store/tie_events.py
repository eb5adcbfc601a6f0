"""``tie_events``: the counted merged events between countries, once from each country's side.

Series, partners, shifts and a pair's page read one pair's or one country's *counted* merged
events (reviews applied, rejected events left out: the view ``reviewed_merged_events``). The
view joins every merged event with its review at each read, and a pair's events lie scattered
over the whole table, so each such read went through all of it. ``tie_events`` holds the
view's rows for the columns those reads use, once for each country of the event (``country``,
the other one as ``partner``; an event with one country has one row), in order of dataset,
country, partner and date: a pair's or a country's events are then one stretch of the table,
which DuckDB finds by its zone maps without reading the rest.

The table is derived data, kept exact by the writers: every write that changes merged events
or reviews calls :func:`refresh` with the merged events it changed, in its own transaction,
and their rows are replaced by what the view now says. Rows written since the table was last
put in order sit at its end; :func:`refresh` puts the table in order again when they grow past
a tenth of it (and :data:`MIN_UNORDERED` rows), so the cost of a read follows the pair, not
the store.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import datetime
from typing import Any

import pyarrow as pa

log = logging.getLogger(__name__)

TABLE = "tie_events"
COLUMNS = (
    "id",
    "dataset",
    "country_a",
    "country_b",
    "source_country",
    "target_country",
    "source_code",
    "target_code",
    "source_name",
    "target_name",
    "modality",
    "code",
    "root",
    "name",
    "quad_class",
    "goldstein",
    "report_count",
    "date_start",
    "date_end",
    "date_precision",
    "series_date",
    "outlets",
    "first_report_lag_days",
    "first_event_id",
    "review_status",
)
"""The columns of ``reviewed_merged_events`` kept (after ``country`` and ``partner``)."""
ORDER = "dataset, country, partner, series_date"
MIN_UNORDERED = 100_000
_UNORDERED_KEY = "tie_events_unordered"


def sides_sql(counted: str = "SELECT * FROM reviewed_merged_events") -> str:
    """SQL: the rows of ``tie_events`` for the counted merged events that ``counted`` gives
    (rows of ``reviewed_merged_events``; all of them by default)."""
    return f"""
        WITH counted AS MATERIALIZED (SELECT {", ".join(COLUMNS)} FROM ({counted}))
        SELECT country_a AS country, country_b AS partner, * FROM counted
        WHERE country_a IS NOT NULL
        UNION ALL
        SELECT country_b AS country, country_a AS partner, * FROM counted
        WHERE country_b IS NOT NULL AND country_b IS DISTINCT FROM country_a
    """


_MACHINE_COLUMNS = ", ".join(c for c in COLUMNS if c != "review_status")
_CHANGED = f"""
    SELECT {_MACHINE_COLUMNS}, 'machine' AS review_status FROM merged_events
    WHERE id IN (SELECT id FROM _tie_ids) AND id NOT IN (SELECT id FROM _tie_reviewed)
      AND updated_at >= $since
    UNION ALL
    SELECT {", ".join(COLUMNS)} FROM reviewed_merged_events
    WHERE id IN (SELECT id FROM _tie_reviewed)
"""
"""The changed merged events as the view counts them. Those without a review are counted as
the machine coded them (the view's rule), read from ``merged_events`` itself: far cheaper than
the view, which joins every merged event with its review before it can pick a few."""
_EPOCH = datetime(1, 1, 1)


def refresh(
    con: Any,
    ids: str | Sequence[str],
    params: list[Any] | None = None,
    since: datetime | None = None,
) -> None:
    """Make the rows of the merged events ``ids`` what the reviewed view now says: their old
    rows go, the current ones (none for an event deleted or rejected) come in.

    ``ids`` is an SQL query giving the ids (with ``params``) or the ids themselves; ``since``,
    when the write stamped every merged event it wrote with an ``updated_at`` at least that
    late, lets the read skip the older part of ``merged_events``. Call it on the writer's
    connection, in the transaction of the write, after the write.
    """
    if isinstance(ids, str):
        con.execute(f"CREATE OR REPLACE TEMP TABLE _tie_ids AS {ids}", params or [])
    else:
        con.register("_tie_id_list", pa.table({"id": pa.array(list(ids), pa.string())}))
        try:
            con.execute("CREATE OR REPLACE TEMP TABLE _tie_ids AS SELECT id FROM _tie_id_list")
        finally:
            con.unregister("_tie_id_list")
    try:
        (changed,) = con.execute("SELECT count(*) FROM _tie_ids").fetchone()
        if not changed:
            return
        con.execute(
            "CREATE OR REPLACE TEMP TABLE _tie_reviewed AS SELECT merged_id AS id "
            "FROM event_reviews WHERE merged_id IN (SELECT id FROM _tie_ids)"
        )
        con.execute(f"DELETE FROM {TABLE} WHERE id IN (SELECT id FROM _tie_ids)")
        inserted = _insert(con, sides_sql(_CHANGED), {"since": since or _EPOCH})
    finally:
        con.execute("DROP TABLE IF EXISTS _tie_ids")
        con.execute("DROP TABLE IF EXISTS _tie_reviewed")
    _note_unordered(con, inserted)


def _insert(con: Any, rows_sql: str, params: dict[str, Any] | None = None) -> int:
    (count,) = con.execute(
        f"INSERT INTO {TABLE} SELECT * FROM ({rows_sql}) ORDER BY {ORDER}", params or {}
    ).fetchone()
    return int(count)


def _note_unordered(con: Any, inserted: int) -> None:
    row = con.execute("SELECT value FROM detente_meta WHERE key = ?", [_UNORDERED_KEY]).fetchone()
    unordered = int(row[0]) if row else 0
    unordered += inserted
    (total,) = con.execute(f"SELECT count(*) FROM {TABLE}").fetchone()
    if unordered > max(MIN_UNORDERED, total // 10):
        reorder(con)
        return
    _set_unordered(con, unordered)


def _set_unordered(con: Any, value: int) -> None:
    con.execute("INSERT OR REPLACE INTO detente_meta VALUES (?, ?)", [_UNORDERED_KEY, str(value)])


def reorder(con: Any) -> None:
    """Write the table again in order (rows appended since the last time sit at its end)."""
    log.info("putting %s in order", TABLE)
    con.execute(
        f"CREATE OR REPLACE TEMP TABLE _tie_ordered AS SELECT * FROM {TABLE} ORDER BY {ORDER}"
    )
    try:
        con.execute(f"DELETE FROM {TABLE}")
        con.execute(f"INSERT INTO {TABLE} SELECT * FROM _tie_ordered")
    finally:
        con.execute("DROP TABLE IF EXISTS _tie_ordered")
    _set_unordered(con, 0)


def rebuild(con: Any) -> None:
    """Build the table again from the reviewed view (what migration 8 did)."""
    con.execute(f"DELETE FROM {TABLE}")
    _insert(con, sides_sql())
    _set_unordered(con, 0)
