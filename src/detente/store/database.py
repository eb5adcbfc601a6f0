"""The DuckDB store: opening, validating, migrating, and the single writer.

DuckDB lets one process hold a database file for writing. :class:`Store` owns one
connection; every write goes through :meth:`Store.transaction` under a lock, so
there is exactly one writer, and each batch is atomic (all of an article's rows or none).
Reads use :meth:`Store.query`, which returns rows as dicts or a DataFrame. Each thread reads
through a cursor of its own (DuckDB's connections to the same database), so reads run beside
each other and beside a write, each seeing what was last committed; a thread inside its own
transaction reads through the writer's connection and sees its own writes.
"""

from __future__ import annotations

import logging
import os
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Self

import duckdb

from ..errors import NotAStoreError, SchemaTooNewError, StoreError, StoreLockedError
from .migrations import LATEST_VERSION, MIGRATIONS

log = logging.getLogger(__name__)

DEFAULT_DB = "detente.duckdb"
APPLICATION = "detente"
_LOCK_HOLDER = re.compile(r"Conflicting lock is held in (.+?) \(PID (\d+)\)")


def default_db_path() -> Path:
    """``$DETENTE_DB`` if set, else ``./detente.duckdb``."""
    return Path(os.environ.get("DETENTE_DB") or DEFAULT_DB)


def utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


class Store:
    """A detente store in one DuckDB file (or ``:memory:``)."""

    def __init__(self, path: str | Path | None = None, read_only: bool = False) -> None:
        self.path = self.resolve_path(path)
        self.read_only = read_only
        self._lock = threading.RLock()
        self._writer: int | None = None  # the thread inside a transaction
        self._local = threading.local()
        self._cursor_lock = threading.Lock()
        self._cursors: list[duckdb.DuckDBPyConnection] = []
        self._con = self._connect()
        try:
            self._check_or_create()
        except BaseException:
            self._con.close()
            raise

    @staticmethod
    def resolve_path(path: str | Path | None) -> Path:
        """The file a ``--db`` value names (``$DETENTE_DB`` or ``./detente.duckdb`` when None)."""
        return Path(path) if path is not None else default_db_path()

    # -- opening -----------------------------------------------------------------------------
    def _connect(self) -> duckdb.DuckDBPyConnection:
        target = str(self.path)
        if target != ":memory:":
            if self.read_only and not self.path.exists():
                raise StoreError(
                    f"{self.path}: no such store. Run `detente ingest` or `detente demo` to create one, "
                    "or point --db / DETENTE_DB at an existing store."
                )
            if self.path.is_dir():
                raise NotAStoreError(
                    f"{self.path} is a directory, not a detente store; give a file path."
                )
            self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            return duckdb.connect(target, read_only=self.read_only)
        except duckdb.IOException as exc:
            raise _translate_open_error(self.path, exc) from exc
        except duckdb.Error as exc:
            raise StoreError(f"{self.path}: cannot open the store: {exc}") from exc

    def _check_or_create(self) -> None:
        tables = {
            r[0]
            for r in self._con.execute(
                "SELECT table_name FROM information_schema.tables"
            ).fetchall()
        }
        if not tables:
            if self.read_only:
                raise StoreError(f"{self.path} is an empty database; ingest news into it first.")
            self._migrate(0)
            return
        if "detente_meta" not in tables:
            raise NotAStoreError(
                f"{self.path} is a DuckDB database but not a detente store (it has tables "
                f"{', '.join(sorted(tables)[:5])}). Choose another file with --db."
            )
        version = self.schema_version
        if version > LATEST_VERSION:
            raise SchemaTooNewError(
                f"{self.path} has schema version {version}, newer than this detente understands "
                f"({LATEST_VERSION}). Upgrade detente to read it."
            )
        if version < LATEST_VERSION:
            if self.read_only:
                raise StoreError(
                    f"{self.path} has schema version {version}; open it once for writing "
                    f"(e.g. `detente ingest`) to upgrade it to {LATEST_VERSION}."
                )
            self._migrate(version)

    @property
    def schema_version(self) -> int:
        row = self._con.execute("SELECT max(version) FROM schema_migrations").fetchone()
        return int(row[0] or 0) if row else 0

    def _migrate(self, current: int) -> None:
        with self.transaction() as con:
            if current == 0:
                con.execute("CREATE TABLE detente_meta (key VARCHAR PRIMARY KEY, value VARCHAR)")
                con.execute(
                    "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name VARCHAR, "
                    "applied_at TIMESTAMP)"
                )
                con.execute("INSERT INTO detente_meta VALUES ('application', ?)", [APPLICATION])
            for migration in MIGRATIONS:
                if migration.version <= current:
                    continue
                log.info(
                    "migrating %s to schema %d: %s", self.path, migration.version, migration.name
                )
                con.execute(migration.sql)
                con.execute(
                    "INSERT INTO schema_migrations VALUES (?, ?, ?)",
                    [migration.version, migration.name, utcnow()],
                )

    # -- reading and writing -----------------------------------------------------------------
    @contextmanager
    def transaction(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """The single writer: one transaction at a time, rolled back on any error."""
        if self.read_only:
            raise StoreError(f"{self.path} was opened read-only; it cannot be written.")
        with self._lock:
            outer = self._writer
            self._writer = threading.get_ident()
            self._con.execute("BEGIN TRANSACTION")
            try:
                yield self._con
            except BaseException:
                self._con.execute("ROLLBACK")
                raise
            else:
                self._con.execute("COMMIT")
            finally:
                self._writer = outer

    @contextmanager
    def _reading(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """This thread's connection for a read: the writer's own inside a transaction, else
        the thread's cursor, made on its first read."""
        if self._writer == threading.get_ident():
            with self._lock:
                yield self._con
            return
        cursor = getattr(self._local, "cursor", None)
        if cursor is None:
            with self._cursor_lock:  # not the writer's lock: a first read must not wait on it
                cursor = self._con.cursor()
                self._cursors.append(cursor)
            self._local.cursor = cursor
        yield cursor

    def query(self, sql: str, params: list[Any] | None = None) -> list[dict[str, Any]]:
        """Run a parameterised read and return rows as dicts."""
        with self._reading() as con:
            cursor = con.execute(sql, params or [])
            names = [d[0] for d in cursor.description]
            return [dict(zip(names, row)) for row in cursor.fetchall()]

    def query_df(self, sql: str, params: list[Any] | None = None):  # -> pandas.DataFrame
        with self._reading() as con:
            return con.execute(sql, params or []).df()

    def scalar(self, sql: str, params: list[Any] | None = None) -> Any:
        with self._reading() as con:
            row = con.execute(sql, params or []).fetchone()
            return row[0] if row else None

    def checkpoint(self) -> None:
        """Fold the write-ahead log into the database file."""
        with self._lock:
            self._con.execute("CHECKPOINT")

    def close(self) -> None:
        with self._lock, self._cursor_lock:
            for cursor in self._cursors:
                cursor.close()
            self._cursors.clear()
            self._con.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _translate_open_error(path: Path, exc: duckdb.IOException) -> StoreError:
    text = str(exc)
    holder = _LOCK_HOLDER.search(text)
    if holder or "Could not set lock" in text:
        who = f" (process {holder.group(2)}: {holder.group(1)})" if holder else ""
        return StoreLockedError(
            f"{path} is in use by another process{who}. Only one process can write a store at a "
            "time: wait for it to finish (or stop `detente serve`), or use another --db."
        )
    if "not a valid DuckDB database" in text:
        return NotAStoreError(
            f"{path} is not a DuckDB database (and so not a detente store). "
            "Choose another file with --db, or move this one away."
        )
    return StoreError(f"{path}: cannot open the store: {text}")
