"""The trigger lexicon: which words report which CAMEO event.

The tables are data files in ``detente/data/events/`` (their formats are documented in
their header comments): ``triggers.tsv`` (verbs and nouns → codes) and ``wrappers.tsv``
(how "agreed to", "refused to", "threatened to", "urged ... to" re-code the event they
wrap). This module loads them once and indexes them by lemma so that the coder looks up
each token in a dict, never scans the table.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from dataclasses import dataclass, field
from importlib import resources

from ..errors import DetenteError
from .ontology import is_code

DATA_PACKAGE = "detente"
DATA_DIR = "data/events"
FLAGS = frozenset(
    {
        "recip",
        "domestic",
        "speech",
        "weak",
        "target",
        "place",
        "plain",
        "claim",
        "intransitive",
        "transitive",
        "patient",
        "fixed",
        "wraponly",
        "deed",
        "opinion",
    }
)
WRAPPERS = frozenset(
    {"intent", "offer", "reject", "threat", "appeal", "demand", "consider", "purpose"}
)
# A wrapper whose table lacks a code falls back to a broader one: what is offered is intended.
_WRAPPER_FALLBACK = {"offer": "intent"}


class LexiconError(DetenteError):
    """A malformed line in one of the event lexicon's data files (a packaging bug)."""

    code = "D061"


@dataclass(frozen=True)
class Trigger:
    """One lexicon entry: a verb or noun (with an optional particle and object) and its code."""

    pos: str
    lemma: str
    particle: str | None
    objects: frozenset[str]
    targets: tuple[str, ...]
    code: str
    flags: frozenset[str]
    wrap: str | None = None
    excluded: frozenset[str] = frozenset()
    """Object lemmas that make it no event ("met the challenges")."""

    @property
    def reciprocal(self) -> bool:
        return "recip" in self.flags

    @property
    def domestic(self) -> bool:
        return "domestic" in self.flags

    @property
    def speech(self) -> bool:
        return "speech" in self.flags

    @property
    def weak(self) -> bool:
        return "weak" in self.flags

    @property
    def needs_target(self) -> bool:
        return "target" in self.flags or self.needs_place

    @property
    def needs_place(self) -> bool:
        return "place" in self.flags

    @property
    def specificity(self) -> int:
        """Object lists beat particles beat bare verbs."""
        return 2 * bool(self.objects) + bool(self.particle)


@dataclass(frozen=True)
class Lexicon:
    verbs: dict[str, tuple[Trigger, ...]]
    nouns: dict[str, tuple[Trigger, ...]]
    wrappers: dict[str, dict[str, str]]
    """wrapper → (wrapped root or code → code of the whole)."""
    light_verbs: frozenset[str] = frozenset()
    """Verbs whose subject is the source of the event noun they take ("launched strikes")."""
    natural_forces: frozenset[str] = frozenset()
    """Nouns for what nature does ("an earthquake hit the region"): never an actor."""
    judgements: dict[str, str] = field(default_factory=dict)
    """Word → code of calling someone or something by it ("regrettable" → 111)."""

    def wrapped_code(self, wrapper: str | None, code: str) -> str | None:
        """The code of "<wrapper> to <event with code>", or None when the table has none."""
        while wrapper is not None:
            table = self.wrappers.get(wrapper, {})
            for key in (code[:4], code[:3], code[:2], "*"):
                if key in table:
                    return table[key]
            wrapper = _WRAPPER_FALLBACK.get(wrapper)
        return None


def _read_rows(name: str) -> list[tuple[int, list[str]]]:
    text = resources.files(DATA_PACKAGE).joinpath(f"{DATA_DIR}/{name}").read_text(encoding="utf-8")
    rows = []
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip() and not line.lstrip().startswith("#"):
            rows.append((number, [cell.strip() for cell in line.split("\t")]))
    return rows


def _bad(name: str, number: int, what: str) -> LexiconError:
    return LexiconError(f"{DATA_DIR}/{name} line {number}: {what}; fix the data file")


def parse_trigger(cells: list[str], name: str = "triggers.tsv", number: int = 0) -> Trigger:
    if len(cells) != 6:
        raise _bad(name, number, f"expected 6 tab-separated columns, found {len(cells)}")
    pos, trigger, objects, targets, code, flags = cells
    if pos not in ("verb", "noun"):
        raise _bad(name, number, f"part of speech {pos!r} is neither 'verb' nor 'noun'")
    if not is_code(code):
        raise _bad(name, number, f"{code!r} is not a CAMEO code")
    words = trigger.lower().split(None, 1)
    if not words:
        raise _bad(name, number, "empty trigger")
    if pos == "noun" and len(words) > 1:
        # a noun trigger's first word is a modifier it must have: "air strike"
        words = [words[1], words[0]]
    flag_set = frozenset() if flags == "-" else frozenset(f.strip() for f in flags.split(","))
    wrap = None
    for flag in flag_set:
        if flag.startswith("wrap="):
            wrap = flag.removeprefix("wrap=")
            if wrap not in WRAPPERS:
                raise _bad(name, number, f"unknown wrapper {wrap!r}")
        elif flag not in FLAGS:
            raise _bad(name, number, f"unknown flag {flag!r}")
    return Trigger(
        pos=pos,
        lemma=words[0],
        particle=words[1] if len(words) > 1 else None,
        objects=frozenset()
        if objects in ("-",) or objects.startswith("!")
        else frozenset(objects.lower().split("|")),
        excluded=frozenset(objects[1:].lower().split("|"))
        if objects.startswith("!")
        else frozenset(),
        targets=() if targets == "-" else tuple(targets.lower().split("|")),
        code=code,
        flags=frozenset(f for f in flag_set if not f.startswith("wrap=")),
        wrap=wrap,
    )


@functools.lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """The trigger lexicon, once per process: from detente's cache (:mod:`detente.cache`),
    or read from the data files and written there."""
    from ..cache import data_files, load_or_build

    return load_or_build("triggers", _read_lexicon, sources=data_files("events"))


def _read_lexicon() -> Lexicon:
    verbs: dict[str, list[Trigger]] = defaultdict(list)
    nouns: dict[str, list[Trigger]] = defaultdict(list)
    for number, cells in _read_rows("triggers.tsv"):
        trigger = parse_trigger(cells, "triggers.tsv", number)
        (verbs if trigger.pos == "verb" else nouns)[trigger.lemma].append(trigger)
    wrappers: dict[str, dict[str, str]] = defaultdict(dict)
    for number, cells in _read_rows("wrappers.tsv"):
        if (
            len(cells) != 3
            or cells[0] not in WRAPPERS
            or not is_code(cells[2])
            or not (cells[1] == "*" or is_code(cells[1]))
        ):
            raise _bad(
                "wrappers.tsv", number, "expected: wrapper, wrapped root or code, CAMEO code"
            )
        wrappers[cells[0]][cells[1]] = cells[2]

    def ordered(table: dict[str, list[Trigger]]) -> dict[str, tuple[Trigger, ...]]:
        return {k: tuple(sorted(v, key=lambda t: -t.specificity)) for k, v in table.items()}

    light = frozenset(line[0] for _, line in _read_rows("light_verbs.txt"))
    natural = frozenset(line[0].lower() for _, line in _read_rows("natural_forces.txt"))
    judgements: dict[str, str] = {}
    for number, cells in _read_rows("judgements.tsv"):
        if len(cells) != 2 or not is_code(cells[1]):
            raise _bad("judgements.tsv", number, "expected: a word, a CAMEO code")
        judgements[cells[0].lower()] = cells[1]
    return Lexicon(
        verbs=ordered(verbs),
        nouns=ordered(nouns),
        wrappers=dict(wrappers),
        light_verbs=light,
        natural_forces=natural,
        judgements=judgements,
    )
