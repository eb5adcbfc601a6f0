"""Counts and ratios shared by every section of an evaluation report."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from typing import TypeVar

G = TypeVar("G")
P = TypeVar("P")


@dataclass(frozen=True)
class PRF:
    """Precision, recall and F1 from three counts, summable across documents."""

    correct: int = 0
    predicted: int = 0
    gold: int = 0

    @classmethod
    def from_sets(
        cls,
        predicted: AbstractSet[Hashable],
        gold: AbstractSet[Hashable],
        correct: AbstractSet[Hashable] | None = None,
    ) -> PRF:
        hits = predicted & gold if correct is None else correct
        return cls(len(hits), len(predicted), len(gold))

    def __add__(self, other: PRF) -> PRF:
        return PRF(
            self.correct + other.correct, self.predicted + other.predicted, self.gold + other.gold
        )

    @property
    def precision(self) -> float:
        return self.correct / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.correct / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "correct": self.correct,
            "predicted": self.predicted,
            "gold": self.gold,
        }


@dataclass(frozen=True)
class Accuracy:
    correct: int = 0
    total: int = 0

    def __add__(self, other: Accuracy) -> Accuracy:
        return Accuracy(self.correct + other.correct, self.total + other.total)

    def count(self, right: bool) -> Accuracy:
        return Accuracy(self.correct + int(right), self.total + 1)

    @property
    def accuracy(self) -> float:
        return self.correct / self.total if self.total else 0.0

    def to_dict(self) -> dict:
        return {"accuracy": round(self.accuracy, 4), "correct": self.correct, "total": self.total}


def match_one_to_one(
    gold: Sequence[G], predicted: Sequence[P], fits: Callable[[G, P], bool]
) -> list[tuple[int, int]]:
    """A largest one-to-one matching of gold to predicted items, as index pairs.

    Augmenting paths (Kuhn's algorithm): a greedy first-come pairing could pair a
    gold event with the one prediction another gold event needed, and so undercount.
    Documents hold a handful of events, so the quadratic cost does not matter.
    """
    options = [[j for j, p in enumerate(predicted) if fits(g, p)] for g in gold]
    owner: dict[int, int] = {}

    def place(i: int, seen: set[int]) -> bool:
        for j in options[i]:
            if j in seen:
                continue
            seen.add(j)
            if j not in owner or place(owner[j], seen):
                owner[j] = i
                return True
        return False

    for i in range(len(gold)):
        place(i, set())
    return sorted((i, j) for j, i in owner.items())
