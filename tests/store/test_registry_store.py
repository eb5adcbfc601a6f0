"""The actor registry in the store: learned across articles, listed, corrected, merged, imported."""

from __future__ import annotations

from datetime import date

import pytest

from detente.actors import RegistryEntry
from detente.errors import QueryError
from detente.ingest import ingest
from detente.registry_store import (
    correct_actor,
    import_dictionary,
    list_actors,
    load_registry,
    merge_actors,
)
from detente.store import Store
from detente.store.database import utcnow
from detente.store.writer import upsert_actors

FIRST = (
    "Title: Talks\nDate: 2019-03-15\n\n"
    "Russian Deputy Foreign Minister Anatoly Petrovsky met North Korea's vice foreign minister "
    "in Moscow on Thursday.\n"
)
LATER = (
    "Title: Later\nDate: 2019-04-20\n\nPetrovsky accused Japan of blocking the talks on Friday.\n"
)


def entry(name: str, code: str = "RUSGOV", **kw) -> RegistryEntry:
    return RegistryEntry(
        name=name, aliases=(), country=code[:3], sector=code[3:] or None, code=code, **kw
    )


@pytest.mark.slow
def test_a_person_learned_in_one_run_resolves_by_surname_in_a_later_run(tmp_path):
    (tmp_path / "first.txt").write_text(FIRST)
    (tmp_path / "later.txt").write_text(LATER)
    with Store(tmp_path / "s.duckdb") as store:
        ingest([tmp_path / "first.txt"], store)
        assert any(r["name"] == "Anatoly Petrovsky" for r in list_actors(store))
        ingest([tmp_path / "later.txt"], store)
        sources = store.query(
            "SELECT source_code, source_name FROM events WHERE published = '2019-04-20'"
        )
    assert {"source_code": "RUSGOV", "source_name": "Anatoly Petrovsky"} in sources


def test_a_correction_is_kept_as_the_users_own_and_survives_relearning(tmp_path):
    with Store(tmp_path / "s.duckdb") as store:
        with store.transaction() as con:
            upsert_actors(con, [entry("Kim Hyok-chol", "PRK")], utcnow())
        corrected = correct_actor(
            store, "Kim Hyok-chol", sector="GOV", title="Special Representative"
        )
        assert (corrected["code"], corrected["origin"]) == ("PRKGOV", "user")
        with store.transaction() as con:  # learning it again must not undo the correction
            upsert_actors(con, [entry("Kim Hyok-chol", "PRKMIL")], utcnow())
        assert load_registry(store).lookup("Kim Hyok-chol").code == "PRKGOV"


def test_merging_two_entries_keeps_one_with_the_other_as_alias(tmp_path):
    with Store(tmp_path / "s.duckdb") as store:
        with store.transaction() as con:
            upsert_actors(
                con, [entry("Kim Jong Un", "PRKGOV"), entry("Kim Jong-un", "PRKGOV")], utcnow()
            )
        merged = merge_actors(store, "Kim Jong Un", "Kim Jong-un")
        assert merged["aliases"] == ["Kim Jong-un"]
        assert [r["name"] for r in list_actors(store)] == ["Kim Jong Un"]
        with pytest.raises(QueryError, match="no actor named 'Nobody'"):
            merge_actors(store, "Kim Jong Un", "Nobody")


def test_a_petrarch_dictionary_imports_with_its_date_restrictions(tmp_path):
    dictionary = tmp_path / "leaders.txt"
    dictionary.write_text(
        "IVAN_EXAMPLEOV_  [RUSGOV >20120507] [RUSELI <20120507]\nMARIA_SAMPLE_  [PRKLEG]\n"
    )
    with Store(tmp_path / "s.duckdb") as store:
        imported = import_dictionary(store, dictionary)
        registry = load_registry(store)
    assert imported >= 2
    assert registry.lookup("Ivan Exampleov", on=date(2015, 1, 1)).code == "RUSGOV"
    assert registry.lookup("Ivan Exampleov", on=date(2010, 1, 1)).code == "RUSELI"
    assert registry.lookup("Maria Sample").code == "PRKLEG"
