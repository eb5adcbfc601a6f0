"""The bundled demo corpus and its hand-annotated gold: what they promise their readers.

The corpus (``src/detente/samples``) is data that ``detente demo`` ingests; these tests
check that every file is in the shape its format promises, that the corpus spans the
first half of 2019, and that every gold passage is text of the corpus itself.
"""

from __future__ import annotations

import html
import json
import re
import xml.etree.ElementTree as ET
from datetime import date
from importlib import resources
from pathlib import Path

import feedparser
import pytest

from detente.model import MODALITIES

SAMPLES = Path(str(resources.files("detente") / "samples"))
GOLD = Path(__file__).parent / "fixtures" / "gold" / "demo_gold.jsonl"
CODEBOOK = Path(__file__).parents[2] / "shared" / "data" / "cameo" / "cameo-codebook.csv"

FIRST_DAY, LAST_DAY = date(2019, 1, 1), date(2019, 6, 30)
NAME = re.compile(r"^(\d{4}-\d{2}-\d{2})-[a-z0-9]+(?:-[a-z0-9]+)*\.(html|txt)$")
TEXT_HEADER = ("Title", "Date", "Source", "URL")
WIRE_FIELDS = {"id", "title", "published", "source", "url", "text"}


def html_pages() -> list[Path]:
    return sorted(SAMPLES.glob("*.html"))


def text_files() -> list[Path]:
    return sorted(SAMPLES.glob("*.txt"))


def wire_items() -> list[dict]:
    lines = (SAMPLES / "wire.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def feed_entries() -> list:
    return feedparser.parse(str(SAMPLES / "feed.xml")).entries


def parse_page(path: Path) -> ET.Element:
    """The page as an element tree: the pages are written as well-formed XHTML-style HTML."""
    source = path.read_text(encoding="utf-8")
    return ET.fromstring(re.sub(r"^<!DOCTYPE html>\s*", "", source))


def text_file_parts(path: Path) -> tuple[dict[str, str], str]:
    head, _, body = path.read_text(encoding="utf-8").partition("\n\n")
    fields = dict(line.split(": ", 1) for line in head.splitlines())
    return fields, body


def page_story(path: Path) -> str:
    article = parse_page(path).find(".//article")
    assert article is not None
    return " ".join(p.text or "" for p in article.iter("p"))


def corpus_texts() -> list[str]:
    """The reported text of every item, whitespace collapsed."""
    texts = [page_story(p) for p in html_pages()]
    texts += [text_file_parts(p)[1] for p in text_files()]
    texts += [item["text"] for item in wire_items()]
    texts += [html.unescape(re.sub(r"<[^>]+>", " ", e.content[0].value)) for e in feed_entries()]
    return [" ".join(t.split()) for t in texts]


def page_comments(path: Path) -> list[str]:
    root = parse_page(path)
    section = next(s for s in root.iter("section") if s.get("id") == "comments")
    return [" ".join((p.text or "").split()) for p in section.iter("p")]


def gold_documents() -> list[dict]:
    return [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines()]


def test_the_corpus_holds_36_to_45_items_in_four_formats():
    counts = {
        "html": len(html_pages()),
        "txt": len(text_files()),
        "wire": len(wire_items()),
        "feed": len(feed_entries()),
    }
    assert counts == {"html": 15, "txt": 15, "wire": 9, "feed": 4}
    assert 36 <= sum(counts.values()) <= 45


def test_file_names_start_with_the_publication_date():
    for path in html_pages() + text_files():
        assert NAME.match(path.name), path.name


@pytest.mark.parametrize("path", html_pages(), ids=lambda p: p.name)
def test_every_page_is_well_formed_and_carries_its_metadata(path):
    root = parse_page(path)
    metas = {m.get("property") or m.get("name"): m.get("content") for m in root.iter("meta")}
    canonical = [link.get("href") for link in root.iter("link") if link.get("rel") == "canonical"]
    day = date.fromisoformat(metas["article:published_time"][:10])

    assert root.findtext(".//title")
    assert metas["og:site_name"]
    assert day.isoformat() == path.name[:10]
    assert canonical and canonical[0].startswith("https://")
    assert root.find(".//article") is not None


@pytest.mark.parametrize("path", html_pages(), ids=lambda p: p.name)
def test_every_page_wraps_its_story_in_chrome_and_reader_comments(path):
    source = path.read_text(encoding="utf-8")
    for chrome in (
        "cookie-banner",
        "main-nav",
        "Print",
        "Share",
        "Dictionary",
        "Sign in",
        "Related stories",
        "site-footer",
    ):
        assert chrome in source, chrome
    assert len(page_comments(path)) >= 3


@pytest.mark.parametrize("path", text_files(), ids=lambda p: p.name)
def test_every_text_file_opens_with_a_header_block(path):
    fields, body = text_file_parts(path)
    assert tuple(fields) == TEXT_HEADER
    assert fields["Date"] == path.name[:10]
    assert fields["URL"].startswith("https://")
    assert len(body.split()) > 25


def test_every_wire_item_has_the_record_fields_and_a_unique_id():
    items = wire_items()
    assert all(set(item) == WIRE_FIELDS for item in items)
    assert len({item["id"] for item in items}) == len(items)


def test_the_feed_parses_cleanly_with_full_text_in_each_item():
    parsed = feedparser.parse(str(SAMPLES / "feed.xml"))
    assert not parsed.bozo
    assert 3 <= len(parsed.entries) <= 4
    assert all(e.title and e.link and e.published_parsed and e.content for e in parsed.entries)


def test_publication_dates_run_from_january_to_june_2019():
    days = [date.fromisoformat(p.name[:10]) for p in html_pages() + text_files()]
    days += [date.fromisoformat(item["published"][:10]) for item in wire_items()]
    days += [date(*e.published_parsed[:3]) for e in feed_entries()]
    assert all(FIRST_DAY <= d <= LAST_DAY for d in days)
    assert {d.month for d in days} == {1, 2, 3, 4, 5, 6}


def test_the_gold_holds_40_to_60_annotated_passages_with_unique_ids():
    docs = gold_documents()
    assert 40 <= len(docs) <= 60
    assert len({d["id"] for d in docs}) == len(docs)
    assert sum(1 for d in docs if not d["events"]) >= 5, "passages with no event test precision"


@pytest.mark.parametrize("doc", gold_documents(), ids=lambda d: d["id"])
def test_every_gold_event_is_complete_and_dated_no_later_than_the_news_allows(doc):
    published = date.fromisoformat(doc["published"])
    assert FIRST_DAY <= published <= LAST_DAY
    for event in doc["events"]:
        codes = event["code"] if isinstance(event["code"], list) else [event["code"]]
        assert all(re.fullmatch(r"\d{2,4}", c) for c in codes)
        assert event["modality"] in MODALITIES
        assert isinstance(event["symmetric"], bool)
        when = event.get("date")
        if when and event["modality"] == "asserted":
            assert when <= doc["published"], "an asserted event cannot postdate its report"
    for bad in doc["forbidden"]:
        assert {"source", "target", "code"} <= set(bad)


def test_every_gold_passage_is_text_of_the_corpus():
    corpus = corpus_texts()
    comments = [c for page in html_pages() for c in page_comments(page)]
    for doc in gold_documents():
        text = " ".join(doc["text"].split())
        assert any(text in t for t in corpus) or any(text in c for c in comments), doc["id"]


def test_every_gold_code_is_in_the_cameo_codebook():
    if not CODEBOOK.is_file():
        pytest.skip(f"CAMEO codebook not found at {CODEBOOK} (../shared is absent)")
    known = {line.split(",", 1)[0] for line in CODEBOOK.read_text(encoding="utf-8").splitlines()}
    for doc in gold_documents():
        for event in doc["events"] + doc["forbidden"]:
            codes = event["code"] if isinstance(event["code"], list) else [event["code"]]
            assert set(codes) <= known, (doc["id"], codes)
