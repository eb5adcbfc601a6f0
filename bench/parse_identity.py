"""Whether detente's fast loading of the spaCy model annotates exactly as spaCy's own does.

    PYTHONPATH=src python bench/parse_identity.py [--articles 300] [--blind] [--gold FILE ...]

``load_model(fast=True)`` (the default) builds the model's layers with numpy's matrix product
and matches the attribute ruler's patterns by lookup; ``fast=False`` leaves spaCy's
components as they load. Both parse the same texts (batches of 32), and every token's tag,
part of speech, morphology, lemma, dependency, head, entity tag and sentence start is
compared; then the fast pipeline parses each text alone, to check that a document's parse
does not depend on the others in its batch. Prints the counts of tokens and documents that
differ, and the time each took (CPU seconds of this process). ``--blind`` takes the blind
pool's articles instead of the first non-blind ones: only counts are printed.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, LEMMA, MORPH, POS, SENT_START, TAG

sys.path.insert(0, str(Path(__file__).parent))
import corpus

ATTRS = [TAG, POS, MORPH, LEMMA, DEP, HEAD, ENT_IOB, ENT_TYPE, SENT_START]
NAMES = ["tag", "pos", "morph", "lemma", "dep", "head", "ent_iob", "ent_type", "sent_start"]


def texts_of(args: argparse.Namespace) -> list[str]:
    texts = []
    for article in corpus.as_articles():
        blind = corpus.is_blind(article.origin.split("#", 1)[1])
        if article.text.strip() and blind == args.blind:
            texts.append(article.text)
            if args.articles and len(texts) == args.articles:
                break
    if args.gold:
        from detente.evaluation import load_gold

        texts = [d.text for path in args.gold for d in load_gold(path)]
    return texts


def parsed(nlp, texts: list[str], batch_size: int) -> tuple[list, float]:
    started = time.process_time()
    docs = list(nlp.pipe(texts, batch_size=batch_size))
    return docs, time.process_time() - started


def differences(first: list, second: list) -> tuple[int, int, list[int]]:
    """Tokens and documents that differ, and per attribute the tokens that differ in it."""
    tokens = documents = 0
    per_attr = [0] * len(ATTRS)
    for a, b in zip(first, second, strict=True):
        x, y = a.to_array(ATTRS), b.to_array(ATTRS)
        if len(a) != len(b):
            tokens, documents = tokens + max(len(a), len(b)), documents + 1
            continue
        unequal = x != y
        count = int(unequal.any(axis=1).sum())
        tokens, documents = tokens + count, documents + (count > 0)
        per_attr = [n + int(c) for n, c in zip(per_attr, unequal.sum(axis=0), strict=True)]
    return tokens, documents, per_attr


def report(label: str, found: tuple[int, int, list[int]], total: int, detail: bool) -> None:
    tokens, documents, per_attr = found
    line = f"{label}: {tokens} of {total} tokens differ, in {documents} documents"
    if detail and tokens:
        line += (
            " (" + ", ".join(f"{n} {c}" for n, c in zip(NAMES, per_attr, strict=True) if c) + ")"
        )
    print(line)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--blind", action="store_true", help="the blind pool (counts only)")
    parser.add_argument("--gold", type=Path, nargs="*", help="gold files' texts instead")
    parser.add_argument("--skip-alone", action="store_true", help="no one-text-at-a-time pass")
    args = parser.parse_args()
    from detente.nlp import load_model

    texts = texts_of(args)
    stock, fast = load_model(fast=False), load_model(fast=True)
    for nlp in (stock, fast):
        list(nlp.pipe(texts[:5]))
    stock_docs, stock_cpu = parsed(stock, texts, 32)
    fast_docs, fast_cpu = parsed(fast, texts, 32)
    total = sum(len(d) for d in stock_docs)
    print(
        f"{len(texts)} texts, {total} tokens; CPU s: spaCy as loaded {stock_cpu:.1f}, fast {fast_cpu:.1f}"
    )
    report(
        "fast against spaCy as loaded", differences(stock_docs, fast_docs), total, not args.blind
    )
    if not args.skip_alone:
        alone_docs, _ = parsed(fast, texts, 1)
        report(
            "fast, each text alone, against batches of 32",
            differences(fast_docs, alone_docs),
            total,
            not args.blind,
        )


if __name__ == "__main__":
    main()
