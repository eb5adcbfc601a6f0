"""Relevance: an event needs a political actor (see data/events/relevance.tsv)."""

from __future__ import annotations

from detente.events.relevance import actor_class, load_table
from detente.model import Actor


def dyads(coded):
    return sorted(
        (e.source.country, e.target.country if e.target else None, e.code) for e in coded.events
    )


def test_the_actor_classes_are_data():
    table = load_table()
    assert table.sectors["GOV"] == "political"
    assert table.sectors["BUS"] == "private"
    assert table.sectors["CVL"] == "civil"
    assert {"player", "club", "singer", "patient"} <= table.private_nouns
    assert "14" in table.public_roots


def test_states_and_political_sectors_are_political_and_companies_are_not():
    assert actor_class(Actor(text="Russia", code="RUS", country="RUS")) == "political"
    assert actor_class(Actor(text="the army", code="MIL", sector="MIL")) == "political"
    assert actor_class(Actor(text="Samsung", code="KORBUS", country="KOR", sector="BUS")) == (
        "private"
    )
    player = Actor(text="Russian tennis player Kuznetsova", code="RUS", country="RUS")
    assert actor_class(player) == "private"


def test_a_match_between_clubs_is_no_event(code):
    assert code("The midfielder beat the goalkeeper with a late shot.").events == []
    assert code("The club's players attacked the referee after the match.").events == []


def test_a_company_reporting_its_results_is_no_event(code):
    assert code("The company said its profits had fallen in the final quarter.").events == []


def test_ordinary_people_take_part_in_public_acts_only(code):
    assert [e.code for e in code("Thousands of workers went on strike for better pay.").events]
    assert code("Thousands of visitors from China visited the museum.").events == []


def test_civil_actors_acting_on_a_political_one_give_an_event(code):
    coded = code("Protesters clashed with Russian police in Moscow.")
    assert coded.events and all(e.root in ("14", "19", "18") for e in coded.events)


def test_a_bare_statement_is_aimed_at_the_political_actor_it_speaks_of(code):
    coded = code(
        "Russia still expects Belarus to repay its gas debt, Russia's deputy prime minister said."
    )
    assert ("RUS", "BLR", "010") in dyads(coded)


def test_a_reporting_verb_that_only_attributes_is_no_event(code):
    assert (
        code(
            "The location of the new headquarters has not been decided, a NATO official said."
        ).events
        == []
    )
    assert code("Trump said the leaks were very serious.").events == []


def test_a_country_guessed_from_the_article_makes_no_actor_political():
    guessed_person = Actor(text="Anna Weber", code="DEU", country="DEU", country_inferred=True)
    stated_person = Actor(text="German minister Anna Weber", code="DEUGOV", country="DEU")
    assert actor_class(guessed_person) == actor_class(Actor(text="Anna Weber"))
    assert actor_class(stated_person) == "political"
    chief = Actor(
        text="the chief", code="USAGOV", country="USA", sector="GOV", country_inferred=True
    )
    assert actor_class(chief, in_private_article=True) == actor_class(
        Actor(text="the chief", code="GOV", sector="GOV"), in_private_article=True
    )


def test_a_town_in_a_private_article_is_no_state():
    club = Actor(text="Hertha Berlin", code="DEU", country="DEU")
    country = Actor(text="Germany", code="DEU", country="DEU")
    assert actor_class(club, in_private_article=True) != "political"
    assert actor_class(country, in_private_article=True) == "political"
    assert actor_class(club) == "political"  # in political news a capital stands for its state


def test_a_sports_report_naming_clubs_after_their_towns_gives_no_event(code):
    report = (
        "Dortmund beat Hertha Berlin on penalties in the cup on Tuesday. "
        "The striker opened the scoring after ten minutes. "
        "The goalkeeper saved two penalties in the shoot-out. "
        "The coach praised his players after the match. "
        "The club will play Frankfurt in the next round."
    )
    assert [e for e in code(report).events if e.modality == "asserted"] == []
