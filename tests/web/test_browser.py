"""The main flows in a real browser: headless Chromium (Debian's package) driven by Playwright.

Skipped with a reason when /usr/bin/chromium or Playwright is missing. Screenshots of each
page, at 1400 and 390 px wide, go to ``test-artifacts/web/``; the maps and charts among them
are checked for their colours, and a person can look at them too.
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
        line.get_attribute("points") for line in page.locator("#tie-chart polyline.tie").all()
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


def shot(page, name: str, selector: str | None = None) -> Path:
    """A screenshot of the whole page, or of one element (a map, a chart) to check its colours
    apart from the page's own (the header shares the tie line's blue)."""
    width = page.viewport_size["width"]
    path = ARTIFACTS / f"{name}-{width}.png"
    if selector:
        page.locator(selector).first.screenshot(path=str(path))
    else:
        page.screenshot(path=str(path), full_page=True)
    return path


def assert_map_drawn(page, name: str, colours) -> None:
    """The map's countries are filled: at least two of the legend's colours are on screen."""
    from detente.web.worldmap import COUNT_COLOURS, TIE_BINS

    known = {"count": COUNT_COLOURS, "tie": [colour for _, colour, _ in TIE_BINS]}[colours]
    picture = shot(page, f"{name}-map", "#world-map svg")
    assert sum(has_colour(picture, colour) for colour in known) >= 2, picture


def assert_chart_drawn(page, name: str) -> None:
    """The tie chart shows its line (and dots) and its event-count bars."""
    picture = shot(page, f"{name}-chart", "#tie-chart svg")
    assert has_colour(picture, "#1d3557") and has_colour(picture, "#a8dadc"), picture


def pair_counts(page, pair: str) -> tuple[str, str]:
    """(cooperation, conflict) of a pair in the overview's table of busiest pairs."""
    row = page.locator("table.pairs tr", has_text=pair)
    cells = row.locator("td").all_inner_texts()
    return cells[3], cells[4]


def test_overview_map_country_pair_evidence_then_sign_in_and_correct(server, page):
    base, _ = server
    page.set_viewport_size({"width": 1400, "height": 900})
    page.goto(base + "/")
    shot(page, "overview")
    assert_map_drawn(page, "overview", "count")
    activity = shot(page, "overview-activity", "#activity-chart svg")
    assert has_colour(activity, "#2a9d8f") and has_colour(activity, "#e63946")  # both kinds
    counts_before = pair_counts(page, "North Korea–Russia")

    page.locator('#world-map a[href="/country/PRK"]').click()  # North Korea on the map
    page.wait_for_url("**/country/PRK")
    shot(page, "country")
    assert_map_drawn(page, "country", "tie")
    assert page.locator("svg.partner-chart > rect.bar").count() == 2  # one per partner

    page.click("table.partners >> text=North Korea–Russia")
    page.wait_for_selector("#tie-chart svg")
    assert page.locator("#tie-chart line.change").count() >= 1
    shot(page, "dyad")
    assert_chart_drawn(page, "dyad")
    before = chart_points(page)

    page.locator("#tie-chart a text.change-label").first.click()  # the change point's label
    assert "#change-" in page.url
    evidence = page.locator("ol.changes li.evidence").first
    assert evidence.locator("mark.sentence").is_visible()
    evidence.locator("a").first.click()  # the event that drove the change
    sentence = page.locator("mark.sentence").first
    assert sentence.is_visible() and "Officials said" in sentence.inner_text()
    assert "conflict" in page.inner_text("dl.event")
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
    page.fill("#correct-form input[name=code]", "057")  # conflict → cooperation
    page.fill("#correct-form input[name=note]", "the report describes a signed agreement")
    page.click("#correct")
    page.wait_for_selector("p.notice")
    assert "Saved" in page.inner_text("p.notice") and "057" in page.inner_text("h1")
    shot(page, "event-corrected")

    page.click("dl.event a[href^='/dyad/']")  # back to the pair
    page.wait_for_selector("#tie-chart svg")
    assert chart_points(page) != before
    assert_chart_drawn(page, "dyad-after-correction")
    page.goto(base + "/")
    cooperation, conflict = pair_counts(page, "North Korea–Russia")
    assert (int(cooperation), int(conflict)) == (
        int(counts_before[0]) + 1,
        int(counts_before[1]) - 1,
    )


PHONE_PAGES = [
    ("/", "count", False),
    ("/country/PRK", "tie", False),
    ("/dyad/PRK/RUS", None, True),
    ("/glossary", None, False),
]


@pytest.mark.parametrize(("path", "world", "chart"), PHONE_PAGES)
def test_pages_fit_a_390_pixel_phone_and_draw_their_map_and_chart(server, page, path, world, chart):
    base, _ = server
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(base + path)
    overflow = page.evaluate("document.documentElement.scrollWidth")
    assert overflow <= 390, f"{path} is {overflow} px wide"
    name = "phone-" + (path.strip("/").replace("/", "-") or "overview")
    shot(page, name)
    if world:
        assert_map_drawn(page, name, world)
    if chart:
        box = page.locator("#tie-chart svg").bounding_box()
        assert box and box["width"] >= 300  # readable: scrolls sideways rather than shrinks
        assert_chart_drawn(page, name)


def test_api_docs_render_offline(server, page):
    """With every request off this machine refused by the browser, both docs pages render."""
    base, _ = server
    left = []

    def local_only(route):
        url = route.request.url
        if url.startswith((base, "data:", "blob:")):
            route.continue_()
        else:
            left.append((route.request.resource_type, url))
            route.abort()

    page.context.route("**/*", local_only)
    page.goto(base + "/docs")
    page.wait_for_selector(".opblock", timeout=15000)
    assert page.locator(".opblock").count() > 10
    page.goto(base + "/redoc")
    page.wait_for_selector("h1:has-text('detente')", timeout=15000)
    shot(page, "redoc")
    assert left == []  # not one request tried to leave the machine


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
