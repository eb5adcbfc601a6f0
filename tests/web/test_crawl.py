"""Every link a reader can follow from the overview, two levels deep, leads to a page."""

from __future__ import annotations

import re
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from event_files import GDELT_FILE
from web_fixtures import merged_ids

from detente.datasets import import_files

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
@pytest.mark.parametrize(("name", "pages"), [("rita", {"review"}), ("ada", {"review", "audit"})])
def test_every_link_works_signed_in_too(client, store, name, pages):
    client.sign_in(name)
    client.post(  # one decision, so the audit log has rows and links
        f"/event/{merged_ids(store)[0]}/review",
        data={"action": "confirm", "csrf_token": client.csrf()},
    )
    seen = crawl(client, depth=1)
    assert not {url: status for url, status in seen.items() if status >= 400}
    kinds = {unquote(url).split("/")[1].split("?")[0] for url in seen}
    assert pages <= kinds


@pytest.mark.slow
def test_every_link_of_an_imported_dataset_works(client, store):
    import_files(store, "gdelt", [GDELT_FILE])
    seen = crawl(client, start="/?dataset=gdelt")
    assert not {url: status for url, status in seen.items() if status >= 400}
    assert "/dyad/PRK/USA?dataset=gdelt" in seen
    assert any(url.startswith("/event/gdelt") for url in map(unquote, seen))
