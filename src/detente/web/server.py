"""Running the app: open the store as its single writer, then serve with uvicorn."""

from __future__ import annotations

import logging
from pathlib import Path

from ..store import Store

log = logging.getLogger(__name__)

LOOPBACK = ("127.0.0.1", "localhost", "::1")


def serve(
    db: str | Path | None = None,
    host: str = "127.0.0.1",
    port: int = 8000,
    read_only: bool = False,
    watch: str | Path | None = None,
    watch_interval: float = 10.0,
    access_log: bool = True,
) -> None:
    """Serve the store at ``db`` until interrupted.

    The server holds the store for writing (reviews, users, submitted articles), so a
    ``detente ingest`` on the same file is refused with "in use by another process";
    submit articles with ``POST /api/articles`` or drop files into the ``watch`` folder instead,
    or stop the server first.
    """
    import uvicorn

    from .app import create_app

    if host not in LOOPBACK:
        log.warning("serving on %s: reachable from other machines; put it behind HTTPS", host)
    from ..actors import lookup_country
    from ..ties.shifts import segment_costs

    # before the first request, not in it: ruptures and SciPy (seconds to import), which a
    # pair page needs, and the country names every page and API call about a country reads
    # (the actor lexicon: about a second from its cache, longer when it is built)
    segment_costs()
    lookup_country("USA")
    with Store(db, read_only=read_only) as store:
        app = create_app(store, secure_cookies=host not in LOOPBACK)
        watcher = None
        if watch is not None:
            from .watch import FolderWatcher

            watcher = FolderWatcher(app, store, watch, watch_interval)
            watcher.start()
        try:
            uvicorn.run(
                app, host=host, port=port, log_level="info", workers=1, access_log=access_log
            )
        finally:
            if watcher:
                watcher.stop()
            if app.state.coder:
                app.state.coder.close()
