"""Ties over an imported dataset, kept apart from detente's own coding, and the two compared.

The hand-checked pair: North Korea and Russia, April to June 2019.

=====  ==========================  =========================  =====
month  detente (tie)               gdelt (tie)                gap
=====  ==========================  =========================  =====
Apr    042 visit 1.9 → 1.9/3.9     042 visit (3 rows) → same  0
May    111 criticise −2 → −2/4     057 agreement 8 → 8/10     +1.3
Jun    057 agreement 8 → 8/10      057 agreement 8 → 8/10     0
=====  ==========================  =========================  =====
"""

from __future__ import annotations

import statistics
from dataclasses import replace
from datetime import date

import pytest
from event_files import ICEWS_COLUMNS, gdelt_event, icews_event, write_lines
from factories import coded, event

from detente.datasets import import_files
from detente.errors import QueryError
from detente.events.ontology import lookup
from detente.store import write_batch
from detente.ties import (
    compare_datasets,
    dyad_series,
    export_events,
    network,
    partners,
    top_events,
    write_comparison_chart,
)
from detente.ties.merge import merge_new_events
from detente.ties.series import check_dataset

VISIT, CRITICISE, AGREEMENT = 1.9 / 3.9, -2.0 / 4.0, 8.0 / 10.0


def _coded(source, target, code, day, n):
    entry = lookup(code)
    text = f"Report {n}: {source} and {target} ({entry.name}) on {day:%d %B %Y}."
    ev = replace(
        event(source, target, code, start=day, trigger_at=20 + n, sentence=text),
        name=entry.name,
        quad_class=entry.quad_class,
        goldstein=entry.goldstein,
    )
    return coded(text, ev, published=day)


@pytest.fixture
def both(store, tmp_path):
    write_batch(
        store,
        [
            _coded("RUS", "PRK", "042", date(2019, 4, 10), 1),
            _coded("PRK", "RUS", "111", date(2019, 5, 15), 2),
            _coded("RUS", "PRK", "057", date(2019, 6, 12), 3),
        ],
        "test",
    )
    merge_new_events(store)
    lines = [
        gdelt_event(1, 20190410, "RUS", "PRK", "042", 1.9, 1, mentions=2),
        gdelt_event(2, 20190410, "RUS", "PRK", "042", 1.9, 1, mentions=3),
        gdelt_event(3, 20190410, "RUS", "PRK", "042", 1.9, 1, mentions=5),
        gdelt_event(4, 20190515, "RUS", "PRK", "057", 8.0, 1),
        gdelt_event(5, 20190612, "RUS", "PRK", "057", 8.0, 1),
        gdelt_event(6, 20190520, "USA", "PRK", "111", -2.0, 3),
    ]
    import_files(store, "gdelt", [write_lines(tmp_path / "2019.export.CSV", lines)])
    return store


def test_ties_count_detente_by_default_and_the_dataset_when_named(both):
    mine = dyad_series(both, "PRK", "RUS", "month")
    theirs = dyad_series(both, "PRK", "RUS", "month", dataset="gdelt")
    assert mine["tie"].round(4).tolist() == [round(t, 4) for t in (VISIT, CRITICISE, AGREEMENT)]
    assert theirs["tie"].round(4).tolist() == [round(t, 4) for t in (VISIT, AGREEMENT, AGREEMENT)]
    assert theirs["events"].tolist() == [1, 1, 1]
    assert theirs["reports"].tolist() == [3, 1, 1]  # three GDELT rows, one happening


def test_partners_network_events_and_export_follow_the_dataset(both, tmp_path):
    assert partners(both, "PRK")["partner"].tolist() == ["RUS"]
    assert sorted(partners(both, "PRK", dataset="gdelt")["partner"]) == ["RUS", "USA"]
    assert sorted(network(both, dataset="gdelt").edges) == [("PRK", "RUS"), ("PRK", "USA")]
    assert [tuple(sorted(e)) for e in network(both).edges] == [("PRK", "RUS")]
    found = top_events(both, "PRK", "RUS", dataset="gdelt", limit=1)
    assert (found["code"][0], found["sentence"][0]) == ("057", "https://news.example.com/4")
    assert export_events(both, tmp_path / "g.csv", dataset="gdelt") == 4
    assert export_events(both, tmp_path / "d.csv") == 3


def test_an_unknown_dataset_is_a_clear_error(both):
    with pytest.raises(QueryError, match="no dataset 'icews' .*it has detente, gdelt"):
        check_dataset(both, "icews")


def test_compare_two_datasets_over_a_hand_checked_pair(both):
    result = compare_datasets(both, "PRK", "RUS", ("gdelt", "detente"), freq="month")
    frame = result.frame
    assert [p.strftime("%Y-%m") for p in frame["period"]] == ["2019-04", "2019-05", "2019-06"]
    assert frame["gap"].round(4).tolist() == [0.0, round(AGREEMENT - CRITICISE, 4), 0.0]
    expected = statistics.correlation([VISIT, AGREEMENT, AGREEMENT], [VISIT, CRITICISE, AGREEMENT])
    assert result.tie_correlation == pytest.approx(expected)
    assert result.tie_correlation == pytest.approx(-0.287, abs=1e-3)
    assert result.volume_correlation is None  # one event a month in each: no variation
    worst = result.disagreements[0]
    assert (worst["period"], worst["gap"]) == ("2019-05-01", 1.3)
    assert [e["code"] for e in worst["evidence_gdelt"]] == ["057"]
    assert [e["code"] for e in worst["evidence_detente"]] == ["111"]
    assert result.summary() == {
        "pair": "PRK–RUS",
        "datasets": "gdelt vs detente",
        "freq": "month",
        "periods": 3,
        "events_gdelt": 3,
        "events_detente": 3,
        "tie_correlation": round(expected, 4),
        "volume_correlation": None,
    }


def test_compare_chart(both, tmp_path):
    result = compare_datasets(both, "PRK", "RUS", ("gdelt", "detente"))
    path = write_comparison_chart(tmp_path / "compare.png", result)
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_compare_needs_two_different_datasets(both):
    with pytest.raises(QueryError, match="two different datasets"):
        compare_datasets(both, "PRK", "RUS", ("gdelt", "gdelt"))


def test_store_stats_and_busiest_pairs_keep_imported_rows_apart(both):
    from detente.store.queries import busiest_dyads, store_stats

    stats = store_stats(both)
    assert (stats["events"], stats["imported_events"]) == (3, 6)
    assert [(r["country_a"], r["country_b"], r["events"]) for r in busiest_dyads(both)] == [
        ("PRK", "RUS", 3)
    ]
    imported = busiest_dyads(both, dataset="gdelt")
    assert [(r["country_a"], r["country_b"], r["events"]) for r in imported] == [
        ("PRK", "RUS", 5),
        ("PRK", "USA", 1),
    ]


# -- two imported datasets: GDELT and ICEWS on China and Japan, January to March 2019 --------
#
# =====  =============================================  ==================================  =====
# month  gdelt (tie)                                    icews (tie)                         gap
# =====  =============================================  ==================================  =====
# Jan    036 talks, 3 rows either way round, one        036 talks 4 → 4/6                   0
#        happening: 4 → 4/6
# Feb    111 criticise −2 → −2/4                        042 visit 1.9 → 1.9/3.9             −0.987
# Mar    057 agreement 8 → 8/10                         057 agreement 8 → 8/10              0
# =====  =============================================  ==================================  =====
TALKS, VISIT_ = 4.0 / 6.0, 1.9 / 3.9


@pytest.fixture
def providers(store, tmp_path):
    gdelt = [
        gdelt_event(1, 20190110, "CHN", "JPN", "036", 4.0, 1),
        gdelt_event(2, 20190110, "CHN", "JPN", "036", 4.0, 1),
        gdelt_event(3, 20190110, "JPN", "CHN", "036", 4.0, 1),
        gdelt_event(4, 20190212, "JPN", "CHN", "111", -2.0, 3),
        gdelt_event(5, 20190305, "CHN", "JPN", "057", 8.0, 1),
    ]
    icews = [
        "\t".join(ICEWS_COLUMNS),
        icews_event(1, "2019-01-10", "China", "Japan", "036", 4.0),
        icews_event(2, "2019-02-20", "China", "Japan", "42", 1.9),
        icews_event(3, "2019-03-05", "Japan", "China", "057", 8.0),
    ]
    import_files(store, "gdelt", [write_lines(tmp_path / "2019.export.CSV", gdelt)])
    import_files(store, "icews", [write_lines(tmp_path / "events.2019.tab", icews)])
    return store


def test_compare_two_imported_datasets_over_a_hand_checked_pair(providers):
    result = compare_datasets(providers, "JPN", "CHN", ("gdelt", "icews"), freq="month")
    frame = result.frame
    assert frame["tie_gdelt"].round(4).tolist() == [
        round(t, 4) for t in (TALKS, CRITICISE, AGREEMENT)
    ]
    assert frame["tie_icews"].round(4).tolist() == [round(t, 4) for t in (TALKS, VISIT_, AGREEMENT)]
    assert frame["events_gdelt"].tolist() == [1, 1, 1] and frame["reports_gdelt"].tolist() == [
        3,
        1,
        1,
    ]
    expected = statistics.correlation([TALKS, CRITICISE, AGREEMENT], [TALKS, VISIT_, AGREEMENT])
    assert result.tie_correlation == pytest.approx(expected)
    worst = result.disagreements[0]
    assert (worst["period"], worst["gap"]) == ("2019-02-01", round(CRITICISE - VISIT_, 4))
    assert [e["code"] for e in worst["evidence_gdelt"]] == ["111"]
    assert [e["code"] for e in worst["evidence_icews"]] == ["042"]
    assert [e["sentence"] for e in worst["evidence_icews"]] == ["Event"]  # ICEWS's event text
