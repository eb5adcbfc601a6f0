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
    """ISO alpha-3 code for a country's name, code, demonym or capital ("DPRK" → "PRK")."""
    return default_lexicon().country_of(text)


__all__ = [
    "ActorRegistry",
    "ActorResolver",
    "ArticleActors",
    "RegistryEntry",
    "import_petrarch_actors",
    "import_petrarch_agents",
    "lookup_country",
]
