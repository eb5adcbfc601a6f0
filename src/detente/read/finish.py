"""The last step of every reader: clean the fields, judge the language, build the Article."""

from __future__ import annotations

import logging
from datetime import date
from functools import cache

import pycountry

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
    language = pycountry.languages.get(alpha_2=code)
    return language.name if language else code


@cache
def _identifier():  # type: ignore[no-untyped-def]
    # py3langid: small, offline, fast, with normalised probabilities to gate on.
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
