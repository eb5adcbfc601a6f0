"""Starting Spark for detente, and saying clearly why it cannot be started."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import SparkJobError, SparkUnavailableError

if TYPE_CHECKING:
    from pyspark.sql import SparkSession


__all__ = ["SparkJobError", "SparkUnavailableError", "spark_problem", "spark_session"]


def spark_problem() -> str | None:
    """Why Spark cannot run here (no PySpark, no Java), or None when it can."""
    try:
        import pyspark  # noqa: F401
    except ImportError:
        return (
            "PySpark is not installed; install the extra with `pip install 'detente[spark]'` "
            "(or `pip install 'pyspark>=3.5,<5'`)."
        )
    java_home = os.environ.get("JAVA_HOME")
    if java_home and Path(java_home, "bin", "java").exists():
        return None
    if shutil.which("java") is None:
        return "Java is not installed (Spark needs Java 17 or 21); install a JDK or set JAVA_HOME."
    return None


def spark_session(
    master: str | None = None,
    *,
    app_name: str = "detente",
    shuffle_partitions: int | None = None,
    conf: dict[str, str] | None = None,
) -> SparkSession:
    """A SparkSession configured for detente: UTC, Parquet timestamps in microseconds.

    ``master`` None takes the one ``spark-submit`` gives, else ``local[*]`` (every core
    of this machine). For ``local[...]`` masters the
    executors run this Python and find this detente (no ``--py-files`` needed) and
    the web UI is off.
    """
    problem = spark_problem()
    if problem:
        raise SparkUnavailableError(problem)
    from pyspark.sql import SparkSession

    if master is None and "PYSPARK_GATEWAY_PORT" not in os.environ:  # not under spark-submit
        master = "local[*]"
    builder = SparkSession.builder.appName(app_name)
    settings = {
        "spark.sql.session.timeZone": "UTC",
        "spark.sql.parquet.outputTimestampType": "TIMESTAMP_MICROS",
    }
    if master:
        builder = builder.master(master)
    if master and master.startswith("local"):
        package_root = str(Path(__file__).resolve().parents[2])
        # PySpark starts its Python workers with $PYSPARK_PYTHON (else `python3` on the PATH,
        # which may lack detente's dependencies); this process's Python has them.
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
        settings.update(
            {
                "spark.ui.enabled": "false",
                "spark.ui.showConsoleProgress": "false",
                "spark.executorEnv.PYTHONPATH": package_root,
            }
        )
    if shuffle_partitions:
        settings["spark.sql.shuffle.partitions"] = str(shuffle_partitions)
    settings.update(conf or {})
    for key, value in settings.items():
        builder = builder.config(key, value)
    try:
        return builder.getOrCreate()
    except Exception as exc:  # the JVM failed to start: say so in one line
        raise SparkUnavailableError(
            f"Spark could not start (master {master or 'from spark-submit'}): "
            f"{str(exc).splitlines()[0] if str(exc) else type(exc).__name__}"
        ) from exc
