"""Every link a reader can follow from the overview, two levels deep, leads to a page."""

from __future__ import annotations

import re
from urllib.parse import unquote, urljoin, urlsplit

import pytest

HREF = re.compile(r'href="([^"]+)"')


def links(page: str, base: str) -> set[str]:
    """The site's own links on a page, without fragments (external links are left alone)."""
    found = set()
    for href in HREF.findall(page):
        href = href.replace("&amp;", "&")
        url = urljoin("http://testserver" + base, href)
        parts = urlsplit(url)
        if parts.netloc != "testserver":
            continue
        found.add(parts.path + (f"?{parts.query}" if parts.query else ""))
    return found


def crawl(client, start: str = "/", depth: int = 2) -> dict[str, int]:
    seen: dict[str, int] = {}
    frontier = {start}
    for _ in range(depth + 1):
        following: set[str] = set()
        for url in sorted(frontier - set(seen)):
            response = client.get(url)
            seen[url] = response.status_code
            if response.headers.get("content-type", "").startswith("text/html"):
                following |= links(response.text, urlsplit(url).path)
        frontier = following
    return seen


@pytest.mark.slow
def test_every_link_two_levels_from_the_overview_works(reader):
    seen = crawl(reader)
    broken = {url: status for url, status in seen.items() if status >= 400}
    assert not broken
    kinds = {unquote(url).split("/")[1].split("?")[0] for url in seen}
    assert {"country", "dyad", "event", "glossary", "docs"} <= kinds
    assert len(seen) > 40


@pytest.mark.slow
def test_every_link_works_for_a_signed_in_reviewer_too(client):
    client.sign_in("rita")
    seen = crawl(client, depth=1)
    assert not {url: status for url, status in seen.items() if status >= 400}
