"""Helpers of the web tests: a small store for the web tests, and an in-process client (httpx ASGI transport).

The store tells a short 2019: North Korea and Russia meet and visit each other through
the spring, then Russia criticises North Korea in the summer; the United States and North
Korea trade threats. One article carries hostile markup in its text and an actor's name.
"""

from __future__ import annotations

import asyncio
from dataclasses import replace
from datetime import date, timedelta

import httpx
from factories import coded, event

from detente.events.ontology import lookup
from detente.model import Actor, Mention
from detente.store import Store, write_batch
from detente.ties import merge_new_events

PASSWORD = "correct horse battery"
HOSTILE = "<script>alert('x')</script>"


def _story(source: str, target: str, code: str, day: date, n: int, outlet: str = "Test Wire"):
    entry = lookup(code)
    text = f"Report {n}. Officials said {source} and {target} met on {day:%d %B %Y}. Nothing else."
    start = text.index("Officials")
    trigger = text.index("met")
    ev = replace(
        event(source, target, code, start=day, sentence=text[start:], trigger_at=trigger),
        name=entry.name,
        quad_class=entry.quad_class,
        goldstein=entry.goldstein,
        span=(start, len(text)),
        trigger="met",
        trigger_span=(trigger, trigger + 3),
    )
    return coded(text, ev, source=outlet, published=day + timedelta(days=1))


def story_2019() -> list:
    batch, n = [], 0
    day = date(2019, 1, 7)
    while day < date(2019, 10, 1):
        summer = day >= date(2019, 6, 1)
        batch.append(_story("PRK", "RUS", "111" if summer else "042", day, n))
        batch.append(
            _story("RUS", "PRK", "112" if summer else "036", day + timedelta(days=2), n + 1)
        )
        batch.append(
            _story("USA", "PRK", "130", day + timedelta(days=3), n + 2, outlet="Other Wire")
        )
        n += 3
        day += timedelta(days=14)
    return batch


def hostile_article():
    text = f"Moscow. {HOSTILE} Russia's envoy visited North Korea on Thursday."
    start = text.index("Russia")
    trigger = text.index("visited")
    ev = replace(
        event(
            "RUS", "PRK", "042", start=date(2019, 3, 14), sentence=text[start:], trigger_at=trigger
        ),
        span=(start, len(text)),
        trigger_span=(trigger, trigger + 7),
        source=Actor(
            text=f"Russia's envoy {HOSTILE}",
            code="RUSGOV",
            country="RUS",
            sector="GOV",
            name=f"Envoy {HOSTILE}",
            span=(start, start + 14),
        ),
    )
    item = coded(text, ev, published=date(2019, 3, 15), url="https://example.org/hostile")
    item = replace(item.article, title=f"Envoy {HOSTILE}")
    result = coded(text, ev, published=date(2019, 3, 15), url="https://example.org/hostile")
    result.article = item
    result.mentions = [
        Mention(
            Actor(
                text="Russia's envoy",
                code="RUSGOV",
                country="RUS",
                sector="GOV",
                name=f"Envoy {HOSTILE}",
                span=(start, start + 14),
            ),
            0,
        )
    ]
    return result


def build_store(path) -> Store:
    store = Store(path)
    write_batch(store, [*story_2019(), hostile_article()], "test")
    merge_new_events(store)
    with store.transaction() as con:
        con.execute(
            "INSERT INTO actors VALUES (?, ?, ?, 'RUS', 'GOV', 'RUSGOV', 'Envoy', "
            "'2019-03-14', '2019-03-14', NULL, NULL, 'learned', now())",
            [f"Envoy {HOSTILE}|", f"Envoy {HOSTILE}", ["the envoy"]],
        )
    return store


class WebClient:
    """A synchronous face on ``httpx.AsyncClient`` over the ASGI app, keeping cookies."""

    def __init__(self, app, raise_app_exceptions: bool = True) -> None:
        self.app = app
        self.cookies = httpx.Cookies()
        self.raise_app_exceptions = raise_app_exceptions  # False: see the 500 a browser gets

    def request(self, method: str, url: str, **kwargs) -> httpx.Response:
        async def go():
            transport = httpx.ASGITransport(
                app=self.app,
                client=("127.0.0.1", 5000),
                raise_app_exceptions=self.raise_app_exceptions,
            )
            async with httpx.AsyncClient(
                transport=transport, base_url="http://testserver", cookies=self.cookies
            ) as client:
                response = await client.request(method, url, **kwargs)
                self.cookies.update(client.cookies)
                return response

        return asyncio.run(go())

    def get(self, url: str, **kwargs) -> httpx.Response:
        return self.request("GET", url, **kwargs)

    def post(self, url: str, **kwargs) -> httpx.Response:
        return self.request("POST", url, **kwargs)

    def csrf(self) -> str:
        """The CSRF token a page would embed in its forms."""
        page = self.get("/login").text
        marker = 'name="csrf_token" value="'
        return page.split(marker, 1)[1].split('"', 1)[0]

    def sign_in(self, name: str, password: str = PASSWORD) -> httpx.Response:
        return self.post(
            "/login",
            data={"name": name, "password": password, "csrf_token": self.csrf(), "next": "/"},
        )


def merged_ids(store: Store, a: str = "PRK", b: str = "RUS") -> list[str]:
    return [
        r["id"]
        for r in store.query(
            "SELECT id FROM merged_events WHERE country_a = ? AND country_b = ? ORDER BY series_date, id",
            sorted([a, b]),
        )
    ]
