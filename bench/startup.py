"""Start-up: `detente code` on a one-sentence file against spaCy's own load-and-parse.

    PYTHONPATH=src python bench/startup.py [--repeats 5] [--phases] [--workers] [--before DIR]

In one run, alternating, each a fresh process:

- **spaCy**: import spaCy, load the model detente uses (``detente.nlp.DEFAULT_MODEL``) and
  parse the sentence: the floor for any spaCy-based coder;
- **detente, cold cache**: ``python -m detente code FILE --json`` with ``DETENTE_CACHE_DIR``
  pointing at an empty directory, so the tables are built from their sources (and written);
- **detente, warm cache**: the same command with the cache that an earlier run wrote.

Every child keeps its compiled bytecode (in a temporary ``PYTHONPYCACHEPREFIX``), as an
installed package has it, and one untimed round goes first. Wall time and CPU time (user +
system, the steadier figure on a shared machine) per run; the medians and the difference to
spaCy's. ``--before DIR`` also runs the command from another source tree (e.g.
``git archive main src | tar -x -C DIR``) in the same run. ``--workers`` also times
``detente ingest --workers 2`` on four sample articles and a Spark executor's pipeline load
(both go through the same loaders), cold and warm. ``--phases`` also prints where a start
spends its CPU time, step by step (also for ``--before``'s tree), and the slowest imports
(``python -X importtime``) of a warm start.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

SENTENCE = "Russia's foreign minister met his Chinese counterpart in Beijing on Monday.\n"

SPARK_CHILD = """
from detente.spark.executor import executor_pipeline
executor_pipeline(None)
"""

SPACY_CHILD = """
import importlib, sys
import spacy
name = sys.argv[1]
try:
    nlp = spacy.load(name)
except OSError:
    nlp = importlib.import_module(name).load()
doc = nlp(open(sys.argv[2], encoding="utf-8").read())
assert len(doc) > 0
"""


def timed_run(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the child) of one fresh process; fails loudly."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(argv, env=env, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} failed:\n{done.stderr}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def detente_argv(path: Path) -> list[str]:
    return [sys.executable, "-m", "detente", "code", str(path), "--json"]


HERE = Path(__file__).resolve().parent.parent / "src"
BYTECODE = Path(tempfile.gettempdir()) / f"detente-startup-bytecode-{os.getpid()}"


def child_env(cache_dir: Path, src: Path = HERE) -> dict[str, str]:
    """The environment of a timed process: its cache directory, its source tree first on the
    path, and compiled bytecode kept (outside the tree) as an installed package has it, for
    spaCy and detente alike: a development shell's PYTHONDONTWRITEBYTECODE would otherwise
    make every start compile detente's 20,000 lines again."""
    env = dict(os.environ)
    env["DETENTE_CACHE_DIR"] = str(cache_dir)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(src), env.get("PYTHONPATH")) if p)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(BYTECODE)
    return env


Variant = Callable[[int], tuple[list[str], dict[str, str]]]
"""Run number -> (argv, environment) of one timed process."""


def code_variants(workdir: Path, model: str, before: Path | None) -> dict[str, Variant]:
    """`detente code` on one sentence against spaCy's load-and-parse."""
    text = workdir / "one-sentence.txt"
    text.write_text(SENTENCE, encoding="utf-8")
    warm = child_env(workdir / "warm-cache")
    timed_run(detente_argv(text), warm)  # writes the warm cache (and warms the file cache)
    variants: dict[str, Variant] = {
        "spaCy load + parse": lambda n: (
            [sys.executable, "-c", SPACY_CHILD, model, str(text)],
            warm,
        ),
        "detente code, cold cache": lambda n: (
            detente_argv(text),
            child_env(workdir / f"cold-code-{n}"),
        ),
        "detente code, warm cache": lambda n: (detente_argv(text), warm),
    }
    if before is not None:
        old = child_env(workdir / "before-cache", before / "src")
        variants[f"detente code from {before}"] = lambda n: (detente_argv(text), old)
    return variants


def worker_variants(workdir: Path, before: Path | None) -> dict[str, Variant]:
    """`detente ingest --workers 2` of 4 sample articles in batches of 2 (so that the pool
    starts and each worker loads the pipeline), and the pipeline load of a Spark executor's
    Python worker (``detente.spark.executor.executor_pipeline``) in a fresh process."""
    samples = sorted((HERE / "detente" / "samples").glob("*.txt"))[:4]
    folder = workdir / "samples"
    folder.mkdir(exist_ok=True)
    for sample in samples:
        shutil.copy(sample, folder / sample.name)
    warm = child_env(workdir / "warm-cache")

    def ingest(n: int, tag: str) -> list[str]:
        db = workdir / f"ingest-{tag}-{n}.duckdb"
        return [sys.executable, "-m", "detente", "ingest", str(folder), "--db", str(db),
                "--workers", "2", "--batch-size", "2", "--json"]  # fmt: skip

    spark = [sys.executable, "-c", SPARK_CHILD]
    variants: dict[str, Variant] = {
        "ingest --workers 2, cold cache": lambda n: (
            ingest(n, "cold"),
            child_env(workdir / f"cold-ingest-{n}"),
        ),
        "ingest --workers 2, warm cache": lambda n: (ingest(n, "warm"), warm),
        "Spark executor pipeline, cold cache": lambda n: (
            spark,
            child_env(workdir / f"cold-spark-{n}"),
        ),
        "Spark executor pipeline, warm cache": lambda n: (spark, warm),
    }
    if before is not None:
        old = child_env(workdir / "before-cache", before / "src")
        variants[f"ingest --workers 2 from {before}"] = lambda n: (ingest(n, "before"), old)
        variants[f"Spark executor pipeline from {before}"] = lambda n: (spark, old)
    return variants


def measure(variants: dict[str, Variant], repeats: int) -> dict[str, list[tuple[float, float]]]:
    """Each variant once per round, in turn, for ``repeats`` rounds, after one round untimed
    (it compiles the bytecode and fills the file cache)."""
    runs: dict[str, list[tuple[float, float]]] = {label: [] for label in variants}
    for label, variant in variants.items():
        argv, env = variant(-1)
        timed_run(argv, env)
        if "cold cache" in label:
            shutil.rmtree(env["DETENTE_CACHE_DIR"], ignore_errors=True)
    for number in range(repeats):
        for label, variant in variants.items():
            argv, env = variant(number)
            runs[label].append(timed_run(argv, env))
            if "cold cache" in label:  # each cold run starts from an empty directory
                shutil.rmtree(env["DETENTE_CACHE_DIR"], ignore_errors=True)
    return runs


def report(runs: dict[str, list[tuple[float, float]]], baseline: str) -> None:
    base_wall = statistics.median(w for w, _ in runs[baseline])
    base_cpu = statistics.median(c for _, c in runs[baseline])
    print(f"| process | wall (median) | vs {baseline} | CPU (median) | vs it | wall, all runs |")
    print("|---|---:|---:|---:|---:|---|")
    for label, found in runs.items():
        wall = statistics.median(w for w, _ in found)
        cpu = statistics.median(c for _, c in found)
        each = ", ".join(f"{w:.2f}" for w, _ in found)
        print(
            f"| {label} | {wall:.2f} s | {wall - base_wall:+.2f} s | {cpu:.2f} s "
            f"| {cpu - base_cpu:+.2f} s | {each} |"
        )


PHASES_CHILD = """
import json, resource, sys
def cpu():
    used = resource.getrusage(resource.RUSAGE_SELF)
    return used.ru_utime + used.ru_stime
laps, last = {}, cpu()
def lap(name):
    global last
    now = cpu()
    laps[name], last = now - last, now
import detente.cli
lap("import the CLI")
from detente.read import ReadOptions, read_inputs
items = list(read_inputs([sys.argv[1]], ReadOptions()))
lap("read the file (language identifier)")
from detente.nlp import load_model
nlp = load_model()
lap("import spaCy, load and tune the model")
from detente.pipeline import Pipeline, default_stages
stages = default_stages()
lap("stages (places, actor lexicon, triggers, dater)")
coded = list(Pipeline(nlp, stages).code(items))
lap("code the sentence (verb dictionary)")
print(json.dumps(laps))
"""


def phases(workdir: Path, repeats: int, before: Path | None) -> None:
    """Where a start spends its CPU time, step by step as ``detente code`` goes (warm cache;
    medians), and the slowest imports of a warm start."""
    text = workdir / "one-sentence.txt"
    trees = {"now": child_env(workdir / "warm-cache")}
    if before is not None:
        trees[str(before)] = child_env(workdir / "before-cache", before / "src")
    found: dict[str, list[dict[str, float]]] = {tree: [] for tree in trees}
    for _ in range(repeats):
        for tree, env in trees.items():
            done = subprocess.run(
                [sys.executable, "-c", PHASES_CHILD, str(text)],
                env=env,
                capture_output=True,
                text=True,
                check=True,
            )
            found[tree].append(json.loads(done.stdout.splitlines()[-1]))
    print("\n| step (CPU s, median) | " + " | ".join(trees) + " |")
    print("|---|" + "---:|" * len(trees))
    for step in found["now"][0]:
        cells = [f"{statistics.median(run[step] for run in found[tree]):.2f}" for tree in trees]
        print(f"| {step} | " + " | ".join(cells) + " |")
    done = subprocess.run(
        [sys.executable, "-X", "importtime", *detente_argv(text)[1:]],
        env=trees["now"],
        capture_output=True,
        text=True,
        check=True,
    )
    rows = []
    for line in done.stderr.splitlines():
        if line.startswith("import time:") and "|" in line:
            _, cumulative, name = (cell.strip() for cell in line[12:].split("|"))
            if cumulative.isdigit():
                rows.append((int(cumulative), name))
    print("\nslowest imports of a warm start (cumulative, microseconds; nested names indented):")
    for cumulative, name in sorted(rows, reverse=True)[:25]:
        print(f"{cumulative:>10} {name}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--phases", action="store_true", help="Also show where time goes.")
    parser.add_argument(
        "--workers", action="store_true", help="Also time --workers 2 and a Spark worker's load."
    )
    parser.add_argument(
        "--before", type=Path, help="Also time the command from this tree's src/ (same run)."
    )
    args = parser.parse_args()
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
    from detente.nlp import DEFAULT_MODEL

    print(
        f"machine: {platform.platform()}, {os.cpu_count()} cores, python "
        f"{platform.python_version()}, load average {os.getloadavg()[0]:.1f}, "
        f"model {DEFAULT_MODEL}, {args.repeats} repeats"
    )
    try:
        run_all(args)
    finally:
        shutil.rmtree(BYTECODE, ignore_errors=True)


def run_all(args: argparse.Namespace) -> None:
    from detente.nlp import DEFAULT_MODEL

    with tempfile.TemporaryDirectory(prefix="detente-startup-") as tmp:
        workdir = Path(tmp)
        code = code_variants(workdir, DEFAULT_MODEL, args.before)
        report(measure(code, args.repeats), "spaCy load + parse")
        print(f"load average after: {os.getloadavg()[0]:.1f}")
        if args.workers:
            workers = worker_variants(workdir, args.before)
            report(measure(workers, args.repeats), "ingest --workers 2, warm cache")
            print(f"load average after: {os.getloadavg()[0]:.1f}")
        if args.phases:
            phases(workdir, args.repeats, args.before)


if __name__ == "__main__":
    main()
