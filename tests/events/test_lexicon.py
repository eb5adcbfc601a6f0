"""The trigger lexicon: broad, valid, and indexed by lemma."""

from __future__ import annotations

import pytest

from detente.events.lexicon import LexiconError, load_lexicon, parse_trigger
from detente.events.ontology import lookup


def test_every_cameo_root_has_verb_triggers():
    lexicon = load_lexicon()
    roots = {lookup(t.code).root for entries in lexicon.verbs.values() for t in entries}
    assert roots == {f"{n:02d}" for n in range(1, 21)}


def test_the_lexicon_is_broad():
    lexicon = load_lexicon()
    assert sum(len(e) for e in lexicon.verbs.values()) >= 400
    assert len(lexicon.nouns) >= 60


@pytest.mark.parametrize(
    ("lemma", "obj", "code"),
    [
        ("meet", None, "040"),
        ("visit", None, "042"),
        ("host", None, "043"),
        ("sign", "agreement", "057"),
        ("accuse", None, "112"),
        ("condemn", None, "111"),
        ("impose", "sanction", "163"),
        ("expel", None, "166"),
        ("arrest", None, "173"),
        ("attack", None, "190"),
        ("praise", None, "051"),
    ],
)
def test_common_triggers_map_to_their_codebook_codes(lemma, obj, code):
    entries = load_lexicon().verbs[lemma]
    assert any(t.code == code and (obj is None or obj in t.objects) for t in entries)


def test_entries_with_an_object_come_before_the_bare_verb():
    entries = load_lexicon().verbs["hold"]
    assert entries[0].objects and not entries[-1].objects or len(entries) == 1


def test_a_two_word_noun_trigger_is_a_modifier_and_a_head():
    trigger = parse_trigger(["noun", "air strike", "-", "on", "195", "domestic"])
    assert (trigger.lemma, trigger.particle, trigger.domestic) == ("strike", "air", True)


@pytest.mark.parametrize(
    ("cells", "complaint"),
    [
        (["verb", "meet", "-", "with", "999", "recip"], "not a CAMEO code"),
        (["verb", "meet", "-", "with", "040"], "expected 6"),
        (["adverb", "meet", "-", "with", "040", "-"], "neither"),
        (["verb", "meet", "-", "with", "040", "loud"], "unknown flag"),
        (["verb", "agree", "-", "with", "030", "wrap=maybe"], "unknown wrapper"),
    ],
)
def test_a_malformed_lexicon_line_is_reported_with_its_place(cells, complaint):
    with pytest.raises(LexiconError) as caught:
        parse_trigger(cells, "triggers.tsv", 12)
    assert complaint in str(caught.value) and "line 12" in str(caught.value)


@pytest.mark.parametrize(
    ("wrapper", "wrapped", "code"),
    [
        ("intent", "046", "036"),
        ("intent", "057", "037"),
        ("reject", "040", "125"),
        ("threat", "163", "1312"),
        ("threat", "190", "138"),
        ("appeal", "0841", "0253"),
        ("demand", "087", "1056"),
        ("intent", "190", None),
    ],
)
def test_wrapping_verbs_recode_the_event_they_wrap(wrapper, wrapped, code):
    assert load_lexicon().wrapped_code(wrapper, wrapped) == code


def test_the_trigger_table_from_the_cache_equals_the_one_read_from_its_files(tmp_path, monkeypatch):
    from detente.cache import ENV_VAR

    monkeypatch.setenv(ENV_VAR, str(tmp_path))
    read = load_lexicon.__wrapped__()  # reads the files and writes the cache
    loaded = load_lexicon.__wrapped__()  # reads the cache
    assert (tmp_path / "triggers.cache").is_file()
    assert loaded is not read
    assert loaded == read
