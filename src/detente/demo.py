"""``detente demo``: the bundled sample corpus, ingested into a fresh store."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from .ingest import IngestSummary, ingest
from .store import Store
from .store.queries import EventFilter, busiest_dyads, list_events, store_stats


def samples_dir() -> Path:
    """The sample corpus shipped inside the package."""
    return Path(str(resources.files("detente") / "samples"))


@dataclass
class DemoReport:
    summary: IngestSummary
    stats: dict[str, Any]
    dyads: list[dict[str, Any]]
    sample_events: list[dict[str, Any]]


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
        events = list_events(store, EventFilter(modality="asserted"), sort="goldstein", limit=None)
        return DemoReport(
            summary=summary,
            stats=store_stats(store),
            dyads=busiest_dyads(store, limit=8),
            sample_events=[_short(e) for e in _spread(events, 8)],
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
