"""Actor resolution: countries, bodies and people named in the news, as CAMEO-style codes.

``ActorResolver(registry).for_article(doc, article).resolve(span)`` turns a noun phrase into
an :class:`~detente.model.Actor` ("Russia's foreign ministry" → ``RUSGOV``). International
organisations use their own code as the country (``UNO``, ``NATO``, ``EUR`` ...) with sector
``IGO``; see ``detente/data/actors/README.md`` for the tables and conventions.
"""

from __future__ import annotations

from .lexicon import default_lexicon
from .petrarch import import_petrarch_actors, import_petrarch_agents
from .registry import ActorRegistry, RegistryEntry
from .resolver import ActorResolver, ArticleActors


def lookup_country(text: str) -> str | None:
    """The code events carry for a country or an international organisation: ISO alpha-3 from
    a name, code, demonym or capital ("DPRK", "prk", "Pyongyang" → "PRK"), or an organisation's
    code ("NATO" → "NATO", "European Union" → "EUR"); None when ``text`` names neither."""
    return default_lexicon().country_of(text, organisations=True)


__all__ = [
    "ActorRegistry",
    "ActorResolver",
    "ArticleActors",
    "RegistryEntry",
    "import_petrarch_actors",
    "import_petrarch_agents",
    "lookup_country",
]
