"""The ties commands: thin wrappers that print tables, JSON or CSV and write files."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

import detente.cli.cmd_ties  # noqa: F401  (registers the commands)
from detente.cli import app

runner = CliRunner()


@pytest.fixture(scope="module")
def db(unmerged_2019_db):
    result = runner.invoke(app, ["merge", "--db", unmerged_2019_db, "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["new_merged"] == 130
    return unmerged_2019_db


def json_lines(output: str) -> list[dict]:
    return [json.loads(line) for line in output.splitlines() if line.startswith("{")]


def test_ties_prints_the_series_and_writes_a_chart(db, tmp_path):
    chart = tmp_path / "prk-rus.png"
    result = runner.invoke(app, ["ties", "PRK", "RUS", "--db", db, "--json", "--chart", str(chart)])
    assert result.exit_code == 0, result.output
    rows = json_lines(result.stdout)
    assert rows[0]["period"] == "2019-01-01" and rows[0]["tie"] < 0 < rows[-1]["tie"]
    assert chart.read_bytes()[:4] == b"\x89PNG"


def test_partners_accepts_country_names(db):
    result = runner.invoke(app, ["partners", "North Korea", "--db", db, "--format", "csv"])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0].startswith("partner,tie,events")
    assert [line.split(",")[0] for line in result.stdout.splitlines()[1:]] == ["CHN", "RUS", "USA"]


def test_shifts_around_a_date_and_automatically(db, tmp_path):
    around = runner.invoke(app, ["shifts", "PRK", "--around", "2019-02-28", "--db", db, "--json"])
    assert [r["partner"] for r in json_lines(around.stdout)] == ["USA", "RUS", "CHN"]
    chart = tmp_path / "shifts.svg"
    auto = runner.invoke(
        app, ["shifts", "PRK", "--auto", "--db", db, "--json", "--chart", str(chart)]
    )
    assert auto.exit_code == 0, auto.output
    assert {r["partner"] for r in json_lines(auto.stdout)} == {"USA", "RUS"}
    assert b"<svg" in chart.read_bytes()[:2000]


def test_network_lists_pairs_or_blocs(db):
    pairs = runner.invoke(app, ["network", "--db", db, "--json"])
    assert len(json_lines(pairs.stdout)) == 3
    found = runner.invoke(
        app, ["network", "--blocs", "--since", "2019-03-01", "--db", db, "--json"]
    )
    assert {r["country"] for r in json_lines(found.stdout)} == {"CHN", "PRK", "RUS", "USA"}


def test_export_and_report_write_their_files(db, tmp_path):
    out = tmp_path / "events.tsv"
    result = runner.invoke(app, ["export", str(out), "--format", "gdelt", "--db", db])
    assert result.exit_code == 0, result.output
    assert len(out.read_text().splitlines()[0].split("\t")) == 61
    html = tmp_path / "prk.html"
    result = runner.invoke(app, ["report", "PRK", str(html), "--db", db])
    assert result.exit_code == 0, result.output
    assert html.read_text().startswith("<!DOCTYPE html>")


def test_bad_input_is_a_clear_error(db):
    from detente.errors import QueryError

    result = runner.invoke(app, ["ties", "PRK", "RUS", "--db", db, "--freq", "fortnight"])
    assert isinstance(result.exception, QueryError)
    assert "fortnight" in str(result.exception)
    result = runner.invoke(app, ["partners", "Atlantis", "--db", db])
    assert isinstance(result.exception, QueryError)
