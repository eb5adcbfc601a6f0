"""GDELT event files: 2.0 (61 columns: the 15-minute ``*.export.CSV.zip`` files) and 1.0
(58 columns in the daily files from April 2013, 57 before, without ``SOURCEURL``).

Tab-separated, no header, no quoting. Countries are CAMEO's three letters
(``Actor1CountryCode``); organisations are in ``Actor1KnownGroupCode``. ``ActionGeo_CountryCode``
is a FIPS code, so the place's country is read from the end of ``ActionGeo_FullName``.
"""

from __future__ import annotations

from ..ties.gdelt import GDELT_COLUMNS
from .codes import country_of_code
from .layout import Layout, day, number, q

GDELT1_COLUMNS = tuple(c for c in GDELT_COLUMNS if not c.endswith("ADM2Code"))
"""GDELT 1.0's 58 columns: 2.0's without the three ``*Geo_ADM2Code`` columns."""


def _actor_country(raw: str) -> str | None:
    code, _, group = raw.partition("|")
    return country_of_code(code, group)


def _actor(n: int) -> list[str]:
    a = f"Actor{n}"
    return [
        q(f"{a}Code"),
        q(f"{a}Name"),
        f"coalesce({q(f'{a}CountryCode')}, '') || '|' || coalesce({q(f'{a}KnownGroupCode')}, '')",
        q(f"{a}Type1Code"),
    ]


_URL_HOST = f"split_part({q('SOURCEURL')}, '/', 3)"  # https://HOST/path
_HOST = (
    f"nullif(CASE WHEN starts_with({_URL_HOST}, 'www.') THEN substr({_URL_HOST}, 5) "
    f"ELSE {_URL_HOST} END, '')"
)
"""The site of the source article, the outlet: SOURCEURL's host without ``www.``."""


def _select(with_url: bool) -> tuple[str, ...]:
    return (
        q("GLOBALEVENTID"),
        q("SQLDATE"),
        day(q("SQLDATE"), ("%Y%m%d",)),
        *_actor(1),
        *_actor(2),
        q("EventCode"),
        "NULL",
        "NULL",
        q("QuadClass"),
        q("GoldsteinScale"),
        number(q("NumMentions"), "INTEGER"),
        number(q("NumSources"), "INTEGER"),
        number(q("NumArticles"), "INTEGER"),
        number(q("AvgTone")),
        q("ActionGeo_FullName"),
        f"trim(regexp_extract({q('ActionGeo_FullName')}, '[^,]*$'))",
        number(q("ActionGeo_Lat")),
        number(q("ActionGeo_Long")),
        q("SOURCEURL") if with_url else "NULL",
        "NULL",
        "NULL",
        _HOST if with_url else "NULL",
        "NULL",
        day(f"left({q('DATEADDED')}, 8)", ("%Y%m%d",)),
    )


LAYOUTS = (
    Layout(
        "gdelt",
        "GDELT 2.0 events (61 columns)",
        GDELT_COLUMNS,
        False,
        _select(True),
        _actor_country,
    ),
    Layout(
        "gdelt",
        "GDELT 1.0 events (58 columns)",
        GDELT1_COLUMNS,
        False,
        _select(True),
        _actor_country,
    ),
    Layout(
        "gdelt",
        "GDELT 1.0 events before April 2013 (57 columns)",
        GDELT1_COLUMNS[:-1],
        False,
        _select(False),
        _actor_country,
    ),
)
