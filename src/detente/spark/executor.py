"""What runs on Spark's executors: files or records → articles, articles → coded rows.

Plain Python over Arrow record batches (the functions Spark's ``mapInArrow`` calls),
so the same readers, pipeline and row builders as ``detente ingest`` do the work,
and all of it can be tested without Spark. The spaCy pipeline is loaded once per
executor process and kept in a module global for every later partition.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from typing import Any

import pyarrow as pa

from ..actors import ActorRegistry
from ..model import Article, CodedArticle, Skipped
from ..pipeline import Pipeline, batched
from ..read import ReadOptions, read_bytes
from ..read.detect import kind_from_name, unsupported_reason
from ..read.records import record_article
from ..store.database import utcnow
from ..store.writer import rows_for  # the store's own row builder: one definition of a row
from .layout import CODED_LISTS, READ_SCHEMA

log = logging.getLogger(__name__)

_pipeline: Pipeline | None = None
_pipeline_key: tuple[str | None, str | None] | None = None


def executor_pipeline(
    model: str | None, registry: Any = None, registry_key: str | None = None
) -> Pipeline:
    """The pipeline of this executor process, loaded on first use.

    ``registry`` holds actor registry records (``ActorRegistry.to_records()``), as a list
    or a Spark broadcast of one, and ``registry_key`` names that content: the pipeline
    is loaded again only when the model or the registry changes.
    """
    global _pipeline, _pipeline_key
    key = (model, registry_key)
    if _pipeline is None or _pipeline_key != key:
        log.info("loading the detente pipeline (model %s) in this executor", model or "default")
        _pipeline, _pipeline_key = Pipeline.load(model, registry=_registry(registry)), key
    return _pipeline


def _registry(registry: Any) -> ActorRegistry | None:
    if registry is None:
        return None
    records = registry.value if hasattr(registry, "value") else registry  # a Spark broadcast
    return ActorRegistry.from_records(records)


def local_origin(path: str) -> str:
    """A file's name as ``detente ingest`` would give it: local ``file:`` URIs become paths."""
    if path.startswith("file://"):
        return path[len("file://") :]
    if path.startswith("file:"):
        return path[len("file:") :]
    return path


# -- reading ------------------------------------------------------------------------------
def read_files(batches: Iterable[pa.RecordBatch], options: ReadOptions) -> Iterator[pa.RecordBatch]:
    """Spark ``binaryFile`` rows (``path``, ``content``) → one batch of read rows per file."""
    for batch in batches:
        for path, content in zip(
            batch.column("path").to_pylist(), batch.column("content").to_pylist(), strict=True
        ):
            origin = local_origin(path)
            if kind_from_name(origin) is None:
                rows = [_skipped_row(Skipped(origin, unsupported_reason(origin)))]
            else:
                rows = [_read_row(item) for item in read_bytes(content or b"", origin, options)]
            yield pa.RecordBatch.from_pylist(rows, schema=READ_SCHEMA)


def read_records(
    batches: Iterable[pa.RecordBatch], options: ReadOptions, origin_column: str
) -> Iterator[pa.RecordBatch]:
    """Rows of a table (Parquet) → read rows; each row is a record, as in a JSON lines file.

    A record's origin is its file, with ``#`` and the record's id when it has one.
    """
    id_fields = options.fields.id
    for batch in batches:
        rows = []
        for record in batch.to_pylist():
            origin = local_origin(record.pop(origin_column) or "")
            record_id = next(
                (record[f] for f in id_fields if record.get(f) not in (None, "")), None
            )
            if record_id is not None:
                origin = f"{origin}#{record_id}"
            rows.append(_read_row(record_article(record, options, origin)))
        yield pa.RecordBatch.from_pylist(rows, schema=READ_SCHEMA)


def _read_row(item: Article | Skipped) -> dict[str, Any]:
    if isinstance(item, Skipped):
        return _skipped_row(item)
    return {
        "id": item.id,
        "text": item.text,
        "title": item.title,
        "url": item.url,
        "source": item.source,
        "published": item.published,
        "language": item.language,
        "origin": item.origin,
        "record_id": item.record_id,
        "skipped_reason": None,
    }


def _skipped_row(item: Skipped) -> dict[str, Any]:
    return {"origin": item.origin, "skipped_reason": item.reason}


def article_from_row(row: dict[str, Any]) -> Article:
    """The Article a read row was made from (its id is the row's: same text, same URL)."""
    return Article(
        text=row["text"],
        title=row.get("title"),
        url=row.get("url"),
        source=row.get("source"),
        published=row.get("published"),
        language=row.get("language"),
        origin=row.get("origin") or "",
        record_id=row.get("record_id"),
    )


# -- coding -------------------------------------------------------------------------------
def code_articles(
    batches: Iterable[pa.RecordBatch],
    schema: pa.Schema,
    model: str | None = None,
    batch_size: int = 64,
    registry: Any = None,
    registry_key: str | None = None,
) -> Iterator[pa.RecordBatch]:
    """Read rows sorted by id → one coded row per distinct article (the first of each id).

    ``schema`` is the Arrow form of the output schema Spark expects (see
    :func:`~detente.spark.layout.coded_schema`); ``registry`` and ``registry_key`` as
    for :func:`executor_pipeline`.
    """
    last_id = None
    for batch in batches:
        for chunk in batched(batch.to_pylist(), batch_size):
            articles = []
            for row in chunk:
                if row["id"] == last_id:  # the same article read twice: code it once
                    continue
                last_id = row["id"]
                articles.append(article_from_row(row))
            if articles:
                pipeline = executor_pipeline(
                    model, registry, registry_key
                )  # loaded once per process, not for empty tasks
                now = utcnow()
                rows = [
                    coded_row(c, pipeline.version, now)
                    for c in pipeline.code(articles, batch_size=batch_size)
                ]
                yield pa.RecordBatch.from_pylist(rows, schema=schema)


def coded_row(coded: CodedArticle, pipeline_version: str, now) -> dict[str, Any]:
    """The store's rows for one coded article: its article row, with its events, evidence and
    mentions as lists."""
    tables = rows_for([coded], pipeline_version, now)
    row = tables["articles"][0]
    for column, table in CODED_LISTS.items():
        row[column] = tables[table]
    return row
