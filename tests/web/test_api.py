"""The JSON API: every read endpoint, its filters, pagination and errors."""

from __future__ import annotations

from web_fixtures import HOSTILE, merged_ids

from detente.store.migrations import LATEST_VERSION


def test_stats_give_the_store_size(reader):
    body = reader.get("/api/stats").json()
    assert body["articles"] == 61 and body["events"] == 61
    assert (
        body["merged_events"] == 61
        and body["reviews"] == 0
        and body["schema_version"] == LATEST_VERSION
    )


def test_events_are_paginated_with_total_and_next_offset(reader):
    first = reader.get("/api/events", params={"limit": 25}).json()
    last = reader.get("/api/events", params={"limit": 25, "offset": 50}).json()
    assert first["total"] == 61 and len(first["items"]) == 25 and first["next_offset"] == 25
    assert len(last["items"]) == 11 and last["next_offset"] is None
    assert not {e["id"] for e in first["items"]} & {e["id"] for e in last["items"]}


def test_events_filter_by_dyad_country_names_quad_and_dates(reader):
    dyad = reader.get("/api/events", params={"dyad": "Russia,PRK", "limit": 500}).json()
    assert dyad["total"] == 41
    conflict = reader.get(
        "/api/events", params={"dyad": "PRK,RUS", "quad": 3, "since": "2019-06-01", "limit": 500}
    ).json()
    assert conflict["total"] == 18
    assert all(
        e["code"] in ("111", "112") and e["date_start"] >= "2019-06-01" for e in conflict["items"]
    )
    usa = reader.get("/api/events", params={"country": "United States", "code": "13"}).json()
    assert usa["total"] == 20 and {e["merged_id"] is not None for e in usa["items"]} == {True}


def test_events_sort_newest_first(reader):
    items = reader.get(
        "/api/events", params={"sort": "event_date", "desc": "true", "limit": 3}
    ).json()["items"]
    assert [e["date_start"] for e in items] == sorted(
        (e["date_start"] for e in items), reverse=True
    )


def test_bad_filters_get_a_422_with_a_clear_message(reader):
    cases = {
        "/api/events?quad=7": "quad",
        "/api/events?modality=rumoured": "modality",
        "/api/events?code=4x": "CAMEO code",
        "/api/events?country=Atlantis": "not a country",
        "/api/events?since=yesterday": "since",
        "/api/events?limit=0": "limit",
        "/api/events?dyad=PRK": "two countries",
        "/api/events?sort=random": "sort: Input should be",
        "/api/dyads/PRK/PRK": "two different countries",
        "/api/dyads/PRK/RUS?freq=fortnight": "freq",
        "/api/dyads/PRK/RUS?since=2019-09-01&until=2019-01-01": "after it ends",
    }
    for url, words in cases.items():
        response = reader.get(url)
        assert response.status_code == 422, url
        assert words in response.json()["error"], (url, response.json())


def test_a_merged_event_comes_with_every_report_and_its_sentence(reader, read_store):
    merged = merged_ids(read_store)[0]
    body = reader.get(f"/api/events/{merged}").json()
    assert body["event"]["id"] == merged and body["event"]["review_status"] == "machine"
    assert len(body["reports"]) == 1
    marked = [p for p in body["reports"][0]["context"] if p["kind"] in ("sentence", "trigger")]
    assert "".join(p["text"] for p in marked).startswith("Officials said PRK and RUS met")
    assert reader.get("/api/events/nope").status_code == 404


def test_dyad_series_counts_periods_ties_and_change_points(reader):
    body = reader.get("/api/dyads/PRK/RUS", params={"freq": "month"}).json()
    assert [row["period"] for row in body["series"]][:2] == ["2019-01-01", "2019-02-01"]
    assert body["series"][0]["tie"] > 0.5 and body["series"][-1]["tie"] < -0.4
    assert [c["direction"] for c in body["changes"]] == ["cooling"]
    assert body["changes"][0]["date"] in ("2019-06-01", "2019-07-01")
    filtered = reader.get("/api/dyads/PRK/RUS", params={"quad": 3}).json()
    assert {e["quad_class"] for e in filtered["events"]} == {3}


def test_partners_and_shifts_of_a_country(reader):
    partners = reader.get("/api/countries/PRK/partners").json()["items"]
    assert [p["partner"] for p in partners] == ["RUS", "USA"]
    shifts = reader.get(
        "/api/countries/North Korea/shifts", params={"around": "2019-06-01", "window": 120}
    ).json()
    rus = next(s for s in shifts["items"] if s["partner"] == "RUS")
    assert shifts["kind"] == "shifts" and rus["direction"] == "cooling"
    points = reader.get("/api/countries/PRK/shifts").json()
    assert points["kind"] == "change_points"


def test_actors_search_and_one_actor(reader):
    found = reader.get("/api/actors", params={"search": "envoy"}).json()["items"]
    assert [a["name"] for a in found] == [f"Envoy {HOSTILE}"]
    one = reader.get(f"/api/actors/Envoy {HOSTILE}").json()
    assert one["actor"]["aliases"] == ["the envoy"] and len(one["events"]) == 1
    assert reader.get("/api/actors/Nobody").status_code == 404


def test_articles_list_and_one_article_with_text(reader):
    found = reader.get("/api/articles", params={"search": "hostile"}).json()["items"]
    assert len(found) == 1
    article = reader.get(f"/api/articles/{found[0]['id']}").json()
    assert HOSTILE in article["text"] and article["events"][0]["code"] == "042"
    assert article["mentions"][0]["code"] == "RUSGOV"


def test_search_finds_countries_actors_and_articles(reader):
    body = reader.get("/api/search", params={"q": "Russia"}).json()
    assert body["countries"] == ["RUS"]
    assert reader.get("/api/search", params={"q": "Envoy"}).json()["articles"]


def test_openapi_documents_the_api(reader):
    paths = reader.get("/openapi.json").json()["paths"]
    assert {
        "/api/events",
        "/api/events/{merged_id}",
        "/api/dyads/{a}/{b}",
        "/api/articles",
        "/api/events/{merged_id}/review",
        "/api/reviews",
        "/api/audit",
    } <= set(paths)
    assert reader.get("/docs").status_code == 200


def test_every_answer_and_every_error_has_a_declared_schema(reader):
    """What each operation answers is a named model (its fields typed), and its errors are
    the one error shape the app sends."""
    paths = reader.get("/openapi.json").json()["paths"]
    for path, operations in paths.items():
        for method, operation in operations.items():
            ok = operation["responses"]["200"]["content"]["application/json"]["schema"]
            assert "$ref" in ok, f"{method} {path} answers an undeclared shape"
            for status in ("422", "500"):
                error = operation["responses"][status]["content"]["application/json"]
                assert error["schema"] == {"$ref": "#/components/schemas/ErrorOut"}, (path, status)
