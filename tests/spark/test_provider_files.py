"""Provider event files on an executor, without Spark: staged as `detente import` stages them,
then loaded (`detente load`) into the same store rows, merged events, skips and counts."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pyarrow as pa
import pytest
from dataset_outputs import imported_rows, summary_facts, write_staged
from event_files import (
    GDELT1_COLUMNS,
    GDELT_FILE,
    ICEWS_FILE,
    POLECAT_FILE,
    gdelt_event,
    write_lines,
)

from detente.datasets import import_files
from detente.datasets.staged_parquet import StagedParquet, load_staged
from detente.spark.layout import DATASET, EVENT, FILE, SKIPPED_LINE
from detente.spark.load import parquet_glob
from detente.spark.provider_files import stage_provider_files
from detente.store import Store


def files_batch(*paths: Path) -> pa.RecordBatch:
    """Rows as Spark's binaryFile source gives them (``file:`` URIs, the bytes)."""
    return pa.RecordBatch.from_pylist(
        [{"path": f"file:{p}", "content": p.read_bytes()} for p in paths]
    )


def staged(fmt: str, *paths: Path, dataset: str | None = None) -> list[pa.RecordBatch]:
    return list(stage_provider_files([files_batch(*paths)], fmt, dataset or fmt))


def load(batches: list[pa.RecordBatch], output: Path, store: Store, fmt: str, dataset: str):
    write_staged(batches, output)
    parquet = StagedParquet(
        *(parquet_glob(output, f"{DATASET}/record={kind}") for kind in (EVENT, SKIPPED_LINE, FILE))
    )
    return load_staged(store, parquet, dataset, fmt)


@pytest.mark.parametrize(
    "fmt, path", [("gdelt", GDELT_FILE), ("icews", ICEWS_FILE), ("polecat", POLECAT_FILE)]
)
def test_staged_on_an_executor_and_loaded_is_what_an_import_stores(tmp_path, fmt, path):
    with Store(tmp_path / "imported.duckdb") as store:
        imported = import_files(store, fmt, [path])
        expected = imported_rows(store)
    with Store(tmp_path / "loaded.duckdb") as store:
        loaded = load(staged(fmt, path), tmp_path / "out", store, fmt, fmt)
        assert imported_rows(store) == expected
    assert summary_facts(loaded) == summary_facts(imported)
    assert loaded.files == imported.files == [str(path)]


def test_skipped_lines_keep_their_line_and_reason(tmp_path):
    rows = pa.Table.from_batches(staged("gdelt", GDELT_FILE)).to_pylist()
    skipped = [(r["source_file"], r["source_line"], r["reason"]) for r in rows
               if r["record"] == SKIPPED_LINE]  # fmt: skip
    assert skipped == [
        (str(GDELT_FILE), 6, "bad date '20190231'"),
        (str(GDELT_FILE), 7, "unknown CAMEO code '099'"),
        (str(GDELT_FILE), 8, "wrong column count: 4 fields, expected 61"),
    ]
    files = [(r["source_file"], r["layout"]) for r in rows if r["record"] == FILE]
    assert files == [(str(GDELT_FILE), "GDELT 2.0 events (61 columns)")]
    events = [r for r in rows if r["record"] == EVENT]
    assert {r["event_month"] for r in events} == {"2019-04", "2019-05"}
    assert all(r["import_id"] is None and r["dataset"] == "gdelt" for r in events)


def test_zips_empty_files_and_files_of_two_layouts_in_one_batch(tmp_path):
    archive = tmp_path / "20190403101500.export.CSV.zip"
    with zipfile.ZipFile(archive, "w") as packed:
        packed.write(GDELT_FILE, "20190403101500.export.CSV")
    empty = tmp_path / "20190404.export.CSV"
    empty.write_text("")
    old = write_lines(
        tmp_path / "20190405.export.CSV",
        [gdelt_event(9, 20190405, "USA", "CHN", "036", 4.0, 1, columns=GDELT1_COLUMNS)],
    )
    paths = [archive, empty, old]
    with Store(tmp_path / "imported.duckdb") as store:
        imported = import_files(store, "gdelt", paths, dataset="gdelt-all")
        expected = imported_rows(store)
    with Store(tmp_path / "loaded.duckdb") as store:
        batches = staged("gdelt", *paths, dataset="gdelt-all")
        loaded = load(batches, tmp_path / "out", store, "gdelt", "gdelt-all")
        assert imported_rows(store) == expected
    # the same skips; an import lists an empty file's as it meets it, before its batch's
    assert _by_file(summary_facts(loaded)) == _by_file(summary_facts(imported))
    assert (
        sorted(loaded.files)
        == sorted(imported.files)
        == sorted([f"{archive}!20190403101500.export.CSV", str(empty), str(old)])
    )


def test_loading_the_same_output_again_stores_nothing_twice(tmp_path):
    batches = staged("gdelt", GDELT_FILE)
    with Store(tmp_path / "loaded.duckdb") as store:
        first = load(batches, tmp_path / "out", store, "gdelt", "gdelt")
        again = load(batches, tmp_path / "out2", store, "gdelt", "gdelt")
        assert (first.stored, again.stored, again.duplicates, again.merged_events) == (6, 0, 6, 0)
        assert store.scalar("SELECT count(*) FROM dataset_events") == 6
        assert store.scalar("SELECT count(*) FROM dataset_imports") == 2


def test_a_row_repeated_in_a_later_file_is_stored_once_from_the_first(tmp_path):
    first = write_lines(
        tmp_path / "a.export.CSV", [gdelt_event(1, 20190101, "USA", "CHN", "036", 4.0, 1)]
    )
    second = write_lines(
        tmp_path / "b.export.CSV",
        [
            gdelt_event(2, 20190101, "USA", "CHN", "036", 4.0, 1),
            gdelt_event(1, 20190101, "USA", "CHN", "036", 4.0, 1),
        ],
    )
    with Store(tmp_path / "imported.duckdb") as store:
        imported = import_files(store, "gdelt", [first, second])
        expected = imported_rows(store)
    with Store(tmp_path / "loaded.duckdb") as store:
        loaded = load(staged("gdelt", second, first), tmp_path / "out", store, "gdelt", "gdelt")
        assert imported_rows(store) == expected
    assert (loaded.stored, loaded.duplicates) == (imported.stored, imported.duplicates) == (2, 1)


def _by_file(facts: dict) -> dict:
    skips = sorted(facts["skipped_rows"], key=lambda s: (s["file"], s["line"] or 0))
    return {**facts, "skipped_rows": skips}
