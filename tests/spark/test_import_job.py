"""`detente spark --input-format gdelt|icews|polecat` in local[2], then `detente load`: the
store holds what `detente import` of the same files stores, skipped lines and all."""

from __future__ import annotations

import shutil
import zipfile

import duckdb
import pytest
from dataset_outputs import imported_rows, summary_facts
from event_files import GDELT_FILE, ICEWS_FILE, POLECAT_FILE

from detente.datasets import import_files
from detente.errors import InputError
from detente.spark.load import is_dataset_output, load_dataset_output
from detente.store import Store

pytestmark = [pytest.mark.spark, pytest.mark.slow]


@pytest.fixture(scope="module")
def gdelt_folder(tmp_path_factory):
    """A day of GDELT as published: a zip of a 15-minute file, and a plain file, in a folder."""
    folder = tmp_path_factory.mktemp("gdelt")
    with zipfile.ZipFile(folder / "20190403101500.export.CSV.zip", "w") as archive:
        archive.write(GDELT_FILE, "20190403101500.export.CSV")
    shutil.copy(GDELT_FILE, folder / "20190403104500.export.CSV")
    return folder


@pytest.fixture(scope="module")
def gdelt_output(spark, gdelt_folder, tmp_path_factory):
    from detente.spark.import_job import run_import_job

    out = tmp_path_factory.mktemp("gdelt-out") / "run"
    result = run_import_job(spark, "gdelt", [str(gdelt_folder)], str(out), dataset="gdelt2",
                            partitions=2)  # fmt: skip
    return result, out


def _loaded(out, tmp_path):
    with Store(tmp_path / "loaded.duckdb") as store:
        return load_dataset_output(out, store), imported_rows(store)


def _imported(fmt, paths, tmp_path, dataset=None):
    with Store(tmp_path / "imported.duckdb") as store:
        summary = import_files(store, fmt, paths, dataset=dataset)
        return summary, imported_rows(store)


def test_a_folder_of_gdelt_files_loads_as_its_import_stores_it(
    gdelt_output, gdelt_folder, tmp_path
):
    result, out = gdelt_output
    loaded, rows = _loaded(out, tmp_path)
    imported, expected = _imported("gdelt", sorted(gdelt_folder.iterdir()), tmp_path, "gdelt2")
    assert rows == expected
    assert summary_facts(loaded) == summary_facts(imported)
    assert sorted(loaded.files) == sorted(imported.files)
    assert (result.files, result.rows, result.skipped) == (2, 12, 6)
    assert [(s.line, s.reason) for s in loaded.skips[:3]] == [
        (6, "bad date '20190231'"),
        (7, "unknown CAMEO code '099'"),
        (8, "wrong column count: 4 fields, expected 61"),
    ]
    assert loaded.duplicates == 6  # the plain file repeats the zipped one


def test_the_output_is_the_store_rows_by_event_month(spark, gdelt_output, gdelt_folder):
    from detente.spark.import_job import run_import_job

    _, out = gdelt_output
    assert is_dataset_output(out)
    events = out / "dataset" / "record=event"
    months = sorted(p.name for p in events.iterdir() if p.is_dir())
    assert months == ["event_month=2019-04", "event_month=2019-05"]
    run = duckdb.sql(
        f"SELECT kind, dataset, format, files, rows, skipped FROM read_parquet('{out}/run/*.parquet')"
    ).fetchall()
    assert run == [("dataset import", "gdelt2", "gdelt", 2, 12, 6)]
    with pytest.raises(InputError, match="already exists.*--overwrite"):
        run_import_job(spark, "gdelt", [str(gdelt_folder)], str(out))


@pytest.mark.parametrize("fmt, path", [("icews", ICEWS_FILE), ("polecat", POLECAT_FILE)])
def test_icews_and_polecat_files_load_as_their_import_stores_them(spark, tmp_path, fmt, path):
    from detente.spark.import_job import run_import_job

    run_import_job(spark, fmt, [str(path)], str(tmp_path / "out"))
    loaded, rows = _loaded(tmp_path / "out", tmp_path)
    imported, expected = _imported(fmt, [path], tmp_path)
    assert rows == expected
    assert summary_facts(loaded) == summary_facts(imported)
    assert loaded.files == imported.files == [str(path)]


def test_a_file_in_no_layout_of_the_format_fails_the_job_naming_it(spark, tmp_path):
    from detente.spark.import_job import run_import_job
    from detente.spark.session import SparkJobError

    with pytest.raises(SparkJobError, match="not in the icews events layout"):
        run_import_job(spark, "icews", [str(GDELT_FILE)], str(tmp_path / "out"))
