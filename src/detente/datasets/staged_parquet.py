"""Rows staged elsewhere — a Spark run over provider files, as Parquet — into the store.

The Spark executors stage files as :func:`~detente.datasets.loader.import_files` does
(:mod:`detente.spark.provider_files`), but cannot see the store; this module does the rest of
an import with the loader's own SQL: the rows not stored yet go into ``dataset_events`` and
are merged (:func:`~detente.datasets.loader.store_staged`) a few event months at a time (up
to :data:`CHUNK_ROWS` rows, one transaction each), so memory stays bounded however long the
history. A merged event is one day's, so it never spans two months. Rows are taken in the
order an import reads them (file, then line): the first of rows repeating a provider id is
kept, and a merged event is shown as its first row reported, as after ``detente import`` of
the same files. (Repeats are looked for among the months loaded together, as an import looks
among a batch's dates: an id that came back months apart with another date would be stored
twice; the providers' ids do not.)
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import duckdb

from ..errors import StoreError
from ..store import Store
from .loader import (
    MEMORY_LIMIT,
    ImportSummary,
    check_dataset_name,
    check_format,
    finish_run,
    limited_memory,
    start_run,
    store_staged,
)
from .reading import literal
from .staging import ROWS, Lines, SkippedRow, Staged, drop_staging

CHUNK_ROWS = 2_000_000
"""Whole event months are loaded together up to this many rows (a month holding more is
loaded alone): fewer, larger transactions store faster and compress better."""
_ADDED = ("id", "dataset", "import_id")
"""Columns of ``dataset_events`` the store adds itself when it stores a row."""
_PARQUET_LINES = Lines(
    "m.source_file", "m.source_line", "", ("position", "problem", "source_file", "source_line")
)


@dataclass(frozen=True)
class StagedParquet:
    """A staged run's Parquet, as globs DuckDB reads (each None when the run wrote no such
    rows): ``events``, the store's ``dataset_events`` columns partitioned by ``event_month``;
    ``skipped``: ``source_file``, ``source_line``, ``reason``; ``files``: ``source_file``,
    ``layout``."""

    events: str | None
    skipped: str | None
    files: str | None


def load_staged(
    store: Store,
    parquet: StagedParquet,
    dataset: str,
    fmt: str,
    memory_limit: str | None = MEMORY_LIMIT,
) -> ImportSummary:
    """Store and merge the staged rows of ``dataset`` (in ``fmt``'s layouts) not stored yet."""
    check_format(fmt)
    dataset = check_dataset_name(dataset)
    started = time.perf_counter()
    summary = ImportSummary(dataset=dataset, format=fmt)
    files = _files(store, parquet.files)
    summary.import_id = start_run(store, dataset, fmt, [name for name, _ in files])
    try:
        with limited_memory(store, memory_limit):
            for months in _month_chunks(store, parquet.events):
                with store.transaction() as con:
                    _stage_months(con, str(parquet.events), months)
                    store_staged(con, Staged(_PARQUET_LINES, [], 0), summary, merge=True)
                    drop_staging(con)
        _count_skipped(store, parquet.skipped, summary)
        summary.files = [name for name, _ in files]
        summary.layouts = [layout for _, layout in files if layout]
    except duckdb.Error as exc:
        raise StoreError(f"cannot load the staged rows of {parquet.events}: {exc}") from exc
    finally:
        summary.import_seconds = time.perf_counter() - started
        finish_run(store, summary)
    return summary


def _staged_columns(con) -> list[str]:
    """The Parquet columns that ``_rows`` holds: the store's, less what it adds."""
    columns = [r[0] for r in con.execute("DESCRIBE dataset_events").fetchall()]
    return [c for c in columns if c not in _ADDED]


def _scan(glob: str) -> str:
    return f"read_parquet({literal(glob)}, hive_partitioning = true, union_by_name = true)"


def _month_chunks(store: Store, events: str | None) -> list[list[str]]:
    """The event months in order, in runs of up to :data:`CHUNK_ROWS` rows."""
    if events is None:
        return []
    counts = store.query(
        f"SELECT event_month, count(*) AS n FROM {_scan(events)} GROUP BY 1 ORDER BY 1"
    )
    chunks: list[list[str]] = []
    size = 0
    for row in counts:
        if not chunks or size + row["n"] > CHUNK_ROWS:
            chunks.append([])
            size = 0
        chunks[-1].append(row["event_month"])
        size += row["n"]
    return chunks


def _stage_months(con, events: str, months: list[str]) -> None:
    """``_rows`` as staging leaves it, from some months of Parquet, with no ``problem`` (rows
    with one were skipped) and a ``position`` in the order an import reads them: file by file
    (by path), line by line. A row's position is its line plus the lines of the files before
    its own, so no sort of the rows is needed."""
    chosen = ", ".join(literal(m) for m in months)  # literals: DuckDB reads their folders only
    rows = f"{_scan(events)} WHERE event_month IN ({chosen})"
    con.execute(
        f"""CREATE TEMP TABLE {ROWS} AS
        WITH lasts AS (SELECT source_file, max(source_line) AS last FROM {rows} GROUP BY ALL),
        files AS (SELECT source_file, sum(last) OVER (ORDER BY source_file) - last AS before
                  FROM lasts)
        SELECT {", ".join("e." + c for c in _staged_columns(con))},
               CAST(NULL AS VARCHAR) AS problem, f.before + e.source_line AS position
        FROM (SELECT * FROM {rows}) e JOIN files f USING (source_file)"""
    )


def _files(store: Store, files: str | None) -> list[tuple[str, str | None]]:
    if files is None:
        return []
    rows = store.query(f"SELECT source_file, layout FROM {_scan(files)} ORDER BY source_file")
    return [(r["source_file"], r["layout"]) for r in rows]


def _count_skipped(store: Store, skipped: str | None, summary: ImportSummary) -> None:
    """Every line the executors skipped, in file order; a line read counts as read."""
    if skipped is None:
        return
    rows = store.query(
        f"SELECT source_file, source_line, reason FROM {_scan(skipped)} "
        "ORDER BY source_file, source_line"
    )
    for row in rows:
        summary.rows_read += row["source_line"] is not None
        summary.skip(SkippedRow(row["source_file"], row["source_line"], row["reason"]))
