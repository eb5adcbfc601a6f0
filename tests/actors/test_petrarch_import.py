"""Users' PETRARCH dictionaries import into registry entries (actors, with their date
restrictions) and noun → sector tables (agents)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from detente.actors import ActorRegistry, import_petrarch_actors, import_petrarch_agents
from detente.errors import InputError

FIXTURES = Path(__file__).parent / "fixtures"
SHARED = Path(__file__).resolve().parents[3] / "shared" / "data" / "petrarch-dictionaries"
needs_shared = pytest.mark.skipif(
    not SHARED.is_dir(),
    reason="the PETRARCH dictionaries in ../shared/data are not present on this machine",
)


def test_each_dated_code_becomes_one_entry():
    entries = import_petrarch_actors(FIXTURES / "tiny.actors.txt")
    firefly = [e for e in entries if e.name == "Rufus T. Firefly"]
    assert [(e.code, e.valid_from, e.valid_to) for e in firefly] == [
        ("FRDGOV", date(1933, 1, 1), date(1933, 12, 31)),
        ("FRDELI", date(1934, 1, 1), None),
    ]
    assert firefly[0].aliases == ("Firefly",)
    assert {e.origin for e in entries} == {"petrarch"}


def test_codes_split_into_country_and_sector():
    entries = {e.name: e for e in import_petrarch_actors(FIXTURES / "tiny.actors.txt")}
    assert (entries["Freedonia"].country, entries["Freedonia"].sector) == ("FRD", None)
    relief = entries["United Nations Relief"]
    assert (relief.country, relief.sector, relief.code) == (None, "IGO", "IGOUNOREF")


def test_before_dates_and_four_digit_years_and_empty_codes():
    entries = {e.name: e for e in import_petrarch_actors(FIXTURES / "tiny.actors.txt")}
    trentino = entries["Ambassador Trentino"]
    assert (trentino.code, trentino.valid_from, trentino.valid_to) == (
        "SYLGOV",
        None,
        date(1933, 12, 31),
    )
    assert entries["Chicolini"].valid_from == date(1933, 1, 1)


def test_a_malformed_date_drops_that_code_only():
    names = {e.name for e in import_petrarch_actors(FIXTURES / "tiny.actors.txt")}
    assert "Pinky" not in names
    assert "Chicolini" in names


def test_names_on_consecutive_lines_before_any_code_are_one_actor():
    entries = [
        e for e in import_petrarch_actors(FIXTURES / "tiny.actors.txt") if e.code == "FRDGOV"
    ]
    marx = next(e for e in entries if e.name == "Groucho Marx")
    assert marx.aliases == ("Hugo Z. Hackenbush", "Hackenbush")
    assert (marx.valid_from, marx.valid_to) == (date(1933, 1, 1), date(1933, 12, 31))
    assert "Hugo Z. Hackenbush" not in {e.name for e in entries}


def test_imported_entries_answer_lookups_by_date():
    registry = ActorRegistry(import_petrarch_actors(FIXTURES / "tiny.actors.txt"))
    assert registry.lookup("Firefly", on=date(1933, 6, 1)).code == "FRDGOV"
    assert registry.lookup("Firefly", on=date(1935, 6, 1)).code == "FRDELI"


def test_agents_expand_substitution_sets_and_plural_forms():
    agents = import_petrarch_agents(FIXTURES / "tiny.agents.txt")
    assert agents["police"] == "COP"
    assert agents["riot police"] == "COP"
    assert agents["congressman"] == agents["congresswomen"] == "LEG"
    assert agents["chambers of commerce"] == "BUS"
    assert agents["defence minist"] == "GOV"
    assert "this line is not an agent" not in agents


def test_a_missing_dictionary_is_a_clear_input_error(tmp_path):
    with pytest.raises(InputError, match="cannot read PETRARCH dictionary"):
        import_petrarch_actors(tmp_path / "nope.txt")


@needs_shared
def test_the_phoenix_dictionaries_import_with_their_date_restrictions():
    entries = import_petrarch_actors(SHARED / "Phoenix.Countries.actors.txt")
    assert len(entries) > 10_000
    registry = ActorRegistry(entries)
    assert registry.lookup("Afghanistan").code == "AFG"
    dated = [e for e in entries if e.valid_from or e.valid_to]
    assert len(dated) > 1_000


@needs_shared
def test_the_phoenix_international_and_agents_files_import():
    entries = import_petrarch_actors(SHARED / "Phoenix.International.actors.txt")
    nato = ActorRegistry(entries).lookup("North Atlantic Treaty Organization")
    assert nato is not None and nato.code == "IGOWSTNAT"
    agents = import_petrarch_agents(SHARED / "Phoenix.agents.txt")
    assert agents["riot police"] == "COP"
    assert len(agents) > 1_000


def test_a_resolver_given_the_users_dictionaries_codes_with_them(nlp, phrase):
    from detente.actors import ActorResolver
    from detente.model import Article

    registry = ActorRegistry(import_petrarch_actors(FIXTURES / "tiny.actors.txt"))
    agents = import_petrarch_agents(FIXTURES / "tiny.agents.txt")
    resolver = ActorResolver(registry, sector_nouns=agents)
    text = "Rufus T. Firefly warned Freedonian congressmen."
    doc = nlp(text)
    in_1933 = resolver.for_article(doc, Article(text, published=date(1933, 6, 1)))
    assert in_1933.resolve(phrase(doc, "Rufus T. Firefly")).code == "FRDGOV"
    assert in_1933.resolve(phrase(doc, "Freedonian congressmen")).code == "FRDLEG"
    in_1935 = resolver.for_article(doc, Article(text, published=date(1935, 6, 1)))
    assert in_1935.resolve(phrase(doc, "Rufus T. Firefly")).code == "FRDELI"
