"""What a provider's file looks like, and how its columns become detente's.

A :class:`Layout` names the provider's columns in file order and gives one SQL ``SELECT``
list that turns a row of them (all read as text) into the *staged* columns below; the
common loader (:mod:`.loader`) then resolves countries, sectors and codes and checks each row.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

STAGED_COLUMNS = (
    "provider_id",
    "date_text",
    "event_date",
    "source_code",
    "source_name",
    "source_country_raw",
    "source_sector_raw",
    "target_code",
    "target_name",
    "target_country_raw",
    "target_sector_raw",
    "code_raw",
    "plover_raw",
    "plover_mode_raw",
    "quad_raw",
    "goldstein_raw",
    "mentions",
    "sources",
    "articles",
    "tone",
    "location_text",
    "location_country_raw",
    "latitude",
    "longitude",
    "url",
    "story_id",
    "sentence_number",
    "publisher",
    "event_text",
    "date_added",
)
"""What every layout's SELECT gives, in this order (NULL where the provider has no such field)."""


@dataclass(frozen=True)
class Layout:
    """One published file layout of one provider.

    ``columns``: the provider's column names in file order. ``header``: whether files start
    with a line of column names. ``select``: SQL expressions over those columns, one per
    :data:`STAGED_COLUMNS`. ``actor_country``: turns ``*_country_raw`` into detente's country.
    ``sectors_in_words``: ``*_sector_raw`` is a list of sector words (ICEWS, POLECAT) rather
    than a CAMEO sector code (GDELT), and an actor without a country is looked up by its name
    (ICEWS leaves the country of "United Nations" empty: the name gives ``UNO``).
    """

    format: str
    version: str
    columns: tuple[str, ...]
    header: bool
    select: tuple[str, ...]
    actor_country: Callable[[str], str | None]
    sectors_in_words: bool = False

    def __post_init__(self) -> None:
        assert len(self.select) == len(STAGED_COLUMNS), self.version


def q(name: str) -> str:
    """A provider column name quoted for SQL."""
    return '"' + name.replace('"', '""') + '"'


def day(expr: str, formats: tuple[str, ...]) -> str:
    """SQL: the text ``expr`` as a DATE in the first of ``formats`` that fits, else NULL."""
    tries = ", ".join(f"try_strptime(trim({expr}), '{f}')" for f in formats)
    return f"CAST(coalesce({tries}) AS DATE)"


def number(expr: str, kind: str = "DOUBLE") -> str:
    return f"TRY_CAST(trim({expr}) AS {kind})"
