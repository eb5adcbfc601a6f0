"""Whatever text comes in, the coder returns events or nothing; it never raises."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

WORDS = [
    "Russia",
    "China",
    "the",
    "minister",
    "met",
    "attacked",
    "not",
    "will",
    "and",
    "with",
    "said",
    "that",
    "it",
    "talks",
    "between",
    "sanctions",
    "on",
    "by",
    "-",
    ",",
    ".",
    "?",
    "SEOUL",
    "(Reuters)",
    "'s",
    "visit",
    "to",
    "refused",
    "urged",
    "Iran",
    "who",
    "was",
]


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(st.sampled_from(WORDS), min_size=0, max_size=40))
def test_any_sequence_of_words_codes_without_error(code_text, words):
    coded = code_text(" ".join(words))
    for event in coded.events:
        assert event.source.text
        assert 0.0 <= event.confidence <= 1.0
        assert event.span[0] <= event.trigger_span[0] <= event.trigger_span[1] <= event.span[1]


def test_empty_and_odd_texts_give_no_events(code_text):
    for text in ("", "   ", "...", "12 34 56", "Привет, мир.", "<p>&nbsp;</p>", "By Reuters staff"):
        assert code_text(text).events == []


def test_a_very_long_sentence_is_coded(code_text):
    text = "Russia attacked Ukraine, " + ", ".join(["and the army moved again"] * 60) + "."
    assert any(e.code == "190" for e in code_text(text).events)
