"""Geometry of the inline SVG charts: numbers only; the templates draw them.

Server-side SVG keeps the pages readable without JavaScript and needs no chart library
from a CDN. Periods without events are gaps in the tie line (no tie was measured), not zeros.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from .names import period_label

WIDTH, HEIGHT, PAD, LEFT, BOTTOM = 720, 270, 36, 46, 60
BAR_SHARE = 0.35  # event-count bars use the lower third of the plot


def tie_chart(
    series: list[dict[str, Any]], changes: list[dict[str, Any]], freq: str = "month"
) -> dict[str, Any] | None:
    """A tie-index line over time (−1 … 1) broken where a period has no events, event-count
    bars on their own scale (right), change points as labelled vertical rules, a legend."""
    if not series or not any(row["events"] for row in series):
        return None
    n = len(series)
    right = WIDTH - PAD
    inner_w, inner_h = right - LEFT, HEIGHT - PAD - BOTTOM
    step = inner_w / max(n - 1, 1)
    most = max((row["events"] or 0) for row in series) or 1
    bar_h = inner_h * BAR_SHARE
    base = PAD + inner_h

    def x(i: int) -> float:
        return round(LEFT + i * step, 1)

    def y(tie: float) -> float:
        return round(PAD + (1 - (tie + 1) / 2) * inner_h, 1)

    def bar_top(count: float) -> float:
        return round(base - count / most * bar_h, 1)

    bar_w = max(min(step * 0.6, 18), 2)
    bars = [
        {
            "x": round(x(i) - bar_w / 2, 1),
            "w": round(bar_w, 1),
            "h": round(base - bar_top(row["events"] or 0), 1),
            "y": bar_top(row["events"] or 0),
            "label": _period_label(row, freq),
        }
        for i, row in enumerate(series)
        if row["events"]
    ]
    index = {_day(row["period"]): i for i, row in enumerate(series)}
    rules = [
        {
            "x": x(index[_day(c["date"])]),
            "label": f"{_day(c['date'])} {c['direction']} "
            f"({c['tie_before']:+.2f} → {c['tie_after']:+.2f})",
            "short": f"{'▲' if c['direction'] == 'warming' else '▼'} {_day(c['date'])[:7]}",
            "anchor": _day(c["date"]),
            "direction": c["direction"],
        }
        for c in changes
        if _day(c["date"]) in index
    ]
    ticks = [{"x": x(i), "label": _day(series[i]["period"])[:7]} for i in _tick_positions(n)]
    dots = [
        {"x": x(i), "y": y(float(r["tie"])), "label": _period_label(r, freq)}
        for i, r in enumerate(series)
        if r["events"]
    ]
    count_ticks = [
        {"y": bar_top(v), "label": str(v)} for v in sorted({0, (most + 1) // 2, most}) if v <= most
    ]
    return {
        "width": WIDTH,
        "height": HEIGHT,
        "freq": freq,
        "lines": _lines(series, x, y),
        "bars": bars,
        "rules": rules,
        "ticks": ticks,
        "count_ticks": count_ticks,
        "bar_mid": round(base - bar_h / 2, 1),
        "zero": y(0.0),
        "top": y(1.0),
        "bottom": y(-1.0),
        "left": LEFT,
        "right": right,
        "dots": dots,
    }


def _lines(series: list[dict[str, Any]], x, y) -> list[str]:
    """Polyline point lists, one per run of consecutive periods with events."""
    runs: list[list[str]] = [[]]
    for i, row in enumerate(series):
        if row["events"]:
            runs[-1].append(f"{x(i)},{y(float(row['tie']))}")
        elif runs[-1]:
            runs.append([])
    return [" ".join(run) for run in runs if len(run) > 1]


def _period_label(row: dict[str, Any], freq: str) -> str:
    events = f"{row['events']} event{'s' if row['events'] != 1 else ''}"
    return f"{period_label(row['period'], freq)}: {events}, tie {float(row['tie']):+.2f}"


def partner_bars(partners: list[dict[str, Any]]) -> dict[str, Any] | None:
    """Horizontal bars of each partner's tie index, centred on zero, with a −1 … +1 scale."""
    if not partners:
        return None
    row_h, label_w = 22, 130
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
    ticks = [
        {"x": round(centre + v * half, 1), "label": f"{v:+.1f}" if v else "0"}
        for v in (-1.0, -0.5, 0.0, 0.5, 1.0)
    ]
    return {
        "width": WIDTH,
        "height": int(PAD + len(partners) * row_h + 30),
        "centre": round(centre, 1),
        "bars": bars,
        "ticks": ticks,
        "label_x": 4,
    }


def activity_bars(months: list[dict[str, Any]]) -> dict[str, Any] | None:
    """Stacked bars of cooperation (below) and conflict (above) events per month, with a count
    scale on the left, year ticks below and a legend."""
    if not months or not any(m["cooperation"] or m["conflict"] for m in months):
        return None
    height = 200
    base, top = height - 46, PAD / 2
    most = max(m["cooperation"] + m["conflict"] for m in months)
    step = (WIDTH - PAD - LEFT) / len(months)
    width = max(min(step * 0.8, 24), 1)

    def y(count: float) -> float:
        return round(base - count / most * (base - top), 1)

    bars = []
    for i, m in enumerate(months):
        x = round(LEFT + i * step + (step - width) / 2, 1)
        plural = "s" if m["cooperation"] + m["conflict"] != 1 else ""
        label = (
            f"{period_label(m['period'], 'month')}: {m['cooperation']} cooperation and "
            f"{m['conflict']} conflict event{plural}"
        )
        coop_top = y(m["cooperation"])
        bars.append(
            {
                "x": x,
                "w": round(width, 1),
                "coop_y": coop_top,
                "coop_h": round(base - coop_top, 1),
                "conf_y": y(m["cooperation"] + m["conflict"]),
                "conf_h": round(coop_top - y(m["cooperation"] + m["conflict"]), 1),
                "label": label,
            }
        )
    ticks = [
        {
            "x": round(LEFT + i * step + step / 2, 1),
            "label": period_label(months[i]["period"], "month"),
        }
        for i in _tick_positions(len(months), 6)
    ]
    counts = [{"y": y(v), "label": str(v)} for v in sorted({0, (most + 1) // 2, most})]
    return {
        "width": WIDTH,
        "height": height,
        "left": LEFT,
        "right": WIDTH - PAD,
        "base": base,
        "bars": bars,
        "ticks": ticks,
        "count_ticks": counts,
        "mid": round((base + top) / 2, 1),
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
