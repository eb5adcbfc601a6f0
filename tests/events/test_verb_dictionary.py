"""The field's verb dictionary (PETRARCH's CAMEO verb patterns) as the coder's second opinion.

The compiler is specified by pattern lines in PETRARCH's syntax; the coder by sentences of
our own whose verb takes its sense from its object.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pytest
from factories import dyads

from detente.events.verbdict import (
    NULL_CODE,
    compile_dictionary,
    compile_pattern,
    load_verb_dictionary,
    to_json,
)

SOURCE = Path("/work/shared/data/petrarch-dictionaries/CAMEO.2.0.txt")
SETS = {"military": ("military", "troops", "armed forces"), "fight": ("fight", "clash")}
DOCUMENTED_SKIPS = {
    "no forward code",
    "roles turned round",
    "not a CAMEO code",
    "undefined synonym set",
}


def _data(name: str) -> str:
    return resources.files("detente").joinpath(f"data/events/{name}").read_text("utf-8")


# --- compiling patterns ---------------------------------------------------------------------


def test_a_noun_phrase_pattern_names_the_object_and_its_modifier():
    pattern = compile_pattern("- * {ARREST WARRANTS}   [173]", SETS)
    assert (pattern.code, pattern.objects, pattern.phrases) == ("173", ("arrest warrants",), ())
    assert pattern.names_object


def test_a_bracketed_phrase_is_a_preposition_with_its_object():
    pattern = compile_pattern("- * (IN FIREFIGHT)   [193]", SETS)
    (phrase,) = pattern.phrases
    assert (phrase.prepositions, phrase.elements, phrase.target) == (("in",), ("firefight",), False)


def test_words_before_the_verb_are_the_subject_and_a_plus_marks_the_target():
    pattern = compile_pattern("- &MILITARY * (TO +)   [154]", SETS)
    assert pattern.subject == ("&military",)
    assert pattern.phrases[0].target


def test_a_bare_preposition_after_the_verb_opens_a_phrase():
    pattern = compile_pattern("- * TROOP TOWARD BORDER   [154]", SETS)
    assert pattern.objects == ("troop",)
    assert pattern.phrases[0].prepositions == ("toward",)


def test_slashed_prepositions_are_alternatives():
    pattern = compile_pattern("- * (BY/WITH &FIGHT)   [190]", SETS)
    assert pattern.phrases[0].prepositions == ("by", "with")


def test_a_symmetric_code_pair_is_reciprocal_and_the_null_code_no_event():
    assert compile_pattern("- * (WITH +)   [040:040]", SETS).reciprocal
    assert compile_pattern("- * ACCESS   [---]", SETS).code == NULL_CODE


def test_a_naming_pattern_is_more_specific_than_a_word():
    word = compile_pattern("- * WARRANT   [100]", SETS)
    phrase = compile_pattern("- * {ARREST WARRANT}   [173]", SETS)
    assert phrase.specificity > word.specificity


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("- + * ROCKET   [193]", "roles turned round"),
        ("- * (TO LIST) $   [1722]", "roles turned round"),
        ("- * (BEFORE COURT)   [:173]", "no forward code"),
        ("- * NETWORK   [176]", "not a CAMEO code"),
        ("- * &WEATHER   [---]", "undefined synonym set"),
    ],
)
def test_what_the_compiler_leaves_out_it_names(line, reason):
    dictionary = compile_dictionary(f"---  HACK   [---]  ---\nHACK\n{line}\n")
    assert dictionary.report.skipped == {reason: 1}
    assert dictionary.report.blocks_compiled == 1


def test_a_pattern_found_with_one_verb_of_its_block_is_that_verbs():
    text = "---  GRANT   [060]  ---\nGIVE {GAVE GIVEN}\nISSUE\n- * REPORT   [010]   # ISSUE\n"
    (pattern,) = compile_dictionary(text).patterns["grant"]
    assert pattern.verbs == ("issue",)


def test_a_verb_with_its_particle_and_its_own_code():
    text = "---  CANCEL   [160]  ---\n+CALL_OFF {+CALLED_OFF}\nCANCEL\nABORT [161]\n"
    verbs = compile_dictionary(text).verbs
    assert (verbs["call"][0].particle, verbs["call"][0].code) == ("off", "160")
    assert verbs["abort"][0].code == "161"


# --- the whole dictionary -------------------------------------------------------------------


@pytest.mark.skipif(not SOURCE.exists(), reason="the PETRARCH source is not on this machine")
def test_every_block_of_the_cameo_dictionary_compiles():
    dictionary = compile_dictionary(SOURCE.read_text(encoding="utf-8", errors="replace"))
    report = dictionary.report
    print(
        f"blocks {report.blocks_compiled}/{report.blocks}, "
        f"patterns {report.patterns_compiled}/{report.patterns}, skipped {report.skipped}"
    )
    assert report.blocks == report.blocks_compiled == 397
    assert report.patterns_compiled >= 4500
    assert set(report.skipped) <= DOCUMENTED_SKIPS


@pytest.mark.skipif(not SOURCE.exists(), reason="the PETRARCH source is not on this machine")
def test_the_shipped_file_is_the_compiled_source():
    text = SOURCE.read_text(encoding="utf-8", errors="replace")
    assert _data("cameo_verbs.json").strip() == to_json(compile_dictionary(text), SOURCE.name)


def test_the_package_ships_the_compiled_dictionary_with_its_licence():
    dictionary = load_verb_dictionary()
    assert dictionary.report.blocks_compiled == 397
    assert {"give", "engage", "impose", "occupy"} <= set(dictionary.verbs)
    assert "MIT License" in _data("LICENSE.petrarch2")


def test_our_own_patterns_all_compile_with_the_cameo_synonym_sets():
    base = load_verb_dictionary()
    ours = compile_dictionary(_data("verb_patterns.txt"), "detente", base.sets)
    assert ours.report.skipped == {}
    assert ours.report.patterns_compiled == ours.report.patterns > 0


def test_the_indexed_dictionary_from_the_cache_equals_the_one_built_from_its_files(
    tmp_path, monkeypatch
):
    from detente.cache import ENV_VAR
    from detente.events.verbmatch import _index

    monkeypatch.setenv(ENV_VAR, str(tmp_path))
    built = _index.__wrapped__()  # builds and writes
    loaded = _index.__wrapped__()  # reads
    assert (tmp_path / "verbs.cache").is_file()
    assert loaded is not built
    assert loaded.dictionary == built.dictionary == load_verb_dictionary()
    assert loaded.by_block == built.by_block
    assert vars(loaded.words) == vars(built.words)


# --- the coder's second opinion -------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # missed senses the dictionary supplies
        ("A Turkish court issued arrest warrants for two Greek soldiers.", ("TUR", "GRC", "173")),
        ("Saudi Arabia reimposed a blockade on Qatar.", ("SAU", "QAT", "191")),
        ("Rebels engaged Indian peacekeepers in a firefight in Congo.", (None, "IND", "193")),
        # the object decides the sense
        ("Iran vowed a harsh punishment for Israel.", ("IRN", "ISR", "138")),
        ("The German and French ministers clashed over the budget.", ("DEU", "FRA", "110")),
        ("German and French troops clashed near the border.", ("DEU", "FRA", "190")),
        (
            "The French president gave a luncheon in honour of the Chinese delegation.",
            ("FRA", None, "043"),
        ),
        # a warrant is issued for whom it would arrest
        ("A Turkish court issued arrest warrants for two former ministers.", ("TUR", "TUR", "173")),
        # a missile test, written with a hyphen
        ("North Korea test-fired two missiles on Sunday.", ("PRK", None, "150")),
        # attacking an idea or the press is criticism, attacking a base is force
        ("Polish nationalists attacked democracy.", ("POL", None, "111")),
        ("The Turkish president attacked the press.", ("TUR", None, "111")),
        ("Syrian rebels attacked the army base.", ("SYR", "SYR", "190")),
    ],
)
def test_the_dictionary_gives_a_verb_its_sense(code, sentence, expected):
    assert expected in dyads(code(sentence))


@pytest.mark.parametrize(
    "sentence",
    [
        "Reuters correspondent Anna Berg contributed to this report.",
        "Russian tourists occupied the nature reserve near Lake Baikal.",
    ],
)
def test_an_object_of_the_wrong_kind_makes_no_event(code, sentence):
    assert dyads(code(sentence)) == set()


def test_the_hand_lexicon_still_decides_where_it_names_the_object(code):
    assert ("JPN", "NPL", "070") in dyads(code("Japan gave aid to Nepal."))
    assert ("IRN", "ISR", "170") in dyads(code("Iran vowed to punish Israel."))
