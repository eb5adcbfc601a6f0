"""Backups: a consistent copy of a store, and putting one back.

DuckDB lets one process hold a store for writing; opening it for the copy takes
that lock, so no ingest or server can write meanwhile. A CHECKPOINT folds the
write-ahead log into the file first, so the copy is the whole store.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from ..errors import StoreError
from .database import Store


def backup_store(db: str | Path | None, destination: str | Path, overwrite: bool = False) -> Path:
    """Copy the store at ``db`` to ``destination``; returns the destination."""
    destination = Path(destination)
    if destination.exists() and not overwrite:
        raise StoreError(f"{destination} already exists; choose another name or pass --force.")
    with Store(db) as store:  # takes the write lock: nobody else writes during the copy
        store.checkpoint()
        tmp = destination.with_name(destination.name + ".partial")
        shutil.copyfile(store.path, tmp)
        tmp.replace(destination)
    return destination


def restore_store(backup: str | Path, db: str | Path | None, overwrite: bool = False) -> Path:
    """Put a backup in place as the store at ``db``, after checking it is a detente store."""
    backup = Path(backup)
    if not backup.is_file():
        raise StoreError(f"{backup}: no such backup file.")
    with Store(backup, read_only=True):
        pass  # raises NotAStoreError / SchemaTooNewError for a file we must not restore
    target = Store.resolve_path(db)
    if target.exists():
        if not overwrite:
            raise StoreError(f"{target} exists; pass --force to replace it with {backup}.")
        Store(target).close()  # refuses a store in use by another process
    tmp = target.with_name(target.name + ".partial")
    shutil.copyfile(backup, tmp)
    wal = target.with_name(target.name + ".wal")
    if wal.exists():
        wal.unlink()
    tmp.replace(target)
    return target
