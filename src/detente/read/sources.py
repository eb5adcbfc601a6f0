"""Where bytes come from (a file, stdin, memory) and how they are opened.

Gzip is decompressed here, transparently and in chunks, so that each reader sees
plain bytes and memory stays flat. Truncated gzip data delivers what it holds and
then raises :class:`Truncated`; data that expands beyond the size limit at a
ratio no real text reaches raises :class:`DecompressionBomb`.
"""

from __future__ import annotations

import io
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import BinaryIO, NamedTuple

from .problems import DecompressionBomb, TooLarge, Truncated, Unreadable, megabytes

GZIP_MAGIC = b"\x1f\x8b"
_CHUNK = 64 * 1024
# News text compresses 3-10x; past the size limit, anything above this ratio is a bomb.
_BOMB_RATIO = 100


@dataclass(frozen=True)
class Source:
    """One input: ``origin`` names it to users, ``name`` gives its kind by extension."""

    origin: str
    name: str
    opener: Callable[[], BinaryIO]
    """Opens the raw bytes; may be called more than once."""
    size: int | None = None

    @cached_property
    def compressed(self) -> bool:
        return self.name.lower().endswith(".gz") or self.head(2) == GZIP_MAGIC

    def head(self, count: int) -> bytes:
        with self.opener() as raw:
            return raw.read(count)


def bytes_source(data: bytes, name: str, origin: str | None = None) -> Source:
    return Source(origin or name, name, lambda: io.BytesIO(data), len(data))


def open_payload(source: Source, max_bytes: int) -> BinaryIO:
    """The source's bytes, gunzipped when compressed."""
    raw = source.opener()
    if not source.compressed:
        return raw
    return io.BufferedReader(GunzipStream(raw, max_bytes), buffer_size=_CHUNK)


class Document(NamedTuple):
    data: bytes
    truncated: Truncated | None = None
    """Set when compressed data ended early: ``data`` is what came before the end."""


def read_document(source: Source, max_bytes: int) -> Document:
    """The whole (decompressed) document, refused when over ``max_bytes``."""
    if not source.compressed and source.size is not None and source.size > max_bytes:
        raise TooLarge(
            f"file is {megabytes(source.size)}, over the {megabytes(max_bytes)} limit; "
            "raise it with --max-size"
        )
    with open_payload(source, max_bytes) as stream:
        data = stream.read(max_bytes + 1)
        truncated = None
        try:
            stream.read(1)
        except Truncated as exc:
            truncated = exc
    if not data and truncated is None:
        raise Unreadable("empty file (after decompression)" if source.compressed else "empty file")
    if len(data) > max_bytes:
        what = "decompresses to" if source.compressed else "is"
        raise TooLarge(
            f"file {what} more than the {megabytes(max_bytes)} limit; "
            "raise it with --max-size if it is genuine"
        )
    return Document(data, truncated)


class GunzipStream(io.RawIOBase):
    """Streaming gzip decompression (multi-member) with truncation and bomb checks.

    Data that ends early first reads as a normal end of file, so that buffered
    readers hand over everything before it; the next read raises :class:`Truncated`.
    """

    def __init__(self, raw: BinaryIO, max_bytes: int) -> None:
        self._raw = raw
        self._max_bytes = max_bytes
        self._inflater = zlib.decompressobj(wbits=31)
        self._pending = b""
        self._tail = b""
        self._consumed = 0
        self._produced = 0
        self._finished = False
        self._member_started = False
        """Whether the current gzip member has seen input (if not, its end is a clean end)."""
        self._truncated: Truncated | None = None

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # type: ignore[no-untyped-def]
        if self._truncated:
            raise self._truncated
        while not self._pending and not self._finished:
            self._inflate_some()
        count = min(len(buffer), len(self._pending))
        buffer[:count] = self._pending[:count]
        self._pending = self._pending[count:]
        return count

    def _inflate_some(self) -> None:
        data = self._tail or self._raw.read(_CHUNK)
        self._consumed += 0 if self._tail else len(data)
        if not data:
            self._finished = True
            if not self._inflater.eof and self._member_started:
                self._truncated = Truncated(
                    f"truncated gzip: the data ends early, after {megabytes(self._produced)}"
                )
            return
        self._member_started = True
        try:
            out = self._inflater.decompress(data, _CHUNK)
        except zlib.error as exc:
            detail = str(exc).rsplit(": ", 1)[-1]
            raise Unreadable(f"not valid gzip data ({detail})") from exc
        self._tail = self._inflater.unconsumed_tail
        self._produced += len(out)
        self._pending = out
        if self._inflater.eof:
            self._next_member(self._inflater.unused_data)
        if self._produced > self._max_bytes and self._produced > _BOMB_RATIO * self._consumed:
            raise DecompressionBomb(
                f"decompression bomb: gzip data expands more than {_BOMB_RATIO}-fold past the "
                f"{megabytes(self._max_bytes)} limit; stopped there"
            )

    def _next_member(self, rest: bytes) -> None:
        self._inflater = zlib.decompressobj(wbits=31)
        self._tail = rest.lstrip(b"\0")  # zero padding after the last member is allowed
        self._member_started = bool(self._tail)

    def close(self) -> None:
        self._raw.close()
        super().close()
