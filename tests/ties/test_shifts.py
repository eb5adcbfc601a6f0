"""Shift detection on a synthetic 2019: after Hanoi, PRK–RUS warms and PRK–USA cools."""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from detente.errors import QueryError
from detente.ties import change_points, shifts
from detente.ties.shifts import detect_changes


def test_shifts_around_hanoi_rank_the_cooling_with_the_us_and_the_warming_with_russia_first(
    store_2019, hanoi
):
    moved = shifts(store_2019, "PRK", around=hanoi, window_days=90)
    assert moved["partner"].tolist() == ["USA", "RUS", "CHN"]
    assert moved["direction"].tolist() == ["cooling", "warming", "steady"]
    usa = moved.iloc[0]
    assert usa["tie_before"] > 0.8 and usa["tie_after"] < -0.9
    assert (usa["events_before"], usa["events_after"]) == (8, 14)


def test_shifts_between_explicit_periods(store_2019):
    moved = shifts(
        store_2019,
        "PRK",
        before=(date(2019, 1, 1), date(2019, 2, 27)),
        after=(date(2019, 6, 1), date(2019, 7, 31)),
    )
    assert moved.set_index("partner").loc["RUS", "change"] > 1.5


def test_shifts_need_two_periods(store_2019, hanoi):
    with pytest.raises(QueryError, match="which periods"):
        shifts(store_2019, "PRK", before=(date(2019, 1, 1), date(2019, 2, 1)))
    with pytest.raises(QueryError, match="not both"):
        shifts(store_2019, "PRK", around=hanoi, before=(date(2019, 1, 1), date(2019, 2, 1)))


def test_change_points_are_found_in_the_first_weeks_after_hanoi_with_their_driving_events(
    store_2019, hanoi
):
    found = change_points(store_2019, "PRK", freq="week")
    by_partner = {row.partner: row for row in found.itertuples()}
    assert set(by_partner) == {"USA", "RUS"}  # China's ties do not change
    for partner, direction in (("USA", "cooling"), ("RUS", "warming")):
        row = by_partner[partner]
        assert row.direction == direction
        assert hanoi < row.date <= date(2019, 3, 14)
        assert row.events, "a change point carries its evidence"
    assert {e["code"] for e in by_partner["RUS"].events} <= {"042", "057"}
    assert all(e["quad_class"] in (3, 4) for e in by_partner["USA"].events)
    assert by_partner["USA"].events[0]["sentence"].startswith("Report ")


@settings(max_examples=60, deadline=None)
@given(
    levels=st.lists(st.floats(-0.9, 0.9), min_size=1, max_size=6),
    noise=st.floats(0.0, 0.5),
    size=st.integers(1, 150),
    seed=st.integers(0, 2**16),
    digits=st.sampled_from([None, 1, 3]),
    penalty=st.floats(0.01, 2.0),
)
def test_change_points_are_those_of_ruptures_own_least_squares_cost(
    levels, noise, size, seed, digits, penalty
):
    """Every segment's cost computed up front gives PELT the very numbers of ruptures' CostL2,
    so the change points are the same (tie series: values in (-1, 1), often repeated)."""
    import ruptures

    rng = np.random.default_rng(seed)
    signal = np.repeat(levels, size // len(levels) + 1)[:size] + rng.normal(0, noise, size)
    signal = np.clip(signal if digits is None else np.round(signal, digits), -0.99, 0.99)
    own = ruptures.Pelt(model="l2", min_size=2, jump=1).fit(signal.reshape(-1, 1))
    expected = [b for b in own.predict(pen=penalty) if b < size] if size >= 4 else []
    assert detect_changes(signal, penalty=penalty) == expected
