from __future__ import annotations

import json
from datetime import date

from detente.model import Article, Skipped
from detente.read import FieldNames, ReadOptions, read_bytes, read_inputs


def test_json_lines_give_one_article_per_record_with_the_line_in_its_origin(fixtures):
    path = fixtures / "wire.jsonl"

    items = list(read_inputs([path]))

    assert items[0] == Article(
        text=(
            "MOSCOW — Russia and China signed a long-term gas supply agreement on Monday, "
            "the Kremlin said."
        ),
        title="Russia and China sign energy deal",
        url="https://wire.example/ru-cn-gas",
        source="Example Wire",
        published=date(2024, 2, 12),
        language="en",
        origin=f"{path}:1",
        record_id="w-101",
    )
    assert (items[1].record_id, items[1].published, items[1].origin) == (
        "w-102",
        date(2024, 2, 16),
        f"{path}:2",
    )
    assert items[2:] == [
        Skipped(f"{path}:4", "malformed JSON on line 4: Invalid control character at (column 96)"),
        Skipped(f"{path}:5", "record has no text field (tried: text, body, content)"),
    ]


def test_csv_rows_give_articles_and_a_malformed_row_names_its_line(fixtures):
    path = fixtures / "wire.csv"

    items = list(read_inputs([path]))

    assert [(a.record_id, a.title, a.source, a.published, a.origin) for a in items[:2]] == [
        ("c-1", "Iran and Iraq hold talks", "Gulf Daily", date(2024, 1, 21), f"{path}:2"),
        ("c-2", "Turkey criticises Sweden", "Gulf Daily", date(2024, 1, 25), f"{path}:3"),
    ]
    assert items[1].text.endswith("embassy,\nTurkish officials said.")  # quoted newline kept
    assert items[2] == Skipped(
        f"{path}:5", "malformed CSV row on line 5: 7 fields, the header has 6"
    )


def test_field_names_are_configurable():
    data = b'{"story": "Kenya and Uganda signed a rail deal.", "when": "2024-04-01", "key": 7}\n'
    fields = FieldNames(text=("story",), published=("when",), id=("key",))

    [article] = list(read_bytes(data, "feed.jsonl", ReadOptions(fields=fields)))

    assert (article.text, article.published, article.record_id) == (
        "Kenya and Uganda signed a rail deal.",
        date(2024, 4, 1),
        "7",
    )


def test_a_json_array_gives_one_article_per_element():
    data = json.dumps(
        [
            {"text": "Peru recalled its envoy from Mexico.", "date": "2023-02-25"},
            {"text": "Mexico expelled a Peruvian diplomat."},
        ]
    ).encode()

    items = list(read_bytes(data, "batch.json"))

    assert [(a.text, a.origin) for a in items] == [
        ("Peru recalled its envoy from Mexico.", "batch.json#1"),
        ("Mexico expelled a Peruvian diplomat.", "batch.json#2"),
    ]


def test_a_single_json_object_is_one_article():
    data = b'{\n  "title": "Talks",\n  "content": "Serbia and Kosovo resumed talks in Brussels."\n}'

    [article] = list(read_bytes(data, "one.json"))

    assert (article.title, article.text) == (
        "Talks",
        "Serbia and Kosovo resumed talks in Brussels.",
    )


def test_a_json_file_holding_json_lines_is_read_as_lines():
    data = b'{"text": "Chad closed its border."}\n{"text": "Niger reopened its airspace."}\n'

    items = list(read_bytes(data, "lines.json"))

    assert [(a.text, a.origin) for a in items] == [
        ("Chad closed its border.", "lines.json:1"),
        ("Niger reopened its airspace.", "lines.json:2"),
    ]


def test_records_that_are_not_objects_or_have_unusable_text_are_skipped_with_reasons():
    data = (
        b'[1, 2]\n{"text": ["a", "list"]}\n{"text": "   "}\n'
        b'{"body": "Oman hosted talks.", "text": null}\n'
    )

    items = list(read_bytes(data, "odd.jsonl"))

    assert items == [
        Skipped("odd.jsonl:1", "record is a JSON array, not an object"),
        Skipped("odd.jsonl:2", "record's text field 'text' is a JSON array, not a string"),
        Skipped("odd.jsonl:3", "record's text field 'text' is empty"),
        Article(text="Oman hosted talks.", origin="odd.jsonl:4"),
    ]


def test_deep_nesting_and_huge_numbers_are_malformed_records_not_crashes():
    deep = b'{"text": "x", "n": ' + b"[" * 100_000 + b"]" * 100_000 + b"}\n"
    huge = b'{"text": "x", "n": ' + b"9" * 5000 + b"}\n"
    fine = b'{"text": "Qatar mediated between Israel and Hamas."}\n'

    items = list(read_bytes(deep + huge + fine, "hostile.jsonl"))

    assert items[0] == Skipped("hostile.jsonl:1", "malformed JSON on line 1: nested too deeply")
    assert items[1].origin == "hostile.jsonl:2"
    assert items[1].reason.startswith("malformed JSON on line 2: Exceeds the limit")
    assert items[2].text == "Qatar mediated between Israel and Hamas."


def test_a_csv_without_a_text_column_is_skipped_once_naming_the_columns():
    data = b"id,headline\n1,Talks\n2,More talks\n"

    assert list(read_bytes(data, "x.csv")) == [
        Skipped(
            "x.csv",
            "CSV has no text column (tried: text, body, content; its columns: id, headline)",
        ),
    ]


def test_tab_separated_files_are_read_like_csv():
    data = b"id\ttext\tdate\nt-1\tLibya and Tunisia reopened their border.\t2024-05-02\n"

    [article] = list(read_bytes(data, "export.tsv"))

    assert (article.record_id, article.text, article.published, article.origin) == (
        "t-1",
        "Libya and Tunisia reopened their border.",
        date(2024, 5, 2),
        "export.tsv:2",
    )


def test_files_with_no_records_say_so():
    assert list(read_bytes(b"\n\n  \n", "blank.jsonl")) == [
        Skipped("blank.jsonl", "no records: the file holds only blank lines"),
    ]
    assert list(read_bytes(b"id,text\n", "header.csv")) == [
        Skipped("header.csv", "CSV has a header but no rows"),
    ]
