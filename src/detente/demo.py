"""``detente demo``: the bundled sample corpus, ingested into a fresh store."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any

from .ingest import IngestSummary, ingest
from .store import Store
from .store.queries import EventFilter, busiest_dyads, list_events, store_stats
from .ties import shifts


def samples_dir() -> Path:
    """The sample corpus shipped inside the package."""
    return Path(str(resources.files("detente") / "samples"))


DEMO_COUNTRY = "PRK"
DEMO_TURNING_POINT = date(2019, 2, 28)
"""The Hanoi summit: the corpus is written so that North Korea's ties shift around it."""


@dataclass
class DemoReport:
    summary: IngestSummary
    stats: dict[str, Any]
    dyads: list[dict[str, Any]]
    sample_events: list[dict[str, Any]]
    shifts: list[dict[str, Any]]


def fresh_store(path: Path) -> Store:
    """Open a new, empty store at ``path``, replacing an earlier detente store there.

    A file that is not a detente store is never deleted: opening it raises first.
    """
    if path.exists():
        Store(path).close()  # raises NotAStoreError / StoreLockedError for anything else
        path.unlink()
        wal = path.with_name(path.name + ".wal")
        if wal.exists():
            wal.unlink()
    return Store(path)


def run_demo(db: Path, model: str | None = None) -> DemoReport:
    with fresh_store(db) as store:
        summary = ingest([samples_dir()], store, model=model)
        events = [
            e
            for e in list_events(
                store, EventFilter(modality="asserted"), sort="goldstein", limit=None
            )
            if e["source_code"] and e["target_code"]
        ]
        return DemoReport(
            summary=summary,
            stats=store_stats(store),
            dyads=busiest_dyads(store, limit=8),
            sample_events=[_short(e) for e in _spread(events, 8)],
            shifts=shifts(
                store, DEMO_COUNTRY, around=DEMO_TURNING_POINT, window_days=120, limit=6
            ).to_dict("records"),
        )


def _spread(rows: list[dict[str, Any]], n: int) -> list[dict[str, Any]]:
    """``n`` rows evenly spread over a sorted list (most conflictual to most cooperative)."""
    if len(rows) <= n:
        return rows
    step = (len(rows) - 1) / (n - 1)
    return [rows[round(i * step)] for i in range(n)]


def _short(event: dict[str, Any]) -> dict[str, Any]:
    return {
        "date": event["date_start"] or f"({event['published']})",
        "source": event["source_code"] or event["source_text"],
        "event": f"{event['code']} {event['name']}",
        "target": event["target_code"] or event["target_text"] or "",
        "modality": event["modality"],
    }
