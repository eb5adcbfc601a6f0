"""The Spark job: read articles, code them with detente's pipeline, write Parquet.

The data's path is the one of ``detente ingest``, spread over a cluster:

1. **read** — files (JSON lines, CSV, WARC, HTML, text, feeds) arrive through Spark's
   ``binaryFile`` source and go through :func:`detente.read.read_bytes`, one task per
   file; tables (Parquet) arrive row by row and each row is read as a record;
2. **code** — articles are spread over the partitions by their id (so an article read
   twice is coded once) and coded by the same :class:`~detente.pipeline.Pipeline`
   inside ``mapInArrow``, loaded once per executor process;
3. **write** — the store's tables as Parquet, events partitioned by month, and the dyad
   tables computed with Spark SQL (see :mod:`.layout` and :mod:`.dyads`).

``detente load OUTPUT`` then brings the Parquet into a DuckDB store.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import UTC
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import InputError
from ..read import ReadOptions
from .dyads import dyad_tables
from .executor import code_articles, read_files, read_records
from .layout import (
    CODED_LISTS,
    EVENT_MONTH,
    READ_SCHEMA,
    RUN,
    SKIPPED,
    UNKNOWN_MONTH,
    coded_schema,
    table_path,
)
from .session import SparkJobError

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession

log = logging.getLogger(__name__)

INPUT_FORMATS = ("auto", "files", "parquet")
"""``auto``: paths ending in ``.parquet`` are tables, every other path is files to read."""
_ORIGIN = "_detente_origin"
_RUN_SCHEMA = (
    "inputs array<string>, output string, articles_read long, articles_coded long, "
    "duplicates long, skipped long, events long, pipeline_version string, "
    "spark_version string, master string, finished_at string, seconds double"
)


@dataclass
class SparkJobResult:
    """What one Spark run did; also written to ``OUTPUT/run``."""

    inputs: list[str]
    output: str
    articles_read: int
    articles_coded: int
    duplicates: int
    skipped: int
    events: int
    pipeline_version: str | None
    seconds: float

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "seconds": round(self.seconds, 2)}


def run_job(
    spark: SparkSession,
    inputs: Sequence[str],
    output: str,
    *,
    model: str | None = None,
    options: ReadOptions | None = None,
    input_format: str = "auto",
    partitions: int | None = None,
    batch_size: int = 64,
    overwrite: bool = False,
    registry_records: list[dict[str, Any]] | None = None,
) -> SparkJobResult:
    """Code every article in ``inputs`` and write the tables under ``output``.

    ``partitions`` is how many coding tasks (default: the cluster's default
    parallelism); each executor process loads the pipeline once, whatever the number.
    ``registry_records`` (``ActorRegistry.to_records()`` of a store's registry, as
    ``detente ingest`` uses) are broadcast to the executors; None: the built-in registry.
    """
    from py4j.protocol import Py4JJavaError
    from pyspark import StorageLevel
    from pyspark.errors import PySparkException

    started = time.perf_counter()
    if not overwrite and output_exists(spark, output):
        raise InputError(
            f"{output} already exists; choose another output folder or pass --overwrite."
        )
    read = read_articles(spark, inputs, options or ReadOptions(), input_format)
    read = read.persist(StorageLevel.MEMORY_AND_DISK)
    coded = None
    try:
        registry = _broadcast_registry(spark, registry_records)
        coded = code(
            read, partitions or spark.sparkContext.defaultParallelism, model, batch_size, registry
        )
        coded = coded.persist(StorageLevel.MEMORY_AND_DISK)
        write_tables(spark, read, coded, output, "overwrite" if overwrite else "errorifexists")
        result = _result(read, coded, list(map(str, inputs)), output, time.perf_counter() - started)
        _write_run(spark, result, output)
    except (PySparkException, Py4JJavaError) as exc:
        raise SparkJobError(spark_error_line(exc, output)) from exc
    finally:
        read.unpersist()
        if coded is not None:
            coded.unpersist()
    log.info(
        "spark job: %d articles coded, %d events, in %.1f s",
        result.articles_coded,
        result.events,
        result.seconds,
    )
    return result


def output_exists(spark: SparkSession, output: str) -> bool:
    """Whether ``output`` exists, on whatever file system Spark writes it to."""
    jvm = spark.sparkContext._jvm
    assert jvm is not None, "a started SparkContext has a JVM"
    path = jvm.org.apache.hadoop.fs.Path(output)
    return bool(path.getFileSystem(spark.sparkContext._jsc.hadoopConfiguration()).exists(path))


def read_articles(
    spark: SparkSession, inputs: Sequence[str], options: ReadOptions, input_format: str = "auto"
) -> DataFrame:
    """One row per article read, or per input that gave none (``skipped_reason`` set)."""
    from pyspark.errors import AnalysisException
    from pyspark.sql import functions as F
    from pyspark.sql.pandas.types import from_arrow_schema

    if input_format not in INPUT_FORMATS:
        raise InputError(f"input format {input_format!r} is not one of {', '.join(INPUT_FORMATS)}.")
    if not inputs:
        raise InputError("no inputs: give at least one file, folder or URI to read.")
    tables = [
        p
        for p in inputs
        if input_format == "parquet"
        or (input_format == "auto" and str(p).rstrip("/").endswith(".parquet"))
    ]
    files = [p for p in inputs if p not in tables]
    schema = from_arrow_schema(READ_SCHEMA)
    frames = []
    try:
        if files:
            found = (
                spark.read.format("binaryFile")
                .option("recursiveFileLookup", "true")
                .load(list(map(str, files)))
                .select("path", "content")
            )
            frames.append(found.mapInArrow(partial(read_files, options=options), schema))
        if tables:
            rows = spark.read.parquet(*map(str, tables))
            rows = rows.select("*", F.col("_metadata.file_path").alias(_ORIGIN))
            frames.append(
                rows.mapInArrow(
                    partial(read_records, options=options, origin_column=_ORIGIN), schema
                )
            )
    except AnalysisException as exc:
        raise InputError(
            f"cannot read the inputs: {spark_error_line(exc)}. Check that each path "
            "exists and that Parquet inputs are Parquet."
        ) from exc
    frame = frames[0]
    for other in frames[1:]:
        frame = frame.unionByName(other)
    return frame


def registry_records(db: str | Path) -> list[dict[str, Any]]:
    """The actor registry of a store (entries and sector nouns), as records for :func:`run_job`."""
    from ..registry_store import load_registry
    from ..store import Store

    with Store(db, read_only=True) as store:
        return load_registry(store).to_records()


def _broadcast_registry(
    spark: SparkSession, records: list[dict[str, Any]] | None
) -> dict[str, Any]:
    """The registry as ``code_articles`` takes it: a broadcast and a digest of its content."""
    if records is None:
        return {}
    broadcast = spark.sparkContext.broadcast(records)
    return {"registry": broadcast, "registry_key": registry_key(records)}


def registry_key(records: list[dict[str, Any]]) -> str:
    """A digest of registry records (entries and sector nouns): executors reload their
    pipeline when it changes."""
    text = json.dumps(records, sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def code(
    read: DataFrame,
    partitions: int,
    model: str | None,
    batch_size: int,
    registry: dict[str, Any] | None = None,
) -> DataFrame:
    """One row per distinct article: its store row with its events, evidence and mentions."""
    from pyspark.sql import functions as F
    from pyspark.sql.pandas.types import from_arrow_schema, to_arrow_schema

    schema = from_arrow_schema(coded_schema())
    coder = partial(
        code_articles,
        schema=to_arrow_schema(schema),
        model=model,
        batch_size=batch_size,
        **(registry or {}),
    )
    articles = read.where(F.col("skipped_reason").isNull()).drop("skipped_reason")
    # Hashing on the id sends copies of one article to one task, sorted next to each other,
    # and spreads a single large input file over every executor.
    return (
        articles.repartition(partitions, "id")
        .sortWithinPartitions("id", "origin")
        .mapInArrow(coder, schema)
    )


def events_with_month(coded: DataFrame) -> DataFrame:
    """The coded events, one row each, with ``event_month`` (see :data:`layout.EVENT_MONTH`)."""
    from pyspark.sql import functions as F

    month = F.date_format(F.coalesce(F.col("date_start"), F.col("published")), "yyyy-MM")
    return _exploded(coded, "events").withColumn(
        EVENT_MONTH, F.coalesce(month, F.lit(UNKNOWN_MONTH))
    )


def write_tables(
    spark: SparkSession, read: DataFrame, coded: DataFrame, output: str, mode: str
) -> None:
    from pyspark.sql import functions as F

    coded.drop(*CODED_LISTS).write.mode(mode).parquet(table_path(output, "articles"))
    events = events_with_month(coded)
    events.write.mode(mode).partitionBy(EVENT_MONTH).parquet(table_path(output, "events"))
    for column, table in CODED_LISTS.items():
        if table != "events":
            _exploded(coded, column).write.mode(mode).parquet(table_path(output, table))
    skipped = read.where(F.col("skipped_reason").isNotNull()).select(
        "origin", F.col("skipped_reason").alias("reason")
    )
    skipped.coalesce(1).write.mode(mode).parquet(table_path(output, SKIPPED))
    for name, frame in dyad_tables(spark, events).items():
        frame.coalesce(1).write.mode(mode).parquet(table_path(output, name))


def _exploded(coded: DataFrame, column: str) -> DataFrame:
    from pyspark.sql import functions as F

    return coded.select(F.explode(column).alias("row")).select("row.*")


def _result(
    read: DataFrame, coded: DataFrame, inputs: list[str], output: str, seconds: float
) -> SparkJobResult:
    from pyspark.sql import functions as F

    counts = read.agg(
        F.count_if(F.col("skipped_reason").isNull()).alias("read"),
        F.count_if(F.col("skipped_reason").isNotNull()).alias("skipped"),
    ).collect()[0]
    coded_counts = coded.agg(
        F.count("*").alias("coded"),
        F.sum(F.size("events")).alias("events"),
        F.max("pipeline_version").alias("version"),
    ).collect()[0]
    return SparkJobResult(
        inputs=inputs,
        output=output,
        articles_read=counts["read"],
        articles_coded=coded_counts["coded"],
        duplicates=counts["read"] - coded_counts["coded"],
        skipped=counts["skipped"],
        events=int(coded_counts["events"] or 0),
        pipeline_version=coded_counts["version"],
        seconds=seconds,
    )


def _write_run(spark: SparkSession, result: SparkJobResult, output: str) -> None:
    from datetime import datetime

    row = {
        **result.to_dict(),
        "spark_version": spark.version,
        "master": spark.sparkContext.master,
        "finished_at": datetime.now(UTC).isoformat(timespec="seconds"),
    }
    frame = spark.createDataFrame([row], _RUN_SCHEMA)
    frame.coalesce(1).write.mode("overwrite").parquet(table_path(output, RUN))


_PYTHON_ERROR = re.compile(r"^[\w.]+(Error|Exception)\b.*$", re.MULTILINE)


def spark_error_line(exc: BaseException, output: str | None = None) -> str:
    """The line of a Spark error that says what went wrong (for an executor's Python error,
    the error itself rather than Spark's preamble)."""
    text = str(exc).strip()
    if "PATH_ALREADY_EXISTS" in text:
        return (
            f"{output}: the output already holds a run; choose another folder or pass --overwrite."
        )
    line = text.splitlines()[0] if text else type(exc).__name__
    found = [m.group(0) for m in _PYTHON_ERROR.finditer(text)]
    if "Python worker" in line and found:
        return f"an executor failed: {found[-1]}"
    return line
