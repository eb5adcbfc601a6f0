"""Time `detente import` on generated files in the providers' published layouts.

    PYTHONPATH=src .venv/bin/python bench/import_bench.py --rows 1000000 [--format gdelt]
        [--threads 1] [--dir /tmp/detente-import-bench] [--no-merge] [--files-of 2000]

Writes a GDELT 2.0 (61 columns, no header) or ICEWS (.tab, 20-column header) file of
``--rows`` rows into ``--dir`` (default a temporary folder; an existing file of that size is
reused): 25 CAMEO codes, 20 states, a year of days, and each happening written as 4 rows
(GDELT's one row per source article), 1 row in 500 broken (a bad date). Then, in a fresh
process so that its peak memory is its own, the import into a fresh store with DuckDB on
``--threads`` threads: by default with the merge, as `detente import` runs; with
``--no-merge`` the rows only, then the merge (`detente merge --dataset`) in another fresh
process. ``--files-of N`` cuts the file into files of N rows (GDELT 2.0's 15-minute files
hold a few thousand) and imports their folder. Prints wall and CPU seconds, rows/s and peak
RSS, and the load average around each.

``--spark local[2]`` runs the Spark path instead: ``python -m detente.spark DATA OUT
--input-format FORMAT --master local[2]`` in a fresh process (its CPU: the driver's, the
JVM's and its Python workers', read from /proc while it runs), then ``detente load OUT``'s library call in
another fresh process on ``--threads`` threads (the store it makes equals the import's: see
tests/spark/test_import_job.py).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import duckdb

STATES = [
    "USA",
    "CHN",
    "RUS",
    "PRK",
    "KOR",
    "JPN",
    "IND",
    "PAK",
    "IRN",
    "ISR",
    "SYR",
    "TUR",
    "UKR",
    "DEU",
    "FRA",
    "GBR",
    "SAU",
    "EGY",
    "AFG",
    "IRQ",
]
CODES = [
    "010",
    "020",
    "036",
    "040",
    "042",
    "043",
    "046",
    "051",
    "057",
    "061",
    "071",
    "080",
    "111",
    "112",
    "120",
    "130",
    "138",
    "141",
    "163",
    "173",
    "190",
    "193",
    "195",
    "0233",
    "1712",
]
COUNTRY_NAMES = {"USA": "United States", "CHN": "China", "RUS": "Russian Federation"}


def _base_sql(rows: int) -> str:
    """One row per record: its index, happening, day, two states, code (as SQL)."""
    states = "[" + ", ".join(f"'{s}'" for s in STATES) + "]"
    codes = "[" + ", ".join(f"'{c}'" for c in CODES) + "]"
    return f"""
        SELECT i, i // 4 AS h,
               DATE '2019-01-01' + CAST((i // 4) % 365 AS INTEGER) AS day,
               {states}[1 + CAST(hash(i // 4) % 20 AS INTEGER)] AS a,
               {states}[1 + CAST(hash(i // 4 + 7) % 20 AS INTEGER)] AS b,
               {codes}[1 + CAST(hash(i // 4 + 13) % {len(CODES)} AS INTEGER)] AS code,
               i % 500 = 499 AS broken
        FROM range({rows}) t(i)
    """


def write_gdelt(path: Path, rows: int) -> None:
    fields = [
        "CAST(800000000 + i AS VARCHAR)",
        "CASE WHEN broken THEN '20190231' ELSE strftime(day, '%Y%m%d') END",
        "strftime(day, '%Y%m')",
        "strftime(day, '%Y')",
        "'2019.5000'",
        "a || 'GOV'",
        "upper(a) || ' GOVERNMENT'",
        "a",
        "''",
        "''",
        "''",
        "''",
        "'GOV'",
        "''",
        "''",
        "b",
        "upper(b)",
        "b",
        "''",
        "''",
        "''",
        "''",
        "''",
        "''",
        "''",
        "'1'",
        "code",
        "left(code, 3)",
        "left(code, 2)",
        (
            "CAST(CASE WHEN left(code, 2) < '06' THEN 1 WHEN left(code, 2) < '10' THEN 2 "
            "WHEN left(code, 2) < '15' THEN 3 ELSE 4 END AS VARCHAR)"
        ),
        "'1.9'",
        "CAST(1 + i % 7 AS VARCHAR)",
        "'1'",
        "CAST(1 + i % 7 AS VARCHAR)",
        "'-2.5'",
        *(
            [
                "'4'",
                "'Moscow, Moskva, Russia'",
                "'RS'",
                "'RS48'",
                "''",
                "'55.75'",
                "'37.62'",
                "'-2960561'",
            ]
            * 3
        ),
        "strftime(day, '%Y%m%d') || '101500'",
        "'https://www.example' || CAST(i % 97 AS VARCHAR) || '.com/news/' || CAST(i AS VARCHAR)",
    ]
    assert len(fields) == 61, len(fields)
    _copy(path, f"SELECT concat_ws(chr(9), {', '.join(fields)}) AS line FROM ({_base_sql(rows)})")


def write_icews(path: Path, rows: int) -> None:
    sys.path.insert(0, str(Path(__file__).parents[1] / "src"))
    from detente.datasets.icews import ICEWS_COLUMNS

    names = "{" + ", ".join(f"'{k}': '{v}'" for k, v in COUNTRY_NAMES.items()) + "}"
    country = f"coalesce(map_extract({names}, {{x}})[1], {{x}})"
    fields = [
        "CAST(20000000 + i AS VARCHAR)",
        "CASE WHEN broken THEN '2019-02-30' ELSE strftime(day, '%Y-%m-%d') END",
        "a || ' official'",
        "'Government,Executive,Elite'",
        country.format(x="a"),
        "'Event text'",
        "ltrim(code, '0')",
        "'1.9'",
        "b || ' ministry'",
        "'Ministry,Government'",
        country.format(x="b"),
        "CAST(40000000 + i AS VARCHAR)",
        "'1'",
        "'Example Wire'",
        "'Moscow'",
        "''",
        "'Moskva'",
        "'Russian Federation'",
        "'55.75'",
        "'37.62'",
    ]
    header = "\t".join(ICEWS_COLUMNS)
    _copy(
        path,
        f"SELECT concat_ws(chr(9), {', '.join(fields)}) AS line FROM ({_base_sql(rows)})",
        header,
    )


def _copy(path: Path, sql: str, header: str | None = None) -> None:
    con = duckdb.connect()
    body = path.with_suffix(".body")
    con.execute(
        f"COPY ({sql}) TO '{body}' (FORMAT csv, HEADER false, QUOTE '', ESCAPE '', DELIMITER '\x01')"
    )
    with path.open("wb") as out:
        if header:
            out.write((header + "\n").encode())
        with body.open("rb") as source:
            while chunk := source.read(1 << 24):
                out.write(chunk)
    body.unlink()


def run_child(args: argparse.Namespace) -> None:
    """In a fresh process: import (or merge) and report seconds and peak RSS as JSON."""
    from detente.datasets import import_files, merge_dataset
    from detente.store import Store

    with Store(args.db) as store:
        store._con.execute(f"SET threads = {args.threads}")
        baseline = (
            0.0 if args.child == "load" else _raw_read_seconds(store, args.format, Path(args.file))
        )
        load = os.getloadavg()[0]
        started, cpu = time.perf_counter(), time.process_time()
        if args.child == "merge":
            result = merge_dataset(store, args.format)
            facts = {"rows": result.reports, "merged_events": result.new_merged}
        elif args.child == "load":
            from detente.spark.load import load_dataset_output

            summary = load_dataset_output(args.file, store)
            facts = {
                "rows_read": summary.rows_read,
                "stored": summary.stored,
                "skipped": summary.skipped,
                "merged_events": summary.merged_events,
                "merge_seconds": round(summary.merge_seconds, 2),
            }
        else:
            summary = import_files(store, args.format, [args.file], merge=args.child == "import")
            facts = {
                "rows_read": summary.rows_read,
                "stored": summary.stored,
                "skipped": summary.skipped,
                "merged_events": summary.merged_events,
                "merge_seconds": round(summary.merge_seconds, 2),
            }
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        json.dumps(
            {
                **facts,
                "seconds": round(seconds, 2),
                "cpu_seconds": round(cpu, 2),
                "bare_read_seconds": round(baseline, 2),
                "peak_rss_mb": round(peak_mb),
                "load_before": round(load, 1),
                "load_after": round(os.getloadavg()[0], 1),
            }
        )
    )


def _raw_read_seconds(store, fmt: str, path: Path) -> float:
    """How long DuckDB alone takes to read the file (or the folder's files): count(*), same
    columns as text. The floor under the import on this machine at this moment."""
    from detente.datasets.files import DataFile
    from detente.datasets.staging import choose_layout

    first = min(path.iterdir()) if path.is_dir() else path
    layout, names = choose_layout(fmt, DataFile(first, str(first)))
    columns = ", ".join(f"'{n}': 'VARCHAR'" for n in names)
    target = f"{path}/*" if path.is_dir() else str(path)
    started = time.perf_counter()
    store._con.execute(
        f"SELECT count(*) FROM read_csv('{target}', columns = {{{columns}}}, delim = '\\t', "
        f"header = {str(layout.header).lower()}, quote = '', escape = '', "
        "auto_detect = false, ignore_errors = true)"
    ).fetchall()
    return time.perf_counter() - started


def _cut(data: Path, size: int, header: bool) -> Path:
    """``data`` cut into files of ``size`` rows in a folder beside it (made once)."""
    folder = data.with_name(f"{data.name}-by-{size}")
    if folder.exists():
        return folder
    folder.mkdir()
    with data.open("rb") as source:
        top = source.readline() if header else b""
        part, out, count = 0, None, size
        for line in source:
            if count == size:
                if out:
                    out.close()
                out = (folder / f"{part:06d}{data.suffix}").open("wb")
                out.write(top)
                part, count = part + 1, 0
            out.write(line)
            count += 1
        if out:
            out.close()
    return folder


def _descendants(root: int) -> list[int]:
    """``root`` and every process under it (the driver, the JVM, its Python workers)."""
    parents: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            parents[int(entry)] = int(stat.rsplit(")", 1)[1].split()[1])
    found, frontier = [root], [root]
    while frontier:
        frontier = [p for p, parent in parents.items() if parent in frontier]
        found += frontier
    return found


def _cpu_ticks(pid: int) -> int:
    """User + system CPU ticks of ``pid`` so far (0 once it is gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0
    return int(fields[11]) + int(fields[12])


def _spark_job(args: argparse.Namespace, data: Path, folder: Path) -> Path:
    """Run ``detente spark DATA OUT --input-format FORMAT`` in a fresh process; print its wall
    and CPU seconds (the driver's, the JVM's and its Python workers', sampled every half
    second from /proc: a process's last half second can be missed); return OUT."""
    out = folder / f"spark-{args.format}-{args.rows}-{args.files_of or 'one'}"
    command = [sys.executable, "-m", "detente.spark", str(data), str(out), "--input-format",
               args.format, "--master", args.spark, "--overwrite", "--json"]  # fmt: skip
    load = os.getloadavg()[0]
    started = time.perf_counter()
    with subprocess.Popen(command, stdout=subprocess.PIPE, text=True) as job:
        ticks: dict[int, int] = {}  # process -> CPU ticks, sampled while the job runs
        while job.poll() is None:
            for pid in _descendants(job.pid):
                ticks[pid] = max(ticks.get(pid, 0), _cpu_ticks(pid))
            time.sleep(0.5)
        result = job.stdout.read() if job.stdout else ""
    if job.returncode:
        raise SystemExit(f"the Spark job failed ({job.returncode})")
    seconds = time.perf_counter() - started
    cpu = sum(ticks.values()) / os.sysconf("SC_CLK_TCK")
    facts = json.loads(result.strip().splitlines()[-1])
    print(
        f"spark ({args.spark}): {facts['rows']} rows of {facts['files']} files, job "
        f"{facts['seconds']:.1f} s, process {seconds:.1f} s wall, {cpu:.1f} s CPU "
        f"-> {facts['rows'] / seconds:,.0f} rows/s ({facts['rows'] / cpu:,.0f} per CPU second); "
        f"load {load:.1f} -> {os.getloadavg()[0]:.1f}"
    )
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--format", choices=("gdelt", "icews"), default="gdelt")
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--dir", type=Path)
    parser.add_argument("--no-merge", action="store_true", help="store the rows, merge after")
    parser.add_argument("--files-of", type=int, help="import the rows as files of this many")
    parser.add_argument("--spark", metavar="MASTER", help="the Spark job, then detente load")
    parser.add_argument(
        "--child", choices=("import", "rows", "merge", "load"), help=argparse.SUPPRESS
    )
    parser.add_argument("--db", help=argparse.SUPPRESS)
    parser.add_argument("--file", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        run_child(args)
        return
    folder = args.dir or Path(tempfile.mkdtemp(prefix="detente-import-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    suffix = {"gdelt": ".export.CSV", "icews": ".tab"}[args.format]
    data = folder / f"bench-{args.rows}{suffix}"
    if not data.exists():
        started = time.perf_counter()
        {"gdelt": write_gdelt, "icews": write_icews}[args.format](data, args.rows)
        took = time.perf_counter() - started
        print(f"wrote {data} ({data.stat().st_size / 1e6:.0f} MB) in {took:.1f} s")
    if args.files_of:
        data = _cut(data, args.files_of, header=args.format != "gdelt")
    db = folder / f"bench-{args.format}-{args.rows}-{args.files_of or 'one'}.duckdb"
    for stale in (db, db.with_name(db.name + ".wal")):
        stale.unlink(missing_ok=True)
    steps = ["rows", "merge"] if args.no_merge else ["import"]
    if args.spark:
        data = _spark_job(args, data, folder)
        steps = ["load"]
    for step in steps:
        command = [
            sys.executable,
            __file__,
            "--child",
            step,
            "--format",
            args.format,
            "--threads",
            str(args.threads),
            "--db",
            str(db),
            "--file",
            str(data),
        ]
        out = subprocess.run(command, check=True, capture_output=True, text=True).stdout
        facts = json.loads(out.strip().splitlines()[-1])
        rows = facts.get("rows_read") or facts.get("rows") or 0
        rate = rows / facts["seconds"] if facts["seconds"] else 0
        cpu_rate = rows / facts["cpu_seconds"] if facts["cpu_seconds"] else 0
        print(f"{step}: {json.dumps(facts)} -> {rate:,.0f} rows/s ({cpu_rate:,.0f} per CPU second)")
    print(f"store: {db.stat().st_size / 1e6:.0f} MB")


if __name__ == "__main__":
    main()
