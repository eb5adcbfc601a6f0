"""Whatever the text, resolution answers with an actor or None, never an exception."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from detente.model import Article

WORDS = st.sampled_from(
    [
        "the",
        "North",
        "South",
        "Korea",
        "U.S.",
        "us",
        "Russian",
        "minister",
        "'s",
        "of",
        "in",
        "Kim",
        "Jong",
        "Un",
        "he",
        "she",
        "said",
        "troops",
        ",",
        ".",
        "-",
        "Mr.",
        "Putin",
        "WHO",
        "dozens",
        "airstrikes",
        "by",
        "Pyongyang",
        "Ministry",
        "Foreign",
        "and",
        "Senate",
        "é",
        "42",
    ]
)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(words=st.lists(WORDS, max_size=25))
def test_any_phrase_of_any_text_resolves_without_error(nlp, resolver, words):
    text = " ".join(words)
    doc = nlp(text)
    actors = resolver.for_article(doc, Article(text))
    for start in range(len(doc)):
        for end in range(start + 1, min(len(doc), start + 6) + 1):
            actor = actors.resolve(doc[start:end])
            assert actor is None or actor.text == doc[start:end].text
            actors.resolve_place(doc[start:end])
    actors.mentions()
    actors.learned()


def test_an_empty_article_has_no_mentions(nlp, resolver):
    doc = nlp("")
    actors = resolver.for_article(doc, Article(""))
    assert actors.mentions() == [] and actors.learned() == []


def test_a_person_named_by_a_title_and_punctuation_alone_is_never_recalled(nlp, resolver):
    text = "said Mr. - Foreign Pyongyang"
    doc = nlp(text)
    actors = resolver.for_article(doc, Article(text))
    for start in range(len(doc)):
        for end in range(start + 1, len(doc) + 1):
            actors.resolve(doc[start:end])  # no IndexError on an empty recalled name
