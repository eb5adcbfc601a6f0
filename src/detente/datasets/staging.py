"""Staging: a batch of provider files of one layout → the temporary table ``_rows``, with where
each row was in its file and every line that cannot be stored, with its reason.

Staging needs no store: :func:`stage_files` runs on any DuckDB connection, the store's while
importing (:mod:`.loader`), an in-memory one on a Spark executor (:mod:`detente.spark`). What
is stored, and merged, from ``_rows`` is the loader's business.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..errors import DatasetFileError
from . import gdelt, icews, polecat
from .files import DataFile, first_line
from .layout import Layout
from .mapping import drop_lookups, mapped_sql, register_lookups
from .reading import REJECT_SCANS, REJECTS, literal, rejected_lines

FORMATS: dict[str, tuple[Layout, ...]] = {
    "gdelt": gdelt.LAYOUTS,
    "icews": icews.LAYOUTS,
    "polecat": polecat.LAYOUTS,
}
ROWS = "_rows"
_TEMP_TABLES = (ROWS, "_files", "_bad_lines", "_dups", "_firsts", REJECTS, REJECT_SCANS)


@dataclass(frozen=True)
class SkippedRow:
    """One row not imported: the file (as the user named it), its line, and why."""

    file: str
    line: int | None
    reason: str

    @property
    def kind(self) -> str:
        """The reason without its particulars ("bad date", "wrong column count")."""
        return self.reason.split(" '")[0].split(":")[0]


@dataclass(frozen=True)
class Lines:
    """SQL over ``_rows m``: the file a row was read from (``file``) and its line in it
    (``line``), with the ``join`` they need; ``helpers``: the columns of ``_rows`` that are
    not stored as they are."""

    file: str
    line: str
    join: str
    helpers: tuple[str, ...] = ("position", "problem", "filename")


@dataclass(frozen=True)
class Staged:
    """A staged batch: ``_rows`` holds its readable rows (``problems`` of them cannot be
    stored); ``skipped`` lists every line skipped, in file order; ``lines`` says where each
    row was read."""

    lines: Lines
    skipped: list[SkippedRow]
    problems: int


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


def stage_files(
    con, files: Sequence[DataFile], layout: Layout, names: tuple[str, ...], dataset: str
) -> Staged:
    """Read ``files`` (one layout, columns ``names``) into ``_rows``: each readable row mapped
    (:func:`~.mapping.mapped_sql`), with its ``position`` and ``problem``."""
    drop_staging(con)
    register_lookups(con, layout, files, names)
    con.execute(f"CREATE TEMP TABLE {ROWS} AS {mapped_sql(layout, files, names, dataset)}")
    rejected = rejected_lines(con, names)
    lines = _line_numbers(con, layout, files, rejected)
    problems, skipped = _skipped_rows(con, lines, files, rejected)
    return Staged(lines, skipped, problems)


def unreadable(files: Sequence[DataFile], layout: Layout, exc: Exception) -> DatasetFileError:
    """The error for files DuckDB cannot read as ``layout`` (nothing of them is stored)."""
    named = ", ".join(f.name for f in files[:3]) + (" ..." if len(files) > 3 else "")
    return DatasetFileError(
        f"{named}: cannot read {'it' if len(files) == 1 else 'them'} as {layout.version}: "
        f"{str(exc).splitlines()[0]}. Nothing from {'it' if len(files) == 1 else 'them'} "
        "was stored."
    )


def drop_staging(con) -> None:
    """Drop what staging (and storing) leave on the connection."""
    for name in _TEMP_TABLES:
        con.execute(f"DROP TABLE IF EXISTS {name}")
    drop_lookups(con)


MAX_CASE_SHIFTS = 64
"""Up to this many rejected lines in a batch, a row's line is worked out by a CASE; beyond,
by a join."""


def _line_numbers(
    con, layout: Layout, files: Sequence[DataFile], rejected: dict[str, list[tuple[int, str]]]
) -> Lines:
    """Where each row of ``_rows`` was in its file.

    ``position`` counts the lines read from the batch's files in order; a row's line is its
    place in its own file (position minus the file's first position) plus one, plus the
    header, plus the rejected lines of its file before it: for the i-th rejected line of a
    file (line L), the file's rows from its place L - header - i on are i lines further down.
    (Blank lines, which the reader skips, are not counted.)"""
    counts = dict(con.execute(f"SELECT filename, count(*) FROM {ROWS} GROUP BY ALL").fetchall())
    firsts, first = {}, 0
    for file in files:
        firsts[str(file.path)] = first
        first += counts.get(str(file.path), 0)
    con.execute(
        "CREATE TEMP TABLE _files (path VARCHAR, name VARCHAR, ordinal INTEGER, first BIGINT)"
    )
    con.executemany(
        "INSERT INTO _files VALUES (?, ?, ?, ?)",
        [[str(f.path), f.name, i, firsts[str(f.path)]] for i, f in enumerate(files)],
    )
    header = 1 if layout.header else 0
    base = f"m.position - f.first + 1 + {header}"
    join = "JOIN _files f ON f.path = m.filename"
    shifts: dict[tuple[str, int], int] = {}  # (file, first position shifted) -> shift
    for path, found in rejected.items():
        for i, (line, _) in enumerate(found, start=1):
            shifts[(path, firsts[path] + line - header - i)] = i
    if not shifts:
        return Lines("f.name", base, join)
    if len(shifts) <= MAX_CASE_SHIFTS:
        cases = " ".join(
            f"WHEN m.filename = {literal(path)} AND m.position >= {at} THEN {n}"
            for (path, at), n in sorted(shifts.items(), key=lambda s: (s[0][0], -s[0][1]))
        )
        return Lines("f.name", f"{base} + CASE {cases} ELSE 0 END", join)
    con.execute("CREATE TEMP TABLE _bad_lines (path VARCHAR, at BIGINT, shift BIGINT)")
    con.executemany(
        "INSERT INTO _bad_lines VALUES (?, ?, ?)", [[p, at, n] for (p, at), n in shifts.items()]
    )
    return Lines(
        "f.name",
        f"{base} + coalesce(b.shift, 0)",
        f"{join} ASOF LEFT JOIN _bad_lines b ON b.path = m.filename AND m.position >= b.at",
    )


def _skipped_rows(
    con, lines: Lines, files: Sequence[DataFile], rejected: dict[str, list[tuple[int, str]]]
) -> tuple[int, list[SkippedRow]]:
    """How many rows cannot be stored, and every line skipped (rejected by the reader, or a
    row that cannot be stored) with its file, line and reason, in file order."""
    problems = con.execute(
        f"SELECT f.ordinal, {lines.line}, problem FROM {ROWS} m {lines.join} "
        "WHERE problem IS NOT NULL"
    ).fetchall()
    ordinal = {str(f.path): i for i, f in enumerate(files)}
    found = [(int(i), int(line), why) for i, line, why in problems]
    found += [(ordinal[p], line, why) for p, lines_ in rejected.items() for line, why in lines_]
    return len(problems), [SkippedRow(files[i].name, line, why) for i, line, why in sorted(found)]
