"""ICEWS and POLECAT files: countries in words, sectors as lists, PLOVER types mapped to CAMEO
where the CAMEO→PLOVER table allows, and their own ids."""

from __future__ import annotations

from datetime import date

import pytest
from event_files import ICEWS_FILE, POLECAT_COLUMNS, POLECAT_FILE, named_row, write_lines

from detente.datasets import import_files
from detente.datasets.codes import cameo_for_plover
from detente.errors import DatasetFileError


def test_an_icews_row_with_countries_in_words_and_sector_lists(store):
    import_files(store, "icews", [ICEWS_FILE])
    row = store.query(
        "SELECT * EXCLUDE (source_file, import_id) FROM dataset_events "
        "WHERE provider_id = '926686@2019-04-25'"
    )[0]
    assert row == {
        "id": "icews:926686@2019-04-25",
        "dataset": "icews",
        "provider_id": "926686@2019-04-25",
        "event_date": date(2019, 4, 25),
        "source_code": "RUSGOV",
        "source_name": "Vladimir Putin",
        "source_country": "RUS",
        "source_sector": "GOV",
        "target_code": "PRKGOV",
        "target_name": "Kim Jong-Un",
        "target_country": "PRK",
        "target_sector": "GOV",  # "Elite,Executive,Government": Elite has no CAMEO sector here
        "code": "043",
        "root": "04",
        "plover": "CONSULT",
        "plover_mode": "visit",
        "quad_class": 1,
        "goldstein": 2.8,
        "mentions": None,
        "sources": None,
        "articles": None,
        "tone": None,
        "location_text": "Vladivostok, Primorskiy Kray, Russian Federation",
        "location_country": "RUS",
        "latitude": 43.1056,
        "longitude": 131.8735,
        "url": None,
        "story_id": "28217373",
        "sentence_number": 2,
        "publisher": "Example Wire",
        "event_text": "Host a visit",
        "date_added": None,
        "source_line": 2,
        "merged_id": "icews:2019-04-25:042:PRK>RUS",  # Russia hosts: North Korea visits
    }


def test_icews_event_ids_repeat_across_dates_so_the_date_is_part_of_the_id(store):
    import_files(store, "icews", [ICEWS_FILE])
    ids = [
        r["provider_id"] for r in store.query("SELECT provider_id FROM dataset_events ORDER BY 1")
    ]
    assert ids[:2] == ["926686@2019-04-25", "926686@2019-04-26"]


def test_icews_codes_that_lost_their_leading_zero_and_unnamed_organisations(store):
    import_files(store, "icews", [ICEWS_FILE])
    rows = {
        r["provider_id"]: r
        for r in store.query(
            "SELECT provider_id, code, source_code, source_country, source_sector FROM dataset_events"
        )
    }
    assert rows["926700@2019-04-24"]["code"] == "042"  # written "42"
    un = rows["926703@2019-04-28"]  # "United Nations" with no country: the name gives UNO
    assert (un["source_country"], un["source_sector"], un["source_code"]) == ("UNO", "IGO", "UNO")
    assert rows["926701@2019-05-10"]["source_code"] == "USAMIL"


def test_icews_bad_rows(store):
    summary = import_files(store, "icews", [ICEWS_FILE])
    assert (summary.rows_read, summary.stored, summary.skipped) == (8, 5, 3)
    assert [(s.line, s.reason) for s in summary.skips] == [
        (6, "bad date '2019-04-31'"),
        (8, "unknown CAMEO code '999'"),
        (9, "wrong column count: 7 fields, expected 20"),
    ]


def test_plover_types_map_to_cameo_where_the_table_allows():
    assert cameo_for_plover("CONSULT", "visit") == "04"  # 042 and 043 share only their root
    assert cameo_for_plover("ASSAULT", "firearms") == "193"
    assert cameo_for_plover("AGREE", "") == "03"
    assert cameo_for_plover("DEMAND", "") == "10"  # PLOVER 1.0's name for CAMEO's root 10
    assert cameo_for_plover("ASSAULT", "") is None  # 18, 19 or 20
    assert cameo_for_plover("COERCE", "restrict") is None  # 163, 172, 191
    assert cameo_for_plover("CRIME", "") is None


def test_a_polecat_row(store):
    import_files(store, "polecat", [POLECAT_FILE])
    row = store.query(
        "SELECT * EXCLUDE (source_file, import_id) FROM dataset_events "
        "WHERE provider_id = 'ab12cd34-visit'"
    )[0]
    assert row == {
        "id": "polecat:ab12cd34-visit",
        "dataset": "polecat",
        "provider_id": "ab12cd34-visit",
        "event_date": date(2019, 4, 24),
        "source_code": "PRKGOV",
        "source_name": "Kim Jong Un",
        "source_country": "PRK",
        "source_sector": "GOV",
        "target_code": "RUSGOV",
        "target_name": "Vladimir Putin",
        "target_country": "RUS",
        "target_sector": "GOV",
        "code": "04",
        "root": "04",
        "plover": "CONSULT",
        "plover_mode": "visit",
        "quad_class": 1,
        "goldstein": 1.9,
        "mentions": None,
        "sources": None,
        "articles": None,
        "tone": None,
        "location_text": "Vladivostok",
        "location_country": "RUS",
        "latitude": 43.1056,
        "longitude": 131.8735,
        "url": None,
        "story_id": None,
        "sentence_number": None,
        "publisher": "Example Wire",
        "event_text": None,
        "date_added": date(2019, 4, 25),
        "source_line": 2,
        "merged_id": "polecat:2019-04-24:04:PRK>RUS",
    }


def test_polecat_quad_codes_in_words_and_countries_in_words(store):
    import_files(store, "polecat", [POLECAT_FILE])
    agree = store.query(
        "SELECT quad_class, source_country, target_country, code FROM dataset_events "
        "WHERE provider_id = 'ab12cd35-agree'"
    )[0]
    assert agree == {
        "quad_class": 1,
        "source_country": "RUS",
        "target_country": "PRK",
        "code": "03",
    }


def test_polecat_rows_without_a_cameo_root_are_skipped(store):
    summary = import_files(store, "polecat", [POLECAT_FILE])
    assert (summary.stored, summary.skipped) == (4, 2)
    assert [(s.line, s.reason) for s in summary.skips] == [
        (4, "PLOVER 'ASSAULT' has no single CAMEO root in the CAMEO-PLOVER table"),
        (6, "bad date '2019-02-30'"),
    ]


def test_a_polecat_week_whose_header_says_intensity(store, tmp_path):
    text = POLECAT_FILE.read_text(encoding="utf-8").replace("Event Intensity", "Intensity", 1)
    (tmp_path / "week.txt").write_text(text, encoding="utf-8")
    summary = import_files(store, "polecat", [tmp_path / "week.txt"])
    assert summary.stored == 4
    assert summary.layouts[0] == "POLECAT weekly events with 'Intensity' (40 columns)"


def test_a_file_of_another_layout_is_refused_with_what_is_missing(store):
    with pytest.raises(DatasetFileError) as caught:
        import_files(store, "icews", [POLECAT_FILE])
    assert caught.value.code == "D016"
    assert "not in the icews events layout: its header lacks 'Source Name'" in str(caught.value)
    assert store.scalar("SELECT count(*) FROM dataset_events") == 0


def test_a_polecat_week_with_extra_columns_and_none_for_missing_values(store, tmp_path):
    columns = (*POLECAT_COLUMNS[:6], "Headline", *POLECAT_COLUMNS[6:], "Feed")
    none = dict.fromkeys(
        ["Actor_Title", "Recipient_Title", "Placename", "City", "Latitude", "Longitude"], "None"
    )
    lines = [
        "\t".join(columns),
        named_row(
            columns,
            Event_ID="cd56-sanction",
            Event_Date="2023-03-01",
            Event_Type="SANCTION",
            Event_Mode="None",
            Event_Intensity="-6",
            Quad_Code="MATERIAL CONFLICT",
            Headline="Sanctions announced",
            Actor_Name="United States",
            Actor_Country="USA",
            Primary_Actor_Sector="GOV",
            Recipient_Name="Russia",
            Recipient_Country="RUS",
            Primary_Recipient_Sector="None",
            Recipient_Sectors="Government",
            Country="None",
            Source="Example Wire",
            Publication_Date="2023-03-02",
            Feed="wire",
            **none,
        ),
    ]
    summary = import_files(store, "polecat", [write_lines(tmp_path / "week.txt", lines)])
    assert (summary.stored, summary.skipped) == (1, 0)
    row = store.query(
        "SELECT source_code, target_code, target_sector, code, plover, plover_mode, quad_class, "
        "goldstein, location_text, location_country, latitude, date_added FROM dataset_events"
    )[0]
    assert row == {
        "source_code": "USAGOV",
        "target_code": "RUSGOV",  # "None" as the primary sector: the sector list gives it
        "target_sector": "GOV",
        "code": "16",  # SANCTION: CAMEO's root 16, reduce relations
        "plover": "SANCTION",
        "plover_mode": None,
        "quad_class": 4,
        "goldstein": -6.0,
        "location_text": None,
        "location_country": None,
        "latitude": None,
        "date_added": date(2023, 3, 2),
    }
