"""Datasets brought in by `detente import` sit beside detente's own coding: the dashboard and
the API show detente's by default, unchanged by an import, and an imported dataset when asked
(``?dataset=gdelt``), its links staying within it."""

from __future__ import annotations

import re

import pytest
from event_files import GDELT_FILE

from detente.datasets import import_files


@pytest.fixture
def imported(client, store):
    """The web store with the GDELT sample imported (RUS visits PRK, USA seizes a PRK ship, the
    UN gives PRK aid)."""
    before = client.get("/api/stats").json()
    summary = import_files(store, "gdelt", [GDELT_FILE])
    assert summary.stored > 0
    return before


def test_an_imported_gdelt_file_changes_no_count_of_detentes_own(client, imported):
    after = client.get("/api/stats").json()
    assert after["merged_events"] == imported["merged_events"]
    assert after["dataset"] == "detente" and after["imported_events"] == 6
    assert "gdelt" not in client.get("/dyad/PRK/USA").text.split("<main>")[1].split("</form>")[1]


def test_the_store_lists_its_datasets_detente_first(client, imported):
    assert client.get("/api/datasets").json()["items"] == [
        {"dataset": "detente", "events": imported["merged_events"]},
        {"dataset": "gdelt", "events": 5},
    ]


def test_the_api_reads_an_imported_dataset_when_asked(client, imported):
    # the visit's rows of 3 April merge; the row of 4 April is an event of its own
    assert client.get("/api/stats", params={"dataset": "gdelt"}).json()["merged_events"] == 5
    rows = client.get("/api/events", params={"dataset": "gdelt", "dyad": "RUS,PRK"}).json()
    assert rows["total"] == 3
    assert {r["provider_id"] for r in rows["items"]} == {"830000001", "830000002", "830000003"}
    assert rows["items"][0]["name"] == "Make a visit" and rows["items"][0]["merged_id"]
    dyad = client.get("/api/dyads/PRK/USA", params={"dataset": "gdelt"}).json()
    assert dyad["dataset"] == "gdelt" and dyad["counts"]["asserted"] == 1
    assert [e["code"] for e in dyad["events"]] == ["1712"]
    partners = client.get("/api/countries/PRK/partners", params={"dataset": "gdelt"}).json()
    assert {p["partner"] for p in partners["items"]} == {"RUS", "USA", "UNO"}


def test_an_unknown_dataset_is_refused_with_the_ones_there_are(client, imported):
    answer = client.get("/api/stats", params={"dataset": "acled"})
    assert answer.status_code == 422
    assert "no dataset 'acled'" in answer.json()["error"] and "gdelt" in answer.json()["error"]
    assert client.get("/?dataset=acled").status_code == 422


def test_the_pages_choose_a_dataset_and_keep_to_it(client, imported):
    page = client.get("/").text
    assert '<option value="gdelt">gdelt (imported) · 5 events</option>' in page
    overview = client.get("/", params={"dataset": "gdelt"}).text
    assert "<h1>Overview: gdelt" in overview and "<b>5</b> gdelt events" in overview
    links = set(re.findall(r'href="(/(?:country|dyad)/[^"]+)"', overview))
    assert links and all(link.endswith("?dataset=gdelt") for link in links)
    assert "/dyad/PRK/USA?dataset=gdelt" in links
    pair = client.get("/dyad/PRK/USA", params={"dataset": "gdelt"}).text
    assert "Seize or damage property" in pair or "1712" in pair
    assert '<input type="hidden" name="dataset" value="gdelt">' in pair  # filters keep it
    country = client.get("/country/PRK", params={"dataset": "gdelt"}).text
    assert 'href="/dyad/PRK/UNO?dataset=gdelt"' in country


def test_an_imported_event_shows_the_providers_rows(client, store, imported):
    merged_id = store.scalar(
        "SELECT id FROM merged_events WHERE dataset = 'gdelt' AND code = '042' "
        "ORDER BY report_count DESC, id LIMIT 1"
    )
    page = client.get(f"/event/{merged_id}").text
    assert "<h2>Rows of gdelt (2)</h2>" in page and "830000002" in page
    assert 'href="https://wire.example.org/asia/duma-pyongyang"' in page
    assert 'href="/dyad/PRK/RUS?dataset=gdelt"' in page  # its pair, in its dataset
    body = client.get(f"/api/events/{merged_id}").json()
    assert body["event"]["dataset"] == "gdelt" and len(body["rows"]) == 2
