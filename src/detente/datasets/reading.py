"""Reading provider files with DuckDB's CSV reader, and the lines it rejected.

One read takes a batch of files of the same layout (a day of GDELT's 15-minute files, or one
big file). The reader gets the files' columns by name, all as text, with no quoting and no
type guessing, and reads only the columns the layout's SELECT uses; the SELECT parses dates
and numbers. A line the reader cannot take — a wrong number of fields, text that is not
UTF-8 — goes to DuckDB's rejects table with its file and line number; the others come out in
file order, each with the file it came from.
"""

from __future__ import annotations

from collections.abc import Sequence

from .files import DataFile
from .layout import STAGED_COLUMNS, Layout

REJECTS = "_rejects"
REJECT_SCANS = "_reject_scans"
_COUNT_ERRORS = ("TOO MANY COLUMNS", "MISSING COLUMNS")
_CONTENT = (
    "date_text",
    "source_name",
    "source_country_raw",
    "target_name",
    "target_country_raw",
    "code_key",
    "url",
    "story_id",
    "sentence_number",
    "event_text",
    "location_text",
)
"""What a row without a provider id is known by (its content key)."""


def literal(text: str) -> str:
    """A SQL string literal."""
    return "'" + text.replace("'", "''") + "'"


def read_csv_sql(
    files: Sequence[DataFile], layout: Layout, names: tuple[str, ...], rejects: bool
) -> str:
    """``read_csv(...)`` of ``files``, their columns named ``names`` (file order), all text,
    with a ``filename`` column; with ``rejects``, the lines it cannot read go to the rejects
    table, else they are skipped."""
    paths = ", ".join(literal(str(f.path)) for f in files)
    columns = ", ".join(f"{literal(n)}: 'VARCHAR'" for n in names)
    errors = (
        f"store_rejects = true, rejects_table = '{REJECTS}', rejects_scan = '{REJECT_SCANS}'"
        if rejects
        else "ignore_errors = true"
    )
    return (
        f"read_csv([{paths}], columns = {{{columns}}}, delim = '\t', "
        f"header = {str(layout.header).lower()}, quote = '', escape = '', auto_detect = false, "
        f"filename = true, {errors})"
    )


def staged_sql(
    files: Sequence[DataFile], layout: Layout, names: tuple[str, ...], rejects: bool
) -> str:
    """SQL: the files' readable lines as :data:`~.layout.STAGED_COLUMNS`, with ``filename``
    and ``position``: the line's place among the lines read (from 0, in the order the reader
    gives them: file by file, line by line — an order that joins later need not keep). A row
    without a provider id gets a key over its content as its ``provider_id``."""
    select = ", ".join(f"{expr} AS {name}" for expr, name in zip(layout.select, STAGED_COLUMNS))
    key = f"'key:' || md5(concat_ws('|', {', '.join(_CONTENT)}))"
    return (
        f"SELECT * REPLACE (coalesce(provider_id, {key}) AS provider_id), "
        f"row_number() OVER () - 1 AS position "
        f"FROM (SELECT {select}, filename FROM {read_csv_sql(files, layout, names, rejects)})"
    )


def distinct_values(
    con, sql: str, columns: tuple[str, ...], where: dict[str, str] | None = None
) -> dict[str, list[str]]:
    """The distinct non-empty values of each of ``columns`` in the rows of ``sql`` (of those
    rows where the column's condition in ``where`` holds)."""
    where = where or {}
    lists = ", ".join(
        f"list(DISTINCT {c}) FILTER (WHERE {c} IS NOT NULL AND {where.get(c, 'true')})"
        for c in columns
    )
    row = con.execute(f"SELECT {lists} FROM ({sql})").fetchall()[0]
    return {c: list(values or []) for c, values in zip(columns, row)}


def rejected_lines(con, names: tuple[str, ...]) -> dict[str, list[tuple[int, str]]]:
    """For each file (by path) with lines the reader rejected: (line, reason) of each, in file
    order, one reason a line."""
    rows = con.execute(
        f"SELECT s.file_path, e.line, e.error_type, e.csv_line, e.error_message "
        f"FROM {REJECTS} e JOIN {REJECT_SCANS} s USING (scan_id, file_id) "
        "ORDER BY s.file_path, e.line, e.column_idx"
    ).fetchall()
    reasons: dict[str, dict[int, str]] = {}
    for path, line, kind, text, message in rows:
        found = reasons.setdefault(path, {})
        if int(line) in found:
            continue
        if kind in _COUNT_ERRORS:
            fields = len((text or "").strip("\r\n").split("\t"))
            found[int(line)] = f"wrong column count: {fields} fields, expected {len(names)}"
        else:
            found[int(line)] = f"unreadable line: {kind.lower()}: {message}"
    return {path: sorted(lines.items()) for path, lines in reasons.items()}
