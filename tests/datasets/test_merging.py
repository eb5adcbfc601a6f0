"""An imported dataset's rows merge into merged events on the same day, pair and code, with
the pair read as reports read it: the two sides of a visit and reciprocal acts are one
happening; a later file's rows add to the merged event already stored."""

from __future__ import annotations

from datetime import date

from event_files import gdelt_event, write_lines

from detente.datasets import import_files, merge_dataset, pending_rows
from detente.ties.evidence import dataset_rows_of


def _merged(store) -> dict[str, dict]:
    rows = store.query("SELECT * FROM merged_events WHERE dataset = 'gdelt'")
    return {r["id"]: r for r in rows}


def _import(store, tmp_path, name, lines, **options):
    return import_files(store, "gdelt", [write_lines(tmp_path / name, lines)], **options)


def test_a_visit_and_its_hosting_are_one_happening_shown_from_the_visitor(store, tmp_path):
    _import(
        store,
        tmp_path,
        "visit.CSV",
        [
            gdelt_event(1, 20190425, "PRK", "RUS", "043", 2.8, 1),  # North Korea hosts Russia
            gdelt_event(2, 20190425, "RUS", "PRK", "042", 1.9, 1),  # Russia visits North Korea
        ],
    )
    (visit,) = _merged(store).values()
    assert visit["id"] == "gdelt:2019-04-25:042:RUS>PRK"
    assert (visit["source_country"], visit["code"], visit["target_country"]) == (
        "RUS",
        "042",
        "PRK",
    )
    assert (visit["report_count"], visit["goldstein"], visit["name"]) == (2, 1.9, "Make a visit")


def test_a_hosting_alone_keeps_its_code_and_direction(store, tmp_path):
    _import(store, tmp_path, "host.CSV", [gdelt_event(1, 20190425, "PRK", "RUS", "043", 2.8, 1)])
    (host,) = _merged(store).values()
    assert host["id"] == "gdelt:2019-04-25:042:RUS>PRK"  # the visit it is the other side of
    assert (host["source_country"], host["code"], host["target_country"]) == ("PRK", "043", "RUS")


def test_reciprocal_acts_merge_either_way_round_but_others_do_not(store, tmp_path):
    _import(
        store,
        tmp_path,
        "talks.CSV",
        [
            gdelt_event(1, 20190110, "USA", "CHN", "036", 4.0, 1),
            gdelt_event(2, 20190110, "CHN", "USA", "036", 4.0, 1),
            gdelt_event(3, 20190110, "USA", "CHN", "111", -2.0, 3),
            gdelt_event(4, 20190110, "CHN", "USA", "111", -2.0, 3),
        ],
    )
    merged = _merged(store)
    assert sorted(merged) == [
        "gdelt:2019-01-10:036:CHN|USA",
        "gdelt:2019-01-10:111:CHN>USA",
        "gdelt:2019-01-10:111:USA>CHN",
    ]
    talks = merged["gdelt:2019-01-10:036:CHN|USA"]
    assert talks["report_count"] == 2
    assert (talks["source_country"], talks["target_country"]) == ("USA", "CHN")  # the first row's


def test_another_day_or_code_is_another_happening(store, tmp_path):
    _import(
        store,
        tmp_path,
        "days.CSV",
        [
            gdelt_event(1, 20190110, "USA", "CHN", "036", 4.0, 1),
            gdelt_event(2, 20190111, "USA", "CHN", "036", 4.0, 1),
            gdelt_event(3, 20190110, "USA", "CHN", "040", 1.0, 1),
        ],
    )
    assert len(_merged(store)) == 3


def test_a_later_file_adds_its_rows_to_the_stored_merged_event(store, tmp_path):
    first = _import(
        store,
        tmp_path,
        "20190110101500.export.CSV",
        [
            gdelt_event(
                1, 20190110, "USA", "CHN", "057", 8.0, 1, mentions=3, url="https://a.example/1"
            )
        ],
    )
    later = _import(
        store,
        tmp_path,
        "20190110103000.export.CSV",
        [
            gdelt_event(
                2, 20190110, "CHN", "USA", "057", 8.0, 1, mentions=5, url="https://b.example/2"
            ),
            gdelt_event(
                3, 20190110, "USA", "CHN", "057", 8.0, 1, mentions=1, url="https://a.example/1"
            ),
        ],
    )
    assert (first.merged_events, later.merged_events) == (1, 0)
    (deal,) = _merged(store).values()
    assert (deal["report_count"], deal["mentions"]) == (3, 9)
    assert deal["article_ids"] == ["https://a.example/1", "https://b.example/2"]
    assert deal["outlets"] == ["a.example", "b.example"]
    assert deal["first_event_id"] == "gdelt:1"
    rows = dataset_rows_of(store, deal["id"])
    assert rows["provider_id"].tolist() == ["1", "2", "3"]
    assert rows["source_line"].tolist() == [1, 1, 2]


def test_rows_imported_without_merging_wait_for_merge_dataset(store, tmp_path):
    lines = [
        gdelt_event(1, 20190110, "USA", "CHN", "036", 4.0, 1),
        gdelt_event(2, 20190110, "USA", "CHN", "036", 4.0, 1),
    ]
    summary = _import(store, tmp_path, "rows.CSV", lines, merge=False)
    assert (summary.stored, summary.merged_events, pending_rows(store, "gdelt")) == (2, 0, 2)
    assert _merged(store) == {}
    result = merge_dataset(store, "gdelt")
    assert (result.reports, result.new_merged, pending_rows(store, "gdelt")) == (2, 1, 0)
    (talks,) = _merged(store).values()
    assert (talks["report_count"], talks["series_date"]) == (2, date(2019, 1, 10))
    assert store.scalar("SELECT count(DISTINCT merged_id) FROM dataset_events") == 1


def test_a_store_merged_by_the_earlier_rule_merges_again_after_its_upgrade(tmp_path):
    """Schema 6 merged imported rows like reports (±1 day, via event_merge); migration 7 undoes
    those merges, and the rows merge again by day, pair and code."""
    import duckdb

    from detente.store import Store
    from detente.store.migrations import MIGRATIONS

    path = tmp_path / "old.duckdb"
    with duckdb.connect(str(path)) as con:
        con.execute("CREATE TABLE detente_meta (key VARCHAR PRIMARY KEY, value VARCHAR)")
        con.execute("INSERT INTO detente_meta VALUES ('application', 'detente')")
        con.execute(
            "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name VARCHAR, "
            "applied_at TIMESTAMP)"
        )
        for migration in MIGRATIONS[:6]:
            con.execute(migration.sql)
            con.execute(
                "INSERT INTO schema_migrations VALUES (?, ?, now())",
                [migration.version, migration.name],
            )
        con.execute(
            "INSERT INTO dataset_events (id, dataset, provider_id, event_date, source_country, "
            "target_country, code, root, source_file, import_id) VALUES "
            "('gdelt:1', 'gdelt', '1', DATE '2019-01-10', 'USA', 'CHN', '036', '03', 'a', 1), "
            "('gdelt:2', 'gdelt', '2', DATE '2019-01-11', 'USA', 'CHN', '036', '03', 'a', 1)"
        )
        con.execute(
            "INSERT INTO merged_events (id, modality, code, root, pair_key, date_precision, "
            "first_event_id, report_count, updated_at, dataset) VALUES "
            "('gdelt:1', 'asserted', '036', '03', 'CHN|USA', 'day', 'gdelt:1', 2, now(), 'gdelt')"
        )
        con.execute("INSERT INTO event_merge VALUES ('gdelt:1', 'gdelt:1'), ('gdelt:2', 'gdelt:1')")
    with Store(path) as store:
        assert store.scalar("SELECT count(*) FROM merged_events") == 0
        assert store.scalar("SELECT count(*) FROM event_merge") == 0
        assert pending_rows(store, "gdelt") == 2
        assert merge_dataset(store, "gdelt").new_merged == 2  # two days, two happenings
        assert sorted(_merged(store)) == [
            "gdelt:2019-01-10:036:CHN|USA",
            "gdelt:2019-01-11:036:CHN|USA",
        ]


def test_a_large_batch_merged_a_few_months_at_a_time_gives_the_same_merged_events(
    tmp_path, monkeypatch
):
    from event_files import GDELT_FILE

    from detente.datasets import loader
    from detente.store import Store

    def merged_after_import(name: str) -> list[dict]:
        with Store(tmp_path / name) as store:
            import_files(store, "gdelt", [GDELT_FILE])
            return store.query("SELECT * EXCLUDE (updated_at) FROM merged_events ORDER BY id")

    whole = merged_after_import("whole.duckdb")
    monkeypatch.setattr(loader, "MERGE_ROWS", 1)  # April, then May
    assert merged_after_import("by-month.duckdb") == whole
    assert {m["date_start"].month for m in whole} == {4, 5}
