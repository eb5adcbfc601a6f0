"""The last step of every reader: clean the fields, judge the language, build the Article."""

from __future__ import annotations

import logging
from datetime import date
from functools import cache
from typing import Any

from ..model import Article, Skipped
from .decode import clean_text
from .options import ReadOptions

log = logging.getLogger(__name__)

MIN_CHARS_FOR_LANGUAGE = 60
"""Shorter texts are not judged: language identification is unreliable on them."""
_LANGUAGE_SAMPLE = 1500
_MIN_CONFIDENCE = 0.9
"""A text is refused only when the identifier is this sure it is another language."""


def make_article(
    text: str,
    options: ReadOptions,
    origin: str,
    *,
    title: str | None = None,
    url: str | None = None,
    source: str | None = None,
    published: date | None = None,
    record_id: str | None = None,
) -> Article | Skipped:
    """An Article from what a reader found, or Skipped with the reason it is not one."""
    text = clean_text(text).strip()
    if not text:
        return Skipped(origin, "no article text: the text is empty")
    if len(text) < options.min_chars:
        return Skipped(
            origin,
            f"text has {len(text)} characters, fewer than the minimum of {options.min_chars}",
        )
    language, refusal = judge_language(text, options.languages)
    if refusal:
        return Skipped(origin, refusal)
    article = Article(
        text=text,
        title=_field(title),
        url=_field(url),
        source=_field(source),
        published=published,
        language=language,
        origin=origin,
        record_id=_field(record_id),
    )
    return article.with_overrides(published=options.published, source=options.source)


def _field(value: str | None) -> str | None:
    if value is None:
        return None
    value = " ".join(clean_text(value).split())
    return value or None


def judge_language(text: str, accepted: tuple[str, ...]) -> tuple[str | None, str | None]:
    """(detected language code or None when not judged, reason to refuse or None)."""
    if len(text) < MIN_CHARS_FOR_LANGUAGE:
        return None, None
    code, confidence = _identifier().classify(text[:_LANGUAGE_SAMPLE])
    if not accepted or code in accepted or confidence < _MIN_CONFIDENCE:
        return code, None
    wanted = " or ".join(language_name(c) for c in accepted)
    return code, f"not {wanted} (detected: {language_name(code)}, {code})"


def language_name(code: str) -> str:
    import pycountry  # only to name a refused language: not at every start

    language = pycountry.languages.get(alpha_2=code)
    return language.name if language else code


@cache
def _identifier():  # type: ignore[no-untyped-def]
    # py3langid: small, offline, fast, with normalised probabilities to gate on. Its model
    # ships LZMA-compressed (over a second to open): detente's cache keeps it unpacked.
    from py3langid.langid import LanguageIdentifier

    from ..cache import load_or_build

    ptc, pc, classes, nextmove, row, output = load_or_build(
        "langid", _language_model, libraries=("py3langid",)
    )
    # memoryviews of the integer tables index like py3langid's own arrays, to Python ints
    return LanguageIdentifier(
        ptc,
        pc,
        classes,
        _ints(nextmove),
        output.tolist(),
        norm_probs=True,
        tk_row=_ints(row),
    )


def _ints(table: Any) -> memoryview:
    """A numpy array of unsigned integers as a flat memoryview of their C type."""
    return memoryview(table).cast("B").cast(table.dtype.char)


def _language_model() -> tuple[Any, ...]:
    """py3langid's model as ``LanguageIdentifier.from_model_file`` reads it, its tables of
    integers as numpy arrays: the cache stores those as raw bytes and loads them uncopied."""
    import numpy as np
    from py3langid.langid import MODEL_DIR, MODEL_FILE
    from py3langid.modelio import load_model

    ptc, pc, classes, nextmove, row, output = load_model(MODEL_DIR / MODEL_FILE)
    return (
        ptc,
        pc,
        classes,
        np.asarray(memoryview(nextmove)),
        np.asarray(memoryview(row)),
        np.asarray(output, dtype=np.int64),
    )
