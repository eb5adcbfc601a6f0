"""RSS and Atom feeds: each item becomes an article (feedparser).

feedparser because it copes with every RSS/Atom dialect and date format in the
wild. XML that declares entities is refused before it reaches the parser:
entity expansion ("billion laughs") and external entities are attacks, never news.
"""

from __future__ import annotations

import html
import io
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring as defused_fromstring

from ..model import Article, Skipped
from .dates import parse_published
from .decode import decode_document
from .finish import make_article
from .options import ReadOptions
from .problems import Unreadable
from .sources import Source, read_document

_FEED_ROOT = re.compile(r"<(?:[\w-]+:)?(rss|feed|RDF)[\s>/]")
_ENTITY_DECLARATION = re.compile(r"<!ENTITY", re.IGNORECASE)
_XML_ENCODING = re.compile(r"""^(\s*<\?xml[^>]*?encoding\s*=\s*["'])[^"']*(["'])""")
"""The declared encoding, rewritten to utf-8 once the text has been decoded."""


def looks_like_feed(head: str) -> bool:
    """Whether the first kilobytes of an XML document open an RSS/Atom/RDF feed."""
    return _FEED_ROOT.search(head[:4096]) is not None


def read_feed(source: Source, options: ReadOptions) -> Iterator[Article | Skipped]:
    document = read_document(source, options.max_bytes)
    xml = decode_document(document.data)
    refuse_entities(xml)
    if not looks_like_feed(xml):
        raise Unreadable(
            "XML file that is not an RSS or Atom feed; detente reads only feeds as XML"
        )
    # A stream, never str or bytes: feedparser would take those for a URL or a file name.
    import feedparser  # imported on first use, like the other heavy parsers

    feed = feedparser.parse(
        io.BytesIO(_as_utf8(xml)), sanitize_html=True, resolve_relative_uris=False
    )
    site = feed.feed.get("title")
    if not feed.entries:
        problem = feed.get("bozo_exception")
        raise Unreadable("feed has no items" + (f" (malformed XML: {problem})" if problem else ""))
    for number, entry in enumerate(feed.entries, start=1):
        yield _item_article(entry, f"{source.origin}#{number}", options, site)
    if document.truncated:
        raise document.truncated


def refuse_entities(xml: str) -> None:
    """Raise Unreadable when the XML declares entities (expansion is refused)."""
    if _ENTITY_DECLARATION.search(xml):
        raise Unreadable("XML declares entities; refused, because expanding them is unsafe")
    try:
        defused_fromstring(_as_utf8(xml), forbid_dtd=False, forbid_entities=True)
    except DefusedXmlException as exc:
        raise Unreadable(f"XML refused as unsafe ({type(exc).__name__})") from exc
    except (ParseError, ValueError, LookupError):
        pass  # malformed but harmless: feedparser is lenient with broken feeds


def _as_utf8(xml: str) -> bytes:
    """The decoded XML as UTF-8 bytes, its declaration saying so."""
    return _XML_ENCODING.sub(r"\1utf-8\2", xml, count=1).encode("utf-8")


def _item_article(entry, origin: str, options: ReadOptions, site: str | None) -> Article | Skipped:  # type: ignore[no-untyped-def]
    content = entry.get("content") or []
    body = content[0].get("value") if content else entry.get("summary")
    if not body:
        return Skipped(origin, "feed item has no content or summary")
    published = entry.get("published_parsed") or entry.get("updated_parsed")
    return make_article(
        html_to_text(body),
        options,
        origin,
        title=entry.get("title"),
        url=entry.get("link"),
        source=site,
        published=parse_published(published) or parse_published(entry.get("published")),
    )


def html_to_text(fragment: str) -> str:
    """The text of an HTML fragment (a feed item's body), paragraphs kept apart."""
    if "<" not in fragment:
        return html.unescape(fragment)
    parser = _TextParser()
    parser.feed(fragment)
    parser.close()
    lines = ("".join(parser.parts)).split("\n")
    return "\n".join(" ".join(line.split()) for line in lines if line.strip())


class _TextParser(HTMLParser):
    _BLOCKS = frozenset(
        ("p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6")
        + ("blockquote", "tr", "table", "section", "article", "pre")
    )
    _HIDDEN = frozenset(("script", "style", "template"))

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:  # type: ignore[type-arg]
        if tag in self._HIDDEN:
            self._hidden += 1
        elif tag in self._BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._HIDDEN:
            self._hidden = max(0, self._hidden - 1)
        elif tag in self._BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.parts.append(data)
