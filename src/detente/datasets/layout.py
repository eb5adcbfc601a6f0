"""What a provider's file looks like, and how its columns become detente's.

A :class:`Layout` names the provider's columns in file order and gives one SQL ``SELECT``
list that turns a row of them (all read as text) into the *staged* columns below: dates and
numbers parsed (NULL when they do not parse), the rest as the provider wrote it. The loader
(:mod:`.loader`) then maps countries, sectors and codes by joins against small tables.
"""

from __future__ import annotations

from dataclasses import dataclass

STAGED_COLUMNS = (
    "provider_id",
    "date_text",
    "event_date",
    "source_code",
    "source_name",
    "source_country_raw",
    "source_group_raw",
    "source_sector_raw",
    "target_code",
    "target_name",
    "target_country_raw",
    "target_group_raw",
    "target_sector_raw",
    "code_key",
    "code_fallback_key",
    "plover_raw",
    "plover_mode_raw",
    "quad_raw",
    "goldstein",
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
"""What every layout's SELECT gives, in this order (NULL where the provider has no such field).

``*_country_raw`` is the provider's country (a CAMEO code, a name), ``*_group_raw`` GDELT's
known-group code, ``code_key`` what the event code is looked up by (a CAMEO code as written, or
``plover:TYPE|mode``) and ``code_fallback_key`` a second key tried when the first is not in
the table at all (``plover:TYPE|*``: the type whatever its mode)."""


@dataclass(frozen=True)
class Layout:
    """One published file layout of one provider.

    ``columns``: the provider's column names in file order. ``header``: whether files start
    with a line of column names. ``select``: SQL expressions over those columns, one per
    :data:`STAGED_COLUMNS`. ``countries``: how ``*_country_raw`` is resolved — ``"cameo"``
    (GDELT's CAMEO three letters, with known groups and CAMEO sector codes) or ``"names"``
    (ICEWS, POLECAT: names or codes, looked up once per distinct value, as are their sector
    lists and the names of actors without a country). ``places``: ``"fips"`` (GDELT's FIPS
    10-4 codes) or ``"names"``.
    """

    format: str
    version: str
    columns: tuple[str, ...]
    header: bool
    select: tuple[str, ...]
    countries: str
    places: str

    def __post_init__(self) -> None:
        assert len(self.select) == len(STAGED_COLUMNS), self.version

    @property
    def in_words(self) -> bool:
        return self.countries == "names"


def q(name: str) -> str:
    """A provider column name quoted for SQL."""
    return '"' + name.replace('"', '""') + '"'


def text(expr: str, missing: tuple[str, ...] = ()) -> str:
    """SQL: ``expr`` trimmed, NULL when empty or one of the ``missing`` markers ("None")."""
    out = f"nullif(trim({expr}), '')"
    for marker in missing:
        out = f"nullif({out}, '{marker}')"
    return out


def day(expr: str, fmt: str | None = None) -> str:
    """SQL: the text ``expr`` as a DATE (ISO, or ``fmt`` for strptime), NULL when not a date."""
    if fmt is None:
        return f"TRY_CAST({expr} AS DATE)"
    return f"CAST(try_strptime({expr}, '{fmt}') AS DATE)"


def number(expr: str, kind: str = "DOUBLE") -> str:
    """SQL: the text ``expr`` as a number, NULL when it is not one."""
    return f"TRY_CAST({expr} AS {kind})"
