"""ICEWS coded event files, the Harvard Dataverse layout (``events.YYYY.*.tab``, doi:10.7910/DVN/28075).

Tab-separated with a header line of 20 columns. Countries are named in words ("Russian
Federation"), sectors are comma-separated lists ("Government,Executive,Elite"), the CAMEO
code may have lost its leading zero ("42"), and "Event ID" is unique only together with
"Event Date", so both make the provider's id.
"""

from __future__ import annotations

from .codes import country_of_name
from .layout import Layout, day, number, q

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
DATE_FORMATS = ("%Y-%m-%d", "%Y%m%d", "%m/%d/%Y")

SELECT = (
    f"{q('Event ID')} || '@' || trim({q('Event Date')})",
    q("Event Date"),
    day(q("Event Date"), DATE_FORMATS),
    "NULL",
    q("Source Name"),
    q("Source Country"),
    q("Source Sectors"),
    "NULL",
    q("Target Name"),
    q("Target Country"),
    q("Target Sectors"),
    f"trim({q('CAMEO Code')})",
    "NULL",
    "NULL",
    "NULL",
    q("Intensity"),
    "NULL",
    "NULL",
    "NULL",
    "NULL",
    f"nullif(concat_ws(', ', {q('City')}, {q('District')}, {q('Province')}, {q('Country')}), '')",
    q("Country"),
    number(q("Latitude")),
    number(q("Longitude")),
    "NULL",
    q("Story ID"),
    number(q("Sentence Number"), "INTEGER"),
    q("Publisher"),
    q("Event Text"),
    "NULL",
)

LAYOUTS = (
    Layout(
        "icews",
        "ICEWS coded events, Dataverse .tab (20 columns)",
        ICEWS_COLUMNS,
        True,
        SELECT,
        country_of_name,
        sectors_in_words=True,
    ),
)
