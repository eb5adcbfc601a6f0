"""Charts of the tie index and the self-contained HTML report."""

from __future__ import annotations

import pytest

from detente.errors import InputError
from detente.ties import change_points, dyad_series, write_report, write_tie_chart
from detente.ties.charts import events_on_series
from detente.ties.evidence import reports_of, top_events


def test_a_tie_chart_renders_as_png_and_svg(store_2019, tmp_path):
    series = dyad_series(store_2019, "PRK", "RUS", freq="week")
    cps = change_points(store_2019, "PRK")
    events = events_on_series(top_events(store_2019, "PRK", "RUS", limit=3), series, "week")
    png = write_tie_chart(tmp_path / "ties.png", {"PRK–RUS": series}, "PRK–RUS", cps, events)
    svg = write_tie_chart(tmp_path / "ties.svg", {"PRK–RUS": series})
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert b"<svg" in svg.read_bytes()[:2000]


def test_a_chart_file_must_be_png_or_svg(store_2019, tmp_path):
    with pytest.raises(InputError, match=r"\.png or \.svg"):
        write_tie_chart(tmp_path / "ties.jpg", {})


def test_the_html_report_is_self_contained_and_shows_partners_shifts_and_evidence(
    store_2019, tmp_path, hanoi
):
    path = write_report(store_2019, "PRK", tmp_path / "prk.html", around=hanoi)
    text = path.read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>")
    assert "data:image/png;base64," in text
    assert "http://" not in text and "https://" not in text
    assert "Partners by tie" in text and "Shifts around 2019-02-28" in text
    assert "Report " in text  # evidence sentences
    assert "cooling" in text and "warming" in text


def test_every_report_of_a_merged_event_is_kept(store_2019):
    [merged_id] = [
        r["id"]
        for r in store_2019.query(
            "SELECT id FROM merged_events WHERE report_count = 2 ORDER BY series_date LIMIT 1"
        )
    ]
    reports = reports_of(store_2019, merged_id)
    assert sorted(reports["outlet"]) == ["Other Wire", "Test Wire"]
    assert reports["sentence"].str.startswith("Report ").all()
