"""Words that look like events and are not: what nature does, meeting a deadline."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    "text",
    [
        "The region was hit by a devastating earthquake last week.",
        "The virus killed 300 people in Italy.",
        "Floods destroyed thousands of homes in Pakistan.",
        "The fall armyworm can attack the crop's growing points.",
        "Pests are threatening crop harvests across the region.",
        "Typhoon Haiyan killed 6,000 people in the Philippines.",
    ],
)
def test_what_nature_does_is_no_event(code, text):
    assert code(text).events == []


@pytest.mark.parametrize(
    "text",
    [
        "Pakistan needs a policy to meet security challenges.",
        "The program will meet the deadline.",
        "Officials are on track to meet this year's goal.",
    ],
)
def test_meeting_a_goal_or_a_deadline_is_no_meeting(code, text):
    assert all(e.code != "040" for e in code(text).events)


def test_meeting_someone_is_still_a_meeting(code):
    assert {e.code for e in code("Putin met Xi in Beijing.").events} == {"040"}
    # the end of a month is when, not what was met
    assert {e.code for e in code("Putin met Xi at the end of last month.").events} == {"040"}


def test_a_walkout_resumes_no_talks(code):
    coded = code(
        "Protest leaders in Sudan agreed to end the general strike that brought Khartoum to a"
        " standstill and are willing to resume talks with the military council."
    )
    assert all("strike" not in e.source.text for e in coded.events)


def test_air_strikes_still_hit(code):
    coded = code("Syrian air strikes hit the town of Douma.")
    assert any(e.code.startswith("19") for e in coded.events)


def test_a_newsroom_asking_for_comment_is_no_appeal(code):
    assert code("CNN has asked the Syrian government for comment.").events == []


def test_pressing_on_with_a_battle_is_no_appeal(code):
    coded = code(
        "Iraqi forces started their assault on Mosul's Old City as they press their battle."
    )
    assert [(e.source.country, e.code) for e in coded.events] == [("IRQ", "190")]
    assert code("The opposition pressed the government to free the prisoners.").events


def test_asking_for_weapons_is_still_an_appeal(code):
    assert {e.code for e in code("Kiev asked Washington for weapons.").events} == {"020"}


def test_releasing_products_is_no_release_of_people(code):
    coded = code("The singer Kylie Minogue has released fragrances, furniture and clothes.")
    assert all(e.code != "0841" for e in coded.events)
    assert {e.code for e in code("Iran released the sailors.").events} == {"0841"}


def test_a_player_signing_for_a_club_signs_no_agreement(code):
    coded = code("Neven Subotic, who has just signed for Koln, said he was happy.")
    assert all(e.code != "057" for e in coded.events)
    assert {e.code for e in code("Russia and Turkey signed in Ankara.").events} == {"057"}


def test_anti_russian_sanctions_are_not_russias(code):
    coded = code("The EU imposed new anti-Russian sanctions on Monday.")
    assert all(e.source.country != "RUS" for e in coded.events)
    assert ("EUR", "RUS", "163") in {
        (e.source.code, e.target.country if e.target else None, e.code) for e in coded.events
    }


@pytest.mark.parametrize(
    "text", ["China's market demand is growing faster.", "Oil demand rose in China last year."]
)
def test_demand_of_a_market_is_no_demand_made_of_anyone(code, text):
    assert all(e.code[:2] != "10" for e in code(text).events)


def test_buying_a_home_is_no_economic_cooperation(code):
    assert all(e.code != "061" for e in code("The plan helps people buy homes.").events)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # attacking a case or a ruling is criticism, not force
        ("The UN rapporteur attacked the case against the activist.", "111"),
        ("The IDF attacked 15 positions in the Gaza Strip.", "190"),
        # signing up to a covenant is signing it
        ("China signed up to the covenant in 1998.", "057"),
    ],
)
def test_what_is_attacked_or_signed_up_to_decides_the_code(code, text, expected):
    assert expected in {e.code for e in code(text).events}


@pytest.mark.parametrize(
    "text",
    [
        "The government took measures to fight air pollution.",
        "Volkswagen sold 10.3 million vehicles worldwide.",
        "The scrumhalf is a position traditionally occupied by small players.",
    ],
)
def test_fighting_pollution_selling_cars_and_occupying_a_position_are_no_events(code, text):
    assert code(text).events == []


def test_fighting_troops_and_occupying_a_town_still_are(code):
    assert {e.code for e in code("Rebels fought government troops.").events} == {"190"}
    assert {e.code for e in code("Russian troops occupied the town.").events} == {"192"}


def test_a_war_on_the_environment_is_no_war_and_a_war_on_ukraine_is(code):
    assert all(e.code != "190" for e in code("Trump's war on the environment has begun.").events)
    assert ("RUS", "UKR", "190") in {
        (e.source.country, e.target.country if e.target else None, e.code)
        for e in code("Russia's war on Ukraine entered its second year.").events
    }


def test_acknowledging_deaths_claims_nothing_and_acknowledging_a_role_does(code):
    assert code("The al Qaeda leader acknowledged the deaths of 14 men in the raid.").events == []
    coded = code("The Russian army acknowledged its role in the killings.")
    assert [(e.source.country, e.code) for e in coded.events] == [("RUS", "015")]


def test_pressing_ahead_with_a_plan_is_no_appeal(code):
    assert code("Chinese authorities press ahead with capacity reduction.").events == []


def test_a_notice_released_is_a_statement_not_a_release(code):
    coded = code("China's National Development and Reform Commission released a notice on coal.")
    assert coded.events == []  # no release (035x), and a statement about no one
    coded = code("China's National Development and Reform Commission released a notice on Japan.")
    assert [(e.source.country, e.code, e.target.country) for e in coded.events] == [
        ("CHN", "010", "JPN")
    ]


def test_speaking_to_a_news_channel_is_no_meeting(code):
    coded = code(
        "Speaking to CNN on Tuesday, Romania's president said Trump's address was historic."
    )
    assert coded.events
    assert all(e.code == "010" and e.target.country == "USA" for e in coded.events)


@pytest.mark.parametrize(
    "text",
    [
        "One police officer killed and two wounded in shooting.",
        "Two soldiers kidnapped; one beheaded on August 12 at an unknown location.",
        "One soldier killed at war memorial; two wounded in shootings at Parliament.",
    ],
)
def test_the_ones_killed_or_wounded_in_a_headline_did_no_killing(code, text):
    assert all(e.code not in ("182", "1823") for e in code(text).events)


def test_killing_in_a_participle_clause_is_still_the_clauses_doers(code):
    coded = code("Police found the body of a journalist killed by the militants.")
    assert ("1823", "MED") in {(e.code, e.target.sector) for e in coded.events if e.target}
    coded = code("Syrian warplanes pounded the enclave of eastern Ghouta, killing five people.")
    assert ("SYR", "1823") in {(e.source.country, e.code) for e in coded.events}


def test_holding_a_stake_detains_no_one(code):
    assert code("Russia's Novatek holds a 50.1 percent stake in the Yamal project.").events == []
    assert {e.code for e in code("Police held the protesters for two days.").events} == {"173"}


def test_where_something_was_said_is_not_whom_it_was_about(code):
    coded = code("Putin spoke about it in detail at a press conference in Budapest.")
    assert coded.events == []  # a bare statement, about no one
    coded = code("Putin spoke about Ukraine in detail at a press conference in Budapest.")
    assert [(e.code, e.target.country) for e in coded.events] == [("010", "UKR")]


def test_welcoming_a_move_is_approval_and_welcoming_a_guest_is_hosting(code):
    coded = code("Netanyahu welcomed Donald Trump's introduction of new sanctions against Iran.")
    assert {e.code for e in coded.events} == {"051"}
    assert {e.code for e in code("Putin welcomed Xi to the Kremlin.").events} == {"043"}


@pytest.mark.parametrize(
    "text",
    [
        "Chinese manufacturers have consistently beaten Mexican manufacturers.",
        "A Romanian activist held a banner with the words freedom.",
        "Obama held the Israeli settlements illegal.",
    ],
)
def test_beating_rivals_and_holding_banners_or_views_are_no_force(code, text):
    assert all(e.code not in ("182", "173") for e in code(text).events)


def test_speaking_out_together_is_no_meeting(code):
    coded = code(
        "Russian President Vladimir Putin and German Chancellor Angela Merkel have spoken out"
        " in favor of restoring the ceasefire."
    )
    assert coded.events
    assert {e.code for e in coded.events} == {"010"}


def test_the_place_a_consultation_is_about_is_not_consulted(code):
    coded = code("Russian officials discussed the situation in southeast Ukraine.")
    assert [(e.code, e.target) for e in coded.events] == [("040", None)]


@pytest.mark.parametrize(
    "text",
    [
        "China is looking beyond financial returns as it seeks to move up the ladder.",
        "Russia can host major sports competitions at the highest level.",
        "The Russian governor had ordered another watch worth 36 million rubles.",
    ],
)
def test_seeking_to_do_hosting_games_and_ordering_goods_are_no_events(code, text):
    assert code(text).events == []


def test_seeking_help_hosting_a_leader_and_ordering_troops_still_are(code):
    assert ("UKR", "022") in {
        (e.source.country, e.code) for e in code("Ukraine sought help from the EU.").events
    }
    assert {e.code for e in code("Putin hosted Xi in Moscow.").events} == {"043"}


def test_the_one_asked_does_not_ask(code):
    coded = code(
        "Hua, when asked whether China worried that the Trump administration would take"
        " further steps, said that China would protect its territory."
    )
    assert all(e.code[:2] != "02" for e in coded.events)


def test_visiting_ones_mother_is_no_state_visit(code):
    assert (
        code("The Yemeni official was visiting her mother when the raid took place.").events == []
    )
    assert {e.code for e in code("Putin visited Beijing.").events} == {"042"}


def test_money_released_frees_no_one(code):
    coded = code("The German company KiK released $5.15 million in compensation to Pakistan.")
    assert all(e.code != "0841" for e in coded.events)


def test_shooting_a_film_is_no_shooting(code):
    coded = code("So when they shoot a French movie, the government provides a lot of subsidies.")
    assert all(e.code != "193" for e in coded.events)
    assert {e.code for e in code("Police shot the protesters.").events} == {"193"}
