"""Geometry of the inline SVG charts: numbers only; the templates draw them.

Server-side SVG keeps the pages readable without JavaScript and needs no chart library
from a CDN.
"""

from __future__ import annotations

from datetime import date
from typing import Any

WIDTH, HEIGHT, PAD = 720, 240, 36


def tie_chart(series: list[dict[str, Any]], changes: list[dict[str, Any]]) -> dict[str, Any] | None:
    """A tie-index line over time (−1 … 1), event-count bars, change points as vertical rules."""
    if not series:
        return None
    n = len(series)
    inner_w, inner_h = WIDTH - 2 * PAD, HEIGHT - 2 * PAD
    step = inner_w / max(n - 1, 1)
    most = max((row["events"] or 0) for row in series) or 1

    def x(i: int) -> float:
        return round(PAD + i * step, 1)

    def y(tie: float) -> float:
        return round(PAD + (1 - (tie + 1) / 2) * inner_h, 1)

    points = " ".join(f"{x(i)},{y(float(row['tie'] or 0))}" for i, row in enumerate(series))
    bar_w = max(min(step * 0.6, 18), 2)
    bars = [
        {
            "x": round(x(i) - bar_w / 2, 1),
            "w": round(bar_w, 1),
            "h": round((row["events"] or 0) / most * inner_h * 0.35, 1),
            "y": round(PAD + inner_h - (row["events"] or 0) / most * inner_h * 0.35, 1),
            "label": f"{_day(row['period'])}: {row['events']} events, tie {float(row['tie'] or 0):+.2f}",
        }
        for i, row in enumerate(series)
    ]
    index = {_day(row["period"]): i for i, row in enumerate(series)}
    rules = [
        {
            "x": x(index[_day(c["date"])]),
            "label": f"{_day(c['date'])} {c['direction']} "
            f"({c['tie_before']:+.2f} → {c['tie_after']:+.2f})",
            "direction": c["direction"],
        }
        for c in changes
        if _day(c["date"]) in index
    ]
    ticks = [{"x": x(i), "label": _day(series[i]["period"])} for i in _tick_positions(n)]
    return {
        "width": WIDTH,
        "height": HEIGHT,
        "points": points,
        "bars": bars,
        "rules": rules,
        "ticks": ticks,
        "zero": y(0.0),
        "top": y(1.0),
        "bottom": y(-1.0),
        "left": PAD,
        "right": WIDTH - PAD,
        "dots": [{"x": x(i), "y": y(float(r["tie"] or 0))} for i, r in enumerate(series)],
    }


def partner_bars(partners: list[dict[str, Any]]) -> dict[str, Any] | None:
    """Horizontal bars of each partner's tie index, centred on zero."""
    if not partners:
        return None
    row_h, label_w = 22, 70
    half = (WIDTH - label_w - PAD) / 2
    centre = label_w + half
    bars = []
    for i, p in enumerate(partners):
        tie = float(p["tie"] or 0)
        width = abs(tie) * half
        bars.append(
            {
                "y": PAD / 2 + i * row_h,
                "x": round(centre if tie >= 0 else centre - width, 1),
                "w": round(max(width, 1), 1),
                "h": row_h - 6,
                "partner": p["partner"],
                "label": f"{p['partner']}: tie {tie:+.2f}, {p['events']} events",
                "kind": "coop" if tie >= 0 else "conf",
            }
        )
    return {
        "width": WIDTH,
        "height": int(PAD + len(partners) * row_h),
        "centre": round(centre, 1),
        "bars": bars,
        "label_x": 4,
    }


def _tick_positions(n: int, most: int = 8) -> list[int]:
    if n <= most:
        return list(range(n))
    step = max(n // most, 1)
    return list(range(0, n, step))


def _day(value: Any) -> str:
    if isinstance(value, date):
        return value.isoformat()[:10]
    return str(value)[:10]
