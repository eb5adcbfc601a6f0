"""The persistent actor registry: what detente knows about people across articles.

A :class:`RegistryEntry` is one person (or body) holding one role over a span of time:
"Igor Morgulov, RUS GOV, Deputy Foreign Minister". Entries come from the built-in list of
office holders, from users' PETRARCH dictionaries, or are learned from articles (a title
or nationality next to a name). The store keeps them in its ``actors`` table with exactly
the fields of :class:`RegistryEntry`; ``to_record``/``from_record`` convert.

A registry also carries the user's *sector nouns* (from PETRARCH agent dictionaries:
"gendarme" → ``COP``), so that whoever loads a store's registry codes with them too.
:meth:`ActorRegistry.to_records` / :meth:`ActorRegistry.from_records` are the one snapshot
format handed to worker processes and Spark executors.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import asdict, dataclass, fields, replace
from datetime import date
from typing import Any

from ..errors import InputError

ORIGINS = ("builtin", "learned", "user", "petrarch", "phoenix")
# Which entry wins when several share a name: the user's own dictionaries first, then
# detente's built-in office holders, then what was learned from articles, then the field's
# dictionaries built into detente (``phoenix``, see actors/builtin.py).
_ORIGIN_RANK = {"user": 0, "petrarch": 1, "builtin": 2, "learned": 3, "phoenix": 4}

_NAME_SEPARATORS = re.compile(r"[\s\-‐‑_]+")
_NAME_DROP = re.compile(r"[.,\"“”]|'s$|’s$")
_DATE_FIELDS = ("first_seen", "last_seen", "valid_from", "valid_to")
# The one snapshot record that is not an entry: {"sector_nouns": {noun: sector, ...}}.
SECTOR_NOUNS_KEY = "sector_nouns"
# Where names are written family name first: Kim Jong Un is "Kim", Xi Jinping "Xi".
FAMILY_NAME_FIRST = frozenset({"CHN", "HKG", "MAC", "TWN", "PRK", "KOR"})


def family_name(name: str, country: str | None) -> str:
    """The word a later mention uses alone: the first word of a Chinese or Korean name,
    the last of others ("Morgulov" of Igor Morgulov)."""
    words = name.split()
    if not words:
        return ""
    return words[0] if country in FAMILY_NAME_FIRST else words[-1]


def normalise_name(name: str) -> str:
    """The form names are compared in: "Kim Jong-un" and "KIM JONG UN" are the same key."""
    text = unicodedata.normalize("NFKC", name).strip()
    text = _NAME_DROP.sub("", text)
    return _NAME_SEPARATORS.sub(" ", text).strip().casefold()


@dataclass(frozen=True)
class RegistryEntry:
    """One actor known by name, with the code it has between ``valid_from`` and ``valid_to``."""

    name: str
    aliases: tuple[str, ...]
    country: str | None
    sector: str | None
    code: str
    title: str | None = None
    first_seen: date | None = None
    last_seen: date | None = None
    valid_from: date | None = None
    valid_to: date | None = None
    origin: str = "learned"

    def valid_on(self, on: date | None) -> bool:
        """Whether the entry applies on ``on`` (always, when the date is unknown)."""
        if on is None:
            return True
        if self.valid_from is not None and on < self.valid_from:
            return False
        return not (self.valid_to is not None and on > self.valid_to)

    def to_record(self) -> dict[str, Any]:
        """Plain values for the store: dates as ISO strings, aliases as a list."""
        record = asdict(self)
        record["aliases"] = list(self.aliases)
        for key in _DATE_FIELDS:
            value = record[key]
            record[key] = value.isoformat() if value is not None else None
        return record

    @classmethod
    def from_record(cls, d: dict[str, Any]) -> RegistryEntry:
        """Inverse of :meth:`to_record`; accepts dates as ``date`` objects or ISO strings."""
        known = {f.name for f in fields(cls)}
        unknown = set(d) - known
        if unknown:
            raise InputError(
                f"actor record has unknown fields {sorted(unknown)}; expected {sorted(known)}"
            )
        if not d.get("name") or not isinstance(d.get("name"), str):
            raise InputError(f"actor record has no name: {d!r}")
        values = dict(d)
        aliases = values.get("aliases") or ()
        if isinstance(aliases, str):
            aliases = (aliases,)
        values["aliases"] = tuple(str(a) for a in aliases)
        for key in _DATE_FIELDS:
            values[key] = _as_date(values.get(key), key)
        values.setdefault("code", "")
        values.setdefault("country", None)
        values.setdefault("sector", None)
        if values.get("origin", "learned") not in ORIGINS:
            raise InputError(
                f"actor record {d['name']!r} has origin {values['origin']!r}; expected one of {ORIGINS}"
            )
        return cls(**values)


def _sector_nouns(value: Any) -> dict[str, str]:
    if not isinstance(value, Mapping) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in value.items()
    ):
        raise InputError(f"sector nouns record is not a mapping of noun to sector: {value!r:.200}")
    return dict(value)


def _as_date(value: Any, key: str) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError as exc:
        raise InputError(f"actor record field {key} is not an ISO date: {value!r}") from exc


class ActorRegistry:
    """Entries looked up by name or alias, respecting their validity dates, and the user's
    sector nouns (lower-case noun → CAMEO sector), which the actor resolver matches as phrases."""

    def __init__(
        self, entries: Iterable[RegistryEntry] = (), sector_nouns: Mapping[str, str] | None = None
    ) -> None:
        self._entries: list[RegistryEntry] = []
        self._by_key: dict[str, list[RegistryEntry]] = {}
        self._by_family_name: dict[str, list[RegistryEntry]] = {}
        self.sector_nouns: dict[str, str] = dict(sector_nouns or {})
        for entry in entries:
            self.add(entry)

    def to_records(self) -> list[dict[str, Any]]:
        """Plain values to rebuild this registry elsewhere (a worker process, a Spark executor):
        one :meth:`RegistryEntry.to_record` per entry, then, when there are sector nouns, one
        record ``{"sector_nouns": {noun: sector}}``."""
        records = [entry.to_record() for entry in self._entries]
        if self.sector_nouns:
            records.append({SECTOR_NOUNS_KEY: dict(sorted(self.sector_nouns.items()))})
        return records

    @classmethod
    def from_records(cls, records: Iterable[dict[str, Any]]) -> ActorRegistry:
        """Inverse of :meth:`to_records`."""
        entries: list[RegistryEntry] = []
        nouns: dict[str, str] = {}
        for record in records:
            if set(record) == {SECTOR_NOUNS_KEY}:
                nouns.update(_sector_nouns(record[SECTOR_NOUNS_KEY]))
            else:
                entries.append(RegistryEntry.from_record(record))
        return cls(entries, nouns)

    def add(self, entry: RegistryEntry) -> None:
        """Add an entry; a learned entry for a person already learned widens the dates seen."""
        if entry.origin == "learned":
            previous = self._learned_twin(entry)
            if previous is not None:
                self._replace(previous, _merge_learned(previous, entry))
                return
        self._entries.append(entry)
        for key in _keys(entry):
            self._by_key.setdefault(key, []).append(entry)
        family = _family_key(entry)
        if family:
            self._by_family_name.setdefault(family, []).append(entry)

    def lookup(self, name: str, on: date | None = None) -> RegistryEntry | None:
        """The best entry called ``name`` that is valid on ``on``; None when there is none."""
        candidates = [e for e in self._by_key.get(normalise_name(name), ()) if e.valid_on(on)]
        if not candidates:
            return None
        return min(candidates, key=_preference)

    def sharing_family_name(self, word: str, on: date | None = None) -> list[RegistryEntry]:
        """The people valid on ``on`` whom ``word`` alone may name: "Kim" for Kim Jong Un and
        Kim Yo Jong, "Morgulov" for Igor Morgulov (see :func:`family_name`)."""
        key = normalise_name(word)
        if not key or " " in key:
            return []
        return [e for e in self._by_family_name.get(key, ()) if e.valid_on(on)]

    def __iter__(self) -> Iterator[RegistryEntry]:
        return iter(list(self._entries))

    def __len__(self) -> int:
        return len(self._entries)

    def _learned_twin(self, entry: RegistryEntry) -> RegistryEntry | None:
        for other in self._by_key.get(normalise_name(entry.name), ()):
            if other.origin == "learned" and other.code == entry.code:
                return other
        return None

    def _replace(self, old: RegistryEntry, new: RegistryEntry) -> None:
        self._entries[self._entries.index(old)] = new
        for key in _keys(old):
            bucket = self._by_key[key]
            bucket[bucket.index(old)] = new
        for key in _keys(new) - _keys(old):
            self._by_key.setdefault(key, []).append(new)
        family = _family_key(old)  # a learned twin keeps its name, so its family name too
        if family:
            bucket = self._by_family_name[family]
            bucket[bucket.index(old)] = new


def _keys(entry: RegistryEntry) -> set[str]:
    return {k for k in (normalise_name(n) for n in (entry.name, *entry.aliases)) if k}


def _family_key(entry: RegistryEntry) -> str:
    names = normalise_name(entry.name).split()
    return family_name(" ".join(names), entry.country) if len(names) > 1 else ""


def _preference(entry: RegistryEntry) -> tuple:
    # Rank by origin, then prefer the most recently seen / most recently begun role.
    recent = entry.last_seen or entry.valid_from or date.min
    return (_ORIGIN_RANK.get(entry.origin, 9), -recent.toordinal())


def _merge_learned(old: RegistryEntry, new: RegistryEntry) -> RegistryEntry:
    seen = [d for d in (old.first_seen, new.first_seen) if d]
    last = [d for d in (old.last_seen, new.last_seen) if d]
    aliases = tuple(dict.fromkeys((*old.aliases, *new.aliases)))
    return replace(
        old,
        aliases=aliases,
        title=old.title or new.title,
        first_seen=min(seen) if seen else None,
        last_seen=max(last) if last else None,
    )
