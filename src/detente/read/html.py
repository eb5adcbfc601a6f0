"""HTML pages → the article they carry, with trafilatura.

trafilatura because it is the best-evaluated open main-text extractor and reads
title, date, site name and canonical URL from the page's metadata as well. We ask
it for precision: navigation, share/print toolbars, log-in prompts and comments
must not reach the article text.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from datetime import date

from ..model import Article, Skipped
from .dates import parse_published
from .decode import decode_document
from .finish import make_article
from .options import ReadOptions
from .sources import Source, read_document

log = logging.getLogger(__name__)

_DATE_PARAMS = {"extensive_search": False, "original_date": True}
_SENTENCE = re.compile(r"(?:\w+\W+){5,}\w+[.!?\"”’')]")


def read_html(source: Source, options: ReadOptions) -> Iterator[Article | Skipped]:
    document = read_document(source, options.max_bytes)
    yield html_article(decode_document(document.data), source.origin, options)
    if document.truncated:
        raise document.truncated


def _extract(html: str, url: str | None, *, fast: bool):  # type: ignore[no-untyped-def]
    import trafilatura  # imported on first use: it takes half a second to load

    return trafilatura.bare_extraction(
        html,
        url=url,
        fast=fast,
        favor_precision=True,
        include_comments=False,
        include_tables=False,
        with_metadata=True,
        date_extraction_params=_DATE_PARAMS,
    )


def _looks_like_prose(text: str | None) -> bool:
    """At least one sentence of several words: not a menu, a button row or a copyright line."""
    return text is not None and _SENTENCE.search(text) is not None


def _without_headline(text: str, title: str | None) -> str:
    """The body without a repeated headline: it is kept as the title, and glued to the
    first paragraph without a full stop it would run into that paragraph's first sentence."""
    first, _, rest = text.strip().partition("\n")
    if title and rest.strip() and " ".join(first.split()) == " ".join(title.split()):
        return rest
    return text


def html_article(
    html: str,
    origin: str,
    options: ReadOptions,
    *,
    url: str | None = None,
    fallback_published: date | None = None,
) -> Article | Skipped:
    """The article in one HTML page; ``url`` and ``fallback_published`` fill gaps."""
    extracted = _extract(html, url, fast=True)
    if extracted is None or not _looks_like_prose(extracted.text):
        # trafilatura's fallback extractors find more, and more junk: keep only prose
        extracted = _extract(html, url, fast=False)
    if extracted is None or not _looks_like_prose(extracted.text):
        return Skipped(origin, "no article text found in the HTML (only navigation or boilerplate)")
    return make_article(
        _without_headline(extracted.text, extracted.title),
        options,
        origin,
        title=extracted.title,
        url=extracted.url or url,
        source=extracted.sitename,
        published=parse_published(extracted.date) or fallback_published,
    )
