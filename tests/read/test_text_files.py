from __future__ import annotations

from datetime import date

from detente.model import Article
from detente.read import read_bytes, read_inputs


def test_a_header_block_gives_the_metadata_and_the_rest_is_the_text(fixtures):
    [article] = list(read_inputs([fixtures / "seoul_tokyo.txt"]))

    assert article == Article(
        text=(
            "SEOUL — South Korea and Japan agreed on Tuesday to resume regular security talks "
            "that were suspended five years ago.\n\n"
            "North Korea condemned the agreement on Wednesday."
        ),
        title="Seoul and Tokyo agree to resume security talks",
        url="https://wire.example/seoul-tokyo",
        source="Example Wire",
        published=date(2024, 3, 5),
        language="en",
        origin=str(fixtures / "seoul_tokyo.txt"),
    )


def test_a_first_line_that_merely_contains_a_colon_is_text_not_a_header():
    text = b"Warning: the ceasefire in Gaza is fragile, officials said.\n\nTalks resume Monday."

    [article] = list(read_bytes(text, "note.txt"))

    assert article.title is None
    assert article.text.startswith("Warning: the ceasefire")


def test_windows_line_ends_and_a_bom_are_normalised():
    text = "\ufeffTitle: Talks\r\nDate: 5 March 2024\r\n\r\nIndia and Pakistan held talks.\r\n"

    [article] = list(read_bytes(text.encode("utf-8"), "wire.txt"))

    assert (article.title, article.published) == ("Talks", date(2024, 3, 5))
    assert article.text == "India and Pakistan held talks."


def test_invalid_utf8_bytes_are_replaced_not_the_file_dropped():
    data = "Le Drian met Blinken in Washington — a “frank” meeting.".encode() + b"\xff\xfe bad"

    [article] = list(read_bytes(data, "wire.txt"))

    assert article.text.startswith("Le Drian met Blinken in Washington — a “frank” meeting.")
    assert "\ufffd" in article.text


def test_latin1_text_is_decoded_by_detection():
    data = "The talks in Genève and Montréal were très productive, the café owner said.".encode(
        "latin-1"
    )

    [item] = list(read_bytes(data, "wire.txt"))

    assert (
        item.text == "The talks in Genève and Montréal were très productive, the café owner said."
    )


def test_nul_and_control_characters_are_removed():
    data = b"Chile and Peru\x00 signed\x07 a border accord on Friday."

    [article] = list(read_bytes(data, "wire.txt"))

    assert article.text == "Chile and Peru signed a border accord on Friday."
