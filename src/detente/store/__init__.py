"""The embedded DuckDB store: one file, numbered migrations, one writer."""

from .database import DEFAULT_DB, Store, default_db_path
from .writer import BatchResult, event_id, write_batch

__all__ = ["DEFAULT_DB", "BatchResult", "Store", "default_db_path", "event_id", "write_batch"]
