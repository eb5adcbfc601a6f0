"""Partners ranked by tie, the network of states, and its blocs."""

from __future__ import annotations

from datetime import date

from detente.ties import blocs, network, partners


def test_partners_are_ranked_by_tie_warmest_first(store_2019):
    ranked = partners(store_2019, "PRK")
    assert ranked["partner"].tolist() == ["CHN", "RUS", "USA"]
    assert ranked.set_index("partner").loc["USA", "tie"] < -0.7
    assert ranked.set_index("partner").loc["RUS", "events"] == 52


def test_partners_in_a_period_before_hanoi(store_2019):
    ranked = partners(store_2019, "PRK", since=date(2019, 1, 1), until=date(2019, 2, 27))
    assert ranked["partner"].tolist() == ["CHN", "USA", "RUS"]
    assert ranked.set_index("partner").loc["RUS", "tie"] < 0


def test_a_country_without_events_has_no_partners(store_2019):
    assert partners(store_2019, "FRA").empty


def test_the_network_joins_pairs_with_their_tie_and_event_count(store_2019):
    graph = network(store_2019, since=date(2019, 3, 1), until=date(2019, 12, 31))
    assert sorted(graph.nodes) == ["CHN", "PRK", "RUS", "USA"]
    assert graph["PRK"]["RUS"]["tie"] > 0.9
    assert graph["PRK"]["USA"]["weight"] == graph["PRK"]["USA"]["tie"] < -0.9
    by_events = network(store_2019, weight="events")
    assert by_events["PRK"]["CHN"]["weight"] == 26


def test_blocs_gather_states_tied_by_cooperation(store_2019):
    found = blocs(network(store_2019, since=date(2019, 3, 1)))
    bloc_of = dict(zip(found["country"], found["bloc"]))
    assert bloc_of["PRK"] == bloc_of["RUS"] == bloc_of["CHN"]
    assert bloc_of["USA"] != bloc_of["PRK"]
