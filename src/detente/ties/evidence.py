"""The evidence behind a tie: merged events with their sentences, and every report of one."""

from __future__ import annotations

from datetime import date
from typing import Any

import pandas as pd

from ..store import Store
from ..store.queries import period_clauses
from .series import COUNTED_EVENTS, DETENTE, dataset_clause, modality_clause

EVENT_COLUMNS = (
    "id",
    "series_date",
    "date_precision",
    "source_country",
    "source_name",
    "code",
    "name",
    "target_country",
    "target_name",
    "quad_class",
    "goldstein",
    "report_count",
    "outlets",
    "first_report_lag_days",
    "sentence",
)


def reports_of(store: Store, merged_id: str) -> pd.DataFrame:
    """Every report of a merged event: article, sentence, outlet, dates, in order of reporting."""
    return store.query_df(
        """
        SELECT r.id AS event_id, r.article_id, a.url, a.title, r.outlet, r.published, r.report_date,
               r.report_lag_days, r.code, r.date_start, r.date_precision, r.source_code,
               r.target_code, r.sentence
        FROM event_merge m JOIN event_reports r ON r.id = m.event_id
        JOIN articles a ON a.id = r.article_id
        WHERE m.merged_id = ?
        ORDER BY coalesce(r.report_date, r.published) NULLS LAST, r.article_id, r.sentence_index
        """,
        [merged_id],
    )


def dataset_rows_of(store: Store, merged_id: str) -> pd.DataFrame:
    """Every imported row behind a merged event of an imported dataset: the provider's id,
    date, actors, code, mentions, URL or story, and where in which file it was read."""
    return store.query_df(
        """
        SELECT d.id AS event_id, d.provider_id, d.event_date, d.source_code, d.source_name,
               d.code, d.target_code, d.target_name, d.quad_class, d.goldstein, d.mentions,
               d.url, d.story_id, d.publisher, d.event_text, d.source_file, d.source_line
        FROM dataset_events d
        WHERE d.merged_id = ? AND d.event_date = (SELECT date_start FROM merged_events WHERE id = ?)
        ORDER BY coalesce(d.date_added, d.event_date), d.source_file, d.source_line
        """,
        [merged_id, merged_id],
    )


def top_events(
    store: Store,
    country: str,
    partner: str | None = None,
    since: date | None = None,
    until: date | None = None,
    quads: tuple[int, ...] = (1, 2, 3, 4),
    limit: int = 5,
    include_all_modalities: bool = False,
    dataset: str = DETENTE,
) -> pd.DataFrame:
    """The weightiest merged events of a country (with one partner, or any) in a period.

    Weight is ``|Goldstein|`` times the square root of the number of reports, so a
    much-reported event ranks above a one-line mention of the same kind.
    """
    clauses = [
        "(country_a = ? OR country_b = ?)",
        modality_clause(include_all_modalities),
        "list_contains(?, CAST(quad_class AS INTEGER))",
        "country_a <> country_b",
        dataset_clause(dataset),
    ]
    params: list[Any] = [country, country, list(quads)]
    if partner:
        clauses.append("(country_a = ? OR country_b = ?)")
        params += [partner, partner]
    in_period, period_params = period_clauses("series_date", since, until)
    clauses += in_period
    params += period_params
    params.append(limit)
    return store.query_df(
        f"""
        SELECT m.id, m.series_date, m.date_precision, m.source_country, m.source_name, m.code, m.name,
               m.target_country, m.target_name, m.quad_class, m.goldstein, m.report_count, m.outlets,
               m.first_report_lag_days, coalesce(v.sentence, d.event_text, d.url) AS sentence
        FROM (SELECT * FROM {COUNTED_EVENTS} WHERE {" AND ".join(clauses)}
              ORDER BY abs(coalesce(goldstein, 0)) * sqrt(report_count) DESC, series_date, id
              LIMIT ?) m
        LEFT JOIN event_evidence v ON v.event_id = m.first_event_id
        LEFT JOIN dataset_events d ON d.id = m.first_event_id
        ORDER BY abs(coalesce(m.goldstein, 0)) * sqrt(m.report_count) DESC, m.series_date, m.id
        """,
        params,
    )


def event_records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """Events as plain dicts (dates as ISO text) for JSON output and reports."""
    records = []
    for row in frame.to_dict("records"):
        clean = {}
        for key, value in row.items():
            if hasattr(value, "isoformat"):
                value = value.isoformat()[:10]
            elif hasattr(value, "tolist"):
                value = value.tolist()
            clean[key] = value
        records.append(clean)
    return records
