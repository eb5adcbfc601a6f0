"""The committed open gold files are well formed (checked without the corpus or the coder)."""

from __future__ import annotations

import csv
import importlib.util
import json
import re
from pathlib import Path

import pycountry

from detente.evaluation import split_actor_code
from detente.model import MODALITIES

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "bench" / "gold"
DATA = ROOT / "src" / "detente" / "data"


def load_bench_module():
    spec = importlib.util.spec_from_file_location("blind_gold", ROOT / "bench" / "blind_gold.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def read(name: str) -> list[dict]:
    with (GOLD / name).open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


SELECTION = read("open-sentences.jsonl")
ANNOTATIONS = read("open.jsonl")


def test_the_open_selection_has_unique_ids_offsets_and_hashes_but_no_text():
    assert len(SELECTION) >= 150
    assert len({s["id"] for s in SELECTION}) == len(SELECTION)
    for item in SELECTION:
        assert set(item) == {"id", "article_id", "published", "start", "end", "sha"}
        assert re.fullmatch(r"open-\d{3}", item["id"])
        assert 0 <= item["start"] < item["end"]
        assert re.fullmatch(r"[0-9a-f]{12}", item["sha"])


def test_the_open_selection_avoids_the_blind_pool_and_the_coverage_samples():
    blind_gold = load_bench_module()
    samples = blind_gold.sample_ids()
    blind = {s["article_id"] for s in read("blind-sentences.jsonl")}
    for item in SELECTION:
        assert not blind_gold.corpus.is_blind(item["article_id"])
        assert item["article_id"] not in samples and item["article_id"] not in blind


def test_the_coverage_samples_are_read_as_article_ids():
    samples = load_bench_module().sample_ids()
    assert {"2807", "3150", "1340"} <= samples  # a bare line, and lines with a # comment
    assert all(re.fullmatch(r"\d+", article_id) for article_id in samples)


def test_the_two_pools_draw_with_their_own_seeds_and_files():
    pools = load_bench_module().POOLS
    assert pools["blind"].selection.name == "blind-sentences.jsonl"
    assert pools["open"].selection.name == "open-sentences.jsonl"
    assert pools["open"].annotations.name == "open.jsonl"
    assert pools["blind"].seed != pools["open"].seed


def test_every_open_sentence_is_annotated_once():
    assert [a["id"] for a in ANNOTATIONS] == [s["id"] for s in SELECTION]


def test_open_annotations_use_cameo_roots_known_actors_and_modalities():
    with (DATA / "events" / "cameo.csv").open(encoding="utf-8") as handle:
        roots = {row["root"] for row in csv.DictReader(handle)}
    with (DATA / "actors" / "igos.tsv").open(encoding="utf-8") as handle:
        igos = {line.split("\t")[0] for line in handle if line.strip() and line[0] != "#"}
    countries = {c.alpha_3 for c in pycountry.countries} | igos - {"code"}
    for annotation in ANNOTATIONS:
        assert set(annotation) <= {"id", "events", "note"}
        for event in annotation["events"]:
            assert set(event) == {"source", "target", "code", "symmetric", "modality"}
            codes = event["code"] if isinstance(event["code"], list) else [event["code"]]
            assert all(len(c) == 2 and c in roots for c in codes), annotation["id"]
            assert isinstance(event["symmetric"], bool)
            assert event["modality"] in MODALITIES
            for side in ("source", "target"):
                if event[side] is None:
                    assert side == "target", annotation["id"]
                    continue
                country, _sector = split_actor_code(event[side])
                assert country in countries or (country is None and annotation.get("note"))


def test_no_open_sentence_writes_one_event_twice():
    blind_gold = load_bench_module()
    for annotation in ANNOTATIONS:
        events = annotation["events"]
        for i, first in enumerate(events):
            for second in events[i + 1 :]:
                assert not blind_gold._same_event(first, second), annotation["id"]
