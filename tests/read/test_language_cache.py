"""The language identifier loaded from detente's cache judges texts exactly as py3langid's
own model file does."""

from __future__ import annotations

import pytest

from detente.cache import ENV_VAR
from detente.read import finish

TEXTS = [
    "The foreign ministers of both countries met in Geneva on Tuesday to discuss the talks.",
    "Die Außenminister beider Länder trafen sich am Dienstag in Genf zu Gesprächen.",
    "Les ministres des affaires étrangères se sont rencontrés mardi à Genève.",
    "Министры иностранных дел двух стран встретились во вторник в Женеве.",
    "两国外交部长周二在日内瓦会晤。",
    "1234 5678 !!! ???",
]


@pytest.mark.slow
def test_the_cached_language_model_judges_as_the_packaged_one(tmp_path, monkeypatch):
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    monkeypatch.setenv(ENV_VAR, str(tmp_path))
    packaged = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    built = finish._identifier.__wrapped__()  # builds and writes
    loaded = finish._identifier.__wrapped__()  # reads
    assert (tmp_path / "langid.cache").is_file()
    for text in TEXTS:
        assert loaded.classify(text) == built.classify(text) == packaged.classify(text)
