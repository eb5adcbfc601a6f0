"""Coder throughput against the parse floor, and --workers 2 against 1.

    python bench/throughput.py --articles 300

1. the floor: spaCy's parse alone (nlp.pipe) over the benchmark corpus, articles/s and tokens/s;
2. detente's full pipeline (parse + events + dates) on the same articles, as a ratio to the floor;
3. `detente ingest --workers 2` against `--workers 1` on the same articles written as JSONL.
Ratios are measured within one run: these machines are noisy.
"""

from __future__ import annotations

import argparse
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from corpus import as_articles, ingest_command, jsonl_line


def timed(fn) -> float:
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--skip-workers", action="store_true")
    args = parser.parse_args()
    from detente.pipeline import Pipeline

    articles = [a for a in as_articles(args.articles) if a.text.strip()]
    pipeline = Pipeline.load()
    nlp = pipeline.nlp
    list(pipeline.code(articles[:10]))  # warm up both paths
    tokens = sum(len(doc) for doc in nlp.pipe(a.text for a in articles[:50]))
    parse = timed(lambda: [len(d) for d in nlp.pipe((a.text for a in articles), batch_size=32)])
    full = timed(lambda: list(pipeline.code(articles, batch_size=32)))
    parse_again = timed(
        lambda: [len(d) for d in nlp.pipe((a.text for a in articles), batch_size=32)]
    )
    floor = min(parse, parse_again)
    n = len(articles)
    total_tokens = sum(len(d) for d in nlp.pipe(a.text for a in articles))
    print(
        f"machine: {platform.platform()}, python {platform.python_version()}, {n} articles, {total_tokens} tokens"
    )
    print(f"parse alone:   {n / floor:7.2f} articles/s {total_tokens / floor:9.0f} tokens/s")
    print(f"full pipeline: {n / full:7.2f} articles/s {total_tokens / full:9.0f} tokens/s")
    print(f"ratio full/parse throughput: {floor / full:.2f} (target >= 0.8)")
    del tokens
    if args.skip_workers:
        return
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        with corpus.open("w") as out:
            out.writelines(jsonl_line(a) for a in articles)
        times = {}
        for workers in (1, 2):
            db = Path(tmp) / f"w{workers}.duckdb"
            times[workers] = timed(
                lambda db=db, workers=workers: subprocess.run(
                    ingest_command(corpus, db, workers), check=True, stdout=subprocess.DEVNULL
                )
            )
        print(
            f"ingest --workers 1: {times[1]:.1f} s, --workers 2: {times[2]:.1f} s, "
            f"speed-up {times[1] / times[2]:.2f}x (target >= 1.7)"
        )


if __name__ == "__main__":
    main()
