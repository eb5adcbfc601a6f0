"""A bounded load while articles are being ingested through the server: no errors, no lost writes."""

from __future__ import annotations

import asyncio

import httpx
import pytest

from detente.web import create_app
from detente.web.auth import create_token

READERS = 8
READS_EACH = 25
SUBMISSIONS = 6


def article(i: int) -> dict:
    return {
        "title": f"Talks {i}",
        "text": f"Russian Deputy Foreign Minister Igor Morgulov met North Korea's vice foreign minister "
        f"in Moscow on Thursday, the ministry said in statement number {i}.",
        "source": "Load Wire",
        "published": f"2019-04-{10 + i:02d}",
    }


@pytest.mark.slow
def test_reads_and_concurrent_ingest_all_succeed_and_every_article_is_stored(store):
    app = create_app(store)
    token = create_token(store, "rita")
    before = store.scalar("SELECT count(*) FROM articles")

    async def scenario() -> list[int]:
        transport = httpx.ASGITransport(app=app, client=("127.0.0.1", 5000))
        async with httpx.AsyncClient(
            transport=transport, base_url="http://testserver", timeout=120
        ) as client:

            async def reader() -> list[int]:
                return [
                    (await client.get("/api/dyads/PRK/RUS")).status_code for _ in range(READS_EACH)
                ]

            async def writer(i: int) -> list[int]:
                response = await client.post(
                    "/api/articles",
                    json={"articles": [article(i)]},
                    headers={"Authorization": f"Bearer {token}"},
                )
                return [response.status_code]

            results = await asyncio.gather(
                *(reader() for _ in range(READERS)), *(writer(i) for i in range(SUBMISSIONS))
            )
            return [code for codes in results for code in codes]

    statuses = asyncio.run(scenario())
    assert len(statuses) == READERS * READS_EACH + SUBMISSIONS
    assert set(statuses) == {200}
    assert store.scalar("SELECT count(*) FROM articles") == before + SUBMISSIONS
    assert (
        store.scalar("SELECT count(*) FROM articles WHERE source = 'Load Wire' AND event_count > 0")
        == SUBMISSIONS
    )
