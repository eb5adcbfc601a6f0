"""The main event of a sentence, and scoring it against five-way gold classes.

The ConfliBERT CAMEO class data gives each sentence one class: 0 statements and
appeals (roots 01-02), 1 verbal cooperation (03-05), 2 material cooperation
(06-08), 3 verbal conflict (09-13), 4 material conflict (14-20).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..events.ontology import penta_class
from ..model import Event
from .metrics import Accuracy

PENTA_LABELS = (
    "statement",
    "verbal cooperation",
    "material cooperation",
    "verbal conflict",
    "material conflict",
)
NO_EVENT = "none"
_STATEMENT_ROOTS = ("01", "02")


def main_event(events: Sequence[Event]) -> Event | None:
    """The one event that best stands for a sentence or article, or ``None``.

    Ordered by, in turn: asserted events before negated, hypothetical, future or
    unconfirmed ones; events of other roots before statements and appeals (01, 02),
    which so often only frame the event reported ("X said that Y attacked Z");
    higher confidence; the earlier trigger in the text.
    """
    if not events:
        return None
    return min(
        events,
        key=lambda e: (
            e.extras.get("clause_depth", 0),
            e.modality != "asserted",
            (e.root or e.code[:2]) in _STATEMENT_ROOTS,
            -e.confidence,
            e.trigger_span[0],
        ),
    )


def event_penta_class(event: Event | None) -> int | None:
    """The five-way class of an event's root, ``None`` for no event."""
    return None if event is None else penta_class(event.root or event.code[:2])


@dataclass
class PentaScores:
    """Accuracy of the main event's class; a sentence without events counts as wrong."""

    accuracy: Accuracy = field(default_factory=Accuracy)
    confusion: Counter = field(default_factory=Counter)
    """``(gold class, predicted class or "none")`` -> count."""

    def add(self, gold_class: int, events: Sequence[Event]) -> int | None:
        predicted = event_penta_class(main_event(events))
        self.accuracy = self.accuracy.count(predicted == gold_class)
        self.confusion[(gold_class, NO_EVENT if predicted is None else predicted)] += 1
        return predicted

    def confusion_table(self) -> dict[str, dict[str, int]]:
        columns = [*range(5), NO_EVENT]
        return {str(g): {str(p): self.confusion.get((g, p), 0) for p in columns} for g in range(5)}

    def to_dict(self) -> dict:
        return {
            **self.accuracy.to_dict(),
            "no_event": sum(n for (_, p), n in self.confusion.items() if p == NO_EVENT),
            "labels": {str(i): label for i, label in enumerate(PENTA_LABELS)},
            "confusion": self.confusion_table(),
        }
