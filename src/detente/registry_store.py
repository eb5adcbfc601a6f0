"""Persisting the actor registry in the store: load it for coding, list/correct/merge it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .store import Store

if TYPE_CHECKING:
    from .actors import ActorRegistry


def load_registry(store: Store) -> ActorRegistry:
    """The registry of actors learned from earlier articles and corrected by users."""
    from .actors import ActorRegistry, RegistryEntry

    rows = store.query("SELECT * FROM actors ORDER BY name")
    return ActorRegistry(RegistryEntry.from_record(row) for row in rows)
