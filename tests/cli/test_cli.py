"""The command line as a user runs it: real processes, real files, exit codes and messages."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ARTICLE = (
    "North Korea's vice foreign minister met Russian Deputy Foreign Minister Igor Morgulov "
    "in Moscow on Thursday, the ministry said."
)


def detente(
    *args: str, stdin: str | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "detente", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=300,
        check=False,
    )


@pytest.mark.slow
def test_code_reads_stdin_as_one_article_and_prints_stable_json():
    result = detente("code", "-", "--published", "2019-03-17", "--json", stdin=ARTICLE)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 1
    doc = json.loads(lines[0])
    assert doc["article"]["published"] == "2019-03-17"
    event = doc["events"][0]
    assert {
        "source",
        "target",
        "code",
        "root",
        "name",
        "plover",
        "quad_class",
        "goldstein",
        "modality",
        "location",
        "date",
        "reported_by",
        "sentence",
        "sentence_index",
        "span",
        "trigger",
        "confidence",
    } <= set(event)
    assert (event["source"]["country"], event["target"]["country"]) == ("PRK", "RUS")
    assert event["date"] == {
        "start": "2019-03-14",
        "end": "2019-03-14",
        "precision": "day",
        "text": "Thursday",
    }
    start, end = event["span"]
    assert ARTICLE[start:end] == event["sentence"]


@pytest.mark.slow
def test_code_on_jsonl_prints_one_line_per_record_in_input_order(tmp_path):
    records = tmp_path / "batch.jsonl"
    records.write_text(
        "\n".join(
            [
                json.dumps({"id": "first", "text": ARTICLE, "published": "2019-03-17"}),
                "{broken",
                json.dumps(
                    {
                        "id": "third",
                        "text": "China condemned the missile launch by North Korea on Monday.",
                        "published": "2019-05-10",
                    }
                ),
            ]
        )
        + "\n"
    )
    result = detente("code", str(records), "--json")
    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert lines[0]["article"]["record_id"] == "first"
    assert "line 2" in lines[1]["skipped"]["reason"]
    assert lines[2]["article"]["record_id"] == "third"


def test_a_file_that_is_not_a_store_gets_a_one_line_error_and_exit_1(tmp_path):
    bogus = tmp_path / "notes.duckdb"
    bogus.write_text("shopping list\n" * 100)
    result = detente("stats", "--db", str(bogus))
    assert result.returncode == 1
    assert "[D021]" in result.stderr and "notes.duckdb is not a DuckDB database" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_bad_date_option_is_explained(tmp_path):
    result = detente("events", "--db", str(tmp_path / "x.duckdb"), "--since", "March")
    assert result.returncode == 1
    assert "--since 'March' is not a date; write it as YYYY-MM-DD" in result.stderr


@pytest.mark.slow
def test_ingest_strict_exits_non_zero_when_something_was_skipped(tmp_path):
    (tmp_path / "good.txt").write_text("Date: 2019-03-17\n\n" + ARTICLE)
    (tmp_path / "empty.txt").write_text("")
    db = tmp_path / "s.duckdb"
    relaxed = detente("ingest", str(tmp_path), "--db", str(db), "--workers", "1")
    assert relaxed.returncode == 0, relaxed.stderr
    assert "1 new" in relaxed.stdout and "1 skipped" in relaxed.stdout
    strict = detente(
        "ingest", str(tmp_path / "empty.txt"), "--db", str(db), "--strict", "--workers", "1"
    )
    assert strict.returncode == 3
