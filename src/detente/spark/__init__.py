"""Coding news on a Spark cluster: the optional ``detente[spark]`` extra.

``run_job`` reads articles, codes them with the same pipeline as ``detente ingest``
and writes Parquet (see :mod:`.layout` for the tables); ``load_output`` brings that
Parquet into a DuckDB store. ``run_import_job`` stages GDELT, ICEWS or POLECAT event
files as ``detente import`` does, and ``load_dataset_output`` stores them. Only the jobs
need PySpark and Java; loading needs neither, and importing this package imports no Spark.
"""

from __future__ import annotations

from typing import Any

from .layout import EVENT_MONTH, STORE_TABLES
from .load import LoadSummary, is_dataset_output, load_dataset_output, load_output
from .session import SparkJobError, SparkUnavailableError, spark_problem, spark_session

__all__ = [
    "EVENT_MONTH",
    "STORE_TABLES",
    "DatasetJobResult",
    "LoadSummary",
    "SparkJobError",
    "SparkJobResult",
    "SparkUnavailableError",
    "is_dataset_output",
    "load_dataset_output",
    "load_output",
    "run_import_job",
    "run_job",
    "spark_problem",
    "spark_session",
]


def __getattr__(name: str) -> Any:
    if name in ("run_job", "SparkJobResult"):
        from . import job

        return getattr(job, name)
    if name in ("run_import_job", "DatasetJobResult"):
        from . import import_job

        return getattr(import_job, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
