"""The shapes of the JSON API's answers, declared once: FastAPI checks each answer against its
model and documents it in the OpenAPI schema, which the test suite fuzzes (schemathesis).

Rows straight from the store's tables allow further columns (a migration may add one); every
other answer is exactly what its model says. Dates are ISO dates, times ISO date-times, and a
missing value is ``null`` (never NaN or NaT).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

Day = date  # for fields named "date", whose name would hide the type
Precision = Literal["day", "week", "month", "year", "unknown"]
Status = Literal["machine", "confirmed", "rejected", "corrected"]


class Exact(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Row(BaseModel):
    """A row of a store table: the columns named here, and any a later migration adds."""

    model_config = ConfigDict(extra="allow")


class ErrorOut(Exact):
    error: str = Field(description="What went wrong and what to do.")
    code: str | None = Field(description="A stable message code such as D050, when there is one.")
    status: int = Field(description="The HTTP status, repeated.")


# -- store, datasets --------------------------------------------------------------------------
class StatsOut(Exact):
    articles: int
    events: int = Field(description="Event reports: one per sentence and direction coded.")
    asserted_events: int
    registry_actors: int
    imported_events: int = Field(description="Rows brought in by `detente import`.")
    first_published: date | None
    last_published: date | None
    ingest_runs: int
    schema_version: int
    path: str
    dataset: str = Field(description="The dataset the merged counts are of.")
    merged_events: int = Field(description="Merged events of the dataset, as the machine coded.")
    counted_events: int = Field(
        description="Merged events of the dataset as counted: reviews applied, rejections out."
    )
    reviews: int
    users: int


class DatasetOut(Exact):
    dataset: str
    events: int = Field(description="Merged events.")


class DatasetsOut(Exact):
    items: list[DatasetOut]


# -- events -----------------------------------------------------------------------------------
class EventReportOut(Row):
    """An event report of detente's (one sentence, one direction), or a row of an imported
    dataset under the same names (with ``provider_id``, ``url`` and ``mentions``)."""

    id: str
    date_start: date | None = None
    date_end: date | None = None
    date_precision: Precision | None = None
    published: date | None = None
    report_date: date | None = None
    report_lag_days: int | None = None
    source_code: str | None = None
    source_text: str | None = None
    code: str
    name: str | None = None
    target_code: str | None = None
    target_text: str | None = None
    modality: str
    quad_class: int | None = None
    goldstein: float | None = None
    location_text: str | None = None
    outlet: str | None = None
    article_id: str | None = None
    sentence: str | None = None
    confidence: float | None = None
    merged_id: str | None
    review_status: Status


class EventsPage(Exact):
    total: int
    limit: int
    offset: int
    next_offset: int | None
    items: list[EventReportOut]


class MergedEventRow(Row):
    """A merged event as counted (reviews applied)."""

    id: str
    code: str
    name: str | None = None
    quad_class: int | None = None
    goldstein: float | None = None
    modality: str
    source_code: str | None = None
    source_country: str | None = None
    target_code: str | None = None
    target_country: str | None = None
    country_a: str | None = None
    country_b: str | None = None
    date_start: date | None = None
    date_end: date | None = None
    date_precision: Precision | None = None
    series_date: date | None = None
    report_count: int | None = None
    outlets: list[str] | None = None
    dataset: str | None = None
    review_status: Status
    reviewer: str | None = None
    reviewed_at: datetime | None = None
    note: str | None = None


class Segment(Exact):
    text: str
    kind: Literal["before", "sentence", "trigger", "after"]


class ReportOut(Row):
    """One report of a merged event: its article, outlet, dates and sentence in context."""

    event_id: str
    article_id: str
    url: str | None = None
    title: str | None = None
    outlet: str | None = None
    published: date | None = None
    report_date: date | None = None
    report_lag_days: int | None = None
    code: str | None = None
    date_start: date | None = None
    date_precision: Precision | None = None
    sentence: str | None = None
    context: list[Segment]
    directions: list[str] = Field(description="The directions the sentence was coded in.")


class ImportedRowOut(Row):
    """A provider's row behind an imported dataset's merged event."""

    event_id: str
    provider_id: str
    event_date: date
    code: str
    url: str | None = None
    event_text: str | None = None
    source_file: str


class AuditOut(Exact):
    id: int
    merged_id: str
    action: Literal["confirm", "reject", "correct"]
    reviewer: str
    acted_at: datetime
    before: dict[str, Any] | None
    after: dict[str, Any] | None
    note: str | None


class AuditPage(Exact):
    items: list[AuditOut]


class MergedEventOut(Exact):
    event: MergedEventRow
    reports: list[ReportOut]
    rows: list[ImportedRowOut] = Field(
        default=[], description="An imported dataset's event: the provider's rows (absent else)."
    )
    audit: list[AuditOut] = Field(
        default=[], description="The review history; signed-in users only (it names them)."
    )


class ReviewExportRow(Row):
    merged_id: str
    status: Literal["confirmed", "rejected", "corrected"]
    reviewer: str
    reviewed_at: datetime


class ReviewsOut(Exact):
    items: list[ReviewExportRow]


# -- ties -------------------------------------------------------------------------------------
class SeriesRow(Exact):
    period: date = Field(description="The period's first day.")
    events: int
    reports: int
    verbal_cooperation: int
    material_cooperation: int
    verbal_conflict: int
    material_conflict: int
    cooperation: float
    conflict: float
    goldstein_mean: float | None
    tie: float | None = Field(description="null: no events, no tie measured (a gap).")


class TopEvent(Row):
    """A merged event weighed as evidence, with the sentence of its first report."""

    id: str
    series_date: date | None
    date_precision: Precision | None
    code: str
    name: str | None
    quad_class: int | None
    goldstein: float | None
    report_count: int
    outlets: list[str] | None
    sentence: str | None


class ChangeOut(Exact):
    date: Day = Field(description="The first period of the new regime.")
    until: Day = Field(description="The last day of the periods whose events are listed.")
    direction: Literal["warming", "cooling", "steady"]
    tie_before: float
    tie_after: float
    change: float
    events: list[TopEvent]


class CountryChangeOut(ChangeOut):
    partner: str


class PeriodOut(Exact):
    period: date
    until: date
    tie: float | None
    count: int
    events: list[TopEvent]


class CountsOut(Exact):
    all_events: int = Field(description="Merged events of every modality.")
    asserted: int = Field(description="Asserted merged events: what the tie index counts.")
    reports: int = Field(description="Reports those merged events merge.")
    by_modality: dict[str, int]
    coarse: int = Field(description="Asserted events dated too coarsely for the series.")


class TimelineRow(Row):
    id: str
    series_date: date | None
    date_start: date | None
    date_end: date | None
    date_precision: Precision | None
    code: str
    name: str | None
    quad_class: int | None
    goldstein: float | None
    modality: str
    report_count: int
    review_status: Status


class DyadOut(Exact):
    a: str
    b: str
    dataset: str
    freq: Literal["day", "week", "month", "year"]
    series: list[SeriesRow]
    changes: list[ChangeOut]
    periods: list[PeriodOut]
    counts: CountsOut
    events: list[TimelineRow]


class PartnerOut(Exact):
    partner: str
    tie: float
    events: int
    reports: int
    cooperation_events: int
    conflict_events: int
    goldstein_sum: float
    goldstein_mean: float | None = None
    cooperation: float
    conflict: float
    first: date | None
    last: date | None
    first_precision: Precision | None = Field(description="How finely the first date is known.")
    last_precision: Precision | None


class PartnersOut(Exact):
    country: str
    dataset: str
    items: list[PartnerOut]


class ShiftOut(Exact):
    partner: str
    change: float | None
    direction: Literal["warming", "cooling", "steady"] | None
    tie_before: float | None
    tie_after: float | None
    events_before: int
    events_after: int
    cooperation_before: float
    cooperation_after: float
    conflict_before: float
    conflict_after: float


class ShiftsOut(Exact):
    country: str
    dataset: str
    kind: Literal["change_points", "shifts"]
    around: date | None = Field(description="kind shifts: the day the windows meet.")
    items: list[CountryChangeOut] | list[ShiftOut]


# -- actors, articles, search -----------------------------------------------------------------
class ActorOut(Row):
    name: str
    code: str | None
    country: str | None
    sector: str | None
    title: str | None = None
    aliases: list[str] | None = None
    origin: str | None = None


class ActorsOut(Exact):
    items: list[ActorOut]


class CodeSeenOut(Exact):
    code: str | None
    country: str | None
    sector: str | None
    mentions: int
    reports: int
    articles: int


class ActorEventOut(Row):
    id: str
    date_start: date | None
    date_precision: Precision | None
    code: str
    name: str | None
    modality: str
    article_id: str


class ActorDetailOut(Exact):
    actor: ActorOut
    entries: list[ActorOut]
    codes: list[CodeSeenOut]
    events: list[ActorEventOut]


class ArticleListItem(Row):
    id: str
    title: str | None
    url: str | None = None
    source: str | None
    published: date | None


class ArticlesOut(Exact):
    items: list[ArticleListItem]
    limit: int
    offset: int


class ArticleEventOut(Row):
    id: str
    code: str
    name: str | None
    modality: str
    merged_id: str | None


class MentionOut(Row):
    start_char: int
    end_char: int
    text: str | None
    code: str | None


class ArticleOut(Row):
    id: str
    title: str | None
    url: str | None
    source: str | None
    published: date | None
    text: str
    events: list[ArticleEventOut]
    mentions: list[MentionOut]


class SearchOut(Exact):
    q: str
    countries: list[str]
    actors: list[ActorOut]
    articles: list[ArticleListItem]


# -- users, submissions -----------------------------------------------------------------------
class MeOut(Exact):
    user: str | None
    role: Literal["viewer", "reviewer", "admin"] | None


class TokenOut(Exact):
    token: str = Field(description="Send as `Authorization: Bearer TOKEN`; shown once.")
    user: str


class UserOut(Exact):
    name: str
    role: Literal["viewer", "reviewer", "admin"]


class SubmittedArticle(Exact):
    id: str
    events: int
    warnings: list[str]


class SubmitOut(Exact):
    articles: list[SubmittedArticle]
    new_articles: int
    duplicates: int
    events_stored: int
    new_merged_events: int
