"""Why an input (or part of it) could not be read: raised inside readers, yielded as Skipped."""

from __future__ import annotations

from ..errors import DecompressionBomb, TooLarge, Truncated, Unreadable

__all__ = ["DecompressionBomb", "TooLarge", "Truncated", "Unreadable", "megabytes", "shorten"]


def megabytes(size: int) -> str:
    """A size as users read it: ``25.3 MB``, ``20 MB``, ``812 KB``."""
    if size >= 1_000_000:
        return f"{size / 1_000_000:.1f}".removesuffix(".0") + " MB"
    if size >= 1_000:
        return f"{size / 1_000:.1f}".removesuffix(".0") + " KB"
    return f"{size} bytes"


def shorten(text: str, limit: int) -> str:
    """``text`` on one line, cut to ``limit`` characters with an ellipsis."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"
