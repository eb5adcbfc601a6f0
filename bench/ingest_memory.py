"""Peak memory of `detente ingest` as the corpus grows: it should stay flat.

Generates N synthetic diplomatic news articles as .txt files (templated sentences
with varied actors, verbs and dates), ingests 1/4, 1/2 and all of them into fresh
stores in child processes, and prints each child's peak resident memory.

    python bench/ingest_memory.py --articles 2000
"""

from __future__ import annotations

import argparse
import platform
import random
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from corpus import ingest_command

COUNTRIES = [
    ("Russia", "Russian", "Moscow"),
    ("China", "Chinese", "Beijing"),
    ("North Korea", "North Korean", "Pyongyang"),
    ("Japan", "Japanese", "Tokyo"),
    ("South Korea", "South Korean", "Seoul"),
    ("the United States", "American", "Washington"),
    ("France", "French", "Paris"),
    ("Germany", "German", "Berlin"),
    ("India", "Indian", "New Delhi"),
    ("Iran", "Iranian", "Tehran"),
    ("Turkey", "Turkish", "Ankara"),
    ("Ukraine", "Ukrainian", "Kyiv"),
]
TEMPLATES = [
    "{adj_a} Foreign Minister {name} met his {adj_b} counterpart in {cap_b} on {weekday}, officials said.",
    "{a} accused {b} of violating the ceasefire agreement, the foreign ministry said in a statement.",
    "A {adj_a} delegation led by Deputy Prime Minister {name} arrived in {cap_b} {weekday} for a three-day visit.",
    "{a} and {b} signed an agreement on trade and energy cooperation on {month_day}.",
    "{adj_a} officials condemned the missile test carried out by {b} last week.",
    "The {adj_a} president will travel to {cap_b} next month for talks with leaders there.",
    "{a} imposed new sanctions on {b} over its nuclear programme, the treasury department announced.",
    "Lawmakers in {cap_a} called on {b} to release the detained journalists.",
    "{adj_a} troops attacked positions held by rebels near the border with {b}, a spokesman said.",
    "Talks between {a} and {b} ended without any agreement on {weekday}.",
]
NAMES = [
    "Sergei Petrov",
    "Li Wen",
    "Kim Song-nam",
    "Taro Suzuki",
    "Park Ji-hoon",
    "John Miller",
    "Claire Dubois",
    "Hans Weber",
    "Ravi Kumar",
    "Ali Rezaei",
    "Mehmet Kaya",
    "Olena Bondar",
]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def make_article(rng: random.Random, day: date) -> str:
    lines = []
    for _ in range(rng.randint(6, 14)):
        (a, adj_a, cap_a), (b, adj_b, cap_b) = rng.sample(COUNTRIES, 2)
        lines.append(
            rng.choice(TEMPLATES).format(
                a=a[0].upper() + a[1:],
                b=b,
                adj_a=adj_a,
                adj_b=adj_b,
                cap_a=cap_a,
                cap_b=cap_b,
                name=rng.choice(NAMES),
                weekday=rng.choice(WEEKDAYS),
                month_day=(day - timedelta(days=rng.randint(1, 20))).strftime("%B %-d"),
            )
        )
    return (
        " ".join(lines[:3])
        + "\n\n"
        + "\n\n".join(" ".join(lines[i : i + 2]) for i in range(3, len(lines), 2))
    )


def write_corpus(folder: Path, n: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    start = date(2019, 1, 1)
    for i in range(n):
        day = start + timedelta(days=i % 365)
        body = make_article(rng, day)
        (folder / f"{i:05d}.txt").write_text(
            f"Title: Synthetic report {i}\nDate: {day.isoformat()}\nSource: Bench Wire\n\n{body}\n"
        )


def ingest_peak_rss(corpus: Path, db: Path) -> tuple[float, float]:
    """Peak RSS (MB) and wall time of one `detente ingest` child process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    started = time.perf_counter()
    subprocess.run(ingest_command(corpus, db, workers=1), check=True, stdout=subprocess.DEVNULL)
    elapsed = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    if peak <= before:
        raise RuntimeError("run each size in a fresh process: ru_maxrss only grows")
    return peak / 1024, elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    args = parser.parse_args()
    print(
        f"machine: {platform.platform()}, {platform.processor() or platform.machine()}, python {platform.python_version()}"
    )
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        for n in (args.articles // 4, args.articles // 2, args.articles):
            corpus = root / f"corpus{n}"
            corpus.mkdir()
            write_corpus(corpus, n)
            # A fresh interpreter per size, so ru_maxrss is that run's own peak.
            out = subprocess.run(
                [sys.executable, __file__, "--_one", str(corpus), str(root / f"s{n}.duckdb")],
                check=True,
                capture_output=True,
                text=True,
            ).stdout.strip()
            print(f"{n:6d} articles: {out}")


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--_one":
        mb, secs = ingest_peak_rss(Path(sys.argv[2]), Path(sys.argv[3]))
        print(f"peak RSS {mb:7.1f} MB, {secs:6.1f} s")
    else:
        main()
