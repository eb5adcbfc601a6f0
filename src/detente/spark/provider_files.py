"""What runs on Spark's executors for ``detente spark --input-format gdelt|icews|polecat``:
provider event files → rows of ``dataset_events``, the lines skipped, and the files read.

Each task stages its files exactly as ``detente import`` does — DuckDB's CSV reader, the
layouts and mapping of :mod:`detente.datasets` (:func:`~detente.datasets.staging.stage_files`)
— in an in-memory DuckDB of its own, so a row, its line number and a skipped line's reason
are the same as an import's. What needs the store (duplicates, merging) is left to
``detente load``. Plain Python over Arrow record batches, testable without Spark.
"""

from __future__ import annotations

import itertools
import tempfile
from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import Path

import duckdb
import pyarrow as pa

from ..datasets.files import DataFile, first_line, is_data_file, unpack
from ..datasets.layout import Layout
from ..datasets.reading import literal
from ..datasets.staging import ROWS, choose_layout, drop_staging, stage_files, unreadable
from .executor import local_origin
from .layout import EVENT, EVENT_MONTH, FILE, SKIPPED_LINE, store_schema

EXECUTOR_MEMORY = "512MB"
"""DuckDB's memory in one task (on one thread); beyond it, it spills to the task's temporary
folder."""
ROWS_PER_BATCH = 65_536
_EXTRA = (("record", pa.string()), (EVENT_MONTH, pa.string()), ("reason", pa.string()),
          ("layout", pa.string()))  # fmt: skip


@cache
def staged_schema() -> pa.Schema:
    """The executors' output: ``record`` (event, skipped or file), the store's
    ``dataset_events`` columns, ``event_month`` (YYYY-MM of the event date), and a skipped
    line's ``reason`` or a file's ``layout``."""
    return pa.schema([_EXTRA[0], *store_schema("dataset_events"), *_EXTRA[1:]])


def stage_provider_files(
    batches: Iterable[pa.RecordBatch], fmt: str, dataset: str
) -> Iterator[pa.RecordBatch]:
    """Spark ``binaryFile`` rows (``path``, ``content``) → :func:`staged_schema` batches.

    Files of one layout in a batch are staged together (one read, as an import's batch);
    a zip's members are unpacked, each a file of its own (``archive.zip!member``)."""
    con = duckdb.connect()
    with tempfile.TemporaryDirectory(prefix="detente-spark-import-") as folder:
        con.execute(f"SET temp_directory = {literal(str(Path(folder, 'duckdb')))}")
        con.execute(f"SET memory_limit = {literal(EXECUTOR_MEMORY)}")
        con.execute("SET threads = 1")  # Spark runs a task per core: one thread each
        try:
            for batch in batches:
                files = _local_files(batch, Path(folder))
                yield from _stage_all(con, files, fmt, dataset)
        finally:
            con.close()


_WRITTEN = itertools.count()


def _local_files(batch: pa.RecordBatch, folder: Path) -> list[DataFile]:
    """The batch's data files on the task's disk, named as ``detente import`` names them."""
    found: list[DataFile] = []
    paths = batch.column("path").to_pylist()
    for path, content in zip(paths, batch.column("content").to_pylist(), strict=True):
        origin = local_origin(path)
        if not is_data_file(Path(origin).name):
            continue
        local = folder / f"{next(_WRITTEN)}-{Path(origin).name}"
        local.write_bytes(content or b"")
        for file in unpack(local, folder):
            name = file.name.replace(str(local), origin, 1)
            found.append(DataFile(file.path, name, unpacked=True))
        if local.suffix.lower() == ".zip":
            local.unlink()
    return found


def _stage_all(con, files: list[DataFile], fmt: str, dataset: str) -> Iterator[pa.RecordBatch]:
    """Stage ``files`` in runs of one layout; each file is removed once staged."""
    run: list[DataFile] = []
    shape: tuple[Layout, tuple[str, ...]] | None = None
    for file in files:
        if not first_line(file):
            yield _records(FILE, [file.name], layout=[None])
            yield _records(SKIPPED_LINE, [file.name], reason=["empty file"])
            file.path.unlink(missing_ok=True)
            continue
        found = choose_layout(fmt, file)
        if run and found != shape:
            yield from _stage_run(con, run, shape, dataset)
            run = []
        run.append(file)
        shape = found
    if run:
        yield from _stage_run(con, run, shape, dataset)


def _stage_run(
    con, files: list[DataFile], shape: tuple[Layout, tuple[str, ...]] | None, dataset: str
) -> Iterator[pa.RecordBatch]:
    assert shape is not None, "a run of files has a layout"
    layout, names = shape
    try:
        try:
            staged = stage_files(con, files, layout, names, dataset)
        except duckdb.Error as exc:
            raise unreadable(files, layout, exc) from exc
        yield _records(FILE, [f.name for f in files], layout=[layout.version] * len(files))
        yield from _events(con, staged.lines, dataset)
        if staged.skipped:
            yield _records(
                SKIPPED_LINE,
                [s.file for s in staged.skipped],
                line=[s.line for s in staged.skipped],
                reason=[s.reason for s in staged.skipped],
            )
    finally:
        drop_staging(con)
        for file in files:
            file.path.unlink(missing_ok=True)


def _events(con, lines, dataset: str) -> Iterator[pa.RecordBatch]:
    """The storable rows of ``_rows`` as the store's ``dataset_events`` rows (no import yet)."""
    schema = staged_schema()
    name = literal(dataset)
    columns = {
        "record": f"'{EVENT}'",
        "id": f"{name} || ':' || m.provider_id",
        "dataset": name,
        "import_id": "NULL",
        "source_file": lines.file,
        "source_line": lines.line,
        EVENT_MONTH: "strftime(m.event_date, '%Y-%m')",
        "reason": "NULL",
        "layout": "NULL",
    }
    select = ", ".join(
        f"CAST({columns.get(f.name, 'm.' + f.name)} AS {_sql_type(f.type)}) AS {f.name}"
        for f in schema
    )
    reader = con.sql(
        f"SELECT {select} FROM {ROWS} m {lines.join} WHERE m.problem IS NULL"
    ).fetch_record_batch(ROWS_PER_BATCH)
    for batch in reader:
        yield pa.RecordBatch.from_arrays(batch.columns, schema=schema)


def _records(kind: str, files: list[str], **columns: list) -> pa.RecordBatch:
    """Rows of one ``kind`` other than events: the file, and the columns given."""
    schema = staged_schema()
    data = {"record": [kind] * len(files), "source_file": files, **columns}
    line = data.pop("line", None)
    if line is not None:
        data["source_line"] = line
    arrays = [
        pa.array(data[f.name], f.type) if f.name in data else pa.nulls(len(files), f.type)
        for f in schema
    ]
    return pa.RecordBatch.from_arrays(arrays, schema=schema)


_SQL_TYPES = {
    pa.string(): "VARCHAR",
    pa.date32(): "DATE",
    pa.int8(): "TINYINT",
    pa.int32(): "INTEGER",
    pa.int64(): "BIGINT",
    pa.float64(): "DOUBLE",
}


def _sql_type(kind: pa.DataType) -> str:
    return _SQL_TYPES[kind]
