"""The blind gold: news sentences from the blind pool, annotated by hand before the coder sees them.

    python bench/blind_gold.py select            # write bench/gold/blind-sentences.jsonl
    python bench/blind_gold.py show              # each sentence with two sentences of context
    python bench/blind_gold.py build OUT.jsonl [--reader FILE]   # a gold file for `detente eval`
    python bench/blind_gold.py agree FILE1 FILE2 # agreement between two readers

`--pool open` (before the command) does the same for the open gold: sentences drawn the same
way, with another seed, from the articles that are NOT blind and not in bench/samples/ (the
coverage samples), into bench/gold/open-sentences.jsonl, annotated in bench/gold/open.jsonl.
The coder's output may be read on the open gold, never on the blind one.

Only ids, offsets and hashes are committed (bench/gold/): the corpus is not ours to
redistribute, so `build` and `show` read the article text from the corpus again. Nothing here
runs detente's coder; `build` only parses its output with `detente.evaluation.load_gold`.
The annotation rules are in bench/gold/GUIDE.md.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import NamedTuple

sys.path.insert(0, str(Path(__file__).parent))
import corpus

GOLD_DIR = Path(__file__).parent / "gold"
SAMPLES_DIR = Path(__file__).parent / "samples"
SELECTION = GOLD_DIR / "blind-sentences.jsonl"
ANNOTATIONS = GOLD_DIR / "blind.jsonl"
SEED = 2026
OPEN_SEED = 2027
ARTICLES = 45
PER_ARTICLE = 4
FIRST_SENTENCES = 15
MIN_WORDS = 6
LEAD_CHARS = 400
"""The "first paragraph" the selection rule reads: the title and the text's first 400 chars."""

# --- Selection rule: the title or lead names a country or capital AND a political word. ---

COUNTRY_ALIASES = [
    "U.S.",
    "US",
    "USA",
    "America",
    "United States",
    "Britain",
    "UK",
    "U.K.",
    "England",
    "Scotland",
    "Russia",
    "Iran",
    "Syria",
    "North Korea",
    "South Korea",
    "Korea",
    "Taiwan",
    "Vietnam",
    "Laos",
    "Bolivia",
    "Venezuela",
    "Tanzania",
    "Moldova",
    "Czech Republic",
    "Palestine",
    "Palestinian",
    "Gaza",
    "West Bank",
    "Vatican",
    "Kosovo",
    "Congo",
    "Ivory Coast",
    "Macedonia",
    "Turkey",
    "Brunei",
    "Micronesia",
    "Israel",
    "Ukraine",
    "Crimea",
]
CAPITALS = [
    "Washington",
    "Moscow",
    "Beijing",
    "London",
    "Paris",
    "Berlin",
    "Tokyo",
    "Seoul",
    "Pyongyang",
    "Tehran",
    "Damascus",
    "Kabul",
    "Baghdad",
    "Ankara",
    "Kiev",
    "Kyiv",
    "Brussels",
    "Jerusalem",
    "Cairo",
    "Riyadh",
    "Islamabad",
    "New Delhi",
    "Havana",
    "Caracas",
    "Ottawa",
    "Canberra",
    "Rome",
    "Madrid",
    "Warsaw",
    "Budapest",
    "Athens",
    "Manila",
    "Jakarta",
    "Hanoi",
    "Bangkok",
    "Nairobi",
    "Abuja",
    "Pretoria",
    "Tripoli",
    "Sanaa",
    "Doha",
    "Amman",
    "Beirut",
    "Mexico City",
    "Brasilia",
    "Kremlin",
    "Westminster",
]
POLITICAL_WORDS = [
    "president",
    "presidential",
    "government",
    "minister",
    "ministry",
    "parliament",
    "congress",
    "congressional",
    "senate",
    "senator",
    "lawmakers",
    "election",
    "elections",
    "vote",
    "military",
    "army",
    "troops",
    "war",
    "talks",
    "treaty",
    "sanctions",
    "embassy",
    "ambassador",
    "diplomat",
    "diplomatic",
    "diplomats",
    "summit",
    "NATO",
    "UN",
    "U.N.",
    "EU",
    "United Nations",
    "European Union",
    "foreign",
    "prime minister",
    "premier",
    "leader",
    "officials",
    "official",
    "White House",
    "administration",
    "refugees",
    "refugee",
    "border",
    "immigration",
    "rebels",
    "militants",
    "attack",
    "airstrikes",
    "ceasefire",
    "nuclear",
    "missile",
    "court",
    "judge",
    "police",
    "protest",
    "protesters",
]


def _country_words() -> set[str]:
    import pycountry  # the standard country names, so this list is not ours to keep

    names = set(COUNTRY_ALIASES) | set(CAPITALS)
    for country in pycountry.countries:
        for attribute in ("name", "common_name"):
            name = getattr(country, attribute, None)
            if name and "," not in name:
                names.add(name)
    return names


def _phrase_pattern(phrases: Iterable[str], flags: int = 0) -> re.Pattern[str]:
    alternatives = sorted({re.escape(p) for p in phrases}, key=len, reverse=True)
    return re.compile(r"(?<![\w.])(?:" + "|".join(alternatives) + r")(?![\w])", flags)


COUNTRY = _phrase_pattern(_country_words())
POLITICAL = _phrase_pattern(POLITICAL_WORDS, re.IGNORECASE)


def is_political(title: str, text: str) -> bool:
    """The stated rule: title + lead name a country or capital and a political word."""
    lead = f"{title}\n{text[:LEAD_CHARS]}"
    return bool(COUNTRY.search(lead)) and bool(POLITICAL.search(lead))


# --- Sentences ---

ABBREVIATIONS = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|St|Sen|Rep|Gov|Gen|Lt|Col|Sgt|Capt|Adm|Prof|Jr|Sr|Jan|Feb|Mar|Apr|"
    r"Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|No|vs|etc|Inc|Corp|Co|Ltd)|\b[A-Z](?:\.[A-Z])*)\.$"
)
BOUNDARY = re.compile(r"[.!?][\"'”’)]*\s+(?=[\"“'‘(]?[A-Z0-9])|\n\s*\n|\n(?=[A-Z\"“])")
FURNITURE = re.compile(
    r"https?://|www\.|@\w|\bclick here\b|\bread more\b|\bsign up\b|\bsubscribe\b|"
    r"\bphoto\b|\bimage\b|\bcaption\b|\bcopyright\b|\ball rights reserved\b|\bfollow (?:us|him|her)\b|"
    r"\bcontributed to this report\b|\bwatch:|\bvideo\b|\bnewsletter\b|\bexclusive:|"
    r"\b(?:above|below|top|pictured|left|right):",
    re.IGNORECASE,
)
FINISHED = re.compile(r"[.!?][\"'”’)]*$")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Character spans of sentences: a regex splitter that keeps abbreviations together."""
    spans, start = [], 0
    for match in BOUNDARY.finditer(text):
        end = match.start() + 1 if text[match.start()] in ".!?" else match.start()
        end = _close_quotes(text, end)
        if text[match.start()] == "." and ABBREVIATIONS.search(text[start : match.start() + 1]):
            continue
        spans.append(_strip(text, start, end))
        start = match.end()
    spans.append(_strip(text, start, len(text)))
    return [(s, e) for s, e in spans if e > s]


def _close_quotes(text: str, end: int) -> int:
    while end < len(text) and text[end] in "\"'”’)":
        end += 1
    return end


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def is_candidate(sentence: str) -> bool:
    """Long enough, ends as a sentence, not page furniture (links, credits, captions, capitals)."""
    words = sentence.split()
    letters = [c for c in sentence if c.isalpha()]
    shouting = letters and sum(c.isupper() for c in letters) > 0.6 * len(letters)
    finished = bool(FINISHED.search(sentence))  # headings and captions have no full stop
    return len(words) >= MIN_WORDS and finished and not FURNITURE.search(sentence) and not shouting


def sentence_sha(sentence: str) -> str:
    return hashlib.sha256(sentence.encode("utf-8")).hexdigest()[:12]


def article_text(row: dict) -> str:
    """The text exactly as bench/corpus.py `as_articles()` builds it."""
    return "\n\n".join(p for p in (row.get("subtitle"), row.get("text")) if p)


def blind_rows() -> dict[str, dict]:
    return {r["article_id"]: r for r in corpus.news_articles() if corpus.is_blind(r["article_id"])}


def sample_ids() -> set[str]:
    """Article ids of the coverage samples (bench/samples/*.txt: one id a line, # comments)."""
    ids = set()
    for path in sorted(SAMPLES_DIR.glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            article_id = line.split("#", 1)[0].strip()
            if article_id:
                ids.add(article_id)
    return ids


def open_rows() -> dict[str, dict]:
    """The open pool: articles that are not blind and not in a coverage sample."""
    excluded = sample_ids()
    return {
        r["article_id"]: r
        for r in corpus.news_articles()
        if not corpus.is_blind(r["article_id"]) and r["article_id"] not in excluded
    }


class Pool(NamedTuple):
    """One gold set: where its articles come from, its seed, ids and files."""

    name: str
    rows: Callable[[], dict[str, dict]]
    seed: int
    selection: Path
    annotations: Path


POOLS = {
    "blind": Pool("blind", blind_rows, SEED, SELECTION, ANNOTATIONS),
    "open": Pool(
        "open", open_rows, OPEN_SEED, GOLD_DIR / "open-sentences.jsonl", GOLD_DIR / "open.jsonl"
    ),
}


def select(rows: dict[str, dict], seed: int = SEED, prefix: str = "blind") -> list[dict]:
    """Articles in seeded order; political ones; 4 sentences each of their first 15."""
    rng = random.Random(seed)
    order = sorted(rows, key=int)
    rng.shuffle(order)
    chosen: list[dict] = []
    articles = 0
    for article_id in order:
        row = rows[article_id]
        text = article_text(row)
        published = corpus.publish_date(row)
        if published is None or not is_political(row.get("title") or "", text):
            continue
        spans = [
            s for s in split_sentences(text)[:FIRST_SENTENCES] if is_candidate(text[slice(*s)])
        ]
        if len(spans) < PER_ARTICLE:
            continue
        for start, end in sorted(rng.sample(spans, PER_ARTICLE)):
            chosen.append(
                {
                    "id": f"{prefix}-{len(chosen) + 1:03d}",
                    "article_id": article_id,
                    "published": published.isoformat(),
                    "start": start,
                    "end": end,
                    "sha": sentence_sha(text[start:end]),
                }
            )
        articles += 1
        if articles == ARTICLES:
            break
    return chosen


def read_jsonl(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def write_jsonl(path: Path, records: Iterable[dict]) -> None:
    with path.open("w", encoding="utf-8") as handle:
        for record in records:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")


class ShaMismatch(ValueError):
    pass


def checked_sentences(selection: list[dict], rows: dict[str, dict]) -> Iterator[tuple[dict, str]]:
    """Each selected sentence with its article's text, the sentence's hash checked."""
    for item in selection:
        text = article_text(rows[item["article_id"]])
        if sentence_sha(text[item["start"] : item["end"]]) != item["sha"]:
            raise ShaMismatch(
                f"{item['id']}: the sentence at {item['start']}-{item['end']} of article "
                f"{item['article_id']} no longer matches its sha {item['sha']}"
            )
        yield item, text


def show(selection: list[dict], rows: dict[str, dict]) -> None:
    for item, text in checked_sentences(selection, rows):
        before = [s for s in split_sentences(text) if s[1] <= item["start"]][-2:]
        title = rows[item["article_id"]].get("title")
        print(f"== {item['id']}  article {item['article_id']}  {item['published']}  {title}")
        for start, end in before:
            print(f"   | {text[start:end]}")
        print(f">> {text[item['start'] : item['end']]}\n")


def build(selection: list[dict], rows: dict[str, dict], annotations: Path, out: Path) -> int:
    events = {a["id"]: a["events"] for a in read_jsonl(annotations)}
    missing = [item["id"] for item in selection if item["id"] not in events]
    if missing:
        raise ValueError(f"{annotations}: no annotation for {', '.join(missing)}")
    docs = [
        {
            "id": item["id"],
            "text": text[: item["end"]],
            "focus": [item["start"], item["end"]],
            "published": item["published"],
            "events": events[item["id"]],
        }
        for item, text in checked_sentences(selection, rows)
    ]
    write_jsonl(out, docs)
    from detente.evaluation import load_gold

    return len(load_gold(out))


# --- Agreement between two readers ---


def _country(code: str | None) -> str | None:
    from detente.evaluation.gold import split_actor_code

    return split_actor_code(code)[0]


def _roots(code: str | list[str]) -> frozenset[str]:
    return frozenset(c[:2] for c in (code if isinstance(code, list) else [code]))


def _same_event(a: dict, b: dict) -> bool:
    ends_a = (_country(a["source"]), _country(a.get("target")))
    ends_b = (_country(b["source"]), _country(b.get("target")))
    symmetric = bool(a.get("symmetric")) == bool(b.get("symmetric"))
    if a.get("symmetric"):
        same_ends = sorted(ends_a, key=str) == sorted(ends_b, key=str)
    else:
        same_ends = ends_a == ends_b
    return symmetric and same_ends and bool(_roots(a["code"]) & _roots(b["code"]))


def _paired(first: list[dict], second: list[dict]) -> int:
    left = list(second)
    both = 0
    for event in first:
        match = next((other for other in left if _same_event(event, other)), None)
        if match is not None:
            left.remove(match)
            both += 1
    return both


def _dyads(events: list[dict]) -> set[frozenset]:
    pairs = set()
    for event in events:
        ends = {_country(event["source"]), _country(event.get("target"))}
        if None not in ends:
            pairs.add(frozenset(ends))
    return pairs


def agreement(first: dict[str, list[dict]], second: dict[str, list[dict]]) -> dict[str, int]:
    ids = sorted(set(first) & set(second))
    counts = dict.fromkeys(
        ["sentences", "full", "both_empty", "events_both", "only_1", "only_2"], 0
    ) | dict.fromkeys(["dyads_both", "dyads_only_1", "dyads_only_2"], 0)
    for sentence_id in ids:
        a, b = first[sentence_id], second[sentence_id]
        both = _paired(a, b)
        counts["sentences"] += 1
        counts["full"] += both == len(a) == len(b)
        counts["both_empty"] += not a and not b
        counts["events_both"] += both
        counts["only_1"] += len(a) - both
        counts["only_2"] += len(b) - both
        dyads_a, dyads_b = _dyads(a), _dyads(b)
        counts["dyads_both"] += len(dyads_a & dyads_b)
        counts["dyads_only_1"] += len(dyads_a - dyads_b)
        counts["dyads_only_2"] += len(dyads_b - dyads_a)
    return counts


def _share(part: int, whole: int) -> str:
    return f"{part / whole:.3f}" if whole else "-"


def print_agreement(counts: dict[str, int], names: tuple[str, str]) -> None:
    n = counts["sentences"]
    events = counts["events_both"] + counts["only_1"] + counts["only_2"]
    dyads = counts["dyads_both"] + counts["dyads_only_1"] + counts["dyads_only_2"]
    rows = [
        ("sentences compared", str(n), ""),
        ("agree fully (same event sets)", str(counts["full"]), _share(counts["full"], n)),
        ("  of which both with no event", str(counts["both_empty"]), ""),
        ("events in both", str(counts["events_both"]), _share(counts["events_both"], events)),
        (f"events only in {names[0]}", str(counts["only_1"]), ""),
        (f"events only in {names[1]}", str(counts["only_2"]), ""),
        (
            "dyads in both (unordered pairs)",
            str(counts["dyads_both"]),
            _share(counts["dyads_both"], dyads),
        ),
        (f"dyads only in {names[0]}", str(counts["dyads_only_1"]), ""),
        (f"dyads only in {names[1]}", str(counts["dyads_only_2"]), ""),
    ]
    width = max(len(r[0]) for r in rows)
    print(f"{'':{width}}  count  share (Jaccard)")
    for label, count, share in rows:
        print(f"{label:{width}}  {count:>5}  {share}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--pool",
        choices=sorted(POOLS),
        default="blind",
        help="blind (default): never read the coder's output on it; open: may be read",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser(
        "select", help="choose the sentences (writes bench/gold/POOL-sentences.jsonl)"
    )
    commands.add_parser("show", help="print each sentence with two sentences of context")
    build_cmd = commands.add_parser("build", help="write a gold file for `detente eval`")
    build_cmd.add_argument("out", type=Path)
    build_cmd.add_argument("--reader", type=Path, help="annotations (default: the pool's)")
    agree_cmd = commands.add_parser("agree", help="agreement between two annotation files")
    agree_cmd.add_argument("first", type=Path)
    agree_cmd.add_argument("second", type=Path)
    args = parser.parse_args(argv)
    pool = POOLS[args.pool]
    try:
        if args.command == "agree":
            first, second = (
                {r["id"]: r["events"] for r in read_jsonl(p)} for p in (args.first, args.second)
            )
            print_agreement(agreement(first, second), (args.first.name, args.second.name))
        elif args.command == "select":
            chosen = select(pool.rows(), pool.seed, pool.name)
            write_jsonl(pool.selection, chosen)
            print(
                f"{len(chosen)} sentences from {len({c['article_id'] for c in chosen})} articles -> {pool.selection}"
            )
        elif args.command == "show":
            show(read_jsonl(pool.selection), pool.rows())
        else:
            reader = args.reader or pool.annotations
            count = build(read_jsonl(pool.selection), pool.rows(), reader, args.out)
            print(f"{count} documents -> {args.out} (parsed with detente.evaluation.load_gold)")
    except (ShaMismatch, ValueError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
