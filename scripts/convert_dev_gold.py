"""Convert the ConfliBERT CAMEO development sets into detente gold files.

    python scripts/convert_dev_gold.py ../shared/data/dev-gold /tmp/dev-gold

writes ``penta.jsonl`` and ``spans.jsonl`` into the output folder, for
``detente eval``. The output holds others' sentences: keep it out of the repository.
"""

from __future__ import annotations

import argparse
import sys

from detente.errors import DetenteError
from detente.evaluation.convert import convert_dev_gold


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source_dir", help="folder holding the confli_cameo_* files")
    parser.add_argument("out_dir", help="folder to write penta.jsonl and spans.jsonl into")
    args = parser.parse_args(argv)
    try:
        written = convert_dev_gold(args.source_dir, args.out_dir)
    except DetenteError as exc:
        print(f"error {exc}", file=sys.stderr)
        return 1
    for name, path in written.items():
        with open(path, encoding="utf-8") as handle:
            count = sum(1 for _ in handle)
        print(f"{name}: {count} documents -> {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
