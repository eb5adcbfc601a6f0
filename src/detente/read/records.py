"""JSON, JSON lines and CSV: one article per record, fields chosen by ``FieldNames``.

JSON lines and CSV are streamed record by record; a ``.json`` file is one JSON
document (an array of records or a single record) unless its first line is a
whole record, in which case it is read as JSON lines.
"""

from __future__ import annotations

import csv
import json
import logging
from collections.abc import Iterator, Mapping
from typing import Any

from ..model import Article, Skipped
from .dates import parse_published
from .decode import decode_document
from .finish import make_article
from .lines import bounded_lines, open_text
from .options import FieldNames, ReadOptions
from .problems import Unreadable, shorten
from .sources import Source, open_payload, read_document

log = logging.getLogger(__name__)


def read_jsonl(source: Source, options: ReadOptions) -> Iterator[Article | Skipped]:
    records = 0
    with open_text(source, options.max_bytes) as stream:
        for number, line in enumerate(bounded_lines(stream, options.max_bytes), start=1):
            if not line.strip():
                continue
            records += 1
            origin = f"{source.origin}:{number}"
            try:
                record = _loads(line)
            except Unreadable as exc:
                yield Skipped(origin, f"malformed JSON on line {number}: {exc.message}")
                continue
            yield record_article(record, options, origin)
    if not records:
        raise Unreadable("no records: the file holds only blank lines")


def read_json(source: Source, options: ReadOptions) -> Iterator[Article | Skipped]:
    if _first_line_is_record(source, options.max_bytes):
        yield from read_jsonl(source, options)
        return
    document = read_document(source, options.max_bytes)
    if document.truncated:
        raise document.truncated  # a cut JSON document cannot be parsed at all
    try:
        value = _loads(decode_document(document.data))
    except Unreadable as exc:
        raise Unreadable(f"malformed JSON: {exc.message}") from exc
    records = value if isinstance(value, list) else [value]
    for number, record in enumerate(records, start=1):
        yield record_article(record, options, f"{source.origin}#{number}")


def _first_line_is_record(source: Source, max_bytes: int) -> bool:
    with open_payload(source, max_bytes) as stream:
        first = stream.readline(min(max_bytes, 1_000_000)).strip()
    if not first.startswith(b"{"):
        return False
    try:
        return isinstance(json.loads(first), dict)
    except (ValueError, RecursionError):
        return False


def _loads(text: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise Unreadable(f"{exc.msg} (column {exc.colno})") from exc
    except RecursionError as exc:
        raise Unreadable("nested too deeply") from exc
    except ValueError as exc:  # e.g. an integer beyond Python's digit limit
        raise Unreadable(str(exc).split(";")[0]) from exc


def read_csv(source: Source, options: ReadOptions) -> Iterator[Article | Skipped]:
    yield from _read_delimited(source, options, ",")


def read_tsv(source: Source, options: ReadOptions) -> Iterator[Article | Skipped]:
    yield from _read_delimited(source, options, "\t")


def _read_delimited(
    source: Source, options: ReadOptions, delimiter: str
) -> Iterator[Article | Skipped]:
    csv.field_size_limit(max(csv.field_size_limit(), options.max_bytes))
    rows = 0
    with open_text(source, options.max_bytes) as stream:
        reader = csv.reader(bounded_lines(stream, options.max_bytes), delimiter=delimiter)
        header = _csv_header(reader, options.fields)
        while True:
            line = reader.line_num + 1
            origin = f"{source.origin}:{line}"
            try:
                row = next(reader)
            except StopIteration:
                break
            except csv.Error as exc:
                rows += 1
                yield Skipped(origin, f"malformed CSV row on line {line}: {exc}")
                continue
            if any(cell.strip() for cell in row):
                rows += 1
                yield _row_item(row, header, options, origin, line)
    if not rows:
        raise Unreadable("CSV has a header but no rows")


def _row_item(
    row: list[str], header: list[str], options: ReadOptions, origin: str, line: int
) -> Article | Skipped:
    if len(row) != len(header):
        return Skipped(
            origin,
            f"malformed CSV row on line {line}: {len(row)} fields, the header has {len(header)}",
        )
    return record_article(dict(zip(header, row, strict=True)), options, origin)


def _csv_header(reader: Iterator[list[str]], fields: FieldNames) -> list[str]:
    """The column names; refused when none of them can hold the text."""
    try:
        header = [name.strip().lstrip("\ufeff") for name in next(reader)]
    except StopIteration as exc:
        raise Unreadable("empty CSV file: no header row") from exc
    except csv.Error as exc:
        raise Unreadable(f"malformed CSV header: {exc}") from exc
    if not set(fields.text) & set(header):
        columns = ", ".join(" ".join(name.split()) for name in header)
        raise Unreadable(
            f"CSV has no text column (tried: {', '.join(fields.text)}; "
            f"its columns: {shorten(columns, 200)})"
        )
    return header


def record_article(record: Any, options: ReadOptions, origin: str) -> Article | Skipped:
    """The article in one JSON object or CSV row."""
    if not isinstance(record, Mapping):
        return Skipped(origin, f"record is a JSON {_json_type(record)}, not an object")
    fields = options.fields
    name = next((n for n in fields.text if record.get(n) is not None), None)
    if name is None:
        return Skipped(origin, f"record has no text field (tried: {', '.join(fields.text)})")
    text = record[name]
    if isinstance(text, str) and not text.strip():
        return Skipped(origin, f"record's text field '{name}' is empty")
    if not isinstance(text, str):
        return Skipped(
            origin, f"record's text field '{name}' is a JSON {_json_type(text)}, not a string"
        )
    return make_article(
        text,
        options,
        origin,
        title=_scalar(record, fields.title),
        url=_scalar(record, fields.url),
        source=_scalar(record, fields.source),
        published=_published(record, fields),
        record_id=_scalar(record, fields.id),
    )


def _first_present(record: Mapping, names: tuple[str, ...]) -> tuple[str, Any] | None:
    for name in names:
        if name in record and record[name] not in (None, ""):
            return name, record[name]
    return None


def _scalar(record: Mapping, names: tuple[str, ...]) -> str | None:
    found = _first_present(record, names)
    if found is None or isinstance(found[1], dict | list | bool):
        return None
    return str(found[1])


def _published(record: Mapping, fields: FieldNames) -> Any:
    found = _first_present(record, fields.published)
    return parse_published(found[1]) if found else None


def _json_type(value: Any) -> str:
    names = {dict: "object", list: "array", str: "string", bool: "boolean", type(None): "null"}
    return names.get(type(value), "number")
