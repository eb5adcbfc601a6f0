"""The public surface: what users import is listed, importable, and nothing more."""

import detente


def test_every_public_name_is_importable():
    for name in detente.__all__:
        assert getattr(detente, name) is not None, name


def test_the_public_names_are_exactly_these():
    assert sorted(detente.__all__) == sorted(
        [
            "Actor",
            "Article",
            "CodedArticle",
            "DetenteError",
            "Event",
            "EventDate",
            "EventFilter",
            "IngestSummary",
            "Location",
            "Pipeline",
            "ReadOptions",
            "Store",
            "__version__",
            "code_articles",
            "code_text",
            "events",
            "ingest",
            "read_inputs",
            "stats",
        ]
    )


def test_unknown_names_raise_attribute_error():
    import pytest

    with pytest.raises(AttributeError):
        detente.no_such_thing  # noqa: B018
