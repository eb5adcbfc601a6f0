"""The field's actor dictionaries as detente's built-in knowledge.

``data/actors/phoenix/actors.tsv`` is built by ``scripts/build_phoenix_actors.py`` from the
Phoenix actor dictionaries (Countries, International, MilNonState; MIT licence, notice in
``LICENSE.petrarch2`` beside the table): some 20,000 office holders with their dated roles
("Askar Akayev", KGZ GOV 1990–2005), national bodies and armed groups, places that name their
country ("Crimea"), and international organisations under detente's own codes (EUR, UNO).

They are read once per process and loaded into the lexicon after, and below, every table of
detente's own: on the same phrase detente's entry wins ("Brussels" stays the EU's seat), and a
user's own dictionaries and corrections win over both (``Lexicon.extended``). People are
``person`` cues matched by their full names only; what the article itself says of them (a
title, an apposition, a country) wins over their entry (``ArticleActors._resolve_person``),
and a person learned from articles wins over an entry of the dictionaries
(``ArticleActors._registry_entry``). Places are ``capital`` cues (never matched inside a
person's name: "Mari Yamaguchi" is not Japan's prefecture), bodies ``org`` or ``igo`` cues.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Iterator
from datetime import date
from importlib import resources

from ..errors import DataFileError
from .lexicon import Cue, Key, compose_code
from .registry import RegistryEntry, family_name, normalise_name

log = logging.getLogger(__name__)

TABLE = ("data", "actors", "phoenix", "actors.tsv")
ORIGIN = "phoenix"
_ACRONYM_MAX = 4
"""One-word names this short match only in capitals ("PKK", "ETA"), as the build states."""


@functools.lru_cache(maxsize=1)
def phoenix_table(igo_codes: frozenset[str]) -> PhoenixTable:
    """The built-in dictionaries, read once per process (``igo_codes``: detente's IGO codes,
    which an IGO's actor code is alone)."""
    return PhoenixTable(list(_rows()), igo_codes)


class PhoenixTable:
    """Phrase → cues of the built-in dictionaries. Reading indexes the phrases only; a row's
    cues are made the first time a text holds one of its phrases (most rows never are), which
    keeps start-up to a split of the table's lines."""

    def __init__(self, rows: list[tuple[str, str, str, str]], igo_codes: frozenset[str]) -> None:
        self._rows = rows
        self._igo_codes = igo_codes
        self.phrases: dict[Key, list[tuple[int, str]]] = {}
        for number, (_, _, phrases, _) in enumerate(rows):
            # stored as the lexicon's tokenizer splits them ("Jean - Claude Juncker")
            for surface in phrases.split(" | "):
                self.phrases.setdefault(tuple(surface.lower().split(" ")), []).append(
                    (number, surface)
                )
        self.longest: dict[str, int] = {}
        """First word → the length of the longest phrase it starts."""
        for key in self.phrases:
            if len(key) > self.longest.get(key[0], 0):
                self.longest[key[0]] = len(key)
        self._made: dict[Key, tuple[Cue, ...]] = {}
        self._people: dict[int, Cue] = {}
        self._by_family_name: dict[str, list[int]] | None = None

    def __len__(self) -> int:
        return len(self.phrases)

    def cues(self, key: Key) -> tuple[Cue, ...]:
        """The cues of a phrase (lower-case tokens); () for a phrase the table lacks."""
        found = self.phrases.get(key)
        if found is None:
            return ()
        made = self._made.get(key)
        if made is None:
            made = tuple(self._cue(number, surface) for number, surface in found)
            self._made[key] = made
        return made

    def countries_of_office(self, family: str, sector: str) -> frozenset[str]:
        """The countries of the people called ``family`` (a family name, any case) who held an
        office of ``sector`` at any time: "Bush" with GOV is {USA}; "Kim" with GOV names
        both Koreas. The index is made on the first call."""
        if self._by_family_name is None:
            self._by_family_name = {}
            for number, (kind, name, _, roles) in enumerate(self._rows):
                if kind == "person":
                    country = roles.split("/", 1)[0]
                    key = normalise_name(family_name(name, country))
                    self._by_family_name.setdefault(key, []).append(number)
        return frozenset(
            country
            for number in self._by_family_name.get(normalise_name(family), ())
            for country, held, _, _ in (_role(cell) for cell in self._rows[number][3].split(";"))
            if held == sector
        )

    def _cue(self, number: int, surface: str) -> Cue:
        kind, name, _, roles = self._rows[number]
        try:
            parsed = [_role(cell) for cell in roles.split(";")]
        except ValueError as exc:
            raise DataFileError(f"phoenix actors table, row {number + 1}: {exc}") from exc
        if kind != "person":
            return _cue(kind, parsed[0], surface, self._igo_codes)
        if number not in self._people:
            self._people[number] = _person_cue(name, parsed, self._igo_codes)
        return self._people[number]


def _person_cue(
    name: str, roles: list[tuple[str, str, date | None, date | None]], igo_codes: frozenset[str]
) -> Cue:
    people = tuple(
        RegistryEntry(
            name=name,
            aliases=(),
            country=country,
            sector=sector or None,
            code=compose_code(country, sector or None, igo_codes),
            valid_from=start,
            valid_to=end,
            origin=ORIGIN,
        )
        for country, sector, start, end in roles
    )
    return Cue("person", people=people, proper=True)


def _cue(
    kind: str,
    role: tuple[str, str, date | None, date | None],
    surface: str,
    igo_codes: frozenset[str],
) -> Cue:
    country, sector, _, _ = role
    if kind == "place":
        return Cue("capital", country, proper=True)
    exact = " " not in surface and len(surface) <= _ACRONYM_MAX
    text = surface.upper() if exact else surface
    if country in igo_codes:
        return Cue("igo", country, sector or "IGO", proper=True, exact=exact, text=text)
    return Cue("org", country, sector or None, proper=True, exact=exact, text=text)


def _role(cell: str) -> tuple[str, str, date | None, date | None]:
    country, sector, start, end = cell.split("/")
    return (
        country,
        sector,
        date.fromisoformat(start) if start else None,
        date.fromisoformat(end) if end else None,
    )


def _rows() -> Iterator[tuple[str, str, str, str]]:
    path = resources.files("detente").joinpath(*TABLE)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise DataFileError("the built-in actor dictionaries are missing from the package") from exc
    body = (line for line in lines if line and not line.startswith("#"))
    if next(body, "").split("\t") != ["kind", "name", "phrases", "roles"]:
        raise DataFileError("the built-in actor dictionaries have an unexpected header")
    for number, line in enumerate(body, start=2):
        cells = line.split("\t")
        if len(cells) != 4:
            raise DataFileError(f"phoenix actors table, row {number}: {len(cells)} columns, not 4")
        yield cells[0], cells[1], cells[2], cells[3]
