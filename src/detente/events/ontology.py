"""The CAMEO event ontology: every code with its root, name, Goldstein value,
GDELT quad class and PLOVER type and mode.

The table is ``data/events/cameo.csv``, generated once by
``scripts/build_cameo_table.py`` from the CAMEO codebook and the 2021
CAMEO→PLOVER table; this module only loads and looks it up.
"""

from __future__ import annotations

import csv
import functools
from dataclasses import dataclass
from importlib import resources

from ..errors import QueryError

QUAD_CLASSES = {
    1: "verbal cooperation",
    2: "material cooperation",
    3: "verbal conflict",
    4: "material conflict",
}


@dataclass(frozen=True)
class CameoCode:
    code: str
    root: str
    name: str
    goldstein: float
    quad_class: int
    plover: str | None
    plover_mode: str | None

    @property
    def is_root(self) -> bool:
        return len(self.code) == 2


@functools.lru_cache(maxsize=1)
def _table() -> dict[str, CameoCode]:
    text = resources.files("detente").joinpath("data/events/cameo.csv").read_text(encoding="utf-8")
    table: dict[str, CameoCode] = {}
    for row in csv.DictReader(text.splitlines()):
        table[row["code"]] = CameoCode(
            code=row["code"],
            root=row["root"],
            name=row["name"],
            goldstein=float(row["goldstein"]),
            quad_class=int(row["quad_class"]),
            plover=row["plover_type"] or None,
            plover_mode=row["plover_mode"] or None,
        )
    return table


def lookup(code: str) -> CameoCode:
    """The ontology entry of a CAMEO code such as ``"042"`` or ``"1823"``."""
    entry = _table().get(str(code).strip())
    if entry is None:
        raise QueryError(
            f"unknown CAMEO event code {code!r}: codes are 2 to 4 digits from the CAMEO "
            "codebook, such as '042' (make a visit) or '190' (use conventional military force)"
        )
    return entry


def is_code(code: str) -> bool:
    return str(code).strip() in _table()


def all_codes() -> list[CameoCode]:
    """Every CAMEO code, roots first within each root, in code order."""
    return list(_table().values())


PENTA_VERBAL_CONFLICT_ROOTS = frozenset({"09", "10", "11", "12", "13"})


def penta_class(code: str) -> int:
    """The five classes of the penta development set, as the project defines them.

    0 statements (01–02), 1 verbal cooperation (03–05), 2 material cooperation (06–08),
    3 verbal conflict (09–13), 4 material conflict (14–20). The data set's own labels put
    many reduce-relations sentences (root 16: sanctions, expulsions) in class 3; we keep
    the stated definition rather than bend the scorer to the data.
    """
    root = lookup(code).root
    number = int(root)
    if number <= 2:
        return 0
    if number <= 5:
        return 1
    if number <= 8:
        return 2
    if root in PENTA_VERBAL_CONFLICT_ROOTS:
        return 3
    return 4
