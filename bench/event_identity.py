"""Whether two versions of detente code the same events: a digest of everything coded, per set.

    PYTHONPATH=src python bench/event_identity.py OUT.json [--sets demo,penta,...] [--dump DIR]
    python bench/event_identity.py --compare BEFORE.json AFTER.json

Run it once with the tree before a change on PYTHONPATH and once with the tree after it (the
script reads only the public ``Pipeline``), then ``--compare`` the two files. Each set's
digest is a SHA-256 over every document's coded events (every field of ``Event.to_dict``),
its actor mentions and its warnings, in order; a set is identical when its digests are.

Sets: the demo gold, the penta and spans gold files whole (tune and check: only their digests
are written), the open and blind gold sentences (build them first with
``bench/blind_gold.py [--pool open] build``), the two coverage samples, the first N non-blind
corpus articles, and every article of the blind pool. For the blind sets only the digest and
the number of documents are written: nobody reads the coder's output on them. ``--dump DIR``
writes the coded output of the sets that may be read (demo, open, samples, non-blind
articles) as JSONL, one line a document, to find what differs.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import corpus
from coverage import sample_ids

READABLE = frozenset({"demo", "open", "political", "nonpolitical", "articles"})
DEMO = Path(__file__).parent.parent / "tests" / "fixtures" / "gold" / "demo_gold.jsonl"
DEVGOLD = Path("/work/devgold")


def gold_articles(path: Path) -> list:
    from detente.evaluation import load_gold
    from detente.evaluation.report import gold_article

    return [gold_article(d, f"{path}:{d.line}") for d in load_gold(path)]


def sample_articles(name: str) -> list:
    wanted = {f"NewsArticles#{i}" for i in sample_ids(name)}
    return [a for a in corpus.as_articles() if a.origin in wanted]


def pool_articles(blind: bool, limit: int | None) -> list:
    found = []
    for article in corpus.as_articles():
        if article.text.strip() and corpus.is_blind(article.origin.split("#", 1)[1]) == blind:
            found.append(article)
            if limit is not None and len(found) == limit:
                break
    return found


def sets(args: argparse.Namespace) -> dict[str, Callable[[], list]]:
    return {
        "demo": lambda: gold_articles(DEMO),
        "penta": lambda: gold_articles(DEVGOLD / "penta.jsonl"),
        "spans": lambda: gold_articles(DEVGOLD / "spans.jsonl"),
        "open": lambda: gold_articles(args.open_gold),
        "blind": lambda: gold_articles(args.blind_gold),
        "political": lambda: sample_articles("political"),
        "nonpolitical": lambda: sample_articles("nonpolitical"),
        "articles": lambda: pool_articles(blind=False, limit=args.articles),
        "blind-articles": lambda: pool_articles(blind=True, limit=None),
    }


def coded_lines(pipeline, articles: Iterable) -> Iterable[str]:
    """One canonical JSON line per coded document."""
    for coded in pipeline.code(articles):
        record = coded.to_dict()
        record["mentions"] = [
            [m.actor.to_dict(), m.sentence_index] for m in getattr(coded, "mentions", [])
        ]
        yield json.dumps(record, sort_keys=True, ensure_ascii=False, default=str)


def digest(args: argparse.Namespace) -> None:
    from detente.pipeline import Pipeline

    pipeline = Pipeline.load()
    chosen = args.sets.split(",") if args.sets else list(sets(args))
    found: dict[str, dict] = {}
    for name in chosen:
        articles = sets(args)[name]()
        started = time.perf_counter()
        sha = hashlib.sha256()
        dump = None
        if args.dump and name in READABLE:
            args.dump.mkdir(parents=True, exist_ok=True)
            dump = (args.dump / f"{name}.jsonl").open("w", encoding="utf-8")
        for line in coded_lines(pipeline, articles):
            sha.update(line.encode("utf-8") + b"\n")
            if dump is not None:
                dump.write(line + "\n")
        if dump is not None:
            dump.close()
        found[name] = {"documents": len(articles), "sha256": sha.hexdigest()}
        print(f"{name}: {len(articles)} documents, {time.perf_counter() - started:.0f} s")
    args.out.write_text(json.dumps(found, indent=1) + "\n")


def compare(before: Path, after: Path) -> int:
    first, second = (json.loads(p.read_text()) for p in (before, after))
    differing = 0
    for name in sorted(set(first) | set(second)):
        a, b = first.get(name), second.get(name)
        same = a is not None and a == b
        differing += not same
        print(f"{name:15s} {'identical' if same else 'DIFFERENT' if a and b else 'missing'}")
    return 1 if differing else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, nargs="?")
    parser.add_argument("--sets", help="comma-separated; default: all")
    parser.add_argument("--articles", type=int, default=300, help="non-blind articles")
    parser.add_argument("--open-gold", type=Path, default=Path("/tmp/open.jsonl"))
    parser.add_argument("--blind-gold", type=Path, default=Path("/tmp/blind.jsonl"))
    parser.add_argument("--dump", type=Path, help="write readable sets' output here")
    parser.add_argument("--compare", nargs=2, type=Path, metavar=("BEFORE", "AFTER"))
    args = parser.parse_args()
    if args.compare:
        return compare(*args.compare)
    if args.out is None:
        parser.error("OUT is required unless --compare")
    digest(args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
