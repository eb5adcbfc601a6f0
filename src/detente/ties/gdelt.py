"""The GDELT 2.0 event table layout: its 61 columns, and one merged event as one GDELT row.

The column list is GDELT's published event-table schema (September 2016). Fields
detente does not produce (ethnic and religious codes, tone, geocoded actor
locations, FIPS country codes, coordinates) are left empty.
"""

from __future__ import annotations

import functools
from datetime import date
from typing import Any

GDELT_COLUMNS: tuple[str, ...] = (
    "GLOBALEVENTID",
    "SQLDATE",
    "MonthYear",
    "Year",
    "FractionDate",
    "Actor1Code",
    "Actor1Name",
    "Actor1CountryCode",
    "Actor1KnownGroupCode",
    "Actor1EthnicCode",
    "Actor1Religion1Code",
    "Actor1Religion2Code",
    "Actor1Type1Code",
    "Actor1Type2Code",
    "Actor1Type3Code",
    "Actor2Code",
    "Actor2Name",
    "Actor2CountryCode",
    "Actor2KnownGroupCode",
    "Actor2EthnicCode",
    "Actor2Religion1Code",
    "Actor2Religion2Code",
    "Actor2Type1Code",
    "Actor2Type2Code",
    "Actor2Type3Code",
    "IsRootEvent",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScale",
    "NumMentions",
    "NumSources",
    "NumArticles",
    "AvgTone",
    "Actor1Geo_Type",
    "Actor1Geo_FullName",
    "Actor1Geo_CountryCode",
    "Actor1Geo_ADM1Code",
    "Actor1Geo_ADM2Code",
    "Actor1Geo_Lat",
    "Actor1Geo_Long",
    "Actor1Geo_FeatureID",
    "Actor2Geo_Type",
    "Actor2Geo_FullName",
    "Actor2Geo_CountryCode",
    "Actor2Geo_ADM1Code",
    "Actor2Geo_ADM2Code",
    "Actor2Geo_Lat",
    "Actor2Geo_Long",
    "Actor2Geo_FeatureID",
    "ActionGeo_Type",
    "ActionGeo_FullName",
    "ActionGeo_CountryCode",
    "ActionGeo_ADM1Code",
    "ActionGeo_ADM2Code",
    "ActionGeo_Lat",
    "ActionGeo_Long",
    "ActionGeo_FeatureID",
    "DATEADDED",
    "SOURCEURL",
)
GEO_COUNTRY = 1
"""GDELT's ``*Geo_Type`` for a match at the level of a country."""


@functools.lru_cache(maxsize=512)
def country_name(code: str | None) -> str | None:
    """The common English name of an ISO alpha-3 country, or None for other codes."""
    if not code or len(code) != 3:
        return None
    import pycountry

    entry = pycountry.countries.get(alpha_3=code)
    if entry is None:
        return None
    return getattr(entry, "common_name", None) or entry.name


def _actor(row: dict[str, Any], side: str) -> dict[str, Any]:
    country = row.get(f"{side}_country")
    is_state = country_name(country) is not None
    name = row.get(f"{side}_name") or (country_name(country) if is_state else country) or ""
    return {
        "Code": row.get(f"{side}_code") or "",
        "Name": name.upper(),
        "CountryCode": country if is_state else "",
        "KnownGroupCode": country if country and not is_state else "",
        "Type1Code": row.get(f"{side}_sector") or "",
    }


def _day(value: date | None) -> str:
    return value.strftime("%Y%m%d") if value else ""


def gdelt_row(row: dict[str, Any], url: str | None) -> list[str]:
    """One merged event (a ``merged_events`` row) as the 61 fields of a GDELT event record."""
    when: date | None = row.get("series_date")
    out: dict[str, Any] = dict.fromkeys(GDELT_COLUMNS, "")
    out["GLOBALEVENTID"] = int(row["id"][:15], 16)
    if when:
        out.update(
            SQLDATE=_day(when),
            MonthYear=when.strftime("%Y%m"),
            Year=when.year,
            FractionDate=f"{when.year + (when.month * 30 + when.day) / 365:.4f}",
        )
    for side, prefix in (("source", "Actor1"), ("target", "Actor2")):
        for key, value in _actor(row, side).items():
            out[prefix + key] = value
    code = row["code"]
    out.update(
        EventCode=code,
        EventBaseCode=code[:3],
        EventRootCode=row["root"],
        QuadClass=row.get("quad_class") or "",
        GoldsteinScale=row.get("goldstein"),
        NumMentions=row.get("report_count") or 0,
        NumSources=len(row.get("outlets") or []),
        NumArticles=len(row.get("article_ids") or []),
    )
    place = row.get("location_country")
    if place:
        out.update(ActionGeo_Type=GEO_COUNTRY, ActionGeo_FullName=country_name(place) or place)
    added = row.get("first_report_date")
    out["DATEADDED"] = _day(added) + "000000" if added else ""
    out["SOURCEURL"] = url or ""
    return ["" if out[c] is None else str(out[c]) for c in GDELT_COLUMNS]
