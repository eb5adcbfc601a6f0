"""The dashboard shows detente's own coding; an imported dataset in the same store changes
none of its counts (imported datasets are compared with `detente compare`)."""

from __future__ import annotations

from event_files import GDELT_FILE

from detente.datasets import import_files


def test_an_imported_gdelt_file_changes_no_count_on_the_dashboard(client, store):
    before = client.get("/api/stats").json()
    overview_before = client.get("/").text
    summary = import_files(store, "gdelt", [GDELT_FILE])
    assert summary.stored > 0
    after = client.get("/api/stats").json()
    assert after["merged_events"] == before["merged_events"]
    assert client.get("/").text.count("merged") == overview_before.count("merged")
