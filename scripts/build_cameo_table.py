"""Build ``src/detente/data/events/cameo.csv``, detente's CAMEO ontology table.

Run once by a developer (the generated CSV is committed; the package never reads
the reference files):

    python scripts/build_cameo_table.py [/work/shared/data/cameo]

Facts taken: each CAMEO code, its root, name and Goldstein value from the
codebook table, and its PLOVER event type and mode from the 2021 CAMEO→PLOVER
conversion table. ``quad_class`` is GDELT's grouping of roots.
"""

from __future__ import annotations

import csv
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUTPUT = ROOT / "src" / "detente" / "data" / "events" / "cameo.csv"
DEFAULT_SOURCE = Path("/work/shared/data/cameo")

# PLOVER folds CAMEO's appeals (02) into REQUEST and has no category for bare
# statements (01); the 2021 table therefore lists neither.
PLOVER_FOR_ROOT_WITHOUT_ENTRY = {"02": "REQUEST"}

PLOVER_LINE = re.compile(r"^(\d{2,4}):\s*([A-Z]+)\s*,?([^,#]*)")


def quad_class(root: str) -> int:
    number = int(root)
    if number <= 5:
        return 1
    if number <= 9:
        return 2
    if number <= 14:
        return 3
    return 4


def read_plover(path: Path) -> dict[str, tuple[str, str]]:
    table: dict[str, tuple[str, str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        match = PLOVER_LINE.match(line.strip())
        if match:
            code, event_type, mode = match.groups()
            table.setdefault(code, (event_type, mode.strip()))
    return table


def plover_for(code: str, root: str, plover: dict[str, tuple[str, str]]) -> tuple[str, str]:
    """The PLOVER type and mode of a code, falling back to its parent then its root."""
    for key in (code, code[:3], root):
        if key in plover:
            return plover[key]
    return PLOVER_FOR_ROOT_WITHOUT_ENTRY.get(root, ""), ""


def build(source: Path) -> list[dict[str, str]]:
    plover = read_plover(source / "CAMEO2PLOVER-2021.txt")
    rows = []
    with (source / "cameo-codebook.csv").open(encoding="utf-8") as handle:
        for record in csv.DictReader(handle):
            code, root = record["code"].strip(), record["root_code"].strip()
            plover_type, plover_mode = plover_for(code, root, plover)
            rows.append(
                {
                    "code": code,
                    "root": root,
                    "name": record["name"].strip(),
                    "goldstein": str(float(record["goldstein"])),
                    "quad_class": str(quad_class(root)),
                    "plover_type": plover_type,
                    "plover_mode": plover_mode,
                }
            )
    rows.sort(key=lambda row: (row["root"], row["code"]))
    return rows


def main(argv: list[str]) -> int:
    source = Path(argv[1]) if len(argv) > 1 else DEFAULT_SOURCE
    rows = build(source)
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    with OUTPUT.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    print(f"wrote {len(rows)} codes to {OUTPUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
