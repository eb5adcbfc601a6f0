"""``tie_events`` stays what the reviewed view says through every write, and the ties read
from it are the ties read from the view.

One small store lives a story: two ingests (the second adding reports to merged events of
the first), reviews that confirm, reject and correct (an actor, a date, a modality), a
re-coding that dissolves merged events and merges their reports again, and two imports of
GDELT rows (the second adding rows to merged events of the first). After each step the
table equals the view's rows, and series, partners, shifts and evidence read from it equal
those read from the view itself.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, timedelta
from itertools import product
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from event_files import gdelt_event, write_lines
from factories import coded, event

import detente
from detente.datasets import import_files
from detente.errors import QueryError
from detente.events.ontology import lookup
from detente.recode import RecodeSummary, replace_coding
from detente.store import Store, tie_events, write_batch
from detente.store.migrations import MIGRATIONS
from detente.ties import dyad_series, merge_new_events, partners, top_events
from detente.ties.partners import partner_windows
from detente.ties.series import REVIEWED
from detente.web.review import Correction, review_event

START = date(2019, 1, 7)
MONTH_KEY = f"{tie_events.MONTH_ORDER}, modality, quad_class"


def report(n: int, source: str, target: str | None, code: str, day: date | None, **kwargs):
    """One article of one report; ``modality``, ``precision`` and ``outlet`` as asked."""
    entry = lookup(code)
    text = f"Wire {n}: {source} and {target or 'nobody'}, {entry.name}, {day or 'undated'}."
    ev = replace(
        event(source, target, code, start=day, sentence=text, trigger_at=10 + n % 40),
        name=entry.name,
        quad_class=entry.quad_class,
        goldstein=entry.goldstein,
        modality=kwargs.get("modality", "asserted"),
    )
    if kwargs.get("precision") and day:
        ev = replace(ev, date=replace(ev.date, precision=kwargs["precision"]))
    published = (day or START) + timedelta(days=1)
    return coded(text, ev, source=kwargs.get("outlet", "Test Wire"), published=published)


def first_ingest() -> list:
    pairs = [("PRK", "RUS"), ("RUS", "PRK"), ("USA", "PRK"), ("CHN", "USA"), ("USA", "RUS")]
    codes = ["042", "036", "111", "057", "130", "190"]
    found, n = [], 0
    for week in range(30):
        day = START + timedelta(days=7 * week)
        for (source, target), code in zip(pairs, codes[week % 3 :]):
            found.append(report(n, source, target, code, day))
            n += 1
    found += [
        report(900, "PRK", None, "010", START),  # one country only
        report(901, "PRK", "RUS", "036", START, modality="hypothetical"),
        report(902, "PRK", "RUS", "057", date(2019, 3, 1), precision="month"),
        report(903, "USA", "CHN", "111", None),  # undated: counted on its publication
        report(904, "RUS", "RUS", "040", START),  # within one country
    ]
    return found


def second_ingest() -> list:
    """Other outlets repeating events of the first ingest, and new ones."""
    again = [
        report(1000 + week, "PRK", "RUS", "042", START + timedelta(days=7 * week), outlet="Other")
        for week in (0, 3, 6)
    ]
    new = [report(1100 + w, "CHN", "RUS", "061", START + timedelta(days=5 * w)) for w in range(8)]
    return again + new


def assert_exact(store: Store) -> None:
    """tie_events holds exactly the rows the view gives (as many of each), and tie_months
    their sums (up to the last bits of floating-point sums, which depend on their order)."""
    with store.transaction() as con:
        view = f"({tie_events.sides_sql()})"
        for left, right in ((view, "tie_events"), ("tie_events", view)):
            (extra,) = con.execute(
                f"SELECT count(*) FROM (SELECT * FROM {left} EXCEPT ALL SELECT * FROM {right})"
            ).fetchone()
            assert extra == 0
        order = f"ORDER BY {MONTH_KEY}"
        kept = con.execute(f"SELECT * FROM tie_months {order}").df()
        summed = con.execute(f"SELECT * FROM ({tie_events.months_sql()}) {order}").df()
    pd.testing.assert_frame_equal(kept, summed, check_exact=False, rtol=1e-12)
    assert store.scalar("SELECT count(*) FROM tie_events") > 0
    assert store.scalar("SELECT count(*) FROM tie_months") > 0


SERIES_OPTIONS = [
    {},
    {"directed": True},
    {"include_all_modalities": True},
    {"finer_only": True},
    {"since": date(2019, 2, 13), "until": date(2019, 6, 2)},
]


def assert_ties_agree(store: Store, dataset: str = "detente") -> None:
    """Series, partners, partner windows and evidence: from the table as from the view."""
    pairs = [("PRK", "RUS"), ("RUS", "PRK"), ("USA", "CHN"), ("PRK", "USA"), ("CHN", "RUS")]
    for (a, b), freq, options in product(pairs, ("day", "week", "month", "year"), SERIES_OPTIONS):
        fast = dyad_series(store, a, b, freq, dataset=dataset, **options)
        slow = dyad_series(store, a, b, freq, dataset=dataset, source=REVIEWED, **options)
        pd.testing.assert_frame_equal(fast, slow, check_exact=False, rtol=1e-12)
    windows = [  # whole months, and months cut in two (counted by their events, not sums)
        (date(2019, 1, 1), date(2019, 3, 31)),
        (date(2019, 2, 13), date(2019, 6, 2)),
        (date(2019, 3, 1), date(2019, 12, 31)),
    ]
    for country in ("PRK", "RUS", "USA", "CHN", "JPN"):
        for options in (
            {},
            {"since": date(2019, 3, 15)},
            {"until": date(2019, 5, 1)},
            {"include_all_modalities": True},
        ):
            assert_same(partners, store, country, dataset=dataset, **options)
        pd.testing.assert_frame_equal(
            partner_windows(store, country, windows, dataset=dataset),
            partner_windows(store, country, windows, dataset=dataset, source=REVIEWED),
            check_exact=False,
            rtol=1e-12,
        )
        for partner in (None, "RUS"):
            pd.testing.assert_frame_equal(
                top_events(store, country, partner, limit=4, dataset=dataset),
                top_events(store, country, partner, limit=4, dataset=dataset, source=REVIEWED),
            )


def assert_same(read, *args, **kwargs) -> None:
    """``read`` gives the same frame from the table as from the view (up to the last bits of
    floating-point sums), or the same refusal."""
    try:
        expected = read(*args, source=REVIEWED, **kwargs)
    except QueryError as exc:
        with pytest.raises(QueryError, match=re.escape(str(exc))):
            read(*args, **kwargs)
        return
    found = read(*args, **kwargs)
    pd.testing.assert_frame_equal(found, expected, check_exact=False, rtol=1e-12)


@pytest.fixture(scope="module")
def story(tmp_path_factory):
    """The store after each step of the story, step by step."""
    folder = tmp_path_factory.mktemp("tie_events")
    store = Store(folder / "story.duckdb")
    yield store, folder
    store.close()


def test_ingests_and_merges_keep_the_table_exact(story):
    store, _ = story
    write_batch(store, first_ingest(), "test")
    merge_new_events(store)
    assert_exact(store)
    assert_ties_agree(store)
    before = store.scalar("SELECT count(*) FROM merged_events")
    write_batch(store, second_ingest(), "test")
    result = merge_new_events(store)
    assert result.updated_merged == 3  # the repeated visits joined their merged events
    assert store.scalar("SELECT count(*) FROM merged_events") == before + 8
    assert_exact(store)
    assert_ties_agree(store)


def test_reviews_move_events_in_and_out_of_the_counts(story):
    store, _ = story
    ids = [
        r["id"]
        for r in store.query(
            "SELECT id FROM merged_events WHERE pair_key = 'PRK|RUS' AND modality = 'asserted' "
            "AND date_precision = 'day' ORDER BY series_date, id LIMIT 4"
        )
    ]
    review_event(store, ids[0], "confirm", "rita")
    review_event(store, ids[1], "reject", "rita")
    review_event(store, ids[2], "correct", "rita", Correction(target="USA", code="111"))
    review_event(store, ids[3], "correct", "rita", Correction(date_start=date(2019, 11, 20)))
    review_event(store, ids[3], "correct", "rita", Correction(modality="hypothetical"))
    review_event(store, ids[3], "confirm", "rita")
    counted = {r["id"] for r in store.query("SELECT id FROM tie_events WHERE country = 'PRK'")}
    assert ids[1] not in counted  # rejected: not counted
    moved = store.query("SELECT partner, code FROM tie_events WHERE id = ? ORDER BY 1", [ids[2]])
    assert moved == [{"partner": "PRK", "code": "111"}, {"partner": "USA", "code": "111"}]
    assert_exact(store)
    assert_ties_agree(store)


def test_recoding_dissolves_and_merges_again_without_leaving_stale_rows(story):
    store, _ = story
    old = first_ingest()[0]
    recoded = coded(
        old.article.text,
        replace(old.events[0], code="190", root="19", quad_class=4, goldstein=-10.0),
        source=old.article.source,
        published=old.article.published,
    )
    summary = RecodeSummary()
    replace_coding(store, [recoded], "test-2", summary)
    assert summary.merged_dissolved == 1
    assert_exact(store)  # the dissolved merged event's rows are gone
    merge_new_events(store)
    assert_exact(store)
    assert_ties_agree(store)


def test_imported_datasets_keep_their_rows_apart_and_exact(story):
    store, folder = story
    first = [
        gdelt_event(1, 20190410, "RUS", "PRK", "042", 1.9, 1),
        gdelt_event(2, 20190410, "PRK", "RUS", "043", 2.8, 1),
        gdelt_event(3, 20190515, "RUS", "PRK", "057", 8.0, 1),
        gdelt_event(4, 20190520, "USA", "PRK", "111", -2.0, 3),
    ]
    import_files(store, "gdelt", [write_lines(folder / "1.export.CSV", first)])
    assert_exact(store)
    later = [
        gdelt_event(5, 20190410, "RUS", "PRK", "042", 1.9, 1),  # joins the visit of 10 April
        gdelt_event(6, 20190601, "CHN", "USA", "036", 4.0, 1),
    ]
    import_files(store, "gdelt", [write_lines(folder / "2.export.CSV", later)])
    visit = store.query(
        "SELECT report_count FROM tie_events WHERE dataset = 'gdelt' AND country = 'PRK' "
        "AND series_date = DATE '2019-04-10'"
    )
    assert visit == [{"report_count": 3}]
    assert_exact(store)
    assert_ties_agree(store, dataset="gdelt")
    assert_ties_agree(store)


def test_rows_written_since_the_last_ordering_are_put_in_order(story, monkeypatch):
    store, _ = story
    monkeypatch.setattr(tie_events, "MIN_UNORDERED", 0)
    write_batch(store, [report(2000, "JPN", "CHN", "042", date(2019, 8, 1))], "test")
    merge_new_events(store)
    assert store.scalar("SELECT value FROM detente_meta WHERE key = 'tie_events_unordered'") == "0"
    order = [tuple(r.values()) for r in store.query(f"SELECT {tie_events.ORDER} FROM tie_events")]
    assert order == sorted(order, key=lambda r: tuple((v is None, v) for v in r))
    assert_exact(store)


def test_migration_8_builds_the_table_of_an_existing_store(tmp_path):
    built = tmp_path / "built.duckdb"
    with Store(built) as store:
        write_batch(store, first_ingest(), "test")
        merge_new_events(store)
        ids = [r["id"] for r in store.query("SELECT id FROM merged_events ORDER BY id LIMIT 2")]
        review_event(store, ids[0], "reject", "rita")
        review_event(store, ids[1], "correct", "rita", Correction(target="CHN"))
        expected = store.query(f"SELECT * FROM tie_events ORDER BY {tie_events.ORDER}, id")
        months = store.query_df(f"SELECT * FROM tie_months ORDER BY {MONTH_KEY}")
    with duckdb.connect(str(built)) as con:  # the same store as version 7 left it
        con.execute("DROP TABLE tie_events")
        con.execute("DROP TABLE tie_months")
        con.execute("DELETE FROM schema_migrations WHERE version >= 8")
        con.execute("DELETE FROM detente_meta WHERE key = 'tie_events_unordered'")
    assert MIGRATIONS[7].version == 8
    with Store(built) as store:
        assert store.schema_version == 8
        found = store.query(f"SELECT * FROM tie_events ORDER BY {tie_events.ORDER}, id")
        assert found == expected
        pd.testing.assert_frame_equal(
            store.query_df(f"SELECT * FROM tie_months ORDER BY {MONTH_KEY}"), months
        )
        assert_exact(store)


WRITES = re.compile(
    r"(INSERT INTO|INSERT OR \w+ INTO|DELETE FROM|UPDATE)\s+(merged_events|event_reviews)\b"
    r"|_insert\(\s*con,\s*\"merged_events\""
)


def test_every_module_writing_merged_events_or_reviews_refreshes_the_table():
    package = Path(detente.__file__).parent
    writers = [p for p in package.rglob("*.py") if WRITES.search(p.read_text())]
    assert {p.name for p in writers} >= {"merge.py", "merging.py", "recode.py", "review.py"}
    for path in writers:
        if path.name != "migrations.py":  # migration 8 builds the table after the others
            assert "tie_events.refresh(" in path.read_text(), path
