"""Every kind of bad input becomes a Skipped with a one-line reason, and reading goes on."""

from __future__ import annotations

from detente.model import Article, Skipped
from detente.read import ReadOptions, read_bytes, read_inputs

ENGLISH = b"Title: Talks\n\nArmenia and Azerbaijan resumed peace talks in Washington on Monday.\n"


def test_an_empty_file_is_skipped_and_the_next_file_still_read(tmp_path):
    (tmp_path / "a_empty.txt").write_bytes(b"")
    (tmp_path / "b_story.txt").write_bytes(ENGLISH)

    items = list(read_inputs([tmp_path]))

    assert items[0] == Skipped(str(tmp_path / "a_empty.txt"), "empty file")
    assert isinstance(items[1], Article)


def test_a_file_over_the_size_limit_says_how_big_and_how_to_raise_it(tmp_path):
    path = tmp_path / "huge.txt"
    path.write_bytes(b"Talks. " * 3_614_286)  # 25.3 MB

    assert list(read_inputs([path])) == [
        Skipped(str(path), "file is 25.3 MB, over the 20 MB limit; raise it with --max-size"),
    ]


def test_binary_files_are_refused_with_what_they_seem_to_be():
    assert list(read_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "report.txt")) == [
        Skipped("report.txt", "binary file: a PDF document; convert it to text or HTML first"),
    ]
    assert list(read_bytes(bytes(range(256)) * 4, "blob.txt")) == [
        Skipped("blob.txt", "binary file (not text): it holds many control bytes"),
    ]


def test_a_non_english_article_names_the_language_detected():
    text = (
        "Le président de la République a reçu mardi à l'Élysée le chancelier allemand pour "
        "évoquer la guerre en Ukraine et l'avenir de la défense européenne."
    ).encode()

    assert list(read_bytes(text, "lemonde.txt")) == [
        Skipped("lemonde.txt", "not English (detected: French, fr)"),
    ]


def test_short_texts_are_not_judged_for_language():
    [article] = list(read_bytes(b"Merkel trifft Macron.", "short.txt"))

    assert (article.text, article.language) == ("Merkel trifft Macron.", None)


def test_other_languages_are_read_when_accepted():
    text = "El gobierno de España anunció el martes un nuevo acuerdo con Marruecos sobre migración."

    [article] = list(read_bytes(text.encode(), "elpais.txt", ReadOptions(languages=("en", "es"))))

    assert article.language == "es"


def test_a_path_that_does_not_exist_is_named(tmp_path):
    missing = tmp_path / "nowhere.html"

    assert list(read_inputs([missing])) == [Skipped(str(missing), "no such file or directory")]


def test_a_directory_without_readable_files_says_so(tmp_path):
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0")
    (tmp_path / ".hidden.txt").write_bytes(ENGLISH)

    [skip] = list(read_inputs([tmp_path]))

    assert skip.origin == str(tmp_path)
    assert skip.reason.startswith("directory has no readable files")


def test_an_unsupported_file_type_lists_what_is_supported(tmp_path):
    path = tmp_path / "brief.docx"
    path.write_bytes(b"PK\x03\x04")

    [skip] = list(read_inputs([path]))

    assert skip.reason.startswith("unsupported file type '.docx'; detente reads .arc .atom .csv")


def test_text_shorter_than_the_minimum_is_skipped():
    options = ReadOptions(min_chars=200)

    assert list(read_bytes(ENGLISH, "brief.txt", options)) == [
        Skipped("brief.txt", "text has 67 characters, fewer than the minimum of 200"),
    ]


def test_a_gigantic_single_line_stops_the_file_with_its_line_number():
    data = b'{"text": "Fiji and Tonga signed a pact."}\n{"text": "' + b"a" * 3_000 + b'"}\n'

    items = list(read_bytes(data, "wide.jsonl", ReadOptions(max_bytes=1_000)))

    assert items[0].text == "Fiji and Tonga signed a pact."
    assert items[1] == Skipped(
        "wide.jsonl",
        "line 2 is longer than the 1 KB limit; stopped reading here (raise it with --max-size if "
        "the file is genuine); kept the 1 article read before it",
    )


def test_a_malformed_json_document_is_skipped_with_the_position():
    assert list(read_bytes(b'[{"text": "Laos"}, {"text": ]', "bad.json")) == [
        Skipped("bad.json", "malformed JSON: Expecting value (column 29)"),
    ]


def test_invalid_options_are_refused_with_a_coded_error():
    import pytest

    from detente.errors import InputError

    with pytest.raises(InputError, match="max_bytes must be positive"):
        ReadOptions(max_bytes=0)


def test_bytes_in_no_recognisable_encoding_are_skipped_with_the_reason():
    noise = bytes((151 * i + 7) % 128 + 128 for i in range(400))  # high bytes, no structure

    assert list(read_bytes(noise, "garbled.txt")) == [
        Skipped(
            "garbled.txt",
            "text in an unknown encoding: it is neither UTF-8 nor a recognised charset",
        ),
    ]


def test_utf16_text_without_a_bom_is_decoded():
    text = "Brazil said on Tuesday that it would not join the sanctions against Venezuela."

    [article] = list(read_bytes(text.encode("utf-16-le"), "wire.txt"))

    assert article.text == text


def test_in_memory_bytes_with_an_unknown_name_are_sniffed():
    page = b"<!DOCTYPE html><html><body><article><p>" + b"Bolivia and Chile agreed to talks. " * 4
    page += b"</p></article></body></html>"

    [article] = list(read_bytes(page, "upload.bin"))

    assert article.origin == "upload.bin"
    assert article.text.startswith("Bolivia and Chile agreed to talks.")


def test_a_gzip_holding_nothing_is_an_empty_file():
    import gzip

    assert list(read_bytes(gzip.compress(b""), "nothing.txt.gz")) == [
        Skipped("nothing.txt.gz", "empty file (after decompression)"),
    ]


def test_a_folder_of_mixed_inputs_reads_every_kind_and_reports_the_bad_ones(fixtures):
    items = list(read_inputs([fixtures]))

    kinds = {item.origin.rsplit(".", 1)[-1].split(":")[0].split("#")[0] for item in items}
    assert kinds == {"html", "txt", "csv", "jsonl", "atom", "rss"}
    assert sum(isinstance(item, Article) for item in items) == 9
    assert sum(isinstance(item, Skipped) for item in items) == 3
