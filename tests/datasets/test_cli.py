"""The import, datasets and compare commands, and --dataset on the ties commands."""

from __future__ import annotations

import json

from event_files import GDELT_FILE, ICEWS_FILE, gdelt_event, write_lines
from typer.testing import CliRunner

from detente.cli import app
from detente.errors import DatasetFileError, QueryError

runner = CliRunner()


def json_lines(output: str) -> list[dict]:
    return [json.loads(line) for line in output.splitlines() if line.startswith("{")]


def test_import_prints_the_summary_with_each_skipped_line(tmp_path):
    db = str(tmp_path / "s.duckdb")
    result = runner.invoke(app, ["import", "gdelt", str(GDELT_FILE), "--db", db])
    assert result.exit_code == 0, result.output
    out = " ".join(result.stdout.split())
    assert (
        "9 gdelt rows read from 1 files into dataset gdelt: 6 stored, 0 already stored, 3 skipped"
        in out
    )
    assert "5 new merged events" in out
    assert f"{GDELT_FILE}:6: bad date '20190231'" in out
    assert "1 × wrong column count" in out


def test_import_json_and_a_named_dataset_then_datasets_lists_it(tmp_path):
    db = str(tmp_path / "s.duckdb")
    result = runner.invoke(
        app, ["import", "icews", str(ICEWS_FILE), "--dataset", "icews-2019", "--db", db, "--json"]
    )
    assert result.exit_code == 0, result.output
    summary = json_lines(result.stdout)[0]
    assert (summary["dataset"], summary["stored"], summary["skipped"]) == ("icews-2019", 5, 3)
    assert summary["skipped_rows"][0] == {
        "file": str(ICEWS_FILE),
        "line": 6,
        "reason": "bad date '2019-04-31'",
    }
    listed = runner.invoke(app, ["datasets", "--db", db, "--json"])
    assert [r["dataset"] for r in json_lines(listed.stdout)] == ["icews-2019"]


def test_import_of_an_unknown_format_or_a_wrong_file_is_an_error(tmp_path):
    db = str(tmp_path / "s.duckdb")
    result = runner.invoke(app, ["import", "acled", str(GDELT_FILE), "--db", db])
    assert isinstance(result.exception, QueryError)
    result = runner.invoke(app, ["import", "polecat", str(GDELT_FILE), "--db", db])
    assert isinstance(result.exception, DatasetFileError)
    assert str(GDELT_FILE) in str(result.exception)


def test_ties_commands_take_the_dataset(tmp_path):
    db = str(tmp_path / "s.duckdb")
    runner.invoke(app, ["import", "gdelt", str(GDELT_FILE), "--db", db])
    ties = runner.invoke(app, ["ties", "RUS", "PRK", "--dataset", "gdelt", "--db", db, "--json"])
    assert ties.exit_code == 0, ties.output
    assert json_lines(ties.stdout)[0]["reports"] == 3
    partners = runner.invoke(app, ["partners", "PRK", "--dataset", "gdelt", "--db", db, "--json"])
    assert [r["partner"] for r in json_lines(partners.stdout)] == ["RUS", "UNO", "USA"]
    # detente's own coding (empty here) is the default
    mine = runner.invoke(app, ["partners", "PRK", "--db", db, "--json"])
    assert mine.exit_code == 0 and json_lines(mine.stdout) == []
    for command in (["network"], ["export", str(tmp_path / "x.csv")]):
        done = runner.invoke(app, [*command, "--dataset", "gdelt", "--db", db, "--json"])
        assert done.exit_code == 0, done.output
    report = runner.invoke(
        app, ["report", "PRK", str(tmp_path / "prk.html"), "--dataset", "gdelt", "--db", db]
    )
    assert report.exit_code == 0, report.output
    assert "dataset gdelt" in (tmp_path / "prk.html").read_text(encoding="utf-8")
    shifts = runner.invoke(
        app,
        [
            "shifts",
            "PRK",
            "--around",
            "2019-04-20",
            "--window",
            "30",
            "--dataset",
            "gdelt",
            "--min-events",
            "1",
            "--db",
            db,
            "--json",
        ],
    )
    assert shifts.exit_code == 0, shifts.output
    missing = runner.invoke(app, ["ties", "RUS", "PRK", "--dataset", "polecat", "--db", db])
    assert isinstance(missing.exception, QueryError)


def test_compare_prints_both_series_and_the_largest_gap(tmp_path):
    db = str(tmp_path / "s.duckdb")
    first = write_lines(
        tmp_path / "a.CSV",
        [
            gdelt_event(1, 20190410, "RUS", "PRK", "042", 1.9, 1),
            gdelt_event(2, 20190515, "RUS", "PRK", "057", 8.0, 1),
        ],
    )
    second = write_lines(
        tmp_path / "b.CSV",
        [
            gdelt_event(1, 20190410, "RUS", "PRK", "042", 1.9, 1),
            gdelt_event(2, 20190515, "PRK", "RUS", "111", -2.0, 3),
        ],
    )
    runner.invoke(app, ["import", "gdelt", str(first), "--dataset", "one", "--db", db])
    runner.invoke(app, ["import", "gdelt", str(second), "--dataset", "two", "--db", db])
    chart = tmp_path / "cmp.png"
    args = ["compare", "PRK", "RUS", "--dataset", "one", "--dataset", "two", "--db", db]
    result = runner.invoke(app, [*args, "--chart", str(chart)])
    assert result.exit_code == 0, result.output
    out = " ".join(result.stdout.split())
    assert "2019-05-01: gap +1.30 (one +0.80 on 1 events, two -0.50 on 1)" in out
    assert "two: 2019-05-15 PRK→RUS 111" in out
    assert chart.read_bytes()[:4] == b"\x89PNG"
    as_json = json_lines(runner.invoke(app, [*args, "--json"]).stdout)
    assert as_json[0]["periods"] == 2 and as_json[0]["disagreements"][0]["gap"] == 1.3


def test_rows_imported_without_merging_are_merged_by_merge_dataset(tmp_path):
    db = str(tmp_path / "s.duckdb")
    done = runner.invoke(app, ["import", "gdelt", str(GDELT_FILE), "--no-merge", "--db", db])
    assert done.exit_code == 0, done.output
    waiting = runner.invoke(app, ["ties", "RUS", "PRK", "--dataset", "gdelt", "--db", db])
    assert isinstance(waiting.exception, QueryError)  # nothing merged: no dataset yet
    merged = runner.invoke(app, ["merge", "--dataset", "gdelt", "--db", db, "--json"])
    assert merged.exit_code == 0, merged.output
    assert json_lines(merged.stdout)[0]["new_merged"] == 5
