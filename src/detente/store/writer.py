"""Turning coded articles into rows and writing them, one atomic batch at a time.

Rows go in through Arrow tables (one INSERT per table per batch), which keeps a
batch of hundreds of events to a handful of statements.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

import pyarrow as pa

from ..model import Actor, CodedArticle, Event
from .database import Store, utcnow

if TYPE_CHECKING:
    from ..actors import RegistryEntry

ACTOR_FIELDS = ("text", "code", "country", "sector", "name", "title", "start", "end")


@dataclass(frozen=True)
class BatchResult:
    new_articles: int
    duplicates: int
    events: int


def event_id(article_id: str, event: Event) -> str:
    """Stable identity of an event: its article, trigger, participants and code."""
    parts = [
        article_id,
        str(event.trigger_span),
        str(event.source.span),
        str(event.target.span if event.target else None),
        event.code,
    ]
    return hashlib.sha256("|".join(parts).encode("utf-8")).hexdigest()[:24]


def existing_article_ids(store: Store, ids: Sequence[str]) -> set[str]:
    if not ids:
        return set()
    rows = store.query("SELECT id FROM articles WHERE list_contains(?, id)", [list(ids)])
    return {r["id"] for r in rows}


T = TypeVar("T")


def not_yet_stored(store: Store, items: Sequence[T], article_id: Callable[[T], str]) -> list[T]:
    """The items whose article is neither in the store nor earlier in ``items``."""
    known = existing_article_ids(store, [article_id(item) for item in items])
    fresh: list[T] = []
    for item in items:
        key = article_id(item)
        if key not in known:
            known.add(key)
            fresh.append(item)
    return fresh


def write_batch(
    store: Store,
    batch: Iterable[CodedArticle],
    pipeline_version: str,
    learned: Iterable[RegistryEntry] = (),
) -> BatchResult:
    """Store new articles with their events in one transaction; skip those already stored."""
    batch = list(batch)
    fresh = not_yet_stored(store, batch, lambda coded: coded.article.id)
    now = utcnow()
    tables = rows_for(fresh, pipeline_version, now)
    learned = list(learned)
    with store.transaction() as con:
        for name, rows in tables.items():
            insert_rows(con, name, rows)
        if learned:
            upsert_actors(con, learned, now)
    return BatchResult(
        new_articles=len(fresh),
        duplicates=len(batch) - len(fresh),
        events=len(tables["events"]),
    )


def insert_rows(con, table: str, rows: list[dict[str, Any]], replace: bool = False) -> None:
    """Insert row dicts into ``table`` by column name, as one Arrow table (inside the caller's
    transaction); with ``replace``, a row whose key is already there replaces it."""
    if not rows:
        return
    verb = "INSERT OR REPLACE" if replace else "INSERT"
    con.register("_batch_rows", pa.Table.from_pylist(rows))
    try:
        con.execute(f"{verb} INTO {table} BY NAME SELECT * FROM _batch_rows")
    finally:
        con.unregister("_batch_rows")


def rows_for(batch: list[CodedArticle], pipeline_version: str, now) -> dict[str, list[dict]]:
    tables: dict[str, list[dict[str, Any]]] = {
        "articles": [],
        "events": [],
        "event_evidence": [],
        "mentions": [],
    }
    for coded in batch:
        article = coded.article
        tables["articles"].append(
            {
                "id": article.id,
                "url": article.url,
                "title": article.title,
                "source": article.source,
                "published": article.published,
                "language": article.language,
                "text": article.text,
                "content_hash": article.content_hash,
                "origin": article.origin,
                "record_id": article.record_id,
                "ingested_at": now,
                "pipeline_version": pipeline_version,
                "event_count": len(coded.events),
                "warnings": list(coded.warnings),
            }
        )
        ids: set[str] = set()
        for ordinal, event in enumerate(coded.events):
            eid = event_id(article.id, event)
            if eid in ids:  # the same event coded twice from one sentence: keep one
                continue
            ids.add(eid)
            tables["events"].append(_event_row(eid, ordinal, coded, event, pipeline_version))
            tables["event_evidence"].append(
                {
                    "event_id": eid,
                    "article_id": article.id,
                    "sentence_index": event.sentence_index,
                    "sentence_start": event.span[0],
                    "sentence_end": event.span[1],
                    "trigger_start": event.trigger_span[0],
                    "trigger_end": event.trigger_span[1],
                    "sentence": event.sentence,
                }
            )
        for mention in coded.mentions:
            actor = mention.actor
            tables["mentions"].append(
                {
                    "article_id": article.id,
                    "sentence_index": mention.sentence_index,
                    "start_char": actor.span[0] if actor.span else None,
                    "end_char": actor.span[1] if actor.span else None,
                    "text": actor.text,
                    "code": actor.code,
                    "country": actor.country,
                    "sector": actor.sector,
                    "name": actor.name,
                }
            )
    return tables


def _actor_columns(prefix: str, actor: Actor | None) -> dict[str, Any]:
    if actor is None:
        return {f"{prefix}_{f}": None for f in ACTOR_FIELDS}
    return {
        f"{prefix}_text": actor.text,
        f"{prefix}_code": actor.code,
        f"{prefix}_country": actor.country,
        f"{prefix}_sector": actor.sector,
        f"{prefix}_name": actor.name,
        f"{prefix}_title": actor.title,
        f"{prefix}_start": actor.span[0] if actor.span else None,
        f"{prefix}_end": actor.span[1] if actor.span else None,
    }


def _event_row(
    eid: str, ordinal: int, coded: CodedArticle, event: Event, version: str
) -> dict[str, Any]:
    reporter = event.reported_by
    return {
        "id": eid,
        "article_id": coded.article.id,
        "ordinal": ordinal,
        "code": event.code,
        "root": event.root,
        "name": event.name,
        "plover": event.plover,
        "plover_mode": event.plover_mode,
        "quad_class": event.quad_class,
        "goldstein": event.goldstein,
        "modality": event.modality,
        **_actor_columns("source", event.source),
        **_actor_columns("target", event.target),
        "location_text": event.location.text if event.location else None,
        "location_country": event.location.country if event.location else None,
        "date_start": event.date.start,
        "date_end": event.date.end,
        "date_precision": event.date.precision,
        "date_text": event.date.text,
        "reported_by_text": reporter.text if reporter else None,
        "reported_by_code": reporter.code if reporter else None,
        "reported_by_country": reporter.country if reporter else None,
        "report_date": event.report_date,
        "report_lag_days": event.report_lag_days,
        "published": coded.article.published,
        "outlet": coded.article.source,
        "trigger": event.trigger,
        "confidence": event.confidence,
        "pipeline_version": version,
    }


def actor_key(entry: RegistryEntry) -> str:
    """One registry row per name and validity start: a dictionary may give one name several
    dated codes (a minister, later a president)."""
    return f"{entry.name}|{entry.valid_from.isoformat() if entry.valid_from else ''}"


# The columns of an ``actors`` row that a registry entry fills.
ACTOR_COLUMNS = (
    "name",
    "aliases",
    "country",
    "sector",
    "code",
    "title",
    "first_seen",
    "last_seen",
    "valid_from",
    "valid_to",
    "origin",
)


def upsert_actors(con, entries: Iterable[RegistryEntry], now) -> None:
    """Insert or refresh registry entries; a user's own corrections are never overwritten."""
    for entry in entries:
        record = entry.to_record()
        con.execute(
            """
            INSERT INTO actors (key, name, aliases, country, sector, code, title, first_seen, last_seen,
                                valid_from, valid_to, origin, updated_at)
            VALUES ($key, $name, $aliases, $country, $sector, $code, $title, $first_seen, $last_seen,
                    $valid_from, $valid_to, $origin, $now)
            ON CONFLICT (key) DO UPDATE SET
                aliases = list_distinct(list_concat(actors.aliases, excluded.aliases)),
                first_seen = least(actors.first_seen, excluded.first_seen),
                last_seen = greatest(actors.last_seen, excluded.last_seen),
                updated_at = excluded.updated_at
            WHERE actors.origin <> 'user'
            """,
            {
                **{k: record.get(k) for k in ACTOR_COLUMNS},
                "aliases": list(record.get("aliases") or []),
                "now": now,
                "key": actor_key(entry),
            },
        )
