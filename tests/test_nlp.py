"""Loading the spaCy pipeline: the tokenizer detente tunes, and the plain English tokenizer
the actor lexicon splits its phrases with."""

from __future__ import annotations

import pytest

from detente.actors.lexicon import _rows
from detente.nlp import english_tokenizer, load_model

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


def test_the_lexicons_tokenizer_splits_as_spacys_blank_english_one(nlp):
    from spacy.lang.en import English

    blank = English().tokenizer
    lexicons = english_tokenizer()
    assert lexicons is not nlp.tokenizer
    phrases = [row["text"] for table in TABLES for row in _rows(table)] + NAMES
    assert [words(lexicons, p) for p in phrases] == [words(blank, p) for p in phrases]
