"""Merging an imported dataset's rows into merged events, in SQL.

GDELT writes one row per happening *and source article*: the same day, pair and code from
many URLs. Those rows are one happening, and become one merged event: its ``report_count``
the number of rows, ``mentions`` the sum of their mention counts, ``article_ids`` their URLs
(or stories) and ``outlets`` their sites, in the order the provider reported them. Who the
pair is follows the report-merging rules of :mod:`detente.ties.merge`: a side is its country,
else its actor code; the two sides of a visit are one happening (A visits B = B hosts A, shown
with the visitor as the source); a reciprocal act (meet, negotiate, sign, fight:
:data:`~detente.ties.merge.RECIPROCAL_CODES`) is the same whichever side is named first.

Unlike reports, imported rows are dated to the day by the provider and merge on that day and
code only: a merged event's id is its key (``gdelt:2019-04-03:042:RUS>PRK``, or
``...:036:CHN|USA`` for a reciprocal act), stored with each row as ``merged_id``. That makes
the merge one GROUP BY, and incremental: the rows of a later file with the same key add to the
merged event already stored. Its code, quad class and Goldstein value are those of the first
row reported (for a visit, the first from the visitor's side); a side's sector and name, and
the place, the first row's that has one. A dataset's rows never join another dataset's merged
events, nor detente's.
"""

from __future__ import annotations

import logging
import time
from typing import Any

from ..store import Store, tie_events
from ..store.database import utcnow
from ..ties.merge import RECIPROCAL_CODES, MergeResult
from .codes import code_table

log = logging.getLogger(__name__)

_RECIPROCAL = "(" + ", ".join(f"'{c}'" for c in sorted(RECIPROCAL_CODES - {"043"})) + ")"


def side_key_sql(side: str, table: str = "") -> str:
    """SQL: who a side is for merging (its country, else its actor code, else '')."""
    prefix = f"{table}." if table else ""
    return f"coalesce({prefix}{side}_country, {prefix}{side}_code, '')"


def swapped_sql() -> str:
    """SQL: whether a row names the merged event's sides the other way round: a host's row
    (043, the visitor is its target), or a reciprocal act whose source sorts after its target."""
    return (
        f"CASE WHEN left(code, 3) = '043' THEN true "
        f"WHEN left(code, 3) IN {_RECIPROCAL} "
        f"THEN {side_key_sql('source')} > {side_key_sql('target')} ELSE false END"
    )


def merge_key_sql(dataset: str = "dataset") -> str:
    """SQL over a row of ``dataset_events`` columns: the id of the merged event it belongs to
    (``dataset``: the SQL of the dataset's name, its column by default)."""
    source, target = side_key_sql("source"), side_key_sql("target")
    c3 = "left(code, 3)"
    return (
        f"{dataset} || ':' || CAST(event_date AS VARCHAR) || ':' || "
        f"CASE WHEN {c3} IN ('042', '043') THEN '042' ELSE code END || ':' || "
        f"CASE WHEN {c3} = '043' THEN {target} || '>' || {source} "
        f"WHEN {c3} IN {_RECIPROCAL} "
        f"THEN least({source}, {target}) || '|' || greatest({source}, {target}) "
        f"ELSE {source} || '>' || {target} END"
    )


def _canonical(field: str) -> str:
    return (
        f"CASE WHEN swapped THEN target_{field} ELSE source_{field} END AS a_{field}, "
        f"CASE WHEN swapped THEN source_{field} ELSE target_{field} END AS b_{field}"
    )


def _distinct(values: str) -> str:
    """SQL: the list ``values`` without repeats or NULLs, sorted (the same whatever the order
    rows were read in)."""
    return f"CASE WHEN len({values}) > 1 THEN list_sort(list_distinct({values})) ELSE {values} END"


_DAY = 1_000_000_000_000
"""Order of reporting as one number: the day reported times this, plus the row's place."""
_HOST_LAST = 1_000_000_000_000_000_000
"""Added to a host's row (043) when choosing the row a merged event is shown as: a visit
reads best with the visitor as the source."""


def _groups_sql(rows: str) -> str:
    """SQL: one row per merged event of ``rows`` (dataset_events columns with ``merged_id`` and
    ``rid``, a number in the order the rows were read; ``id`` is not read: it is the dataset and
    the provider's id)."""
    sides = ", ".join(_canonical(f) for f in ("code", "country", "sector", "name"))
    firsts = ", ".join(f"arg_min({s}_{f}, k) AS {s}_{f}" for s in "ab" for f in ("sector", "name"))
    shown = (
        "{'code': code, 'swapped': swapped, 'quad_class': quad_class, 'goldstein': goldstein, "
        "'a_code': a_code, 'a_country': a_country, 'b_code': b_code, 'b_country': b_country}"
    )
    return f"""
        WITH r AS (
            -- a provider's actor names stay on its rows: a merged event names only
            -- detente's own actors, which have pages of their own
            SELECT *, {sides} FROM (
                SELECT merged_id, provider_id, dataset, event_date, code, quad_class, goldstein,
                       mentions, location_country, publisher,
                       coalesce(url, story_id, provider_id) AS article,
                       source_code, source_country, source_sector,
                       NULL::VARCHAR AS source_name,
                       target_code, target_country, target_sector,
                       NULL::VARCHAR AS target_name,
                       coalesce(date_added, event_date) AS reported,
                       date_diff('day', DATE '1970-01-01', coalesce(date_added, event_date))
                           * {_DAY} + rid AS k,
                       {swapped_sql()} AS swapped
                FROM ({rows})
            )
        )
        SELECT merged_id AS id, any_value(dataset) AS dataset, any_value(event_date) AS day,
               arg_min({shown}, k + CASE WHEN left(code, 3) = '043' THEN {_HOST_LAST} ELSE 0 END)
                   AS shown,
               {firsts}, arg_min(location_country, k) AS location_country,
               count(*) AS report_count, sum(mentions) AS mentions,
               min(reported) AS first_reported, max(reported) AS last_reported,
               any_value(dataset) || ':' || arg_min(provider_id, k) AS first_event_id,
               list(article) AS articles,
               list(publisher) FILTER (WHERE publisher IS NOT NULL) AS publishers
        FROM r GROUP BY merged_id
    """


def _side(side: str, other: str) -> str:
    name = "source" if side == "a" else "target"
    shown = [
        f"CASE WHEN g.shown.swapped THEN g.shown.{other}_{f} ELSE g.shown.{side}_{f} END "
        f"AS {name}_{f}"
        for f in ("code", "country")
    ]
    firsts = [
        f"CASE WHEN g.shown.swapped THEN g.{other}_{f} ELSE g.{side}_{f} END AS {name}_{f}"
        for f in ("sector", "name")
    ]
    return ", ".join(shown + firsts)


def _merged_sql(now: str) -> str:
    """SQL: ``_merge_groups`` as rows of ``merged_events``."""
    source, target = side_key_sql("source"), side_key_sql("target")
    return f"""
        SELECT s.*,
               CASE WHEN source_country IS NULL OR target_country IS NULL
                    THEN coalesce(source_country, target_country)
                    ELSE least(source_country, target_country) END AS country_a,
               CASE WHEN source_country IS NOT NULL AND target_country IS NOT NULL
                    THEN greatest(source_country, target_country) END AS country_b,
               least({source}, {target}) || '|' || greatest({source}, {target}) AS pair_key
        FROM (
            SELECT g.id, 'asserted' AS modality, g.shown.code AS code, c.root, c.name,
                   g.shown.quad_class AS quad_class, g.shown.goldstein AS goldstein,
                   {_side("a", "b")}, {_side("b", "a")}, g.location_country,
                   g.day AS date_start, g.day AS date_end, 'day' AS date_precision,
                   g.day AS series_date, g.first_reported AS first_published,
                   g.last_reported AS last_published, g.first_reported AS first_report_date,
                   datediff('day', g.day, g.first_reported) AS first_report_lag_days,
                   g.first_event_id, g.report_count,
                   {_distinct("g.articles")} AS article_ids,
                   {_distinct("coalesce(g.publishers, [])")} AS outlets,
                   TIMESTAMP '{now}' AS updated_at, g.dataset, g.mentions
            FROM _merge_groups g JOIN _codes c ON c.raw = g.shown.code
        ) s
    """


_SAME = f"({side_key_sql('source', 'o')} = {side_key_sql('source', 'n')})"
"""SQL: whether a stored merged event and the new rows joining it show the same side first."""
_COMBINED = f"""
    SELECT o.* REPLACE (
        coalesce(o.source_sector, CASE WHEN {_SAME} THEN n.source_sector ELSE n.target_sector END)
            AS source_sector,
        coalesce(o.source_name, CASE WHEN {_SAME} THEN n.source_name ELSE n.target_name END)
            AS source_name,
        coalesce(o.target_sector, CASE WHEN {_SAME} THEN n.target_sector ELSE n.source_sector END)
            AS target_sector,
        coalesce(o.target_name, CASE WHEN {_SAME} THEN n.target_name ELSE n.source_name END)
            AS target_name,
        coalesce(o.location_country, n.location_country) AS location_country,
        least(o.first_published, n.first_published) AS first_published,
        greatest(o.last_published, n.last_published) AS last_published,
        least(o.first_report_date, n.first_report_date) AS first_report_date,
        datediff('day', o.date_start, least(o.first_report_date, n.first_report_date))
            AS first_report_lag_days,
        CASE WHEN n.first_report_date < o.first_report_date THEN n.first_event_id
             ELSE o.first_event_id END AS first_event_id,
        o.report_count + n.report_count AS report_count,
        {_distinct("list_concat(o.article_ids, n.article_ids)")} AS article_ids,
        {_distinct("list_concat(o.outlets, n.outlets)")} AS outlets,
        n.updated_at AS updated_at,
        CASE WHEN o.mentions IS NULL AND n.mentions IS NULL THEN NULL
             ELSE coalesce(o.mentions, 0) + coalesce(n.mentions, 0) END AS mentions
    )
    FROM _merge_old o JOIN _merge_new n USING (id)
"""


def fold_rows(
    con, dataset: str, rows: str, params: list[Any] | None = None
) -> tuple[int, int, int]:
    """Fold ``rows`` (SQL giving dataset_events rows of ``dataset`` with their merged_id) into
    merged events: new ones inserted, those already stored updated. Returns (rows, new merged
    events, updated merged events). Runs on the caller's transaction."""
    con.register("_codes", code_table())
    try:
        con.execute(
            f"CREATE OR REPLACE TEMP TABLE _merge_groups AS {_groups_sql(rows)}", params or []
        )
        now = utcnow()
        con.execute(f"CREATE OR REPLACE TEMP TABLE _merge_new AS {_merged_sql(now.isoformat())}")
        (count, lo, hi, folded) = con.execute(
            "SELECT count(*), min(date_start), max(date_start), sum(report_count) FROM _merge_new"
        ).fetchall()[0]
        if not count:
            return 0, 0, 0
        con.execute(
            "CREATE OR REPLACE TEMP TABLE _merge_old AS SELECT * FROM merged_events "
            "WHERE dataset = ? AND date_start BETWEEN ? AND ? AND id IN (SELECT id FROM _merge_new)",
            [dataset, lo, hi],
        )
        updated = con.execute("SELECT count(*) FROM _merge_old").fetchall()[0][0]
        if updated:
            con.execute("DELETE FROM merged_events WHERE id IN (SELECT id FROM _merge_old)")
            con.execute(f"INSERT INTO merged_events BY NAME {_COMBINED}")
            con.execute("DELETE FROM _merge_new WHERE id IN (SELECT id FROM _merge_old)")
        con.execute("INSERT INTO merged_events BY NAME SELECT * FROM _merge_new")
        tie_events.refresh(
            con, "SELECT id FROM _merge_new UNION ALL SELECT id FROM _merge_old", since=now
        )
        return int(folded or 0), int(count) - int(updated), int(updated)
    finally:
        for table in ("_merge_groups", "_merge_new", "_merge_old"):
            con.execute(f"DROP TABLE IF EXISTS {table}")
        con.unregister("_codes")


_PENDING = "dataset = ? AND merged_id IS NULL"


def pending_rows(store: Store, dataset: str) -> int:
    """How many imported rows of ``dataset`` are not merged yet (imported with ``--no-merge``)."""
    return int(
        store.scalar(f"SELECT count(*) FROM dataset_events WHERE {_PENDING}", [dataset]) or 0
    )


def merge_dataset(store: Store, dataset: str, window_days: int | None = None) -> MergeResult:
    """Merge the rows of ``dataset`` not merged yet; return what changed. (``window_days``, the
    report-merging window, does not apply: imported rows merge within their day.)"""
    started = time.perf_counter()
    key = merge_key_sql()
    with store.transaction() as con:
        rows = (
            f"SELECT * REPLACE ({key} AS merged_id), rowid AS rid "
            f"FROM dataset_events WHERE {_PENDING}"
        )
        folded, new, updated = fold_rows(con, dataset, rows, [dataset])
        con.execute(f"UPDATE dataset_events SET merged_id = {key} WHERE {_PENDING}", [dataset])
    result = MergeResult(folded, new, updated, time.perf_counter() - started)
    log.info("merged %d rows of dataset %s: %d new merged events", folded, dataset, new)
    return result
