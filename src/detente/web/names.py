"""Names for the codes the store carries, so pages say "North Korea (PRK)" and "United States
government (USAGOV)" rather than bare codes.

Countries: the first plain name in ``data/actors/country_aliases.tsv`` ("North Korea"), else
``pycountry``'s common or official name. International organisations: the first name of their
code in ``data/actors/igos.tsv``. Sectors and quad classes: ``data/glossary/``. CAMEO event
codes: the ontology (``data/events/cameo.csv``).
"""

from __future__ import annotations

import csv
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


def event_when(event: dict[str, Any]) -> str:
    """An event's date as finely as the text gives it: "2019-03-14", "2019-03" for a month,
    "2019" for a year, "week of 2019-03-11"; else the day it is charted on."""
    start, precision = event.get("date_start"), event.get("date_precision")
    if start is not None and precision == "year":
        return f"{start:%Y}"
    if start is not None and precision == "month":
        return f"{start:%Y-%m}"
    if start is not None and precision == "week":
        return f"week of {start:%Y-%m-%d}"
    shown = event.get("series_date") or start
    return f"{shown:%Y-%m-%d}" if shown is not None else "undated"


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
    }
