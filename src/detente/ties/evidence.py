"""The evidence behind a tie: merged events with their sentences, and every report of one."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import pandas as pd

from ..store import Store
from ..store.queries import period_clauses
from .series import COUNTED, DETENTE, Source, check_freq, dataset_clause, modality_clause

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
    source: Source = COUNTED,
) -> pd.DataFrame:
    """The weightiest merged events of a country (with one partner, or any) in a period.

    Weight is ``|Goldstein|`` times the square root of the number of reports, so a
    much-reported event ranks above a one-line mention of the same kind.
    """
    window = EvidenceWindow(since, until, quads, limit)
    found = top_events_by_window(
        store, country, partner, [window], None, include_all_modalities, dataset, source
    )
    return _as_own_read(found.drop(columns="window"))


@dataclass(frozen=True)
class EvidenceWindow:
    """A period whose weightiest events are wanted: ``limit`` of them, of these quad classes."""

    since: date | None = None
    until: date | None = None
    quads: tuple[int, ...] = (1, 2, 3, 4)
    limit: int = 5


@dataclass(frozen=True)
class EvidencePeriods:
    """Whole periods of a frequency (``starts``: their first days), each wanting its ``limit``
    weightiest events of any quad class: the windows ``EvidenceWindow(start, end of its
    period, limit=limit)``, ranked in one pass instead of one per period."""

    freq: str
    starts: tuple[date, ...]
    limit: int = 3


WEIGHT = "abs(coalesce(goldstein, 0)) * sqrt(report_count) DESC, series_date, id"


def top_events_by_window(
    store: Store,
    country: str,
    partner: str | None,
    windows: Sequence[EvidenceWindow],
    periods: EvidencePeriods | None = None,
    include_all_modalities: bool = False,
    dataset: str = DETENTE,
    source: Source = COUNTED,
) -> pd.DataFrame:
    """:func:`top_events` of several windows and whole periods in one go (a pair's page lists
    the evidence of dozens): the rows of each in turn, numbered by ``window`` (the windows
    from 0, then the periods), each window's as :func:`top_events` gives them.

    Two short reads: the pair's or country's events are ranked and the chosen ones come
    back whole, then their sentences (reading every sentence of the store to keep a
    handful costs far more).
    """
    clauses = [
        modality_clause(include_all_modalities),
        "country_a <> country_b",
        dataset_clause(dataset),
    ]
    if partner and partner != country:
        pair, params = source.pair(country, partner, directed=False)
        clauses.append(pair)
    else:
        clauses.append(source.country("?"))
        params = [country] if source.by_side else [country, country]
    where = " AND ".join(clauses)
    found = _ranked(store, source.table, where, list(params), windows, periods)
    found["sentence"] = found["first_event_id"].map(_sentences(store, found["first_event_id"]))
    found["sentence"] = found["sentence"].astype("str")
    return found[["window", *EVENT_COLUMNS]].reset_index(drop=True)


def _ranked(
    store: Store,
    table: str,
    where: str,
    params: list[Any],
    windows: Sequence[EvidenceWindow],
    periods: EvidencePeriods | None,
) -> pd.DataFrame:
    """Each window's and each period's weightiest events (the periods numbered after the
    windows), in order of window and rank: ``window`` and the columns of :data:`_RANKED`."""
    if not windows and not (periods and periods.starts):
        return store.query_df(f"SELECT 0 AS window, {', '.join(_RANKED)} FROM {table} WHERE FALSE")
    branches = []
    for w, window in enumerate(windows):
        in_period, period_params = period_clauses("series_date", window.since, window.until)
        keep = " AND ".join([_quads(window.quads), *in_period])
        branches.append(
            f"(SELECT {w} AS window, row_number() OVER (ORDER BY {WEIGHT}) AS rank, id FROM mine "
            f"WHERE {keep} ORDER BY {WEIGHT} LIMIT {int(window.limit)})"
        )
        params += period_params
    if periods and periods.starts:
        freq = check_freq(periods.freq)
        starts = ", ".join(f"DATE '{d.isoformat()}'" for d in periods.starts)
        branches.append(
            f"""(SELECT {len(windows)} + list_position([{starts}], period) - 1 AS window, rank, id
                FROM (SELECT CAST(date_trunc('{freq}', series_date) AS DATE) AS period, id,
                             row_number() OVER (PARTITION BY period ORDER BY {WEIGHT}) AS rank
                      FROM mine WHERE {_quads((1, 2, 3, 4))}
                        AND series_date >= DATE '{min(periods.starts).isoformat()}'
                        AND CAST(date_trunc('{freq}', series_date) AS DATE) IN ({starts}))
                WHERE rank <= {int(periods.limit)})"""
        )
    # the chosen events' other columns are read from the rows already read for the ranking
    return store.query_df(
        f"""
        WITH mine AS MATERIALIZED (SELECT {", ".join(_RANKED)} FROM {table} WHERE {where}),
        chosen AS ({" UNION ALL ".join(branches)})
        SELECT c.window, {", ".join(f"m.{c}" for c in _RANKED)}
        FROM chosen c JOIN mine m ON m.id = c.id
        ORDER BY c.window, c.rank
        """,
        params,
    )


def _quads(quads: tuple[int, ...]) -> str:
    listed = ", ".join(str(int(q)) for q in quads) or "NULL"
    return f"CAST(quad_class AS INTEGER) IN ({listed})"


def _sentences(store: Store, first_events: pd.Series) -> dict[str, str | None]:
    """The sentence of each first report: its evidence for detente's own coding, else the
    imported row's event text or URL."""
    ids = first_events.dropna().unique()
    if not len(ids):
        return {}
    listed = _strings(ids)
    rows = store.query(
        f"""
        SELECT f.id, coalesce(v.sentence, d.event_text, d.url) AS sentence
        FROM (SELECT unnest([{listed}]) AS id) f
        LEFT JOIN (SELECT event_id, sentence FROM event_evidence WHERE event_id IN ({listed})) v
          ON v.event_id = f.id
        LEFT JOIN (SELECT id, event_text, url FROM dataset_events WHERE id IN ({listed})) d
          ON d.id = f.id
        """
    )
    return {r["id"]: r["sentence"] for r in rows}


def _strings(values: Any) -> str:
    """SQL string literals, for an ``IN (...)`` list that DuckDB checks while it scans (a
    parameter list is joined after reading every row instead)."""
    quoted = ", ".join("'" + str(v).replace("'", "''") + "'" for v in values)
    return quoted or "NULL"


_RANKED = (*EVENT_COLUMNS[:-1], "first_event_id")


def _nullable_int(dtype: Any) -> bool:
    return isinstance(dtype, pd.api.extensions.ExtensionDtype) and dtype.kind in "iu"


def _as_own_read(frame: pd.DataFrame) -> pd.DataFrame:
    """One window's rows, typed as a read of that window alone types them: an integer column
    holding no NULL there is a plain integer column, not a nullable one."""
    frame = frame.reset_index(drop=True)
    for name, dtype in frame.dtypes.items():
        if isinstance(dtype, pd.StringDtype) and frame.empty:
            frame[name] = frame[name].astype(object)  # DuckDB gives no rows of text as objects
        elif _nullable_int(dtype) and not frame[name].isna().any():
            frame[name] = frame[name].astype(dtype.numpy_dtype)
    return frame


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
