"""The server's read cache: a write drops only the cached reads it changes, and a cached
answer is served as it was first sent."""

from __future__ import annotations

import itertools

import pytest
from web_fixtures import WebClient

from detente.web import create_app
from detente.web.app import MISSING, ReadCache, Reads, Written
from detente.web.auth import create_token

PRK_RUS = Written("detente", frozenset({frozenset({"PRK", "RUS"})}))


def counter():
    """A computation that gives 1, then 2, ...: how many times it ran."""
    calls = itertools.count(1)
    return lambda: next(calls)


def test_a_write_about_a_pair_drops_that_pair_and_its_countries_and_keeps_the_others():
    cache, compute = ReadCache(), counter()
    cache.get("PRK-RUS", compute, Reads.of("detente", "PRK", "RUS"))
    cache.get("CHN-USA", compute, Reads.of("detente", "CHN", "USA"))
    cache.get("PRK", compute, Reads.of("detente", "PRK"))
    cache.get("USA", compute, Reads.of("detente", "USA"))
    cache.get("gdelt PRK-RUS", compute, Reads.of("gdelt", "PRK", "RUS"))
    cache.get("overview", compute)  # says nothing of what it reads

    cache.forget(PRK_RUS)

    kept = {k for k in ("PRK-RUS", "CHN-USA", "PRK", "USA", "gdelt PRK-RUS", "overview")}
    kept = {k for k in kept if cache.peek(k) is not MISSING}
    assert kept == {"CHN-USA", "USA", "gdelt PRK-RUS"}


def test_an_event_with_one_country_drops_that_country_but_no_pair():
    cache, compute = ReadCache(), counter()
    cache.get("PRK-RUS", compute, Reads.of("detente", "PRK", "RUS"))
    cache.get("PRK", compute, Reads.of("detente", "PRK"))
    cache.forget(Written("detente", frozenset({frozenset({"PRK"})})))
    assert cache.peek("PRK-RUS") == 1 and cache.peek("PRK") is MISSING


def test_a_write_that_does_not_say_what_it_changed_drops_everything():
    cache, compute = ReadCache(), counter()
    cache.get("CHN-USA", compute, Reads.of("detente", "CHN", "USA"))
    cache.forget()
    assert cache.peek("CHN-USA") is MISSING


def test_a_value_computed_while_a_write_changed_it_is_answered_but_not_kept():
    cache = ReadCache()

    def during_write(written):
        def compute():
            cache.forget(written)  # committed while the read was running
            return "maybe stale"

        return compute

    assert cache.get("PRK-RUS", during_write(PRK_RUS), Reads.of("detente", "PRK", "RUS")) == (
        "maybe stale"
    )
    assert cache.peek("PRK-RUS") is MISSING
    cache.get("CHN-USA", during_write(PRK_RUS), Reads.of("detente", "CHN", "USA"))
    assert cache.peek("CHN-USA") == "maybe stale"  # that write changed nothing it read


def test_a_value_computed_over_more_writes_than_remembered_is_not_kept():
    cache = ReadCache()

    def compute():
        for _ in range(ReadCache.HISTORY + 1):
            cache.forget(PRK_RUS)
        return 1

    cache.get("CHN-USA", compute, Reads.of("detente", "CHN", "USA"))
    assert cache.peek("CHN-USA") is MISSING


def test_a_cached_answer_is_sent_again_with_the_same_body_and_headers(read_store):
    app = create_app(read_store)
    first = WebClient(app).get("/api/dyads/PRK/RUS?freq=week")
    again = WebClient(app).get("/api/dyads/PRK/RUS?freq=week")  # another new visitor
    assert app.state.cache.answer(("/api/dyads/PRK/RUS", b"freq=week")) == first.content
    assert first.status_code == again.status_code == 200
    assert again.content == first.content
    same = ("content-type", "content-length", "content-security-policy", "x-frame-options")
    assert {h: again.headers[h] for h in same} == {h: first.headers[h] for h in same}
    assert "csrf" in again.headers["set-cookie"]  # a new visitor still gets a nonce


def test_another_query_of_a_cached_pair_is_still_checked(read_store):
    client = WebClient(create_app(read_store))
    assert client.get("/api/dyads/PRK/RUS").status_code == 200
    assert client.get("/api/dyads/PRK/RUS?freq=decade").status_code == 422
    assert client.get("/api/dyads/PRK/RUS?dataset=nosuch").status_code == 422


@pytest.mark.slow
def test_a_submission_about_prk_and_rus_refreshes_their_view_and_keeps_another_pair_cached(
    store,
):
    app = create_app(store)
    client = WebClient(app)
    token = {"Authorization": f"Bearer {create_token(store, 'rita')}"}
    before = client.get("/api/dyads/PRK/RUS").json()
    usa = client.get("/api/dyads/PRK/USA").content
    article = {
        "title": "Lavrov in Pyongyang",
        "text": "Russian Foreign Minister Sergei Lavrov visited North Korea on Tuesday, the "
        "foreign ministry said.",
        "published": "2018-06-01",
    }

    submitted = client.post("/api/articles", json={"articles": [article]}, headers=token)

    assert submitted.status_code == 200 and submitted.json()["new_merged_events"] >= 1
    after = client.get("/api/dyads/PRK/RUS").json()
    # "Tuesday" before Friday 1 June 2018: 29 May, a month before the pair's first until now
    assert after["series"][0]["period"] == "2018-05-01" != before["series"][0]["period"]
    assert app.state.cache.answer(("/api/dyads/PRK/USA", b"")) == usa  # kept across the write
    fresh = WebClient(create_app(store)).get("/api/dyads/PRK/USA").content
    assert client.get("/api/dyads/PRK/USA").content == usa == fresh
    assert client.get("/api/dyads/PRK/RUS").json() == after
