"""Within one article, later mentions (a surname, "he"/"she", "the North") resolve to what
the article introduced earlier."""

from __future__ import annotations

import pytest

KOREAS = (
    "North Korea and South Korea agreed to reopen a liaison office. "
    "The North said the office would open in June. "
    "The South welcomed the move."
)


def test_a_surname_resolves_to_the_person_introduced_earlier(read_article, phrase):
    doc, actors = read_article(
        "Alexander Matsegora, Russia's ambassador to Pyongyang, met officials on Monday. "
        "Matsegora said the talks were useful."
    )
    actor = actors.resolve(phrase(doc, "Matsegora", 2))
    assert (actor.code, actor.name) == ("RUSGOV", "Alexander Matsegora")


def test_he_after_a_person_in_the_previous_sentence_is_that_person(read_article, phrase):
    doc, actors = read_article(
        "Chinese Defence Minister Wei Fenghe arrived in Moscow. He met his Russian counterpart."
    )
    actor = actors.resolve(phrase(doc, "He"))
    assert (actor.code, actor.name) == ("CHNGOV", "Wei Fenghe")
    assert actor.text == "He"


def test_a_pronoun_far_from_any_person_resolves_to_none(read_article, phrase):
    doc, actors = read_article(
        "Chinese Defence Minister Wei Fenghe arrived in Moscow. The visit lasted two days. "
        "Officials said little. He left on Friday."
    )
    assert actors.resolve(phrase(doc, "He")) is None


def test_the_north_and_the_south_in_an_article_about_the_two_koreas(read_article, phrase):
    doc, actors = read_article(KOREAS)
    assert actors.resolve(phrase(doc, "The North")).code == "PRK"
    assert actors.resolve(phrase(doc, "The South")).code == "KOR"


def test_the_north_is_north_korea_in_an_article_about_north_korea_alone(read_article, phrase):
    doc, actors = read_article(
        "North Korea fired two missiles on Thursday. The North said the test was a success."
    )
    assert actors.resolve(phrase(doc, "The North")).code == "PRK"


def test_the_north_means_nothing_in_an_article_without_the_koreas(read_article, phrase):
    doc, actors = read_article("The North held its ground against the South in the final.")
    assert actors.resolve(phrase(doc, "The North")) is None


def test_a_capital_in_possessive_gives_the_country_of_its_envoy(read_article, phrase):
    doc, actors = read_article("Pyongyang's envoy walked out of the meeting.")
    assert actors.resolve(phrase(doc, "Pyongyang's envoy")).code == "PRKGOV"


def test_mentions_list_every_actor_in_text_order(read_article):
    _, actors = read_article(
        "Russian troops entered the town. The United Nations protested to Moscow."
    )
    codes = [(m.actor.code, m.sentence_index) for m in actors.mentions()]
    assert codes == [("RUSMIL", 0), ("UNO", 1), ("RUS", 1)]


def test_learned_people_carry_their_role_and_the_publication_date(read_article):
    from datetime import date

    _, actors = read_article(
        "Alexander Matsegora, Russia's ambassador to Pyongyang, met officials on Monday.",
        published=date(2019, 5, 2),
    )
    [entry] = actors.learned()
    assert (entry.name, entry.code, entry.country, entry.sector) == (
        "Alexander Matsegora",
        "RUSGOV",
        "RUS",
        "GOV",
    )
    assert entry.aliases == ("Matsegora",)
    assert entry.first_seen == entry.last_seen == date(2019, 5, 2)
    assert entry.origin == "learned"


def test_people_known_from_the_builtin_list_are_not_learned_again(read_article):
    _, actors = read_article("Russian Foreign Minister Sergei Lavrov met the envoy.")
    assert actors.learned() == []


def test_names_that_are_not_people_are_not_learned(read_article):
    _, actors = read_article(
        "The Syrian Observatory, a Britain-based monitor, said Russian jets struck. "
        "Police chief John Brown resigned."
    )
    assert [e.name for e in actors.learned()] == []


def test_a_mention_keeps_the_modifiers_of_its_noun(read_article):
    _, actors = read_article("The foreign minister of Russia arrived.")
    assert [m.actor.code for m in actors.mentions()] == ["RUSGOV", "RUS"]


def test_in_an_article_about_one_country_its_institutions_are_that_countrys(read_article, phrase):
    doc, actors = read_article(
        "Nigeria's president signed the bill. The Senate of Nigeria had approved it. The Senate met on Monday."
    )
    assert actors.resolve(phrase(doc, "The Senate", 2)).code == "NGALEG"
    doc, actors = read_article(
        "The government said the army would withdraw from Syria's north. Syria's allies agreed."
    )
    assert actors.resolve(phrase(doc, "The government")).code == "SYRGOV"


def test_in_an_article_about_several_countries_an_unnamed_institution_has_no_country(
    read_article, phrase
):
    doc, actors = read_article(
        "Nigeria and Ghana signed the deal. The Senate had approved it on Monday."
    )
    assert actors.resolve(phrase(doc, "The Senate")).code == "LEG"


def test_a_country_named_far_more_than_any_other_has_the_unnamed_institutions(read_article, phrase):
    doc, actors = read_article(
        "Romania's president attacked Romania's government. Romanian protesters rallied in"
        " Bucharest. The US embassy watched. The Senate met on Monday."
    )
    assert actors.resolve(phrase(doc, "The Senate")).code == "ROULEG"


def test_a_country_named_once_in_passing_does_not_claim_the_institutions(read_article, phrase):
    doc, actors = read_article(
        "The Dail passed a motion of confidence in the Government after a row over Russia."
    )
    assert actors.resolve(phrase(doc, "the Government")).code == "GOV"


def test_a_person_named_earlier_gives_their_country_to_what_bears_their_name(read_article, phrase):
    doc, actors = read_article(
        "Kim Jong Un oversaw the test. The Kim regime said it would continue."
    )
    assert actors.resolve(phrase(doc, "The Kim regime")).code == "PRKGOV"


def test_the_two_countries_are_the_last_two_the_article_named(read_article, phrase):
    doc, actors = read_article(
        "Russia and China held talks in Moscow on Monday. The two countries signed a deal."
    )
    assert [a.country for a in actors.sides(phrase(doc, "The two countries"))] == ["RUS", "CHN"]


def test_a_place_where_something_happened_is_not_one_of_the_two(read_article, phrase):
    doc, actors = read_article("Trump met Kim in Hanoi. The two leaders failed to agree.")
    sides = actors.sides(phrase(doc, "The two leaders"))
    assert [(a.country, a.sector) for a in sides] == [("USA", "GOV"), ("PRK", "GOV")]


def test_the_two_sides_name_nobody_when_the_article_named_one_country(read_article, phrase):
    doc, actors = read_article("North Korea fired two missiles. Both sides traded accusations.")
    assert actors.sides(phrase(doc, "Both sides")) == []


def test_a_name_ending_in_a_word_the_tagger_takes_for_a_pronoun(read_article, phrase):
    doc, actors = read_article("Chinese Vice Premier Liu He visited Washington for talks.")
    actor = actors.resolve(phrase(doc, "Chinese Vice Premier Liu He"))
    assert (actor.code, actor.name) == ("CHNGOV", "Liu He")


def test_the_alliance_is_nato_in_an_article_that_names_nato(read_article, phrase):
    doc, actors = read_article("NATO leaders met in Vilnius. The alliance pledged more aid.")
    assert actors.resolve(phrase(doc, "The alliance")).code == "NATO"


def test_the_alliance_means_nothing_where_nato_is_not_named(read_article, phrase):
    doc, actors = read_article("The alliance between the two parties collapsed on Monday.")
    assert actors.resolve(phrase(doc, "The alliance")) is None


@pytest.mark.parametrize(
    ("text", "words", "code"),
    [
        (
            "Hundreds of Russian soldiers crossed the border.",
            "Hundreds of Russian soldiers",
            "RUSMIL",
        ),
        (
            "Dozens of Palestinian protesters were injured.",
            "Dozens of Palestinian protesters",
            "PSEOPP",
        ),
        ("A group of Chinese diplomats visited Seoul.", "A group of Chinese diplomats", "CHNGOV"),
    ],
)
def test_a_count_of_people_is_those_people(read_article, phrase, text, words, code):
    doc, actors = read_article(text)
    assert actors.resolve(phrase(doc, words)).code == code


def test_his_is_the_person_who_is_the_subject_of_its_clause(read_article, phrase):
    doc, actors = read_article(
        "Iranian President Hassan Rouhani criticised Trump's statements regarding his"
        " country's nuclear deal."
    )
    assert actors.resolve(phrase(doc, "his")).country == "IRN"
    doc, actors = read_article("Hassan Rouhani said Trump had betrayed his country's allies.")
    assert actors.resolve(phrase(doc, "his")).country == "USA"


@pytest.mark.parametrize(
    ("text", "words", "code"),
    [
        ("Kyiv insisted that Moscow withdraw its troops.", "its troops", "RUSMIL"),
        ("Russia's defence ministry said its troops had struck the town.", "its troops", "RUSMIL"),
        ("Japan said it would send its troops to the island.", "its troops", "JPNMIL"),
    ],
)
def test_its_is_the_subject_of_the_clause_around_it(read_article, phrase, text, words, code):
    doc, actors = read_article(text)
    assert actors.resolve(phrase(doc, words)).code == code


def test_the_countrys_is_the_country_named_last(read_article, phrase):
    doc, actors = read_article(
        "Russia and the EU sent observers. Romanian opposition leaders denounced the"
        " country's government."
    )
    assert actors.resolve(phrase(doc, "the country's government")).code == "ROUGOV"
