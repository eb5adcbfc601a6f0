"""The network of states: who deals with whom, how warmly, and which blocs form.

Graphs are ``networkx`` graphs (the standard Python graph library; its Louvain
community detection finds the blocs). Nodes are countries; an edge joins two
countries with merged events between them in the period and carries ``events``,
``reports``, ``cooperation``, ``conflict``, ``tie`` (the index of
:mod:`detente.ties.series`, the whole period taken as one) and ``weight``.
"""

from __future__ import annotations

from datetime import date

import networkx as nx
import pandas as pd

from ..errors import QueryError
from ..store import Store
from .series import (
    CONFLICT,
    COOPERATION,
    COUNTED_EVENTS,
    DETENTE,
    check_range,
    dataset_clause,
    modality_clause,
    tie_index,
)

WEIGHTS = ("tie", "events")


def network(
    store: Store,
    since: date | None = None,
    until: date | None = None,
    weight: str = "tie",
    min_events: int = 1,
    include_all_modalities: bool = False,
    dataset: str = DETENTE,
) -> nx.Graph:
    """All pairs of states with merged events in the period; ``weight`` is the tie index or the count."""
    if weight not in WEIGHTS:
        raise QueryError(f"weight {weight!r} is not one of {', '.join(WEIGHTS)}.")
    check_range(since, until)
    frame = edge_table(store, since, until, include_all_modalities, dataset)
    graph = nx.Graph(since=since, until=until, weight=weight, dataset=dataset)
    for row in frame[frame["events"] >= max(min_events, 1)].itertuples(index=False):
        graph.add_edge(
            row.country_a,
            row.country_b,
            events=int(row.events),
            reports=int(row.reports),
            cooperation=float(row.cooperation),
            conflict=float(row.conflict),
            tie=float(row.tie),
            weight=float(row.tie if weight == "tie" else row.events),
        )
    return graph


def edge_table(
    store: Store,
    since: date | None,
    until: date | None,
    include_all_modalities: bool = False,
    dataset: str = DETENTE,
) -> pd.DataFrame:
    """One row per pair of states with events in the period: its figures and its tie index."""
    clauses = [
        "country_b IS NOT NULL",
        "country_a <> country_b",
        modality_clause(include_all_modalities),
        dataset_clause(dataset),
    ]
    frame = store.query_df(
        f"""
        SELECT country_a, country_b,
               count(*) FILTER (WHERE series_date BETWEEN $1 AND $2) AS events,
               CAST(coalesce(sum(report_count) FILTER (WHERE series_date BETWEEN $1 AND $2), 0) AS BIGINT)
                   AS reports,
               coalesce(sum({COOPERATION}) FILTER (WHERE series_date BETWEEN $1 AND $2), 0) AS cooperation,
               coalesce(sum({CONFLICT}) FILTER (WHERE series_date BETWEEN $1 AND $2), 0) AS conflict
        FROM {COUNTED_EVENTS} WHERE {" AND ".join(clauses)} AND series_date BETWEEN $1 AND $2
        GROUP BY country_a, country_b
        """,
        [since or date.min, until or date.max],
    )
    frame["tie"] = (
        tie_index(frame["cooperation"], frame["conflict"])
        if len(frame)
        else pd.Series(dtype="float64")
    )
    return frame


def blocs(graph: nx.Graph, seed: int = 0, resolution: float = 1.0) -> pd.DataFrame:
    """Blocs of states tied by cooperation: Louvain communities over the edges with a positive tie.

    Columns: ``country``, ``bloc`` (0 = the largest), ``bloc_size``. Countries whose
    every tie is hostile or neutral form blocs of their own.
    """
    friendly = nx.Graph()
    friendly.add_nodes_from(graph.nodes)
    for a, b, data in graph.edges(data=True):
        if data.get("tie", 0.0) > 0:
            strength = data["tie"] * (1.0 + data.get("events", 1)) ** 0.5
            friendly.add_edge(a, b, strength=strength)
    if friendly.number_of_nodes() == 0:
        return pd.DataFrame({"country": [], "bloc": [], "bloc_size": []})
    found = nx.community.louvain_communities(
        friendly, weight="strength", resolution=resolution, seed=seed
    )
    ordered = sorted((sorted(c) for c in found), key=lambda c: (-len(c), c))
    rows = [
        {"country": country, "bloc": i, "bloc_size": len(members)}
        for i, members in enumerate(ordered)
        for country in members
    ]
    return pd.DataFrame(rows)


def graph_edges(graph: nx.Graph) -> pd.DataFrame:
    """A graph's edges as a table, warmest first."""
    rows = [
        {"country_a": min(a, b), "country_b": max(a, b), **data}
        for a, b, data in graph.edges(data=True)
    ]
    frame = pd.DataFrame(
        rows,
        columns=[
            "country_a",
            "country_b",
            "events",
            "reports",
            "cooperation",
            "conflict",
            "tie",
            "weight",
        ],
    )
    return frame.sort_values(["tie", "events"], ascending=[False, False]).reset_index(drop=True)
