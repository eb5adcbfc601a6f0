"""The main flows in a real browser: headless Chromium (Debian's package) driven by Playwright.

Skipped with a reason when /usr/bin/chromium or Playwright is missing. Screenshots of each
page go to ``test-artifacts/web/`` so a person can check that the charts render.
"""

from __future__ import annotations

import socket
import threading
import time
from pathlib import Path

import pytest
from web_fixtures import HOSTILE, PASSWORD, build_store

from detente.web import create_app
from detente.web.auth import add_user

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "web"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(),
        reason="needs Debian's chromium at /usr/bin/chromium (apt-get install -y chromium)",
    ),
]
playwright_api = pytest.importorskip("playwright.sync_api", reason="needs Playwright for Python")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """The app served by uvicorn on a loopback port, in a thread of this process."""
    import uvicorn

    store = build_store(tmp_path_factory.mktemp("browser") / "browser.duckdb")
    add_user(store, "rita", PASSWORD, "reviewer")
    port = free_port()
    config = uvicorn.Config(create_app(store), host="127.0.0.1", port=port, log_level="warning")
    instance = uvicorn.Server(config)
    thread = threading.Thread(target=instance.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not instance.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert instance.started, "uvicorn did not start"
    yield f"http://127.0.0.1:{port}", store
    instance.should_exit = True
    thread.join(timeout=10)
    store.close()


@pytest.fixture(scope="module")
def browser():
    with playwright_api.sync_playwright() as p:
        found = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield found
        found.close()


@pytest.fixture
def page(browser):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport={"width": 1100, "height": 900})
    found = context.new_page()
    found.dialogs = []
    found.on("dialog", lambda d: (found.dialogs.append(d.message), d.dismiss()))
    yield found
    context.close()


def chart_points(page) -> str:
    return page.get_attribute("#tie-chart polyline.tie", "points")


def test_overview_to_dyad_to_event_then_correct_and_see_the_chart_change(server, page):
    base, _ = server
    page.goto(base + "/")
    page.screenshot(path=str(ARTIFACTS / "overview.png"), full_page=True)
    page.click("text=PRK–RUS")
    page.wait_for_selector("#tie-chart svg")
    assert page.locator("#tie-chart line.change").count() >= 1
    page.screenshot(path=str(ARTIFACTS / "dyad.png"), full_page=True)
    before = chart_points(page)

    page.locator("table.events a").last.click()  # the earliest event: a January visit
    sentence = page.locator("mark.sentence").first
    assert sentence.is_visible() and "Officials said PRK and RUS" in sentence.inner_text()
    page.screenshot(path=str(ARTIFACTS / "event.png"), full_page=True)
    event_url = page.url

    page.click("text=Sign in")
    page.fill("input[name=name]", "rita")
    page.fill("input[name=password]", PASSWORD)
    page.click("#sign-in")
    page.goto(event_url)
    page.fill("#correct-form input[name=code]", "190")
    page.fill("#correct-form input[name=note]", "the report describes fighting")
    page.click("#correct")
    page.wait_for_selector("text=corrected")
    assert "190" in page.inner_text("h1")
    page.screenshot(path=str(ARTIFACTS / "event-corrected.png"), full_page=True)

    page.click("dl.event a")  # back to the pair
    page.wait_for_selector("#tie-chart svg")
    assert chart_points(page) != before
    page.screenshot(path=str(ARTIFACTS / "dyad-after-correction.png"), full_page=True)


def test_article_markup_shows_as_text_and_actor_cards_open(server, page):
    base, store = server
    article_id = store.scalar("SELECT id FROM articles WHERE url = 'https://example.org/hostile'")
    page.goto(f"{base}/article/{article_id}")
    assert HOSTILE in page.inner_text(".article-text") and page.dialogs == []
    actor = page.locator(".actor").first
    actor.click()
    card = actor.locator(".card")
    assert card.is_visible() and "Russia government (RUSGOV)" in card.inner_text()
    page.screenshot(path=str(ARTIFACTS / "article.png"), full_page=True)
