"""Dyad time series: merged events per period, by quad class and root, and the tie index."""

from __future__ import annotations

from datetime import date

import pytest

from detente.errors import QueryError
from detente.ties import dyad_series, tie_index


def test_the_tie_index_is_cooperation_minus_conflict_over_their_volume_plus_a_prior():
    assert tie_index(8.0, 0.0) == pytest.approx(0.8)  # (8 - 0) / (8 + 0 + 2)
    assert tie_index(0.0, 8.0) == pytest.approx(-0.8)
    assert tie_index(5.0, 5.0) == 0.0
    assert tie_index(0.0, 0.0) == 0.0  # nothing happened: neutral


def test_a_busy_period_with_the_usual_mix_does_not_look_like_warming():
    usual = tie_index(30.0, 10.0)
    busy = tie_index(300.0, 100.0)
    assert busy - usual < 0.03
    assert busy == pytest.approx(0.5, abs=0.01)


def test_monthly_series_counts_merged_events_not_reports(store_2019):
    series = dyad_series(store_2019, "PRK", "USA")
    january = series.iloc[0]
    assert str(january["period"].date()) == "2019-01-01"
    # two fortnights x two directions, one in three repeated by a second outlet
    assert (january["events"], january["reports"]) == (4, 5)
    assert (january["verbal_cooperation"], january["verbal_conflict"]) == (4, 0)
    assert (january["root_03"], january["root_04"]) == (2, 2)
    assert january["goldstein_sum"] == pytest.approx(2 * 4.0 + 2 * 1.0)
    assert january["tie"] == pytest.approx(10.0 / 12.0)
    march = series.iloc[2]
    assert (march["verbal_conflict"], march["root_11"], march["root_13"]) == (4, 2, 2)
    assert march["tie"] < -0.8
    assert len(series) == 12


def test_a_series_keeps_empty_periods_within_the_requested_range(store_2019):
    series = dyad_series(
        store_2019, "PRK", "RUS", freq="week", since=date(2019, 1, 1), until=date(2019, 1, 31)
    )
    assert [str(p.date()) for p in series["period"]] == [
        "2018-12-31",
        "2019-01-07",
        "2019-01-14",
        "2019-01-21",
        "2019-01-28",
    ]
    assert series["events"].tolist() == [0, 2, 0, 2, 0]
    assert series["tie"].tolist()[0] == 0.0


def test_a_directed_series_counts_one_direction_only(store_2019):
    both = dyad_series(store_2019, "USA", "PRK", freq="year")
    one_way = dyad_series(store_2019, "USA", "PRK", freq="year", directed=True)
    assert both["events"].tolist() == [52]
    assert one_way["events"].tolist() == [26]
    assert one_way["root_13"].tolist() == [22]


def test_unknown_frequency_or_backwards_range_is_a_query_error(store_2019):
    with pytest.raises(QueryError, match="frequency 'fortnight'"):
        dyad_series(store_2019, "PRK", "USA", freq="fortnight")
    with pytest.raises(QueryError, match="after it ends"):
        dyad_series(store_2019, "PRK", "USA", since=date(2019, 5, 1), until=date(2019, 1, 1))
    with pytest.raises(QueryError, match="two different countries"):
        dyad_series(store_2019, "PRK", "PRK")


def test_a_pair_without_events_gives_an_empty_series(store_2019):
    assert dyad_series(store_2019, "PRK", "FRA").empty


def test_only_asserted_events_count_unless_all_modalities_are_asked_for(tmp_path):
    from factories import coded, event

    from detente.store import Store, write_batch
    from detente.ties import merge_new_events

    with Store(tmp_path / "m.duckdb") as store:
        write_batch(
            store,
            [
                coded("North Korea's envoy visited Moscow.", event("PRK", "RUS", "042")),
                coded(
                    "Pyongyang denied any visit.", event("PRK", "RUS", "042", modality="negated")
                ),
                coded("A visit may follow.", event("PRK", "RUS", "042", modality="hypothetical")),
            ],
            "test",
        )
        merge_new_events(store)
        assert dyad_series(store, "PRK", "RUS")["events"].tolist() == [1]
        assert dyad_series(store, "PRK", "RUS", include_all_modalities=True)["events"].tolist() == [
            3
        ]
