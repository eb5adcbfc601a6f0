"""The Spark job for provider event files: ``detente spark INPUT... OUTPUT --input-format gdelt``.

A ten-year GDELT history (hundreds of thousands of files, ~300M rows) is read and staged on
the cluster, each task as ``detente import`` stages a batch (:mod:`.provider_files`), and
written as Parquet (see :mod:`.layout`)::

    OUTPUT/dataset_events/event_month=2019-04/...   the store's dataset_events rows, by month
    OUTPUT/dataset_skipped/   file, line, reason: every line skipped, as `detente import` says
    OUTPUT/dataset_files/     file, layout: every file read
    OUTPUT/run/               one row: dataset, format, inputs and counts

``detente load OUTPUT`` then stores the rows not stored yet and merges them, month by month,
with the import's own SQL.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import UTC
from functools import partial
from typing import TYPE_CHECKING, Any

from ..datasets.loader import check_dataset_name, check_format
from ..errors import InputError
from .job import output_exists, spark_error_line
from .layout import (
    DATASET_EVENTS,
    DATASET_FILES,
    DATASET_SKIPPED,
    EVENT_MONTH,
    RUN,
    table_path,
)
from .provider_files import EVENT, FILE, SKIPPED_LINE, stage_provider_files, staged_schema
from .session import SparkJobError

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession

log = logging.getLogger(__name__)

_RUN_SCHEMA = (
    "kind string, dataset string, format string, inputs array<string>, output string, "
    "files long, rows long, skipped long, spark_version string, master string, "
    "finished_at string, seconds double"
)
DATASET_RUN = "dataset import"
"""``run.kind`` of an output of provider files (the coding job's run has no kind)."""


@dataclass
class DatasetJobResult:
    """What one Spark run over provider files did; also written to ``OUTPUT/run``."""

    dataset: str
    format: str
    inputs: list[str]
    output: str
    files: int
    rows: int
    skipped: int
    seconds: float

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "seconds": round(self.seconds, 2)}


def run_import_job(
    spark: SparkSession,
    fmt: str,
    inputs: Sequence[str],
    output: str,
    *,
    dataset: str | None = None,
    partitions: int | None = None,
    overwrite: bool = False,
) -> DatasetJobResult:
    """Stage every ``fmt`` file in ``inputs`` (files, folders; local, ``hdfs://``, ``s3a://``)
    as rows of ``dataset`` (default: the format's name) and write them under ``output``.
    ``partitions``: how many tasks share the files (default: one per input split)."""
    from py4j.protocol import Py4JJavaError
    from pyspark import StorageLevel
    from pyspark.errors import PySparkException

    started = time.perf_counter()
    check_format(fmt)
    dataset = check_dataset_name(dataset or fmt)
    if not inputs:
        raise InputError("no inputs: give at least one file or folder of event files.")
    if not overwrite and output_exists(spark, output):
        raise InputError(
            f"{output} already exists; choose another output folder or pass --overwrite."
        )
    staged = None
    try:
        staged = stage(spark, fmt, dataset, inputs, partitions)
        staged = staged.persist(StorageLevel.MEMORY_AND_DISK)
        write_staged(staged, output, "overwrite" if overwrite else "errorifexists")
        result = _result(staged, fmt, dataset, inputs, output, time.perf_counter() - started)
        _write_run(spark, result)
    except (PySparkException, Py4JJavaError) as exc:
        raise SparkJobError(spark_error_line(exc, output)) from exc
    finally:
        if staged is not None:
            staged.unpersist()
    log.info("spark import: %d rows of %d files, %d lines skipped", result.rows, result.files,
             result.skipped)  # fmt: skip
    return result


def stage(
    spark: SparkSession,
    fmt: str,
    dataset: str,
    inputs: Sequence[str],
    partitions: int | None = None,
) -> DataFrame:
    """The inputs' files staged on the executors: :func:`.provider_files.staged_schema` rows."""
    from pyspark.errors import AnalysisException
    from pyspark.sql.pandas.types import from_arrow_schema

    try:
        found = (
            spark.read.format("binaryFile")
            .option("recursiveFileLookup", "true")
            .load(list(map(str, inputs)))
            .select("path", "content")
        )
    except AnalysisException as exc:
        raise InputError(
            f"cannot read the inputs: {spark_error_line(exc)}. Check that each path exists."
        ) from exc
    if partitions:
        found = found.repartition(partitions, "path")
    stager = partial(stage_provider_files, fmt=fmt, dataset=dataset)
    return found.mapInArrow(stager, from_arrow_schema(staged_schema()))


def write_staged(staged: DataFrame, output: str, mode: str) -> None:
    from pyspark.sql import functions as F

    record = F.col("record")
    events = staged.where(record == EVENT).drop("record", "reason", "layout")
    events.write.mode(mode).partitionBy(EVENT_MONTH).parquet(table_path(output, DATASET_EVENTS))
    skipped = staged.where(record == SKIPPED_LINE).select(
        F.col("source_file").alias("file"), F.col("source_line").alias("line"), "reason"
    )
    skipped.coalesce(1).write.mode(mode).parquet(table_path(output, DATASET_SKIPPED))
    files = staged.where(record == FILE).select(F.col("source_file").alias("file"), "layout")
    files.coalesce(1).write.mode(mode).parquet(table_path(output, DATASET_FILES))


def _result(
    staged: DataFrame,
    fmt: str,
    dataset: str,
    inputs: Sequence[str],
    output: str,
    seconds: float,
) -> DatasetJobResult:
    from pyspark.sql import functions as F

    record = F.col("record")
    counts = staged.agg(
        F.count_if(record == FILE).alias("files"),
        F.count_if(record == EVENT).alias("rows"),
        F.count_if(record == SKIPPED_LINE).alias("skipped"),
    ).collect()[0]
    return DatasetJobResult(
        dataset=dataset,
        format=fmt,
        inputs=list(map(str, inputs)),
        output=output,
        files=int(counts["files"]),
        rows=int(counts["rows"]),
        skipped=int(counts["skipped"]),
        seconds=seconds,
    )


def _write_run(spark: SparkSession, result: DatasetJobResult) -> None:
    from datetime import datetime

    row = {
        **result.to_dict(),
        "kind": DATASET_RUN,
        "spark_version": spark.version,
        "master": spark.sparkContext.master,
        "finished_at": datetime.now(UTC).isoformat(timespec="seconds"),
    }
    frame = spark.createDataFrame([row], _RUN_SCHEMA)
    frame.coalesce(1).write.mode("overwrite").parquet(table_path(result.output, RUN))
