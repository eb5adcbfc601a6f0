"""Command-line paths → the data files to import: files, folders and globs; ``.gz`` read as it
is (DuckDB's reader unpacks it), each member of a ``.zip`` unpacked to a temporary file
(streamed, so memory stays flat) that is removed once it is imported.
"""

from __future__ import annotations

import glob
import gzip
import itertools
import logging
import os
import shutil
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ..errors import DatasetFileError

log = logging.getLogger(__name__)

DATA_SUFFIXES = (".csv", ".tab", ".tsv", ".txt")
"""What a data file's name ends with, before any ``.gz`` or ``.zip``."""
_GLOB_CHARS = frozenset("*?[")


@dataclass(frozen=True)
class DataFile:
    """One file of records: ``path`` on disk (plain or ``.gz``), ``name`` as reported to the
    user (``archive.zip!member.csv`` for a member of a zip); ``unpacked`` when ``path`` is a
    temporary copy unpacked from a zip."""

    path: Path
    name: str
    unpacked: bool = False


def expand_data_paths(paths: Sequence[str | Path]) -> list[Path]:
    """The files that ``paths`` name, in order, each once; a clear error for a path naming none."""
    found: list[Path] = []
    for given in paths:
        text = os.path.expanduser(str(given))
        if os.path.isdir(text):
            matches = _walk(Path(text))
        elif os.path.exists(text):
            matches = [Path(text)]
        elif _GLOB_CHARS & set(text):
            matches = [
                Path(m) for m in sorted(glob.glob(text, recursive=True)) if os.path.isfile(m)
            ]
        else:
            raise DatasetFileError(f"{given}: no such file or directory; check the path.")
        if not matches:
            raise DatasetFileError(
                f"{given}: no data files here (looked for {', '.join(DATA_SUFFIXES)} files, "
                "plain, .gz or .zip)."
            )
        found += [m for m in matches if m not in found]
    return found


def is_data_file(name: str) -> bool:
    lower = name.lower().removesuffix(".gz").removesuffix(".zip")
    return lower.endswith(DATA_SUFFIXES)


def _walk(directory: Path) -> list[Path]:
    files = []
    for root, folders, names in os.walk(directory):
        folders[:] = sorted(f for f in folders if not f.startswith("."))
        files += [Path(root, n) for n in sorted(names) if not n.startswith(".") and is_data_file(n)]
    return files


def unpack(path: Path, folder: Path) -> list[DataFile]:
    """The data files in ``path``: itself, or each member of a zip unpacked into ``folder``."""
    if path.suffix.lower() != ".zip":
        return [DataFile(path, str(path))]
    members = []
    try:
        with zipfile.ZipFile(path) as archive:
            for info in archive.infolist():
                if info.is_dir() or not is_data_file(Path(info.filename).name):
                    continue
                target = Path(folder, f"{next(_UNPACKED)}-{Path(info.filename).name}")
                with archive.open(info) as source, target.open("wb") as out:
                    shutil.copyfileobj(source, out, 1 << 20)
                members.append(DataFile(target, f"{path}!{info.filename}", unpacked=True))
    except (zipfile.BadZipFile, EOFError, OSError) as exc:
        raise DatasetFileError(
            f"{path}: cannot unpack this zip archive ({exc}); download it again."
        ) from exc
    if not members:
        raise DatasetFileError(
            f"{path}: the zip archive holds no data files ({', '.join(DATA_SUFFIXES)})."
        )
    return members


_UNPACKED = itertools.count()


def first_line(file: DataFile) -> str:
    """The file's first line (decompressed), without its line break; '' for an empty file."""
    try:
        opener = gzip.open if file.path.suffix.lower() == ".gz" else open
        with opener(file.path, "rt", encoding="utf-8", errors="replace") as handle:
            return handle.readline().rstrip("\r\n")
    except (OSError, EOFError) as exc:
        raise DatasetFileError(f"{file.name}: cannot read the file ({exc}).") from exc
