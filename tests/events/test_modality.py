"""Modality cues, one table of sentences: the trigger word and what the sentence says of it."""

from __future__ import annotations

import pytest

from detente.events.coder import EventCoder
from detente.events.modality import modality_of, strongest
from detente.model import Article, CodedArticle

CASES = [
    ("The Ukrainian navy seized a Russian tanker on Sunday.", "seized", "asserted"),
    ("Ankara did not sign the accord.", "sign", "negated"),
    ("The minister never visited Havana during his term.", "visited", "negated"),
    ("Seoul refused to meet the envoy from Pyongyang.", "meet", "negated"),
    ("The talks ended without an agreement.", "agreement", "negated"),
    ("The premier will travel to Canberra next week.", "travel", "future"),
    ("Hanoi plans to buy fighter jets from Paris.", "buy", "future"),
    ("The chancellor is expected to visit Warsaw in May.", "visit", "future"),
    ("The two leaders are set to meet in Geneva.", "meet", "future"),
    ("The envoy is scheduled to arrive in Tokyo on Friday.", "arrive", "future"),
    ("The agreement could pave the way for a visit to Havana.", "visit", "hypothetical"),
    ("Manila may expel the ambassador.", "expel", "hypothetical"),
    ("If Caracas attacks the border post, Bogota will respond.", "attacks", "hypothetical"),
    ("Rebels reportedly shelled the airport overnight.", "shelled", "unconfirmed"),
    ("The militia allegedly kidnapped two aid workers.", "kidnapped", "unconfirmed"),
    ("Warplanes bombed the port, according to unconfirmed reports.", "bombed", "unconfirmed"),
    ("The envoy met rebel leaders, but neither side has confirmed it.", "met", "unconfirmed"),
    (
        "Cooperation between Moscow and Washington could be beneficial.",
        "Cooperation",
        "hypothetical",
    ),
    ("The visit to Manila could be a turning point.", "visit", "asserted"),
    ("A trade deal between Lima and Quito would benefit both.", "deal", "hypothetical"),
    ("The trade deal between Lima and Quito will boost exports.", "deal", "asserted"),
    ("Moscow denied that its jets had bombed the hospital.", "bombed", "negated"),
    ("Seoul fears that Pyongyang attacked the ship.", "attacked", "hypothetical"),
    ("Moscow said that its jets had bombed the depot.", "bombed", "asserted"),
    ("The talks between Seoul and Tokyo were not productive.", "talks", "asserted"),
    # "hopes", "hoped" and "hoping" are "hope" (the lemmatiser reads "hop")
    ("Lima hopes to sign the accord.", "sign", "hypothetical"),
    ("Quito hoped that Lima would sign the accord.", "sign", "hypothetical"),
    # an event noun's own schedule decides, whatever the clause around it hopes
    ("Officials hope for a joint statement at next week's summit.", "summit", "future"),
    ("The deal would help Beijing ahead of Xi's expected meeting with Trump.", "meeting", "future"),
    ("The planned summit was cancelled.", "summit", "negated"),
    # what is being prepared has yet to happen
    ("The envoy flew to Hanoi to prepare the summit between the two leaders.", "summit", "future"),
    # what a trip comes before has yet to happen
    ("Kim arrived in Vladivostok on the eve of his summit with Putin.", "summit", "future"),
    ("Pompeo landed in Seoul ahead of talks with Moon.", "talks", "future"),
    ("Manila is unlikely to expel the ambassador.", "expel", "hypothetical"),
    # a condition still to be met
    ("Sanctions will stay until Moscow returns the peninsula to Kyiv.", "returns", "hypothetical"),
    ("The army fought until Moscow sent troops.", "sent", "asserted"),
    # not done so far
    ("The two sides have yet to sign the accord.", "sign", "negated"),
    ("Manila is yet to expel the ambassador.", "expel", "negated"),
    ("Hanoi was about to expel the ambassador.", "expel", "future"),
    ("Neither side confirmed that the envoy met rebel leaders.", "met", "unconfirmed"),
    ("The ministry declined to confirm that troops shelled the port.", "shelled", "unconfirmed"),
    ("Beijing can invite Washington to join the bank.", "invite", "hypothetical"),
    ("Moscow wants Washington to pressure Kyiv.", "pressure", "hypothetical"),
    # a time still to come
    ("The dispute will be discussed when Xi visits Trump.", "visits", "future"),
    ("The dispute was discussed when Xi visited Trump.", "visited", "asserted"),
    # a condition, whatever the clause around it says
    ("In the event of a war with Hanoi, Manila would not send troops.", "war", "hypothetical"),
    ("In case of an attack on Riga, Warsaw will not stand aside.", "attack", "hypothetical"),
    ("The senator argued that Washington needs to confront Beijing.", "confront", "hypothetical"),
    # a demand in the subjunctive is for what has yet to be done
    ("Kyiv insisted that Moscow withdraw its troops.", "withdraw", "hypothetical"),
    ("Seoul demanded that the vessel be returned.", "returned", "hypothetical"),
    ("Kyiv said that Moscow withdrew its troops.", "withdrew", "asserted"),
    ("London helped the country patrol its borders.", "patrol", "asserted"),
    # a second verb shares what governs the first, but not the first's own negation
    ("The rebels vowed to seize the town and punish its mayor.", "punish", "future"),
    ("Lima hopes to sign the accord and open an embassy.", "open", "hypothetical"),
    ("The envoy did not meet the rebels but visited the camp.", "visited", "asserted"),
]


@pytest.mark.parametrize(("sentence", "trigger", "expected"), CASES)
def test_modality_of_a_trigger(nlp, sentence, trigger, expected):
    doc = nlp(sentence)
    token = next(t for t in doc if t.text == trigger)
    assert modality_of(token, doc[:]) == expected


def test_a_subject_does_not_take_the_modality_of_its_verb(nlp):
    doc = nlp("Kishida's visit to Manila could open a new chapter.")
    visit = next(t for t in doc if t.text == "visit")
    assert modality_of(visit, doc[:]) == "asserted"


@pytest.mark.parametrize(
    ("found", "winner"),
    [
        ({"future", "negated"}, "negated"),
        ({"unconfirmed", "hypothetical"}, "hypothetical"),
        ({"future", "unconfirmed"}, "future"),
        (set(), "asserted"),
    ],
)
def test_the_strongest_cue_wins(found, winner):
    assert strongest(found) == winner


def test_a_refusal_said_as_will_not_is_asserted(nlp):
    text = "Ankara will not withdraw its troops from Syria."
    coded = CodedArticle(Article(text=text))
    EventCoder()(nlp(text), coded)
    assert [(e.code, e.modality) for e in coded.events] == [("1246", "asserted")]


def coded(nlp, text: str) -> CodedArticle:
    result = CodedArticle(Article(text=text))
    EventCoder()(nlp(text), result)
    return result


def test_what_sources_say_is_asserted_and_what_rumours_say_unconfirmed(nlp):
    events = coded(nlp, "Russia sent troops to Syria, security sources said.").events
    assert [(e.code, e.modality) for e in events] == [("154", "asserted")]
    events = coded(nlp, "Rumours say Russia sent troops to Syria.").events
    assert [(e.code, e.modality) for e in events] == [("154", "unconfirmed")]
    events = coded(nlp, "Russia reportedly sent troops to Syria.").events
    assert [(e.code, e.modality) for e in events] == [("154", "unconfirmed")]


def test_a_warning_of_what_another_may_do_is_no_threat_by_the_warner(nlp):
    events = coded(nlp, "Officials warned that Russia could send troops to Syria.").events
    assert [(e.source.country, e.code, e.modality) for e in events] == [
        ("RUS", "154", "hypothetical")
    ]
    assert events[0].reported_by.text == "Officials"


def test_those_asked_are_not_the_askers(nlp):
    events = coded(nlp, "Russia would send troops to Syria if asked.").events
    assert [e.code for e in events] == ["154"]
