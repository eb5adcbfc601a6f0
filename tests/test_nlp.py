"""Loading the spaCy pipeline: the tokenizer detente tunes, and the plain English tokenizer
the actor lexicon splits its phrases with."""

from __future__ import annotations

import pytest

from detente.actors.lexicon import _rows
from detente.nlp import (
    doc_text,
    english_tokenizer,
    load_model,
    noun_chunks,
    sentence_bounds,
    sentence_chunks,
)

TABLES = ("organisations.tsv", "igos.tsv", "country_aliases.tsv", "sectors.tsv", "seats.tsv")
NAMES = ["Im Sung-nam", "Wed., May 3", "U.S.-led", "Kim Jong-un's", "al-Assad", "Monday.He"]


@pytest.fixture(scope="module")
def nlp():
    return load_model()


def words(tokenizer, text: str) -> list[tuple[str, str, bool]]:
    return [(t.text, t.lower_, t.is_space) for t in tokenizer(text)]


def test_the_pipeline_keeps_short_names_whole_and_splits_wire_joins(nlp):
    assert [t.text for t in nlp.tokenizer("Im Sung-nam said")][:1] == ["Im"]
    assert [t.text for t in nlp.tokenizer("Wed said")] == ["Wed", "said"]
    assert [t.text for t in nlp.tokenizer("on Monday.He said")] == [
        "on",
        "Monday",
        ".",
        "He",
        "said",
    ]
    assert [t.text for t in nlp.tokenizer("Tuesday., ,The")] == ["Tuesday", ".", ",", ",", "The"]


@pytest.mark.parametrize(
    ("text", "verb", "lemma"),
    [
        ("North Korea test-fired two missiles.", "test-fired", "test-fire"),
        ("Iran plans to test-fire a missile.", "test-fire", "test-fire"),
        ("China test-launched a rocket.", "test-launched", "test-launch"),
    ],
)
def test_a_verb_written_with_a_hyphen_is_one_verb(nlp, text, verb, lemma):
    token = next(t for t in nlp(text) if t.text == verb)
    assert (token.pos_, token.lemma_) == ("VERB", lemma)


def test_the_lexicons_tokenizer_splits_as_spacys_blank_english_one(nlp):
    from spacy.lang.en import English

    blank = English().tokenizer
    lexicons = english_tokenizer()
    assert lexicons is not nlp.tokenizer
    phrases = [row["text"] for table in TABLES for row in _rows(table)] + NAMES
    assert [words(lexicons, p) for p in phrases] == [words(blank, p) for p in phrases]


TEXT = (
    "SEOUL, March 22 (Reuters) - North Korea fired two missiles on Tuesday.\n\n"
    "The launches came a day after talks in Beijing ended. Officials of both sides said "
    "nothing.He left."
)


def test_sentence_bounds_are_those_of_token_sent(nlp):
    doc = nlp(TEXT)
    assert [sentence_bounds(t) for t in doc] == [(t.sent.start, t.sent.end) for t in doc]


def test_a_sentences_noun_chunks_are_the_documents_inside_it(nlp):
    doc = nlp(TEXT)
    chunks = [(c.start, c.end) for c in doc.noun_chunks]
    assert [(c.start, c.end) for c in noun_chunks(doc)] == chunks
    for sent in doc.sents:
        inside = [(s, e) for s, e in chunks if s >= sent.start and e <= sent.end]
        assert [(c.start, c.end) for c in sentence_chunks(sent)] == inside


def test_the_kept_text_is_the_documents(nlp):
    doc = nlp(TEXT)
    assert doc_text(doc) == doc.text == TEXT
    assert doc_text(doc) is doc_text(doc)


def test_lemmas_come_out_as_the_lemmatizers_own(nlp):
    stock = load_model(fast=False)
    assert "detente_cached_lemmas" in nlp.pipe_names
    assert "detente_cached_lemmas" not in stock.pipe_names
    for _ in range(2):  # the second time from the table
        assert [t.lemma_ for t in nlp(TEXT)] == [t.lemma_ for t in stock(TEXT)]


def test_no_lemmas_when_the_lemmatizer_is_disabled(nlp):
    with nlp.select_pipes(disable=["lemmatizer"]):
        doc = nlp("The talks were held in Paris.")
    assert {t.lemma_ for t in doc if t.pos_ != "AUX"} == {""}
