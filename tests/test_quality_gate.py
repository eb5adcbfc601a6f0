"""Quality gate: the real pipeline on development gold must stay above pinned floors.

The floors sit just below what the coder scored when they were last set. Raise a
floor (never lower it silently) when the coder improves: run

    PYTHONPATH=src .venv/bin/python -m pytest tests/test_quality_gate.py -s

read the figures it prints, and set the constant a little below the new figure, in
a commit that says so. Lowering a floor is a deliberate, explained commit.

The ConfliBERT development sets live in ``../shared/data/dev-gold`` beside the
repository and are never copied into it; without them these tests skip.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from detente.evaluation import convert_dev_gold, evaluate_documents, load_gold, sample_documents

pytestmark = pytest.mark.slow

SHARED_DEV_GOLD = Path(__file__).parents[2] / "shared" / "data" / "dev-gold"
DEMO_GOLD = Path(__file__).parent / "fixtures" / "gold" / "demo_gold.jsonl"

SAMPLE_SIZE = 300
"""Sentences drawn from each development set (fixed seed) to keep the gate quick: about
5 s each on two cores, against about 20 s for all 1,349 / 1,153 sentences."""
SAMPLE_SEED = 17

# Floors: the measured figure less a small margin. Raised 2026-11-30 with events-8 and
# when-7 on the seed-17 samples of 300: penta 0.840; spans F1 source 0.874, target 0.704,
# combined 0.795; demo_gold.jsonl (60 documents) F1 root 0.741, full code 0.741, dyads
# 0.889, dates 0.905, modality 0.98. (Full sets: penta 0.850; spans 0.879 / 0.706 / 0.797.)
PENTA_ACCURACY_FLOOR = 0.815
SPANS_SOURCE_F1_FLOOR = 0.85
SPANS_TARGET_F1_FLOOR = 0.68
SPANS_COMBINED_F1_FLOOR = 0.77
DEMO_ROOT_F1_FLOOR = 0.70
DEMO_FULL_F1_FLOOR = 0.70
DEMO_DYAD_F1_FLOOR = 0.85
DEMO_DATE_ACCURACY_FLOOR = 0.87
DEMO_MODALITY_ACCURACY_FLOOR = 0.94


@pytest.fixture(scope="module")
def dev_gold(tmp_path_factory) -> dict[str, Path]:
    if not SHARED_DEV_GOLD.is_dir():
        pytest.skip(f"development gold not found at {SHARED_DEV_GOLD} (../shared is absent)")
    return convert_dev_gold(SHARED_DEV_GOLD, tmp_path_factory.mktemp("dev-gold"))


@pytest.fixture(scope="module")
def pipeline():
    from detente.pipeline import Pipeline

    return Pipeline.load()


def scored(path: Path, pipeline):
    documents = sample_documents(load_gold(path), SAMPLE_SIZE, SAMPLE_SEED)
    report = evaluate_documents(documents, pipeline, gold=str(path))
    print()
    print(report.to_text())
    return report


@pytest.mark.gold
def test_main_event_class_accuracy_stays_above_its_floor(dev_gold, pipeline):
    report = scored(dev_gold["penta"], pipeline)
    assert report.penta.accuracy.total == SAMPLE_SIZE
    assert report.penta.accuracy.accuracy >= PENTA_ACCURACY_FLOOR


@pytest.mark.gold
def test_actor_span_f1_stays_above_its_floors(dev_gold, pipeline):
    report = scored(dev_gold["spans"], pipeline)
    spans = report.spans
    assert spans.sentences == SAMPLE_SIZE
    assert spans.source.f1 >= SPANS_SOURCE_F1_FLOOR
    assert spans.target.f1 >= SPANS_TARGET_F1_FLOOR
    assert spans.combined.f1 >= SPANS_COMBINED_F1_FLOOR


def test_demo_gold_events_stay_above_their_floors(pipeline):
    report = evaluate_documents(load_gold(DEMO_GOLD), pipeline, gold=str(DEMO_GOLD))
    print()
    print(report.to_text())
    events = report.events
    assert events.root.f1 >= DEMO_ROOT_F1_FLOOR
    assert events.full.f1 >= DEMO_FULL_F1_FLOOR
    assert events.dyads.f1 >= DEMO_DYAD_F1_FLOOR
    assert events.dates.accuracy >= DEMO_DATE_ACCURACY_FLOOR
    assert events.modality.accuracy >= DEMO_MODALITY_ACCURACY_FLOOR
    assert not events.forbidden, "a forbidden event was asserted"
