"""What a store holds after importing provider files, to compare `detente import` with
`detente spark --input-format ...` + `detente load` on the same files."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from detente.spark.layout import DATASET, EVENT_MONTH
from detente.store import Store


def imported_rows(store: Store) -> dict[str, list[dict]]:
    """Every stored row of the imported datasets and their merged events (less the times)."""
    return {
        "dataset_events": store.query("SELECT * FROM dataset_events ORDER BY id"),
        "merged_events": store.query(
            "SELECT * EXCLUDE (updated_at) FROM merged_events ORDER BY id"
        ),
    }


def summary_facts(summary) -> dict:
    """What an import says it did, less its timings and the files' names."""
    facts = summary.to_dict()
    for key in ("import_seconds", "merge_seconds", "files"):
        facts.pop(key)
    return facts


def write_staged(batches: list[pa.RecordBatch], output: Path) -> Path:
    """The executors' output written as the Spark job writes it (by kind, events by month)."""
    table = pa.Table.from_batches(batches)
    pq.write_to_dataset(table, output / DATASET, partition_cols=["record", EVENT_MONTH])
    return output
