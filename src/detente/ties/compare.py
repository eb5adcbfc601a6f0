"""Two sources side by side: a pair's tie series from two datasets, how well they agree, and
the periods where they disagree most, with the events behind the disagreement.

Each dataset's series is :func:`~detente.ties.series.dyad_series` over the same periods
(from the first event in either to the last in either). A period where a dataset has no
event has tie 0 there (nothing to balance). The agreement is the Pearson correlation of the
two tie series over the periods where at least one dataset has an event (``tie_correlation``),
and of their merged-event counts (``volume_correlation``); None when there are fewer than
three such periods or a series is constant.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd

from ..errors import InputError, QueryError
from ..store import Store
from .charts import chart_format, tie_chart_bytes
from .evidence import event_records, top_events
from .series import check_dataset, check_freq, dyad_series

MIN_PERIODS = 3


@dataclass
class Comparison:
    """The result of :func:`compare_datasets`."""

    pair: tuple[str, str]
    datasets: tuple[str, str]
    freq: str
    frame: pd.DataFrame
    tie_correlation: float | None
    volume_correlation: float | None
    periods: int
    disagreements: list[dict[str, Any]] = field(default_factory=list)
    series: dict[str, pd.DataFrame] = field(default_factory=dict)

    def summary(self) -> dict[str, Any]:
        first, second = self.datasets
        return {
            "pair": "–".join(self.pair),
            "datasets": f"{first} vs {second}",
            "freq": self.freq,
            "periods": self.periods,
            f"events_{first}": int(self.frame[f"events_{first}"].sum()),
            f"events_{second}": int(self.frame[f"events_{second}"].sum()),
            "tie_correlation": _rounded(self.tie_correlation),
            "volume_correlation": _rounded(self.volume_correlation),
        }


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def _correlation(x: pd.Series, y: pd.Series) -> float | None:
    if len(x) < MIN_PERIODS:
        return None
    value = x.astype("float64").corr(y.astype("float64"))
    return None if value is None or math.isnan(value) else float(value)


def compare_datasets(
    store: Store,
    a: str,
    b: str,
    datasets: tuple[str, str] = ("gdelt", "detente"),
    freq: str = "month",
    since: date | None = None,
    until: date | None = None,
    top: int = 3,
    evidence: int = 3,
    directed: bool = False,
) -> Comparison:
    """The tie series of ``a``–``b`` in two datasets, their agreement, and the ``top`` periods
    where their tie indices differ most, each with up to ``evidence`` events from each side."""
    check_freq(freq)
    if len(datasets) != 2 or datasets[0] == datasets[1]:
        raise QueryError("compare needs two different datasets: --dataset A --dataset B.")
    for name in datasets:
        check_dataset(store, name)
    first = {
        d: dyad_series(store, a, b, freq, directed, since=since, until=until, dataset=d)
        for d in datasets
    }
    starts = [f["period"].min() for f in first.values() if len(f)]
    ends = [f["period"].max() for f in first.values() if len(f)]
    if not starts:
        series = first
    else:  # the same periods for both: from the first event in either to the last in either
        lo = since or min(starts).date()
        hi = until or _period_end(max(ends).date(), freq)
        series = {
            d: dyad_series(store, a, b, freq, directed, since=lo, until=hi, dataset=d)
            for d in datasets
        }
    frame = _side_by_side(series, datasets)
    active = frame[(frame[[f"events_{d}" for d in datasets]].sum(axis=1)) > 0]
    one, two = datasets
    comparison = Comparison(
        pair=(a, b),
        datasets=(one, two),
        freq=freq,
        frame=frame,
        tie_correlation=_correlation(active[f"tie_{one}"], active[f"tie_{two}"]),
        volume_correlation=_correlation(active[f"events_{one}"], active[f"events_{two}"]),
        periods=len(active),
        series=series,
    )
    comparison.disagreements = _disagreements(store, comparison, active, top, evidence)
    return comparison


def _side_by_side(series: dict[str, pd.DataFrame], datasets: tuple[str, str]) -> pd.DataFrame:
    columns = ["events", "reports", "cooperation", "conflict", "tie"]
    parts = [series[d].set_index("period")[columns].add_suffix(f"_{d}") for d in datasets]
    frame = pd.concat(parts, axis=1).sort_index()
    for d in datasets:
        for c in ("events", "reports"):
            frame[f"{c}_{d}"] = frame[f"{c}_{d}"].fillna(0).astype("int64")
        for c in ("cooperation", "conflict", "tie"):
            frame[f"{c}_{d}"] = frame[f"{c}_{d}"].fillna(0.0)
    one, two = datasets
    frame["gap"] = frame[f"tie_{one}"] - frame[f"tie_{two}"]
    return frame.rename_axis("period").reset_index()


def _disagreements(
    store: Store, comparison: Comparison, active: pd.DataFrame, top: int, evidence: int
) -> list[dict[str, Any]]:
    a, b = comparison.pair
    ranked = active.assign(size=active["gap"].abs()).sort_values(
        ["size", "period"], ascending=[False, True]
    )
    rows = []
    for record in ranked.head(top).to_dict("records"):
        start = pd.Timestamp(record["period"]).date()
        end = _period_end(start, comparison.freq)
        row = {
            "period": start.isoformat(),
            "gap": round(float(record["gap"]), 4),
            **{
                f"{k}_{d}": _plain(record[f"{k}_{d}"])
                for d in comparison.datasets
                for k in ("events", "tie")
            },
        }
        for d in comparison.datasets:
            found = top_events(store, a, b, since=start, until=end, limit=evidence, dataset=d)
            row[f"evidence_{d}"] = event_records(found)
        rows.append(row)
    return rows


def _plain(value: Any) -> Any:
    if isinstance(value, float):
        return round(value, 4)
    return value.item() if hasattr(value, "item") else value


def _period_end(start: date, freq: str) -> date:
    step = {"day": "1D", "week": "7D", "month": "MS", "year": "YS"}[freq]
    following = pd.Timestamp(start) + pd.tseries.frequencies.to_offset(step)
    return (following - pd.Timedelta(days=1)).date()


def write_comparison_chart(path: str | Path, comparison: Comparison) -> Path:
    """Both datasets' tie lines on one chart, the periods of largest disagreement marked."""
    path = Path(path)
    a, b = comparison.pair
    marks = pd.DataFrame(
        {
            "date": [d["period"] for d in comparison.disagreements],
            "partner": [f"gap {d['gap']:+.2f}" for d in comparison.disagreements],
            "direction": ["" for _ in comparison.disagreements],
        }
    )
    series = {f"{a}–{b} ({d})": comparison.series[d] for d in comparison.datasets}
    corr = comparison.tie_correlation
    title = f"Tie index {a}–{b}: {' vs '.join(comparison.datasets)}" + (
        f" (r = {corr:.2f})" if corr is not None else ""
    )
    data = tie_chart_bytes(series, chart_format(path), title, marks)
    try:
        path.write_bytes(data)
    except OSError as exc:
        raise InputError(f"{path}: cannot write the chart: {exc.strerror or exc}.") from exc
    return path
