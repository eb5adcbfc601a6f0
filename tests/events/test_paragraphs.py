"""Sentences as a news page lays them out: a heading or caption on its own line is not part
of the sentence under it, and hard-wrapped plain text still reads as whole sentences."""

from __future__ import annotations


def sentences(nlp, text: str) -> list[str]:
    return [s.text.strip() for s in nlp(text).sents if s.text.strip()]


def test_a_heading_on_its_own_line_is_its_own_sentence(nlp):
    text = "Trans-Atlantic relations\nMerkel met the Polish prime minister in Warsaw on Tuesday."
    assert sentences(nlp, text) == [
        "Trans-Atlantic relations",
        "Merkel met the Polish prime minister in Warsaw on Tuesday.",
    ]


def test_a_blank_line_always_ends_a_sentence(nlp):
    text = "'Key test'\n\nScotland's parliament has rejected Britain's march towards an EU exit."
    assert sentences(nlp, text)[0] == "'Key test'"


def test_a_hard_wrapped_line_continues_its_sentence(nlp):
    text = (
        "Two weeks into the new presidency, Chancellor Merkel met with the Russian\n"
        "President Vladimir Putin in Moscow on Friday for talks on Ukraine."
    )
    assert len(sentences(nlp, text)) == 1


def test_the_source_of_an_event_is_not_a_heading_above_it(nlp):
    from detente.events.coder import EventCoder
    from detente.model import Article, CodedArticle

    text = "Key test\n\nScotland's devolved parliament has rejected Britain's proposal."
    coded = CodedArticle(Article(text=text))
    EventCoder()(nlp(text), coded)
    assert [e.source.text for e in coded.events] == ["Scotland's devolved parliament"]
