"""The dyad tables, in Spark SQL over the coded events.

One row per pair of states and month: how many asserted event reports, how many in
each quad class, and the sum and mean of their Goldstein scores. ``dyads`` takes the
pair unordered (``country_a`` < ``country_b``); ``dyads_directed`` keeps who acted on
whom. The month is the event's month (``event_month``: the event date, else the
publication date); events dated by neither are left out. These count reports; the
store, after ``detente load``, merges reports of one happening into merged events.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .layout import DYADS, DYADS_DIRECTED, EVENT_MONTH, UNKNOWN_MONTH

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession

_MEASURES = """
    count(*) AS events,
    count_if(quad_class = 1) AS verbal_cooperation,
    count_if(quad_class = 2) AS material_cooperation,
    count_if(quad_class = 3) AS verbal_conflict,
    count_if(quad_class = 4) AS material_conflict,
    sum(goldstein) AS goldstein_sum,
    avg(goldstein) AS goldstein_mean
"""

_BETWEEN_STATES = f"""
    modality = 'asserted'
    AND source_country IS NOT NULL AND target_country IS NOT NULL
    AND source_country <> target_country
    AND {EVENT_MONTH} <> '{UNKNOWN_MONTH}'
"""

DYAD_SQL = {
    DYADS: f"""
        SELECT least(source_country, target_country) AS country_a,
               greatest(source_country, target_country) AS country_b,
               {EVENT_MONTH} AS month, {_MEASURES}
        FROM {{events}} WHERE {_BETWEEN_STATES}
        GROUP BY 1, 2, 3
    """,
    DYADS_DIRECTED: f"""
        SELECT source_country, target_country, {EVENT_MONTH} AS month, {_MEASURES}
        FROM {{events}} WHERE {_BETWEEN_STATES}
        GROUP BY 1, 2, 3
    """,
}


def dyad_tables(spark: SparkSession, events: DataFrame) -> dict[str, DataFrame]:
    """``{"dyads": ..., "dyads_directed": ...}`` from events with an ``event_month`` column."""
    view = "detente_events"
    events.createOrReplaceTempView(view)
    return {name: spark.sql(sql.format(events=view)) for name, sql in DYAD_SQL.items()}
