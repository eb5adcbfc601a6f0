"""Review of merged events: confirm, reject or correct, beside the machine coding.

A review never touches ``merged_events``: it is one row of ``event_reviews`` per merged
event (the latest decision), and every decision is appended to ``review_audit`` with who,
when, and the event's fields before and after. The view ``reviewed_merged_events``
(migration 3) applies the reviews — corrected fields replace the machine's, rejected events
drop out — and is what the web app counts and charts by default.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from datetime import date
from typing import Any

import pandas as pd

from ..actors import lookup_country
from ..errors import QueryError
from ..events.ontology import lookup
from ..model import MODALITIES, PRECISIONS
from ..store import Store, tie_events
from ..store.database import utcnow
from ..ties.series import COUNTED_EVENTS, DETENTE, MACHINE_EVENTS, dataset_clause, dyad_series

log = logging.getLogger(__name__)

REVIEWED = COUNTED_EVENTS
MACHINE = MACHINE_EVENTS
ACTIONS = ("confirm", "reject", "correct")
STATUS = {"confirm": "confirmed", "reject": "rejected", "correct": "corrected"}
REVIEW_FIELDS = (
    "code",
    "root",
    "name",
    "quad_class",
    "goldstein",
    "modality",
    "source_code",
    "source_country",
    "target_code",
    "target_country",
    "country_a",
    "country_b",
    "pair_key",
    "date_start",
    "date_end",
    "date_precision",
    "series_date",
)
SHOWN_FIELDS = (
    "code",
    "name",
    "modality",
    "source_code",
    "source_country",
    "target_code",
    "target_country",
    "date_start",
    "date_end",
    "date_precision",
)


@dataclass(frozen=True)
class Correction:
    """What a reviewer changes; None leaves the machine's (or the last correction's) value."""

    code: str | None = None
    source: str | None = None
    target: str | None = None
    date_start: date | None = None
    date_end: date | None = None
    date_precision: str | None = None
    modality: str | None = None

    def is_empty(self) -> bool:
        return all(v in (None, "") for v in self.__dict__.values())


def table_for(include_reviews: bool, dataset: str = DETENTE) -> str:
    """The merged events the dashboard counts and lists: one dataset's (detente's own coding
    by default, or one brought in by ``detente import``), reviewed or not; datasets are
    never mixed."""
    table = REVIEWED if include_reviews else MACHINE
    return f"(SELECT * FROM {table} WHERE {dataset_clause(dataset)})"


def current_row(store: Store, merged_id: str) -> dict[str, Any]:
    """A merged event as counted now (reviews applied), with its review status."""
    rows = store.query(
        "SELECT m.*, coalesce(r.status, 'machine') AS review_status, r.reviewer, r.reviewed_at, "
        "r.note FROM merged_events m LEFT JOIN event_reviews r ON r.merged_id = m.id "
        "WHERE m.id = ?",
        [merged_id],
    )
    if not rows:
        raise LookupError(f"no merged event {merged_id!r}")
    row = rows[0]
    if row["review_status"] == "corrected":
        review = store.query("SELECT * FROM event_reviews WHERE merged_id = ?", [merged_id])[0]
        row.update({f: review[f] for f in REVIEW_FIELDS})
    return row


def review_event(
    store: Store,
    merged_id: str,
    action: str,
    reviewer: str,
    correction: Correction | None = None,
    note: str | None = None,
) -> dict[str, Any]:
    """Record a reviewer's decision on a merged event; returns the event as now counted."""
    if action not in ACTIONS:
        raise QueryError(f"unknown review action {action!r}; use one of {', '.join(ACTIONS)}.")
    before = current_row(store, merged_id)
    if action == "correct":
        if correction is None or correction.is_empty():
            raise QueryError(
                "a correction needs at least one of code, source, target, date or modality."
            )
        after = corrected_fields(before, correction)
    else:
        after = {f: before[f] for f in REVIEW_FIELDS}
    status = STATUS[action]
    if action == "confirm" and before["review_status"] == "corrected":
        status = "corrected"  # confirming a corrected event keeps the correction
    now = utcnow()
    values = after if status == "corrected" else {f: None for f in REVIEW_FIELDS}
    with store.transaction() as con:
        con.execute("DELETE FROM event_reviews WHERE merged_id = ?", [merged_id])
        con.execute(
            f"INSERT INTO event_reviews (merged_id, status, {', '.join(REVIEW_FIELDS)}, note, reviewer, "
            f"reviewed_at) VALUES (?, ?, {', '.join('?' for _ in REVIEW_FIELDS)}, ?, ?, ?)",
            [merged_id, status, *(values[f] for f in REVIEW_FIELDS), note, reviewer, now],
        )
        tie_events.refresh(con, [merged_id])
        next_id = con.execute("SELECT coalesce(max(id), 0) + 1 FROM review_audit").fetchone()[0]  # type: ignore[index]
        con.execute(
            "INSERT INTO review_audit VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                next_id,
                merged_id,
                action,
                reviewer,
                now,
                _shown(before),
                _shown({**before, **after, "review_status": status}),
                note,
            ],
        )
    log.info("%s %s merged event %s", reviewer, STATUS[action], merged_id)
    return current_row(store, merged_id)


def _shown(row: dict[str, Any]) -> str:
    return json.dumps(
        {f: row.get(f) for f in (*SHOWN_FIELDS, "review_status")}, default=str, sort_keys=True
    )


def corrected_fields(row: dict[str, Any], correction: Correction) -> dict[str, Any]:
    """The event's reviewable fields with the correction applied, derived fields recomputed."""
    out = {f: row.get(f) for f in REVIEW_FIELDS}
    if correction.code:
        entry = lookup(correction.code)
        out.update(
            code=entry.code,
            root=entry.root,
            name=entry.name,
            quad_class=entry.quad_class,
            goldstein=entry.goldstein,
        )
    for side in ("source", "target"):
        value = getattr(correction, side)
        if value:
            out[f"{side}_code"], out[f"{side}_country"] = resolve_actor_code(value)
    if correction.modality:
        if correction.modality not in MODALITIES:
            raise QueryError(
                f"modality {correction.modality!r} is not one of {', '.join(MODALITIES)}."
            )
        out["modality"] = correction.modality
    if correction.date_start or correction.date_end or correction.date_precision:
        _correct_date(out, correction)
    countries = sorted(c for c in (out["source_country"], out["target_country"]) if c)
    out["country_a"], out["country_b"] = (countries + [None, None])[:2]
    sides = sorted(
        (
            out["source_country"] or out["source_code"] or "",
            out["target_country"] or out["target_code"] or "",
        )
    )
    out["pair_key"] = "|".join(sides)
    return out


def _correct_date(out: dict[str, Any], correction: Correction) -> None:
    precision = correction.date_precision or (
        "day" if correction.date_start else out["date_precision"]
    )
    if precision not in PRECISIONS:
        raise QueryError(f"date precision {precision!r} is not one of {', '.join(PRECISIONS)}.")
    start = correction.date_start or out["date_start"]
    end = correction.date_end or (
        correction.date_start if correction.date_start else out["date_end"]
    )
    if precision == "unknown":
        start = end = None
    elif start is None:
        raise QueryError("a dated correction needs a start date (YYYY-MM-DD).")
    if start and end and end < start:
        raise QueryError(f"the corrected date ends ({end}) before it starts ({start}).")
    out.update(date_start=start, date_end=end, date_precision=precision)
    out["series_date"] = start or out.get("first_published") or out["series_date"]


def resolve_actor_code(value: str) -> tuple[str, str | None]:
    """(actor code, country) from ``RUSGOV``, ``RUS``, ``NATO`` or a country name."""
    text = value.strip()
    country = lookup_country(text)
    if country:
        return country, country
    code = text.upper()
    if not code.isalnum() or not 3 <= len(code) <= 15:
        raise QueryError(f"{value!r} is not an actor code (such as RUSGOV) or a country name.")
    for size in (4, 3):  # IGO codes such as NATO are four letters, states three
        if lookup_country(code[:size]) == code[:size]:
            return code, code[:size]
    raise QueryError(
        f"{value!r}: no known country or organisation at the start of this actor code."
    )


def audit_log(
    store: Store, merged_id: str | None = None, limit: int = 200, offset: int = 0
) -> list[dict[str, Any]]:
    """Review decisions, newest first; ``before``/``after`` as dicts."""
    sql = "SELECT id, merged_id, action, reviewer, acted_at, before, after, note FROM review_audit"
    params: list[Any] = []
    if merged_id:
        sql += " WHERE merged_id = ?"
        params.append(merged_id)
    sql += " ORDER BY id DESC LIMIT ? OFFSET ?"
    params += [limit, offset]
    rows = store.query(sql, params)
    for row in rows:
        row["before"] = json.loads(row["before"]) if row["before"] else None
        row["after"] = json.loads(row["after"]) if row["after"] else None
    return rows


def export_reviews(store: Store) -> list[dict[str, Any]]:
    """Every reviewed event: machine coding and review side by side, for export."""
    return store.query(
        """
        SELECT r.merged_id, r.status, r.reviewer, r.reviewed_at, r.note,
               m.code AS machine_code, r.code AS reviewed_code,
               m.modality AS machine_modality, r.modality AS reviewed_modality,
               m.source_code AS machine_source, r.source_code AS reviewed_source,
               m.target_code AS machine_target, r.target_code AS reviewed_target,
               m.date_start AS machine_date_start, r.date_start AS reviewed_date_start,
               m.date_precision AS machine_date_precision, r.date_precision AS reviewed_date_precision
        FROM event_reviews r JOIN merged_events m ON m.id = r.merged_id
        ORDER BY r.reviewed_at, r.merged_id
        """
    )


def reviewed_dyad_series(
    store: Store,
    a: str,
    b: str,
    freq: str = "month",
    include_all_modalities: bool = False,
    since: date | None = None,
    until: date | None = None,
    include_reviews: bool = True,
    finer_only: bool = False,
    dataset: str = DETENTE,
) -> pd.DataFrame:
    """:func:`detente.ties.dyad_series` (undirected) over the reviewed events by default."""
    return dyad_series(
        store,
        a,
        b,
        freq,
        directed=False,
        include_all_modalities=include_all_modalities,
        since=since,
        until=until,
        include_reviews=include_reviews,
        finer_only=finer_only,
        dataset=dataset,
    )


def review_queue(
    store: Store, limit: int = 50, offset: int = 0, include_reviewed: bool = False
) -> dict[str, Any]:
    """detente's merged events in the order a reviewer should look at them: not yet reviewed
    first, then the least confident coding (the best of its reports' confidence), then the
    least reported, newest first. Reviewed events only with ``include_reviewed``."""
    reviewed = "TRUE" if include_reviewed else "r.status IS NULL"
    where = f"{dataset_clause(DETENTE, 'm.dataset')} AND {reviewed}"
    total = int(
        store.scalar(
            f"SELECT count(*) FROM merged_events m "
            f"LEFT JOIN event_reviews r ON r.merged_id = m.id WHERE {where}"
        )
        or 0
    )
    items = store.query(
        f"""
        WITH confidence AS (
            SELECT x.merged_id, max(e.confidence) AS confidence
            FROM event_merge x JOIN events e ON e.id = x.event_id GROUP BY x.merged_id
        )
        SELECT m.id, m.series_date, m.date_start, m.date_end, m.date_precision, m.code, m.name,
               m.quad_class, m.modality, m.source_code, m.source_name, m.target_code,
               m.target_name, m.report_count, c.confidence,
               coalesce(r.status, 'machine') AS review_status
        FROM merged_events m
        LEFT JOIN event_reviews r ON r.merged_id = m.id
        LEFT JOIN confidence c ON c.merged_id = m.id
        WHERE {where}
        ORDER BY r.status IS NOT NULL, c.confidence NULLS FIRST, m.report_count,
                 m.series_date DESC NULLS LAST, m.id
        LIMIT ? OFFSET ?
        """,
        [limit, offset],
    )
    following = offset + limit if offset + limit < total else None
    return {"total": total, "offset": offset, "next_offset": following, "items": items}
