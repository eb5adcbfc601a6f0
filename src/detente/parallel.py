"""Coding batches of articles in worker processes (``detente ingest --workers N``), and in
one process beside a server (:class:`CodingProcess`).

Each worker loads the spaCy model and detente's stages once, from the same
registry snapshot as the parent (``ActorRegistry.to_records()``: entries and sector
nouns), so a batch is coded identically whichever worker takes it and in whatever
order: N workers give the one-worker result.
The parent keeps at most ``2 × N`` batches in flight, which bounds memory, and
yields results in input order for the single writer.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from .errors import CoderStoppedError
from .model import Article, CodedArticle
from .pipeline import Pipeline

_worker_pipeline: Pipeline | None = None


def default_workers() -> int:
    """The number of cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def _start_worker(model: str | None, registry_records: list[dict[str, Any]]) -> None:
    global _worker_pipeline
    from .actors import ActorRegistry

    _worker_pipeline = Pipeline.load(model, registry=ActorRegistry.from_records(registry_records))


def _code_in_worker(batch: list[Article]) -> tuple[str, list[CodedArticle]]:
    assert _worker_pipeline is not None, "worker used before its initializer ran"
    return _worker_pipeline.version, list(_worker_pipeline.code(batch, batch_size=len(batch) or 1))


class ParallelCoder:
    """A pool of coding processes with a bounded, ordered queue of batches."""

    def __init__(self, workers: int, model: str | None, registry_records: list[dict[str, Any]]):
        """``registry_records`` is the parent's registry as ``ActorRegistry.to_records()``."""
        # fork shares the already-imported libraries; each worker still loads its own model.
        method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
        self.workers = workers
        self._pool = multiprocessing.get_context(method).Pool(
            workers, initializer=_start_worker, initargs=(model, registry_records)
        )

    def code_batches(
        self, batches: Iterable[list[Article]]
    ) -> Iterator[tuple[str, list[CodedArticle]]]:
        """(pipeline version, coded batch) for each batch, in input order.

        Each batch is cut into pieces for the workers, so that a few large batches still
        keep every worker busy; at most two batches are in flight at once.
        """
        in_flight: deque = deque()
        for batch in batches:
            size = max(1, -(-len(batch) // (2 * self.workers)))
            pieces = [batch[i : i + size] for i in range(0, len(batch), size)]
            in_flight.append(
                [self._pool.apply_async(_code_in_worker, (piece,)) for piece in pieces]
            )
            if len(in_flight) >= 2:
                yield _gather(in_flight.popleft())
        while in_flight:
            yield _gather(in_flight.popleft())

    def close(self) -> None:
        self._pool.close()
        self._pool.join()

    def terminate(self) -> None:
        self._pool.terminate()
        self._pool.join()


def _gather(pending: list) -> tuple[str, list[CodedArticle]]:
    version, coded = "", []
    for result in pending:
        version, piece = result.get()
        coded.extend(piece)
    return version, coded


class CodingProcess:
    """One coding process beside a long-running process (the server), coding one batch at a
    time, so that parsing does not hold the parent's interpreter lock. Spawned, not forked:
    the parent's other threads (DuckDB's among them) may hold locks. When the process dies
    (killed for memory, say) the batch it was coding fails with :class:`CoderStoppedError`
    and :attr:`stopped` is set: start another."""

    def __init__(self, model: str | None, registry_records: list[dict[str, Any]]):
        """``registry_records`` is the parent's registry as ``ActorRegistry.to_records()``."""
        self.stopped = False
        self._pool = ProcessPoolExecutor(
            1,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_start_beside,
            initargs=(os.getpid(), model, registry_records),
        )

    def code(self, batch: list[Article]) -> tuple[str, list[CodedArticle]]:
        """(pipeline version, the batch coded in input order); batches queue for the process."""
        try:
            return self._pool.submit(_code_in_worker, batch).result()
        except BrokenProcessPool as exc:
            self.stopped = True
            raise CoderStoppedError(
                "the process coding submitted articles stopped before it finished "
                f"({exc}); nothing was stored. Submit them again: another one is started."
            ) from exc

    def close(self) -> None:
        """Stop the process once its batch is coded."""
        self._pool.shutdown(wait=True, cancel_futures=True)


def _start_beside(parent: int, model: str | None, registry_records: list[dict[str, Any]]) -> None:
    # a parent that ends without closing the pool (a server stopped by a signal, which
    # uvicorn raises again once it has shut down) would leave the process waiting for
    # batches forever
    threading.Thread(target=_end_with, args=(parent,), daemon=True).start()
    _start_worker(model, registry_records)


def _end_with(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(1.0)
    os._exit(0)
