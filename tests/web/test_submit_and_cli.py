"""Submitting articles over HTTP, the store lock against a second writer, and the CLI."""

from __future__ import annotations

import subprocess
import sys

import pytest
from typer.testing import CliRunner
from web_fixtures import PASSWORD, WebClient

from detente.store import Store
from detente.web import create_app
from detente.web.auth import authenticate, create_token

ARTICLE = {
    "title": "Lavrov in Pyongyang",
    "text": "Russian Foreign Minister Sergei Lavrov visited North Korea on Tuesday, the foreign "
    "ministry said. He met North Korean leader Kim Jong Un in Pyongyang.",
    "source": "Test Wire",
    "published": "2018-06-01",
}


def cli_app():
    """The CLI with `serve` and `users` registered (imported here, not at collection time, so
    that the README check elsewhere sees them only once the lead registers cmd_web)."""
    from detente.cli import cmd_web  # noqa: F401
    from detente.cli._app import app

    return app


PROBE = """
import sys
from detente.store import Store
try:
    Store(sys.argv[1])
except Exception as exc:
    print(exc)
"""


@pytest.mark.slow
def test_a_reviewer_submits_articles_which_are_coded_and_stored(store):
    client = WebClient(create_app(store))
    token = create_token(store, "rita")
    response = client.post(
        "/api/articles", json={"articles": [ARTICLE]}, headers={"Authorization": f"Bearer {token}"}
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["new_articles"] == 1 and body["events_stored"] >= 1
    stored = store.query(
        "SELECT code, source_country, target_country FROM events WHERE article_id = ?",
        [body["articles"][0]["id"]],
    )
    assert ("RUS", "PRK") in {(e["source_country"], e["target_country"]) for e in stored}
    again = client.post(
        "/api/articles", json={"articles": [ARTICLE]}, headers={"Authorization": f"Bearer {token}"}
    ).json()
    assert again["duplicates"] == 1 and again["new_articles"] == 0


def test_viewers_cannot_submit_and_empty_submissions_are_refused(store):
    client = WebClient(create_app(store))
    viewer = {"Authorization": f"Bearer {create_token(store, 'vera')}"}
    assert (
        client.post("/api/articles", json={"articles": [ARTICLE]}, headers=viewer).status_code
        == 403
    )
    reviewer = {"Authorization": f"Bearer {create_token(store, 'rita')}"}
    empty = client.post("/api/articles", json={"articles": []}, headers=reviewer)
    assert empty.status_code == 422 and "articles" in empty.json()["error"]


def test_a_second_writer_is_told_the_store_is_in_use(tmp_path):
    path = tmp_path / "held.duckdb"
    with Store(path):  # what `detente serve` holds
        probe = subprocess.run(
            [sys.executable, "-c", PROBE, str(path)],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
    assert "in use by another process" in probe.stdout and "detente serve" in probe.stdout


def test_users_add_hashes_the_password_into_the_store(tmp_path):
    db = tmp_path / "users.duckdb"
    result = CliRunner().invoke(
        cli_app(),
        ["users", "add", "rita", "--role", "reviewer", "--db", str(db), "--password", PASSWORD],
    )
    assert result.exit_code == 0, result.output
    assert "user rita (reviewer) saved" in result.output
    listed = CliRunner().invoke(cli_app(), ["users", "list", "--db", str(db), "--json"])
    assert '"name": "rita"' in listed.output and PASSWORD not in listed.output
    with Store(db, read_only=True) as store:
        assert authenticate(store, "rita", PASSWORD).role == "reviewer"


def test_users_add_reads_one_piped_password_line(tmp_path):
    db = tmp_path / "users.duckdb"
    result = CliRunner().invoke(
        cli_app(),
        ["users", "add", "rita", "--role", "reviewer", "--db", str(db)],
        input=PASSWORD + "\n",
    )
    assert result.exit_code == 0, result.output
    assert "user rita (reviewer) saved" in result.output
    with Store(db, read_only=True) as store:
        assert authenticate(store, "rita", PASSWORD).role == "reviewer"


@pytest.mark.slow
def test_users_add_reads_a_password_piped_by_the_shell_once(tmp_path):
    """A real pipe (not a terminal): one line is the password, asked for once, no traceback."""
    db = tmp_path / "users.duckdb"
    done = subprocess.run(
        [sys.executable, "-m", "detente", "users", "add", "rita", "--role", "reviewer"]
        + ["--db", str(db)],
        input=PASSWORD + "\n",
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "user rita (reviewer) saved" in done.stdout and "Traceback" not in done.stderr
    assert "Repeat" not in done.stdout + done.stderr  # not asked twice
    with Store(db, read_only=True) as store:
        assert authenticate(store, "rita", PASSWORD).role == "reviewer"


def test_users_add_with_a_short_piped_password_says_why(tmp_path):
    result = CliRunner().invoke(
        cli_app(), ["users", "add", "rita", "--db", str(tmp_path / "u.duckdb")], input="short\n"
    )
    assert result.exit_code != 0  # main() turns the error into a message and exit code
    assert "at least 8 characters" in str(result.exception)


def test_serve_has_help_and_binds_loopback_by_default():
    result = CliRunner().invoke(cli_app(), ["serve", "--help"])
    assert result.exit_code == 0 and "127.0.0.1" in result.output


@pytest.mark.slow
def test_files_dropped_in_the_watched_folder_are_ingested_once(store, tmp_path):
    from detente.web.watch import FolderWatcher

    app = create_app(store)
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "lavrov.txt").write_text(ARTICLE["text"], encoding="utf-8")
    watcher = FolderWatcher(app, store, folder)
    first = watcher.scan_once()
    assert first.articles_new == 1 and first.events_stored >= 1
    assert watcher.scan_once() is None  # nothing changed since


@pytest.mark.slow
def test_a_coding_process_that_dies_fails_its_submission_with_503_and_the_next_is_coded(store):
    import os
    import signal

    app = create_app(store)
    client = WebClient(app)
    reviewer = {"Authorization": f"Bearer {create_token(store, 'rita')}"}
    assert (
        client.post("/api/articles", json={"articles": [ARTICLE]}, headers=reviewer).status_code
        == 200
    )
    for pid in list(app.state.coder._pool._processes):  # killed, as by the kernel for memory
        os.kill(pid, signal.SIGKILL)
    other = {**ARTICLE, "title": "Lavrov again", "text": ARTICLE["text"] + " Talks went on."}

    failed = client.post("/api/articles", json={"articles": [other]}, headers=reviewer)

    assert failed.status_code == 503 and failed.json()["code"] == "D031"
    again = client.post("/api/articles", json={"articles": [other]}, headers=reviewer)
    assert again.status_code == 200 and again.json()["new_articles"] == 1
