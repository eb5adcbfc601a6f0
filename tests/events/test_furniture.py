"""Links to other stories inside article text are not the article's news."""

from __future__ import annotations

import pytest

from detente.events.furniture import linked_headlines


def _headlines(nlp, text):
    doc = nlp(text)
    return [doc[r.start : r.stop].text for s in doc.sents for r in linked_headlines(s)]


@pytest.mark.parametrize(
    ("text", "headline"),
    [
        # the headline ends where a word that opens sentences begins the next one
        (
            (
                "READ MORE: Turkey deports New York Times journalist In a statement, Merkel"
                " criticised the move."
            ),
            "READ MORE: Turkey deports New York Times journalist",
        ),
        # or where a name follows a common noun
        (
            (
                "RELATED: The plight of Rohingya refugees Bangladesh's foreign minister"
                " visited the camps on Monday."
            ),
            "RELATED: The plight of Rohingya refugees",
        ),
    ],
)
def test_a_linked_headline_runs_to_the_start_of_the_sentence_after_it(nlp, text, headline):
    assert _headlines(nlp, text) == [headline]


def test_prose_that_only_says_read_more_has_no_headline(nlp):
    assert _headlines(nlp, "Readers can read more about the talks in Geneva.") == []


def test_no_event_from_a_linked_headline_but_from_the_sentence_after_it(code_text):
    coded = code_text(
        "READ MORE: Turkey deports New York Times journalist In a statement, Germany"
        " condemned Turkey."
    )
    assert [(e.source.country, e.code) for e in coded.events] == [("DEU", "111")]
