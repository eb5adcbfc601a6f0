"""An ingest killed at any moment leaves a consistent store, and running it again finishes the job."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from detente.store import Store

TEMPLATE = (
    "Title: Report {i}\nDate: 2019-03-{day:02d}\nSource: Test Wire\n\n"
    "North Korea's vice foreign minister met Russian Deputy Foreign Minister Igor Morgulov in Moscow "
    "on Thursday, the ministry said in report {i}. China condemned the missile launch by North Korea "
    "on Monday. The United States imposed sanctions on two shipping firms in case {i}.\n"
)


def write_corpus(folder: Path, n: int = 10) -> Path:
    folder.mkdir()
    for i in range(n):
        (folder / f"report{i:02d}.txt").write_text(TEMPLATE.format(i=i, day=10 + i))
    return folder


def ingest_command(corpus: Path, db: Path) -> list[str]:
    return [
        sys.executable,
        "-m",
        "detente",
        "ingest",
        str(corpus),
        "--db",
        str(db),
        "--batch-size",
        "1",
        "--workers",
        "1",
        "--quiet",
    ]


def snapshot(db: Path) -> tuple[list, list]:
    with Store(db, read_only=True) as store:
        articles = store.query("SELECT id, text, published, event_count FROM articles ORDER BY id")
        events = store.query(
            "SELECT id, article_id, code, source_code, target_code, date_start, modality "
            "FROM events ORDER BY id"
        )
    return articles, events


def kill_after_commits(command: list[str], wal: Path, commits: int, timeout: float = 240) -> None:
    """Run ``command`` and SIGKILL it once its store's WAL has changed ``commits`` times."""
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    seen, last, deadline = 0, None, time.monotonic() + timeout
    try:
        while seen < commits and process.poll() is None and time.monotonic() < deadline:
            size = wal.stat().st_size if wal.exists() else None
            if size != last and size:
                seen += 1
                last = size
            time.sleep(0.005)
    finally:
        if process.poll() is None:
            os.kill(process.pid, signal.SIGKILL)
        process.wait()


@pytest.mark.slow
def test_killed_ingests_resume_to_the_same_store_as_an_uninterrupted_run(tmp_path):
    corpus = write_corpus(tmp_path / "news")
    reference_db = tmp_path / "reference.duckdb"
    subprocess.run(ingest_command(corpus, reference_db), check=True)
    reference = snapshot(reference_db)
    assert len(reference[0]) == 10 and reference[1]

    for commits in (1, 3, 6):
        db = tmp_path / f"killed{commits}.duckdb"
        kill_after_commits(ingest_command(corpus, db), Path(str(db) + ".wal"), commits)
        articles, events = snapshot(db)
        # Consistent: every stored article has exactly the events it says it has.
        for article in articles:
            assert sum(e["article_id"] == article["id"] for e in events) == article["event_count"]
        subprocess.run(ingest_command(corpus, db), check=True)
        assert snapshot(db) == reference
