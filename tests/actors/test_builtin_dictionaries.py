"""The field's actor dictionaries (Phoenix) are built into detente: people, bodies and places
they know resolve to a country, under detente's conventions, below detente's own tables and
the user's dictionaries, and never from a surname alone, a byline or a stale role."""

from __future__ import annotations

from datetime import date
from importlib import resources

import pytest

from detente.actors import ActorRegistry, ActorResolver, RegistryEntry
from detente.actors.builtin import TABLE, phoenix_table
from detente.actors.lexicon import default_lexicon


def resolved(read_article, phrase, sentence: str, text: str, published: date, using=None):
    doc, actors = read_article(sentence, published=published, using=using)
    actor = actors.resolve(phrase(doc, text))
    return None if actor is None else (actor.country, actor.code)


@pytest.mark.parametrize(
    "sentence, text, published, expected",
    [
        # a role the dictionary dates (KGZ GOV 1990-10-27 to 2005-04-11)
        (
            "Ousted President Askar Akayev agreed on Saturday to resign.",
            "Ousted President Askar Akayev",
            date(2005, 4, 2),
            ("KGZ", "KGZGOV"),
        ),
        # before that role, the elite the dictionary dates first
        (
            "Askar Akayev lectured in Leningrad.",
            "Askar Akayev",
            date(1985, 5, 1),
            ("KGZ", "KGZELI"),
        ),
        # detente's own office holders know people older than the dictionaries
        (
            "The former dictator Idi Amin expelled them.",
            "The former dictator Idi Amin",
            date(1998, 1, 1),
            ("UGA", "UGAELI"),
        ),
        # the title is the article's: a general is military, whatever his entry says
        (
            "General Michel Aoun met the envoy.",
            "General Michel Aoun",
            date(2016, 10, 20),
            ("LBN", "LBNMIL"),
        ),
        (
            "Kim Jong Il received the delegation.",
            "Kim Jong Il",
            date(2009, 10, 5),
            ("PRK", "PRKGOV"),
        ),
        # an open-ended role ends when the dictionaries were compiled (January 2014): then a
        # former holder of it
        (
            "Kim Jong Il was remembered on Friday.",
            "Kim Jong Il",
            date(2016, 12, 16),
            ("PRK", "PRKELI"),
        ),
        # the dictionaries write some people's names on lines of their own before the codes
        # they share ("MIKHAIL_GORBACHEV_", its aliases, "PRESIDENT_MIKHAIL_S._GORBACHEV")
        (
            "Mikhail Gorbachev met the envoy in Moscow.",
            "Mikhail Gorbachev",
            date(1989, 6, 1),
            ("RUS", "RUSGOV"),
        ),
        (
            "Mikhail S. Gorbachev met the envoy in Moscow.",
            "Mikhail S. Gorbachev",
            date(2005, 6, 1),
            ("RUS", "RUSELI"),
        ),
        # what the article says wins over the dictionary's role (DNK GOV, open-ended from 2001)
        (
            "NATO Secretary-General Anders Fogh Rasmussen warned Russia.",
            "NATO Secretary-General Anders Fogh Rasmussen",
            date(2012, 3, 1),
            ("NATO", "NATO"),
        ),
        # the EU's president of the Commission in 2017 is the EU's, not Luxembourg's
        (
            "European Commission President Jean-Claude Juncker criticised Poland.",
            "European Commission President Jean-Claude Juncker",
            date(2017, 5, 2),
            ("EUR", "EUR"),
        ),
        (
            "Jean Claude Juncker criticised Poland.",
            "Jean Claude Juncker",
            date(2017, 5, 2),
            ("EUR", "EUR"),
        ),
    ],
)
def test_people_of_the_dictionaries_resolve_by_date_and_the_articles_words(
    read_article, phrase, sentence, text, published, expected
):
    assert resolved(read_article, phrase, sentence, text, published) == expected


def test_a_surname_alone_names_only_a_person_the_article_introduced(read_article, phrase):
    doc, actors = read_article("Ban criticised the plan on Monday.", published=date(2017, 5, 2))
    assert actors.resolve(phrase(doc, "Ban")) is None
    text = "Askar Akayev met the envoy in Bishkek. Akayev said the talks went well."
    doc, actors = read_article(text, published=date(2003, 5, 2))
    assert actors.resolve(phrase(doc, "Akayev", 2)).code == "KGZGOV"


@pytest.mark.parametrize(
    "sentence, text, expected",
    [
        # everyone the dictionaries know as Atambayev held government office in Kyrgyzstan
        (
            "President Atambayev urged parliament to act.",
            "President Atambayev",
            ("KGZ", "KGZGOV"),
        ),
        # ministers called Mustafa served Syria, Sudan and North Macedonia: which is unsaid
        ("Minister Mustafa urged reforms.", "Minister Mustafa", (None, "GOV")),
        # no title, no guess: a family name alone matches strangers
        ("Atambayev urged parliament to act.", "Atambayev", None),
        # a given name is no family name, even where some office holder's family name is it
        (
            "Julie Hirigoyen, head of the council, urged parliament to act.",
            "Julie Hirigoyen, head of the council",
            (None, "GOV"),
        ),
    ],
)
def test_a_titled_family_name_takes_the_one_country_its_office_holders_share(
    read_article, phrase, sentence, text, expected
):
    assert resolved(read_article, phrase, sentence, text, date(2017, 5, 2)) == expected


@pytest.mark.parametrize(
    "sentence, text, expected",
    [
        # Phoenix codes its IGOs IGOUNO, IGOEUREEC, IGOWSTNAT: detente's are UNO, EUR, NATO
        ("The European Union imposed sanctions.", "The European Union", ("EUR", "EUR")),
        ("The United Nations condemned the attack.", "The United Nations", ("UNO", "UNO")),
        (
            "The Intergovernmental Panel on Climate Change warned governments.",
            "The Intergovernmental Panel on Climate Change",
            ("UNO", "UNO"),
        ),
        # detente's seats win over the dictionaries' place names (Brussels is in BEL there)
        ("Brussels warned Poland.", "Brussels", ("EUR", "EUR")),
        # a name the dictionaries qualify in brackets is matched as news writes it
        (
            "The African National Congress won the vote.",
            "The African National Congress",
            ("ZAF", "ZAFREB"),
        ),
        # a place the dictionaries add: Crimea is Ukraine's
        ("Crimea demanded more water.", "Crimea", ("UKR", "UKR")),
    ],
)
def test_bodies_and_places_follow_detentes_conventions(
    read_article, phrase, sentence, text, expected
):
    assert resolved(read_article, phrase, sentence, text, date(2017, 5, 2)) == expected


def test_the_dictionaries_add_no_newspaper_and_no_place_inside_a_name(read_article, phrase):
    # Phoenix codes McClatchy and Glenn Greenwald [MED]: bylines and credits are never actors
    doc, actors = read_article(
        "McClatchy reported the strike. Glenn Greenwald confirmed it. "
        "Times reporter Mari Yamaguchi wrote it.",
        published=date(2017, 7, 20),
    )
    assert actors.resolve(phrase(doc, "McClatchy")) is None
    assert actors.resolve(phrase(doc, "Glenn Greenwald")) is None
    # Yamaguchi is a Japanese prefecture in the dictionaries, but not inside a person's name
    reporter = actors.resolve(phrase(doc, "Times reporter Mari Yamaguchi"))
    assert reporter is None or reporter.country != "JPN"


def test_the_users_own_entries_win_over_the_dictionaries(read_article, phrase):
    mine = RegistryEntry(
        name="Askar Akayev",
        aliases=(),
        country="KGZ",
        sector="OPP",
        code="KGZOPP",
        origin="petrarch",
    )
    resolver = ActorResolver(ActorRegistry([mine]))
    text = "Askar Akayev met the envoy."
    assert resolved(
        read_article, phrase, text, "Askar Akayev", date(2003, 5, 2), using=resolver
    ) == ("KGZ", "KGZOPP")


def test_a_person_learned_from_articles_wins_over_the_dictionaries(read_article, phrase):
    learned = RegistryEntry(
        name="Michel Aoun", aliases=(), country="LBN", sector="GOV", code="LBNGOV", origin="learned"
    )
    resolver = ActorResolver(ActorRegistry([learned]))
    assert resolved(
        read_article,
        phrase,
        "Michel Aoun met the envoy.",
        "Michel Aoun",
        date(2017, 1, 5),
        using=resolver,
    ) == ("LBN", "LBNGOV")


def test_the_table_ships_with_its_licence_and_every_row_reads():
    folder = resources.files("detente").joinpath(*TABLE[:-1])
    assert "MIT License" in folder.joinpath("LICENSE.petrarch2").read_text()
    table = phoenix_table(frozenset(default_lexicon().igo_codes))
    cues = [cue for key in table.phrases for cue in table.cues(key)]
    assert len(cues) > 25_000
    people = [c for c in cues if c.kind == "person"]
    assert all(
        len(key) >= 2
        for key, found in table.phrases.items()
        if found and table.cues(key)[0].kind == "person"
    )
    codes = {p.code for c in people for p in c.people}
    assert not any(code.startswith(("IGO", "MED", "MNC")) for code in codes)
    assert all(c.country for c in cues if c.kind != "person")
    assert not any(c.sector in ("MED", "BUS") for c in cues)


def test_the_dictionaries_rank_below_every_table_of_detentes_own():
    lexicon = default_lexicon()
    cues = lexicon.cues_at(("brussels",))
    assert (cues[0].kind, cues[0].country) == ("igo", "EUR")


@pytest.mark.parametrize(
    "sentence, text, published, expected",
    [
        # detente's own office holders, by date: an administration is its president's
        (
            "The Bush administration urged Iraq to hold elections.",
            "The Bush administration",
            date(2004, 6, 1),
            ("USA", "USAGOV"),
        ),
        (
            "The Clinton administration armed the Colombian army.",
            "The Clinton administration",
            date(1999, 6, 1),
            ("USA", "USAGOV"),
        ),
        # the 2017 cabinet, which the field's dictionaries (compiled in 2014) do not know
        (
            "Attorney General Jeff Sessions recused himself.",
            "Attorney General Jeff Sessions",
            date(2017, 3, 3),
            ("USA", "USAJUD"),
        ),
        ("Reince Priebus met the senators.", "Reince Priebus", date(2017, 3, 3), ("USA", "USAGOV")),
        # a person whose office moved from a state to the EU
        ("Donald Tusk warned Britain.", "Donald Tusk", date(2017, 3, 3), ("EUR", "EUR")),
        ("Donald Tusk warned Russia.", "Donald Tusk", date(2010, 3, 3), ("POL", "POLGOV")),
        # offices that changed hands in January 2025
        ("Rubio urged Iran to talk.", "Rubio", date(2026, 3, 1), ("USA", "USAGOV")),
        ("Biden urged Iran to talk.", "Biden", date(2026, 3, 1), ("USA", "USAELI")),
    ],
)
def test_office_holders_of_detentes_own_table_resolve_on_the_articles_date(
    read_article, phrase, sentence, text, published, expected
):
    assert resolved(read_article, phrase, sentence, text, published) == expected
