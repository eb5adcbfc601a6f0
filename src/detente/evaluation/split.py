"""A fixed split of every gold set into *tune* (two thirds) and *check* (one third).

Rules are read and written against ``tune`` only; ``check`` says whether they carry over
to sentences nobody looked at. The split depends on a document's text alone (not its
line, id or the file's order), so the same sentence lands on the same side in every file
and every run: SHA-256 of the whitespace-normalised text, first 8 bytes, modulo 3; a
remainder of 0 is ``check``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from typing import Literal

from ..errors import QueryError
from .gold import GoldDocument

Split = Literal["tune", "check"]
SPLITS: tuple[str, ...] = ("tune", "check")


def split_of(text: str) -> Split:
    """The side of the split a document with this text belongs to."""
    normalised = " ".join(text.split())
    digest = hashlib.sha256(normalised.encode("utf-8")).digest()
    return "check" if int.from_bytes(digest[:8], "big") % 3 == 0 else "tune"


def select_split(documents: Iterable[GoldDocument], split: str | None) -> list[GoldDocument]:
    """The documents of one side (``tune`` or ``check``), or all of them for ``None``."""
    if split is None:
        return list(documents)
    if split not in SPLITS:
        raise QueryError(f"unknown split {split!r}: use 'tune' or 'check'")
    return [doc for doc in documents if split_of(doc.text) == split]
