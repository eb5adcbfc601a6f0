"""Exporting merged events: CSV, JSON lines, Parquet, or the GDELT 2.0 event layout.

One row per merged event (see :mod:`detente.ties.merge`) with its report count,
outlets and articles; asserted events only unless ``include_all_modalities``.
The GDELT export is tab-separated without a header, as GDELT's own files are.
"""

from __future__ import annotations

import csv
import json
import logging
from datetime import date
from pathlib import Path
from typing import Any

from ..errors import InputError, QueryError
from ..store import Store
from ..store.queries import period_clauses
from .gdelt import gdelt_row
from .merge import MERGED_COLUMNS
from .series import DETENTE, check_range, dataset_clause, modality_clause

log = logging.getLogger(__name__)

EXPORT_FORMATS = ("csv", "jsonl", "parquet", "gdelt")
EXPORT_COLUMNS = tuple(c for c in MERGED_COLUMNS if c != "updated_at") + ("first_url",)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _select(
    since: date | None, until: date | None, include_all_modalities: bool, dataset: str = DETENTE
) -> tuple[str, list]:
    clauses, params = (
        [
            modality_clause(include_all_modalities).replace("modality", "m.modality"),
            dataset_clause(dataset, "m.dataset"),
        ],
        [],
    )
    in_period, period_params = period_clauses("m.series_date", since, until)
    clauses += in_period
    params += period_params
    columns = ", ".join(f"m.{c}" for c in EXPORT_COLUMNS if c != "first_url")
    sql = f"""
        SELECT {columns}, coalesce(a.url, d.url) AS first_url
        FROM merged_events m
        LEFT JOIN events e ON e.id = m.first_event_id
        LEFT JOIN articles a ON a.id = e.article_id
        LEFT JOIN dataset_events d ON d.id = m.first_event_id
        WHERE {" AND ".join(clauses)}
        ORDER BY m.series_date NULLS LAST, m.id
    """
    return sql, params


def export_events(
    store: Store,
    out: str | Path,
    fmt: str = "csv",
    since: date | None = None,
    until: date | None = None,
    include_all_modalities: bool = False,
    dataset: str = DETENTE,
) -> int:
    """Write merged events of ``dataset`` to ``out`` in ``fmt``; return how many were written."""
    if fmt not in EXPORT_FORMATS:
        raise QueryError(f"export format {fmt!r} is not one of {', '.join(EXPORT_FORMATS)}.")
    check_range(since, until)
    sql, params = _select(since, until, include_all_modalities, dataset)
    path = Path(out)
    try:
        if fmt == "parquet":
            frame = store.query_df(sql, params)
            frame.to_parquet(path, index=False)
            count = len(frame)
        else:
            rows = store.query(sql, params)
            with path.open("w", encoding="utf-8", newline="") as handle:
                _WRITERS[fmt](handle, rows)
            count = len(rows)
    except OSError as exc:
        raise InputError(f"{path}: cannot write the export: {exc.strerror or exc}.") from exc
    log.info("exported %d merged events to %s (%s)", count, path, fmt)
    return count


def _plain(value: Any) -> Any:
    return value.isoformat() if hasattr(value, "isoformat") else value


def _write_csv(handle, rows: list[dict[str, Any]]) -> None:
    writer = csv.writer(handle)
    writer.writerow(EXPORT_COLUMNS)
    for row in rows:
        writer.writerow([_csv_cell(_plain(row.get(c))) for c in EXPORT_COLUMNS])


def _csv_cell(value: Any) -> Any:
    """Lists joined with ``;``; spreadsheet formulas neutralised."""
    if isinstance(value, list):
        value = ";".join(str(v) for v in value)
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def _write_jsonl(handle, rows: list[dict[str, Any]]) -> None:
    for row in rows:
        record = {c: _plain(row.get(c)) for c in EXPORT_COLUMNS}
        handle.write(json.dumps(record, ensure_ascii=False) + "\n")


def _write_gdelt(handle, rows: list[dict[str, Any]]) -> None:
    writer = csv.writer(
        handle, delimiter="\t", quoting=csv.QUOTE_NONE, escapechar="\\", lineterminator="\n"
    )
    for row in rows:
        writer.writerow(" ".join(field.split()) for field in gdelt_row(row, row.get("first_url")))


_WRITERS = {"csv": _write_csv, "jsonl": _write_jsonl, "gdelt": _write_gdelt}
