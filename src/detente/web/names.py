"""Names for the codes the store carries, so pages say "North Korea (PRK)" and "United States
government (USAGOV)" rather than bare codes.

Countries: the first plain name in ``data/actors/country_aliases.tsv`` ("North Korea"), else
``pycountry``'s common or official name. International organisations: the first name of their
code in ``data/actors/igos.tsv``. Sectors and quad classes: ``data/glossary/``. CAMEO event
codes: the ontology (``data/events/cameo.csv``).
"""

from __future__ import annotations

import csv
from datetime import date, datetime
from functools import cache
from importlib.resources import files
from typing import Any

import pycountry

from ..events.ontology import is_code, lookup

DATA = files("detente") / "data"


def _rows(*path: str) -> list[dict[str, str]]:
    text = DATA.joinpath(*path).read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


@cache
def _country_names() -> dict[str, str]:
    names: dict[str, str] = {}
    for row in _rows("actors", "country_aliases.tsv"):
        if row["kind"] == "name":
            names.setdefault(row["country"], row["text"])
    return names


@cache
def _igo_names() -> dict[str, str]:
    names: dict[str, str] = {}
    for row in _rows("actors", "igos.tsv"):
        text = row["text"]
        if not text.lower().startswith("the ") and text != row["code"] and not text.isupper():
            names.setdefault(row["code"], text)
    return names


@cache
def sector_names() -> dict[str, str]:
    return {row["sector"]: row["name"] for row in _rows("glossary", "sectors.tsv")}


@cache
def quad_names() -> dict[int, str]:
    return {int(row["quad_class"]): row["name"] for row in _rows("glossary", "quad_classes.tsv")}


@cache
def country_name(code: str | None) -> str | None:
    """A country's or organisation's name from its code; None when unknown."""
    if not code:
        return None
    if code in _country_names():
        return _country_names()[code]
    if code in _igo_names():
        return _igo_names()[code]
    found = pycountry.countries.get(alpha_3=code) if len(code) == 3 else None
    if found is None:
        return None
    return getattr(found, "common_name", None) or found.name


def country_label(code: str | None) -> str:
    """ "North Korea (PRK)"; the bare code when it has no name; "?" for none."""
    if not code:
        return "?"
    name = country_name(code)
    return f"{name} ({code})" if name else code


def quad_name(quad_class: int | None) -> str:
    if quad_class is None:
        return "?"
    return quad_names().get(int(quad_class), str(quad_class))


def split_actor_code(code: str) -> tuple[str | None, list[str]]:
    """An actor code cut into its country (or organisation) and its sectors:
    "USAGOV" → ("USA", ["GOV"]), "UNO" → ("UNO", []), "MED" → (None, ["MED"])."""
    sectors = sector_names()
    for size in (5, 4, 3, 2):  # organisation codes run from AU to MERCOSUR
        head = code[:size]
        if len(code) >= size and head not in sectors and country_name(head):
            rest = code[size:]
            if len(rest) % 3 == 0 and all(
                rest[i : i + 3] in sectors for i in range(0, len(rest), 3)
            ):
                return head, [rest[i : i + 3] for i in range(0, len(rest), 3)]
    if len(code) % 3 == 0 and all(code[i : i + 3] in sectors for i in range(0, len(code), 3)):
        return None, [code[i : i + 3] for i in range(0, len(code), 3)]
    return None, []


def actor_code_name(code: str | None) -> str | None:
    """What an actor code means in words: "USAGOV" → "United States government",
    "UNO" → "United Nations", "MED" → "media"; None when the code is not understood."""
    if not code:
        return None
    country, sectors = split_actor_code(code)
    words = [sector_names()[s] for s in sectors]
    if country:
        name = country_name(country) or country
        if words == ["intergovernmental organisation"]:
            return name
        return " ".join([name, *words])
    return " ".join(words) or None


def actor_code_label(code: str | None) -> str:
    """ "United States government (USAGOV)"; the bare code when not understood."""
    if not code:
        return "?"
    name = actor_code_name(code)
    return f"{name} ({code})" if name and name != code else code


def cameo_label(code: str | None, name: str | None = None) -> str:
    """ "042 Make a visit" with the ontology's name when none is given."""
    if not code:
        return "?"
    if not name and is_code(code):
        name = lookup(code).name
    return f"{code} {name}" if name else code


def _as_date(value: Any) -> date | None:
    """A date from a date, a timestamp or ISO text (an audit log's values are text)."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def dated(day: Any, precision: str | None = "day", end: Any = None) -> str:
    """A date as finely as it is known: "2019" for a year, "March 2019" for a month, "week of
    2019-03-11", "2019-03-14", or "2019-03-14 to 2019-03-16" for a span of days."""
    start = _as_date(day)
    if start is None:
        return "undated"
    if precision == "year":
        return f"{start:%Y}"
    if precision == "month":
        return f"{start:%B %Y}"
    if precision == "week":
        return f"week of {start:%Y-%m-%d}"
    last = _as_date(end)
    if precision == "day" and last and last != start:
        return f"{start:%Y-%m-%d} to {last:%Y-%m-%d}"
    return f"{start:%Y-%m-%d}"


def event_when(event: dict[str, Any]) -> str:
    """An event's date as finely as the text gives it (see :func:`dated`); an event the text
    does not date is placed on the day it was first published."""
    precision = event.get("date_precision")
    start = event.get("date_start") or event.get("series_date")
    if precision in (None, "unknown") or start is None:
        shown = event.get("series_date") or start or event.get("published")
        return dated(shown, "day")
    return dated(start, precision, event.get("date_end"))


def period_label(day: Any, freq: str) -> str:
    """A period of a series by its first day: "March 2019" for a month, "2019" for a year."""
    return dated(day, freq if freq in ("week", "month", "year") else "day")


def filters() -> dict[str, Any]:
    """The Jinja filters the templates use."""
    return {
        "country": country_label,
        "country_name": lambda code: country_name(code) or code or "?",
        "actor_code": actor_code_label,
        "actor_code_name": actor_code_name,
        "quad": quad_name,
        "sector": lambda s: sector_names().get(s, s) if s else "none",
        "cameo": cameo_label,
        "when": event_when,
        "dated": dated,
        "period": period_label,
    }
