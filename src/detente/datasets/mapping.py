"""Provider rows → rows of ``dataset_events``, in SQL: the joins that map countries, sectors,
places and event codes (against the small tables of :mod:`.codes`), and why a row cannot be
stored (its ``problem``)."""

from __future__ import annotations

from collections.abc import Sequence

import duckdb

from .codes import (
    cameo_country_table,
    code_table,
    country_of_name,
    fips_table,
    group_table,
    lookup_table,
    sector_of,
)
from .files import DataFile
from .layout import STAGED_COLUMNS, Layout
from .merging import merge_key_sql
from .reading import distinct_values, literal, staged_sql

LOOKUPS = ("_codes", "_states", "_known_groups", "_countries", "_named", "_sectors", "_places")


def drop_lookups(con) -> None:
    for name in LOOKUPS:
        try:
            con.unregister(name)
        except duckdb.Error:
            pass


_NAMED = (
    "source_country_raw",
    "target_country_raw",
    "source_sector_raw",
    "target_sector_raw",
    "location_country_raw",
    "source_name",
    "target_name",
)


def register_lookups(
    con, layout: Layout, files: Sequence[DataFile], names: tuple[str, ...]
) -> None:
    """The small tables the rows' codes are joined against: static ones for GDELT's codes,
    and for names in words (ICEWS, POLECAT) one entry per distinct value in the files, found
    by a first read of the columns that hold them."""
    con.register("_codes", code_table())
    if layout.countries == "cameo":
        con.register("_states", cameo_country_table())
        con.register("_known_groups", group_table())
    if layout.places == "fips":
        con.register("_places", fips_table())
    if not layout.in_words:
        return
    unplaced = {f"{s}_name": f"{s}_country_raw IS NULL" for s in ("source", "target")}
    values = distinct_values(con, staged_sql(files, layout, names, False), _NAMED, unplaced)
    countries = values["source_country_raw"] + values["target_country_raw"]
    con.register("_countries", lookup_table(countries, country_of_name))
    sectors = values["source_sector_raw"] + values["target_sector_raw"]
    con.register("_sectors", lookup_table(sectors, sector_of, "sector"))
    con.register("_places", lookup_table(values["location_country_raw"], country_of_name))
    actors = values["source_name"] + values["target_name"]  # of actors given no country
    con.register("_named", lookup_table(actors, country_of_name))


def _code(layout: Layout, column: str) -> str:
    """SQL: a column of the row's entry in the code table (its key, else its fallback key)."""
    if not _has_fallback(layout):
        return f"c.{column}"
    return f"CASE WHEN c.raw IS NOT NULL THEN c.{column} ELSE cf.{column} END"


def _has_fallback(layout: Layout) -> bool:
    return layout.select[STAGED_COLUMNS.index("code_fallback_key")] != "CAST(NULL AS VARCHAR)"


def _code_joins(layout: Layout) -> str:
    joins = "LEFT JOIN _codes c ON c.raw = m.code_key"
    if _has_fallback(layout):
        joins += " LEFT JOIN _codes cf ON cf.raw = m.code_fallback_key"
    return joins


def _country_sql(layout: Layout, side: str) -> str:
    if layout.countries == "cameo":
        return f"coalesce({side}c.country, {side}g.country)"
    return f"coalesce({side}c.country, {side}n.country)"


def _sector_sql(layout: Layout, side: str) -> str:
    if layout.countries == "cameo":  # GDELT's Actor1Type1Code is a CAMEO sector code
        raw = f"m.{side}_sector_raw"
        return f"CASE WHEN length({raw}) = 3 THEN upper({raw}) END"
    return f"{side}s.sector"


def _side_joins(layout: Layout, side: str) -> str:
    if layout.countries == "cameo":
        return (
            f"LEFT JOIN _states {side}c ON {side}c.raw = m.{side}_country_raw "
            f"LEFT JOIN _known_groups {side}g ON {side}g.raw = m.{side}_group_raw"
        )
    return (
        f"LEFT JOIN _countries {side}c ON {side}c.raw = m.{side}_country_raw "
        f"LEFT JOIN _named {side}n ON m.{side}_country_raw IS NULL AND {side}n.raw = m.{side}_name "
        f"LEFT JOIN _sectors {side}s ON {side}s.raw = m.{side}_sector_raw"
    )


_QUADS = {
    "VERBAL COOPERATION": 1,
    "MATERIAL COOPERATION": 2,
    "VERBAL CONFLICT": 3,
    "MATERIAL CONFLICT": 4,
}


def _quad_sql(layout: Layout) -> str:
    words = " ".join(f"WHEN '{w}' THEN {n}" for w, n in _QUADS.items())
    return (
        "CASE WHEN m.quad_raw IN ('1', '2', '3', '4') THEN CAST(m.quad_raw AS TINYINT) "
        f"ELSE coalesce(CASE upper(m.quad_raw) {words} END, {_code(layout, 'quad_class')}) END"
    )


def _quoted(expr: str) -> str:
    """SQL: ``expr`` between single quotes, for a reason."""
    return f"'''' || {expr} || ''''"


def _problem_sql(layout: Layout) -> str:
    """SQL: why a row cannot be stored (NULL when it can)."""
    plover = _quoted("m.plover_raw || coalesce('/' || m.plover_mode_raw, '')")
    return f"""CASE
        WHEN m.date_text IS NULL THEN 'no event date'
        WHEN m.event_date IS NULL THEN 'bad date ' || {_quoted("m.date_text")}
        WHEN {_code(layout, "code")} IS NOT NULL THEN NULL
        WHEN m.plover_raw IS NOT NULL
            THEN 'PLOVER ' || {plover} || ' has no single CAMEO root in the CAMEO-PLOVER table'
        ELSE 'unknown CAMEO code ' || {_quoted("coalesce(m.code_key, '')")}
    END"""


def mapped_sql(
    layout: Layout, files: Sequence[DataFile], names: tuple[str, ...], dataset: str
) -> str:
    """SQL: the files' readable rows as rows of ``dataset_events`` less what is the same on
    every row of a batch or follows from another column (``id``, ``dataset``, ``import_id``,
    ``source_file``, ``source_line``: the insert adds them), with their merged event's id,
    the ``filename`` they were read from, their ``position`` and for a row that cannot be
    stored a ``problem``. ``provider_id`` is the provider's id, else a key over the row's
    content."""
    sides = []
    for side in ("source", "target"):
        sides.append(
            f"m.{side}_code AS {side}_code_raw, m.{side}_name AS {side}_name, "
            f"{_country_sql(layout, side)} AS {side}_country, "
            f"{_sector_sql(layout, side)} AS {side}_sector"
        )
    inner = f"""
        SELECT m.provider_id, m.event_date, {", ".join(sides)},
               {_code(layout, "code")} AS code, {_code(layout, "root")} AS root,
               coalesce(m.plover_raw, {_code(layout, "plover")}) AS plover,
               coalesce(m.plover_mode_raw, {_code(layout, "plover_mode")}) AS plover_mode,
               {_quad_sql(layout)} AS quad_class,
               coalesce(m.goldstein, {_code(layout, "goldstein")}) AS goldstein,
               m.mentions, m.sources, m.articles, m.tone, m.location_text,
               pl.country AS location_country, m.latitude, m.longitude, m.url, m.story_id,
               m.sentence_number, m.publisher, m.event_text, m.date_added,
               m.filename, m.position, {_problem_sql(layout)} AS problem
        FROM ({staged_sql(files, layout, names, rejects=True)}) m {_code_joins(layout)}
        {_side_joins(layout, "source")} {_side_joins(layout, "target")}
        LEFT JOIN _places pl ON pl.raw = m.location_country_raw
    """
    codes = ", ".join(
        f"coalesce({s}_code_raw, nullif(coalesce({s}_country, '') "
        f"|| coalesce(nullif({s}_sector, 'IGO'), ''), '')) AS {s}_code"
        for s in ("source", "target")
    )
    return (
        f"SELECT *, {merge_key_sql(literal(dataset))} AS merged_id FROM ("
        f"SELECT * EXCLUDE (source_code_raw, target_code_raw), {codes} FROM ({inner}))"
    )
