"""ICEWS coded event files, the Harvard Dataverse layout (``events.YYYY.*.tab``,
doi:10.7910/DVN/28075, version 37 of 1 May 2023, the last: ICEWS ended on 11 April 2023).

Tab-separated with a header line of 20 columns, found by name. Countries are named in words
("Russian Federation"), sectors are comma-separated lists ("Government,Executive,Elite"),
dates are ISO (``2019-04-25``), the CAMEO code may have lost its leading zero ("42"), and
"Event ID" is unique only together with "Event Date", so both make the provider's id.
"""

from __future__ import annotations

from .layout import Layout, day, number, q, text

ICEWS_COLUMNS = (
    "Event ID",
    "Event Date",
    "Source Name",
    "Source Sectors",
    "Source Country",
    "Event Text",
    "CAMEO Code",
    "Intensity",
    "Target Name",
    "Target Sectors",
    "Target Country",
    "Story ID",
    "Sentence Number",
    "Publisher",
    "City",
    "District",
    "Province",
    "Country",
    "Latitude",
    "Longitude",
)
_NONE = "CAST(NULL AS VARCHAR)"
_DATE = day(text(q("Event Date")))
_PLACE = (
    f"nullif(concat_ws(', ', {q('City')}, {q('District')}, {q('Province')}, {q('Country')}), '')"
)

SELECT = (
    f"{text(q('Event ID'))} || '@' || CAST({_DATE} AS VARCHAR)",
    text(q("Event Date")),
    _DATE,
    _NONE,
    text(q("Source Name")),
    text(q("Source Country")),
    _NONE,
    q("Source Sectors"),
    _NONE,
    text(q("Target Name")),
    text(q("Target Country")),
    _NONE,
    q("Target Sectors"),
    text(q("CAMEO Code")),
    _NONE,
    _NONE,
    _NONE,
    _NONE,
    number(text(q("Intensity"))),
    "CAST(NULL AS INTEGER)",
    "CAST(NULL AS INTEGER)",
    "CAST(NULL AS INTEGER)",
    "CAST(NULL AS DOUBLE)",
    _PLACE,
    text(q("Country")),
    number(text(q("Latitude"))),
    number(text(q("Longitude"))),
    _NONE,
    text(q("Story ID")),
    number(text(q("Sentence Number")), "INTEGER"),
    text(q("Publisher")),
    text(q("Event Text")),
    "CAST(NULL AS DATE)",
)

LAYOUTS = (
    Layout(
        "icews",
        "ICEWS coded events, Dataverse .tab (20 columns)",
        ICEWS_COLUMNS,
        header=True,
        select=SELECT,
        countries="names",
        places="names",
    ),
)
