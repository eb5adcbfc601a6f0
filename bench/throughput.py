"""Coder throughput against spaCy's full parse of the same articles, and --workers 2 against 1.

    python bench/throughput.py --articles 100 --repeat 3 --skip-workers
    python bench/throughput.py --articles 300 --whole-process --repeat 3 --skip-workers
    python bench/throughput.py --articles 300 --whole-process --before /tmp/base/src

The articles are the first N non-blind articles with text of the benchmark corpus.

1. In one process: spaCy's full parse (``spacy.load`` of detente's model, every component
   as shipped, ``nlp.pipe`` at spaCy's own batch size) is the floor; the same parse with the
   model's layers built on numpy's matrix product (``detente.nlp.matrix_ops``), the part of
   detente's speed-up that spaCy alone could have too; detente's full pipeline (parse +
   events + dates, ``Pipeline.code``), as a ratio to each.
2. With ``--whole-process``: the same as fresh Python processes that each load their
   pipeline, read the articles from a JSONL file and parse or code them all; with
   ``--before TREE``, also detente from another source tree (``TREE`` on ``PYTHONPATH``).
3. ``detente ingest --workers 2`` against ``--workers 1`` on the same articles as JSONL.
4. With ``--components``: CPU time of each component of both pipelines, and of the stages.

Every timing is taken ``--repeat`` times, the runs in turn, and its median is reported, as
wall-clock time and as CPU time (of this process or of the child), which other jobs on a
shared machine disturb less. numpy's BLAS is held to one thread in every process
(``OPENBLAS_NUM_THREADS=1``, set before numpy loads): each figure is one core's.
"""

from __future__ import annotations

import os

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # before numpy loads: one core each

import argparse
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from corpus import as_articles, ingest_command, is_blind, jsonl_line

# Whole-process runs: each reads the JSONL file named by argv[1].
SPACY_ALONE = """
import contextlib, importlib, json, sys, spacy
from thinc.api import use_ops
with use_ops("numpy", use_blis=False) if {numpy_matmul} else contextlib.nullcontext():
    try:
        nlp = spacy.load("{model}")
    except OSError:
        nlp = importlib.import_module("{model}").load()
texts = [json.loads(line)["text"] for line in open(sys.argv[1])]
for doc in nlp.pipe(texts):
    pass
"""
DETENTE = """
import json, sys
from detente.model import Article
from detente.pipeline import Pipeline
pipeline = Pipeline.load()
articles = [Article(text=json.loads(line)["text"]) for line in open(sys.argv[1])]
for coded in pipeline.code(articles):
    pass
"""


def non_blind_articles(count: int) -> list:
    """The first ``count`` articles with text outside the blind pool, as detente Articles."""
    found = []
    for article in as_articles():
        if article.text.strip() and not is_blind(article.origin.split("#", 1)[1]):
            found.append(article)
            if len(found) == count:
                break
    return found


def cpu_seconds() -> float:
    """CPU time of this process and of its finished children, user and system."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def medians(
    runs: dict[str, Callable[[], object]], repeat: int
) -> tuple[dict[str, float], dict[str, float]]:
    """Each run's median wall-clock and CPU time, the runs taken in turn ``repeat`` times."""
    wall: dict[str, list[float]] = {name: [] for name in runs}
    cpu: dict[str, list[float]] = {name: [] for name in runs}
    for _ in range(repeat):
        for name, run in runs.items():
            started, started_cpu = time.perf_counter(), cpu_seconds()
            run()
            wall[name].append(time.perf_counter() - started)
            cpu[name].append(cpu_seconds() - started_cpu)
    for name in runs:
        print(
            f"  {name}: wall {', '.join(f'{v:.1f}' for v in wall[name])} s; "
            f"cpu {', '.join(f'{v:.1f}' for v in cpu[name])} s"
        )
    return (
        {name: statistics.median(v) for name, v in wall.items()},
        {name: statistics.median(v) for name, v in cpu.items()},
    )


def ratios(times: dict[str, float], cpu: dict[str, float], floors: list[str], n: int) -> None:
    for name, wall in times.items():
        line = f"{name}: {n / wall:.2f} articles/s (cpu {n / cpu[name]:.2f})"
        for floor in floors:
            if name != floor:
                line += f"; vs {floor} {times[floor] / wall:.2f} (cpu {cpu[floor] / cpu[name]:.2f})"
        print(line)


def load_spacy(numpy_matmul: bool):
    import importlib
    from contextlib import nullcontext

    import spacy

    from detente.nlp import DEFAULT_MODEL, matrix_ops

    with matrix_ops() if numpy_matmul else nullcontext():
        try:
            return spacy.load(DEFAULT_MODEL)
        except OSError:
            return importlib.import_module(DEFAULT_MODEL).load()


def in_process(articles: list, repeat: int) -> None:
    from detente.pipeline import Pipeline

    texts = [a.text for a in articles]
    stock, numpy_matmul, pipeline = load_spacy(False), load_spacy(True), Pipeline.load()
    runs: dict[str, Callable[[], object]] = {
        "spaCy": lambda: [len(d) for d in stock.pipe(texts)],
        "spaCy, numpy matmul": lambda: [len(d) for d in numpy_matmul.pipe(texts)],
        "detente": lambda: list(pipeline.code(articles)),
    }
    for nlp in (stock, numpy_matmul):  # warm up: lemma tables, lexicons, caches
        list(nlp.pipe(texts[:20]))
    list(pipeline.code(articles[:20]))
    tokens = sum(len(d) for d in stock.pipe(texts))
    print(
        f"machine: {platform.platform()}, python {platform.python_version()}, "
        f"{len(articles)} articles, {tokens} tokens, load average {os.getloadavg()[0]:.1f}"
    )
    times, cpu = medians(runs, repeat)
    ratios(times, cpu, ["spaCy", "spaCy, numpy matmul"], len(articles))
    print(f"load average after: {os.getloadavg()[0]:.1f}")


def components(articles: list, repeat: int) -> None:
    """CPU seconds of each component of spaCy's pipeline as shipped and of detente's, the
    documents passed through one component after another (batches of 32), the better of
    ``repeat`` passes; then detente's stages (events, dates) on detente's parses."""
    from detente.model import CodedArticle
    from detente.pipeline import Pipeline

    texts = [a.text for a in articles]
    pipeline = Pipeline.load()
    for label, nlp in (("spaCy", load_spacy(False)), ("detente", pipeline.nlp)):
        list(nlp.pipe(texts[:20]))
        best: dict[str, float] = {}
        for _ in range(repeat):
            started = time.process_time()
            docs = [nlp.make_doc(t) for t in texts]
            spent = {"tokenizer": time.process_time() - started}
            for name, proc in nlp.pipeline:
                started = time.process_time()
                docs = (
                    list(proc.pipe(docs, batch_size=32))
                    if hasattr(proc, "pipe")
                    else [proc(d) for d in docs]
                )
                spent[name] = time.process_time() - started
            best = {k: min(v, best.get(k, v)) for k, v in spent.items()}
        total = sum(best.values())
        print(f"{label}: {total:.2f} CPU s")
        for name, seconds in best.items():
            print(f"  {name:24s} {seconds:6.2f} {100 * seconds / total:5.1f}%")
    docs = list(pipeline.nlp.pipe(texts, batch_size=32))
    list(pipeline.code(articles[:20]))
    stages = []
    for _ in range(repeat):
        started = time.process_time()
        for article, doc in zip(articles, docs, strict=True):
            pipeline._run_stages(doc, CodedArticle(article))
        stages.append(time.process_time() - started)
    print(f"detente's stages on its parses: {min(stages):.2f} CPU s")


def whole_process(articles: list, repeat: int, before: Path | None) -> None:
    from detente.nlp import DEFAULT_MODEL

    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        with corpus.open("w") as out:
            out.writelines(jsonl_line(a) for a in articles)
        source = str(Path(__file__).resolve().parent.parent / "src")

        def command(code: str, path: str = source) -> Callable[[], object]:
            env = {**os.environ, "PYTHONPATH": path}
            return lambda: subprocess.run(
                [sys.executable, "-c", code, str(corpus)], check=True, env=env
            )

        runs = {
            "spaCy": command(SPACY_ALONE.format(model=DEFAULT_MODEL, numpy_matmul=False)),
            "spaCy, numpy matmul": command(
                SPACY_ALONE.format(model=DEFAULT_MODEL, numpy_matmul=True)
            ),
            "detente": command(DETENTE),
        }
        if before is not None:
            runs["detente before"] = command(DETENTE, str(before))
        print(f"whole process, {len(articles)} articles, load average {os.getloadavg()[0]:.1f}")
        times, cpu = medians(runs, repeat)
        ratios(times, cpu, ["spaCy", "spaCy, numpy matmul"], len(articles))
        print(f"load average after: {os.getloadavg()[0]:.1f}")


def workers(articles: list, repeat: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        with corpus.open("w") as out:
            out.writelines(jsonl_line(a) for a in articles)

        def ingest(count: int) -> Callable[[], object]:
            def run() -> None:
                db = Path(tmp) / f"w{count}.duckdb"
                db.unlink(missing_ok=True)
                command = ingest_command(corpus, db, count)
                subprocess.run(command, check=True, stdout=subprocess.DEVNULL)

            return run

        print(f"ingest, {len(articles)} articles, load average {os.getloadavg()[0]:.1f}")
        times, _ = medians({"--workers 1": ingest(1), "--workers 2": ingest(2)}, repeat)
        print(f"speed-up of --workers 2: {times['--workers 1'] / times['--workers 2']:.2f}x")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--whole-process", action="store_true")
    parser.add_argument("--before", type=Path, help="with --whole-process: another src tree")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--skip-workers", action="store_true")
    parser.add_argument("--only-workers", action="store_true")
    parser.add_argument("--components", action="store_true", help="CPU time per component")
    args = parser.parse_args()
    articles = non_blind_articles(args.articles)
    if args.components:
        components(articles, args.repeat)
        return
    if not args.only_workers:
        if args.whole_process:
            whole_process(articles, args.repeat, args.before)
        else:
            in_process(articles, args.repeat)
    if not args.skip_workers:
        workers(articles, args.repeat)


if __name__ == "__main__":
    main()
