"""Generate a detente store of about one million synthetic event reports, then merge them.

    .venv/bin/python bench/make_store.py bench/ties-1m.duckdb --events 1000000

The store looks like real ingest: articles arrive in chronological chunks (each
chunk a separate ingest, merged right after it as the lead's ingest does), about
three events per article, pairs of states drawn with a heavy-tailed popularity,
CAMEO codes drawn from the codebook with more talk than fighting, 80 % of events
dated to the day, 10 % to the month, 10 % undated, 15 % not asserted, and one
event in three re-reported by another outlet a day or two later.
"""

from __future__ import annotations

import argparse
import time
from datetime import date, datetime, timedelta
from pathlib import Path

import numpy as np
import pandas as pd

from detente.events.ontology import all_codes
from detente.store import Store
from detente.ties import merge_new_events

COUNTRIES = [
    "USA",
    "CHN",
    "RUS",
    "PRK",
    "KOR",
    "JPN",
    "GBR",
    "FRA",
    "DEU",
    "IND",
    "PAK",
    "IRN",
    "ISR",
    "SYR",
    "TUR",
    "UKR",
    "SAU",
    "EGY",
    "IRQ",
    "AFG",
    "BRA",
    "MEX",
    "CAN",
    "AUS",
    "IDN",
    "PHL",
    "VNM",
    "THA",
    "MMR",
    "NGA",
    "ZAF",
    "ETH",
    "KEN",
    "SDN",
    "LBY",
    "QAT",
    "ARE",
    "JOR",
    "LBN",
    "YEM",
    "VEN",
    "COL",
    "CUB",
    "ARG",
    "CHL",
    "PER",
    "POL",
    "ITA",
    "ESP",
    "NLD",
    "BEL",
    "SWE",
    "NOR",
    "FIN",
    "GRC",
    "SRB",
    "BLR",
    "KAZ",
    "UZB",
    "GEO",
    "ARM",
    "AZE",
    "MNG",
    "NPL",
    "BGD",
    "LKA",
    "MYS",
    "SGP",
    "NZL",
]
SECTORS = np.array(["GOV", "MIL", "", "", "GOV", "LEG", "BUS"])
OUTLETS = np.array(
    ["Reuters", "AP", "AFP", "Yonhap", "TASS", "Xinhua", "BBC", "Al Jazeera", "NHK", "DW"]
)
MODALITIES = np.array(["asserted", "negated", "hypothetical", "future", "unconfirmed"])
START = date(2015, 1, 1)
DAYS = 3650
PIPELINE = "bench-synthetic"


def code_table(rng: np.random.Generator) -> pd.DataFrame:
    codes = [c for c in all_codes() if len(c.code) >= 3]
    frame = pd.DataFrame(
        [
            {
                "code": c.code,
                "root": c.root,
                "name": c.name,
                "goldstein": c.goldstein,
                "quad_class": c.quad_class,
                "plover": c.plover,
            }
            for c in codes
        ]
    )
    root = frame["root"].astype(int)
    frame["weight"] = np.where(
        root <= 5, 6.0, np.where(root <= 8, 2.0, np.where(root <= 13, 3.0, 1.0))
    )
    frame["weight"] /= frame["weight"].sum()
    return frame


def make_chunk(
    rng,
    codes: pd.DataFrame,
    first_day: int,
    days: int,
    n_events: int,
    offset: int,
    ingested_at: datetime,
) -> dict[str, pd.DataFrame]:
    """``n_events`` reports in articles published between ``first_day`` and ``first_day + days``."""
    n_unique = int(n_events / 1.33)
    popularity = 1.0 / np.arange(1, len(COUNTRIES) + 1) ** 1.1
    popularity /= popularity.sum()
    src = rng.choice(len(COUNTRIES), n_unique, p=popularity)
    tgt = rng.choice(len(COUNTRIES), n_unique, p=popularity)
    tgt = np.where(tgt == src, (tgt + 1) % len(COUNTRIES), tgt)
    pick = rng.choice(len(codes), n_unique, p=codes["weight"].to_numpy())
    day = first_day + rng.integers(0, days, n_unique)
    # one event in three is reported again by another outlet a day or two later
    again = np.flatnonzero(rng.random(n_unique) < 0.33)[: n_events - n_unique]
    idx = np.concatenate([np.arange(n_unique), again])
    lag = np.concatenate([rng.integers(0, 2, n_unique), rng.integers(1, 3, len(again))])
    n = len(idx)
    chosen = codes.iloc[pick[idx]].reset_index(drop=True)
    event_day = np.array([START + timedelta(days=int(d)) for d in day[idx]])
    published = np.array([d + timedelta(days=int(x)) for d, x in zip(event_day, lag)])
    kind = rng.random(n)
    precision = np.where(kind < 0.8, "day", np.where(kind < 0.9, "month", "unknown"))
    start = np.where(
        precision == "day",
        event_day,
        np.where(precision == "month", [d.replace(day=1) for d in event_day], None),
    )
    end = np.where(
        precision == "day",
        event_day,
        np.where(
            precision == "month",
            [
                (d.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
                for d in event_day
            ],
            None,
        ),
    )
    article_no = (offset + np.arange(n)) // 3  # offsets are multiples of 3
    ids = np.array([f"e{offset + i:011d}" for i in range(n)])
    art_ids = np.array([f"a{a:011d}" for a in article_no])
    # the same happening keeps its modality and its actors' sector when it is reported again
    modality = np.where(
        rng.random(n_unique) < 0.85, "asserted", MODALITIES[rng.integers(1, 5, n_unique)]
    )[idx]
    sector = SECTORS[rng.integers(0, len(SECTORS), n_unique)][idx]
    s_country = np.array(COUNTRIES)[src[idx]]
    t_country = np.array(COUNTRIES)[tgt[idx]]
    outlet = OUTLETS[(rng.integers(0, len(OUTLETS), n) + (np.arange(n) >= n_unique)) % len(OUTLETS)]
    events = pd.DataFrame(
        {
            "id": ids,
            "article_id": art_ids,
            "ordinal": np.arange(n) % 3,
            "code": chosen["code"],
            "root": chosen["root"],
            "name": chosen["name"],
            "plover": chosen["plover"],
            "quad_class": chosen["quad_class"].astype("int8"),
            "goldstein": chosen["goldstein"],
            "modality": modality,
            "source_text": s_country,
            "source_code": np.char.add(s_country, sector),
            "source_country": s_country,
            "source_sector": np.where(sector == "", None, sector),
            "target_text": t_country,
            "target_code": t_country,
            "target_country": t_country,
            "date_start": pd.to_datetime(pd.Series(start)).dt.date,
            "date_end": pd.to_datetime(pd.Series(end)).dt.date,
            "date_precision": precision,
            "report_date": published,
            "published": published,
            "outlet": outlet,
            "trigger": "met",
            "confidence": 0.8,
            "pipeline_version": PIPELINE,
        }
    )
    events["report_lag_days"] = [
        (p - s).days if s is not None else None for p, s in zip(published, start)
    ]
    evidence = pd.DataFrame(
        {
            "event_id": ids,
            "article_id": art_ids,
            "sentence_index": np.arange(n) % 3,
            "sentence_start": 0,
            "sentence_end": 40,
            "trigger_start": 10,
            "trigger_end": 13,
            "sentence": [
                f"Synthetic report {i}: {s} and {t}." for i, s, t in zip(ids, s_country, t_country)
            ],
        }
    )
    articles = (
        events.groupby("article_id", sort=False)
        .agg(
            published=("published", "first"), source=("outlet", "first"), event_count=("id", "size")
        )
        .reset_index()
    )
    articles = articles.rename(columns={"article_id": "id"})
    articles["text"] = "Synthetic article " + articles["id"]
    articles["content_hash"] = articles["id"]
    articles["ingested_at"] = ingested_at
    articles["pipeline_version"] = PIPELINE
    articles["origin"] = "bench"
    return {"articles": articles, "events": events, "event_evidence": evidence}


def write_chunk(store: Store, tables: dict[str, pd.DataFrame]) -> None:
    with store.transaction() as con:
        for name, frame in tables.items():
            con.register("_chunk", frame)
            con.execute(f"INSERT INTO {name} BY NAME SELECT * FROM _chunk")
            con.unregister("_chunk")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", type=Path)
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--chunks", type=int, default=40)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    if args.path.exists():
        args.path.unlink()
    rng = np.random.default_rng(args.seed)
    codes = code_table(rng)
    per_chunk, days = args.events // args.chunks // 3 * 3, DAYS // args.chunks
    base = datetime(2025, 1, 1)
    started = time.perf_counter()
    merge_seconds = 0.0
    with Store(args.path) as store:
        for k in range(args.chunks):
            tables = make_chunk(
                rng, codes, k * days, days, per_chunk, k * per_chunk, base + timedelta(minutes=k)
            )
            write_chunk(store, tables)
            t = time.perf_counter()
            result = merge_new_events(store)
            merge_seconds += time.perf_counter() - t
            print(
                f"chunk {k + 1}/{args.chunks}: {result.reports} reports, {result.new_merged} new merged, "
                f"{result.updated_merged} updated, {time.perf_counter() - t:.1f} s",
                flush=True,
            )
        counts = store.query(
            "SELECT (SELECT count(*) FROM events) AS reports, "
            "(SELECT count(*) FROM merged_events) AS merged, "
            "(SELECT count(*) FROM articles) AS articles"
        )[0]
    print(
        f"{counts['reports']:,} reports in {counts['articles']:,} articles -> {counts['merged']:,} merged "
        f"events; {time.perf_counter() - started:.0f} s in all, {merge_seconds:.0f} s merging"
    )


if __name__ == "__main__":
    main()
