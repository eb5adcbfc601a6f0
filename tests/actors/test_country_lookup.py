"""Country lookups for query commands, and places for event locations."""

from __future__ import annotations

import pytest

from detente.actors import lookup_country


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("North Korea", "PRK"),
        ("DPRK", "PRK"),
        ("prk", "PRK"),
        ("Pyongyang", "PRK"),
        ("the United States", "USA"),
        ("U.S.", "USA"),
        ("Britain", "GBR"),
        ("UK", "GBR"),
        ("South Korea", "KOR"),
        ("ROK", "KOR"),
        ("PRC", "CHN"),
        ("Chinese", "CHN"),
        ("Kiev", "UKR"),
        ("Kyiv", "UKR"),
        ("Russian Federation", "RUS"),
        ("the Kremlin", "RUS"),
        ("Tokyo", "JPN"),
    ],
)
def test_any_common_form_of_a_country_gives_its_iso_code(text, code):
    assert lookup_country(text) == code


@pytest.mark.parametrize(
    ("text", "code"),
    [("NATO", "NATO"), ("the European Union", "EUR"), ("EU", "EUR"), ("UN", "UNO"), ("uno", "UNO")],
)
def test_an_international_organisation_gives_the_code_its_events_carry(text, code):
    assert lookup_country(text) == code


@pytest.mark.parametrize("text", ["", "   ", "Atlantis", "the ministry", "Kim"])
def test_what_is_not_a_country_gives_none(text):
    assert lookup_country(text) is None


@pytest.mark.parametrize(
    ("sentence", "place", "text", "country"),
    [
        ("The talks were held in Moscow.", "in Moscow", "Moscow", "RUS"),
        ("Shells fell on Aleppo overnight.", "on Aleppo", "Aleppo", "SYR"),
        ("The envoys met in North Korea.", "in North Korea", "North Korea", "PRK"),
        ("Protests spread in California.", "in California", "California", "USA"),
        # a town written without its accents, its Arabic article or its final "h"
        ("Taliban fighters attacked Kandahar.", "Kandahar", "Kandahar", "AFG"),
        ("Jets struck Raqqa overnight.", "Raqqa", "Raqqa", "SYR"),
        # a US state before any town of the same name (Florida, Cuba)
        ("The president flew to Florida.", "to Florida", "Florida", "USA"),
        ("Fighting raged in eastern Afghanistan.", "in eastern Afghanistan", "Afghanistan", "AFG"),
        ("Jets struck in Syria's Hama province.", "in Syria's Hama province", "Syria", "SYR"),
        # the possessor says which Old City it is
        ("Troops entered Mosul's Old City.", "Mosul's Old City", "Mosul", "IRQ"),
        # a town name two countries share: the one the article is about
        ("Police in Hyderabad arrested a Pakistani activist.", "in Hyderabad", "Hyderabad", "PAK"),
        ("Police in Hyderabad arrested an Indian activist.", "in Hyderabad", "Hyderabad", "IND"),
    ],
)
def test_a_place_phrase_resolves_to_a_location_with_its_country(
    read_article, phrase, sentence, place, text, country
):
    doc, actors = read_article(sentence)
    location = actors.resolve_place(phrase(doc, place))
    assert (location.text, location.country) == (text, country)
    assert location.span == (sentence.index(text), sentence.index(text) + len(text))


def test_a_phrase_naming_no_place_gives_no_location(read_article, phrase):
    doc, actors = read_article("The talks were held in the evening.")
    assert actors.resolve_place(phrase(doc, "in the evening")) is None


def test_a_continent_is_no_town_of_the_same_name(read_article, phrase):
    doc, actors = read_article("The envoy will travel to Asia next week.")
    assert actors.resolve_place(phrase(doc, "to Asia")) is None
