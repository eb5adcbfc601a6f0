"""Merging the reports of one happening into one merged event."""

from __future__ import annotations

from datetime import date

import pytest
from factories import coded, event

from detente.store import Store, write_batch
from detente.ties import merge_new_events
from detente.ties.merge import pending_reports

VISIT = "North Korea's vice foreign minister visited Moscow on Thursday."
HOSTED = "Russia hosted a North Korean delegation on Thursday."


@pytest.fixture
def store():
    with Store(":memory:") as s:
        yield s


def merged(store):
    return store.query("SELECT * FROM merged_events ORDER BY series_date, id")


def test_the_same_visit_reported_by_two_outlets_is_one_merged_event(store):
    write_batch(
        store,
        [
            coded(VISIT, event("PRK", "RUS", "042"), source="Yonhap", published=date(2019, 3, 15)),
            coded(
                VISIT + " It was his first trip.",
                event("PRK", "RUS", "042"),
                source="TASS",
                published=date(2019, 3, 16),
            ),
        ],
        "test",
    )
    result = merge_new_events(store)
    assert (result.reports, result.new_merged) == (2, 1)
    [row] = merged(store)
    assert row["report_count"] == 2
    assert sorted(row["outlets"]) == ["TASS", "Yonhap"]
    assert row["first_report_date"] == date(2019, 3, 15)
    assert row["first_report_lag_days"] == 1
    assert pending_reports(store) == 0


def test_two_meetings_of_the_same_pair_on_different_days_stay_apart(store):
    write_batch(
        store,
        [
            coded(VISIT, event("PRK", "RUS", "042", start=date(2019, 3, 14))),
            coded("A second visit followed.", event("PRK", "RUS", "042", start=date(2019, 3, 20))),
        ],
        "test",
    )
    merge_new_events(store)
    assert [r["date_start"] for r in merged(store)] == [date(2019, 3, 14), date(2019, 3, 20)]


def test_reports_one_day_apart_merge_within_the_default_window_but_not_a_zero_window(tmp_path):
    batch = [
        coded(VISIT, event("PRK", "RUS", "042", start=date(2019, 3, 14))),
        coded("Reported later.", event("PRK", "RUS", "042", start=date(2019, 3, 15))),
    ]
    for window, expected in ((1, 1), (0, 2)):
        with Store(tmp_path / f"w{window}.duckdb") as store:
            write_batch(store, batch, "test")
            merge_new_events(store, window_days=window)
            assert len(merged(store)) == expected


def test_a_visit_and_its_hosting_with_swapped_actors_are_one_event(store):
    write_batch(
        store,
        [
            coded(VISIT, event("PRK", "RUS", "042")),
            coded(HOSTED, event("RUS", "PRK", "043"), source="TASS"),
        ],
        "test",
    )
    merge_new_events(store)
    [row] = merged(store)
    assert (row["source_country"], row["code"], row["target_country"]) == ("PRK", "042", "RUS")
    assert row["report_count"] == 2


def test_a_visit_and_a_hosting_in_the_same_direction_are_different_events(store):
    write_batch(
        store,
        [
            coded(VISIT, event("PRK", "RUS", "042")),
            coded("North Korea hosted Russians.", event("PRK", "RUS", "043")),
        ],
        "test",
    )
    merge_new_events(store)
    assert len(merged(store)) == 2


def test_different_roots_and_modalities_stay_apart(store):
    write_batch(
        store,
        [
            coded(
                VISIT,
                event("PRK", "RUS", "042"),
                event("PRK", "RUS", "112", trigger_at=40),
                event("PRK", "RUS", "042", modality="negated", trigger_at=50),
            ),
        ],
        "test",
    )
    merge_new_events(store)
    assert sorted((r["code"], r["modality"]) for r in merged(store)) == [
        ("042", "asserted"),
        ("042", "negated"),
        ("112", "asserted"),
    ]


def test_undated_reports_merge_by_publication_date_within_the_window(store):
    write_batch(
        store,
        [
            coded(VISIT, event("PRK", "RUS", "042", start=None), published=date(2019, 3, 15)),
            coded(
                "Also undated.", event("PRK", "RUS", "042", start=None), published=date(2019, 3, 16)
            ),
            coded(
                "Much later.", event("PRK", "RUS", "042", start=None), published=date(2019, 4, 30)
            ),
        ],
        "test",
    )
    merge_new_events(store)
    assert [r["report_count"] for r in merged(store)] == [2, 1]
    assert [r["date_precision"] for r in merged(store)] == ["unknown", "unknown"]


def test_the_merged_event_takes_the_most_specific_code_and_date(store):
    vague = event("PRK", "RUS", "04", start=None)
    write_batch(
        store,
        [
            coded("They held consultations.", vague, published=date(2019, 3, 15)),
            coded(
                VISIT,
                event("PRK", "RUS", "042", start=date(2019, 3, 14)),
                published=date(2019, 3, 15),
            ),
        ],
        "test",
    )
    merge_new_events(store)
    [row] = merged(store)
    assert (row["code"], row["date_start"], row["date_precision"]) == (
        "042",
        date(2019, 3, 14),
        "day",
    )


def test_merging_is_incremental_and_later_reports_join_existing_events(store):
    write_batch(store, [coded(VISIT, event("PRK", "RUS", "042"), source="Yonhap")], "test")
    first = merge_new_events(store)
    write_batch(
        store,
        [coded("TASS confirmed the visit.", event("PRK", "RUS", "042"), source="TASS")],
        "test",
    )
    second = merge_new_events(store)
    again = merge_new_events(store)
    assert (first.new_merged, second.reports, second.new_merged, second.updated_merged) == (
        1,
        1,
        0,
        1,
    )
    assert again.reports == 0
    [row] = merged(store)
    assert row["report_count"] == 2 and sorted(row["outlets"]) == ["TASS", "Yonhap"]
    assert store.scalar("SELECT count(*) FROM event_merge") == 2


def test_different_places_or_persons_keep_events_apart(store):
    from dataclasses import replace

    from detente.model import Location

    a = replace(event("PRK", "RUS", "042"), location=Location("Moscow", "RUS"))
    b = replace(event("PRK", "RUS", "042", trigger_at=40), location=Location("Beijing", "CHN"))
    kim = event("PRK", "RUS", "040", trigger_at=60, start=date(2019, 3, 20))
    kim = replace(kim, source=replace(kim.source, name="Kim Jong Un"))
    choe = event("PRK", "RUS", "040", trigger_at=80, start=date(2019, 3, 20))
    choe = replace(choe, source=replace(choe.source, name="Choe Son Hui"))
    write_batch(store, [coded(VISIT, a, b, kim, choe)], "test")
    merge_new_events(store)
    assert len(merged(store)) == 4


def test_every_report_belongs_to_exactly_one_merged_event_however_batches_are_cut():
    from hypothesis import given, settings
    from hypothesis import strategies as st

    pairs = st.sampled_from([("PRK", "RUS"), ("RUS", "PRK"), ("PRK", "USA")])
    codes = st.sampled_from(["040", "042", "043", "057", "111"])
    days = st.one_of(st.none(), st.integers(0, 6).map(lambda d: date(2019, 3, 10 + d)))
    reports = st.lists(st.tuples(pairs, codes, days), min_size=1, max_size=12)

    @settings(max_examples=15, deadline=None)
    @given(reports, st.integers(0, 12))
    def check(items, cut):
        batch = [
            coded(f"Report {i}.", event(a, b, code, start=day), published=date(2019, 3, 17))
            for i, ((a, b), code, day) in enumerate(items)
        ]
        with Store(":memory:") as s:
            write_batch(s, batch[:cut], "test")
            merge_new_events(s)
            write_batch(s, batch[cut:], "test")
            merge_new_events(s)
            assert s.scalar("SELECT count(*) FROM event_merge") == len(items)
            assert s.scalar("SELECT sum(report_count) FROM merged_events") == len(items)
            assert pending_reports(s) == 0

    check()


def test_a_long_vague_range_does_not_swallow_a_dated_event_from_another_article(store):
    from dataclasses import replace

    from detente.model import EventDate

    since_2018 = replace(
        event("CHN", "PRK", "040"),
        date=EventDate(date(2018, 3, 1), date(2019, 6, 19), "year", "since March 2018"),
    )
    write_batch(
        store,
        [
            coded(
                "Xi will visit Pyongyang on Thursday.",
                event("CHN", "PRK", "042", start=date(2019, 6, 20)),
                published=date(2019, 6, 17),
            ),
            coded(
                "Kim has met Xi four times since March 2018.",
                since_2018,
                published=date(2019, 1, 10),
            ),
        ],
        "test",
    )
    merge_new_events(store)
    assert len(merged(store)) == 2


def test_a_named_code_is_preferred_to_its_roots_catch_all(store):
    write_batch(
        store,
        [
            coded("The envoys consulted.", event("PRK", "RUS", "040")),
            coded(VISIT, event("PRK", "RUS", "042"), source="TASS"),
        ],
        "test",
    )
    merge_new_events(store)
    [row] = merged(store)
    assert (row["code"], row["report_count"]) == ("042", 2)


def test_a_long_range_running_up_to_the_report_counts_on_the_report_day():
    from detente.ties.merge import series_day

    published = date(2019, 1, 19)
    assert series_day(date(2000, 1, 1), date(2019, 1, 19), published) == published  # "since 2000"
    assert series_day(date(2018, 1, 1), date(2018, 12, 31), published) == date(
        2018, 1, 1
    )  # "in 2018"
    assert series_day(date(2019, 1, 17), date(2019, 1, 17), published) == date(2019, 1, 17)
    assert series_day(None, None, published) == published


def test_a_merge_says_the_countries_of_each_merged_event_it_wrote(store):
    write_batch(store, [coded(VISIT, event("PRK", "RUS", "042"))], "test")
    assert merge_new_events(store).countries == {frozenset({"PRK", "RUS"})}
    write_batch(
        store,
        [
            coded(VISIT + " Again.", event("PRK", "RUS", "042")),  # joins the first visit
            coded("Seoul protested.", event("KOR", None, "111", sentence="Seoul protested.")),
        ],
        "test",
    )
    result = merge_new_events(store)
    assert (result.new_merged, result.updated_merged) == (1, 1)
    assert result.countries == {frozenset({"PRK", "RUS"}), frozenset({"KOR"})}
    assert merge_new_events(store).countries == frozenset()  # nothing new: nothing written
