"""What an analyst reads: names for codes, actor pages for every named actor, the evidence
under a pair's chart, honest charts (gaps, coarse dates), the maps, the glossary, and a
review form that keeps what was typed. A small store of its own tells a PRK–CHN story
with a month of silence and one event dated only to its year."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

import pytest
from factories import coded, event
from web_fixtures import WebClient, merged_ids

from detente.events.ontology import lookup
from detente.model import Actor, EventDate, Mention
from detente.store import Store, write_batch
from detente.ties import merge_new_events
from detente.web import create_app
from detente.web.charts import tie_chart

XI = Actor(text="Xi", code="CHNGOV", country="CHN", sector="GOV", name="Xi Jinping")
KIM = Actor(text="Kim", code="PRKGOV", country="PRK", sector="GOV", name="Kim Jong Un")


def _named(ev, entry_code: str, source: Actor, target: Actor, text: str, when: EventDate):
    entry = lookup(entry_code)
    return replace(
        ev,
        code=entry.code,
        root=entry.root,
        name=entry.name,
        quad_class=entry.quad_class,
        goldstein=entry.goldstein,
        source=replace(source, span=(0, 2)),
        target=replace(target, span=(len(text) - 10, len(text) - 1)),
        sentence=text,
        span=(0, len(text)),
        trigger_span=(3, 10),
        date=when,
    )


def pair_story() -> list:
    visit = "Xi visited Pyongyang on Thursday, and he met Kim; he praised Kim Jong Un."
    scold = "Kim scolded Beijing on Tuesday over its trade rules at the border, China."
    yearly = "Kim visited China in 2019, the agency said without giving a date, Beijing."
    first = coded(
        visit,
        _named(
            event("CHN", "PRK"),
            "042",
            XI,
            KIM,
            visit,
            EventDate(date(2019, 1, 10), date(2019, 1, 10), "day", "Thursday"),
        ),
        published=date(2019, 1, 11),
    )
    he_xi = visit.index(" he ") + 1
    he_kim = visit.index(" he ", he_xi) + 1
    first.mentions = [
        Mention(replace(XI, span=(0, 2)), 0),
        Mention(replace(XI, text="he", span=(he_xi, he_xi + 2)), 0),
        Mention(replace(KIM, text="he", span=(he_kim, he_kim + 2)), 0),
    ]
    second = coded(
        scold,
        _named(
            event("PRK", "CHN"),
            "111",
            KIM,
            Actor(text="China", code="CHN", country="CHN"),
            scold,
            EventDate(date(2019, 3, 12), date(2019, 3, 12), "day", "Tuesday"),
        ),
        published=date(2019, 3, 13),
    )
    third = coded(
        yearly,
        _named(
            event("PRK", "CHN"),
            "042",
            KIM,
            Actor(text="Beijing", code="CHN", country="CHN"),
            yearly,
            EventDate(date(2019, 1, 1), date(2019, 12, 31), "year", "2019"),
        ),
        published=date(2019, 4, 2),
    )
    return [first, second, third]


@pytest.fixture(scope="module")
def pair(tmp_path_factory) -> WebClient:
    store = Store(tmp_path_factory.mktemp("pair") / "pair.duckdb")
    write_batch(store, pair_story(), "test")
    merge_new_events(store)
    yield WebClient(create_app(store))
    store.close()


# -- names ------------------------------------------------------------------------------------
def test_pages_name_countries_actor_codes_and_quad_classes(reader, read_store):
    country = reader.get("/country/PRK").text
    assert "<title>North Korea · detente</title>" in country
    assert "<h1>North Korea (PRK)</h1>" in country
    dyad = reader.get("/dyad/PRK/RUS").text
    assert '<option value="3">verbal conflict</option>' in dyad
    assert "<title>North Korea–Russia · detente</title>" in dyad
    page = reader.get(f"/event/{merged_ids(read_store)[0]}").text
    assert "North Korea government" in page and "verbal cooperation" in page


def test_the_glossary_names_every_code_in_use(reader):
    page = reader.get("/glossary").text
    assert "<td>PRKGOV</td><td>North Korea government</td>" in page
    assert "<td>042</td><td>Make a visit</td><td>verbal cooperation</td>" in page
    assert "<td>GOV</td><td>government</td><td>yes</td>" in page


# -- actors -----------------------------------------------------------------------------------
def test_an_actor_named_only_in_the_news_has_a_page(pair):
    page = pair.get("/actor/Xi Jinping")
    assert page.status_code == 200
    assert "<h1>Xi Jinping</h1>" in page.text and "China government" in page.text
    assert pair.get("/api/actors/Kim Jong Un").json()["codes"][0]["code"] == "PRKGOV"
    assert pair.get("/actor/Nobody At All").status_code == 404


def test_search_finds_actors_named_in_the_news(pair):
    found = pair.get("/api/search", params={"q": "xi"}).json()
    assert [a["name"] for a in found["actors"]] == ["Xi Jinping"]
    assert 'href="/actor/Xi%20Jinping"' in pair.get("/search", params={"q": "jinping"}).text


def test_each_he_in_an_article_gets_its_own_actors_card(pair):
    article_id = pair.get("/api/articles", params={"search": "Xi visited"}).json()["items"][0]["id"]
    page = pair.get(f"/article/{article_id}").text
    cards = re.findall(
        r'<span class="actor"[^>]*>he<span class="card" role="tooltip"><b>([^<]+)</b>', page
    )
    assert cards == ["Xi Jinping", "Kim Jong Un"]


# -- honest charts ----------------------------------------------------------------------------
def test_a_month_without_events_is_a_gap_not_a_zero(pair):
    series = pair.get("/api/dyads/PRK/CHN").json()["series"]
    assert [(s["period"], s["events"]) for s in series] == [
        ("2019-01-01", 1),
        ("2019-02-01", 0),
        ("2019-03-01", 1),
    ]
    assert series[1]["tie"] is None
    page = pair.get("/dyad/PRK/CHN").text
    assert page.count('<circle class="dot"') == 2 and '<polyline class="tie"' not in page


def test_events_dated_only_to_a_year_stay_out_of_a_monthly_chart_with_a_note(pair):
    page = pair.get("/dyad/PRK/CHN").text
    assert "1 asserted event is dated only to a coarser unit than a month" in page
    assert "<td>2019 <small>(dated to the year)</small></td>" in page  # listed in the table
    yearly = pair.get("/api/dyads/PRK/CHN", params={"freq": "year"}).json()["series"]
    assert yearly[0]["events"] == 3


def test_a_pair_last_seen_in_an_event_dated_to_a_year_says_the_year_not_a_day(pair):
    overview = pair.get("/").text
    row = overview.split('<table class="pairs">')[1].split("</tr>")[1]
    assert "China–North Korea" in row
    assert "<td>2019-01-10</td><td>2019</td>" in row  # last: "in 2019", reported 2 April
    partners = pair.get("/country/PRK").text.split('<table class="partners">')[1]
    assert "<td>2019-01-10</td><td>2019</td>" in partners
    api = pair.get("/api/countries/PRK/partners").json()["items"][0]
    assert (api["first_precision"], api["last"], api["last_precision"]) == (
        "day",
        "2019-04-02",
        "year",
    )


def test_an_event_dated_to_a_year_shows_the_year_on_its_page_and_in_lists(pair):
    yearly = next(
        e for e in pair.get("/api/dyads/PRK/CHN").json()["events"] if e["date_precision"] == "year"
    )
    page = pair.get(f"/event/{yearly['id']}").text
    assert "<dt>Date</dt><dd>2019 <small>(dated to the year)</small></dd>" in page
    actor = pair.get("/actor/Kim Jong Un").text
    assert "<td>2019</td>" in actor and "2019-01-01" not in actor


@pytest.mark.parametrize(
    ("day", "precision", "end", "shown"),
    [
        (date(2019, 1, 1), "year", date(2019, 12, 31), "2019"),
        (date(2019, 3, 1), "month", date(2019, 3, 31), "March 2019"),
        (date(2019, 3, 11), "week", date(2019, 3, 17), "week of 2019-03-11"),
        (date(2019, 3, 14), "day", date(2019, 3, 14), "2019-03-14"),
        (date(2019, 3, 14), "day", date(2019, 3, 16), "2019-03-14 to 2019-03-16"),
        ("2019-03-01", "month", None, "March 2019"),  # an audit log's dates are text
        (None, "day", None, "undated"),
    ],
)
def test_dates_are_written_as_finely_as_they_are_known(day, precision, end, shown):
    from detente.web.names import dated

    assert dated(day, precision, end) == shown


def test_the_tie_chart_breaks_its_line_at_gaps_and_scales_its_bars():
    rows = [
        {"period": date(2019, m, 1), "events": n, "tie": t}
        for m, n, t in [(1, 2, 0.5), (2, 4, 0.2), (3, 0, None), (4, 1, -0.4), (5, 1, -0.5)]
    ]
    chart = tie_chart(rows, [], "month")
    assert len(chart["lines"]) == 2 and len(chart["dots"]) == 4 and len(chart["bars"]) == 4
    assert [t["label"] for t in chart["count_ticks"]] == ["0", "2", "4"]


# -- evidence ---------------------------------------------------------------------------------
def test_the_pair_page_lists_the_events_behind_each_change_point(reader):
    page = reader.get("/dyad/PRK/RUS").text
    assert '<p class="summary">Since <a href="#change-2019-06-01">June 2019</a>, ties' in page
    changes = page.split('<ol class="changes">')[1].split("</ol>")[0]
    assert 'id="change-2019-06-01"' in changes and "cooling" in changes
    assert '<mark class="sentence">Officials said' in changes and "Test Wire" in changes
    assert "verbal conflict" in changes
    assert '<a href="#change-2019-06-01"><text class="change-label cooling"' in page


def test_each_period_lists_its_weightiest_events(reader):
    page = reader.get("/dyad/PRK/RUS").text
    periods = page.split('<div class="periods">')[1]
    assert "<summary><b>September 2019</b> – tie" in periods
    assert periods.count('<li class="evidence">') >= 3


def test_counts_say_what_they_count_and_agree_with_the_api(reader):
    page = reader.get("/dyad/PRK/RUS").text
    body = reader.get("/api/dyads/PRK/RUS").json()
    asserted = sum(row["events"] for row in body["series"])
    assert f"the {asserted} asserted ones" in page and body["counts"]["asserted"] == asserted
    overview = reader.get("/").text.split('<table class="pairs">')[1]
    assert f"North Korea–Russia</a></td><td>{asserted}</td>" in overview
    partners = reader.get("/api/countries/PRK/partners").json()["items"]
    assert next(p["events"] for p in partners if p["partner"] == "RUS") == asserted
    reports = reader.get("/api/events", params={"dyad": "PRK,RUS", "limit": 1}).json()["total"]
    assert f"They merge {reports} reports" in page
    overview = reader.get("/").text
    assert re.search(rf"North Korea–Russia</a></td><td>{asserted}</td>", overview)


def test_the_country_page_says_what_moved(reader):
    page = reader.get("/country/PRK").text
    moved = page.split("<h2>What moved</h2>")[1]
    assert "ties with" in moved and "cooled" in moved and '<mark class="sentence">' in moved


# -- maps -------------------------------------------------------------------------------------
def test_the_overview_maps_states_and_lists_them(reader):
    page = reader.get("/").text
    world = page.split('<svg class="chart world-map"')[1].split("</svg>")[0]
    assert '<a href="/country/PRK"><path class="land"' in world and 'fill="#' in world
    assert "<title>North Korea (PRK): " in world
    assert '<a href="/country/RUS">Russia (RUS)</a>' in page  # the list of countries


def test_the_country_map_colours_partners_by_tie(reader):
    page = reader.get("/country/PRK").text
    world = page.split('<svg class="chart world-map"')[1].split("</svg>")[0]
    assert '<path class="land focus"' in world
    assert re.search(r'fill="#[0-9a-f]{6}"><title>Russia \(RUS\): tie [+-]\d\.\d\d', world)


# -- review and sign-in -----------------------------------------------------------------------
def test_a_failed_correction_keeps_what_was_typed(client, store):
    client.sign_in("rita")
    merged_id = merged_ids(store)[0]
    answer = client.post(
        f"/event/{merged_id}/review",
        data={
            "action": "correct",
            "code": "042",
            "date_start": "14/03/2019",
            "note": "typo fix",
            "csrf_token": client.csrf(),
        },
    )
    assert answer.status_code == 422
    assert "Not saved:" in answer.text and "YYYY-MM-DD" in answer.text
    assert 'value="14/03/2019"' in answer.text and 'value="typo fix"' in answer.text


def test_a_saved_review_says_so(client, store):
    client.sign_in("rita")
    merged_id = merged_ids(store)[0]
    answer = client.post(
        f"/event/{merged_id}/review",
        data={"action": "confirm", "csrf_token": client.csrf()},
        follow_redirects=True,
    )
    assert answer.status_code == 200 and "Saved: you confirmed this event." in answer.text


def test_the_audit_log_and_reviews_need_a_signed_in_user(client, store):
    merged_id = merged_ids(store)[0]
    client.sign_in("rita")
    client.post(
        f"/event/{merged_id}/review", data={"action": "confirm", "csrf_token": client.csrf()}
    )
    anonymous = WebClient(client.app)
    assert anonymous.get("/api/audit").status_code == 401
    assert anonymous.get("/api/reviews").status_code == 401
    assert "audit" not in anonymous.get(f"/api/events/{merged_id}").json()
    page = anonymous.get(f"/event/{merged_id}").text
    assert "rita" not in page and "Review history" not in page
    client.sign_in("vera")
    assert client.get("/api/audit").json()["items"][0]["reviewer"] == "rita"
    assert "Review history" in client.get(f"/event/{merged_id}").text


def test_date_inputs_ask_for_iso_dates(client, store):
    client.sign_in("rita")
    page = client.get(f"/event/{merged_ids(store)[0]}").text
    assert 'type="date"' not in page
    assert 'name="date_start" value="" placeholder="YYYY-MM-DD"' in page


# -- small pieces -----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("code", "label"),
    [
        ("PRK", "North Korea (PRK)"),
        ("USAGOV", "United States government (USAGOV)"),
        ("RUSMILGOV", "Russia military government (RUSMILGOV)"),
        ("UNO", "United Nations (UNO)"),
        ("EUR", "European Union (EUR)"),
        ("NATO", "North Atlantic Treaty Organization (NATO)"),
        ("MED", "media (MED)"),
        ("XYZ", "XYZ"),
    ],
)
def test_actor_codes_are_named(code, label):
    from detente.web.names import actor_code_label

    assert actor_code_label(code) == label


def test_a_sentence_coded_both_ways_is_one_report_with_two_directions():
    from detente.web.data import once_per_sentence

    both = [
        {"article_id": "a1", "sentence": "They met.", "source_code": "PRK", "target_code": "RUS"},
        {"article_id": "a1", "sentence": "They met.", "source_code": "RUS", "target_code": "PRK"},
        {"article_id": "a2", "sentence": "They met.", "source_code": "PRK", "target_code": "RUS"},
    ]
    found = once_per_sentence(both)
    assert [(r["article_id"], r["directions"]) for r in found] == [
        ("a1", ["PRK → RUS", "RUS → PRK"]),
        ("a2", ["PRK → RUS"]),
    ]


def test_coarse_dates_are_written_as_coarsely_as_they_are_known():
    from detente.web.names import event_when

    day = date(2019, 3, 1)
    assert event_when({"date_start": day, "date_precision": "year"}) == "2019"
    assert event_when({"date_start": day, "date_precision": "month"}) == "March 2019"
    assert event_when({"date_start": day, "date_precision": "day"}) == "2019-03-01"
    assert event_when({"date_start": None, "series_date": day, "date_precision": "unknown"}) == (
        "2019-03-01"
    )


def test_the_country_map_toggles_to_the_change_around_a_day(reader):
    page = reader.get("/country/PRK").text
    assert '<a href="/country/PRK?around=2019-06-01">change around June 2019</a>' in page
    moved = reader.get("/country/PRK", params={"around": "2019-06-01"}).text
    world = moved.split('<svg class="chart world-map"')[1].split("</svg>")[0]
    assert re.search(r'fill="#b2182b"><title>Russia \(RUS\): tie \+0\.96 → -0\.92', world)
    assert "<b>change around 2019-06-01</b>" in moved and "cooled by over 0.5" in world
    assert '<td class="cooling">-1.88 cooling</td>' in moved
    nothing = reader.get("/country/PRK", params={"around": "1990-01-01"}).text
    assert "No asserted events with any partner in the 90 days either side" in nothing
    assert reader.get("/country/PRK", params={"around": "June"}).status_code == 422


def test_the_overview_charts_events_per_month_leaving_out_those_dated_to_a_year(pair):
    page = pair.get("/").text
    chart = page.split('<figure id="activity-chart">')[1].split("</figure>")[0]
    titles = re.findall(r"<title>([^<]+)</title>", chart)
    assert titles == [
        "January 2019: 1 cooperation and 0 conflict event",
        "February 2019: 0 cooperation and 0 conflict events",
        "March 2019: 0 cooperation and 1 conflict event",
    ]
    assert "1 event is dated only to a year and left out of this chart." in chart
    assert ">cooperation events (quad classes 1–2)</text>" in chart
