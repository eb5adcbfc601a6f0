"""Time the ties queries and incremental merging on a large store (see bench/make_store.py).

    .venv/bin/python bench/ties_bench.py bench/ties-1m.duckdb

Times (median of several runs after one warm-up) a monthly and a weekly dyad
series, a partners ranking, a pair's whole view as the web API computes it when it is not
cached (series, change points with their events, each period's events, counts, the 50 newest
events), and merging new batches of 100 and 1,000 articles' events into the store. The merge
runs add their batches to the store.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).parent))
import make_store

from detente.store import Store
from detente.ties import dyad_series, merge_new_events, partners
from detente.web.pairs import busiest_pairs


def timed(fn: Callable[[], object], runs: int = 7) -> float:
    fn()  # warm-up
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def timed_views(store: Store, pairs: list[tuple[str, str]], runs: int = 5) -> tuple[float, float]:
    """Median wall and CPU seconds (all threads, DuckDB's included) of what
    ``GET /api/dyads/A/B`` computes when its answer is not cached, over each pair's runs."""
    from detente.web.data import MergedFilter
    from detente.web.pairs import dyad

    for a, b in pairs:  # warm-up
        dyad(store, MergedFilter(a, b), "month", events=50)
    walls, cpus = [], []
    for _ in range(runs):
        for a, b in pairs:
            start, cpu = time.perf_counter(), time.process_time()
            dyad(store, MergedFilter(a, b), "month", events=50)
            walls.append(time.perf_counter() - start)
            cpus.append(time.process_time() - cpu)
    return statistics.median(walls), statistics.median(cpus)


def merge_batch(store: Store, rng, codes, articles: int, round_no: int) -> tuple[int, float]:
    """Add ``articles`` new articles (3 events each) at the end of the range; time their merge."""
    offset = 3 * (10**9 + round_no * 10_000)
    tables = make_store.make_chunk(
        rng,
        codes,
        make_store.DAYS - 30,
        30,
        3 * articles,
        offset,
        datetime(2030, 1, 1, 0, round_no),
    )
    make_store.write_chunk(store, tables)
    start = time.perf_counter()
    result = merge_new_events(store)
    return result.reports, time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", type=Path)
    args = parser.parse_args()
    with Store(args.path) as store:
        size = store.query(
            "SELECT (SELECT count(*) FROM events) AS reports, "
            "(SELECT count(*) FROM merged_events) AS merged"
        )[0]
        print(f"store: {size['reports']:,} reports, {size['merged']:,} merged events")
        for label, fn in (
            ("dyad_series USA-CHN month", lambda: dyad_series(store, "USA", "CHN")),
            ("dyad_series PRK-RUS week", lambda: dyad_series(store, "PRK", "RUS", freq="week")),
            (
                "dyad_series USA->RUS day, all modalities",
                lambda: dyad_series(
                    store, "USA", "RUS", freq="day", directed=True, include_all_modalities=True
                ),
            ),
            ("partners USA", lambda: partners(store, "USA")),
            ("partners PRK", lambda: partners(store, "PRK")),
        ):
            print(f"{label}: {timed(fn) * 1000:.0f} ms")
        busiest = [(p["country_a"], p["country_b"]) for p in busiest_pairs(store, 10)]
        wall, cpu = timed_views(store, busiest)
        print(
            f"pair view (the web's, uncached), each of the 10 busiest pairs: median "
            f"{wall * 1000:.0f} ms, CPU {cpu * 1000:.0f} ms"
        )
        rng = np.random.default_rng(11)
        codes = make_store.code_table(rng)
        for round_no, articles in enumerate((100, 100, 100, 1000, 1000, 1000)):
            reports, seconds = merge_batch(store, rng, codes, articles, round_no)
            print(f"merge batch of {articles} articles ({reports} reports): {seconds:.2f} s")


if __name__ == "__main__":
    main()
