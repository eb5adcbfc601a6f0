"""The Spark job for provider event files: ``detente spark INPUT... OUTPUT --input-format gdelt``.

A ten-year GDELT history (hundreds of thousands of files, ~300M rows) is read and staged on
the cluster, each task as ``detente import`` stages a batch (:mod:`.provider_files`), and
written as Parquet in one pass (see :mod:`.layout`)::

    OUTPUT/dataset/record=event/event_month=2019-04/...   the store's dataset_events rows
    OUTPUT/dataset/record=skipped/...   every line skipped, with its reason, as an import's
    OUTPUT/dataset/record=file/...      every file read, with its layout
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
from .layout import DATASET, EVENT, EVENT_MONTH, FILE, RUN, SKIPPED_LINE, table_path
from .provider_files import stage_provider_files, staged_schema
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
    try:
        staged = stage(spark, fmt, dataset, inputs, partitions)
        write_staged(staged, output, "overwrite" if overwrite else "errorifexists")
        result = _result(spark, fmt, dataset, inputs, output, time.perf_counter() - started)
        _write_run(spark, result)
    except (PySparkException, Py4JJavaError) as exc:
        raise SparkJobError(spark_error_line(exc, output)) from exc
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
    """One write of every kind of row (so the files are staged once, and nothing is cached),
    by kind and the events by month."""
    staged.write.mode(mode).partitionBy("record", EVENT_MONTH).parquet(table_path(output, DATASET))


def _result(
    spark: SparkSession,
    fmt: str,
    dataset: str,
    inputs: Sequence[str],
    output: str,
    seconds: float,
) -> DatasetJobResult:
    """The run's counts, read back from what was written (Parquet's row counts)."""
    counts = {
        row["record"]: row["count"]
        for row in spark.read.parquet(table_path(output, DATASET))
        .groupBy("record")
        .count()
        .collect()
    }
    return DatasetJobResult(
        dataset=dataset,
        format=fmt,
        inputs=list(map(str, inputs)),
        output=output,
        files=int(counts.get(FILE, 0)),
        rows=int(counts.get(EVENT, 0)),
        skipped=int(counts.get(SKIPPED_LINE, 0)),
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
