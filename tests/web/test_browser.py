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
    return " ".join(
        page.get_attribute("#tie-chart svg", "viewBox") and line.get_attribute("points")
        for line in page.locator("#tie-chart polyline.tie").all()
    )


def has_colour(path: Path, colour: str, tolerance: int = 12, least: int = 20) -> bool:
    """Whether a screenshot has at least ``least`` pixels of ``colour`` (#rrggbb)."""
    from PIL import Image

    want = tuple(int(colour[i : i + 2], 16) for i in (1, 3, 5))
    image = Image.open(path).convert("RGB")
    close = sum(
        count
        for count, pixel in image.getcolors(maxcolors=1 << 24)
        if all(abs(a - b) <= tolerance for a, b in zip(pixel, want))
    )
    return close >= least


def shot(page, name: str) -> Path:
    width = page.viewport_size["width"]
    path = ARTIFACTS / f"{name}-{width}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def test_overview_country_pair_evidence_then_sign_in_and_correct(server, page):
    from detente.web.worldmap import COUNT_COLOURS, TIE_BINS

    base, _ = server
    page.set_viewport_size({"width": 1400, "height": 900})
    page.goto(base + "/")
    assert page.locator("#world-map svg").is_visible()
    overview = shot(page, "overview")
    assert any(has_colour(overview, colour) for colour in COUNT_COLOURS)  # the map is drawn

    page.click("table.countries >> text=North Korea (PRK)")
    page.wait_for_selector("#world-map svg")
    country = shot(page, "country")
    assert any(has_colour(country, colour) for _, colour, _ in TIE_BINS)
    assert page.locator("svg.partner-chart rect.bar").count() == 2

    page.click("table.partners >> text=North Korea–Russia")
    page.wait_for_selector("#tie-chart svg")
    assert page.locator("#tie-chart line.change").count() >= 1
    assert has_colour(shot(page, "dyad"), "#1d3557")  # the tie line
    before = chart_points(page)

    page.locator("#tie-chart a text.change-label").first.click()  # the change point's label
    assert "#change-" in page.url
    evidence = page.locator("ol.changes li.evidence").first
    assert evidence.locator("mark.sentence").is_visible()
    evidence.locator("a").first.click()  # the event that drove the change
    sentence = page.locator("mark.sentence").first
    assert sentence.is_visible() and "Officials said" in sentence.inner_text()
    shot(page, "event")
    event_url = page.url

    page.click("text=Sign in")
    page.fill("input[name=name]", "rita")
    page.fill("input[name=password]", PASSWORD)
    page.click("#sign-in")
    page.goto(event_url)
    page.fill("#correct-form input[name=code]", "042")
    page.fill("#correct-form input[name=date_start]", "14/06/2019")
    page.evaluate("document.querySelector('#correct-form').noValidate = true")
    page.click("#correct")  # a date the server refuses: the form keeps what was typed
    assert "Not saved:" in page.inner_text(".error-message")
    assert page.input_value("#correct-form input[name=date_start]") == "14/06/2019"
    page.fill("#correct-form input[name=date_start]", "")
    page.fill("#correct-form input[name=code]", "057")
    page.fill("#correct-form input[name=note]", "the report describes a signed agreement")
    page.click("#correct")
    page.wait_for_selector("p.notice")
    assert "Saved" in page.inner_text("p.notice") and "057" in page.inner_text("h1")
    shot(page, "event-corrected")

    page.click("dl.event a[href^='/dyad/']")  # back to the pair
    page.wait_for_selector("#tie-chart svg")
    assert chart_points(page) != before
    shot(page, "dyad-after-correction")


@pytest.mark.parametrize("path", ["/", "/country/PRK", "/dyad/PRK/RUS", "/glossary"])
def test_pages_fit_a_390_pixel_phone(server, page, path):
    base, _ = server
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(base + path)
    overflow = page.evaluate("document.documentElement.scrollWidth")
    assert overflow <= 390, f"{path} is {overflow} px wide"
    name = path.strip("/").replace("/", "-") or "overview"
    picture = shot(page, f"phone-{name}")
    charts = page.locator("svg.chart")
    if charts.count():
        assert charts.first.is_visible()
        box = charts.first.bounding_box()
        assert box and box["width"] >= 300  # readable: scrolls sideways rather than shrinks
        assert has_colour(picture, "#1d3557") or has_colour(picture, "#e3e3e3")


def test_api_docs_render_offline(server, page):
    """With every request off this machine refused by the browser, both docs pages render."""
    base, _ = server
    left = []

    def local_only(route):
        url = route.request.url
        if url.startswith(base) or url.startswith(("data:", "blob:")):
            route.continue_()
        else:
            left.append((route.request.resource_type, url))
            route.abort()

    page.context.route("**/*", local_only)
    page.goto(base + "/docs")
    page.wait_for_selector(".opblock", timeout=15000)
    assert page.locator(".opblock").count() > 10
    page.goto(base + "/redoc")
    page.wait_for_selector("text=detente", timeout=15000)
    shot(page, "redoc")
    assert not [url for kind, url in left if kind in ("script", "stylesheet", "font")]


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
