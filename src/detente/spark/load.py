"""``detente load``: bring a Spark run's Parquet output into a DuckDB store.

DuckDB reads the Parquet itself (no Spark needed). Articles already in the store are
left out with their events; the rest go in with all their rows in one transaction of
the store's single writer, stamped with the time of loading (so the next merge sees
them), and the new reports are then merged as after ``detente ingest``. The output of a
run over provider event files (``dataset/``) goes in as ``detente import`` would
have stored it (:func:`load_dataset_output`).
"""

from __future__ import annotations

import time
from dataclasses import asdict, dataclass
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

import duckdb

from ..errors import InputError
from ..store import Store
from ..store.database import utcnow
from ..ties import merge_new_events
from .layout import (
    DATASET,
    EVENT,
    FILE,
    RUN,
    SKIPPED,
    SKIPPED_LINE,
    STORE_TABLES,
    store_schema,
    table_path,
)

if TYPE_CHECKING:
    from ..datasets import ImportSummary


@dataclass
class LoadSummary:
    """What one load did; also recorded in the store's ``ingest_runs``."""

    output: str
    articles_read: int
    articles_new: int
    duplicates: int
    events_stored: int
    skipped: int
    merged_events: int
    pipeline_version: str | None
    seconds: float

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "seconds": round(self.seconds, 2)}


def parquet_glob(output: str | Path, table: str) -> str | None:
    """The Parquet files of one table of a Spark output, or None when it has none."""
    folder = Path(table_path(str(output), table))
    if not folder.is_dir() or next(folder.rglob("*.parquet"), None) is None:
        return None
    return str(folder / "**" / "*.parquet")


def load_output(output: str | Path, store: Store) -> LoadSummary:
    """Load the articles, events, evidence and mentions of a Spark run into ``store``."""
    started = time.perf_counter()
    sources = _sources(output)
    now = utcnow()
    with store.transaction() as con:
        con.execute(f"""CREATE OR REPLACE TEMP TABLE _spark_new AS
            SELECT id, pipeline_version FROM {_scan(sources["articles"])}
            WHERE id NOT IN (SELECT id FROM articles)""")
        (read,) = _one(con, f"SELECT count(*) FROM {_scan(sources['articles'])}")
        new, version = _one(con, "SELECT count(*), max(pipeline_version) FROM _spark_new")
        for table in STORE_TABLES:
            if sources[table] is not None:
                _insert_new(con, table, sources[table], now)
        (events,) = _one(
            con, "SELECT count(*) FROM events WHERE article_id IN (SELECT id FROM _spark_new)"
        )
        skipped = _count(con, sources[SKIPPED])
        con.execute("DROP TABLE _spark_new")
        summary = LoadSummary(
            str(output), read, new, read - new, events, skipped, 0, version,
            time.perf_counter() - started,
        )  # fmt: skip
        _record_run(con, summary, now)
    summary.merged_events = merge_new_events(store).new_merged if events else 0
    summary.seconds = time.perf_counter() - started
    return summary


def _insert_new(con, table: str, glob: str | None, now) -> None:
    """The rows of one table that belong to the new articles (``_spark_new``)."""
    key = "id" if table == "articles" else "article_id"
    columns = ", ".join(f'"{c}"' for c in store_schema(table).names)
    select = f"SELECT {columns} FROM {_scan(glob)} WHERE {key} IN (SELECT id FROM _spark_new)"
    if table == "articles":  # stamped now, so that the next merge takes their events
        select = f"SELECT * REPLACE (CAST($now AS TIMESTAMP) AS ingested_at) FROM ({select})"
        con.execute(f"INSERT INTO {table} BY NAME {select}", {"now": now})
    else:
        con.execute(f"INSERT INTO {table} BY NAME {select}")


def _one(con, sql: str) -> tuple:
    row = con.execute(sql).fetchone()
    assert row is not None, "an aggregate query returns one row"
    return row


def _folder(output: str | Path) -> Path:
    folder = Path(output)
    if not folder.is_dir():
        raise InputError(
            f"{output}: no such folder. Give the OUTPUT folder of `detente spark` "
            "(copy it from HDFS or S3 to a local disk first)."
        )
    return folder


def _sources(output: str | Path) -> dict[str, str | None]:
    folder = _folder(output)
    sources = {table: parquet_glob(folder, table) for table in (*STORE_TABLES, SKIPPED)}
    if sources["articles"] is None:
        raise InputError(
            f"{output} is not the output of `detente spark`: it has no articles/ "
            "Parquet files. Give the folder the job wrote."
        )
    return sources


def _scan(glob: str | None) -> str:
    path = (glob or "").replace("'", "''")
    return f"read_parquet('{path}', hive_partitioning = false, union_by_name = true)"


def _count(con, glob: str | None) -> int:
    return _one(con, f"SELECT count(*) FROM {_scan(glob)}")[0] if glob else 0


def _record_run(con, summary: LoadSummary, finished) -> None:
    (next_id,) = _one(con, "SELECT coalesce(max(id), 0) + 1 FROM ingest_runs")
    con.execute(
        "INSERT INTO ingest_runs VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            next_id,
            finished - timedelta(seconds=summary.seconds),
            finished,
            [summary.output],
            summary.articles_read,
            summary.articles_new,
            summary.duplicates,
            summary.skipped,
            summary.events_stored,
            summary.pipeline_version,
        ],
    )


def is_dataset_output(output: str | Path) -> bool:
    """Whether ``output`` is a Spark run over provider event files (it has ``dataset/``)."""
    return Path(table_path(str(output), DATASET)).is_dir()


def load_dataset_output(output: str | Path, store: Store) -> ImportSummary:
    """Store the rows of a Spark run over provider files not stored yet, and merge them."""
    from ..datasets.staged_parquet import StagedParquet, load_staged  # the CAMEO tables

    folder = _folder(output)
    run = _run_row(folder)
    parquet = StagedParquet(
        *(parquet_glob(folder, f"{DATASET}/record={kind}") for kind in (EVENT, SKIPPED_LINE, FILE))
    )
    return load_staged(store, parquet, run["dataset"], run["format"])


def _run_row(output: str | Path) -> dict[str, Any]:
    glob = parquet_glob(output, RUN)
    if glob is None:
        raise InputError(f"{output}: no run/ table; give the whole folder `detente spark` wrote.")
    con = duckdb.connect()
    try:
        cursor = con.execute(f"SELECT * FROM {_scan(glob)} LIMIT 1")
        names = [d[0] for d in cursor.description]
        row = cursor.fetchone()
    finally:
        con.close()
    if row is None:
        raise InputError(f"{output}: its run/ table is empty; run `detente spark` again.")
    return dict(zip(names, row))
