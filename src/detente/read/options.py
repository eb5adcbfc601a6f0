"""What a reader may be told: which record fields to use, limits, and overrides."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from ..errors import InputError


@dataclass(frozen=True)
class FieldNames:
    """Candidate field names for JSON/CSV records; the first one present in a record wins."""

    text: tuple[str, ...] = ("text", "body", "content")
    title: tuple[str, ...] = ("title", "headline")
    published: tuple[str, ...] = ("published", "date", "publish_date", "pubdate")
    url: tuple[str, ...] = ("url", "link")
    source: tuple[str, ...] = ("source", "outlet", "site")
    id: tuple[str, ...] = ("id", "article_id", "doc_id")


@dataclass(frozen=True)
class ReadOptions:
    """How to read inputs.

    ``max_bytes`` bounds one document: a whole HTML/text/JSON/feed file (after
    decompression), or one record of a streamed JSONL/CSV/WARC file. ``published``
    and ``source`` override what the inputs say. ``languages`` lists the accepted
    ISO 639-1 codes (empty: accept any). Texts shorter than ``min_chars`` are skipped.
    """

    max_bytes: int = 20_000_000
    fields: FieldNames = field(default_factory=FieldNames)
    published: date | None = None
    source: str | None = None
    languages: tuple[str, ...] = ("en",)
    min_chars: int = 1

    def __post_init__(self) -> None:
        if self.max_bytes < 1:
            raise InputError(f"max_bytes must be positive, not {self.max_bytes}")
        if self.min_chars < 0:
            raise InputError(f"min_chars must be zero or more, not {self.min_chars}")
