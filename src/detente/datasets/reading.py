"""Reading one provider file with DuckDB's CSV reader, and the lines it rejected.

The reader gets the file's columns by name, all as text, with no quoting and no type
guessing, and reads only the columns the layout's SELECT uses; the SELECT parses dates and
numbers. A line the reader cannot take — a wrong number of fields, text that is not UTF-8 —
goes to DuckDB's rejects table with its line number; the others come out in file order.
"""

from __future__ import annotations

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


def read_csv_sql(file: DataFile, layout: Layout, names: tuple[str, ...], rejects: bool) -> str:
    """``read_csv(...)`` of ``file``, its columns named ``names`` (file order), all text;
    with ``rejects``, the lines it cannot read go to the rejects table, else they are skipped."""
    columns = ", ".join(f"{literal(n)}: 'VARCHAR'" for n in names)
    errors = (
        f"store_rejects = true, rejects_table = '{REJECTS}', rejects_scan = '{REJECT_SCANS}'"
        if rejects
        else "ignore_errors = true"
    )
    return (
        f"read_csv({literal(str(file.path))}, columns = {{{columns}}}, delim = '\t', "
        f"header = {str(layout.header).lower()}, quote = '', escape = '', auto_detect = false, "
        f"{errors})"
    )


def staged_sql(file: DataFile, layout: Layout, names: tuple[str, ...], rejects: bool) -> str:
    """SQL: the file's readable lines as :data:`~.layout.STAGED_COLUMNS`, with ``pid``, the
    provider's id or for a row without one a key over its content, and ``position``, the
    line's place among the lines read (from 0, in file order: the order the reader gives
    them in, which joins later need not keep)."""
    select = ", ".join(f"{expr} AS {name}" for expr, name in zip(layout.select, STAGED_COLUMNS))
    key = f"'key:' || md5(concat_ws('|', {', '.join(_CONTENT)}))"
    return (
        f"SELECT *, coalesce(provider_id, {key}) AS pid, row_number() OVER () - 1 AS position "
        f"FROM (SELECT {select} FROM {read_csv_sql(file, layout, names, rejects)})"
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


def rejected_lines(con, names: tuple[str, ...]) -> list[tuple[int, str]]:
    """(line, reason) of each line the reader rejected, in file order, one reason a line."""
    rows = con.execute(
        f"SELECT line, error_type, csv_line, error_message FROM {REJECTS} ORDER BY line, column_idx"
    ).fetchall()
    reasons: dict[int, str] = {}
    for line, kind, text, message in rows:
        if int(line) in reasons:
            continue
        if kind in _COUNT_ERRORS:
            found = len((text or "").strip("\r\n").split("\t"))
            reasons[int(line)] = f"wrong column count: {found} fields, expected {len(names)}"
        else:
            reasons[int(line)] = f"unreadable line: {kind.lower()}: {message}"
    return sorted(reasons.items())
