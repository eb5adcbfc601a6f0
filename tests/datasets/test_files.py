"""Files as the providers ship them (.zip, .gz), folders and globs; a re-import stores nothing
twice; a file that cannot be read leaves the store as it was."""

from __future__ import annotations

import gzip
import shutil
import zipfile

import pytest
from event_files import GDELT_FILE, ICEWS_FILE, gdelt_event, write_lines

from detente.datasets import import_files
from detente.errors import DatasetFileError


def _zipped(tmp_path, source, name):
    target = tmp_path / f"{name}.zip"
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.write(source, name)
    return target


def _gzipped(tmp_path, source, name):
    target = tmp_path / f"{name}.gz"
    with source.open("rb") as raw, gzip.open(target, "wb") as packed:
        shutil.copyfileobj(raw, packed)
    return target


def test_a_gdelt_zip_as_published(store, tmp_path):
    archive = _zipped(tmp_path, GDELT_FILE, "20190403101500.export.CSV")
    summary = import_files(store, "gdelt", [archive])
    assert (summary.stored, summary.skipped) == (6, 3)
    assert summary.files == [f"{archive}!20190403101500.export.CSV"]
    assert summary.skips[0].file == f"{archive}!20190403101500.export.CSV"


def test_a_gzipped_icews_file(store, tmp_path):
    packed = _gzipped(tmp_path, ICEWS_FILE, "events.2019.tab")
    summary = import_files(store, "icews", [packed])
    assert (summary.stored, summary.skipped) == (5, 3)


def test_folders_and_globs_name_each_file_once(store, tmp_path):
    folder = tmp_path / "gdelt"
    folder.mkdir()
    write_lines(folder / "a.export.CSV", [gdelt_event(1, 20190101, "USA", "CHN", "036", 4.0, 1)])
    write_lines(folder / "b.export.CSV", [gdelt_event(2, 20190102, "USA", "CHN", "111", -2.0, 3)])
    (folder / "notes.md").write_text("not data")
    summary = import_files(store, "gdelt", [folder, str(folder / "*.CSV")])
    assert summary.files == [str(folder / "a.export.CSV"), str(folder / "b.export.CSV")]
    assert summary.stored == 2


def test_a_re_import_stores_nothing_twice(store, tmp_path):
    first = import_files(store, "gdelt", [GDELT_FILE])
    again = import_files(store, "gdelt", [_zipped(tmp_path, GDELT_FILE, "same.CSV")])
    assert (first.stored, again.stored, again.duplicates, again.merged_events) == (6, 0, 6, 0)
    assert store.scalar("SELECT count(*) FROM dataset_events") == 6
    assert store.scalar("SELECT count(*) FROM merged_events WHERE dataset = 'gdelt'") == 5
    assert store.scalar("SELECT sum(report_count) FROM merged_events") == 6


def test_the_same_row_twice_in_one_file_is_stored_once(store, tmp_path):
    line = gdelt_event(7, 20190101, "USA", "CHN", "036", 4.0, 1)
    summary = import_files(store, "gdelt", [write_lines(tmp_path / "twice.CSV", [line, line])])
    assert (summary.rows_read, summary.stored, summary.duplicates) == (2, 1, 1)


def test_rows_without_an_id_are_known_by_their_content(store, tmp_path):
    text = ICEWS_FILE.read_text(encoding="utf-8").splitlines()
    no_ids = [text[0]] + ["\t".join(["", *line.split("\t")[1:]]) for line in text[1:4]]
    path = write_lines(tmp_path / "no-ids.tab", no_ids)
    assert import_files(store, "icews", [path]).stored == 3
    again = import_files(store, "icews", [path])
    assert (again.stored, again.duplicates) == (0, 3)
    assert store.scalar("SELECT min(provider_id) FROM dataset_events").startswith("key:")


def test_the_same_file_can_be_a_second_dataset(store):
    import_files(store, "gdelt", [GDELT_FILE])
    summary = import_files(store, "gdelt", [GDELT_FILE], dataset="gdelt-copy")
    assert summary.stored == 6
    counts = store.query("SELECT dataset, count(*) AS n FROM merged_events GROUP BY 1 ORDER BY 1")
    assert counts == [{"dataset": "gdelt", "n": 5}, {"dataset": "gdelt-copy", "n": 5}]


def test_a_gdelt_mentions_file_is_refused_before_anything_is_stored(store, tmp_path):
    mentions = write_lines(tmp_path / "20190403.mentions.CSV", ["830000001\t20190403\t1"])
    with pytest.raises(DatasetFileError) as caught:
        import_files(store, "gdelt", [GDELT_FILE, mentions])
    message = str(caught.value)
    assert "[D016]" in message and "3 tab-separated fields" in message and "61" in message
    # the first file went in whole; the refused one added nothing; the run says so
    assert store.scalar("SELECT count(*) FROM dataset_events") == 6
    run = store.query("SELECT stored, finished_at FROM dataset_imports")[0]
    assert run["stored"] == 6 and run["finished_at"] is not None


def test_a_broken_zip_and_a_missing_path(store, tmp_path):
    broken = tmp_path / "broken.export.CSV.zip"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(DatasetFileError, match="cannot unpack this zip archive"):
        import_files(store, "gdelt", [broken])
    with pytest.raises(DatasetFileError, match="no such file or directory"):
        import_files(store, "gdelt", [tmp_path / "nowhere.CSV"])


def test_detente_is_not_a_name_to_import_into(store):
    from detente.errors import QueryError

    with pytest.raises(QueryError, match="detente's own coding"):
        import_files(store, "gdelt", [GDELT_FILE], dataset="detente")


def test_files_read_together_keep_their_own_lines(store, tmp_path, monkeypatch):
    from detente.datasets import loader

    monkeypatch.setattr(loader, "BATCH_FILES", 2)  # three files: a batch of two, then one
    files = [
        write_lines(
            tmp_path / "a.export.CSV", [gdelt_event(1, 20190101, "USA", "CHN", "036", 4.0, 1)]
        ),
        write_lines(
            tmp_path / "b.export.CSV",
            [
                gdelt_event(2, 20190102, "USA", "CHN", "036", 4.0, 1),
                "3\t20190102\tshort",
                gdelt_event(4, 20190199, "USA", "CHN", "036", 4.0, 1),
                gdelt_event(5, 20190102, "USA", "CHN", "111", -2.0, 3),
            ],
        ),
        _zipped(tmp_path, GDELT_FILE, "20190403101500.export.CSV"),
    ]
    summary = import_files(store, "gdelt", files)
    b = str(tmp_path / "b.export.CSV")
    assert [(s.file, s.line, s.reason) for s in summary.skips[:2]] == [
        (b, 2, "wrong column count: 3 fields, expected 61"),
        (b, 3, "bad date '20190199'"),
    ]
    assert (summary.rows_read, summary.stored, summary.skipped) == (14, 9, 5)
    lines = store.query(
        "SELECT source_file, source_line FROM dataset_events WHERE provider_id IN ('1', '2', '5') "
        "ORDER BY provider_id"
    )
    assert [(r["source_file"], r["source_line"]) for r in lines] == [
        (str(tmp_path / "a.export.CSV"), 1),
        (b, 1),
        (b, 4),
    ]
