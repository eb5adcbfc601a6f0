"""One event, many reports: merging the reports of the same happening.

Each row of ``events`` is one *report* (one sentence of one article). Several
outlets, or several sentences of one article, often report the same happening;
counting reports would let a busy news day look like a busy diplomatic day. This
module groups reports into *merged events* (table ``merged_events``; the
assignment of each report is in ``event_merge``) so that the ties are counted on
happenings.

Two reports are the same happening when all of these hold:

* **Modality** — both have the same modality (an asserted visit and a denied one
  are different claims).
* **Actors** — the same source and target (country, or the actor code when the
  country is unknown). When both reports name the person, or both know the sector
  (``GOV``, ``MIL``...), of a side, those must agree too.
* **Codes** — the same CAMEO root, except that a visit (042) and hosting that
  visit (043) in the same direction are different happenings. With the actors
  swapped, reports merge only as the two sides of one visit (A visits B, 042 ≡
  B hosts A, 043) or as a reciprocal act reported from either side
  (:data:`RECIPROCAL_CODES`: meet, negotiate, sign an agreement...).
* **Place** — when both state the country where it happened, the same country.
* **Dates** — when both are dated, their date ranges overlap once each
  day-precision range is widened by ``window_days`` (default 1) on both sides;
  week and month ranges are taken as stated. When either is undated — or dated
  only by a range longer than a month ("this year", "since 2018"), which says
  little about when — they merge only when they come from the same article, or
  when the report's publication date lies within ``window_days`` of the
  publication dates of the other's reports. A report without any date merges
  only within its own article.

When several merged events qualify, the report joins the one whose date is
nearest, then the one with the most reports. A merged event keeps every report;
its code (with name, quad class and Goldstein value) comes from its report with
the most specific code (more digits; a named code above its root's catch-all),
and its date from its report with the most specific date (finer precision, then
the narrower range). Its first-report lag is the days
from its start date to the earliest report (report date, else publication date).

Merging is incremental: :func:`merge_new_events` reads only the reports of
articles ingested since the last run that are not yet assigned, loads only the
merged events they could join (same pairs, nearby dates), and writes back only
what changed.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

import pyarrow as pa

from ..store import Store, tie_events
from ..store.database import utcnow

log = logging.getLogger(__name__)

DEFAULT_WINDOW_DAYS = 1
DETENTE = "detente"
"""The dataset of detente's own coding; imported datasets (``detente import``) merge apart."""
VISIT_SIDES = frozenset({"042", "043"})
RECIPROCAL_CODES = frozenset(
    {
        "030",
        "036",
        "040",
        "043",
        "046",
        "050",
        "051",
        "057",
        "060",
        "061",
        "062",
        "063",
        "064",
        "070",
        "080",
        "190",
    }
)
"""Acts that either side can be reported as doing to the other (meet, negotiate, agree,
cooperate, fight): reports with swapped actors and the same 3-digit code merge."""
MAX_DATED_SPAN_DAYS = 31
PRECISION_RANK = {"day": 4, "week": 3, "month": 2, "year": 1, "unknown": 0}
SIDE_FIELDS = ("code", "country", "sector", "name")
MERGED_COLUMNS = (
    "id",
    "modality",
    "code",
    "root",
    "name",
    "quad_class",
    "goldstein",
    *(f"source_{f}" for f in SIDE_FIELDS),
    *(f"target_{f}" for f in SIDE_FIELDS),
    "country_a",
    "country_b",
    "pair_key",
    "location_country",
    "date_start",
    "date_end",
    "date_precision",
    "series_date",
    "first_published",
    "last_published",
    "first_report_date",
    "first_report_lag_days",
    "first_event_id",
    "report_count",
    "article_ids",
    "outlets",
    "updated_at",
    "dataset",
    "mentions",
)
REPORT_COLUMNS = (
    "e.id",
    "e.article_id",
    "e.code",
    "e.root",
    "e.name",
    "e.quad_class",
    "e.goldstein",
    "e.modality",
    *(f"e.source_{f}" for f in SIDE_FIELDS),
    *(f"e.target_{f}" for f in SIDE_FIELDS),
    "e.location_country",
    "e.date_start",
    "e.date_end",
    "e.date_precision",
    "e.report_date",
    "coalesce(e.published, a.published) AS published",
    "e.outlet",
    "a.ingested_at",
)


@dataclass(frozen=True)
class MergeResult:
    """What one :func:`merge_new_events` run did."""

    reports: int
    new_merged: int
    updated_merged: int
    seconds: float
    countries: frozenset[frozenset[str]] | None = None
    """The countries of each merged event written (each event's set of one or two), for
    readers that keep answers about other countries; None where the merge does not say."""

    def to_dict(self) -> dict[str, Any]:
        return {
            "reports": self.reports,
            "new_merged": self.new_merged,
            "updated_merged": self.updated_merged,
            "seconds": round(self.seconds, 3),
        }


def side_key(row: dict[str, Any], side: str) -> str:
    """Who a side is for matching: its country, else its actor code, else nobody."""
    return row.get(f"{side}_country") or row.get(f"{side}_code") or ""


def pair_key(row: dict[str, Any]) -> str:
    """The unordered pair of sides, as stored in ``merged_events.pair_key``: ``"PRK|RUS"``."""
    return "|".join(sorted((side_key(row, "source"), side_key(row, "target"))))


def date_rank(precision: str | None, start: date | None, end: date | None) -> tuple[int, int]:
    """Higher is more specific: finer precision first, then the narrower range."""
    width = (end - start).days if start and end else 10_000
    return PRECISION_RANK.get(precision or "unknown", 0), -width


@dataclass
class Cluster:
    """A merged event while it is being built: its representative fields and its reports."""

    row: dict[str, Any]
    is_new: bool = False
    changed: bool = False
    articles: set[str] = field(default_factory=set)

    @classmethod
    def start(cls, report: dict[str, Any]) -> Cluster:
        row: dict[str, Any] = {c: None for c in MERGED_COLUMNS}
        for name in (
            "modality",
            "code",
            "root",
            "name",
            "quad_class",
            "goldstein",
            "location_country",
            "date_start",
            "date_end",
            "date_precision",
        ):
            row[name] = report.get(name)
        for side in ("source", "target"):
            for f in SIDE_FIELDS:
                row[f"{side}_{f}"] = report.get(f"{side}_{f}")
        row.update(
            id=report["id"],
            dataset=report.get("dataset") or DETENTE,
            first_event_id=report["id"],
            report_count=0,
            article_ids=[],
            outlets=[],
            date_precision=report.get("date_precision") or "unknown",
        )
        countries = sorted(c for c in (row["source_country"], row["target_country"]) if c)
        row["country_a"], row["country_b"] = (countries + [None, None])[:2]
        row["pair_key"] = pair_key(row)
        cluster = cls(row, is_new=True)
        cluster.add(report, swapped=False, first=True)
        return cluster

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Cluster:
        row = dict(row)
        row["article_ids"] = list(row.get("article_ids") or [])
        row["outlets"] = list(row.get("outlets") or [])
        return cls(row, articles=set(row["article_ids"]))

    # -- matching ----------------------------------------------------------------------------
    def orientation(self, report: dict[str, Any]) -> bool | None:
        """False when the report has the cluster's actors in order, True when swapped, else None."""
        rs, rt = side_key(report, "source"), side_key(report, "target")
        cs, ct = side_key(self.row, "source"), side_key(self.row, "target")
        if (rs, rt) == (cs, ct):
            return False
        if (rs, rt) == (ct, cs):
            return True
        return None

    def accepts(self, report: dict[str, Any], window: int) -> bool:
        row = self.row
        if report["modality"] != row["modality"] or report["root"] != row["root"]:
            return False
        swapped = self.orientation(report)
        if swapped is None or not codes_compatible(row["code"], report["code"], swapped):
            return False
        if not self._sides_agree(report, swapped):
            return False
        here, there = row["location_country"], report.get("location_country")
        if here and there and here != there:
            return False
        return self._dates_agree(report, window)

    def _sides_agree(self, report: dict[str, Any], swapped: bool) -> bool:
        for side in ("source", "target"):
            other = _other(side) if swapped else side
            for f in ("sector", "name"):
                mine, theirs = self.row[f"{side}_{f}"], report.get(f"{other}_{f}")
                if mine and theirs and mine != theirs:
                    return False
        return True

    def _dates_agree(self, report: dict[str, Any], window: int) -> bool:
        row = self.row
        if narrow(row["date_start"], row["date_end"]) and narrow(
            report.get("date_start"), report.get("date_end")
        ):
            lo, hi = widened(row["date_start"], row["date_end"], row["date_precision"], window)
            rlo, rhi = widened(
                report["date_start"], report.get("date_end"), report.get("date_precision"), window
            )
            return rlo <= hi and lo <= rhi
        if report["article_id"] in self.articles:
            return True
        published, first, last = (
            report.get("published"),
            row["first_published"],
            row["last_published"],
        )
        if not (published and first and last):
            return False
        slack = timedelta(days=window)
        return first - slack <= published <= last + slack

    def distance(self, report: dict[str, Any]) -> int:
        mine = self.row["date_start"] or self.row["first_published"]
        theirs = report.get("date_start") or report.get("published")
        return abs((mine - theirs).days) if mine and theirs else 10_000

    # -- updating ----------------------------------------------------------------------------
    def add(self, report: dict[str, Any], swapped: bool, first: bool = False) -> None:
        row = self.row
        self.changed = True
        row["report_count"] += report.get("weight", 1)  # an imported row may stand for several
        if report.get("mentions") is not None:
            row["mentions"] = (row["mentions"] or 0) + report["mentions"]
        if swapped and report["code"][:3] == "042" and row["code"][:3] == "043":
            self._swap_sides()  # a visit reads best with the visitor as the source
            swapped = False
            row["code"] = ""
        if code_rank(report["code"]) > code_rank(row["code"]) and not swapped:
            for name in ("code", "name", "quad_class", "goldstein"):
                row[name] = report.get(name)
        for side in ("source", "target"):
            other = _other(side) if swapped else side
            for f in ("sector", "name"):
                if not row[f"{side}_{f}"] and report.get(f"{other}_{f}"):
                    row[f"{side}_{f}"] = report[f"{other}_{f}"]
        if not row["location_country"]:
            row["location_country"] = report.get("location_country")
        if not first and date_rank(
            report.get("date_precision"), report.get("date_start"), report.get("date_end")
        ) > date_rank(row["date_precision"], row["date_start"], row["date_end"]):
            row["date_start"], row["date_end"] = report.get("date_start"), report.get("date_end")
            row["date_precision"] = report.get("date_precision") or "unknown"
        self._add_provenance(report)

    def _swap_sides(self) -> None:
        row = self.row
        for f in SIDE_FIELDS:
            row[f"source_{f}"], row[f"target_{f}"] = row[f"target_{f}"], row[f"source_{f}"]

    def _add_provenance(self, report: dict[str, Any]) -> None:
        row = self.row
        published = report.get("published")
        if published:
            row["first_published"] = min(filter(None, (row["first_published"], published)))
            row["last_published"] = max(filter(None, (row["last_published"], published)))
        reported = report.get("report_date") or published
        if reported and (row["first_report_date"] is None or reported < row["first_report_date"]):
            row["first_report_date"] = reported
            row["first_event_id"] = report["id"]
        for article in report.get("article_ids") or [report["article_id"]]:
            if article and article not in self.articles:
                self.articles.add(article)
                row["article_ids"].append(article)
        for outlet in report.get("outlets") or [report.get("outlet")]:
            if outlet and outlet not in row["outlets"]:
                row["outlets"].append(outlet)

    def finished_row(self, now: datetime) -> dict[str, Any]:
        row = self.row
        row["series_date"] = series_day(row["date_start"], row["date_end"], row["first_published"])
        start, reported = row["date_start"], row["first_report_date"]
        row["first_report_lag_days"] = (reported - start).days if start and reported else None
        row["updated_at"] = now
        return row


def _other(side: str) -> str:
    return "target" if side == "source" else "source"


def codes_compatible(mine: str, theirs: str, swapped: bool) -> bool:
    """Whether two codes of the same root can describe one happening (see the module doc)."""
    pair = {mine[:3], theirs[:3]}
    if not swapped:
        return pair != VISIT_SIDES
    return pair == VISIT_SIDES or (len(pair) == 1 and mine[:3] in RECIPROCAL_CODES)


def series_day(start: date | None, end: date | None, published: date | None) -> date | None:
    """The day a merged event counts on in time series.

    Its start when closely dated; its publication when undated, or when a long range runs
    up to the report ("since 2000": going on when reported, not an event of 2000); else
    the start of the range ("in 2018").
    """
    if start is None or narrow(start, end):
        return start or published
    if published is not None and end is not None and end >= published - timedelta(days=1):
        return published
    return start


def narrow(start: date | None, end: date | None) -> bool:
    """Whether a date range is dated closely enough to match by dates (at most a month long)."""
    return start is not None and ((end or start) - start).days <= MAX_DATED_SPAN_DAYS


def code_rank(code: str) -> tuple[int, bool]:
    """Higher is more specific: more digits, and a named 3-digit code above its root's catch-all
    (042 "make a visit" above 040 "consult, not specified below")."""
    return len(code), not (len(code) == 3 and code.endswith("0"))


def widened(start: date, end: date | None, precision: str | None, window: int) -> tuple[date, date]:
    """A report's date range, widened by the window when it is known to the day."""
    end = end or start
    if precision == "day":
        slack = timedelta(days=window)
        return start - slack, end + slack
    return start, end


def _month_bins(lo: date, hi: date) -> Iterator[int]:
    first, last = lo.year * 12 + lo.month, hi.year * 12 + hi.month
    return iter(range(first, min(last, first + 24) + 1))


class ClusterIndex:
    """Merged events findable by (modality, root, unordered pair) and month of date or publication."""

    def __init__(self, window: int) -> None:
        self.window = window
        self.by_date: dict[tuple, dict[int, list[Cluster]]] = defaultdict(lambda: defaultdict(list))
        self.by_published: dict[tuple, dict[int, list[Cluster]]] = defaultdict(
            lambda: defaultdict(list)
        )
        self.by_article: dict[str, list[Cluster]] = defaultdict(list)

    @staticmethod
    def bucket(row: dict[str, Any]) -> tuple:
        return row["modality"], row["root"], pair_key(row)

    def register(self, cluster: Cluster) -> None:
        row, key, slack = cluster.row, self.bucket(cluster.row), timedelta(days=self.window)
        if narrow(row["date_start"], row["date_end"]):
            lo, hi = widened(row["date_start"], row["date_end"], row["date_precision"], self.window)
            for b in _month_bins(lo, hi):
                self.by_date[key][b].append(cluster)
        if row["first_published"]:
            for b in _month_bins(row["first_published"] - slack, row["last_published"] + slack):
                self.by_published[key][b].append(cluster)
        for article in cluster.articles:
            self.by_article[article].append(cluster)

    def candidates(self, report: dict[str, Any]) -> list[Cluster]:
        key, found = self.bucket(report), {}
        by_date, by_published = self.by_date.get(key), self.by_published.get(key)
        if narrow(report.get("date_start"), report.get("date_end")) and by_date:
            lo, hi = widened(
                report["date_start"],
                report.get("date_end"),
                report.get("date_precision"),
                self.window,
            )
            for b in _month_bins(lo, hi):
                for c in by_date.get(b, ()):
                    found[id(c)] = c
        if report.get("published") and by_published:
            slack = timedelta(days=self.window)
            for b in _month_bins(report["published"] - slack, report["published"] + slack):
                for c in by_published.get(b, ()):
                    found[id(c)] = c
        for c in self.by_article.get(report["article_id"], ()):
            found[id(c)] = c
        return list(found.values())

    def best_match(self, report: dict[str, Any]) -> Cluster | None:
        matches = [c for c in self.candidates(report) if c.accepts(report, self.window)]
        if not matches:
            return None
        return min(matches, key=lambda c: (c.distance(report), -c.row["report_count"], c.row["id"]))


def assign(
    reports: Iterable[dict[str, Any]],
    existing: Iterable[Cluster],
    window: int = DEFAULT_WINDOW_DAYS,
) -> tuple[list[Cluster], dict[str, str]]:
    """Assign reports to existing or new merged events; return touched clusters and assignments."""
    index = ClusterIndex(window)
    for cluster in existing:
        index.register(cluster)
    touched: dict[str, Cluster] = {}
    assignment: dict[str, str] = {}
    for report in sorted(reports, key=_report_order):
        match = index.best_match(report)
        if match is None:
            cluster = Cluster.start(report)
        else:
            cluster = match
            cluster.add(report, swapped=bool(cluster.orientation(report)))
        index.register(cluster)  # re-register: its dates or articles may have grown
        touched[cluster.row["id"]] = cluster
        assignment[report["id"]] = cluster.row["id"]
    return list(touched.values()), assignment


def _report_order(report: dict[str, Any]) -> tuple:
    when = report.get("date_start") or report.get("published") or date.max
    return when, report["article_id"], report["id"]


# -- the store side -------------------------------------------------------------------------
def pending_reports(store: Store) -> int:
    """How many stored event reports have not been merged yet."""
    watermark = store.scalar("SELECT max(ingested_through) FROM merge_runs")
    return int(
        store.scalar(
            f"SELECT count(*) FROM ({_FRESH_SQL.format(columns='e.id')})",
            [watermark or datetime(1, 1, 1)],
        )
        or 0
    )


_FRESH_SQL = """
    WITH fresh AS MATERIALIZED (
        SELECT {columns} FROM events e JOIN articles a ON a.id = e.article_id
        WHERE a.ingested_at >= ?
    )
    SELECT * FROM fresh
    WHERE id NOT IN (SELECT event_id FROM event_merge WHERE event_id IN (SELECT id FROM fresh))
"""
"""Reports of articles ingested since the last merge that are not merged yet. Only the new
articles' events are checked against ``event_merge`` (a semi-join on the few fresh ids), so
the cost follows the batch, not the store."""


def _rows(con, sql: str, params: list[Any]) -> list[dict[str, Any]]:
    cursor = con.execute(sql, params)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]


def _new_reports(con) -> list[dict[str, Any]]:
    """Reports of newly ingested articles, and the reports queued to be merged again
    (after ``detente recode`` dissolved the merged events they were in)."""
    (watermark,) = con.execute("SELECT max(ingested_through) FROM merge_runs").fetchone() or (None,)
    sql = _FRESH_SQL.format(columns=", ".join(REPORT_COLUMNS))
    fresh = _rows(con, sql, [watermark or datetime(1, 1, 1)])
    queued = _rows(
        con,
        f"""
        SELECT {", ".join(REPORT_COLUMNS)} FROM events e JOIN articles a ON a.id = e.article_id
        WHERE e.id IN (SELECT event_id FROM merge_queue)
          AND e.id NOT IN (SELECT event_id FROM event_merge WHERE event_id IN (SELECT event_id FROM merge_queue))
    """,
        [],
    )
    seen = {r["id"] for r in fresh}
    return fresh + [r for r in queued if r["id"] not in seen]


def _candidate_clusters(
    con, reports: list[dict[str, Any]], window: int, dataset: str = DETENTE
) -> list[Cluster]:
    """Merged events that some report of the batch could join: same bucket, nearby dates.

    The batch's (pair, modality, root, date ranges) go in as a small table joined on
    the store, so only plausible candidates come back to Python, where
    :meth:`Cluster.accepts` decides.
    """
    slack = timedelta(days=2 * window)
    keys = [
        {
            "pair_key": pair_key(r),
            "modality": r["modality"],
            "root": r["root"],
            "lo": r["date_start"] - slack if r.get("date_start") else None,
            "hi": (r.get("date_end") or r["date_start"]) + slack if r.get("date_start") else None,
            "plo": r["published"] - slack if r.get("published") else None,
            "phi": r["published"] + slack if r.get("published") else None,
        }
        for r in reports
    ]
    schema = pa.schema(
        [
            ("pair_key", pa.string()),
            ("modality", pa.string()),
            ("root", pa.string()),
            ("lo", pa.date32()),
            ("hi", pa.date32()),
            ("plo", pa.date32()),
            ("phi", pa.date32()),
        ]
    )
    con.register("_batch_keys", pa.Table.from_pylist(keys, schema=schema))
    try:
        rows = _rows(
            con,
            f"""
            SELECT {", ".join(MERGED_COLUMNS)} FROM merged_events WHERE id IN (
                SELECT m.id FROM merged_events m JOIN _batch_keys k
                  ON m.pair_key = k.pair_key AND m.modality = k.modality AND m.root = k.root
                WHERE m.dataset = ? AND ((m.date_end >= k.lo AND m.date_start <= k.hi)
                   OR (m.last_published >= k.plo AND m.first_published <= k.phi)))
            """,
            [dataset],
        )
    finally:
        con.unregister("_batch_keys")
    return [Cluster.from_row(r) for r in rows]


def merge_new_events(store: Store, window_days: int = DEFAULT_WINDOW_DAYS) -> MergeResult:
    """Merge the reports stored since the last run into merged events; update those they join.

    Reading, assigning and writing happen in one transaction of the store's single writer.
    """
    started = utcnow()
    with store.transaction() as con:
        reports = _new_reports(con)
        if not reports:
            return MergeResult(0, 0, 0, (utcnow() - started).total_seconds(), frozenset())
        existing = _candidate_clusters(con, reports, window_days)
        touched, assignment = assign(reports, existing, window_days)
        now = utcnow()
        rows = [c.finished_row(now) for c in touched]
        new = sum(1 for c in touched if c.is_new)
        _insert(con, "merged_events", rows, MERGED_COLUMNS, replace_by_id=True)
        # merging never changes a merged event's countries: the same before and after
        countries = {r[side] for r in rows for side in ("country_a", "country_b")}
        tie_events.refresh(
            con,
            [r["id"] for r in rows],
            since=now,
            countries=countries,
            fresh=[c.row["id"] for c in touched if c.is_new],
        )
        _insert(
            con,
            "event_merge",
            [{"event_id": k, "merged_id": v} for k, v in assignment.items()],
            ("event_id", "merged_id"),
        )
        (run_id,) = con.execute("SELECT coalesce(max(id), 0) + 1 FROM merge_runs").fetchone() or (
            1,
        )
        (watermark,) = con.execute("SELECT max(ingested_through) FROM merge_runs").fetchone() or (
            None,
        )
        through = max([r["ingested_at"] for r in reports] + ([watermark] if watermark else []))
        con.execute(
            "INSERT INTO merge_runs VALUES (?, ?, ?, ?, ?, ?)",
            [run_id, now, through, len(reports), new, len(touched) - new],
        )
        con.execute("DELETE FROM merge_queue")
    result = MergeResult(
        len(reports),
        new,
        len(touched) - new,
        (utcnow() - started).total_seconds(),
        frozenset(
            frozenset(c for c in (r["country_a"], r["country_b"]) if c is not None) for r in rows
        ),
    )
    log.info(
        "merged %d reports: %d new merged events, %d updated",
        result.reports,
        new,
        result.updated_merged,
    )
    return result


def _insert(
    con,
    table: str,
    rows: list[dict[str, Any]],
    columns: tuple[str, ...],
    replace_by_id: bool = False,
) -> None:
    if not rows:
        return
    arrow = pa.Table.from_pylist(
        [{c: r.get(c) for c in columns} for r in rows], schema=_schema(table, columns)
    )
    con.register("_merge_rows", arrow)
    try:
        if replace_by_id:  # far faster than INSERT OR REPLACE on a large keyed table
            con.execute(f"DELETE FROM {table} WHERE id IN (SELECT id FROM _merge_rows)")
        con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM _merge_rows")
    finally:
        con.unregister("_merge_rows")


_TYPES = {
    "quad_class": pa.int8(),
    "goldstein": pa.float64(),
    "report_count": pa.int32(),
    "mentions": pa.int64(),
    "first_report_lag_days": pa.int32(),
    "article_ids": pa.list_(pa.string()),
    "outlets": pa.list_(pa.string()),
    "updated_at": pa.timestamp("us"),
    **{
        c: pa.date32()
        for c in (
            "date_start",
            "date_end",
            "series_date",
            "first_published",
            "last_published",
            "first_report_date",
        )
    },
}


def _schema(table: str, columns: tuple[str, ...]) -> pa.Schema:
    return pa.schema([(c, _TYPES.get(c, pa.string())) for c in columns])
