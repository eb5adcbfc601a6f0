"""GDELT event files: 2.0 (61 columns: the 15-minute ``*.export.CSV.zip`` files) and 1.0
(58 columns in the daily files from April 2013, 57 before, without ``SOURCEURL``).

Tab-separated, no header, no quoting; the columns and their meaning are GDELT's event-table
codebook (September 2016). Countries are CAMEO's three letters (``Actor1CountryCode``);
organisations are in ``Actor1KnownGroupCode``; ``Actor1Type1Code`` is the CAMEO sector. The
place's country is ``ActionGeo_CountryCode``, a FIPS 10-4 code.
"""

from __future__ import annotations

from ..ties.gdelt import GDELT_COLUMNS
from .layout import Layout, day, number, q

GDELT1_COLUMNS = tuple(c for c in GDELT_COLUMNS if not c.endswith("ADM2Code"))
"""GDELT 1.0's 58 columns: 2.0's without the three ``*Geo_ADM2Code`` columns."""

_NONE = "CAST(NULL AS VARCHAR)"


def _actor(n: int) -> list[str]:
    a = f"Actor{n}"
    return [
        q(f"{a}Code"),
        q(f"{a}Name"),
        q(f"{a}CountryCode"),
        q(f"{a}KnownGroupCode"),
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
        day(q("SQLDATE"), "%Y%m%d"),
        *_actor(1),
        *_actor(2),
        q("EventCode"),
        _NONE,
        _NONE,
        _NONE,
        q("QuadClass"),
        number(q("GoldsteinScale")),
        number(q("NumMentions"), "INTEGER"),
        number(q("NumSources"), "INTEGER"),
        number(q("NumArticles"), "INTEGER"),
        number(q("AvgTone")),
        q("ActionGeo_FullName"),
        q("ActionGeo_CountryCode"),
        number(q("ActionGeo_Lat")),
        number(q("ActionGeo_Long")),
        q("SOURCEURL") if with_url else _NONE,
        _NONE,
        "CAST(NULL AS INTEGER)",
        _HOST if with_url else _NONE,
        _NONE,
        day(f"left({q('DATEADDED')}, 8)", "%Y%m%d"),
    )


def _layout(version: str, columns: tuple[str, ...], with_url: bool) -> Layout:
    return Layout(
        "gdelt",
        version,
        columns,
        header=False,
        select=_select(with_url),
        countries="cameo",
        places="fips",
    )


LAYOUTS = (
    _layout("GDELT 2.0 events (61 columns)", GDELT_COLUMNS, True),
    _layout("GDELT 1.0 events (58 columns)", GDELT1_COLUMNS, True),
    _layout("GDELT 1.0 events before April 2013 (57 columns)", GDELT1_COLUMNS[:-1], False),
)
