"""GDELT event files become dataset rows: every field, GDELT 1.0 and 2.0, the merge of the many
rows of one happening, and the rows skipped with their line and reason."""

from __future__ import annotations

from datetime import date

from event_files import GDELT1_COLUMNS, GDELT_FILE, gdelt_event, write_lines

from detente.datasets import import_files


def test_a_gdelt_2_row_keeps_every_field_detente_can_use(store):
    import_files(store, "gdelt", [GDELT_FILE])
    row = store.query("SELECT * FROM dataset_events WHERE provider_id = '830000001'")[0]
    assert row == {
        "id": "gdelt:830000001",
        "dataset": "gdelt",
        "provider_id": "830000001",
        "event_date": date(2019, 4, 3),
        "source_code": "RUSGOV",
        "source_name": "RUSSIA",
        "source_country": "RUS",
        "source_sector": "GOV",
        "target_code": "PRK",
        "target_name": "NORTH KOREA",
        "target_country": "PRK",
        "target_sector": None,
        "code": "042",
        "root": "04",
        "plover": "CONSULT",
        "plover_mode": "visit",
        "quad_class": 1,
        "goldstein": 1.9,
        "mentions": 4,
        "sources": 1,
        "articles": 2,
        "tone": -1.25,
        "location_text": "Pyongyang, P'yongyang-si, North Korea",
        "location_country": "PRK",
        "latitude": 39.0194,
        "longitude": 125.755,
        "url": "https://www.example-news.com/world/visit-1",
        "story_id": None,
        "sentence_number": None,
        "publisher": "example-news.com",
        "event_text": None,
        "date_added": date(2019, 4, 3),
        "source_file": str(GDELT_FILE),
        "source_line": 1,
        "import_id": 1,
        "merged_id": "gdelt:2019-04-03:042:RUS>PRK",
    }


def test_organisations_come_from_the_known_group_code_and_regions_are_no_country(store):
    import_files(store, "gdelt", [GDELT_FILE])
    rows = {
        r["provider_id"]: r
        for r in store.query("SELECT provider_id, source_code, source_country FROM dataset_events")
    }
    assert rows["830000005"]["source_country"] == "UNO"  # IGOUNO, known group UNO
    assert rows["830000009"]["source_code"] == "EUR"  # CAMEO's EUR is Europe, not the EU
    assert rows["830000009"]["source_country"] is None


def test_bad_rows_are_skipped_with_line_and_reason(store):
    summary = import_files(store, "gdelt", [GDELT_FILE])
    assert (summary.rows_read, summary.stored, summary.skipped) == (9, 6, 3)
    assert [(s.line, s.reason) for s in summary.skips] == [
        (6, "bad date '20190231'"),
        (7, "unknown CAMEO code '099'"),
        (8, "wrong column count: 4 fields, expected 61"),
    ]
    assert dict(summary.reasons) == {
        "bad date": 1,
        "unknown CAMEO code": 1,
        "wrong column count": 1,
    }
    lines = [
        r["source_line"] for r in store.query("SELECT source_line FROM dataset_events ORDER BY 1")
    ]
    assert lines == [1, 2, 3, 4, 5, 9]  # a good row after a rejected line keeps its own line


def test_the_rows_of_one_happening_merge_keeping_their_mentions(store):
    summary = import_files(store, "gdelt", [GDELT_FILE])
    assert summary.merged_events == 5
    visit = store.query("SELECT * FROM merged_events WHERE id = 'gdelt:2019-04-03:042:RUS>PRK'")[0]
    assert visit["dataset"] == "gdelt" and visit["pair_key"] == "PRK|RUS"
    assert (visit["code"], visit["report_count"], visit["mentions"]) == ("042", 2, 4 + 6)
    assert (visit["source_country"], visit["source_sector"], visit["target_country"]) == (
        "RUS",
        "GOV",
        "PRK",
    )
    assert visit["series_date"] == date(2019, 4, 3)
    assert visit["first_event_id"] == "gdelt:830000001"
    assert visit["article_ids"] == [
        "https://wire.example.org/asia/duma-pyongyang",
        "https://www.example-news.com/world/visit-1",
    ]
    assert visit["outlets"] == ["example-news.com", "wire.example.org"]
    members = store.query(
        "SELECT provider_id FROM dataset_events WHERE merged_id = ? ORDER BY 1", [visit["id"]]
    )
    assert [m["provider_id"] for m in members] == ["830000001", "830000002"]


def test_the_same_visit_reported_the_next_day_is_that_day_s_event(store):
    import_files(store, "gdelt", [GDELT_FILE])
    later = store.query("SELECT * FROM merged_events WHERE id = 'gdelt:2019-04-04:042:RUS>PRK'")[0]
    assert (later["report_count"], later["mentions"], later["series_date"]) == (
        1,
        2,
        date(2019, 4, 4),
    )


def test_gdelt_1_files_of_58_and_57_columns(store, tmp_path):
    daily = write_lines(
        tmp_path / "20130501.export.CSV",
        [gdelt_event(1, 20130501, "CHN", "JPN", "111", -2.0, 3, columns=GDELT1_COLUMNS)],
    )
    old = write_lines(
        tmp_path / "2012.csv",
        [gdelt_event(2, 20120301, "CHN", "JPN", "057", 8.0, 2, columns=GDELT1_COLUMNS[:-1])],
    )
    summary = import_files(store, "gdelt", [daily, old], dataset="gdelt1")
    assert summary.stored == 2 and summary.skipped == 0
    assert sorted(summary.layouts) == [
        "GDELT 1.0 events (58 columns)",
        "GDELT 1.0 events before April 2013 (57 columns)",
    ]
    rows = store.query("SELECT provider_id, code, url, date_added FROM dataset_events ORDER BY 1")
    assert rows[0] == {
        "provider_id": "1",
        "code": "111",
        "url": "https://news.example.com/1",
        "date_added": date(2013, 5, 1),
    }
    assert rows[1]["url"] is None  # the 57-column files have no SOURCEURL
