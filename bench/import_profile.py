"""Where an import's time goes: the wall and CPU seconds of each SQL statement it runs.

    PYTHONPATH=src .venv/bin/python bench/import_profile.py FILE [--format gdelt] [--runs 2]

Imports FILE (e.g. the file bench/import_bench.py writes) into a fresh store, DuckDB on one
thread, ``--runs`` times, each in this process after a first run that warms the caches
(Python modules, the code tables), and prints every statement over 50 ms with its wall and
CPU seconds, then the floors under them measured on the same file: DuckDB's reader alone
(``count(*)``), and the reader with the columns of the staging table (all as text) copied
into a temporary table. CPU seconds are the steadier figure on a shared machine.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path


class _Timed:
    """A DuckDB connection that times each statement it runs."""

    def __init__(self, con) -> None:
        self._con = con
        self.log: list[tuple[float, float, str]] = []

    def execute(self, sql, *args, **kwargs):
        wall, cpu = time.perf_counter(), time.process_time()
        result = self._con.execute(sql, *args, **kwargs)
        text = " ".join(str(sql).split())
        self.log.append((time.perf_counter() - wall, time.process_time() - cpu, text))
        return result

    def __getattr__(self, name):
        return getattr(self._con, name)


def _import(path: Path, fmt: str, db: Path) -> tuple[float, float, list, int]:
    from detente.datasets import import_files
    from detente.store import Store

    for stale in (db, db.with_name(db.name + ".wal")):
        stale.unlink(missing_ok=True)
    with Store(db) as store:
        store._con.execute("SET threads = 1")
        timed = _Timed(store._con)
        store._con = timed
        wall, cpu = time.perf_counter(), time.process_time()
        summary = import_files(store, fmt, [path])
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        store._con = timed._con
    return wall, cpu, timed.log, summary.rows_read


def _floors(path: Path, fmt: str) -> None:
    import duckdb

    from detente.datasets.files import DataFile
    from detente.datasets.layout import STAGED_COLUMNS
    from detente.datasets.reading import read_csv_sql
    from detente.datasets.staging import choose_layout

    con = duckdb.connect()
    con.execute("SET threads = 1")
    file = DataFile(path, str(path))
    layout, names = choose_layout(fmt, file)
    scan = read_csv_sql([file], layout, names, rejects=False)
    used = [e for e in layout.select if e.startswith('"')]
    for label, sql in (
        ("reader alone, count(*)", f"SELECT count(*) FROM {scan}"),
        (
            f"reader, {len(used)} of the layout's columns into a temp table",
            f"CREATE TEMP TABLE t AS SELECT {', '.join(used)} FROM {scan}",
        ),
    ):
        wall, cpu = time.perf_counter(), time.process_time()
        con.execute(sql).fetchall()
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        print(f"  floor: {label}: {wall:.2f} s wall, {cpu:.2f} s CPU")
    print(f"  (the staging table has {len(STAGED_COLUMNS)} staged columns, mapped)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("file", type=Path)
    parser.add_argument("--format", default="gdelt")
    parser.add_argument("--runs", type=int, default=2)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="detente-import-profile-"))
    _import(args.file, args.format, folder / "warm.duckdb")
    for run in range(1, args.runs + 1):
        load = os.getloadavg()[0]
        wall, cpu, log, rows = _import(args.file, args.format, folder / f"run{run}.duckdb")
        print(f"run {run}: {rows:,} rows, {wall:.2f} s wall, {cpu:.2f} s CPU "
              f"({rows / cpu:,.0f} rows per CPU second), load {load:.1f}")  # fmt: skip
        for s_wall, s_cpu, text in log:
            if s_wall >= 0.05:
                print(f"  {s_wall:6.2f} {s_cpu:6.2f}  {text[:100]}")
    _floors(args.file, args.format)


if __name__ == "__main__":
    sys.exit(main())
