"""The actor registry in the store: load it for coding; list, correct, merge and import entries.

People learned from articles are written by the ingest writer (``store.writer.upsert_actors``).
A user's correction marks the entry ``origin = 'user'`` so later learning never overwrites it.
Sector nouns imported from PETRARCH agent dictionaries live in ``sector_nouns`` (one row per
noun: re-importing updates it) and travel with the registry :func:`load_registry` returns.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import QueryError
from .store import Store
from .store.database import utcnow
from .store.writer import ACTOR_COLUMNS, insert_rows, upsert_actors

if TYPE_CHECKING:
    from .actors import ActorRegistry

CORRECTABLE = ("country", "sector", "code", "title")


def load_registry(store: Store) -> ActorRegistry:
    """The registry of actors learned from earlier articles and corrected by users."""
    from .actors import ActorRegistry, RegistryEntry

    rows = store.query(f"SELECT {', '.join(ACTOR_COLUMNS)} FROM actors ORDER BY name")
    nouns = store.query("SELECT noun, sector FROM sector_nouns ORDER BY noun")
    return ActorRegistry(
        (RegistryEntry.from_record(row) for row in rows),
        sector_nouns={row["noun"]: row["sector"] for row in nouns},
    )


def list_actors(
    store: Store, search: str | None = None, limit: int | None = 100
) -> list[dict[str, Any]]:
    """Registry entries, optionally those whose name, alias or code contains ``search``."""
    sql = "SELECT name, code, country, sector, title, aliases, first_seen, last_seen, origin FROM actors"
    params: list[Any] = []
    if search:
        sql += " WHERE name ILIKE ? OR code ILIKE ? OR list_contains(list_transform(aliases, lambda a: lower(a)), lower(?))"
        params += [f"%{search}%", f"{search}%", search]
    sql += " ORDER BY last_seen DESC NULLS LAST, name"
    if limit is not None:
        sql += " LIMIT ?"
        params.append(limit)
    return store.query(sql, params)


def _require(store: Store, name: str) -> dict[str, Any]:
    rows = store.query("SELECT * FROM actors WHERE name = ?", [name])
    if not rows:
        raise QueryError(
            f"no actor named {name!r} in the registry; `detente actors list --search` finds names."
        )
    return rows[0]


def correct_actor(store: Store, name: str, **changes: str | None) -> dict[str, Any]:
    """Set country, sector, code or title of an entry; the entry becomes the user's own."""
    unknown = set(changes) - set(CORRECTABLE)
    if unknown:
        raise QueryError(
            f"cannot correct {', '.join(sorted(unknown))}; correctable: {', '.join(CORRECTABLE)}."
        )
    _require(store, name)
    fields = {k: v for k, v in changes.items() if v is not None}
    if "code" not in fields and ("country" in fields or "sector" in fields):
        row = _require(store, name)
        fields["code"] = (fields.get("country", row["country"]) or "") + (
            fields.get("sector", row["sector"]) or ""
        )
    if not fields:
        raise QueryError("nothing to correct: give --country, --sector, --code or --title.")
    sets = ", ".join(f"{k} = ?" for k in fields)
    with store.transaction() as con:
        con.execute(
            f"UPDATE actors SET {sets}, origin = 'user', updated_at = ? WHERE name = ?",
            [*fields.values(), utcnow(), name],
        )
    return _require(store, name)


def merge_actors(store: Store, keep: str, other: str) -> dict[str, Any]:
    """Fold ``other`` into ``keep``: its name and aliases become aliases of ``keep``."""
    if keep == other:
        raise QueryError("cannot merge an actor with itself.")
    kept, gone = _require(store, keep), _require(store, other)
    aliases = sorted({*(kept["aliases"] or []), *(gone["aliases"] or []), other} - {keep})
    with store.transaction() as con:
        con.execute(
            "UPDATE actors SET aliases = ?, first_seen = least(first_seen, ?), last_seen = greatest(last_seen, ?), "
            "origin = 'user', updated_at = ? WHERE name = ?",
            [aliases, gone["first_seen"], gone["last_seen"], utcnow(), keep],
        )
        con.execute("DELETE FROM actors WHERE name = ?", [other])
    return _require(store, keep)


def import_dictionary(store: Store, path: Path) -> int:
    """Import a PETRARCH-format actor dictionary into the registry; returns entries imported."""
    from .actors import import_petrarch_actors

    entries = import_petrarch_actors(path)
    with store.transaction() as con:
        upsert_actors(con, entries, utcnow())
    return len(entries)


def import_agents(store: Store, path: Path) -> int:
    """Import a PETRARCH agent dictionary's nouns (``POLICE [~COP]``) into ``sector_nouns``;
    returns the nouns imported. A noun already stored takes the sector and origin of this file."""
    from .actors import import_petrarch_agents

    nouns = import_petrarch_agents(path)
    origin, now = str(Path(path).resolve()), utcnow()
    rows = [
        {"noun": noun, "sector": sector, "origin_file": origin, "imported_at": now}
        for noun, sector in nouns.items()
    ]
    with store.transaction() as con:
        insert_rows(con, "sector_nouns", rows, replace=True)
    return len(nouns)


def list_sector_nouns(
    store: Store, search: str | None = None, limit: int | None = 100
) -> list[dict[str, Any]]:
    """Imported sector nouns in alphabetical order, optionally those containing ``search``
    or whose sector is ``search``."""
    sql = "SELECT noun, sector, origin_file, imported_at FROM sector_nouns"
    params: list[Any] = []
    if search:
        sql += " WHERE noun ILIKE ? OR sector = upper(?)"
        params += [f"%{search}%", search]
    sql += " ORDER BY noun"
    if limit is not None:
        sql += " LIMIT ?"
        params.append(limit)
    return store.query(sql, params)
