"""The common loader: provider files → rows of ``dataset_events``, checked, deduplicated,
merged — each step one SQL statement over the whole file.

Each file is read once by DuckDB's own CSV reader into a staging table (:mod:`.reading`), so
memory follows DuckDB's buffers (bounded while importing, spilling beyond), not the file.
Countries, sectors, places and event codes are mapped by joins against small tables
(:mod:`.codes`: static for GDELT's codes, one entry per distinct value for names in words);
the readable, new rows go into ``dataset_events`` in one INSERT, and the new rows are merged
into merged events in one GROUP BY (:mod:`.merging`). A row that does not fit is skipped with
its line number and reason:

* ``wrong column count`` — the reader rejects the line;
* ``no event date`` / ``bad date '20190231'`` — the reader rejects the line's date;
* ``bad NumMentions 'x'`` — the reader rejects a number that is not one;
* ``unknown CAMEO code '099'`` — the code is not in the CAMEO codebook;
* ``PLOVER 'ASSAULT' has no single CAMEO root`` — the CAMEO→PLOVER table maps it to several.

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
from .codes import (
    cameo_country_table,
    code_table,
    country_of_name,
    fips_table,
    group_table,
    lookup_table,
    sector_of,
)
from .files import DataFile, expand_data_paths, first_line, opened_members
from .layout import STAGED_COLUMNS, Layout
from .merging import fold_rows, merge_key_sql
from .reading import (
    REJECT_SCANS,
    REJECTS,
    distinct_values,
    literal,
    rejected_lines,
    staged_sql,
)

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
    the format's name), merging each file's new rows into merged events as it goes (unless
    ``merge`` is False: then ``merge_dataset`` merges them later)."""
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
                        _import_file(store, fmt, member, summary, merge)
    finally:  # the run records what was stored, also when a later file was refused
        summary.import_seconds = time.perf_counter() - started
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
    store.scalar(f"SET memory_limit = {literal(limit)}")
    try:
        yield
    finally:
        store.scalar("RESET memory_limit")  # the store never sets its own


def _start_run(store: Store, dataset: str, fmt: str, files: list[str]) -> int:
    with store.transaction() as con:
        (run,) = con.execute("SELECT coalesce(max(id), 0) + 1 FROM dataset_imports").fetchall()[0]
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


def _import_file(
    store: Store, fmt: str, file: DataFile, summary: ImportSummary, merge: bool
) -> None:
    if not first_line(file):
        summary.files.append(file.name)
        summary.skip(SkippedRow(file.name, None, "empty file"), "empty file")
        return
    layout, names = choose_layout(fmt, file)
    try:
        with store.transaction() as con:
            _drop_temp(con)
            _register_lookups(con, layout, file, names)
            con.execute(f"CREATE TEMP TABLE _rows AS {_mapped_sql(layout, file, names, summary)}")
            rejected = rejected_lines(con, names)
            lines = _line_numbers(con, layout, rejected)
            problems = _problem_rows(con, lines)
            staged, keep = _new_rows(con, summary.dataset)
            stored = _insert(con, lines, keep, merge)
            if merge and stored:
                began = time.perf_counter()
                rows = f"SELECT *, position AS rid FROM _rows m WHERE {keep}"
                summary.merged_events += fold_rows(con, summary.dataset, rows)[1]
                summary.merge_seconds += time.perf_counter() - began
            _drop_temp(con)
    except duckdb.Error as exc:
        raise DatasetFileError(
            f"{file.name}: cannot read it as {layout.version}: {str(exc).splitlines()[0]}. "
            "Nothing from this file was stored."
        ) from exc
    summary.files.append(file.name)
    summary.layouts.append(layout.version)
    summary.rows_read += staged + len(rejected)
    summary.stored += stored
    summary.duplicates += staged - len(problems) - stored
    for line, reason in sorted(rejected + problems):
        summary.skip(SkippedRow(file.name, line, reason), reason.split(" '")[0].split(":")[0])


_TEMP_TABLES = ("_rows", "_bad_lines", "_dups", "_firsts", REJECTS, REJECT_SCANS)
_LOOKUPS = ("_codes", "_states", "_known_groups", "_countries", "_named", "_sectors", "_places")


def _drop_temp(con) -> None:
    for name in _TEMP_TABLES:
        con.execute(f"DROP TABLE IF EXISTS {name}")
    for name in _LOOKUPS:
        try:
            con.unregister(name)
        except duckdb.Error:
            pass


_NAMED = (
    "source_country_raw",
    "target_country_raw",
    "source_sector_raw",
    "target_sector_raw",
    "location_country_raw",
    "source_name",
    "target_name",
)


def _register_lookups(con, layout: Layout, file: DataFile, names: tuple[str, ...]) -> None:
    """The small tables the rows' codes are joined against: static ones for GDELT's codes,
    and for names in words (ICEWS, POLECAT) one entry per distinct value in the file, found
    by a first read of the columns that hold them."""
    con.register("_codes", code_table())
    if layout.countries == "cameo":
        con.register("_states", cameo_country_table())
        con.register("_known_groups", group_table())
    if layout.places == "fips":
        con.register("_places", fips_table())
    if not layout.in_words:
        return
    unplaced = {f"{s}_name": f"{s}_country_raw IS NULL" for s in ("source", "target")}
    values = distinct_values(con, staged_sql(file, layout, names, False), _NAMED, unplaced)
    countries = values["source_country_raw"] + values["target_country_raw"]
    con.register("_countries", lookup_table(countries, country_of_name))
    sectors = values["source_sector_raw"] + values["target_sector_raw"]
    con.register("_sectors", lookup_table(sectors, sector_of, "sector"))
    con.register("_places", lookup_table(values["location_country_raw"], country_of_name))
    actors = values["source_name"] + values["target_name"]  # of actors given no country
    con.register("_named", lookup_table(actors, country_of_name))


# -- the rows ----------------------------------------------------------------------------------
def _code(layout: Layout, column: str) -> str:
    """SQL: a column of the row's entry in the code table (its key, else its fallback key)."""
    if not _has_fallback(layout):
        return f"c.{column}"
    return f"CASE WHEN c.raw IS NOT NULL THEN c.{column} ELSE cf.{column} END"


def _has_fallback(layout: Layout) -> bool:
    return layout.select[STAGED_COLUMNS.index("code_fallback_key")] != "CAST(NULL AS VARCHAR)"


def _code_joins(layout: Layout) -> str:
    joins = "LEFT JOIN _codes c ON c.raw = m.code_key"
    if _has_fallback(layout):
        joins += " LEFT JOIN _codes cf ON cf.raw = m.code_fallback_key"
    return joins


def _country_sql(layout: Layout, side: str) -> str:
    if layout.countries == "cameo":
        return f"coalesce({side}c.country, {side}g.country)"
    return f"coalesce({side}c.country, {side}n.country)"


def _sector_sql(layout: Layout, side: str) -> str:
    if layout.countries == "cameo":  # GDELT's Actor1Type1Code is a CAMEO sector code
        raw = f"m.{side}_sector_raw"
        return f"CASE WHEN length({raw}) = 3 THEN upper({raw}) END"
    return f"{side}s.sector"


def _side_joins(layout: Layout, side: str) -> str:
    if layout.countries == "cameo":
        return (
            f"LEFT JOIN _states {side}c ON {side}c.raw = m.{side}_country_raw "
            f"LEFT JOIN _known_groups {side}g ON {side}g.raw = m.{side}_group_raw"
        )
    return (
        f"LEFT JOIN _countries {side}c ON {side}c.raw = m.{side}_country_raw "
        f"LEFT JOIN _named {side}n ON m.{side}_country_raw IS NULL AND {side}n.raw = m.{side}_name "
        f"LEFT JOIN _sectors {side}s ON {side}s.raw = m.{side}_sector_raw"
    )


_QUADS = {
    "VERBAL COOPERATION": 1,
    "MATERIAL COOPERATION": 2,
    "VERBAL CONFLICT": 3,
    "MATERIAL CONFLICT": 4,
}


def _quad_sql(layout: Layout) -> str:
    words = " ".join(f"WHEN '{w}' THEN {n}" for w, n in _QUADS.items())
    return (
        "CASE WHEN m.quad_raw IN ('1', '2', '3', '4') THEN CAST(m.quad_raw AS TINYINT) "
        f"ELSE coalesce(CASE upper(m.quad_raw) {words} END, {_code(layout, 'quad_class')}) END"
    )


def _quoted(expr: str) -> str:
    """SQL: ``expr`` between single quotes, for a reason."""
    return f"'''' || {expr} || ''''"


def _problem_sql(layout: Layout) -> str:
    """SQL: why a row cannot be stored (NULL when it can)."""
    plover = _quoted("m.plover_raw || coalesce('/' || m.plover_mode_raw, '')")
    return f"""CASE
        WHEN m.date_text IS NULL THEN 'no event date'
        WHEN m.event_date IS NULL THEN 'bad date ' || {_quoted("m.date_text")}
        WHEN {_code(layout, "code")} IS NOT NULL THEN NULL
        WHEN m.plover_raw IS NOT NULL
            THEN 'PLOVER ' || {plover} || ' has no single CAMEO root in the CAMEO-PLOVER table'
        ELSE 'unknown CAMEO code ' || {_quoted("coalesce(m.code_key, '')")}
    END"""


def _mapped_sql(
    layout: Layout, file: DataFile, names: tuple[str, ...], summary: ImportSummary
) -> str:
    """SQL: the file's readable rows as rows of ``dataset_events`` (``source_line`` aside), with
    their merged event's id, their ``pid`` and, for a row that cannot be stored, a ``problem``."""
    dataset = literal(summary.dataset)
    sides = []
    for side in ("source", "target"):
        sides.append(
            f"m.{side}_code AS {side}_code_raw, m.{side}_name AS {side}_name, "
            f"{_country_sql(layout, side)} AS {side}_country, "
            f"{_sector_sql(layout, side)} AS {side}_sector"
        )
    inner = f"""
        SELECT {dataset} || ':' || m.pid AS id, {dataset} AS dataset, m.pid AS provider_id,
               m.event_date, {", ".join(sides)},
               {_code(layout, "code")} AS code, {_code(layout, "root")} AS root,
               coalesce(m.plover_raw, {_code(layout, "plover")}) AS plover,
               coalesce(m.plover_mode_raw, {_code(layout, "plover_mode")}) AS plover_mode,
               {_quad_sql(layout)} AS quad_class,
               coalesce(m.goldstein, {_code(layout, "goldstein")}) AS goldstein,
               m.mentions, m.sources, m.articles, m.tone, m.location_text,
               pl.country AS location_country, m.latitude, m.longitude, m.url, m.story_id,
               m.sentence_number, m.publisher, m.event_text, m.date_added,
               {literal(file.name)} AS source_file, {summary.import_id} AS import_id,
               m.pid, m.position, {_problem_sql(layout)} AS problem
        FROM ({staged_sql(file, layout, names, rejects=True)}) m {_code_joins(layout)}
        {_side_joins(layout, "source")} {_side_joins(layout, "target")}
        LEFT JOIN _places pl ON pl.raw = m.location_country_raw
    """
    codes = ", ".join(
        f"coalesce({s}_code_raw, nullif(coalesce({s}_country, '') "
        f"|| coalesce(nullif({s}_sector, 'IGO'), ''), '')) AS {s}_code"
        for s in ("source", "target")
    )
    return (
        f"SELECT *, {merge_key_sql()} AS merged_id FROM ("
        f"SELECT * EXCLUDE (source_code_raw, target_code_raw), {codes} FROM ({inner}))"
    )


@dataclass(frozen=True)
class _Lines:
    """SQL over ``_rows m``: a row's line in its file (``expr``), with the ``join`` it needs."""

    expr: str
    join: str = ""


MAX_CASE_SHIFTS = 64
"""Up to this many rejected lines, a row's line is worked out by a CASE; beyond, a join."""


def _line_numbers(con, layout: Layout, rejected: list[tuple[int, str]]) -> _Lines:
    """Where each row of ``_rows`` was in its file.

    A row's ``position`` counts the lines the reader took; its line is its position plus
    one, plus the header, plus the rejected lines before it: for the i-th rejected line (line L),
    the rows from position L - header - i on are i lines further down. (Blank lines, which
    the reader skips, are not counted.)"""
    position = "m.position"
    header = 1 if layout.header else 0
    base = f"{position} + 1 + {header}"
    shifts: dict[int, int] = {}
    for i, (line, _) in enumerate(rejected, start=1):
        shifts[line - header - i] = i
    if not shifts:
        return _Lines(base)
    if len(shifts) <= MAX_CASE_SHIFTS:
        cases = " ".join(f"WHEN {position} >= {at} THEN {n}" for at, n in reversed(shifts.items()))
        return _Lines(f"{base} + CASE {cases} ELSE 0 END")
    con.execute("CREATE TEMP TABLE _bad_lines (good_before BIGINT, shift BIGINT)")
    con.executemany("INSERT INTO _bad_lines VALUES (?, ?)", [list(kv) for kv in shifts.items()])
    return _Lines(
        f"{base} + coalesce(b.shift, 0)",
        f"ASOF LEFT JOIN _bad_lines b ON {position} >= b.good_before",
    )


def _problem_rows(con, lines: _Lines) -> list[tuple[int, str]]:
    """(line, reason) of each row that cannot be stored."""
    rows = con.execute(
        f"SELECT {lines.expr}, problem FROM _rows m {lines.join} "
        "WHERE problem IS NOT NULL ORDER BY m.position"
    ).fetchall()
    return [(int(line), reason) for line, reason in rows]


def _new_rows(con, dataset: str) -> tuple[int, str]:
    """How many rows were read, and SQL over ``_rows m`` keeping those to store: readable,
    not already in the dataset, and the first of rows that repeat an id.

    A row already stored has the same provider id (or content key) and the same event date,
    so only the stored rows of the file's dates are looked at, and only when there are any."""
    staged, repeats, lo, hi = con.execute(
        "SELECT count(*), count(pid) - count(DISTINCT pid), min(event_date), max(event_date) "
        "FROM _rows"
    ).fetchall()[0]
    keep = ["m.problem IS NULL"]
    overlap = con.execute(
        "SELECT count(*) FROM (SELECT 1 FROM dataset_events "
        "WHERE dataset = ? AND event_date BETWEEN ? AND ? LIMIT 1)",
        [dataset, lo, hi],
    ).fetchall()[0][0]
    if overlap:
        con.execute(
            "CREATE TEMP TABLE _dups AS SELECT DISTINCT provider_id FROM dataset_events "
            "WHERE dataset = ? AND event_date BETWEEN ? AND ? "
            "AND provider_id IN (SELECT pid FROM _rows)",
            [dataset, lo, hi],
        )
        keep.append("m.pid NOT IN (SELECT provider_id FROM _dups)")
    if repeats:
        con.execute(
            "CREATE TEMP TABLE _firsts AS SELECT min(position) AS first FROM _rows "
            "WHERE problem IS NULL GROUP BY pid"
        )
        keep.append("m.position IN (SELECT first FROM _firsts)")
    return int(staged), " AND ".join(keep)


def _insert(con, lines: _Lines, keep: str, merge: bool) -> int:
    """Store the rows ``keep`` keeps; return how many."""
    merged_id = "" if merge else " REPLACE (NULL AS merged_id)"
    (stored,) = con.execute(
        f"""
        INSERT INTO dataset_events BY NAME
        SELECT m.* EXCLUDE (pid, position, problem){merged_id}, {lines.expr} AS source_line
        FROM _rows m {lines.join} WHERE {keep}
        """
    ).fetchall()[0]
    return int(stored)


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
