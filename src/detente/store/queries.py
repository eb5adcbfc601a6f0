"""Read queries over the store: statistics, events with filters, the busiest pairs.

Every value reaches SQL as a parameter; only column names from fixed tables are
interpolated.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from ..errors import QueryError
from ..model import MODALITIES
from .database import Store

SORT_COLUMNS = {
    "event_date": "date_start",
    "report_date": "coalesce(report_date, published)",
    "published": "published",
    "lag": "report_lag_days",
    "goldstein": "goldstein",
}

EVENT_LIST_COLUMNS = (
    "id",
    "date_start",
    "date_end",
    "date_precision",
    "published",
    "report_date",
    "report_lag_days",
    "source_code",
    "source_text",
    "code",
    "name",
    "target_code",
    "target_text",
    "modality",
    "quad_class",
    "goldstein",
    "location_text",
    "reported_by_code",
    "outlet",
    "article_id",
    "sentence",
    "confidence",
)


def store_stats(store: Store) -> dict[str, Any]:
    """Sizes and date coverage of a store."""
    row = store.query(
        """
        SELECT (SELECT count(*) FROM articles) AS articles,
               (SELECT count(*) FROM events) AS events,
               (SELECT count(*) FROM events WHERE modality = 'asserted') AS asserted_events,
               (SELECT count(*) FROM actors) AS registry_actors,
               (SELECT count(*) FROM dataset_events) AS imported_events,
               (SELECT min(published) FROM articles) AS first_published,
               (SELECT max(published) FROM articles) AS last_published,
               (SELECT count(*) FROM ingest_runs) AS ingest_runs
        """
    )[0]
    row["schema_version"] = store.schema_version
    row["path"] = str(store.path)
    return row


def busiest_dyads(
    store: Store, limit: int = 10, asserted_only: bool = True, dataset: str = "detente"
) -> list[dict[str, Any]]:
    """Pairs of states (either direction) with the most events between them: detente's own
    reports, or the rows of a dataset brought in with ``detente import``."""
    if dataset != "detente":
        return _busiest_imported(store, limit, dataset)
    modality = "AND modality = 'asserted'" if asserted_only else ""
    return store.query(
        f"""
        SELECT least(source_country, target_country) AS country_a,
               greatest(source_country, target_country) AS country_b,
               count(*) AS events,
               count(*) FILTER (WHERE quad_class IN (1, 2)) AS cooperation,
               count(*) FILTER (WHERE quad_class IN (3, 4)) AS conflict,
               round(avg(goldstein), 2) AS mean_goldstein,
               min(coalesce(date_start, published)) AS first,
               max(coalesce(date_start, published)) AS last
        FROM events
        WHERE source_country IS NOT NULL AND target_country IS NOT NULL
          AND source_country <> target_country {modality}
        GROUP BY ALL ORDER BY events DESC, country_a, country_b LIMIT ?
        """,
        [limit],
    )


def _busiest_imported(store: Store, limit: int, dataset: str) -> list[dict[str, Any]]:
    return store.query(
        """
        SELECT least(source_country, target_country) AS country_a,
               greatest(source_country, target_country) AS country_b,
               count(*) AS events,
               count(*) FILTER (WHERE quad_class IN (1, 2)) AS cooperation,
               count(*) FILTER (WHERE quad_class IN (3, 4)) AS conflict,
               round(avg(goldstein), 2) AS mean_goldstein,
               min(event_date) AS first, max(event_date) AS last
        FROM dataset_events
        WHERE dataset = ? AND source_country IS NOT NULL AND target_country IS NOT NULL
          AND source_country <> target_country
        GROUP BY ALL ORDER BY events DESC, country_a, country_b LIMIT ?
        """,
        [dataset, limit],
    )


def check_quad_class(quad_class: int) -> int:
    """A quad class (1-4), or a clear error."""
    if quad_class not in (1, 2, 3, 4):
        raise QueryError(f"quad class {quad_class} is not one of 1, 2, 3, 4.")
    return quad_class


def check_modality(modality: str) -> str:
    """One of the five modalities, or a clear error."""
    if modality not in MODALITIES:
        raise QueryError(f"modality {modality!r} is not one of {', '.join(MODALITIES)}.")
    return modality


def period_clauses(
    column: str, since: date | None, until: date | None
) -> tuple[list[str], list[Any]]:
    """SQL conditions, with their parameters, keeping rows whose ``column`` lies in the period
    (either end may be open)."""
    clauses: list[str] = []
    params: list[Any] = []
    for bound, op in ((since, ">="), (until, "<=")):
        if bound:
            clauses.append(f"{column} {op} ?")
            params.append(bound)
    return clauses, params


@dataclass(frozen=True)
class EventFilter:
    """Which events to list. Countries are ISO alpha-3 codes (resolve names before)."""

    country: str | None = None
    dyad: tuple[str, str] | None = None
    actor: str | None = None
    code: str | None = None
    quad_class: int | None = None
    modality: str | None = None
    since: date | None = None
    until: date | None = None
    outlet: str | None = None
    date_field: str = "event_date"

    def where(self) -> tuple[str, list[Any]]:
        clauses: list[str] = ["TRUE"]
        params: list[Any] = []
        if self.country:
            clauses.append("(source_country = ? OR target_country = ?)")
            params += [self.country, self.country]
        if self.dyad:
            a, b = self.dyad
            clauses.append(
                "((source_country = ? AND target_country = ?) OR (source_country = ? AND target_country = ?))"
            )
            params += [a, b, b, a]
        if self.actor:
            clauses.append(
                "(source_code ILIKE ? OR target_code ILIKE ? OR source_name ILIKE ? OR target_name ILIKE ?)"
            )
            params += [
                self.actor + "%",
                self.actor + "%",
                "%" + self.actor + "%",
                "%" + self.actor + "%",
            ]
        if self.code:
            if not self.code.isdigit() or not 2 <= len(self.code) <= 4:
                raise QueryError(
                    f"--code {self.code!r} is not a CAMEO code or root (2 to 4 digits, e.g. 04 or 042)."
                )
            clauses.append("starts_with(code, ?)")
            params.append(self.code)
        if self.quad_class is not None:
            clauses.append("quad_class = ?")
            params.append(check_quad_class(self.quad_class))
        if self.modality:
            clauses.append("modality = ?")
            params.append(check_modality(self.modality))
        in_period, period_params = period_clauses(self._date_column(), self.since, self.until)
        clauses += in_period
        params += period_params
        if self.outlet:
            clauses.append("outlet ILIKE ?")
            params.append(self.outlet)
        return " AND ".join(clauses), params

    def _date_column(self) -> str:
        try:
            return SORT_COLUMNS[self.date_field]
        except KeyError:
            raise QueryError(
                f"unknown date field {self.date_field!r}; use one of {', '.join(SORT_COLUMNS)}."
            ) from None


def list_events(
    store: Store,
    flt: EventFilter = EventFilter(),
    sort: str = "event_date",
    descending: bool = False,
    limit: int | None = 100,
    offset: int = 0,
) -> list[dict[str, Any]]:
    """Events matching ``flt``, sorted by event date, report date, lag or Goldstein."""
    if sort not in SORT_COLUMNS:
        raise QueryError(f"cannot sort by {sort!r}; use one of {', '.join(SORT_COLUMNS)}.")
    where, params = flt.where()
    order = f"{SORT_COLUMNS[sort]} {'DESC' if descending else 'ASC'} NULLS LAST, id"
    sql = (
        f"SELECT {', '.join(EVENT_LIST_COLUMNS)} FROM event_reports WHERE {where} ORDER BY {order}"
    )
    if limit is not None:
        sql += " LIMIT ? OFFSET ?"
        params += [limit, offset]
    return store.query(sql, params)


# -- actors as the news names them (registry or not) -------------------------------------------
def named_in_mentions(store: Store, search: str, limit: int = 20) -> list[dict[str, Any]]:
    """People and bodies resolved to a name in the stored mentions whose name contains
    ``search``, most mentioned first: the lexicon's office holders (Donald Trump) are named
    there without being in the learned registry."""
    return store.query(
        "SELECT name, arg_max(code, n) AS code, arg_max(country, n) AS country, "
        "arg_max(sector, n) AS sector, sum(n) AS mentions FROM ("
        "  SELECT name, code, country, sector, count(*) AS n FROM mentions "
        "  WHERE name IS NOT NULL AND name ILIKE ? GROUP BY ALL) "
        "GROUP BY name ORDER BY mentions DESC, name LIMIT ?",
        [f"%{search}%", limit],
    )


def actor_codes_seen(store: Store, name: str) -> list[dict[str, Any]]:
    """The codes a named actor was resolved to in mentions and event reports, most used first,
    with the number of mentions, reports and articles."""
    return store.query(
        """
        SELECT code, any_value(country) AS country, any_value(sector) AS sector,
               sum(mentions)::BIGINT AS mentions, sum(reports)::BIGINT AS reports,
               count(DISTINCT article_id) AS articles
        FROM (
            SELECT code, country, sector, 1 AS mentions, 0 AS reports, article_id
            FROM mentions WHERE name = $1
            UNION ALL
            SELECT source_code, NULL, NULL, 0, 1, article_id FROM event_reports
            WHERE source_name = $1
            UNION ALL
            SELECT target_code, NULL, NULL, 0, 1, article_id FROM event_reports
            WHERE target_name = $1
        ) GROUP BY code ORDER BY sum(mentions) + sum(reports) DESC, code
        """,
        [name],
    )


def codes_in_use(store: Store) -> dict[str, list[dict[str, Any]]]:
    """The actor codes and CAMEO event codes the stored event reports carry, with counts."""
    actors = store.query(
        "SELECT code, count(*) AS reports FROM ("
        "  SELECT source_code AS code FROM event_reports UNION ALL "
        "  SELECT target_code FROM event_reports) WHERE coalesce(code, '') <> '' "
        "GROUP BY code ORDER BY code"
    )
    events = store.query(
        "SELECT code, any_value(name) AS name, any_value(quad_class) AS quad_class, "
        "any_value(goldstein) AS goldstein, count(*) AS reports FROM event_reports "
        "WHERE code IS NOT NULL GROUP BY code ORDER BY code"
    )
    return {"actor_codes": actors, "event_codes": events}
