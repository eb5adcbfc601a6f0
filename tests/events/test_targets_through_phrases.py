"""Targets the parse hides: in a coordinated preposition, behind "help", behind a pronoun
whose antecedent the parser folded into the subject. The real actor resolver codes the
participants."""

from __future__ import annotations

import pytest
from factories import dyads


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # two prepositions share one object
        ("Japan lifted travel curbs to and from North Korea on Monday.", ("JPN", "PRK", "081")),
        # the one helped is the subject of the bare verb after "help"
        (
            "The German government earmarked 1.5 million euros to help Haiti cope.",
            ("DEU", "HTI", "071"),
        ),
    ],
)
def test_a_target_inside_the_phrase_the_parser_built(code, text, expected):
    assert expected in dyads(code(text))


def test_a_name_is_not_called_a_name_and_him_is_the_one_called(code):
    coded = code(
        "US President Donald Trump called President Recep Tayyip Erdogan of Turkey on"
        " Wednesday and urged him to exercise caution."
    )
    assert ("USA", "TUR", "020") in dyads(coded)
    assert {e.source.text for e in coded.events} == {"US President Donald Trump"}


def test_the_subject_of_the_pronouns_own_verb_is_still_not_its_antecedent(code):
    coded = code("South Sudan President Salva Kiir pardoned him along with 30 prisoners.")
    assert all(e.target is None or e.target.country != "SSD" for e in coded.events)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Xi pledged that China would do what it could to help North Korea.",
            ("CHN", "PRK", "033"),
        ),
        ("Japan vowed to do its utmost to support Ukraine.", ("JPN", "UKR", "032")),
    ],
)
def test_doing_all_one_can_for_an_event_is_that_event(code, text, expected):
    assert expected in dyads(code(text))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a wrapping verb and the event noun it takes are one event
        ("The Taliban refused talks with the Afghan government.", ("AFG", "AFG", "125")),
        # through a light verb: the intent to exercise together, once
        (
            "Jordan and Britain agreed to undertake joint military exercises.",
            ("JOR", "GBR", "0312"),
        ),
        # through the phase of an event: the event
        ("Iran called for the resumption of talks with the United States.", ("IRN", "USA", "026")),
        # agreeing a deal is the deal
        ("Iran agreed to a deal with the United States.", ("IRN", "USA", "057")),
    ],
)
def test_the_event_noun_a_wrapping_verb_takes_decides_the_code(code, text, expected):
    assert expected in dyads(code(text))


@pytest.mark.parametrize(
    "text",
    [
        "Officials from Kansas said they agree with the NCAA that the coach made payments.",
        # siding with what someone proposes, or with someone now, with nothing agreed on
        "Americans said they agree with what Republicans in Congress were proposing.",
        "Both ministers said they agree with Tantan, the Minister of Interior.",
    ],
)
def test_sharing_someones_view_is_a_statement_not_a_promise_to_cooperate(code, text):
    assert {e.code for e in code(text).events if e.trigger == "agree"} == {"010"}


def test_agreeing_with_someone_on_something_is_still_a_deed(code):
    assert ("RUS", "TUR", "0356") in dyads(code("Russia agrees with Turkey on a ceasefire."))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # troops one offers to send are military aid ...
        ("The U.S. has offered to send 30,000 troops to Somalia.", "0332"),
        # ... troops one vows to send are not
        ("Russia vowed to deploy troops to the border.", "154"),
        # and any other offer is an intent, as before
        ("Iran offered to hold talks with the United States.", "036"),
    ],
)
def test_troops_offered_are_help_and_troops_vowed_are_not(code, text, expected):
    assert expected in {e.code for e in code(text).events}


def test_an_acronym_the_tagger_took_for_an_adverb_is_still_the_subject(code):
    coded = code("In cooperation with its partners, USAID provided shelter materials to Haiti.")
    assert ("USA", "HTI", "073") in dyads(coded)


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("Officials condemned the US sanctions.", "USA"),
        ("Officials condemned the Russian attacks.", "RUS"),
        # a region says where the attacks were, not who made them
        ("Officials condemned the Donbas attacks.", None),
        # so does a town the tagger took for an organisation
        ("Officials condemned the Ghazni attacks.", None),
        # a group is still the doer
        ("Officials condemned the Hamas attacks.", "PSE"),
    ],
)
def test_a_place_before_an_event_noun_is_its_doer_only_when_it_is_a_country(code, text, source):
    doers = {e.source.country for e in code(text).events if e.trigger in ("sanctions", "attacks")}
    assert doers == ({source} if source else set())


def test_force_that_names_no_target_is_aimed_where_the_participle_after_it_is(code):
    coded = code(
        "In recent years the Taliban have carried out near-daily attacks, mainly targeting"
        " the Afghan government."
    )
    assert ("AFG", "AFG", "190") in dyads(coded)
    assert all(e.target is not None for e in coded.events)


def test_a_subject_hung_on_a_passive_auxiliary_is_still_the_subject(code):
    coded = code("His government is committed to peace.")
    assert {e.code for e in coded.events} == {"030"}


@pytest.mark.parametrize(
    ("text", "country"),
    [
        # "his" with no name before it: the speaker's
        ("The Ethiopian Prime Minister said his government is committed to reform.", "ETH"),
        # "her" after a named person: hers
        (
            "Trump praised British Premier Theresa May, saying her government is committed to peace.",
            "GBR",
        ),
    ],
)
def test_his_or_her_government_is_the_country_of_the_person_meant(code, text, country):
    coded = code(text)
    assert {e.source.country for e in coded.events if e.code == "030"} == {country}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # leaving an agreement reduces relations; a country before it owns it
        ("The US pulled out of the Iran nuclear deal.", ("USA", "IRN", "160")),
        # a city before it only says where it was made
        ("The US pulled out of the Paris climate agreement.", ("USA", None, "160")),
        # withdrawing troops is still a retreat
        ("Russia withdrew its troops from Kherson.", ("RUS", "UKR", "087")),
    ],
)
def test_withdrawing_from_an_agreement_and_from_a_place(code, text, expected):
    assert dyads(code(text)) == {expected}


def test_both_sides_named_before_one_noun_meet_each_other(code):
    coded = code(
        "HANOI, Feb. 22 - U.S. and North Korean negotiators met in Hanoi on Thursday to draft"
        " what officials hope will be a joint statement for next week's summit."
    )
    assert {("USA", "PRK", "040"), ("PRK", "USA", "040")} <= dyads(coded)


PULLOUT = "North Korea pulled its staff out of the liaison office on Friday. "


@pytest.mark.parametrize(
    ("follow_up", "dyad"),
    [
        # "the decision" stands for the deed the article reported last
        ("Seoul called the decision regrettable.", ("KOR", "PRK", "111")),
        # "its own decision" says whose it is
        ("Seoul criticised its own decision.", ("KOR", None, "111")),
    ],
)
def test_the_decision_stands_for_the_deed_reported_before(code, follow_up, dyad):
    assert dyad in dyads(code(PULLOUT + follow_up))


def test_the_two_leaders_meet_each_other_and_their_own_delegations_are_no_third_party(code):
    coded = code(
        "Russian President Vladimir Putin hosted North Korean leader Kim Jong Un for talks on"
        " Thursday. The two leaders met one-on-one for about two hours and then held wider"
        " talks with their delegations."
    )
    later = [e for e in coded.events if e.sentence_index == 1]
    assert {(e.source.country, e.target.country if e.target else None) for e in later} == {
        ("RUS", "PRK"),
        ("PRK", "RUS"),
    }


def test_the_two_leaders_are_the_two_people_named_as_leaders(code):
    coded = code(
        "North Korean leader Kim Jong Un was welcomed at the border by Vietnamese officials."
        " President Donald Trump landed in Hanoi late on Tuesday. The two leaders are due to"
        " meet for dinner on Wednesday."
    )
    later = {(e.source.country, e.target.country) for e in coded.events if e.sentence_index == 2}
    assert later == {("PRK", "USA"), ("USA", "PRK")}


def test_the_delegation_is_the_delegation_named_before(code):
    coded = code(
        "A delegation of the Russian State Duma arrived in Pyongyang on Monday. Officials of"
        " the Supreme People's Assembly received the delegation."
    )
    assert ("PRK", "RUS", "043") in dyads(coded)
    assert {e.target.code for e in coded.events if e.code == "043"} == {"RUSLEG"}


@pytest.mark.parametrize(
    ("text", "not_aimed_at"),
    [
        # a phrase that only tells despite what
        (
            (
                "Pakistan refuses to remove the ban on Indian television channels despite the thaw"
                " in relations with India."
            ),
            "IND",
        ),
        # an apposition that describes
        (
            (
                "Russia protested the deaths of 14 men and 11 women and children in the raid, a"
                " joint counterterrorism effort between the United States and the United Arab"
                " Emirates."
            ),
            "USA",
        ),
        # who helped
        (
            (
                "Syrian government troops are continuing their offensive towards Palmyra with the"
                " support of Russia's aviation."
            ),
            "RUS",
        ),
    ],
)
def test_a_phrase_that_tells_why_what_or_with_whose_help_names_no_target(code, text, not_aimed_at):
    coded = code(text)
    assert coded.events
    assert all(e.target is None or e.target.country != not_aimed_at for e in coded.events)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Washington announced the suspension of talks with Pyongyang.", ("USA", "PRK", "164")),
        ("Russia announced a suspension of cooperation with NATO.", ("RUS", "NATO", "160")),
    ],
)
def test_what_is_suspended_decides_the_code_of_a_suspension(code, text, expected):
    assert expected in dyads(code(text))


def test_a_spokesman_for_a_body_acts_for_it(code):
    coded = code("A spokesman for the Russian foreign ministry condemned the attack on Kiev.")
    assert [(e.source.text, e.source.code) for e in coded.events] == [
        ("A spokesman for the Russian foreign ministry", "RUSGOV")
    ]


def test_a_topic_discussed_is_not_whom_it_was_discussed_with(code):
    coded = code("Russian officials discussed the possibility of US sanctions on Iran.")
    assert all(e.code != "040" or e.target is None for e in coded.events)
    assert ("RUS", "TUR", "040") in dyads(code("Putin discussed Syria with Erdogan."))
