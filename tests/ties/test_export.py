"""Exports of merged events: CSV, JSON lines, Parquet and the GDELT 2.0 event layout."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pandas as pd
import pytest

from detente.errors import QueryError
from detente.ties import export_events
from detente.ties.gdelt import GDELT_COLUMNS

SHARED_GDELT = (
    Path(__file__).resolve().parents[3]
    / "shared"
    / "data"
    / "gdelt"
    / "GDELT_2.0_Events_Column_Labels_Header_Row_Sep2016.csv"
)


def test_gdelt_export_has_61_tab_separated_columns_per_event(store_2019, tmp_path):
    out = tmp_path / "events.tsv"
    assert export_events(store_2019, out, "gdelt") == 130
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 130
    assert {len(line.split("\t")) for line in lines} == {61}
    first = dict(zip(GDELT_COLUMNS, lines[0].split("\t")))
    assert first["SQLDATE"] == "20190107" and first["MonthYear"] == "201901"
    assert first["Actor1CountryCode"] in ("PRK", "USA", "RUS", "CHN")
    assert first["Actor1Type1Code"] == "GOV"
    assert first["EventRootCode"] == first["EventCode"][:2]
    assert first["DATEADDED"] == "20190108000000"
    assert first["AvgTone"] == "" and first["ActionGeo_Lat"] == ""


def test_gdelt_column_names_match_the_published_schema():
    if not SHARED_GDELT.exists():
        pytest.skip("../shared/data/gdelt is not present (development reference data only)")
    with SHARED_GDELT.open(encoding="utf-8") as handle:
        published = tuple(row["tableId"] for row in csv.DictReader(handle))
    assert GDELT_COLUMNS == published


def test_csv_jsonl_and_parquet_exports_hold_the_same_merged_events(store_2019, tmp_path):
    for fmt in ("csv", "jsonl", "parquet"):
        assert export_events(store_2019, tmp_path / f"e.{fmt}", fmt) == 130
    from_csv = pd.read_csv(tmp_path / "e.csv", dtype=str)
    records = [json.loads(line) for line in (tmp_path / "e.jsonl").read_text().splitlines()]
    from_parquet = pd.read_parquet(tmp_path / "e.parquet")
    assert list(from_csv["id"]) == [r["id"] for r in records] == list(from_parquet["id"])
    repeated = next(r for r in records if r["report_count"] == 2)
    assert sorted(repeated["outlets"]) == ["Other Wire", "Test Wire"]
    assert ";" in from_csv.set_index("id").loc[repeated["id"], "outlets"]


def test_an_unknown_export_format_is_a_query_error(store_2019, tmp_path):
    with pytest.raises(QueryError, match="'xlsx' is not one of"):
        export_events(store_2019, tmp_path / "e.xlsx", "xlsx")


def test_any_merged_event_becomes_61_clean_gdelt_fields():
    from datetime import date

    from hypothesis import given
    from hypothesis import strategies as st

    from detente.ties.gdelt import gdelt_row

    text = st.one_of(st.none(), st.text(max_size=20))
    rows = st.fixed_dictionaries(
        {
            "id": st.text("0123456789abcdef", min_size=24, max_size=24),
            "series_date": st.one_of(st.none(), st.dates(date(1990, 1, 1), date(2030, 12, 31))),
            "first_report_date": st.one_of(
                st.none(), st.dates(date(1990, 1, 1), date(2030, 12, 31))
            ),
            "code": st.sampled_from(["042", "0311", "190"]),
            "root": st.sampled_from(["04", "03", "19"]),
            "source_country": st.sampled_from([None, "PRK", "NATO", "UNO"]),
            "source_name": text,
            "source_code": text,
            "source_sector": text,
            "target_country": st.sampled_from([None, "RUS"]),
            "location_country": st.sampled_from([None, "VNM", "XXX"]),
            "outlets": st.lists(st.text(max_size=5), max_size=3),
            "report_count": st.integers(1, 9),
        }
    )

    @given(rows, text)
    def check(row, url):
        fields = gdelt_row(row, url)
        assert len(fields) == 61
        assert all(isinstance(f, str) for f in fields)

    check()
