"""Which reader a file needs: by extension, or by its first bytes when the name says nothing."""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable, Iterator

from ..model import Article, Skipped
from .options import ReadOptions
from .problems import Unreadable
from .sources import Source, open_payload

Reader = Callable[[Source, ReadOptions], Iterator[Article | Skipped]]

READERS: dict[str, tuple[str, str]] = {
    "html": ("html", "read_html"),
    "text": ("text", "read_text"),
    "json": ("records", "read_json"),
    "jsonl": ("records", "read_jsonl"),
    "csv": ("records", "read_csv"),
    "tsv": ("records", "read_tsv"),
    "warc": ("warc", "read_warc"),
    "feed": ("feeds", "read_feed"),
}
"""Each kind of input's reader, as (module of this package, function): a reader's module
and the libraries it needs (warcio, an XML parser) are imported when an input needs it."""

EXTENSIONS: dict[str, str] = {
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".txt": "text",
    ".text": "text",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".csv": "csv",
    ".tsv": "tsv",
    ".warc": "warc",
    ".arc": "warc",
    ".rss": "feed",
    ".atom": "feed",
    ".xml": "feed",
}
"""File extensions read, each with the kind of reader (``.gz`` variants of all of them too)."""

_HTML_START = re.compile(
    r"<(!doctype\s+html|html|head|body|meta|title|div|p|article)[\s>/]", re.IGNORECASE
)
_SNIFF_BYTES = 4096


def kind_from_name(name: str) -> str | None:
    """The kind of reader by extension (after ``.gz``); ``""`` when there is no extension."""
    lower = name.lower().removesuffix(".gz")
    base = lower.rsplit("/", 1)[-1]
    if "." not in base.lstrip("."):
        return ""
    return EXTENSIONS.get("." + base.rsplit(".", 1)[-1])


def sniff_kind(source: Source, max_bytes: int) -> str:
    """The kind of reader judged from the first bytes: html, feed, json, warc or text."""
    with open_payload(source, max_bytes) as stream:
        head = stream.read(_SNIFF_BYTES)
    from .feeds import looks_like_feed

    text = head.decode("utf-8", errors="replace").lstrip("\ufeff \t\r\n")
    if text.startswith(("WARC/", "filedesc://")):
        return "warc"
    if text.startswith(("{", "[")):
        return "json"
    if text.startswith("<"):
        if looks_like_feed(text):
            return "feed"
        if _HTML_START.search(text):
            return "html"
    return "text"


def reader_for(source: Source, max_bytes: int) -> Reader:
    kind = kind_from_name(source.name)
    if kind is None:
        raise Unreadable(unsupported_reason(source.name))
    module, function = READERS[kind or sniff_kind(source, max_bytes)]
    reader: Reader = getattr(importlib.import_module(f".{module}", __package__), function)
    return reader


def unsupported_reason(name: str) -> str:
    extension = "." + name.lower().removesuffix(".gz").rsplit(".", 1)[-1]
    known = " ".join(sorted(EXTENSIONS))
    return f"unsupported file type '{extension}'; detente reads {known} (and .gz of each)"
