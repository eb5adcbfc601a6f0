"""Places standing for countries, the country of a side from its context, and references back
to actors named before (issue 17, parts 2-4)."""

from __future__ import annotations

import pytest

from detente.actors.places import place_country, region_names


def resolved(read_article, phrase, text: str, target: str, occurrence: int = 1):
    doc, actors = read_article(text)
    return actors.resolve(phrase(doc, target, occurrence))


# --- places ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "country"),
    [
        ("Amur", "RUS"),  # "Amurskaya oblast'" under the name news uses
        ("Donetsk", "UKR"),  # "Donetska oblast"
        ("Anhui", "CHN"),  # "Anhui Sheng"
        ("Helmand", "AFG"),
        ("North Darfur", "SDN"),
        ("Darfur", "SDN"),  # a region no subdivision list has: places.tsv
        ("Bari", "ITA"),  # the Italian city, not the Somali region
    ],
)
def test_provinces_and_regions_resolve_to_their_country(name, country):
    assert place_country(name) == country


def test_a_province_name_two_countries_share_holds_only_where_the_article_names_one():
    punjab = {r.country: r.requires for r in region_names() if r.name == "Punjab"}
    assert punjab == {"IND": frozenset({"IND"}), "PAK": frozenset({"PAK"})}


@pytest.mark.parametrize(
    ("text", "target", "code"),
    [
        ("Darfur rebels ambushed a convoy on Monday.", "Darfur rebels", "SDNREB"),
        ("Shona militias burned the farm.", "Shona militias", "ZWEREB"),
        ("Helmand police arrested two men.", "Helmand police", "AFGCOP"),
        ("Rebels in the Luhansk region fired mortars.", "Rebels in the Luhansk region", "UKRREB"),
        # the longer place name wins over the country inside it
        ("New Jersey Governor Phil Murphy spoke.", "New Jersey Governor Phil Murphy", "USAGOV"),
    ],
)
def test_a_place_qualifies_a_side(read_article, phrase, text, target, code):
    actor = resolved(read_article, phrase, text, target)
    assert actor is not None and actor.code == code


def test_a_people_known_by_its_homeland_depends_on_the_country_the_article_names(
    read_article, phrase
):
    text = "Sri Lanka reopened the roads. Tamil farmers returned to Jaffna."
    assert resolved(read_article, phrase, text, "Tamil farmers").country == "LKA"
    elsewhere = "Tamil farmers protested on Monday."
    actor = resolved(read_article, phrase, elsewhere, "Tamil farmers")
    assert actor is None or actor.country is None


def test_the_region_a_visit_goes_to_is_its_country(read_article, phrase):
    doc, actors = read_article("The minister toured the Amur Region on Tuesday.")
    place = actors.resolve_place(phrase(doc, "the Amur Region"))
    assert place is not None and place.country == "RUS"


# --- context ----------------------------------------------------------------------------------


def test_a_side_takes_the_country_of_a_place_in_its_clause(read_article, phrase):
    text = (
        "Afghanistan is bracing for a violent spring. "
        "Gunmen attacked a police post near Kandahar on Sunday."
    )
    actor = resolved(read_article, phrase, text, "police")
    assert actor.code == "AFGCOP" and actor.country_inferred


def test_a_place_is_its_name_without_what_follows_it_in_apposition(read_article, phrase):
    text = (
        "Afghanistan is bracing for a violent spring. Militants attacked an army camp in "
        "Kabul, the seventh major attack in the country this month."
    )
    assert resolved(read_article, phrase, text, "an army camp").code == "AFGMIL"
    people = "100,000 people in Serb-held parts of Bosnia"
    assert resolved(read_article, phrase, f"Aid stopped for {people}.", people).country == "BIH"


@pytest.mark.parametrize(
    ("text", "target", "country"),
    [
        ("Germany accepts 1,500 people now living in Greek refugee camps.", "1,500 people", "GRC"),
        (
            "Hungary sent condolences to the families of those who perished in the Ankara attack.",
            "the families of those",
            "TUR",
        ),
        ("Police arrested dozens of people who protested in Moscow.", "dozens of people", "RUS"),
        # where people fled to, or where migrants were found, is not their country
        ("Soldiers fed people who had fled to the Golan Heights area.", "people", None),
        (
            "Vietnam consoled the families of the 39 migrants found in a truck near London.",
            "the families of the 39 migrants",
            None,
        ),
        # two countries: nothing says which
        ("Aid reached families living in Mozambique and Zimbabwe.", "families", None),
    ],
)
def test_people_take_the_country_where_their_own_clause_puts_them(
    read_article, phrase, text, target, country
):
    actor = resolved(read_article, phrase, text, target)
    assert actor is not None and actor.country == country


def test_a_place_abroad_is_not_the_sides_country(read_article, phrase):
    text = "Syria and Jordan reopened a crossing. Government envoys later met in Geneva."
    actor = resolved(read_article, phrase, text, "Government envoys")
    assert actor is None or actor.country != "CHE"


def test_a_side_takes_the_country_of_the_dateline(read_article, phrase):
    text = "NAIROBI, June 4 (Reuters) - Police dispersed a crowd of traders on Thursday."
    actor = resolved(read_article, phrase, text, "Police")
    assert actor.code == "KENCOP" and actor.country_inferred


def test_no_guess_where_the_sentence_names_another_country(read_article, phrase):
    text = "NAIROBI, June 4 (Reuters) - Ugandan officials said police dispersed the crowd."
    actor = resolved(read_article, phrase, text, "police")
    assert actor.country is None


def test_no_guess_for_people_from_elsewhere(read_article, phrase):
    text = "NAIROBI, June 4 (Reuters) - Foreign troops left the base on Thursday."
    actor = resolved(read_article, phrase, text, "Foreign troops")
    assert actor.country is None


def test_a_country_from_context_lowers_the_events_confidence():
    from detente.events.coder import _country_evidence
    from detente.model import Actor

    named = Actor(text="Kenyan police", code="KENCOP", country="KEN", sector="COP")
    guessed = Actor(
        text="police", code="KENCOP", country="KEN", sector="COP", country_inferred=True
    )
    assert _country_evidence(guessed, 0.2, 0.05, -0.1) < _country_evidence(named, 0.2, 0.05, -0.1)


# --- reference back ---------------------------------------------------------------------------


def test_a_short_family_name_is_not_split_as_a_contraction(read_article, phrase):
    text = (
        "South Korean Unification Minister Im Dong-won arrived on Monday. "
        "Im met Chinese officials on Tuesday."
    )
    actor = resolved(read_article, phrase, text, "Im", occurrence=2)
    assert actor is not None and actor.code == "KORGOV"


def test_it_refers_to_the_body_that_was_the_subject_just_before(read_article, phrase):
    text = "Iran tested a cruise missile on Friday. It warned Saudi Arabia on Saturday."
    assert resolved(read_article, phrase, text, "It").code == "IRN"


def test_they_refers_to_the_group_that_was_the_subject_just_before(read_article, phrase):
    text = "Somali militants stormed a hotel. They held guests for hours."
    assert resolved(read_article, phrase, text, "They").code == "SOMREB"


def test_they_after_two_named_actors_is_no_one(read_article, phrase):
    text = "The leaders of Chile and Peru met in Lima. They discussed fishing rights."
    assert resolved(read_article, phrase, text, "They") is None


def test_the_two_ministries_are_the_pair_named_before(read_article, phrase):
    text = (
        "Japan's foreign minister met his Vietnamese counterpart in Hanoi. "
        "The two ministries agreed to hold regular talks."
    )
    doc, actors = read_article(text)
    sides = actors.sides(phrase(doc, "The two ministries"))
    assert {a.code for a in sides} == {"JPNGOV", "VNMGOV"}


def test_the_place_a_meeting_was_held_in_is_not_one_of_the_pair(read_article, phrase):
    text = (
        "The American general met his Russian counterpart in the Azerbaijani capital of Baku. "
        "It was the first meeting between the two countries' generals this year."
    )
    doc, actors = read_article(text)
    sides = actors.sides(phrase(doc, "the two countries"))
    assert {a.country for a in sides} == {"USA", "RUS"}


def test_their_countries_are_the_pair_named_before(read_article, phrase):
    text = "Kenya and Ethiopia signed a border deal. Officials said their countries would trade."
    doc, actors = read_article(text)
    sides = actors.sides(phrase(doc, "their countries"))
    assert {a.country for a in sides} == {"KEN", "ETH"}


@pytest.mark.parametrize(
    ("text", "target", "country"),
    [
        ("Kandahar police arrested two men.", "Kandahar police", "AFG"),
        ("Militants from Mosul fled west.", "Militants from Mosul", "IRQ"),
    ],
)
def test_a_town_qualifies_a_side(read_article, phrase, text, target, country):
    actor = resolved(read_article, phrase, text, target)
    assert actor is not None and actor.country == country and not actor.country_inferred


def test_a_titled_person_takes_the_country_of_the_context_and_is_not_learned(read_article, phrase):
    text = (
        "BUCHAREST, Feb 5 (Reuters) - Prime Minister Ion Vasilescu threatened to sack "
        "the justice minister on Sunday."
    )
    doc, actors = read_article(text)
    actor = actors.resolve(phrase(doc, "Prime Minister Ion Vasilescu"))
    assert actor.code == "ROUGOV" and actor.country_inferred
    assert actors.learned() == []


def test_no_guess_of_the_main_country_where_the_sentence_names_the_other_side(read_article, phrase):
    text = (
        "Israel buried the victims on Monday. Israeli officials thanked the world. "
        "Prime Minister Jan Novak sent condolences to Israel."
    )
    actor = resolved(read_article, phrase, text, "Prime Minister Jan Novak")
    assert actor.country is None


def test_a_sponsor_is_not_the_place_a_side_is_from(read_article, phrase):
    text = "Militants surrendered to US-backed forces near Raqqa."
    actor = resolved(read_article, phrase, text, "US-backed forces")
    assert actor is None or actor.country != "USA"


def test_no_guess_from_a_dateline_abroad(read_article, phrase):
    text = (
        "GENEVA, March 3. /TASS/. Syria's envoy accused Syria's neighbours of arming rebels. "
        "Syria wants the talks to go on. The opposition walked out on Friday."
    )
    actor = resolved(read_article, phrase, text, "The opposition")
    assert actor is None or actor.country != "CHE"


def test_no_guess_for_a_named_body_or_where_the_phrase_names_a_country(read_article, phrase):
    text = (
        "The US will send drones to Korea. The US wants to lead, said the US envoy. "
        "Amnesty International criticised the plan. "
        "A professor at Hong Kong University said it was no accident."
    )
    doc, actors = read_article(text)
    assert actors.resolve(phrase(doc, "Amnesty International")).country is None
    professor = actors.resolve(phrase(doc, "A professor at Hong Kong University"))
    assert professor is None or professor.country != "USA"


def test_the_main_country_is_guessed_where_the_sentence_names_it_only_through_its_people(
    read_article, phrase
):
    text = (
        "Romania's government faces a crisis. Romania's parliament meets on Monday. "
        "Romanian media report new protests in Romania. "
        "Thousands of protesters marched on Sunday, calling on President Klaus Iohannis to act."
    )
    doc, actors = read_article(text)
    protesters = actors.resolve(phrase(doc, "Thousands of protesters"))
    assert protesters.country == "ROU" and protesters.country_inferred


@pytest.mark.parametrize(
    ("text", "target"),
    [
        ("Sen. Jim Harlow said the Kremlin lied.", "Sen. Jim Harlow"),
        ("Rep. Ana Kowalczyk criticised the deal.", "Rep. Ana Kowalczyk"),
        (
            "The chairman of the House Judiciary Committee spoke on Monday.",
            "The chairman of the House Judiciary Committee",
        ),
    ],
)
def test_us_lawmakers_by_their_title_or_committee(read_article, phrase, text, target):
    actor = resolved(read_article, phrase, text, target)
    assert actor.code == "USALEG"


def test_the_title_alone_is_the_one_person_named_with_it_before(read_article, phrase):
    text = (
        "German Chancellor Angela Merkel met Xi Jinping in Beijing. "
        "The chancellor later urged China to open its markets."
    )
    actor = resolved(read_article, phrase, text, "The chancellor")
    assert actor.code == "DEUGOV"


def test_the_title_alone_is_no_one_when_two_people_named_before_hold_it(read_article, phrase):
    text = (
        "President Donald Trump met President Vladimir Putin in Helsinki. "
        "The president later criticised the FBI."
    )
    actor = resolved(read_article, phrase, text, "The president")
    assert actor is None or actor.country is None


@pytest.mark.parametrize(
    ("text", "target", "code"),
    [
        # a role of a body no table knows: no sector of its own
        ("Zentrix chief Paul Amberg apologised to the driver.", "Zentrix chief Paul Amberg", None),
        # a role of a known body takes that body's sector
        ("Hamas leader Ismail Haniyeh criticised Israel.", "Hamas leader Ismail Haniyeh", "REB"),
    ],
)
def test_a_role_takes_the_sector_of_its_body(read_article, phrase, text, target, code):
    actor = resolved(read_article, phrase, text, target)
    assert (actor.sector if actor is not None else None) == code


def test_an_acronym_that_is_a_country_code_is_no_country_in_running_text(read_article, phrase):
    text = "CAF head Issa Hayatou met the sports minister on Monday."
    actor = resolved(read_article, phrase, text, "CAF head Issa Hayatou")
    assert actor is None or actor.country != "CAF"


def test_a_country_code_still_names_its_country_where_a_code_is_asked_for():
    from detente.actors.lexicon import default_lexicon

    assert default_lexicon().country_of("CAF") == "CAF"


@pytest.mark.parametrize(
    ("text", "person", "code"),
    [
        ("Suharto resigned as president of Indonesia in 1998.", "Suharto", "IDNGOV"),
        (
            "Juan Orlando Hernandez, who served as president of Honduras, spoke.",
            "Juan Orlando Hernandez",
            "HNDGOV",
        ),
        # an office with no country says nothing of the person's
        ("Juan Orlando Hernandez served as vice president.", "Juan Orlando Hernandez", None),
    ],
)
def test_a_person_takes_the_office_their_own_clause_says_they_hold(
    read_article, phrase, text, person, code
):
    actor = resolved(read_article, phrase, text, person)
    assert (actor.code if actor else None) == code


def test_a_body_named_after_a_known_one_is_of_its_kind(read_article, phrase):
    doc, actors = read_article("The minister told BBC News the talks had failed.")
    assert actors.resolve(phrase(doc, "BBC News")).code == "GBRMED"
