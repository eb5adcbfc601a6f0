"""The attribute ruler's patterns matched by lookup (detente.ruler_index): the same matches
as spaCy's Matcher, the same annotations, and the Matcher kept for what it cannot read."""

from __future__ import annotations

import pytest
from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, LEMMA, MORPH, POS, TAG
from spacy.lang.en import English
from spacy.matcher import Matcher
from spacy.tokens import Doc

from detente.nlp import load_model
from detente.ruler_index import PatternTable, UnreadablePattern, index_attribute_ruler

TEXT = (
    "North Korea's foreign minister said on Tuesday that Pyongyang wasn't going to give up "
    "its nuclear weapons.\n\nThe talks, which y'all gotta admit ain't over, could resume.  "
    "It's nothin' new: let's wait, said an official who did not want to be named."
)


@pytest.fixture(scope="module")
def nlp():
    return load_model()


def test_the_loaded_pipelines_ruler_looks_its_patterns_up(nlp):
    ruler = nlp.get_pipe("attribute_ruler")
    assert isinstance(ruler.matcher, PatternTable)
    assert len(ruler.patterns) == len(ruler.attrs)  # read back through the original matcher


def test_the_table_finds_what_spacys_matcher_finds_for_every_pattern_of_the_model(nlp):
    ruler = nlp.get_pipe("attribute_ruler")
    with nlp.select_pipes(disable=["attribute_ruler", "lemmatizer", "ner", "detente_lemmas"]):
        doc = nlp(TEXT)
    table = ruler.matcher
    spacy_matcher = table._matcher
    assert sorted(table(doc, allow_missing=True)) == sorted(spacy_matcher(doc, allow_missing=True))
    assert table(doc[:0].as_doc(), allow_missing=True) == []


def test_a_fast_pipeline_annotates_as_spacys_own(nlp):
    stock = load_model(fast=False)
    assert not isinstance(stock.get_pipe("attribute_ruler").matcher, PatternTable)
    attrs = [TAG, POS, MORPH, LEMMA, DEP, HEAD, ENT_IOB, ENT_TYPE]
    assert (nlp(TEXT).to_array(attrs) == stock(TEXT).to_array(attrs)).all()


def tagged(words: list[str], tags: list[str], deps: list[str]) -> Doc:
    vocab = English().vocab
    return Doc(vocab, words=words, tags=tags, deps=deps, heads=[0] * len(words))


@pytest.mark.parametrize(
    "patterns",
    [
        [[{"TAG": "VBD"}]],
        [[{"LOWER": "the"}, {"TAG": "NN"}]],
        [[{"LOWER": {"IN": ["talks", "said"]}, "TAG": {"NOT_IN": ["VBZ"]}}]],
        [[{"lower": {"REGEX": "^t.l"}}]],
        [[{"TEXT": "The"}], [{"TAG": "DT"}]],  # two patterns, one key: each match once
        [[{"IS_SPACE": True}], [{"DEP": {"NOT_IN": ["nsubj", ""]}, "IS_SPACE": False}]],
        [[{"TAG": "NN"}, {"TAG": "VBD"}, {"LOWER": "."}]],
    ],
)
def test_the_table_matches_each_kind_of_test_as_the_matcher_does(patterns):
    doc = tagged(
        ["The", "talks", "stalled", " ", "the", "envoy", "said", "."],
        ["DT", "NNS", "VBD", "_SP", "DT", "NN", "VBD", "."],
        ["det", "nsubj", "ROOT", "dep", "det", "nsubj", "ROOT", "punct"],
    )
    matcher = Matcher(doc.vocab)
    matcher.add("rule", patterns)
    table = PatternTable(Matcher(doc.vocab), [])
    table.add("rule", patterns)
    assert sorted(table(doc, allow_missing=True)) == sorted(matcher(doc, allow_missing=True))


def ruler_with(pattern: list[dict]):
    nlp = English()
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"TAG": "NN"}]], {"POS": "NOUN"})
    ruler.add([pattern], {"POS": "X"})
    return nlp, ruler


@pytest.mark.parametrize(
    "pattern", [[{"TAG": "NN", "OP": "?"}], [{"LENGTH": 3}], [{"LOWER": {"FUZZY": "talk"}}]]
)
def test_a_pattern_the_table_cannot_read_leaves_spacys_matcher(pattern):
    nlp, ruler = ruler_with(pattern)
    assert not index_attribute_ruler(nlp)
    assert isinstance(ruler.matcher, Matcher)


def test_an_unreadable_pattern_added_later_is_refused_before_the_ruler_changes():
    nlp, ruler = ruler_with([{"ORTH": "x"}])
    assert index_attribute_ruler(nlp)
    with pytest.raises(UnreadablePattern):
        ruler.add([[{"LENGTH": 2}]], {"POS": "X"})
    assert len(ruler.attrs) == len(ruler.patterns) == 2
