"""Phrases that name an actor only with the article's help or with a people noun: nationals
of a country, "the North" beside Seoul, a repeated surname, a surname that is nobody's."""

from __future__ import annotations

from datetime import date


def test_a_demonym_with_nationals_names_the_countrys_civilians(read_article, phrase):
    doc, actors = read_article("Kenyan police detained four Somali nationals at the airport.")
    assert actors.resolve(phrase(doc, "four Somali nationals")).code == "SOMCVL"


def test_the_north_beside_the_south_korean_capital_is_north_korea(read_article, phrase):
    doc, actors = read_article("Seoul said on Tuesday that the North had fired two missiles.")
    assert actors.resolve(phrase(doc, "the North")).code == "PRK"


def test_the_north_in_an_article_about_the_two_sudans_is_sudan(read_article, phrase):
    doc, actors = read_article(
        "Khartoum accused South Sudan of backing rebels, and officials in Juba said the North "
        "was to blame."
    )
    assert actors.resolve(phrase(doc, "the North")).code == "SDN"


def test_a_repeated_surname_the_tagger_missed_is_the_person_introduced(read_article, phrase):
    doc, actors = read_article(
        "French Defence Minister Florence Parly visited Mali. "
        "Parly said the mission would continue."
    )
    actor = actors.resolve(phrase(doc, "Parly", 2))
    assert (actor.code, actor.name, actor.text) == ("FRAGOV", "Florence Parly", "Parly")


def test_a_surname_must_be_spelled_the_same_to_refer_back(read_article, phrase):
    doc, actors = read_article(
        "French Defence Minister Florence Parly visited Mali. Parlyx said the mission would end."
    )
    assert actors.resolve(phrase(doc, "Parlyx")) is None


def test_an_unknown_surname_is_nobody_from_the_people_table(read_article, phrase):
    doc, actors = read_article("Lacroix said the plan had failed.")
    assert actors.resolve(phrase(doc, "Lacroix")) is None


def test_a_bare_surname_of_an_office_holder_comes_from_the_people_table(read_article, phrase):
    doc, actors = read_article("Putin said the talks had failed.", published=date(2019, 3, 1))
    actor = actors.resolve(phrase(doc, "Putin"))
    assert (actor.code, actor.name) == ("RUSGOV", "Vladimir Putin")


def test_a_person_is_matched_by_the_exact_name_not_its_plural(read_article, phrase):
    doc, actors = read_article("The Putins said the talks had failed.")
    assert actors.resolve(phrase(doc, "The Putins")) is None
