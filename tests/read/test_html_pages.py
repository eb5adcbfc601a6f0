from __future__ import annotations

from datetime import date

from detente.model import Article
from detente.read import ReadOptions, read_bytes, read_inputs


def test_a_saved_news_page_gives_its_story_and_metadata(fixtures):
    [article] = list(read_inputs([fixtures / "news_page.html"]))

    assert article.title == "Seoul and Tokyo agree to resume security talks"
    assert article.published == date(2024, 3, 5)
    assert article.source == "Harbour Courier"
    assert article.url == "https://harbourcourier.example/world/2024/03/05/seoul-tokyo-talks"
    assert article.language == "en"
    assert article.origin == str(fixtures / "news_page.html")
    assert article.text.startswith("SEOUL — South Korea and Japan agreed on Tuesday")
    assert article.text.count("\n") == 4  # five paragraphs, kept apart; the headline is the title
    assert article.text.rstrip().endswith("lifted only last year.")


def test_page_chrome_does_not_reach_the_article_text(fixtures):
    [article] = list(read_inputs([fixtures / "news_page.html"]))

    for chrome in (
        "Politics",
        "Log in",
        "Subscribe",
        "Print",
        "Share on",
        "Email this story",
        "Dictionary",
        "Text size",
        "free articles",
        "Sign in",
        "Comments (42)",
        "truthseeker88",
        "great news for everyone",
        "Post comment",
        "morning briefing",
        "Privacy policy",
        "All rights reserved",
        "Related stories",
        "record defence budget",
    ):
        assert chrome not in article.text, chrome


def test_source_and_published_options_override_the_page(fixtures):
    options = ReadOptions(source="Wire Copy", published=date(2024, 3, 6))

    [article] = list(read_inputs([fixtures / "news_page.html"], options))

    assert (article.source, article.published) == ("Wire Copy", date(2024, 3, 6))


def test_a_page_in_a_legacy_charset_is_decoded_by_its_meta_declaration():
    html = (
        "<html><head><meta charset='windows-1252'><title>Caf\u00e9 talks</title></head><body>"
        "<article><p>Officials met at a caf\u00e9 in Montr\u00e9al on Monday to discuss the "
        "fisheries dispute between Canada and France, the ministry said in a statement.</p>"
        "<p>Both delegations described the talks as \u201cconstructive\u201d and agreed to "
        "meet again in Paris next month to settle the remaining questions.</p></article>"
        "</body></html>"
    ).encode("cp1252")

    [article] = [a for a in read_bytes(html, "page.html") if isinstance(a, Article)]

    assert "caf\u00e9 in Montr\u00e9al" in article.text
    assert "\u201cconstructive\u201d" in article.text


def test_a_page_with_only_navigation_is_skipped_with_the_reason():
    html = b"<html><body><nav><a href='/'>Home</a> <a href='/world'>World</a></nav></body></html>"

    [skip] = list(read_bytes(html, "menu.html"))

    assert skip.reason == "no article text found in the HTML (only navigation or boilerplate)"
