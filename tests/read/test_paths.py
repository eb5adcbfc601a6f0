from __future__ import annotations

import io
import sys

from detente.model import Article, Skipped
from detente.read import read_inputs

STORY = "Title: {0}\n\nNepal and India reopened a border crossing on Sunday, officials said.\n"


def _write(path, title):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(STORY.format(title), encoding="utf-8")


def test_directories_are_read_recursively_own_files_first_then_subfolders_by_name(tmp_path):
    _write(tmp_path / "b.txt", "B")
    _write(tmp_path / "a" / "deep" / "c.txt", "C")
    _write(tmp_path / "a" / "a.txt", "A")
    (tmp_path / "a" / "notes.md").write_text("not news")

    titles = [a.title for a in read_inputs([tmp_path])]

    assert titles == ["B", "A", "C"]


def test_glob_patterns_are_expanded_and_each_file_read_once(tmp_path):
    _write(tmp_path / "news" / "one.txt", "One")
    _write(tmp_path / "news" / "sub" / "two.txt", "Two")
    _write(tmp_path / "other.txt", "Other")

    items = list(read_inputs([f"{tmp_path}/news/*.txt", f"{tmp_path}/**/*.txt"]))

    assert [a.title for a in items] == ["One", "Two", "Other"]


def test_a_glob_matching_nothing_is_reported(tmp_path):
    pattern = f"{tmp_path}/*.html"

    assert list(read_inputs([pattern])) == [Skipped(pattern, "no files match this pattern")]


def test_a_dash_reads_standard_input_and_sniffs_its_kind(monkeypatch):
    data = b'{"text": "Ghana and Togo agreed to patrol the border jointly."}\n'
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))

    [article] = list(read_inputs(["-"]))

    assert article == Article(
        text="Ghana and Togo agreed to patrol the border jointly.",
        origin="<stdin>:1",
    )
