"""Readers: news as it really comes (HTML, text, JSON/JSONL, CSV, WARC, RSS/Atom, gzipped
or not) → :class:`~detente.model.Article` records, or :class:`~detente.model.Skipped`
with the reason an input gave none.

Everything streams: one generator per input, records read one at a time, so memory
stays flat for any corpus. A bad input never stops the others.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

from ..model import Article, Skipped
from .dates import parse_published
from .detect import EXTENSIONS, kind_from_name, reader_for
from .options import FieldNames, ReadOptions
from .paths import STDIN, expand_paths
from .problems import DecompressionBomb, Truncated, Unreadable, shorten
from .sources import Source, bytes_source

__all__ = [
    "EXTENSIONS",
    "FieldNames",
    "ReadOptions",
    "parse_published",
    "read_bytes",
    "read_inputs",
]

log = logging.getLogger(__name__)

_DEFAULT_OPTIONS = ReadOptions()
_REASON_LIMIT = 400


def read_inputs(
    paths: Sequence[str | Path], options: ReadOptions = _DEFAULT_OPTIONS
) -> Iterator[Article | Skipped]:
    """Read files, directories (recursively) and glob patterns; ``"-"`` reads stdin."""
    for item in expand_paths(paths):
        if isinstance(item, Skipped):
            yield item
        elif item == STDIN:
            yield from _read_stdin(options)
        else:
            yield from read_source(_file_source(Path(item)), options)


def read_bytes(
    data: bytes, name: str, options: ReadOptions = _DEFAULT_OPTIONS
) -> Iterator[Article | Skipped]:
    """Read in-memory bytes; ``name`` gives the kind by extension (``"-"`` or unknown: sniffed)."""
    kind_name = name if kind_from_name(name) is not None else STDIN
    yield from read_source(bytes_source(data, kind_name, origin=name), options)


def read_source(source: Source, options: ReadOptions) -> Iterator[Article | Skipped]:
    """One input through its reader; whatever goes wrong becomes a Skipped, after what was read."""
    for item in _read_guarded(source, options):
        if isinstance(item, Skipped):
            item = Skipped(item.origin, shorten(item.reason, _REASON_LIMIT))
        yield item


def _read_guarded(source: Source, options: ReadOptions) -> Iterator[Article | Skipped]:
    kept = 0
    try:
        if source.size == 0:
            raise Unreadable("empty file")
        for item in reader_for(source, options.max_bytes)(source, options):
            kept += isinstance(item, Article)
            yield item
    except Truncated as exc:
        yield Skipped(source.origin, f"{exc.message}; kept the {_articles(kept)} read before it")
    except (Unreadable, DecompressionBomb) as exc:
        reason = (
            exc.message if not kept else f"{exc.message}; kept the {_articles(kept)} read before it"
        )
        yield Skipped(source.origin, reason)
    except OSError as exc:
        yield Skipped(source.origin, f"cannot read: {exc.strerror or exc}")
    except Exception as exc:  # one unreadable input must never stop the others
        log.warning("unexpected failure reading %s", source.origin, exc_info=True)
        yield Skipped(source.origin, f"could not be read ({type(exc).__name__}: {exc})")


def _articles(count: int) -> str:
    return "1 article" if count == 1 else f"{count} articles"


def _file_source(path: Path) -> Source:
    try:
        size = path.stat().st_size
    except OSError:
        size = None
    return Source(str(path), path.name, lambda: open(path, "rb"), size)


def _read_stdin(options: ReadOptions) -> Iterator[Article | Skipped]:
    data = sys.stdin.buffer.read(options.max_bytes + 1)
    if len(data) > options.max_bytes:
        yield Skipped("<stdin>", "standard input is over the size limit; raise it with --max-size")
        return
    yield from read_source(bytes_source(data, STDIN, origin="<stdin>"), options)
