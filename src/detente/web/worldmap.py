"""A world map as inline SVG, drawn on the server: countries coloured by a value, each a link.

The outlines come from the ``pygal_maps_world`` package (its ``worldmap.svg``, installed
unmodified; no network at run time). They are simplified once per process: curves become
their end points, coordinates are halved and rounded, slivers dropped, which shrinks the map
from about 780 kB to a size fit to inline in a page.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import cache
from importlib.resources import files
from typing import Any

import pycountry

from .names import country_label

SCALE = 0.4
_GROUP = re.compile(r'<g class="([a-z]{2}) country map-element">(.*?)</g>', re.DOTALL)
_PATH = re.compile(r'<path d="([^"]+)"')
_TOKEN = re.compile(r"[MmLlHhVvCcSsQqTtAaZz]|[-+]?(?:\d*\.\d+|\d+\.?)(?:[eE][-+]?\d+)?")
_ARGS = {"m": 2, "l": 2, "h": 1, "v": 1, "c": 6, "s": 4, "q": 4, "t": 2, "a": 7, "z": 0}


def _polygons(d: str) -> Iterator[list[tuple[float, float]]]:
    """The outline of an SVG path as polygons of absolute end points (curves flattened)."""
    tokens = _TOKEN.findall(d)
    x = y = 0.0
    ring: list[tuple[float, float]] = []
    command, i = "M", 0
    while i < len(tokens):
        if tokens[i].isalpha():
            command = tokens[i]
            i += 1
            if command in "Zz":
                if ring:
                    yield ring
                    x, y = ring[0]
                ring = []
                continue
        size = _ARGS[command.lower()]
        args = [float(t) for t in tokens[i : i + size]]
        i += size
        if len(args) < size:
            break
        relative = command.islower()
        if command in "Mm":
            if ring:
                yield ring
            x, y = (x + args[0], y + args[1]) if relative else (args[0], args[1])
            ring = [(x, y)]
            command = "l" if relative else "L"  # further pairs are line-tos
            continue
        if command in "Hh":
            x = x + args[0] if relative else args[0]
        elif command in "Vv":
            y = y + args[0] if relative else args[0]
        else:
            ex, ey = args[-2], args[-1]
            x, y = (x + ex, y + ey) if relative else (ex, ey)
        ring.append((x, y))
    if ring:
        yield ring


def _simplified(d: str) -> str:
    parts = []
    for ring in _polygons(d):
        points: list[tuple[int, int]] = []
        for px, py in ring:
            point = (round(px * SCALE), round(py * SCALE))
            if not points or point != points[-1]:
                points.append(point)
        if len(set(points)) < 3:
            continue
        xs, ys = [p[0] for p in points], [p[1] for p in points]
        if max(xs) - min(xs) < 2 and max(ys) - min(ys) < 2:
            continue  # an islet smaller than a pixel or two
        head, *rest = points
        parts.append(f"M{head[0]} {head[1]}L" + " ".join(f"{px} {py}" for px, py in rest) + "Z")
    return "".join(parts)


@cache
def outlines() -> dict[str, str]:
    """Simplified path data of each country, keyed by ISO alpha-3 code."""
    svg = (files("pygal_maps_world") / "worldmap.svg").read_text(encoding="utf-8")
    found: dict[str, str] = {}
    for alpha2, body in _GROUP.findall(svg):
        country = pycountry.countries.get(alpha_2=alpha2.upper())
        if country is None or country.alpha_3 == "ATA":  # no events happen in Antarctica
            continue
        d = "".join(_simplified(path) for path in _PATH.findall(body))
        if d:
            found[country.alpha_3] = d
    return found


@cache
def extent() -> tuple[int, int]:
    """Width and height the outlines use (Antarctica left out, the map ends lower)."""
    numbers = [int(n) for d in outlines().values() for n in re.findall(r"\d+", d)]
    return max(numbers[0::2]) + 2, max(numbers[1::2]) + 4


def world_map(
    values: dict[str, float],
    colour: Callable[[float], str],
    label: Callable[[str, float], str],
    legend: list[dict[str, str]],
    title: str,
    focus: str | None = None,
    query: str = "",
) -> dict[str, Any]:
    """What the template draws: each country's outline, fill, tooltip and link (``query``
    added to each link: ``?dataset=gdelt`` keeps them within a dataset)."""
    shapes = outlines()
    countries = []
    for code, d in shapes.items():
        value = values.get(code)
        countries.append(
            {
                "d": d,
                "fill": colour(value) if value is not None and code != focus else None,
                "kind": "focus" if code == focus else None,
                "label": label(code, value) if value is not None else country_label(code),
                "href": f"/country/{code}{query}" if value is not None or code == focus else None,
            }
        )
    unmapped = sorted(code for code in values if code not in shapes)
    width, height = extent()
    return {
        "viewbox": f"0 0 {width} {height + 40}",
        "countries": countries,
        "legend": legend,
        "legend_y": height + 14,
        "legend_step": 150,
        "title": title,
        "unmapped_note": (
            "Not on the map: " + ", ".join(country_label(c) for c in unmapped) + "."
            if unmapped
            else ""
        ),
    }


TIE_BINS = (
    (-0.5, "#b2182b", "−1 to −0.5"),
    (-0.1, "#ef8a62", "−0.5 to −0.1"),
    (0.1, "#f7e8a6", "−0.1 to +0.1"),
    (0.5, "#67c2a5", "+0.1 to +0.5"),
    (1.01, "#1a9850", "+0.5 to +1"),
)
COUNT_COLOURS = ("#c6dbef", "#6baed6", "#2171b5", "#08306b")


def tie_colour(tie: float) -> str:
    return next(colour for upper, colour, _ in TIE_BINS if tie < upper)


def tie_map(country: str, partners: list[dict[str, Any]], query: str = "") -> dict[str, Any]:
    """A country's partners coloured by their tie index with it."""
    values = {p["partner"]: float(p["tie"] or 0) for p in partners}
    events = {p["partner"]: p["events"] for p in partners}
    return world_map(
        values,
        tie_colour,
        lambda code, tie: f"{country_label(code)}: tie {tie:+.2f}, {events[code]} events",
        [{"fill": colour, "label": label} for _, colour, label in TIE_BINS],
        f"Partners of {country_label(country)} by tie index",
        focus=country,
        query=query,
    )


CHANGE_BINS = (
    (-0.5, "#b2182b", "cooled by over 0.5"),
    (-0.1, "#ef8a62", "cooled 0.1–0.5"),
    (0.1, "#f7e8a6", "steady (±0.1)"),
    (0.5, "#67c2a5", "warmed 0.1–0.5"),
    (2.01, "#1a9850", "warmed by over 0.5"),
)


def change_colour(change: float) -> str:
    return next(colour for upper, colour, _ in CHANGE_BINS if change < upper)


def change_map(
    country: str, moves: list[dict[str, Any]], around: str, query: str = ""
) -> dict[str, Any]:
    """A country's partners coloured by how their tie index changed around a day."""
    values = {m["partner"]: float(m["change"]) for m in moves if m["change"] is not None}
    found = {m["partner"]: m for m in moves}

    def label(code: str, change: float) -> str:
        move = found[code]
        return (
            f"{country_label(code)}: tie {move['tie_before']:+.2f} → {move['tie_after']:+.2f} "
            f"({change:+.2f}) around {around}; {move['events_before']} events before, "
            f"{move['events_after']} after"
        )

    return world_map(
        values,
        change_colour,
        label,
        [{"fill": colour, "label": text} for _, colour, text in CHANGE_BINS],
        f"Partners of {country_label(country)} by the change of their tie around {around}",
        focus=country,
        query=query,
    )


def count_map(counts: dict[str, int], query: str = "") -> dict[str, Any]:
    """States shaded by how many asserted events they take part in (four steps up to the most)."""
    most = max(counts.values(), default=1)
    bounds = [max(1, round(most * f)) for f in (0.1, 0.3, 0.6)]

    def colour(count: float) -> str:
        return COUNT_COLOURS[sum(count > b for b in bounds)]

    edges = [1, *(b + 1 for b in bounds)]
    labels = [f"{lo}–{hi}" if hi > lo else str(lo) for lo, hi in zip(edges, [*bounds, most])]
    return world_map(
        {k: float(v) for k, v in counts.items()},
        colour,
        lambda code, n: f"{country_label(code)}: {int(n)} asserted events",
        [{"fill": c, "label": f"{label} events"} for c, label in zip(COUNT_COLOURS, labels)],
        "States by number of asserted events",
        query=query,
    )
