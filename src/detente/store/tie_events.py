"""``tie_events``: the counted merged events between countries, once from each country's side.

Series, partners, shifts and a pair's page read one pair's or one country's *counted* merged
events (reviews applied, rejected events left out: the view ``reviewed_merged_events``). The
view joins every merged event with its review at each read, and a pair's events lie scattered
over the whole table, so each such read went through all of it. ``tie_events`` holds the
view's rows for the columns those reads use, once for each country of the event (``country``,
the other one as ``partner``; an event with one country has one row), in order of dataset,
country, partner and date: a pair's or a country's events are then one stretch of the table,
which DuckDB finds by its zone maps without reading the rest.

``tie_months`` adds up ``tie_events`` per month for what a country's partners need (a
dataset, country, partner, modality, month and quad class: the events, reports, Goldstein
sums and first and last days), so that ranking a country's partners over its whole history
reads a fifth as many rows; a period that cuts a month in two reads that month's events.

The tables are derived data, kept exact by the writers: every write that changes merged events
or reviews calls :func:`refresh` with the merged events it changed, in its own transaction,
and their rows are replaced by what the view now says. Rows written since the table was last
put in order sit at its end; :func:`refresh` puts the table in order again when they grow past
a tenth of it (and :data:`MIN_UNORDERED` rows), so the cost of a read follows the pair, not
the store.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
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
MONTHS = "tie_months"
MONTH_ORDER = "dataset, country, partner, month"
PARTNER_ROWS = "country_a <> country_b AND country_b IS NOT NULL AND series_date IS NOT NULL"
"""The rows of ``tie_events`` that count for a country's partners (those with another state,
dated)."""
MONTH = "CAST(date_trunc('month', series_date) AS DATE)"


def months_sql(where: str = "TRUE", rows: str = f"{TABLE} t") -> str:
    """SQL: the rows of ``tie_months`` from the rows of ``tie_events`` (as ``rows``, a FROM
    clause) matching ``where``."""
    return f"""
        SELECT dataset, country, partner, modality, {MONTH} AS month, quad_class,
               count(*) AS events, CAST(sum(report_count) AS BIGINT) AS reports,
               sum(coalesce(goldstein, 0)) AS goldstein_sum,
               sum(abs(coalesce(goldstein, 0))) AS weight,
               min(series_date) AS first, max(series_date) AS last
        FROM {rows} WHERE {PARTNER_ROWS} AND {where}
        GROUP BY ALL ORDER BY {MONTH_ORDER}
    """


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
_UNREVIEWED = f"""
    SELECT {_MACHINE_COLUMNS}, 'machine' AS review_status FROM merged_events
    WHERE id IN (SELECT id FROM _tie_ids) AND id NOT IN (SELECT id FROM _tie_reviewed)
      AND updated_at >= $since
"""
_REVIEWED = f"""
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
    countries: Iterable[str | None] | None = None,
    fresh: Iterable[str] = (),
) -> None:
    """Make the rows of the merged events ``ids`` what the reviewed view now says: their old
    rows go, the current ones (none for an event deleted or rejected) come in, and the months
    they are in are summed again.

    ``ids`` is an SQL query giving the ids (with ``params``) or the ids themselves. Hints that
    spare reads of the whole table: ``since``, when the write stamped every merged event it
    wrote with an ``updated_at`` at least that late; ``countries``, when the caller knows every
    country the events had and have as the machine coded them (corrections' countries are
    added here); ``fresh``, the ids of merged events the write created (no rows to remove).
    Call it on the writer's connection, in the transaction of the write, after the write.
    """
    _changed_ids(con, ids, params)
    try:
        (changed,) = con.execute("SELECT count(*) FROM _tie_ids").fetchone()
        if not changed:
            return
        corrected = _reviews(con)
        changed_sql = _UNREVIEWED if corrected is None else f"{_UNREVIEWED} UNION ALL {_REVIEWED}"
        con.execute(
            f"CREATE OR REPLACE TEMP TABLE _tie_new AS {sides_sql(changed_sql)}",
            {"since": since or _EPOCH},
        )
        near = None if countries is None else {c for c in countries if c} | (corrected or set())
        _remove_old(con, near, list(fresh))
        inserted = _insert(con, "SELECT * FROM _tie_new")
        _recount_months(con)
    finally:
        for temp in ("_tie_ids", "_tie_reviewed", "_tie_new", "_tie_gone", "_tie_cells"):
            con.execute(f"DROP TABLE IF EXISTS {temp}")
    _note_unordered(con, inserted)


def _reviews(con: Any) -> set[str] | None:
    """``_tie_reviewed``: the changed events with a review; their corrections' countries (None
    when no changed event has a review)."""
    con.execute(
        "CREATE OR REPLACE TEMP TABLE _tie_reviewed AS SELECT merged_id AS id, country_a, "
        "country_b FROM event_reviews WHERE merged_id IN (SELECT id FROM _tie_ids)"
    )
    rows = con.execute("SELECT country_a, country_b FROM _tie_reviewed").fetchall()
    return {c for row in rows for c in row if c} if rows else None


def _remove_old(con: Any, countries: set[str] | None, fresh: list[str]) -> None:
    """Remove the changed events' rows (``fresh`` ones have none); ``_tie_cells``: the months
    of the rows removed and of those coming, whose sums change."""
    where = "id IN (SELECT id FROM _tie_ids)"
    if countries is not None:
        where += f" AND country IN ({_strings(sorted(countries))})"
    if fresh:
        con.register("_tie_fresh", pa.table({"id": pa.array(fresh, pa.string())}))
        where += " AND id NOT IN (SELECT id FROM _tie_fresh)"
    try:
        # found once, then deleted by row number (a DELETE ... RETURNING reads far slower)
        con.execute(
            "CREATE OR REPLACE TEMP TABLE _tie_gone AS SELECT rowid AS r, dataset, country, "
            f"partner, country_a, country_b, series_date FROM {TABLE} WHERE {where}"
        )
    finally:
        if fresh:
            con.unregister("_tie_fresh")
    con.execute(f"DELETE FROM {TABLE} WHERE rowid IN (SELECT r FROM _tie_gone)")
    con.execute(
        f"CREATE OR REPLACE TEMP TABLE _tie_cells AS {_cells('_tie_gone')} "
        f"UNION {_cells('_tie_new')}"
    )


def _cells(table: str, where: str = "TRUE") -> str:
    return (
        f"SELECT DISTINCT dataset, country, partner, {MONTH} AS month FROM {table} "
        f"WHERE {PARTNER_ROWS} AND {where}"
    )


_CELL_KEYS = ("dataset", "country", "partner", "month")


def _recount_months(con: Any) -> None:
    """Add up again the months of ``_tie_cells`` (in ``tie_months``) from ``tie_events``."""
    countries = [r[0] for r in con.execute("SELECT DISTINCT country FROM _tie_cells").fetchall()]
    if not countries:
        return
    (first, last) = con.execute("SELECT min(month), max(month) FROM _tie_cells").fetchone()
    # lets DuckDB skip other countries' rows, and leave out early the other months' events
    near = f"country IN ({_strings(countries)})"
    when = f"series_date BETWEEN DATE '{first}' AND DATE '{last}' + INTERVAL 1 MONTH"
    same = " AND ".join(f"m.{k} = c.{k}" for k in _CELL_KEYS)
    con.execute(f"DELETE FROM {MONTHS} m USING _tie_cells c WHERE m.{near} AND {same}")
    cells = " AND ".join(f"t.{k} = c.{k}" for k in _CELL_KEYS[:3])
    rows = f"{TABLE} t SEMI JOIN _tie_cells c ON {cells} AND c.month = {MONTH}"
    con.execute(f"INSERT INTO {MONTHS} {months_sql(f't.{near} AND t.{when}', rows)}")


def _changed_ids(con: Any, ids: str | Sequence[str], params: list[Any] | None) -> None:
    if isinstance(ids, str):
        con.execute(f"CREATE OR REPLACE TEMP TABLE _tie_ids AS {ids}", params or [])
        return
    con.register("_tie_id_list", pa.table({"id": pa.array(list(ids), pa.string())}))
    try:
        con.execute("CREATE OR REPLACE TEMP TABLE _tie_ids AS SELECT id FROM _tie_id_list")
    finally:
        con.unregister("_tie_id_list")


def _strings(values: Iterable[str]) -> str:
    return ", ".join("'" + v.replace("'", "''") + "'" for v in values) or "NULL"


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
    _count_months(con)
    _set_unordered(con, 0)


def _count_months(con: Any) -> None:
    con.execute(f"DELETE FROM {MONTHS}")
    con.execute(f"INSERT INTO {MONTHS} {months_sql()}")


def rebuild(con: Any) -> None:
    """Build the tables again from the reviewed view (what migration 8 did)."""
    con.execute(f"DELETE FROM {TABLE}")
    _insert(con, sides_sql())
    _count_months(con)
    _set_unordered(con, 0)
