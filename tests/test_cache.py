"""The table cache (detente.cache): built once, loaded after; rebuilt when what it was built
from changes; a damaged or foreign file is reported and rebuilt, never unpickled; without a
writable directory detente still works."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import numpy as np
import pytest

import detente
from detente import cache

CAPITALS = "country\tcapital\nPRK\tPyongyang\nRUS\tMoscow\n"


@pytest.fixture
def cache_dir(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv(cache.ENV_VAR, str(folder))
    return folder


@pytest.fixture
def capitals_file(tmp_path) -> Path:
    """A small data table the way detente's are: tab-separated, a header line."""
    path = tmp_path / "capitals.tsv"
    path.write_text(CAPITALS, encoding="utf-8")
    return path


class CapitalsBuilder:
    """Builds a capital → country table from the file, counting how often it is built."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.builds = 0

    def __call__(self) -> dict[str, str]:
        self.builds += 1
        rows = self.path.read_text(encoding="utf-8").splitlines()[1:]
        return {capital: country for country, capital in (row.split("\t") for row in rows)}

    def load(self) -> dict[str, str]:
        return cache.load_or_build("capitals", self, sources=[self.path])


def test_a_table_is_built_once_then_loaded_from_the_cache(cache_dir, capitals_file):
    builder = CapitalsBuilder(capitals_file)
    assert builder.load() == {"Pyongyang": "PRK", "Moscow": "RUS"}
    assert builder.load() == {"Pyongyang": "PRK", "Moscow": "RUS"}
    assert builder.builds == 1
    assert [p.name for p in cache_dir.iterdir()] == ["capitals.cache"]


def test_a_changed_data_file_rebuilds_the_table(cache_dir, capitals_file):
    builder = CapitalsBuilder(capitals_file)
    builder.load()
    capitals_file.write_text(CAPITALS + "UKR\tKyiv\n", encoding="utf-8")
    assert builder.load()["Kyiv"] == "UKR"
    assert builder.builds == 2
    assert builder.load()["Kyiv"] == "UKR"
    assert builder.builds == 2


def test_another_detente_version_rebuilds_the_table(cache_dir, capitals_file, monkeypatch):
    builder = CapitalsBuilder(capitals_file)
    builder.load()
    monkeypatch.setattr(detente, "__version__", "99.0.0")
    builder.load()
    assert builder.builds == 2


def test_changed_user_dictionaries_rebuild_the_table(cache_dir, capitals_file):
    builder = CapitalsBuilder(capitals_file)

    def load(digest: str) -> dict[str, str]:
        return cache.load_or_build("capitals", builder, sources=[capitals_file], extra=[digest])

    load("dictionaries a1b2")
    load("dictionaries a1b2")
    load("dictionaries c3d4")
    assert builder.builds == 2


def test_a_corrupt_file_is_reported_and_rebuilt(cache_dir, capitals_file, caplog):
    builder = CapitalsBuilder(capitals_file)
    builder.load()
    path = cache_dir / "capitals.cache"
    blob = bytearray(path.read_bytes())
    blob[-5] ^= 0xFF  # one flipped byte inside the pickle
    path.write_bytes(bytes(blob))
    with caplog.at_level(logging.WARNING, logger="detente.cache"):
        assert builder.load() == {"Pyongyang": "PRK", "Moscow": "RUS"}
    assert builder.builds == 2
    assert "truncated or corrupt" in caplog.text
    caplog.clear()
    builder.load()  # the rebuilt file is sound again
    assert builder.builds == 2 and not caplog.text


def test_a_truncated_file_is_reported_and_rebuilt(cache_dir, capitals_file, caplog):
    builder = CapitalsBuilder(capitals_file)
    builder.load()
    path = cache_dir / "capitals.cache"
    path.write_bytes(path.read_bytes()[:-10])
    with caplog.at_level(logging.WARNING, logger="detente.cache"):
        builder.load()
    assert builder.builds == 2
    assert "truncated or corrupt" in caplog.text


def test_a_foreign_file_is_reported_and_replaced(cache_dir, capitals_file, caplog):
    cache_dir.mkdir()
    path = cache_dir / "capitals.cache"
    path.write_bytes(b"\x80\x04\x95 not ours: a pickle someone else left here")
    builder = CapitalsBuilder(capitals_file)
    with caplog.at_level(logging.WARNING, logger="detente.cache"):
        assert builder.load() == {"Pyongyang": "PRK", "Moscow": "RUS"}
    assert "not a detente cache file" in caplog.text
    assert path.read_bytes().startswith(cache.MAGIC)


def test_a_damaged_header_is_reported_and_rebuilt(cache_dir, capitals_file, caplog):
    cache_dir.mkdir()
    (cache_dir / "capitals.cache").write_bytes(cache.MAGIC + b'{"format": 1, "na\n')
    builder = CapitalsBuilder(capitals_file)
    with caplog.at_level(logging.WARNING, logger="detente.cache"):
        builder.load()
    assert builder.builds == 1
    assert "damaged header" in caplog.text


def test_an_unwritable_cache_directory_warns_once_and_still_works(
    tmp_path, capitals_file, monkeypatch, caplog
):
    blocker = tmp_path / "a-file"
    blocker.write_text("the cache directory cannot be made under a file")
    monkeypatch.setenv(cache.ENV_VAR, str(blocker / "cache"))
    monkeypatch.setattr(cache, "_unwritable", set())
    builder = CapitalsBuilder(capitals_file)
    with caplog.at_level(logging.WARNING, logger="detente.cache"):
        assert builder.load() == {"Pyongyang": "PRK", "Moscow": "RUS"}
        assert builder.load() == {"Pyongyang": "PRK", "Moscow": "RUS"}
    assert builder.builds == 2
    assert caplog.text.count("cannot write the cache") == 1


def test_large_arrays_round_trip_and_a_damaged_array_is_caught(cache_dir, caplog):
    weights = np.arange(100_000, dtype=np.float32).reshape(1000, 100)

    def build() -> dict[str, object]:
        return {"labels": ["en", "de"], "weights": weights}

    loaded = cache.load_or_build("model", build)
    loaded = cache.load_or_build("model", lambda: pytest.fail("rebuilt a sound file"))
    assert loaded["labels"] == ["en", "de"]
    assert np.array_equal(loaded["weights"], weights)
    path = cache_dir / "model.cache"
    blob = bytearray(path.read_bytes())
    blob[-1000] ^= 0x01  # inside the array's raw bytes, after the pickle
    path.write_bytes(bytes(blob))
    with caplog.at_level(logging.WARNING, logger="detente.cache"):
        again = cache.load_or_build("model", build)
    assert np.array_equal(again["weights"], weights)
    assert "truncated or corrupt" in caplog.text


def test_a_file_names_its_table_and_key_in_a_readable_header(cache_dir, capitals_file):
    CapitalsBuilder(capitals_file).load()
    blob = (cache_dir / "capitals.cache").read_bytes()
    assert blob.startswith(cache.MAGIC)
    header = json.loads(blob[len(cache.MAGIC) : blob.index(b"\n", len(cache.MAGIC))])
    assert header["format"] == cache.FORMAT
    assert header["name"] == "capitals"
    assert header["key"] == cache.table_key("capitals", [capitals_file])
    assert not [p for p in cache_dir.iterdir() if p.suffix == ".tmp"]


def test_the_cache_directory_follows_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv(cache.ENV_VAR, str(tmp_path / "chosen"))
    assert cache.cache_dir() == tmp_path / "chosen"
    monkeypatch.delenv(cache.ENV_VAR)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache.cache_dir() == tmp_path / "xdg" / "detente"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert cache.cache_dir() == tmp_path / "home" / ".cache" / "detente"


def test_the_test_suite_never_writes_to_the_users_cache():
    assert cache.cache_dir() != Path.home() / ".cache" / "detente"
