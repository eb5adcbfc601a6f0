"""The committed blind gold files are well formed (checked without the corpus or the coder)."""

from __future__ import annotations

import csv
import importlib.util
import json
import re
from pathlib import Path

import pycountry
import pytest

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


def cameo_roots() -> set[str]:
    with (DATA / "events" / "cameo.csv").open(encoding="utf-8") as handle:
        return {row["root"] for row in csv.DictReader(handle)}


def known_countries() -> set[str]:
    with (DATA / "actors" / "igos.tsv").open(encoding="utf-8") as handle:
        igos = {line.split("\t")[0] for line in handle if line.strip() and line[0] != "#"}
    return {c.alpha_3 for c in pycountry.countries} | igos - {"code"}


SELECTION = read("blind-sentences.jsonl")
READER1 = read("blind-reader1.jsonl")
ANNOTATION_FILES = ["blind-reader1.jsonl", "blind-reader2.jsonl", "blind.jsonl"]


def test_the_selection_has_unique_ids_offsets_and_hashes_but_no_text():
    assert len(SELECTION) >= 150
    assert len({s["id"] for s in SELECTION}) == len(SELECTION)
    for item in SELECTION:
        assert set(item) == {"id", "article_id", "published", "start", "end", "sha"}
        assert re.fullmatch(r"blind-\d{3}", item["id"])
        assert 0 <= item["start"] < item["end"]
        assert re.fullmatch(r"[0-9a-f]{12}", item["sha"])
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", item["published"])


def test_the_selection_comes_only_from_the_blind_pool():
    corpus = load_bench_module().corpus
    assert all(corpus.is_blind(item["article_id"]) for item in SELECTION)


@pytest.mark.parametrize("name", ANNOTATION_FILES)
def test_every_selected_sentence_is_annotated_once(name):
    ids = [a["id"] for a in read(name)]
    assert ids == [s["id"] for s in SELECTION]


@pytest.mark.parametrize("name", ANNOTATION_FILES)
def test_annotations_use_cameo_roots_known_actors_and_modalities(name):
    roots, countries = cameo_roots(), known_countries()
    for annotation in read(name):
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
                # a side with no country (a bare sector) must be explained in the note
                assert country in countries or (country is None and annotation.get("note"))


def test_the_reader_files_agree_with_themselves():
    blind_gold = load_bench_module()
    events = {a["id"]: a["events"] for a in READER1}
    counts = blind_gold.agreement(events, events)
    assert counts["full"] == counts["sentences"] == len(SELECTION)
    assert counts["only_1"] == counts["only_2"] == counts["dyads_only_1"] == 0


def test_agreement_compares_countries_roots_and_symmetry():
    blind_gold = load_bench_module()
    first = {
        "a": [{"source": "FRAGOV", "target": "DEU", "code": "04", "symmetric": True}],
        "b": [{"source": "ITA", "target": "ESP", "code": ["11", "12"], "symmetric": False}],
    }
    second = {
        "a": [{"source": "DEU", "target": "FRA", "code": "043", "symmetric": True}],
        "b": [{"source": "ESP", "target": "ITA", "code": "11", "symmetric": False}],
    }
    counts = blind_gold.agreement(first, second)
    assert counts["full"] == 1
    assert (counts["events_both"], counts["only_1"], counts["only_2"]) == (1, 1, 1)
    assert counts["dyads_both"] == 2


def test_the_adjudicated_file_notes_every_sentence_it_changed_from_reader_1():
    first = {a["id"]: a["events"] for a in READER1}
    for annotation in read("blind.jsonl"):
        if annotation["events"] != first[annotation["id"]]:
            assert annotation.get("note", "").startswith("adjudicated"), annotation["id"]


def test_no_sentence_writes_one_event_twice():
    """Same root, same source and target countries: written once (guide, section 2)."""
    blind_gold = load_bench_module()
    for annotation in read("blind.jsonl"):
        events = annotation["events"]
        for i, first in enumerate(events):
            for second in events[i + 1 :]:
                assert not blind_gold._same_event(first, second), annotation["id"]
