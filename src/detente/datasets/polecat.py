"""POLECAT event files (Harvard Dataverse "POLECAT Weekly Data", doi:10.7910/DVN/AJGVIT;
documentation doi:10.7910/DVN/LMFPIP), coded in PLOVER: the weekly ``.txt`` files of the
current year and the yearly ``ngecEvents.DV.YYYY.txt`` files in zips for earlier years.

Tab-separated with a header line of 40 columns, found by name: "Event Intensity" is called
"Intensity" in some weeks, and some weeks add columns ("Headline", "Event Text", "Feed",
"Story ID"), which are ignored. A missing value is written ``None``. Each event has a PLOVER
type and mode, mapped to a CAMEO code where the CAMEO→PLOVER table allows one
(:func:`~detente.datasets.codes.cameo_for_plover`); countries are ISO alpha-3 codes (or
names); "Quad Code" is a number or its words ("VERBAL COOPERATION").
"""

from __future__ import annotations

from .layout import Layout, day, number, q, text

POLECAT_COLUMNS = (
    "Event ID",
    "Event Date",
    "Event Type",
    "Event Mode",
    "Event Intensity",
    "Quad Code",
    "Contexts",
    "Actor Name",
    "Actor Country",
    "Actor COW",
    "Primary Actor Sector",
    "Actor Sectors",
    "Actor Title",
    "Actor Name Raw",
    "Wikipedia Actor ID",
    "Recipient Name",
    "Recipient Country",
    "Recipient COW",
    "Primary Recipient Sector",
    "Recipient Sectors",
    "Recipient Title",
    "Recipient Name Raw",
    "Wikipedia Recipient ID",
    "Placename",
    "City",
    "District",
    "Province",
    "Country",
    "Latitude",
    "Longitude",
    "GeoNames ID",
    "Raw Placename",
    "Feature Type",
    "Source",
    "Publication Date",
    "Story People",
    "Story Organizations",
    "Story Locations",
    "Language",
    "Version",
)
_NONE = "CAST(NULL AS VARCHAR)"
_INT = "CAST(NULL AS INTEGER)"


def _t(column: str) -> str:
    return text(q(column), ("None",))


def _number(column: str) -> str:
    return number(_t(column))


_TYPE = f"upper({_t('Event Type')})"
_MODE = f"lower({_t('Event Mode')})"


def select(intensity: str = "Event Intensity") -> tuple[str, ...]:
    return (
        _t("Event ID"),
        _t("Event Date"),
        day(_t("Event Date")),
        _NONE,
        _t("Actor Name"),
        _t("Actor Country"),
        _NONE,
        f"coalesce({_t('Primary Actor Sector')}, {_t('Actor Sectors')})",
        _NONE,
        _t("Recipient Name"),
        _t("Recipient Country"),
        _NONE,
        f"coalesce({_t('Primary Recipient Sector')}, {_t('Recipient Sectors')})",
        f"'plover:' || {_TYPE} || '|' || coalesce({_MODE}, '')",
        f"'plover:' || {_TYPE} || '|*'",
        _TYPE,
        _MODE,
        _t("Quad Code"),
        _number(intensity),
        _INT,
        _INT,
        _INT,
        "CAST(NULL AS DOUBLE)",
        f"coalesce({_t('Placename')}, {_t('Raw Placename')})",
        _t("Country"),
        _number("Latitude"),
        _number("Longitude"),
        _NONE,
        _NONE,
        _INT,
        _t("Source"),
        _NONE,
        day(_t("Publication Date")),
    )


def _layout(version: str, intensity: str) -> Layout:
    columns = tuple(intensity if c == "Event Intensity" else c for c in POLECAT_COLUMNS)
    return Layout(
        "polecat",
        version,
        columns,
        header=True,
        select=select(intensity),
        countries="names",
        places="names",
    )


LAYOUTS = (
    _layout("POLECAT weekly events, Dataverse .txt (40 columns)", "Event Intensity"),
    _layout("POLECAT weekly events with 'Intensity' (40 columns)", "Intensity"),
)
