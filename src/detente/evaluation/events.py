"""Scoring coded events against gold events, one document at a time.

Matching rules (documented here because every figure depends on them):

- **Countries.** A predicted event fits a gold event when its source and target
  *countries* equal the gold's (an absent target equals only an absent target);
  when the gold event is ``symmetric`` (a meeting, an agreement) either order fits.
  The country of a gold code is the code without its trailing sector codes
  (``PRKGOV`` -> ``PRK``, ``NATO`` stays whole); a predicted actor's is its
  ``country`` field, else the same split of its ``code``.
- **Code at the gold's precision.** Gold ``"04"`` fits any predicted code starting
  with ``04``; gold ``"042"`` fits ``042`` and its sub-codes; a list of codes means
  any alternative fits. The *root* level asks only for one of the gold roots.
- **One-to-one per document.** Each gold event pairs with at most one prediction and
  the other way round, choosing the pairing that matches the most (see
  :func:`~detente.evaluation.metrics.match_one_to_one`). The two directions the coder
  gives one reciprocal trigger (below) are one report: together they pair with at most
  one gold event, so "A and B met; their summit is next week" cannot spend both
  directions of the meeting on the two gold events and leave the summit unpaired.
- **Actor codes** are scored separately on root-level pairs whose gold actor names a
  sector: the predicted code must start with the gold code (``PRKGOV`` fits
  ``PRKGOV`` and ``PRKGOVMIL``, not ``PRK``).
- **Dates** (on root-level pairs whose gold has a date): a gold day needs a
  predicted date of day precision on that day; a gold month needs a predicted
  date starting in that month; a gold year, one starting in that year.
- **Modality** (on root-level pairs whose gold states one): equal modality.
- **Reciprocal twins.** The coder codes a reciprocal event ("A and B met") in both
  directions. When a prediction matches a ``symmetric`` gold event, its twin (same
  trigger, countries reversed) is the same happening and is not counted as a false
  positive.
- **Dyads**: the unordered country pairs of events with both countries, as a set per
  document.
- **Forbidden**: each asserted prediction that fits a ``forbidden`` gold event
  (countries and full code) is counted and listed.
- **Confusion**: gold root x predicted root over pairs matched by countries alone
  (same-root pairs first); unpaired gold events fall in the ``none`` column,
  unpaired predictions in the ``none`` row.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from ..model import Actor, Event
from .gold import GoldEvent, split_actor_code
from .metrics import PRF, Accuracy, match_one_to_one

NONE = "none"


def actor_country(actor: Actor | None) -> str | None:
    if actor is None:
        return None
    return actor.country or split_actor_code(actor.code)[0]


def actor_code(actor: Actor | None) -> str:
    if actor is None:
        return ""
    return actor.code or (actor.country or "") + (actor.sector or "")


def predicted_root(event: Event) -> str:
    return event.root or event.code[:2]


def orientation(gold: GoldEvent, event: Event) -> str | None:
    """``"direct"``, ``"swapped"`` (symmetric gold only) or ``None`` if the countries differ."""
    pair = (actor_country(event.source), actor_country(event.target))
    if pair == (gold.source_country, gold.target_country):
        return "direct"
    if gold.symmetric and pair == (gold.target_country, gold.source_country):
        return "swapped"
    return None


def fits_countries(gold: GoldEvent, event: Event) -> bool:
    return orientation(gold, event) is not None


def fits_root(gold: GoldEvent, event: Event) -> bool:
    return predicted_root(event) in gold.roots and fits_countries(gold, event)


def fits_code(gold: GoldEvent, event: Event) -> bool:
    return any(event.code.startswith(code) for code in gold.codes) and fits_countries(gold, event)


def date_is_right(gold: GoldEvent, event: Event) -> bool:
    assert gold.date is not None
    start, precision = event.date.start, event.date.precision
    if start is None or precision == "unknown":
        return False
    if gold.date.day:
        return precision == "day" and (start.year, start.month, start.day) == (
            gold.date.year,
            gold.date.month,
            gold.date.day,
        )
    if gold.date.month:
        return (start.year, start.month) == (gold.date.year, gold.date.month)
    return start.year == gold.date.year


def dyads(pairs: Sequence[tuple[str | None, str | None]]) -> set[tuple[str, str]]:
    return {tuple(sorted((s, t))) for s, t in pairs if s and t}  # type: ignore[misc]


def match_events(
    gold: Sequence[GoldEvent], predicted: Sequence[Event], fits: Callable[[GoldEvent, Event], bool]
) -> list[tuple[int, int]]:
    """The largest one-to-one pairing of gold events with predictions, where the two
    directions of one reciprocal trigger count as one prediction: the pair is matched as a
    unit, by whichever direction fits first."""
    units = _twin_units(predicted)

    def fits_unit(g: GoldEvent, unit: list[int]) -> bool:
        return any(fits(g, predicted[j]) for j in unit)

    def agrees(g: GoldEvent, unit: list[int]) -> bool:
        return any(fits(g, predicted[j]) and _agrees(g, predicted[j]) for j in unit)

    pairs = _prefer_agreeing(
        match_one_to_one(gold, units, fits_unit), gold, units, fits_unit, agrees
    )
    return sorted((i, next(j for j in units[u] if fits(gold[i], predicted[j]))) for i, u in pairs)


def _agrees(gold: GoldEvent, event: Event) -> bool:
    """Whether a fitting prediction also has the gold's modality and date, where it states
    them: of two pairings that match as many events, the one that pairs like with like."""
    modality = gold.modality is None or event.modality == gold.modality
    return modality and (gold.date is None or date_is_right(gold, event))


def _prefer_agreeing(
    pairs: list[tuple[int, int]],
    gold: Sequence[GoldEvent],
    units: list[list[int]],
    fits: Callable[[GoldEvent, list[int]], bool],
    agrees: Callable[[GoldEvent, list[int]], bool],
) -> list[tuple[int, int]]:
    """Swap the predictions of two pairs while that pairs more gold events with agreeing
    ones and both still fit."""
    pairs = list(pairs)
    changed = True
    while changed:
        changed = False
        for a in range(len(pairs)):
            for b in range(a + 1, len(pairs)):
                (i1, u1), (i2, u2) = pairs[a], pairs[b]
                g1, g2, p1, p2 = gold[i1], gold[i2], units[u1], units[u2]
                if not (fits(g1, p2) and fits(g2, p1)):
                    continue
                now = agrees(g1, p1) + agrees(g2, p2)
                if agrees(g1, p2) + agrees(g2, p1) > now:
                    pairs[a], pairs[b] = (i1, u2), (i2, u1)
                    changed = True
    return pairs


def _twin_units(predicted: Sequence[Event]) -> list[list[int]]:
    """Predictions grouped into the two directions of one reciprocal trigger, or alone."""
    units: list[list[int]] = []
    taken: set[int] = set()
    for j, event in enumerate(predicted):
        if j in taken:
            continue
        unit = [j]
        for k in range(j + 1, len(predicted)):
            if k not in taken and _reverse_of(predicted[k], event):
                unit.append(k)
                break
        taken.update(unit)
        units.append(unit)
    return units


def _reverse_of(other: Event, event: Event) -> bool:
    return (
        other.trigger_span == event.trigger_span
        and other.root == event.root
        and actor_country(other.source) == actor_country(event.target)
        and actor_country(other.target) == actor_country(event.source)
    )


def reciprocal_twins(
    gold: Sequence[GoldEvent], predicted: Sequence[Event], pairs: Sequence[tuple[int, int]]
) -> set[int]:
    """Unpaired predictions that are the other direction of a prediction paired with a
    symmetric gold event: same trigger, same root, countries reversed."""
    paired = {j for _, j in pairs}
    twins: set[int] = set()
    for i, j in pairs:
        if not gold[i].symmetric:
            continue
        matched = predicted[j]
        for k, other in enumerate(predicted):
            if k in paired or k in twins:
                continue
            if _reverse_of(other, matched):
                twins.add(k)
    return twins


@dataclass
class EventScores:
    """Event scores summed over documents; see the module docstring for the rules."""

    documents: int = 0
    root: PRF = field(default_factory=PRF)
    full: PRF = field(default_factory=PRF)
    dyads: PRF = field(default_factory=PRF)
    source_actor: Accuracy = field(default_factory=Accuracy)
    target_actor: Accuracy = field(default_factory=Accuracy)
    dates: Accuracy = field(default_factory=Accuracy)
    modality: Accuracy = field(default_factory=Accuracy)
    both_countries_root: Accuracy = field(default_factory=Accuracy)
    """Root precision of the predictions that name a country on both sides (the events a
    tie index counts): the share of them that pair with a gold event at root level."""
    forbidden: list[dict] = field(default_factory=list)
    confusion: Counter = field(default_factory=Counter)
    """``(gold root, predicted root)`` -> count, with ``"none"`` for no counterpart."""

    def add(
        self,
        doc_id: str,
        gold: Sequence[GoldEvent],
        predicted: Sequence[Event],
        forbidden: Sequence[GoldEvent] = (),
    ) -> None:
        """Score one document's predicted events against its gold events."""
        self.documents += 1
        root_pairs = match_events(gold, predicted, fits_root)
        full_pairs = match_events(gold, predicted, fits_code)
        root_twins = reciprocal_twins(gold, predicted, root_pairs)
        full_twins = reciprocal_twins(gold, predicted, full_pairs)
        self.root += PRF(len(root_pairs), len(predicted) - len(root_twins), len(gold))
        self.full += PRF(len(full_pairs), len(predicted) - len(full_twins), len(gold))
        self.dyads += PRF.from_sets(
            dyads([(actor_country(e.source), actor_country(e.target)) for e in predicted]),
            dyads([(g.source_country, g.target_country) for g in gold]),
        )
        for i, j in root_pairs:
            self._score_pair(gold[i], predicted[j])
        paired = {j for _, j in root_pairs}
        for j, event in enumerate(predicted):
            if j in root_twins or not (actor_country(event.source) and actor_country(event.target)):
                continue
            self.both_countries_root = self.both_countries_root.count(j in paired)
        self._score_forbidden(doc_id, forbidden, predicted)
        self._score_confusion(gold, predicted)

    def _score_pair(self, gold: GoldEvent, event: Event) -> None:
        swapped = orientation(gold, event) == "swapped"
        source, target = (event.target, event.source) if swapped else (event.source, event.target)
        if split_actor_code(gold.source)[1]:
            self.source_actor = self.source_actor.count(actor_code(source).startswith(gold.source))
        if gold.target and split_actor_code(gold.target)[1]:
            self.target_actor = self.target_actor.count(actor_code(target).startswith(gold.target))
        if gold.date is not None:
            self.dates = self.dates.count(date_is_right(gold, event))
        if gold.modality is not None:
            self.modality = self.modality.count(event.modality == gold.modality)

    def _score_forbidden(
        self, doc_id: str, forbidden: Sequence[GoldEvent], predicted: Sequence[Event]
    ) -> None:
        for bad in forbidden:
            for event in predicted:
                if event.modality == "asserted" and fits_code(bad, event):
                    self.forbidden.append(
                        {
                            "id": doc_id,
                            "forbidden": bad.describe(),
                            "predicted": describe_event(event),
                            "sentence": event.sentence,
                        }
                    )

    def _score_confusion(self, gold: Sequence[GoldEvent], predicted: Sequence[Event]) -> None:
        same_root = match_events(gold, predicted, fits_root)
        left_gold = [i for i in range(len(gold)) if i not in {i for i, _ in same_root}]
        left_pred = [j for j in range(len(predicted)) if j not in {j for _, j in same_root}]
        by_dyad = match_one_to_one(
            [gold[i] for i in left_gold], [predicted[j] for j in left_pred], fits_countries
        )
        pairs = same_root + [(left_gold[a], left_pred[b]) for a, b in by_dyad]
        for i, j in pairs:
            root = predicted_root(predicted[j])
            gold_root = root if root in gold[i].roots else gold[i].roots[0]
            self.confusion[(gold_root, root)] += 1
        for i in set(range(len(gold))) - {i for i, _ in pairs}:
            self.confusion[(gold[i].roots[0], NONE)] += 1
        for j in set(range(len(predicted))) - {j for _, j in pairs}:
            self.confusion[(NONE, predicted_root(predicted[j]))] += 1

    def confusion_table(self) -> dict[str, dict[str, int]]:
        """Rows are gold roots, columns predicted roots; ``none`` last in both."""
        labels = sorted(
            {g for g, _ in self.confusion} | {p for _, p in self.confusion},
            key=lambda r: (r == NONE, r),
        )
        return {g: {p: self.confusion.get((g, p), 0) for p in labels} for g in labels}

    def to_dict(self) -> dict:
        return {
            "documents": self.documents,
            "root": self.root.to_dict(),
            "full_code": self.full.to_dict(),
            "dyads": self.dyads.to_dict(),
            "actor_codes": {
                "source": self.source_actor.to_dict(),
                "target": self.target_actor.to_dict(),
            },
            "dates": self.dates.to_dict(),
            "modality": self.modality.to_dict(),
            "root_precision_both_countries": self.both_countries_root.to_dict(),
            "forbidden_asserted": {"count": len(self.forbidden), "events": list(self.forbidden)},
            "confusion": self.confusion_table(),
        }


def describe_event(event: Event) -> str:
    target = actor_code(event.target) or "-"
    return f"{actor_code(event.source) or '-'} -> {target} {event.code} ({event.modality})"
