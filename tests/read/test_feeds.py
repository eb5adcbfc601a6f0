from __future__ import annotations

from datetime import date

from detente.model import Skipped
from detente.read import read_bytes, read_inputs


def test_rss_items_become_articles_with_their_html_stripped(fixtures):
    path = fixtures / "world.rss"

    items = list(read_inputs([path]))

    assert [(a.title, a.url, a.published, a.source, a.origin) for a in items] == [
        (
            "Brazil and Argentina sign trade pact",
            "https://harbourcourier.example/world/brazil-argentina",
            date(2024, 3, 4),
            "Harbour Courier — World",
            f"{path}#1",
        ),
        (
            "UN envoy visits Yemen",
            "https://harbourcourier.example/world/un-yemen",
            date(2024, 3, 5),
            "Harbour Courier — World",
            f"{path}#2",
        ),
    ]
    assert items[0].text == (
        "BRASILIA — Brazil and Argentina signed a trade pact on Monday, ending months of tension "
        "over tariffs.\nThe two presidents met in Brasilia."
    )
    assert (
        items[1].text
        == "The UN special envoy arrived in Aden on Tuesday for talks with the government."
    )


def test_atom_entries_become_articles(fixtures):
    [article] = list(read_inputs([fixtures / "world.atom"]))

    assert (article.title, article.url, article.published, article.source) == (
        "Germany pledges aid to Ukraine",
        "https://wire.example/de-ua-aid",
        date(2024, 3, 6),
        "Example Wire",
    )
    assert (
        article.text == "BERLIN — Germany pledged new military aid to Ukraine on Wednesday, "
        "the defence ministry said."
    )


def test_an_xml_feed_is_recognised_by_its_root_element(fixtures):
    data = (fixtures / "world.atom").read_bytes()

    assert [a.title for a in read_bytes(data, "export.xml")] == ["Germany pledges aid to Ukraine"]


def test_a_feed_that_declares_entities_is_refused():
    bomb = (
        b'<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY lol "lol">'
        b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>\n'
        b"<rss><channel><title>&lol2;</title><item><title>x</title>"
        b"<description>&lol2;</description></item></channel></rss>"
    )

    assert list(read_bytes(bomb, "laughs.rss")) == [
        Skipped("laughs.rss", "XML declares entities; refused, because expanding them is unsafe"),
    ]


def test_xml_that_is_not_a_feed_is_unsupported():
    data = b'<?xml version="1.0"?><catalog><book id="1"><title>Diplomacy</title></book></catalog>'

    assert list(read_bytes(data, "books.xml")) == [
        Skipped(
            "books.xml", "XML file that is not an RSS or Atom feed; detente reads only feeds as XML"
        ),
    ]
