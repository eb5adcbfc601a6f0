"""Events told as nouns: a visit, talks, a meeting, an agreement, with participants from the
noun's own phrase, a frame over it ("the signing of an agreement") or the journey made for it
("left for a visit to"); and only what the sentence says happened, or with its modality.

Each case: a sentence, then the events expected as (source country, target country, CAMEO
code, modality), with the small actor stand-in of conftest.py.
"""

from __future__ import annotations

import pytest

from detente.model import Article, CodedArticle


def triples(coded: CodedArticle) -> list[tuple]:
    return sorted(
        (
            (e.source.country, e.target.country if e.target else None, e.code, e.modality)
            for e in coded.events
        ),
        key=str,
    )


def both_ways(a: str, b: str, code: str, modality: str = "asserted") -> list[tuple]:
    return sorted([(a, b, code, modality), (b, a, code, modality)], key=str)


CASES = {
    "a journey for a visit": (
        "The Pakistani premier left Islamabad on Friday for a goodwill visit to China.",
        [("PAK", "CHN", "042", "asserted")],
    ),
    "a journey that will be made": (
        "Erdogan will leave for Moscow on Sunday for talks with Putin.",
        [("TUR", "RUS", "046", "future")],
    ),
    "on a visit, the host where the visitor is": (
        "The Iranian foreign minister is in Cairo on an official visit.",
        [("IRN", "EGY", "042", "asserted")],
    ),
    "home after a visit": (
        "Modi returned home after a three-day visit to Japan.",
        [("IND", "JPN", "042", "asserted")],
    ),
    "said after talks with someone": (
        "Macron said after talks with Modi that ties had never been stronger.",
        [("FRA", "IND", "046", "asserted")],
    ),
    "their meeting: the clause's subject": (
        "Putin and Lavrov will face questions on trade in their meeting with Erdogan.",
        [("RUS", "TUR", "040", "future"), ("RUS", "TUR", "040", "future")],
    ),
    "talks between the ministers of two states": (
        "Talks between the defence ministers of India and Pakistan ended on Monday.",
        both_ways("IND", "PAK", "046"),
    ),
    "a meeting of the leaders of two states": (
        "A meeting of the leaders of Japan and South Korea was held in Tokyo.",
        both_ways("JPN", "KOR", "040"),
    ),
    "the visit of someone": (
        "The visit of the Turkish president to Tehran lasted two days.",
        [("TUR", "IRN", "042", "asserted")],
    ),
    "the signing of an agreement by two states": (
        "The signing of a gas agreement by Egypt and Israel was celebrated in Cairo.",
        both_ways("EGY", "ISR", "057"),
    ),
    "the adoption of a declaration": (
        "The adoption of a joint declaration by France and Germany took place in Paris.",
        both_ways("FRA", "DEU", "057"),
    ),
    "a planned visit is still to come": (
        "A planned visit by the Japanese premier to New Delhi was announced.",
        [("JPN", "IND", "042", "future")],
    ),
    "talks that could resume": (
        "Talks between Seoul and Pyongyang could resume next month.",
        both_ways("KOR", "PRK", "046", "hypothetical"),
    ),
    "had meetings with: have lends its subject": (
        "The Turkish envoy had three meetings with Iranian officials last year.",
        [("TUR", "IRN", "040", "asserted")],
    ),
    "had contacts with": (
        "Indian officials had several contacts with Pakistani diplomats.",
        [("IND", "PAK", "040", "asserted")],
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_a_nominal_event_codes_with_its_participants(code_text, case):
    sentence, expected = CASES[case]
    assert triples(code_text(sentence)) == expected


def test_a_verb_that_codes_the_journey_leaves_the_noun_nothing_to_add(code_text):
    coded = code_text("Putin arrived in Ankara on a state visit.")
    assert triples(coded) == [("RUS", "TUR", "042", "asserted")]


def test_a_journey_for_talks_told_in_reported_speech_keeps_the_journeys_modality(code_text):
    coded = code_text("Erdogan flew to Moscow on Monday for talks with Putin, Ankara said.")
    assert ("TUR", "RUS", "046", "asserted") in triples(coded)


def test_our_assistance_is_the_speakers_not_the_clause_subjects(code_text):
    coded = code_text("The fighting threatens Syrians who rely on our assistance.")
    assert [e for e in coded.events if e.code.startswith("07")] == []


def test_a_strike_one_is_on_is_no_journey(code_text):
    assert triples(code_text("Egyptian doctors were on strike for a week.")) == []


def test_held_talks_is_one_event_not_two(code_text):
    coded = code_text("Iran held talks with France in Paris.")
    assert triples(coded) == [("IRN", "FRA", "040", "asserted")]


def test_the_two_countries_leaders_are_the_pair_the_article_just_named(nlp, real_coder):
    text = (
        "Russia and China signed a trade treaty last year. "
        "A meeting of the two countries' leaders took place in Beijing on Monday."
    )
    coded = CodedArticle(Article(text=text))
    real_coder(nlp(text), coded)
    meetings = [e for e in coded.events if e.code == "040"]
    assert sorted((e.source.country, e.target.country) for e in meetings) == [
        ("CHN", "RUS"),
        ("RUS", "CHN"),
    ]
