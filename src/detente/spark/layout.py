"""What a Spark run writes, and the column types it shares with the DuckDB store.

An output folder holds one Parquet dataset per table::

    OUTPUT/articles/          the store's ``articles`` columns
    OUTPUT/events/event_month=2019-03/...   the store's ``events`` columns, by event month
    OUTPUT/event_evidence/    the store's ``event_evidence`` columns
    OUTPUT/mentions/          the store's ``mentions`` columns
    OUTPUT/skipped/           origin, reason: inputs (or records) that gave no article
    OUTPUT/dyads/             pair of states × month: event counts by quad class, Goldstein
    OUTPUT/dyads_directed/    the same, source state → target state
    OUTPUT/run/               one row: inputs, pipeline version and counts

A run over provider event files (``--input-format gdelt|icews|polecat``) writes instead::

    OUTPUT/dataset/record=event/event_month=2019-04/...   the store's ``dataset_events`` rows
    OUTPUT/dataset/record=skipped/...   source_file, source_line, reason: each line skipped
    OUTPUT/dataset/record=file/...      source_file, layout: each file read
    OUTPUT/run/               one row: kind ``dataset import``, dataset, format, counts

(one table, written at once, whose rows of each kind fill the columns they need).

The column types are read from the store's own migrations, so the Parquet files
and the store can never disagree about a column.
"""

from __future__ import annotations

from functools import cache

import duckdb
import pyarrow as pa

from ..store.migrations import MIGRATIONS

STORE_TABLES = ("articles", "events", "event_evidence", "mentions")
"""The store's tables a Spark run fills, in the order they are loaded."""

EVENT_MONTH = "event_month"
"""Partition column of ``events``: ``YYYY-MM`` of ``date_start``, else of the article's
publication date when the text never dates the event, else ``unknown``."""
UNKNOWN_MONTH = "unknown"

SKIPPED, DYADS, DYADS_DIRECTED, RUN = "skipped", "dyads", "dyads_directed", "run"
DATASET = "dataset"
EVENT, SKIPPED_LINE, FILE = "event", "skipped", "file"
"""The kinds of row (``record``) of ``dataset/``: a stored row, a line skipped, a file read."""
CODED_LISTS = {"events": "events", "evidence": "event_evidence", "mentions": "mentions"}
"""List columns of one coded article (one row per article) → the store table they fill."""

SKIPPED_SCHEMA = pa.schema([("origin", pa.string()), ("reason", pa.string())])

READ_SCHEMA = pa.schema(
    [
        ("id", pa.string()),
        ("text", pa.string()),
        ("title", pa.string()),
        ("url", pa.string()),
        ("source", pa.string()),
        ("published", pa.date32()),
        ("language", pa.string()),
        ("origin", pa.string()),
        ("record_id", pa.string()),
        ("skipped_reason", pa.string()),
    ]
)
"""One read article (``skipped_reason`` null), or one input that gave none (``origin`` and
``skipped_reason`` only), between the reading and the coding stages."""


@cache
def store_schema(table: str) -> pa.Schema:
    """The Arrow schema of one of the store's tables, from the store's migrations."""
    con = duckdb.connect()
    try:
        for migration in MIGRATIONS:
            con.execute(migration.sql)
        return con.sql(f"SELECT * FROM {table} LIMIT 0").to_arrow_table().schema
    finally:
        con.close()


def coded_schema() -> pa.Schema:
    """One coded article: the store's article columns, then its events, evidence and mentions."""
    fields = list(store_schema("articles"))
    for column, table in CODED_LISTS.items():
        fields.append(pa.field(column, pa.list_(pa.struct(list(store_schema(table))))))
    return pa.schema(fields)


def table_path(output: str, table: str) -> str:
    """``OUTPUT/table`` for local paths and URIs (``s3a://bucket/run``) alike."""
    return f"{output.rstrip('/')}/{table}"
