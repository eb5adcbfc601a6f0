"""Shared fixtures for the event coder's specifications."""

from __future__ import annotations

import pytest

from detente.model import Actor, Article, CodedArticle, Location

spacy = pytest.importorskip("spacy")


@pytest.fixture(scope="session")
def nlp():
    from detente.errors import ModelError
    from detente.nlp import load_model

    try:
        return load_model()
    except ModelError as exc:  # pragma: no cover - the model is a declared dependency
        pytest.skip(str(exc))


# A deliberately small stand-in for detente.actors, so that these specifications test the
# event rules alone: a handful of states by name, adjective and capital.
_STATES = {
    "RUS": ("Russia", "Russian", "Moscow", "Kremlin", "Putin", "Lavrov"),
    "CHN": ("China", "Chinese", "Beijing", "Xi"),
    "USA": ("United States", "US", "U.S.", "American", "Washington", "Trump", "Biden"),
    "IRN": ("Iran", "Iranian", "Tehran"),
    "ISR": ("Israel", "Israeli"),
    "SYR": ("Syria", "Syrian", "Damascus"),
    "UKR": ("Ukraine", "Ukrainian", "Kyiv", "Kiev"),
    "PRK": ("North Korea", "North Korean", "Pyongyang", "Kim"),
    "KOR": ("South Korea", "South Korean", "Seoul"),
    "JPN": ("Japan", "Japanese", "Tokyo"),
    "TUR": ("Turkey", "Turkish", "Ankara", "Erdogan"),
    "FRA": ("France", "French", "Paris", "Macron"),
    "DEU": ("Germany", "German", "Berlin"),
    "IND": ("India", "Indian", "New Delhi", "Modi"),
    "PAK": ("Pakistan", "Pakistani", "Islamabad"),
    "EGY": ("Egypt", "Egyptian", "Cairo"),
}
_SECTORS = {
    "troops": "MIL",
    "army": "MIL",
    "forces": "MIL",
    "jets": "MIL",
    "police": "COP",
    "government": "GOV",
    "president": "GOV",
    "minister": "GOV",
    "ministry": "GOV",
}
_NAMES = sorted(
    ((name, code) for code, names in _STATES.items() for name in names), key=lambda p: -len(p[0])
)
_MEDIA = {"KCNA": ("PRKMED", "PRK"), "Xinhua": ("CHNMED", "CHN"), "TASS": ("RUSMED", "RUS")}


class FakeArticleActors:
    def __init__(self) -> None:
        self.seen: list[Actor] = []

    def resolve(self, span):
        text = f" {span.text} "
        for name, (code, country) in _MEDIA.items():
            if f" {name} " in text:
                return Actor(text=span.text, code=code, country=country, sector="MED")
        found = []
        for name, country in _NAMES:
            for form in (f" {name} ", f" {name}'s ", f" {name},"):
                if form in text:
                    found.append((text.index(form), country))
        if not found:
            return None
        country = min(found)[1]  # the first name in the phrase, as in "the Chinese envoy in Seoul"
        sector = next((s for w, s in _SECTORS.items() if w in span.text.split()), None)
        actor = Actor(text=span.text, code=country + (sector or ""), country=country, sector=sector)
        self.seen.append(actor)
        return actor

    def resolve_place(self, span):
        actor = self.resolve(span)
        return Location(
            text=span.text,
            country=actor.country if actor else None,
            span=(span.start_char, span.end_char),
        )

    def sentence_countries(self, sentence):
        return {country for name, country in _NAMES if f" {name}" in f" {sentence.text}"}

    def country_marked(self, span):
        found = [(f" {span.text} ".find(f" {name}"), c) for name, c in _NAMES]
        return min(((i, c) for i, c in found if i >= 0), default=(0, None))[1]

    def sides(self, span, besides=()):
        return []  # "the two countries" is the actor resolver's to read

    def mentions(self):
        return []

    def learned(self):
        return []


class FakeResolver:
    def for_article(self, doc, article):
        return FakeArticleActors()


@pytest.fixture(scope="session")
def coder():
    from detente.events.coder import EventCoder

    return EventCoder(resolver=FakeResolver())


def coding_with(nlp, event_coder):
    """A function that codes one text as an article of its own with ``event_coder``."""

    def run(text: str) -> CodedArticle:
        coded = CodedArticle(Article(text=text))
        event_coder(nlp(text), coded)
        return coded

    return run


@pytest.fixture(scope="session")
def code_text(nlp, coder):
    """Code a text with the event coder alone (a fake actor resolver)."""
    return coding_with(nlp, coder)


@pytest.fixture(scope="session")
def real_coder():
    """The event coder with its real lexicon and actor resolver."""
    from detente.events.coder import EventCoder

    return EventCoder()


@pytest.fixture(scope="session")
def code(nlp, real_coder):
    """Code a text with the event coder and the real actor resolver."""
    return coding_with(nlp, real_coder)
