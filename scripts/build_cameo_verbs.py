"""Compile PETRARCH's CAMEO verb pattern dictionary into ``data/events/cameo_verbs.json``.

    python scripts/build_cameo_verbs.py [/work/shared/data/petrarch-dictionaries/CAMEO.2.0.txt]

Prints how many blocks and patterns compiled and why the rest were skipped (the syntax
supported is documented in ``detente.events.verbdict``). The source is MIT-licensed; its
notice ships beside the compiled file as ``data/events/LICENSE.petrarch2``.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from detente.events.verbdict import compile_dictionary, to_json

DEFAULT_SOURCE = Path("/work/shared/data/petrarch-dictionaries/CAMEO.2.0.txt")
TARGET_DIR = Path(__file__).resolve().parent.parent / "src" / "detente" / "data" / "events"


def main(argv: list[str]) -> int:
    source = Path(argv[1]) if len(argv) > 1 else DEFAULT_SOURCE
    text = source.read_text(encoding="utf-8", errors="replace")
    dictionary = compile_dictionary(text)
    (TARGET_DIR / "cameo_verbs.json").write_text(to_json(dictionary, source.name) + "\n")
    licence = source.parent / "LICENSE.petrarch2"
    if licence.exists():
        shutil.copyfile(licence, TARGET_DIR / "LICENSE.petrarch2")
    report = dictionary.report
    print(f"blocks: {report.blocks_compiled} of {report.blocks} compiled")
    print(f"patterns: {report.patterns_compiled} of {report.patterns} compiled")
    for reason, count in sorted(report.skipped.items(), key=lambda kv: -kv[1]):
        print(f"  skipped, {reason}: {count}")
    print(f"verbs: {sum(len(v) for v in dictionary.verbs.values())}")
    print(f"synonym sets: {len(dictionary.sets)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
