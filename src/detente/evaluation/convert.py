"""Converting the ConfliBERT CAMEO development sets into detente's gold format.

- ``confli_cameo_penta_train.tsv`` (sentence, tab, class 0-4) -> ``penta.jsonl`` with
  ``{"id", "text", "penta"}`` lines;
- ``confli_cameo_spans_train.txt`` (one ``token tag`` a line, a blank line between
  sentences) -> ``spans.jsonl`` with ``{"id", "text", "tokens", "tags"}`` lines, the
  text rebuilt by :func:`~detente.evaluation.spans.detokenise`.

The converted files hold others' sentences: write them outside the repository (or
to a temporary directory) and never commit them.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..errors import GoldFormatError
from .spans import detokenise

PENTA_SOURCE = "confli_cameo_penta_train.tsv"
SPANS_SOURCE = "confli_cameo_spans_train.txt"
_TAG = re.compile(r"^(O|[BI]-[STR])$")


def convert_penta_tsv(path: str | Path) -> Iterator[dict]:
    """Gold documents from a ``sentence<TAB>class`` file; ids are ``penta-<line>``."""
    for number, line in _lines(path):
        if not line.strip():
            continue
        text, sep, label = line.rpartition("\t")
        if not sep or not text.strip():
            raise GoldFormatError(f"{path}:{number}: expected a sentence, a tab and a class 0-4")
        if label.strip() not in {"0", "1", "2", "3", "4"}:
            raise GoldFormatError(f"{path}:{number}: class is {label!r}; expected 0, 1, 2, 3 or 4")
        yield {"id": f"penta-{number}", "text": text.strip(), "penta": int(label)}


def convert_spans_conll(path: str | Path) -> Iterator[dict]:
    """Gold documents from a ``token tag`` file; ids are ``spans-<first line>``."""
    tokens: list[str] = []
    tags: list[str] = []
    first = 0
    for number, line in _lines(path):
        if not line.strip():
            if tokens:
                yield _spans_document(first, tokens, tags)
            tokens, tags = [], []
            continue
        token, sep, tag = line.strip().rpartition(" ")
        if not sep or not token.strip() or not _TAG.match(tag):
            raise GoldFormatError(
                f"{path}:{number}: expected a token, a space and a tag (O, B-S, I-T, B-R, ...), "
                f"got {line!r}"
            )
        if not tokens:
            first = number
        tokens.append(token.strip())
        tags.append(tag)
    if tokens:
        yield _spans_document(first, tokens, tags)


def _spans_document(first: int, tokens: list[str], tags: list[str]) -> dict:
    text, _ = detokenise(tokens)
    return {"id": f"spans-{first}", "text": text, "tokens": tokens, "tags": tags}


def _lines(path: str | Path) -> Iterator[tuple[int, str]]:
    try:
        with open(path, encoding="utf-8") as handle:
            for number, line in enumerate(handle, start=1):
                yield number, line.rstrip("\r\n")
    except OSError as exc:
        raise GoldFormatError(f"cannot read {path}: {exc.strerror or exc}") from exc
    except UnicodeDecodeError as exc:
        raise GoldFormatError(f"{path}: not UTF-8 text ({exc.reason})") from exc


def write_jsonl(records: Iterable[dict], path: str | Path) -> int:
    """Write records as JSON lines; returns how many."""
    count = 0
    with open(path, "w", encoding="utf-8") as handle:
        for record in records:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
            count += 1
    return count


def convert_dev_gold(source_dir: str | Path, out_dir: str | Path) -> dict[str, Path]:
    """Convert both development sets found in ``source_dir`` into ``out_dir``.

    Returns ``{"penta": path, "spans": path}``; raises ``GoldFormatError`` naming
    the missing file when ``source_dir`` lacks one.
    """
    source_dir, out_dir = Path(source_dir), Path(out_dir)
    jobs = {
        "penta": (source_dir / PENTA_SOURCE, convert_penta_tsv),
        "spans": (source_dir / SPANS_SOURCE, convert_spans_conll),
    }
    for name, (source, _) in jobs.items():
        if not source.is_file():
            raise GoldFormatError(
                f"{source} not found: the {name} development set is expected there"
            )
    out_dir.mkdir(parents=True, exist_ok=True)
    written: dict[str, Path] = {}
    for name, (source, convert) in jobs.items():
        target = out_dir / f"{name}.jsonl"
        write_jsonl(convert(source), target)
        written[name] = target
    return written
