"""Plain text files, with an optional header block of metadata.

    Title: Seoul and Tokyo agree to resume talks
    Date: 2024-03-05
    Source: Example Wire
    URL: https://example.org/seoul-tokyo

    SEOUL — South Korea and Japan agreed on Tuesday ...

The header is read only when every line before the first blank line is one of
these keys (case-insensitive); otherwise the whole file is the text.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Article, Skipped
from .dates import parse_published
from .decode import decode_document
from .finish import make_article
from .options import ReadOptions
from .sources import Source, read_document

HEADER_KEYS = {
    "title": "title",
    "headline": "title",
    "date": "published",
    "published": "published",
    "source": "source",
    "url": "url",
    "link": "url",
}
_MAX_HEADER_LINES = 12


def read_text(source: Source, options: ReadOptions) -> Iterator[Article | Skipped]:
    document = read_document(source, options.max_bytes)
    text = decode_document(document.data)
    header, body = split_header(text)
    yield make_article(
        body,
        options,
        source.origin,
        title=header.get("title"),
        url=header.get("url"),
        source=header.get("source"),
        published=parse_published(header.get("published")),
    )
    if document.truncated:
        raise document.truncated


def split_header(text: str) -> tuple[dict[str, str], str]:
    """({field: value} from the header block, the text after it)."""
    lines = text.lstrip("\ufeff\n").split("\n")
    header: dict[str, str] = {}
    for index, line in enumerate(lines[: _MAX_HEADER_LINES + 1]):
        if not line.strip():
            return (header, "\n".join(lines[index + 1 :])) if header else ({}, text)
        key, colon, value = line.partition(":")
        field = HEADER_KEYS.get(key.strip().casefold())
        if not colon or field is None:
            return {}, text
        header.setdefault(field, value.strip())
    return {}, text
