"""What the pages and the JSON API show, gathered once: one implementation, two thin callers.

Every function takes the :class:`~detente.store.Store` and returns plain dicts and lists
(dates as ``date`` objects); the API serialises them, the templates render them.
Counts and charts use the reviewed events (:mod:`.review`) unless told otherwise.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date
from typing import Any

import pandas as pd

from ..actors import lookup_country
from ..errors import QueryError
from ..registry_store import list_actors
from ..store import Store
from ..store.queries import (
    EventFilter,
    actor_codes_seen,
    check_modality,
    check_quad_class,
    codes_in_use,
    list_events,
    named_in_mentions,
    period_clauses,
    store_stats,
)
from ..ties import reports_of
from ..ties.evidence import dataset_rows_of
from ..ties.series import COUNTED, DETENTE, MACHINE, Source, dataset_clause
from .review import audit_log, current_row, table_for

CONTEXT_CHARS = 280


class NotFound(LookupError):
    """A page or record that does not exist (turned into a 404 at the edge)."""


def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """DataFrame rows as plain dicts: NaN → None, timestamps → dates, numpy → Python, also
    inside nested lists of dicts (a change point's events)."""
    return [{key: _plain(value) for key, value in row.items()} for row in frame.to_dict("records")]


def _plain(value: Any) -> Any:
    if value is pd.NaT:
        return None
    if isinstance(value, pd.Timestamp):
        return value.date()
    if hasattr(value, "tolist"):
        value = value.tolist()
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


def country(value: str) -> str:
    code = lookup_country(value or "")
    if not code:
        raise QueryError(
            f"{value!r} is not a country detente knows; use an ISO alpha-3 code "
            "such as PRK or a country name."
        )
    return code


# -- events -----------------------------------------------------------------------------------
def events_page(
    store: Store, flt: EventFilter, sort: str, descending: bool, limit: int, offset: int
) -> dict[str, Any]:
    """One page of event reports matching ``flt``, with the total and each report's review."""
    where, params = flt.where()
    total = int(store.scalar(f"SELECT count(*) FROM event_reports WHERE {where}", params) or 0)
    items = list_events(store, flt, sort=sort, descending=descending, limit=limit, offset=offset)
    return page_of(store, items, total, limit, offset)


def page_of(
    store: Store, items: list[dict[str, Any]], total: int, limit: int, offset: int
) -> dict[str, Any]:
    """A page of event reports (or imported rows), each with its merged event and review."""
    ids = [item["id"] for item in items]
    reviews = (
        {
            r["event_id"]: r
            for r in store.query(
                "SELECT m.event_id, m.merged_id, coalesce(r.status, 'machine') AS review_status "
                "FROM event_merge m LEFT JOIN event_reviews r ON r.merged_id = m.merged_id "
                "WHERE list_contains(?, m.event_id)",
                [ids],
            )
        }
        if ids
        else {}
    )
    for item in items:
        review = reviews.get(item["id"], {})
        # an imported row carries its merged event itself (dataset_events.merged_id)
        item["merged_id"] = review.get("merged_id") or item.get("merged_id")
        item["review_status"] = review.get("review_status", "machine")
    following = offset + limit if offset + limit < total else None
    return {
        "total": total,
        "limit": limit,
        "offset": offset,
        "next_offset": following,
        "items": items,
    }


@dataclass(frozen=True)
class MergedFilter:
    """Which merged events a dyad timeline shows."""

    a: str
    b: str
    quad_class: int | None = None
    modality: str | None = None
    since: date | None = None
    until: date | None = None
    dataset: str = DETENTE

    def where(self, source: Source = MACHINE) -> tuple[str, list[Any]]:
        """SQL selecting the pair's merged events in ``source`` (with its parameters)."""
        pair, params = source.pair(self.a, self.b, directed=False)
        clauses = [pair]
        if self.quad_class is not None:
            clauses.append("quad_class = ?")
            params.append(check_quad_class(self.quad_class))
        if self.modality:
            clauses.append("modality = ?")
            params.append(check_modality(self.modality))
        if self.since and self.until and self.since > self.until:
            raise QueryError(f"the period starts ({self.since}) after it ends ({self.until}).")
        in_period, period_params = period_clauses("series_date", self.since, self.until)
        clauses += in_period
        params += period_params
        return " AND ".join(clauses), params


def merged_timeline(
    store: Store, flt: MergedFilter, limit: int = 200, offset: int = 0, include_reviews: bool = True
) -> list[dict[str, Any]]:
    where, params = flt.where(COUNTED if include_reviews else MACHINE)
    source = (
        f"(SELECT * FROM {COUNTED.table} WHERE {dataset_clause(flt.dataset)})"
        if include_reviews
        else (
            "(SELECT m.*, coalesce(r.status, 'machine') AS review_status FROM merged_events m "
            "LEFT JOIN event_reviews r ON r.merged_id = m.id "
            f"WHERE {dataset_clause(flt.dataset, 'm.dataset')})"
        )
    )
    return store.query(
        f"""
        SELECT id, series_date, date_start, date_end, date_precision, code, name, quad_class,
               goldstein, modality,
               source_code, source_country, source_name, target_code, target_country, target_name,
               report_count, review_status
        FROM {source} WHERE {where}
        ORDER BY series_date DESC NULLS LAST, id LIMIT ? OFFSET ?
        """,
        [*params, limit, offset],
    )


def merged_event(store: Store, merged_id: str, with_audit: bool = True) -> dict[str, Any]:
    """A merged event as counted (reviews applied), every report with its sentence in context
    (once per sentence, though it was coded in both directions) or, for an imported dataset's
    event, the provider's rows, and its review history (``with_audit``: it names the
    reviewers, so only for signed-in users)."""
    try:
        event = current_row(store, merged_id)
    except LookupError as exc:
        raise NotFound(str(exc)) from exc
    reports = records(reports_of(store, merged_id))
    spans = {
        r["event_id"]: r
        for r in store.query(
            "SELECT v.event_id, v.sentence_start, v.sentence_end, v.trigger_start, v.trigger_end, "
            "substr(a.text, greatest(v.sentence_start - ?, 0) + 1, "
            "       v.sentence_end - greatest(v.sentence_start - ?, 0) + ?) AS context, "
            "greatest(v.sentence_start - ?, 0) AS context_start, length(a.text) AS text_length "
            "FROM event_merge m JOIN event_evidence v ON v.event_id = m.event_id "
            "JOIN articles a ON a.id = v.article_id WHERE m.merged_id = ?",
            [CONTEXT_CHARS, CONTEXT_CHARS, CONTEXT_CHARS, CONTEXT_CHARS, merged_id],
        )
    }
    for report in reports:
        span = spans.get(report["event_id"], {})
        report["context"] = _sentence_in_context(span) if span else []
    found = {"event": event, "reports": once_per_sentence(reports)}
    if (event.get("dataset") or DETENTE) != DETENTE:  # an imported dataset's: the provider's rows
        found["rows"] = records(dataset_rows_of(store, merged_id))
    if with_audit:
        found["audit"] = audit_log(store, merged_id)
    return found


def once_per_sentence(reports: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Reports of one sentence of one article folded into one, listing each coded direction."""
    out: dict[tuple[Any, Any], dict[str, Any]] = {}
    for report in reports:
        key = (report["article_id"], report.get("sentence"))
        direction = f"{report.get('source_code') or '?'} → {report.get('target_code') or '?'}"
        if key in out:
            if direction not in out[key]["directions"]:
                out[key]["directions"].append(direction)
            continue
        out[key] = {**report, "directions": [direction]}
    return list(out.values())


def _sentence_in_context(span: dict[str, Any]) -> list[dict[str, Any]]:
    """The text around a report's sentence as segments; the sentence marked, its trigger too."""
    text, base = span["context"] or "", span["context_start"]
    cuts = [(span["sentence_start"] - base, span["sentence_end"] - base)]
    s0, s1 = cuts[0]
    t0, t1 = span["trigger_start"] - base, span["trigger_end"] - base
    parts = [{"text": text[:s0], "kind": "before"}]
    if s0 <= t0 < t1 <= s1:
        parts += [
            {"text": text[s0:t0], "kind": "sentence"},
            {"text": text[t0:t1], "kind": "trigger"},
            {"text": text[t1:s1], "kind": "sentence"},
        ]
    else:
        parts.append({"text": text[s0:s1], "kind": "sentence"})
    parts.append({"text": text[s1:], "kind": "after"})
    if base > 0:
        parts[0]["text"] = "…" + parts[0]["text"]
    if base + len(text) < span["text_length"]:
        parts[-1]["text"] += "…"
    return [p for p in parts if p["text"]]


# -- articles ---------------------------------------------------------------------------------
def article(store: Store, article_id: str) -> dict[str, Any]:
    """An article's metadata and text, with its events and actor mentions as marked segments."""
    rows = store.query(
        "SELECT id, url, title, source, published, language, origin, ingested_at, "
        "event_count, warnings, text FROM articles WHERE id = ?",
        [article_id],
    )
    if not rows:
        raise NotFound(f"no article {article_id!r}")
    found = rows[0]
    events = store.query(
        "SELECT r.id, r.code, r.name, r.modality, r.source_code, r.target_code, r.date_start, "
        "r.date_end, r.date_precision, "
        "r.trigger, r.trigger_start, r.trigger_end, r.sentence_start, r.sentence_end, m.merged_id "
        "FROM event_reports r LEFT JOIN event_merge m ON m.event_id = r.id "
        "WHERE r.article_id = ? ORDER BY r.sentence_start, r.trigger_start",
        [article_id],
    )
    mentions = store.query(
        "SELECT DISTINCT start_char, end_char, text, code, country, sector, name FROM mentions "
        "WHERE article_id = ? AND start_char IS NOT NULL ORDER BY start_char",
        [article_id],
    )
    found["events"], found["mentions"] = events, mentions
    found["segments"] = marked_segments(found["text"], events, mentions)
    return found


def marked_segments(text: str, events: list[dict], mentions: list[dict]) -> list[dict[str, Any]]:
    """The text cut into plain, actor and trigger segments (overlaps: the earlier mark wins)."""
    marks: list[tuple[int, int, str, dict[str, Any]]] = [
        (m["start_char"], m["end_char"], "actor", m) for m in mentions
    ]
    marks += [(e["trigger_start"], e["trigger_end"], "trigger", e) for e in events]
    marks.sort(key=lambda m: (m[0], -(m[1] - m[0])))
    segments: list[dict[str, Any]] = []
    at = 0
    for start, end, kind, info in marks:
        if start < at or not 0 <= start < end <= len(text):
            continue
        if start > at:
            segments.append({"text": text[at:start], "kind": "text"})
        segments.append({"text": text[start:end], "kind": kind, "info": info})
        at = end
    if at < len(text):
        segments.append({"text": text[at:], "kind": "text"})
    return segments


# -- actors -----------------------------------------------------------------------------------
def actor(store: Store, name: str, limit: int = 100) -> dict[str, Any]:
    """A named actor: its registry entries when it has any, else what the stored mentions and
    reports say of it (the lexicon's office holders, such as Donald Trump, are named there)."""
    rows = store.query(
        "SELECT * FROM actors WHERE name = ? ORDER BY valid_from NULLS FIRST", [name]
    )
    seen = actor_codes_seen(store, name)
    if not rows and not seen:
        raise NotFound(f"no actor named {name!r}")
    if not rows:
        top = seen[0]
        rows = [
            {
                "name": name,
                "code": top["code"],
                "country": top["country"],
                "sector": top["sector"],
                "title": None,
                "aliases": [],
                "first_seen": None,
                "last_seen": None,
                "origin": "news",
            }
        ]
    events = store.query(
        "SELECT id, date_start, date_end, date_precision, published, source_code, source_name, "
        "code, name, target_code, target_name, modality, article_id, sentence FROM event_reports "
        "WHERE source_name = ? OR target_name = ? ORDER BY date_start DESC NULLS LAST, id LIMIT ?",
        [name, name, limit],
    )
    return {"actor": rows[0], "entries": rows, "codes": seen, "events": events}


def actor_card(store: Store, article_id: str) -> dict[str, dict[str, Any]]:
    """Who each actor mentioned in an article is, and in how many other articles it appears;
    keyed by the actor's name, or its code when unnamed (two people both called "he" in one
    article are two cards, found by the mention's own name)."""
    rows = store.query(
        """
        WITH here AS (
            SELECT coalesce(m.name, m.code) AS key, any_value(m.code) AS code,
                   any_value(m.country) AS country, any_value(m.sector) AS sector,
                   any_value(m.name) AS name, any_value(a.title) AS title
            FROM mentions m LEFT JOIN actors a ON a.name = m.name
            WHERE m.article_id = ? AND coalesce(m.name, m.code) IS NOT NULL
            GROUP BY coalesce(m.name, m.code)
        )
        SELECT here.*, (SELECT count(DISTINCT o.article_id) FROM mentions o
                        WHERE o.article_id <> ? AND coalesce(o.name, o.code) = here.key)
                       AS other_articles
        FROM here
        """,
        [article_id, article_id],
    )
    return {row["key"]: row for row in rows}


def find_actors(store: Store, search: str | None = None, limit: int = 100) -> list[dict[str, Any]]:
    """Registry entries whose name, alias or code contains ``search`` (all when empty), then
    the people and bodies the news names that are not in the registry."""
    if not search:
        return list_actors(store, None, limit)
    found = _registry_matches(store, search, limit)
    known = {row["name"] for row in found}
    for row in named_in_mentions(store, search, limit):
        if row["name"] not in known and len(found) < limit:
            found.append({**row, "title": None, "aliases": [], "origin": "news"})
    return found


def _registry_matches(store: Store, search: str, limit: int) -> list[dict[str, Any]]:
    return store.query(
        "SELECT name, code, country, sector, title, aliases, first_seen, last_seen, origin FROM actors "
        "WHERE name ILIKE $1 OR code ILIKE $2 OR len(list_filter(aliases, lambda a: a ILIKE $1)) > 0 "
        "ORDER BY last_seen DESC NULLS LAST, name LIMIT $3",
        [f"%{search}%", f"{search}%", limit],
    )


# -- search -----------------------------------------------------------------------------------
def search(store: Store, q: str, limit: int = 20) -> dict[str, Any]:
    q = (q or "").strip()
    if not q:
        return {"q": q, "countries": [], "actors": [], "articles": []}
    if len(q) > 200:
        raise QueryError("a search is at most 200 characters.")
    code = lookup_country(q)
    articles = store.query(
        "SELECT id, title, source, published FROM articles WHERE title ILIKE ? OR url ILIKE ? "
        "ORDER BY published DESC NULLS LAST, id LIMIT ?",
        [f"%{q}%", f"%{q}%", limit],
    )
    return {
        "q": q,
        "countries": [code] if code else [],
        "actors": find_actors(store, q, limit),
        "articles": articles,
    }


def glossary(store: Store) -> dict[str, Any]:
    """The codes in use, named: countries and organisations, actor codes, sectors, CAMEO
    event codes, quad classes, modalities and date precisions."""
    from ..model import MODALITIES, PRECISIONS
    from .names import actor_code_name, quad_names, sector_names, split_actor_code

    found = codes_in_use(store)
    actor_codes = [{**row, "meaning": actor_code_name(row["code"])} for row in found["actor_codes"]]
    countries = sorted(
        {split_actor_code(row["code"])[0] for row in actor_codes} - {None}  # type: ignore[arg-type]
    )
    used_sectors = {s for row in actor_codes for s in split_actor_code(row["code"])[1]}
    return {
        "countries": countries,
        "actor_codes": actor_codes,
        "sectors": [
            {"code": code, "name": name, "used": code in used_sectors}
            for code, name in sector_names().items()
        ],
        "event_codes": found["event_codes"],
        "quads": quad_names(),
        "modalities": MODALITIES,
        "precisions": PRECISIONS,
    }


def stats(store: Store, dataset: str = DETENTE) -> dict[str, Any]:
    """The store's size, and one dataset's merged events: as the machine coded them and as
    counted (reviews applied, rejected ones left out)."""
    found = store_stats(store)
    found["dataset"] = dataset
    found["merged_events"] = store.scalar(f"SELECT count(*) FROM {table_for(False, dataset)}")
    found["counted_events"] = store.scalar(f"SELECT count(*) FROM {table_for(True, dataset)}")
    found["reviews"] = store.scalar("SELECT count(*) FROM event_reviews")
    found["users"] = store.scalar("SELECT count(*) FROM users")
    return found
