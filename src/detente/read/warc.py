"""WARC web archives: each HTML response record becomes an article.

warcio reads the records (streamed, chunked and content-encoded bodies decoded);
the URL comes from WARC-Target-URI and WARC-Date dates a page that has no date.
Records that are not successful HTML responses (CSS, images, requests,
redirects) are passed over quietly; numbering (``#N``) counts every record.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from ..model import Article, Skipped
from .dates import parse_published
from .decode import decode_document
from .html import html_article
from .options import ReadOptions
from .problems import DecompressionBomb, Truncated, Unreadable, megabytes
from .sources import Source, open_payload

log = logging.getLogger(__name__)

_HTML_TYPES = ("text/html", "application/xhtml+xml")
_CHUNK = 64 * 1024
_TRAILING_SLACK = 4
"""Blank lines a writer may leave after the last record."""


def read_warc(source: Source, options: ReadOptions) -> Iterator[Article | Skipped]:
    pages = 0
    number = 0
    with open_payload(source, options.max_bytes) as payload:
        stream = _CountingReader(payload)
        archive = _QuietArchiveIterator(stream, arc2warc=True)
        records = iter(archive)
        while (record := _next_record(records, number)) is not None:
            number += 1
            if _is_html_response(record):
                pages += 1
                yield _isolated_page_article(record, f"{source.origin}#{number}", options)
            if _drain_is_short(record):
                raise Truncated(f"truncated WARC: record {number} ends before its stated length")
        end = archive.get_record_offset() + (archive.get_record_length() or 0) if number else 0
        if stream.count - end > _TRAILING_SLACK:
            raise Truncated(
                f"truncated WARC: {stream.count - end} bytes after record {number} "
                "do not make a complete record"
            )
    if archive.err_count:
        log.warning(
            "%s: %d WARC records have a wrong Content-Length", source.origin, archive.err_count
        )
    if pages == 0:
        raise Unreadable(f"WARC has no HTML response records (read {number} records)")


def _next_record(records: Iterator, number: int):  # type: ignore[no-untyped-def]
    """The record after record ``number``, None at the end; damage raised as our errors."""
    try:
        return next(records)
    except StopIteration:
        return None
    except (Truncated, DecompressionBomb, Unreadable):
        raise
    except Exception as exc:  # warcio fails in many ways on a damaged record header
        detail = (
            _first_line(exc)
            if isinstance(exc, ArchiveLoadFailed | EOFError | ValueError)
            else ("a damaged record header")
        )
        if number == 0:
            raise Unreadable(f"not a valid WARC file ({detail})") from exc
        raise Truncated(f"WARC is truncated or malformed after record {number} ({detail})") from exc


class _QuietArchiveIterator(ArchiveIterator):
    """warcio writes a warning to stderr for a bad Content-Length; we count and log instead."""

    INC_RECORD = ""


class _CountingReader:
    """Counts the bytes warcio takes, to see whether the last record really ended the file."""

    def __init__(self, stream: BinaryIO) -> None:
        self._stream = stream
        self.count = 0

    def read(self, size: int = -1) -> bytes:
        data = self._stream.read(size)
        self.count += len(data)
        return data

    def tell(self) -> int:
        return self.count


def _drain_is_short(record) -> bool:  # type: ignore[no-untyped-def]
    """Read what is left of the record; True when its data ended before its stated length."""
    while record.raw_stream.read(_CHUNK):
        pass
    return getattr(record.raw_stream, "limit", 0) > 0


def _is_html_response(record) -> bool:  # type: ignore[no-untyped-def]
    if record.rec_type not in ("response", "resource"):
        return False
    http = record.http_headers
    if record.rec_type == "response":
        if http is None or not http.get_statuscode().startswith("2"):
            return False
        content_type = http.get_header("Content-Type") or ""
    else:
        content_type = record.rec_headers.get_header("Content-Type") or ""
    return content_type.split(";")[0].strip().lower() in _HTML_TYPES


def _isolated_page_article(record, origin: str, options: ReadOptions) -> Article | Skipped:  # type: ignore[no-untyped-def]
    """One page's article; a page that breaks extraction is skipped, not the whole archive."""
    try:
        return _page_article(record, origin, options)
    except (Truncated, DecompressionBomb):
        raise
    except Exception as exc:  # a single hostile page must not lose the rest of the crawl
        log.warning("page extraction failed for %s", origin, exc_info=True)
        return Skipped(origin, f"could not extract the page ({type(exc).__name__}: {exc})")


def _page_article(record, origin: str, options: ReadOptions) -> Article | Skipped:  # type: ignore[no-untyped-def]
    body = record.content_stream().read(options.max_bytes + 1)
    if len(body) > options.max_bytes:
        return Skipped(
            origin,
            f"page is over the {megabytes(options.max_bytes)} limit; raise it with --max-size",
        )
    if not body.strip():
        return Skipped(origin, "empty HTML response")
    try:
        html = decode_document(body, declared=_charset(record))
    except Unreadable as exc:
        return Skipped(origin, exc.message)
    return html_article(
        html,
        origin,
        options,
        url=record.rec_headers.get_header("WARC-Target-URI"),
        fallback_published=parse_published(record.rec_headers.get_header("WARC-Date")),
    )


def _charset(record) -> str | None:  # type: ignore[no-untyped-def]
    headers = record.http_headers
    content_type = (headers.get_header("Content-Type") if headers else None) or ""
    for part in content_type.split(";")[1:]:
        key, _, value = part.partition("=")
        if key.strip().lower() == "charset":
            return value.strip().strip("\"'") or None
    return None


def _first_line(exc: Exception) -> str:
    text = str(exc).strip().splitlines()
    return text[0][:200] if text else type(exc).__name__
