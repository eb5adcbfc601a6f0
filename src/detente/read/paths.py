"""Command-line paths → the files to read: files, directories (recursive) and globs."""

from __future__ import annotations

import glob
import logging
import os
from collections.abc import Iterator, Sequence
from pathlib import Path

from ..model import Skipped
from .detect import kind_from_name

log = logging.getLogger(__name__)

STDIN = "-"
_GLOB_CHARS = frozenset("*?[")


def expand_paths(paths: Sequence[str | Path]) -> Iterator[Path | str | Skipped]:
    """Each file to read (a Path), ``"-"`` for stdin, or Skipped for a path that gives none.

    A file named twice (by overlapping globs or folders) is read once.
    """
    seen: set[Path] = set()
    for item in _expand_each(paths):
        if isinstance(item, Path):
            key = item.resolve() if item.exists() else item
            if key in seen:
                continue
            seen.add(key)
        yield item


def _expand_each(paths: Sequence[str | Path]) -> Iterator[Path | str | Skipped]:
    for given in paths:
        text = str(given)
        if text == STDIN:
            yield STDIN
        elif os.path.lexists(text):
            yield from _expand_existing(Path(text))
        elif _GLOB_CHARS & set(text):
            yield from _expand_glob(text)
        else:
            yield Skipped(text, "no such file or directory")


def _expand_glob(pattern: str) -> Iterator[Path | Skipped]:
    matches = sorted(glob.iglob(os.path.expanduser(pattern), recursive=True))
    if not matches:
        yield Skipped(pattern, "no files match this pattern")
    for match in matches:
        yield from _expand_existing(Path(match))


def _expand_existing(path: Path) -> Iterator[Path | Skipped]:
    if not path.is_dir():
        yield path
        return
    found = False
    for file in _walk(path):
        found = True
        yield file
    if not found:
        yield Skipped(
            str(path),
            "directory has no readable files (no .html, .txt, .jsonl, .csv, "
            ".warc, .rss, ... files in it or below it)",
        )


def _walk(directory: Path) -> Iterator[Path]:
    """Readable files below ``directory``, sorted, hidden files and folders left out."""
    for root, folders, files in os.walk(directory, onerror=_log_walk_error):
        folders[:] = sorted(f for f in folders if not f.startswith("."))
        for name in sorted(files):
            if name.startswith(".") or not kind_from_name(name):
                if not name.startswith("."):
                    log.debug("not read (unsupported type): %s", Path(root, name))
                continue
            yield Path(root, name)


def _log_walk_error(error: OSError) -> None:
    log.warning("cannot list %s: %s", error.filename, error.strerror)
