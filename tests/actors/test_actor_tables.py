"""The lexicon tables are well formed: known country and sector codes, sane dates."""

from __future__ import annotations

import pycountry
import pytest

from detente.actors.lexicon import _rows, _running_text_form, default_lexicon

SECTORS = {
    "GOV",
    "MIL",
    "LEG",
    "JUD",
    "COP",
    "SPY",
    "MED",
    "PTY",
    "OPP",
    "REB",
    "CVL",
    "BUS",
    "EDU",
    "NGO",
    "IGO",
    "REF",
    "HLH",
    "LAB",
    "ELI",
    "REL",
    "CRM",
    "AGR",
}
COUNTRIES = {c.alpha_3 for c in pycountry.countries} | {"XKX"}
HISTORIC = {
    c.alpha_3 for c in pycountry.historic_countries
}  # SUN for the Soviet Union, as PETRARCH


def igo_codes() -> set[str]:
    return {row["code"] for row in _rows("igos.tsv")}


@pytest.mark.parametrize(
    ("table", "column"),
    [
        ("country_aliases.tsv", "country"),
        ("seats.tsv", "country"),
        ("contextual.tsv", "country"),
        ("organisations.tsv", "country"),
        ("people.tsv", "country"),
    ],
)
def test_every_country_is_an_iso_code_or_an_organisation(table, column):
    known = COUNTRIES | HISTORIC | igo_codes()
    bad = [row for row in _rows(table) if row[column] and row[column] not in known]
    assert bad == []


@pytest.mark.parametrize(
    "table",
    ["seats.tsv", "organisations.tsv", "igos.tsv", "people.tsv", "sectors.tsv", "proxy_nouns.tsv"],
)
def test_every_sector_is_a_cameo_sector(table):
    bad = [row for row in _rows(table) if row["sector"].rstrip("*") not in SECTORS | {"", "-"}]
    assert bad == []


def test_office_holders_start_before_they_end():
    for row in _rows("people.tsv"):
        if row["valid_from"] and row["valid_to"]:
            assert row["valid_from"] < row["valid_to"], row["name"]


def test_the_lexicon_compiles_and_knows_every_country():
    lexicon = default_lexicon()
    missing = [
        c.alpha_3
        for c in pycountry.countries
        if lexicon.country_of(_running_text_form(c.name)) != c.alpha_3
    ]
    assert missing == []


@pytest.mark.parametrize(
    ("text", "state"),
    [
        ("Germany", True),
        ("German", True),
        ("Washington", True),
        ("the Kremlin", True),
        ("Dortmund", False),  # a town the built-in dictionaries place, no stand-in for a state
        ("Hertha Berlin", False),
    ],
)
def test_what_stands_for_a_state(text, state):
    assert default_lexicon().stands_for_a_state(text) is state
