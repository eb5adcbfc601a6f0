"""The common loader: provider files → rows of ``dataset_events``, checked, deduplicated.

Each file is read by DuckDB's own CSV reader (explicit columns, all text, no type guessing)
straight into a staging table, so memory follows DuckDB's buffers, not the file. A layout's
SELECT gives the staged columns (:mod:`.layout`); countries, sectors and PLOVER types are
resolved once per distinct value in Python and joined back; CAMEO codes are joined against
detente's ontology. A row that does not fit is skipped with its line number and reason:

* ``wrong column count`` — DuckDB's reader rejects the line (recorded with ``store_rejects``);
* ``no event date`` / ``bad date`` — the date is missing or not a calendar date;
* ``unknown CAMEO code`` — the code is not in the CAMEO codebook;
* ``PLOVER ... has no single CAMEO root`` — the CAMEO→PLOVER table maps it to several roots.

Each file is one transaction of the store's single writer: a file that fails half-way leaves
nothing behind. A row whose provider id (or, without one, content key) is already stored in
the dataset is counted as a duplicate and not stored again.
"""

from __future__ import annotations

import logging
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb

from ..errors import DatasetFileError, QueryError, StoreError
from ..store import Store
from ..store.database import utcnow
from . import gdelt, icews, polecat
from .codes import code_table, country_of_name, lookup_table, sector_of
from .files import DataFile, expand_data_paths, first_line, opened_members
from .layout import STAGED_COLUMNS, Layout

log = logging.getLogger(__name__)

FORMATS: dict[str, tuple[Layout, ...]] = {
    "gdelt": gdelt.LAYOUTS,
    "icews": icews.LAYOUTS,
    "polecat": polecat.LAYOUTS,
}
DETENTE = "detente"
MAX_LISTED_SKIPS = 1000
MEMORY_LIMIT = "1GB"
"""DuckDB's memory while importing: staging tables beyond it spill to the store's temporary
folder, so memory stays flat however large the files are."""
_QUADS = {
    "VERBAL COOPERATION": 1,
    "MATERIAL COOPERATION": 2,
    "VERBAL CONFLICT": 3,
    "MATERIAL CONFLICT": 4,
}


@dataclass(frozen=True)
class SkippedRow:
    """One row not imported: the file (as the user named it), its line, and why."""

    file: str
    line: int | None
    reason: str


@dataclass
class ImportSummary:
    """What one :func:`import_files` run did."""

    dataset: str
    format: str
    import_id: int = 0
    files: list[str] = field(default_factory=list)
    layouts: list[str] = field(default_factory=list)
    rows_read: int = 0
    stored: int = 0
    duplicates: int = 0
    skipped: int = 0
    reasons: Counter = field(default_factory=Counter)
    skips: list[SkippedRow] = field(default_factory=list)
    merged_events: int = 0
    import_seconds: float = 0.0
    merge_seconds: float = 0.0

    def skip(self, row: SkippedRow, reason_kind: str) -> None:
        self.skipped += 1
        self.reasons[reason_kind] += 1
        if len(self.skips) < MAX_LISTED_SKIPS:
            self.skips.append(row)

    def to_dict(self) -> dict[str, Any]:
        return {
            "dataset": self.dataset,
            "format": self.format,
            "import_id": self.import_id,
            "files": self.files,
            "layouts": sorted(set(self.layouts)),
            "rows_read": self.rows_read,
            "stored": self.stored,
            "duplicates": self.duplicates,
            "skipped": self.skipped,
            "skip_reasons": dict(self.reasons),
            "skipped_rows": [
                {"file": s.file, "line": s.line, "reason": s.reason} for s in self.skips
            ],
            "merged_events": self.merged_events,
            "import_seconds": round(self.import_seconds, 3),
            "merge_seconds": round(self.merge_seconds, 3),
        }


def check_format(fmt: str) -> str:
    if fmt not in FORMATS:
        raise QueryError(f"unknown event data format {fmt!r}; use one of {', '.join(FORMATS)}.")
    return fmt


def check_dataset_name(name: str) -> str:
    """A dataset name: letters, digits, '-', '_' and '.'; 'detente' is detente's own coding."""
    if not name or not all(ch.isalnum() or ch in "-_." for ch in name) or len(name) > 64:
        raise QueryError(
            f"dataset name {name!r}: use letters, digits, '-', '_' or '.' (at most 64)."
        )
    if name == DETENTE:
        raise QueryError(
            "the dataset 'detente' is detente's own coding; import into another name "
            "(--dataset gdelt, --dataset icews-2018, ...)."
        )
    return name


def import_files(
    store: Store,
    fmt: str,
    paths: Sequence[str | Path],
    dataset: str | None = None,
    merge: bool = True,
    memory_limit: str | None = MEMORY_LIMIT,
) -> ImportSummary:
    """Import provider files (``gdelt``, ``icews`` or ``polecat``) into ``dataset`` (default:
    the format's name), then merge the new rows into merged events (unless ``merge`` is False)."""
    check_format(fmt)
    dataset = check_dataset_name(dataset or fmt)
    files = expand_data_paths(paths)
    summary = ImportSummary(dataset=dataset, format=fmt)
    started = time.perf_counter()
    summary.import_id = _start_run(store, dataset, fmt, [str(f) for f in files])
    try:
        with _memory_limit(store, memory_limit):
            for path in files:
                with opened_members(path) as members:
                    for member in members:
                        _import_file(store, fmt, member, summary)
        summary.import_seconds = time.perf_counter() - started
        if merge:
            from .merging import merge_dataset

            began = time.perf_counter()
            summary.merged_events = merge_dataset(store, dataset).new_merged
            summary.merge_seconds = time.perf_counter() - began
    finally:  # the run records what was stored, also when a later file was refused
        _finish_run(store, summary)
    log.info(
        "imported %d of %d rows into dataset %s (%d duplicates, %d skipped)",
        summary.stored,
        summary.rows_read,
        dataset,
        summary.duplicates,
        summary.skipped,
    )
    return summary


@contextmanager
def _memory_limit(store: Store, limit: str | None) -> Iterator[None]:
    if limit is None:
        yield
        return
    store.scalar(f"SET memory_limit = {_literal(limit)}")
    try:
        yield
    finally:
        store.scalar("RESET memory_limit")  # the store never sets its own


def _start_run(store: Store, dataset: str, fmt: str, files: list[str]) -> int:
    with store.transaction() as con:
        (run,) = con.execute("SELECT coalesce(max(id), 0) + 1 FROM dataset_imports").fetchone()
        con.execute(
            "INSERT INTO dataset_imports (id, dataset, format, started_at, files) VALUES (?, ?, ?, ?, ?)",
            [run, dataset, fmt, utcnow(), files],
        )
    return int(run)


def _finish_run(store: Store, summary: ImportSummary) -> None:
    with store.transaction() as con:
        con.execute(
            "UPDATE dataset_imports SET finished_at = ?, rows_read = ?, stored = ?, duplicates = ?, "
            "skipped = ?, merged_events = ? WHERE id = ?",
            [
                utcnow(),
                summary.rows_read,
                summary.stored,
                summary.duplicates,
                summary.skipped,
                summary.merged_events,
                summary.import_id,
            ],
        )


# -- one file -------------------------------------------------------------------------------
def choose_layout(fmt: str, file: DataFile) -> tuple[Layout, tuple[str, ...]]:
    """The layout of ``file`` and its column names in file order, or a clear error."""
    line = first_line(file)
    layouts = FORMATS[fmt]
    if layouts[0].header:
        names = tuple(n.strip().strip('"') for n in line.split("\t"))
        for layout in layouts:
            missing = [c for c in layout.columns if c not in names]
            if not missing:
                if len(set(names)) != len(names):
                    raise DatasetFileError(f"{file.name}: the header names a column twice.")
                return layout, names
        missing = [c for c in layouts[0].columns if c not in names]
        raise DatasetFileError(
            f"{file.name}: not in the {fmt} events layout: its header lacks "
            f"{', '.join(repr(m) for m in missing[:5])}{' ...' if len(missing) > 5 else ''}. "
            f"detente reads the {layouts[0].version} layout; check the file and --format."
        )
    count = line.count("\t") + 1 if line else 0
    for layout in layouts:
        if len(layout.columns) == count:
            return layout, layout.columns
    sizes = " or ".join(str(len(layout.columns)) for layout in layouts)
    raise DatasetFileError(
        f"{file.name}: its first line has {count} tab-separated fields; {fmt} event files have "
        f"{sizes}. Is it an events file (not mentions or GKG), unpacked or .zip/.gz as published?"
    )


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _read_sql(file: DataFile, layout: Layout, names: tuple[str, ...]) -> str:
    columns = ", ".join(f"{_literal(n)}: 'VARCHAR'" for n in names)
    select = ", ".join(f"{expr} AS {name}" for expr, name in zip(layout.select, STAGED_COLUMNS))
    return f"""
        CREATE TEMP TABLE _staged AS SELECT {select}
        FROM read_csv({_literal(str(file.path))}, columns = {{{columns}}}, delim = '\t',
                      header = false, skip = {1 if layout.header else 0}, quote = '',
                      escape = '', auto_detect = false, compression = 'auto',
                      store_rejects = true, rejects_table = '_rejects',
                      rejects_scan = '_reject_scans', max_line_size = 10000000)
    """


def _import_file(store: Store, fmt: str, file: DataFile, summary: ImportSummary) -> None:
    if not first_line(file):
        summary.files.append(file.name)
        summary.skip(SkippedRow(file.name, None, "empty file"), "empty file")
        return
    layout, names = choose_layout(fmt, file)
    try:
        with store.transaction() as con:
            _drop_temp(con)
            con.execute(_read_sql(file, layout, names))
            rejected = _rejected_lines(con, layout, names)
            _record_bad_lines(con, layout, rejected)
            _register_lookups(con, layout)
            con.execute(
                _ready_sql(layout, summary.dataset, summary.import_id, file.name, bool(rejected))
            )
            skipped = _problem_rows(con)
            counts = _store_ready(con, summary.dataset)
            _drop_temp(con)
    except duckdb.Error as exc:
        raise DatasetFileError(
            f"{file.name}: cannot read it as {layout.version}: {str(exc).splitlines()[0]}. "
            "Nothing from this file was stored."
        ) from exc
    summary.files.append(file.name)
    summary.layouts.append(layout.version)
    staged, stored = counts
    summary.rows_read += staged + len(rejected)
    summary.stored += stored
    summary.duplicates += staged - len(skipped) - stored
    for line, reason in sorted(rejected + skipped):
        summary.skip(SkippedRow(file.name, line, reason), reason.split(" '")[0].split(":")[0])


def _drop_temp(con) -> None:
    for name in ("_staged", "_ready", "_rejects", "_reject_scans", "_bad_lines"):
        con.execute(f"DROP TABLE IF EXISTS {name}")
    for name in ("_codes", "_countries", "_places", "_named", "_sectors"):
        try:
            con.unregister(name)
        except duckdb.Error:
            pass


def _rejected_lines(con, layout: Layout, names: tuple[str, ...]) -> list[tuple[int, str]]:
    """(line, reason) of each line DuckDB's reader rejected, in file order."""
    rows = con.execute(
        "SELECT line, min(error_type), any_value(csv_line), min(error_message) FROM _rejects "
        "GROUP BY line ORDER BY line"
    ).fetchall()
    out = []
    for line, kind, text, message in rows:
        if kind in ("TOO MANY COLUMNS", "MISSING COLUMNS"):
            found = (text or "").count("\t") + 1
            reason = f"wrong column count: {found} fields, expected {len(names)}"
        else:
            reason = f"unreadable line: {message}"
        out.append((int(line), reason))
    return out


def _distinct(con, *columns: str) -> list[str]:
    union = " UNION ".join(f"SELECT {c} AS v FROM _staged" for c in columns)
    return [
        r[0]
        for r in con.execute(f"SELECT DISTINCT v FROM ({union}) WHERE v IS NOT NULL").fetchall()
    ]


def _register_lookups(con, layout: Layout) -> None:
    countries = lookup_table(
        _distinct(con, "source_country_raw", "target_country_raw"), layout.actor_country
    )
    places = lookup_table(_distinct(con, "location_country_raw"), country_of_name)
    named = (
        con.execute(
            "SELECT DISTINCT source_name FROM _staged WHERE source_country_raw IS NULL UNION "
            "SELECT DISTINCT target_name FROM _staged WHERE target_country_raw IS NULL"
        ).fetchall()
        if layout.sectors_in_words
        else []
    )
    con.register("_named", lookup_table([n for (n,) in named if n is not None], country_of_name))
    con.register("_countries", countries)
    con.register("_places", places)
    con.register(
        "_sectors",
        lookup_table(
            _distinct(con, "source_sector_raw", "target_sector_raw"),
            sector_of if layout.sectors_in_words else _cameo_sector,
            "sector",
        ),
    )
    keys = con.execute(f"SELECT DISTINCT {CODE_KEY} FROM _staged m").fetchall()
    con.register("_codes", code_table(k for (k,) in keys if k is not None))


CODE_KEY = "coalesce(trim(m.code_raw), m.plover_raw || '|' || coalesce(m.plover_mode_raw, ''))"
"""What a row's event code is looked up by: its CAMEO code, or ``TYPE|mode`` for PLOVER."""


def _cameo_sector(code: str) -> str | None:
    code = code.strip().upper()
    return code if len(code) == 3 and code.isalpha() else None


def _quad_sql() -> str:
    words = " ".join(f"WHEN '{w}' THEN {n}" for w, n in _QUADS.items())
    return (
        "CASE WHEN trim(m.quad_raw) IN ('1', '2', '3', '4') THEN CAST(trim(m.quad_raw) AS TINYINT) "
        f"ELSE coalesce(CASE upper(trim(m.quad_raw)) {words} END, c.quad_class) END"
    )


def _side_sql(side: str) -> str:
    return f"""
        coalesce({side}c.country, {side}n.country) AS {side}_country,
        {side}s.sector AS {side}_sector,
        coalesce(
            m.{side}_code,
            nullif(coalesce({side}c.country, {side}n.country, '')
            || coalesce(nullif({side}s.sector, 'IGO'), ''), '')
        ) AS {side}_code,
        m.{side}_name AS {side}_name"""


def _named_joins(layout: Layout) -> str:
    if not layout.sectors_in_words:  # GDELT: organisations have their own code column
        return (
            "CROSS JOIN (SELECT CAST(NULL AS VARCHAR) AS country) sourcen "
            "CROSS JOIN (SELECT CAST(NULL AS VARCHAR) AS country) targetn"
        )
    return (
        "LEFT JOIN _named sourcen ON m.source_country_raw IS NULL AND sourcen.raw = m.source_name "
        "LEFT JOIN _named targetn ON m.target_country_raw IS NULL AND targetn.raw = m.target_name"
    )


def _ready_sql(
    layout: Layout, dataset: str, import_id: int, file_name: str, any_rejected: bool
) -> str:
    key = (
        "'key:' || md5(concat_ws('|', m.date_text, m.source_name, m.source_country_raw, "
        "m.target_name, m.target_country_raw, m.code_raw, m.plover_raw, m.plover_mode_raw, "
        "m.url, m.story_id, m.sentence_number, m.event_text, m.location_text))"
    )
    return f"""
        CREATE TEMP TABLE _ready AS
        SELECT m.row_index,
               {_literal(dataset)} || ':' || m.pid AS id,
               {_literal(dataset)} AS dataset,
               m.pid AS provider_id,
               m.event_date,
               {_side_sql("source")},
               {_side_sql("target")},
               c.code, c.root,
               coalesce(upper(trim(m.plover_raw)), c.plover) AS plover,
               coalesce(lower(trim(m.plover_mode_raw)), c.plover_mode) AS plover_mode,
               {_quad_sql()} AS quad_class,
               coalesce(TRY_CAST(trim(m.goldstein_raw) AS DOUBLE), c.goldstein) AS goldstein,
               m.mentions, m.sources, m.articles, m.tone,
               m.location_text, pl.country AS location_country, m.latitude, m.longitude,
               m.url, m.story_id, m.sentence_number, m.publisher, m.event_text, m.date_added,
               {_literal(file_name)} AS source_file,
               CAST({_line_sql(layout, any_rejected)} AS BIGINT) AS source_line,
               {import_id} AS import_id,
               CASE
                   WHEN m.date_text IS NULL THEN 'no event date'
                   WHEN m.event_date IS NULL THEN 'bad date ''' || m.date_text || ''''
                   WHEN c.code IS NULL AND m.plover_raw IS NOT NULL THEN
                       'PLOVER ''' || m.plover_raw || coalesce('/' || m.plover_mode_raw, '')
                       || ''' has no single CAMEO root in the CAMEO-PLOVER table'
                   WHEN c.code IS NULL THEN 'unknown CAMEO code ''' || coalesce(m.code_raw, '') || ''''
               END AS problem
        FROM (
            SELECT *, rowid - (SELECT min(rowid) FROM _staged) AS row_index,
                   CASE WHEN nullif(trim(provider_id), '') IS NOT NULL THEN trim(provider_id)
                        ELSE {key} END AS pid
            FROM _staged m
        ) m
        LEFT JOIN _codes c ON c.raw = {CODE_KEY}
        LEFT JOIN _countries sourcec ON sourcec.raw = m.source_country_raw
        LEFT JOIN _countries targetc ON targetc.raw = m.target_country_raw
        LEFT JOIN _sectors sources ON sources.raw = m.source_sector_raw
        LEFT JOIN _sectors targets ON targets.raw = m.target_sector_raw
        LEFT JOIN _places pl ON pl.raw = m.location_country_raw
        {_named_joins(layout)}
    """


def _record_bad_lines(con, layout: Layout, rejected: list[tuple[int, str]]) -> None:
    """``_bad_lines``: for each line the reader rejected, how many good rows come before it,
    so that a good row's file line is its index + header + the rejected lines before it."""
    header = 1 if layout.header else 0
    con.execute("CREATE TEMP TABLE _bad_lines (good_before BIGINT)")
    if rejected:  # before the i-th rejected line r_i (i from 1): r_i - header - i good rows
        con.executemany(
            "INSERT INTO _bad_lines VALUES (?)",
            [[line - header - i] for i, (line, _) in enumerate(rejected, start=1)],
        )


def _line_sql(layout: Layout, any_rejected: bool) -> str:
    base = f"m.row_index + 1 + {1 if layout.header else 0}"
    if not any_rejected:
        return base
    return f"{base} + (SELECT count(*) FROM _bad_lines b WHERE b.good_before <= m.row_index)"


def _problem_rows(con) -> list[tuple[int, str]]:
    rows = con.execute(
        "SELECT source_line, problem FROM _ready WHERE problem IS NOT NULL ORDER BY row_index"
    ).fetchall()
    return [(int(line), problem) for line, problem in rows]


def _store_ready(con, dataset: str) -> tuple[int, int]:
    """Insert the good, new rows of ``_ready``; return (rows staged, rows stored).

    A stored row with the same id has the same event date (the id is the provider's, or a
    key over the row's content including its date), so only the stored rows in this file's
    range of dates are checked; DuckDB skips the rest by its per-block min/max."""
    staged, repeated, lo, hi = con.execute(
        "SELECT count(*), count(id) - count(DISTINCT id), min(event_date), max(event_date) "
        "FROM _ready WHERE problem IS NULL"
    ).fetchone()
    total = con.execute("SELECT count(*) FROM _ready").fetchone()[0]
    if not staged:
        return int(total), 0
    once = "QUALIFY row_number() OVER (PARTITION BY id ORDER BY row_index) = 1" if repeated else ""
    (stored,) = con.execute(
        f"""
        INSERT INTO dataset_events BY NAME
        SELECT * EXCLUDE (row_index, problem) FROM _ready r
        WHERE problem IS NULL
          AND id NOT IN (SELECT id FROM dataset_events
                         WHERE dataset = ? AND event_date BETWEEN ? AND ?)
        {once}
        """,
        [dataset, lo, hi],
    ).fetchone()
    return int(total), int(stored)


def dataset_names(store: Store) -> list[dict[str, Any]]:
    """The datasets in the store: detente's own and each imported one, with their sizes."""
    try:
        rows = store.query(
            """
            SELECT dataset, count(*) AS merged_events, min(series_date) AS first,
                   max(series_date) AS last
            FROM merged_events GROUP BY dataset ORDER BY dataset = 'detente' DESC, dataset
            """
        )
    except duckdb.Error as exc:
        raise StoreError(f"{store.path}: cannot list datasets: {exc}") from exc
    return rows
