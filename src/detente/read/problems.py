"""Why an input (or part of it) could not be read: raised inside readers, yielded as Skipped."""

from __future__ import annotations

from ..errors import InputError


class Unreadable(InputError):
    """This input or record gives no article; ``message`` is the one-line reason."""


class TooLarge(Unreadable):
    """A document is bigger than ``ReadOptions.max_bytes``."""


class Truncated(InputError):
    """Compressed or archived data ends early; what was read before it is kept."""


class DecompressionBomb(InputError):
    """Compressed data expands far beyond the size limit."""


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
