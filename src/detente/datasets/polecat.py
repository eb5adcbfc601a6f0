"""POLECAT weekly event files (Harvard Dataverse, doi:10.7910/DVN/AJGVIT), coded in PLOVER.

Tab-separated with a header line; 40 columns in the published files ("Event Intensity",
called "Intensity" in some weeks). Each event has a PLOVER type and mode, mapped to a CAMEO
code where the CAMEO→PLOVER table allows one (:func:`~detente.datasets.codes.cameo_for_plover`);
countries are ISO alpha-3 codes or names.
"""

from __future__ import annotations

from .codes import country_of_name
from .layout import Layout, day, number, q

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
DATE_FORMATS = ("%Y-%m-%d", "%Y%m%d", "%Y-%m-%d %H:%M:%S")


def select(intensity: str = "Event Intensity") -> tuple[str, ...]:
    return (
        q("Event ID"),
        q("Event Date"),
        day(q("Event Date"), DATE_FORMATS),
        "NULL",
        q("Actor Name"),
        q("Actor Country"),
        f"coalesce({q('Primary Actor Sector')}, {q('Actor Sectors')})",
        "NULL",
        q("Recipient Name"),
        q("Recipient Country"),
        f"coalesce({q('Primary Recipient Sector')}, {q('Recipient Sectors')})",
        "NULL",
        q("Event Type"),
        q("Event Mode"),
        q("Quad Code"),
        q(intensity),
        "NULL",
        "NULL",
        "NULL",
        "NULL",
        f"coalesce({q('Placename')}, {q('Raw Placename')})",
        q("Country"),
        number(q("Latitude")),
        number(q("Longitude")),
        "NULL",
        "NULL",
        "NULL",
        q("Source"),
        "NULL",
        day(q("Publication Date"), DATE_FORMATS),
    )


LAYOUTS = (
    Layout(
        "polecat",
        "POLECAT weekly events, Dataverse .txt (40 columns)",
        POLECAT_COLUMNS,
        True,
        select(),
        country_of_name,
        sectors_in_words=True,
    ),
    Layout(
        "polecat",
        "POLECAT weekly events with 'Intensity' (40 columns)",
        tuple("Intensity" if c == "Event Intensity" else c for c in POLECAT_COLUMNS),
        True,
        select("Intensity"),
        country_of_name,
        sectors_in_words=True,
    ),
)
