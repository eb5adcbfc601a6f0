"""Wire text as it comes: paragraphs run together by commas ("., ,The") and a full stop with
no space after it (".He") still end sentences, without changing the text."""

from __future__ import annotations


def sentences(nlp, text: str) -> list[str]:
    return [s.text for s in nlp(text).sents]


def test_a_comma_join_of_paragraphs_ends_the_sentence_before_it(nlp):
    text = "The envoy toured a farm on Tuesday., ,The delegation left Pyongyang on Wednesday."
    assert sentences(nlp, text) == [
        "The envoy toured a farm on Tuesday., ,",
        "The delegation left Pyongyang on Wednesday.",
    ]


def test_a_single_comma_glued_to_the_next_paragraph(nlp):
    text = "A banquet was given on Monday.,The Cuban ambassador attended it."
    assert sentences(nlp, text) == [
        "A banquet was given on Monday.,",
        "The Cuban ambassador attended it.",
    ]


def test_a_full_stop_with_no_space_ends_the_sentence(nlp):
    text = "The minister arrived in Hanoi in 2017.He was met by officials."
    assert sentences(nlp, text) == [
        "The minister arrived in Hanoi in 2017.",
        "He was met by officials.",
    ]


def test_the_text_and_its_offsets_are_unchanged(nlp):
    text = "Talks ended on Friday., ,It was the third round."
    doc = nlp(text)
    assert doc.text == text
    assert [(t.idx, t.text) for t in doc if t.text in ("It", "Friday")] == [
        (15, "Friday"),
        (25, "It"),
    ]


def test_abbreviations_and_addresses_are_no_sentence_ends(nlp):
    assert len(sentences(nlp, "He works for Apple Inc.in California.")) == 1
    assert len(sentences(nlp, "Read it at www.example.com today.")) == 1


def test_an_event_after_a_wire_join_is_told_by_its_own_sentence(code_text):
    text = "It rained in the capital on Monday., ,Xi visited Pakistan on Friday."
    [event] = code_text(text).events
    assert (event.code, event.sentence_index) == ("042", 1)
    assert event.sentence == "Xi visited Pakistan on Friday."
    assert text[event.span[0] : event.span[1]] == event.sentence


def test_a_hyphen_for_a_lost_space_after_a_full_stop_ends_the_sentence(nlp):
    text = "The senator spoke on Twitter.-Two lawmakers opposed the bill on Monday."
    assert sentences(nlp, text) == [
        "The senator spoke on Twitter.-",
        "Two lawmakers opposed the bill on Monday.",
    ]


def test_a_hyphen_for_a_lost_space_after_a_comma_leaves_the_subject_its_own_word(code_text):
    text = "Speaking in the port city in 1915-1916,-Erdogan criticised France."
    [event] = code_text(text).events
    assert (event.source.country, event.target.country, event.code) == ("TUR", "FRA", "111")


def test_a_hyphen_for_a_lost_space_after_a_comma_before_a_small_letter_splits_too(nlp, code_text):
    text = "Two days later, Nunes held an impromptu press conference,-where he spoke."
    assert "conference" in [t.text for t in nlp(text)]
    assert code_text(text).events == []  # a press conference held is nobody detained
    # not after a full stop: an abbreviation's stop before a hyphenated word stays
    assert nlp("U.S.-backed forces advanced.")[0].text == "U.S.-backed"


def test_hyphenated_names_keep_their_hyphen(nlp):
    assert [t.text for t in nlp("The Franco-German brigade met.")][1:4] == ["Franco", "-", "German"]
