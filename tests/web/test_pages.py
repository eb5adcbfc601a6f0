"""Server-rendered pages: what they show, that untrusted text is escaped, and the headers."""

from __future__ import annotations

from web_fixtures import HOSTILE, merged_ids

ESCAPED = "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"


def hostile_article_id(store) -> str:
    return store.scalar("SELECT id FROM articles WHERE url = 'https://example.org/hostile'")


def test_overview_shows_size_busiest_pairs_and_shifts(reader):
    page = reader.get("/").text
    assert "<b>61</b> articles" in page
    assert (
        'href="/dyad/PRK/RUS" title="North Korea (PRK) and Russia (RUS)">North Korea–Russia</a>'
        in page
    )
    assert "cooling" in page


def test_dyad_page_draws_the_tie_chart_with_change_points_inline(reader):
    page = reader.get("/dyad/PRK/RUS").text
    assert '<svg class="chart tie-chart"' in page and '<polyline class="tie" points="' in page
    assert 'class="change cooling"' in page
    assert page.count('<tr class="quad') == 41


def test_dyad_page_filters_by_quad_modality_and_date(reader):
    page = reader.get(
        "/dyad/PRK/RUS", params={"quad": "1", "since": "2019-03-01", "until": "2019-04-30"}
    ).text
    assert page.count('<tr class="quad1"') == 10 and 'class="quad3"' not in page
    bad = reader.get("/dyad/PRK/RUS", params={"since": "March"})
    assert bad.status_code == 422 and "not a date" in bad.text and "<h1>Error 422</h1>" in bad.text


def test_country_page_ranks_partners_with_a_bar_chart(reader):
    page = reader.get("/country/North Korea").text
    assert '<svg class="chart partner-chart"' in page
    assert page.index('href="/dyad/PRK/RUS"') < page.index('href="/dyad/PRK/USA"')


def test_event_page_highlights_the_sentence_in_its_article(reader, read_store):
    page = reader.get(f"/event/{merged_ids(read_store)[0]}").text
    assert '<mark class="sentence">Officials said PRK and RUS </mark>' in page
    assert '<mark class="sentence trigger">met</mark>' in page
    assert "Make a visit" in page and "(dated to the day)" in page
    assert "verbal cooperation" in page and "North Korea (PRK)" in page


def test_article_page_marks_actors_and_events_and_escapes_markup(reader, read_store):
    page = reader.get(f"/article/{hostile_article_id(read_store)}").text
    assert HOSTILE not in page and ESCAPED in page
    assert '<span class="actor" tabindex="0" data-code="RUSGOV">Russia&#39;s envoy' in page
    assert 'class="trigger"' in page and ">visited</a>" in page
    assert "Russia government (RUSGOV)" in page


def test_actor_and_search_pages_escape_names(reader):
    actor = reader.get(f"/actor/Envoy {HOSTILE}").text
    assert HOSTILE not in actor and "Envoy " + ESCAPED in actor
    found = reader.get("/search", params={"q": HOSTILE}).text
    assert HOSTILE not in found and ESCAPED in found
    envoy = reader.get("/search", params={"q": "envoy"}).text
    assert "Envoy " + ESCAPED in envoy


def test_missing_pages_are_404_pages(reader):
    response = reader.get("/event/nope")
    assert response.status_code == 404 and "<h1>Error 404</h1>" in response.text
    assert reader.get("/country/Atlantis").status_code == 422


def test_pages_forbid_inline_scripts_and_framing(reader):
    response = reader.get("/")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    assert response.headers["x-frame-options"] == "DENY"
    assert response.headers["x-content-type-options"] == "nosniff"


def test_assets_are_served_from_the_package(reader):
    css = reader.get("/static/detente.css")
    assert css.status_code == 200 and ".chart" in css.text
    assert reader.get("/static/detente.js").status_code == 200
    page = reader.get("/").text
    assert "http://" not in page.split("<main>")[0] and "https://" not in page.split("<main>")[0]


def test_the_read_cache_computes_once_and_forgets_on_write():
    from detente.web.app import ReadCache

    cache, calls = ReadCache(size=2), []
    compute = lambda: calls.append(1) or len(calls)
    assert cache.get("a", compute) == 1 and cache.get("a", compute) == 1
    cache.clear()
    assert cache.get("a", compute) == 2
    cache.get("b", compute), cache.get("c", compute)
    assert len(calls) == 4 and cache.get("a", compute) == 5  # the oldest entry was evicted


def test_article_links_only_to_web_addresses(client, store):
    from factories import coded

    from detente.store import write_batch

    bad = coded("Seoul. Nothing happened today.", url="javascript:alert(1)")
    write_batch(store, [bad], "test")
    page = client.get(f"/article/{bad.article.id}").text
    assert "javascript:" not in page
    good = client.get(f"/article/{hostile_article_id(store)}").text
    assert 'href="https://example.org/hostile"' in good


def test_signed_in_users_create_api_tokens_for_themselves(client, store):
    client.sign_in("vera")
    response = client.post(
        "/api/tokens", json={"label": "notebook"}, headers={"X-CSRF-Token": client.csrf()}
    )
    token = response.json()["token"]
    assert response.status_code == 200 and token.startswith("dt_")
    script_view = client.get("/api/me", headers={"Authorization": f"Bearer {token}"}).json()
    assert script_view == {"user": "vera", "role": "viewer"}
