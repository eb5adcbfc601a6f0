"""Coding batches of articles in worker processes (``detente ingest --workers N``).

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
from collections import deque
from collections.abc import Iterable, Iterator
from typing import Any

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

    def __init__(
        self,
        workers: int,
        model: str | None,
        registry_records: list[dict[str, Any]],
        start_method: str | None = None,
    ):
        """``registry_records`` is the parent's registry as ``ActorRegistry.to_records()``;
        ``start_method``: ``fork`` by default where there is one (it shares the
        already-imported libraries; each worker still loads its own model), ``spawn`` from a
        process whose other threads may hold locks (a server)."""
        method = start_method or (
            "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
        )
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
