"""A watched folder: news files dropped into it are ingested by the server, the store's writer.

``detente ingest`` cannot write a store the server holds; ``detente serve --watch DIR`` is
the way to feed a running server from files. Each scan ingests the files that are new or
changed since the last scan (articles already stored are recognised and skipped by ingest).
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path
from typing import Any

from ..ingest import IngestSummary, ingest
from ..store import Store
from .submit import pipeline_for

log = logging.getLogger(__name__)


class FolderWatcher:
    """Scans ``folder`` every ``interval`` seconds in a daemon thread."""

    def __init__(self, app: Any, store: Store, folder: str | Path, interval: float = 10.0) -> None:
        self.app, self.store, self.folder, self.interval = app, store, Path(folder), interval
        self._seen: dict[Path, float] = {}
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def changed_files(self) -> list[Path]:
        found = []
        for path in sorted(
            p for p in self.folder.rglob("*") if p.is_file() and not p.name.startswith(".")
        ):
            mtime = path.stat().st_mtime
            if self._seen.get(path) != mtime:
                self._seen[path] = mtime
                found.append(path)
        return found

    def scan_once(self) -> IngestSummary | None:
        """Ingest what changed since the last scan; None when nothing did."""
        files = self.changed_files()
        if not files:
            return None
        summary = ingest(files, self.store, pipeline=pipeline_for(self.app, self.store), workers=1)
        self.app.state.cache.clear()
        log.info(
            "watched folder: %d articles new, %d events stored from %d files",
            summary.articles_new,
            summary.events_stored,
            len(files),
        )
        return summary

    def start(self) -> None:
        if not self.folder.is_dir():
            from ..errors import InputError

            raise InputError(f"--watch {self.folder}: no such folder.")
        self._thread = threading.Thread(target=self._run, name="detente-watch", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread:
            self._thread.join(timeout=self.interval + 5)

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                self.scan_once()
            except Exception:  # a bad file must not stop the server; ingest records most
                log.exception("watched folder scan failed")
            self._stop.wait(self.interval)
