"""Decoded text lines from a (possibly gzipped) stream, bounded per line."""

from __future__ import annotations

import io
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TextIO

from .decode import check_not_binary, sniff_encoding
from .problems import TooLarge, megabytes
from .sources import Source, open_payload

_SNIFF = 64 * 1024


@contextmanager
def open_text(source: Source, max_bytes: int) -> Iterator[TextIO]:
    """The source as text: encoding judged from its first 64 KB, bad bytes replaced."""
    with open_payload(source, max_bytes) as probe:
        sample = probe.read(_SNIFF)
    check_not_binary(sample)
    encoding = sniff_encoding(sample)
    with open_payload(source, max_bytes) as raw:
        # newline="" keeps "\r\n" inside quoted CSV fields intact
        yield io.TextIOWrapper(raw, encoding=encoding, errors="replace", newline="")


def bounded_lines(stream: TextIO, max_chars: int) -> Iterator[str]:
    """The stream's lines; a line longer than ``max_chars`` stops the file with TooLarge.

    Stopping (rather than skipping to the next newline) keeps a gigantic line or a
    decompression bomb from being read through to its end.
    """
    number = 0
    while line := stream.readline(max_chars + 1):
        number += 1
        if len(line) > max_chars:
            raise TooLarge(
                f"line {number} is longer than the {megabytes(max_chars)} limit; stopped reading "
                "here (raise it with --max-size if the file is genuine)"
            )
        yield line.replace("\x00", "")
