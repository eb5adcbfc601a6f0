"""The actor registry keeps what detente learned about people, by name and date, and
round-trips through the plain records the store writes."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from detente.actors import ActorRegistry, ActorResolver, RegistryEntry
from detente.errors import InputError

MORGULOV = RegistryEntry(
    name="Igor Morgulov",
    aliases=("Morgulov",),
    country="RUS",
    sector="GOV",
    code="RUSGOV",
    title="Deputy Foreign Minister",
    valid_from=date(2011, 12, 1),
    valid_to=date(2022, 6, 30),
    origin="user",
)


def test_lookup_by_name_or_alias_in_any_case_and_spelling():
    registry = ActorRegistry([MORGULOV])
    assert registry.lookup("Igor Morgulov") == MORGULOV
    assert registry.lookup("MORGULOV") == MORGULOV
    assert registry.lookup("igor  morgulov") == MORGULOV
    assert registry.lookup("Lavrov") is None


def test_lookup_respects_validity_dates():
    registry = ActorRegistry([MORGULOV])
    assert registry.lookup("Morgulov", on=date(2019, 3, 1)) == MORGULOV
    assert registry.lookup("Morgulov", on=date(2023, 1, 1)) is None
    assert registry.lookup("Morgulov", on=None) == MORGULOV


def test_the_role_held_on_the_date_wins():
    earlier = RegistryEntry(
        "Taro Kono", ("Kono",), "JPN", "GOV", "JPNGOV", valid_to=date(2019, 9, 11), origin="user"
    )
    later = RegistryEntry(
        "Taro Kono", ("Kono",), "JPN", "MIL", "JPNMIL", valid_from=date(2019, 9, 11), origin="user"
    )
    registry = ActorRegistry([earlier, later])
    assert registry.lookup("Kono", on=date(2018, 1, 1)).code == "JPNGOV"
    assert registry.lookup("Kono", on=date(2020, 1, 1)).code == "JPNMIL"


def test_a_person_learned_twice_is_one_entry_seen_over_a_longer_time():
    first = RegistryEntry(
        "Anna Petrova",
        ("Petrova",),
        "RUS",
        "GOV",
        "RUSGOV",
        first_seen=date(2019, 1, 5),
        last_seen=date(2019, 1, 5),
    )
    again = RegistryEntry(
        "Anna Petrova",
        ("Petrova",),
        "RUS",
        "GOV",
        "RUSGOV",
        first_seen=date(2019, 4, 9),
        last_seen=date(2019, 4, 9),
    )
    registry = ActorRegistry([first, again])
    assert len(registry) == 1
    [entry] = registry
    assert (entry.first_seen, entry.last_seen) == (date(2019, 1, 5), date(2019, 4, 9))


def test_record_has_exactly_the_entry_fields_with_iso_dates():
    record = MORGULOV.to_record()
    assert record == {
        "name": "Igor Morgulov",
        "aliases": ["Morgulov"],
        "country": "RUS",
        "sector": "GOV",
        "code": "RUSGOV",
        "title": "Deputy Foreign Minister",
        "first_seen": None,
        "last_seen": None,
        "valid_from": "2011-12-01",
        "valid_to": "2022-06-30",
        "origin": "user",
    }
    assert RegistryEntry.from_record(record) == MORGULOV


def test_a_malformed_record_is_a_clear_input_error():
    with pytest.raises(InputError, match="not an ISO date"):
        RegistryEntry.from_record({**MORGULOV.to_record(), "valid_from": "last spring"})
    with pytest.raises(InputError, match="unknown fields"):
        RegistryEntry.from_record({**MORGULOV.to_record(), "salary": 3})
    with pytest.raises(InputError, match="no name"):
        RegistryEntry.from_record(
            {"name": "", "aliases": [], "country": None, "sector": None, "code": ""}
        )


_text = st.text(min_size=1, max_size=20)
_dates = st.none() | st.dates()
_codes = st.none() | st.sampled_from(["RUS", "PRK", "USA", "UNO"])


@given(
    name=_text,
    aliases=st.lists(_text, max_size=3).map(tuple),
    country=_codes,
    sector=st.none() | st.sampled_from(["GOV", "MIL"]),
    title=st.none() | _text,
    first_seen=_dates,
    last_seen=_dates,
    valid_from=_dates,
    valid_to=_dates,
    origin=st.sampled_from(["builtin", "learned", "user", "petrarch"]),
)
def test_any_entry_round_trips_through_its_record(
    name, aliases, country, sector, title, first_seen, last_seen, valid_from, valid_to, origin
):
    entry = RegistryEntry(
        name,
        aliases,
        country,
        sector,
        (country or "") + (sector or ""),
        title,
        first_seen,
        last_seen,
        valid_from,
        valid_to,
        origin,
    )
    assert RegistryEntry.from_record(entry.to_record()) == entry


def test_a_person_learned_in_one_article_is_known_in_a_later_one(nlp, phrase):
    from detente.model import Article

    registry = ActorRegistry()
    resolver = ActorResolver(registry)
    first_text = "Alexander Matsegora, Russia's ambassador to Pyongyang, met officials on Monday."
    first = resolver.for_article(nlp(first_text), Article(first_text, published=date(2019, 5, 2)))
    for entry in first.learned():
        registry.add(RegistryEntry.from_record(entry.to_record()))  # as the store would

    later_text = "Matsegora said the talks had been useful."
    doc = nlp(later_text)
    later = resolver.for_article(doc, Article(later_text, published=date(2019, 6, 1)))
    actor = later.resolve(phrase(doc, "Matsegora"))
    assert (actor.code, actor.name) == ("RUSGOV", "Alexander Matsegora")


def test_a_user_entry_overrides_the_builtin_list(nlp, phrase):
    from detente.model import Article

    renamed = RegistryEntry("Sergei Lavrov", ("Lavrov",), "RUS", "ELI", "RUSELI", origin="user")
    resolver = ActorResolver(ActorRegistry([renamed]))
    text = "Lavrov spoke to reporters."
    doc = nlp(text)
    actor = resolver.for_article(doc, Article(text, published=date(2019, 1, 1))).resolve(
        phrase(doc, "Lavrov")
    )
    assert actor.code == "RUSELI"


def test_morgulov_said_in_a_later_article_is_the_russian_deputy_foreign_minister(nlp, phrase):
    from detente.model import Article

    text = "Morgulov said Moscow was ready for talks."
    doc = nlp(text)
    actors = ActorResolver(ActorRegistry()).for_article(
        doc, Article(text, published=date(2019, 4, 2))
    )
    actor = actors.resolve(phrase(doc, "Morgulov"))
    assert (actor.code, actor.name, actor.title) == (
        "RUSGOV",
        "Igor Morgulov",
        "Deputy Foreign Minister",
    )


def test_a_chinese_or_korean_name_is_called_by_its_first_word_others_by_their_last():
    from detente.actors.registry import family_name

    assert family_name("Kim Yong Chol", "PRK") == "Kim"
    assert family_name("Wang Yi", "CHN") == "Wang"
    assert family_name("Igor Morgulov", "RUS") == "Morgulov"


def test_people_sharing_a_family_name_are_found_by_it_on_the_date():
    kim_a = RegistryEntry("Kim Hyok Chol", (), "PRK", "GOV", "PRKGOV", origin="user")
    kim_b = RegistryEntry(
        "Kim Yong Nam", (), "PRK", "GOV", "PRKGOV", valid_to=date(2019, 4, 11), origin="user"
    )
    registry = ActorRegistry([kim_a, kim_b, MORGULOV])
    assert registry.sharing_family_name("Kim", on=date(2019, 3, 1)) == [kim_a, kim_b]
    assert registry.sharing_family_name("Kim", on=date(2020, 1, 1)) == [kim_a]
    assert registry.sharing_family_name("Morgulov", on=date(2019, 3, 1)) == [MORGULOV]
    assert registry.sharing_family_name("Chol") == []
    assert registry.sharing_family_name("Kim Hyok") == []


def _resolve_alone(nlp, phrase, registry, name, text, published=date(2019, 2, 28)):
    from detente.model import Article

    doc = nlp(text)
    actors = ActorResolver(registry).for_article(doc, Article(text, published=published))
    return actors.resolve(phrase(doc, name))


def test_a_family_name_every_known_bearer_shares_a_code_with_resolves_to_that_code(nlp, phrase):
    # the built-in list holds several North Korean officials called Kim, all PRKGOV in 2019
    actor = _resolve_alone(nlp, phrase, ActorRegistry(), "Kim", "Trump and Kim held talks.")
    assert (actor.code, actor.name) == ("PRKGOV", "Kim")  # which Kim, nobody can say


def test_a_family_name_bearers_of_different_countries_share_stays_unresolved(nlp, phrase):
    south = RegistryEntry("Kim Yeon Chul", (), "KOR", "GOV", "KORGOV", origin="user")
    actor = _resolve_alone(nlp, phrase, ActorRegistry([south]), "Kim", "Trump and Kim held talks.")
    assert actor is None


def test_a_family_name_of_one_known_person_names_that_person(nlp, phrase):
    actor = _resolve_alone(
        nlp, phrase, ActorRegistry(), "Choe", "Biegun and Choe held talks in Stockholm."
    )
    assert (actor.code, actor.name) == ("PRKGOV", "Choe Son Hui")
