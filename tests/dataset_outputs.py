"""What a store holds after importing provider files, to compare `detente import` with
`detente spark --input-format ...` + `detente load` on the same files."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from detente.spark.layout import DATASET_EVENTS, DATASET_FILES, DATASET_SKIPPED, EVENT_MONTH
from detente.spark.provider_files import EVENT, FILE, SKIPPED_LINE
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
    """The executors' output written as the Spark job writes it (events by month)."""
    table = pa.Table.from_batches(batches)
    kind = table.column("record")
    events = table.filter(pa.compute.equal(kind, EVENT)).drop_columns(
        ["record", "reason", "layout"]
    )
    if events.num_rows:
        pq.write_to_dataset(events, output / DATASET_EVENTS, partition_cols=[EVENT_MONTH])
    skipped = table.filter(pa.compute.equal(kind, SKIPPED_LINE))
    (output / DATASET_SKIPPED).mkdir(parents=True)
    pq.write_table(
        pa.table(
            {
                "file": skipped.column("source_file"),
                "line": skipped.column("source_line"),
                "reason": skipped.column("reason"),
            }
        ),
        output / DATASET_SKIPPED / "part-0.parquet",
    )
    files = table.filter(pa.compute.equal(kind, FILE))
    (output / DATASET_FILES).mkdir(parents=True)
    pq.write_table(
        pa.table({"file": files.column("source_file"), "layout": files.column("layout")}),
        output / DATASET_FILES / "part-0.parquet",
    )
    return output
