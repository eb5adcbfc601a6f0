"""The event coder with the real actor resolver of detente.actors, end to end on a few
sentences: the participants come back as country-coded actors and mentions are filled."""

from __future__ import annotations

import pytest

from detente.model import Article, CodedArticle


def code_with(nlp, coder, text: str) -> CodedArticle:
    coded = CodedArticle(Article(text=text))
    coder(nlp(text), coded)
    return coded


@pytest.mark.parametrize(
    ("text", "source", "target", "code"),
    [
        (
            "The Egyptian foreign minister met his Jordanian counterpart in Amman on Sunday.",
            "EGY",
            "JOR",
            "040",
        ),
        ("Kenyan police arrested Somali militants near the border.", "KEN", "SOM", "173"),
        (
            "Brazil condemned the Venezuelan government's decision to close the border.",
            "BRA",
            "VEN",
            "111",
        ),
        ("Canada imposed sanctions on Belarusian officials.", "CAN", "BLR", "163"),
        # a thing stands for its owner
        ("Brazil condemned the missile launch by North Korea.", "BRA", "PRK", "111"),
    ],
)
def test_events_between_resolved_states(nlp, real_coder, text, source, target, code):
    coded = code_with(nlp, real_coder, text)
    assert (source, target, code) in {
        (e.source.country, e.target.country if e.target else None, e.code) for e in coded.events
    }


def test_the_stage_fills_mentions_and_keeps_spans_on_the_text(nlp, real_coder):
    text = "Reporters gathered outside. Chile expelled two Peruvian diplomats on Friday."
    coded = code_with(nlp, real_coder, text)
    [event] = coded.events
    assert text[event.source.span[0] : event.source.span[1]] == "Chile"
    assert text[event.target.span[0] : event.target.span[1]] == "two Peruvian diplomats"
    assert {m.actor.country for m in coded.mentions} >= {"CHL", "PER"}
    assert all(hasattr(entry, "name") for entry in coded.learned)
