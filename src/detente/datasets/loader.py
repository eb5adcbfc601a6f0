"""The common loader: provider files → rows of ``dataset_events``, checked, deduplicated,
merged — each step one SQL statement over a batch of files.

Files of one layout are read together (up to :data:`BATCH_FILES` files or
:data:`BATCH_BYTES`), once, by DuckDB's own CSV reader into a staging table (:mod:`.staging`,
:mod:`.reading`), so memory follows DuckDB's buffers (bounded while importing, spilling
beyond), not the files.
Countries, sectors, places and event codes are mapped by joins against small tables
(:mod:`.mapping`, :mod:`.codes`: static for GDELT's codes, one entry per distinct value for
names in words); the readable, new rows go into ``dataset_events`` in one INSERT, and are
merged into merged events by a GROUP BY (:mod:`.merging`; a few event months at a time for
a batch of millions of rows). A line that does not fit is
skipped with its file, line number and reason:

* ``wrong column count`` — the reader rejects the line;
* ``no event date`` / ``bad date '20190231'`` — the date is missing or not a calendar date;
* ``unknown CAMEO code '099'`` — the code is not in the CAMEO codebook;
* ``PLOVER 'ASSAULT' has no single CAMEO root`` — the CAMEO→PLOVER table maps it to several.

Each batch is one transaction of the store's single writer: a batch that fails leaves nothing
behind. A row whose provider id (or, without one, content key) is already stored in the
dataset is counted as a duplicate and not stored again.
"""

from __future__ import annotations

import logging
import tempfile
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import duckdb

from ..errors import QueryError, StoreError
from ..store import Store
from ..store.database import utcnow
from .files import DataFile, expand_data_paths, first_line, unpack
from .layout import Layout
from .merging import fold_rows
from .reading import literal
from .staging import (
    FORMATS,
    ROWS,
    Lines,
    SkippedRow,
    Staged,
    choose_layout,
    drop_staging,
    stage_files,
    unreadable,
)

log = logging.getLogger(__name__)

DETENTE = "detente"
MAX_LISTED_SKIPS = 1000
MEMORY_LIMIT = "1GB"
"""DuckDB's memory while importing: staging tables beyond it spill to the store's temporary
folder, so memory stays flat however large the files are."""


@dataclass
class ImportSummary:
    """What one :func:`import_files` run did."""

    dataset: str
    format: str
    import_id: int = 0
    files: list[str] = field(default_factory=list)
    layouts: list[str] = field(default_factory=list)
    rows_read: int = 0
    stored: int = 0
    duplicates: int = 0
    skipped: int = 0
    reasons: Counter = field(default_factory=Counter)
    skips: list[SkippedRow] = field(default_factory=list)
    merged_events: int = 0
    import_seconds: float = 0.0
    merge_seconds: float = 0.0

    def skip(self, row: SkippedRow) -> None:
        self.skipped += 1
        self.reasons[row.kind] += 1
        if len(self.skips) < MAX_LISTED_SKIPS:
            self.skips.append(row)

    def to_dict(self) -> dict[str, Any]:
        return {
            "dataset": self.dataset,
            "format": self.format,
            "import_id": self.import_id,
            "files": self.files,
            "layouts": sorted(set(self.layouts)),
            "rows_read": self.rows_read,
            "stored": self.stored,
            "duplicates": self.duplicates,
            "skipped": self.skipped,
            "skip_reasons": dict(self.reasons),
            "skipped_rows": [
                {"file": s.file, "line": s.line, "reason": s.reason} for s in self.skips
            ],
            "merged_events": self.merged_events,
            "import_seconds": round(self.import_seconds, 3),
            "merge_seconds": round(self.merge_seconds, 3),
        }


def check_format(fmt: str) -> str:
    if fmt not in FORMATS:
        raise QueryError(f"unknown event data format {fmt!r}; use one of {', '.join(FORMATS)}.")
    return fmt


def check_dataset_name(name: str) -> str:
    """A dataset name: letters, digits, '-', '_' and '.'; 'detente' is detente's own coding."""
    if not name or not all(ch.isalnum() or ch in "-_." for ch in name) or len(name) > 64:
        raise QueryError(
            f"dataset name {name!r}: use letters, digits, '-', '_' or '.' (at most 64)."
        )
    if name == DETENTE:
        raise QueryError(
            "the dataset 'detente' is detente's own coding; import into another name "
            "(--dataset gdelt, --dataset icews-2018, ...)."
        )
    return name


def import_files(
    store: Store,
    fmt: str,
    paths: Sequence[str | Path],
    dataset: str | None = None,
    merge: bool = True,
    memory_limit: str | None = MEMORY_LIMIT,
) -> ImportSummary:
    """Import provider files (``gdelt``, ``icews`` or ``polecat``) into ``dataset`` (default:
    the format's name), merging the new rows into merged events as it goes (unless ``merge``
    is False: then ``merge_dataset`` merges them later)."""
    check_format(fmt)
    dataset = check_dataset_name(dataset or fmt)
    files = expand_data_paths(paths)
    summary = ImportSummary(dataset=dataset, format=fmt)
    started = time.perf_counter()
    summary.import_id = start_run(store, dataset, fmt, [str(f) for f in files])
    batch = _Batch()
    try:
        with (
            limited_memory(store, memory_limit),
            tempfile.TemporaryDirectory(prefix="detente-import-") as folder,
        ):
            try:
                for path in files:
                    for member in unpack(path, Path(folder)):
                        _add(store, fmt, batch, member, summary, merge)
            finally:  # what was read before a file was refused goes in
                _flush(store, batch, summary, merge)
    finally:  # the run records what was stored, also when a later file was refused
        summary.import_seconds = time.perf_counter() - started
        finish_run(store, summary)
    log.info(
        "imported %d of %d rows into dataset %s (%d duplicates, %d skipped)",
        summary.stored,
        summary.rows_read,
        dataset,
        summary.duplicates,
        summary.skipped,
    )
    return summary


BATCH_FILES = 500
BATCH_BYTES = 256 * 1024 * 1024
"""Files of one layout are read together, up to this many or this size (GDELT's 15-minute
files are ~0.1–0.5 MB each): a statement's fixed cost is paid once per batch, not per file."""


@dataclass
class _Batch:
    """Files waiting to be read together: one layout, the same column names."""

    files: list[DataFile] = field(default_factory=list)
    layout: Layout | None = None
    names: tuple[str, ...] = ()
    size: int = 0

    def takes(self, layout: Layout, names: tuple[str, ...], size: int) -> bool:
        if not self.files:
            return True
        same = (layout, names) == (self.layout, self.names)
        return same and len(self.files) < BATCH_FILES and self.size + size <= BATCH_BYTES


def _add(
    store: Store, fmt: str, batch: _Batch, file: DataFile, summary: ImportSummary, merge: bool
) -> None:
    if not first_line(file):
        summary.files.append(file.name)
        summary.skip(SkippedRow(file.name, None, "empty file"))
        return
    layout, names = choose_layout(fmt, file)
    size = file.path.stat().st_size
    if not batch.takes(layout, names, size):
        _flush(store, batch, summary, merge)
    batch.files.append(file)
    batch.layout, batch.names, batch.size = layout, names, batch.size + size


def _flush(store: Store, batch: _Batch, summary: ImportSummary, merge: bool) -> None:
    """Import the batch's files, then remove those unpacked from zips."""
    if not batch.files:
        return
    try:
        assert batch.layout is not None
        _import_batch(store, batch.files, batch.layout, batch.names, summary, merge)
    finally:
        for file in batch.files:
            if file.unpacked:
                file.path.unlink(missing_ok=True)
        batch.files, batch.layout, batch.names, batch.size = [], None, (), 0


@contextmanager
def limited_memory(store: Store, limit: str | None) -> Iterator[None]:
    if limit is None:
        yield
        return
    store.scalar(f"SET memory_limit = {literal(limit)}")
    try:
        yield
    finally:
        store.scalar("RESET memory_limit")  # the store never sets its own


def start_run(store: Store, dataset: str, fmt: str, files: list[str]) -> int:
    with store.transaction() as con:
        (run,) = con.execute("SELECT coalesce(max(id), 0) + 1 FROM dataset_imports").fetchall()[0]
        con.execute(
            "INSERT INTO dataset_imports (id, dataset, format, started_at, files) VALUES (?, ?, ?, ?, ?)",
            [run, dataset, fmt, utcnow(), files],
        )
    return int(run)


def finish_run(store: Store, summary: ImportSummary) -> None:
    with store.transaction() as con:
        con.execute(
            "UPDATE dataset_imports SET finished_at = ?, rows_read = ?, stored = ?, duplicates = ?, "
            "skipped = ?, merged_events = ? WHERE id = ?",
            [
                utcnow(),
                summary.rows_read,
                summary.stored,
                summary.duplicates,
                summary.skipped,
                summary.merged_events,
                summary.import_id,
            ],
        )


# -- one batch -----------------------------------------------------------------------------
def _import_batch(
    store: Store,
    files: list[DataFile],
    layout: Layout,
    names: tuple[str, ...],
    summary: ImportSummary,
    merge: bool,
) -> None:
    """Read, check, store and merge a batch of files of one layout, in one transaction."""
    try:
        with store.transaction() as con:
            staged = stage_files(con, files, layout, names, summary.dataset)
            store_staged(con, staged, summary, merge)
            drop_staging(con)
    except duckdb.Error as exc:
        raise unreadable(files, layout, exc) from exc
    summary.files += [f.name for f in files]
    summary.layouts += [layout.version] * len(files)


def store_staged(con, staged: Staged, summary: ImportSummary, merge: bool) -> None:
    """Store the new rows of ``_rows`` (and merge them, with ``merge``), counting in
    ``summary`` what was read, stored, already stored and skipped. Runs on the caller's
    transaction."""
    dataset = summary.dataset
    read, keep = _new_rows(con, dataset)
    stored = _insert(con, staged.lines, keep, merge, dataset, summary.import_id)
    if merge and stored:
        began = time.perf_counter()
        new = f"SELECT *, {literal(dataset)} AS dataset, position AS rid FROM {ROWS} m WHERE {keep}"
        for first, last in _merge_spans(con, keep):
            span = f"{new} AND m.event_date BETWEEN DATE '{first}' AND DATE '{last}'"
            summary.merged_events += fold_rows(con, dataset, span)[1]
        summary.merge_seconds += time.perf_counter() - began
    summary.rows_read += read + len(staged.skipped) - staged.problems
    summary.stored += stored
    summary.duplicates += read - staged.problems - stored
    for row in staged.skipped:
        summary.skip(row)


MERGE_ROWS = 2_000_000
"""A batch's rows are merged a few event months at a time, up to this many rows (a month
with more is merged alone): a merged event is one day's, and a GROUP BY of a few million
rows stays in memory where one of ten million spills (10M rows in one file: the merge took
half the import)."""


def _merge_spans(con, keep: str) -> list[tuple[date, date]]:
    """The first and last days of runs of whole months of the rows ``keep`` keeps, each run
    up to :data:`MERGE_ROWS` rows."""
    months = con.execute(
        f"SELECT min(event_date), max(event_date), count(*) FROM {ROWS} m WHERE {keep} "
        "GROUP BY date_trunc('month', event_date) ORDER BY 1"
    ).fetchall()
    spans: list[list] = []
    for first, last, count in months:
        if spans and spans[-1][2] + count <= MERGE_ROWS:
            spans[-1][1:] = [last, spans[-1][2] + count]
        else:
            spans.append([first, last, count])
    return [(first, last) for first, last, _ in spans]


def _new_rows(con, dataset: str) -> tuple[int, str]:
    """How many rows were read, and SQL over ``_rows m`` keeping those to store: readable,
    not already in the dataset, and the first of rows that repeat an id.

    A row already stored has the same provider id (or content key) and the same event date,
    so only the stored rows within the batch's dates and ids are looked at (DuckDB skips the
    rest by their blocks' least and greatest values: GDELT's ids grow with time), and only
    when there are any."""
    staged, repeats, *bounds = con.execute(
        "SELECT count(*), count(provider_id) - count(DISTINCT provider_id), min(event_date), "
        "max(event_date), min(provider_id), max(provider_id) FROM _rows"
    ).fetchall()[0]
    keep = ["m.problem IS NULL"]
    stored = (
        "FROM dataset_events WHERE dataset = ? AND event_date BETWEEN ? AND ? "
        "AND provider_id BETWEEN ? AND ?"
    )
    params = [dataset, *bounds]
    if con.execute(f"SELECT count(*) FROM (SELECT 1 {stored} LIMIT 1)", params).fetchall()[0][0]:
        con.execute(
            f"CREATE TEMP TABLE _dups AS SELECT DISTINCT provider_id {stored} "
            "AND provider_id IN (SELECT provider_id FROM _rows)",
            params,
        )
        keep.append("m.provider_id NOT IN (SELECT provider_id FROM _dups)")
    if repeats:
        con.execute(
            "CREATE TEMP TABLE _firsts AS SELECT min(position) AS first FROM _rows "
            "WHERE problem IS NULL GROUP BY provider_id"
        )
        keep.append("m.position IN (SELECT first FROM _firsts)")
    return int(staged), " AND ".join(keep)


def _insert(con, lines: Lines, keep: str, merge: bool, dataset: str, import_id: int) -> int:
    """Store the rows ``keep`` keeps; return how many."""
    merged_id = "" if merge else " REPLACE (NULL AS merged_id)"
    name = literal(dataset)
    (stored,) = con.execute(
        f"""
        INSERT INTO dataset_events BY NAME
        SELECT m.* EXCLUDE ({", ".join(lines.helpers)}){merged_id},
               {name} || ':' || m.provider_id AS id, {name} AS dataset,
               {int(import_id)} AS import_id, {lines.file} AS source_file,
               {lines.line} AS source_line
        FROM {ROWS} m {lines.join} WHERE {keep}
        """
    ).fetchall()[0]
    return int(stored)


def dataset_names(store: Store) -> list[dict[str, Any]]:
    """The datasets in the store: detente's own and each imported one, with their sizes."""
    try:
        rows = store.query(
            """
            SELECT dataset, count(*) AS merged_events, min(series_date) AS first,
                   max(series_date) AS last
            FROM merged_events GROUP BY dataset ORDER BY dataset = 'detente' DESC, dataset
            """
        )
    except duckdb.Error as exc:
        raise StoreError(f"{store.path}: cannot list datasets: {exc}") from exc
    return rows
