"""Backups round-trip, and a restore never replaces a store with something that is not one."""

import pytest
from factories import coded, event

from detente.errors import NotAStoreError, StoreError
from detente.store import Store, write_batch
from detente.store.backup import backup_store, restore_store


def test_a_backup_restores_to_the_same_store(tmp_path):
    db = tmp_path / "live.duckdb"
    with Store(db) as store:
        write_batch(
            store,
            [
                coded("Envoys met in Moscow.", event("PRK", "RUS")),
                coded("Sanctions were imposed.", event("USA", "PRK", code="163")),
            ],
            "v1",
        )
        before = store.query("SELECT * FROM events ORDER BY id")
    backup_store(db, tmp_path / "copy.duckdb")
    with Store(db) as store:
        write_batch(store, [coded("A later article.", event("CHN", "PRK"))], "v1")
    restore_store(tmp_path / "copy.duckdb", db, overwrite=True)
    with Store(db, read_only=True) as store:
        assert store.query("SELECT * FROM events ORDER BY id") == before


def test_restore_refuses_a_file_that_is_not_a_store_and_keeps_the_live_one(tmp_path):
    db = tmp_path / "live.duckdb"
    with Store(db) as store:
        write_batch(store, [coded("Envoys met in Moscow.", event("PRK", "RUS"))], "v1")
    junk = tmp_path / "junk.duckdb"
    junk.write_text("not a database\n" * 40)
    with pytest.raises(NotAStoreError):
        restore_store(junk, db, overwrite=True)
    with Store(db, read_only=True) as store:
        assert store.scalar("SELECT count(*) FROM events") == 1


def test_backup_and_restore_do_not_overwrite_without_force(tmp_path):
    db = tmp_path / "live.duckdb"
    Store(db).close()
    backup_store(db, tmp_path / "b.duckdb")
    with pytest.raises(StoreError, match="already exists"):
        backup_store(db, tmp_path / "b.duckdb")
    with pytest.raises(StoreError, match="pass --force"):
        restore_store(tmp_path / "b.duckdb", db)
