"""The JSON API under ``/api`` (documented by OpenAPI at ``/docs``).

Each answer is checked against its model in :mod:`.schemas` (FastAPI's response models), so
the OpenAPI schema says exactly what comes back; errors are :class:`~.schemas.ErrorOut`.
Read endpoints about ties take ``dataset``: detente's own coding by default, or a dataset
brought in by ``detente import``.
"""

from __future__ import annotations

import csv
import io
from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response
from pydantic import BaseModel, Field

from ..errors import QueryError
from ..store import Store
from ..store.queries import EventFilter
from ..ties import shifts
from ..ties.series import DETENTE
from . import data, pairs
from .app import (
    Reads,
    cached_answer,
    check_csrf,
    current_user,
    get_dataset,
    get_store,
    json_ready,
    require,
    wrote,
)
from .auth import User, add_user, create_token
from .evidence import what_moved
from .imported import imported_events_page
from .review import Correction, audit_log, export_reviews, review_event
from .schemas import (
    ActorDetailOut,
    ActorsOut,
    ArticleOut,
    ArticlesOut,
    AuditPage,
    DatasetsOut,
    DyadOut,
    ErrorOut,
    EventsPage,
    MeOut,
    MergedEventOut,
    MergedEventRow,
    PartnersOut,
    ReviewsOut,
    SearchOut,
    ShiftsOut,
    StatsOut,
    SubmitOut,
    TokenOut,
    UserOut,
)
from .submit import submit_articles


def _errors(*statuses: int) -> dict[int | str, dict[str, Any]]:
    return {status: {"model": ErrorOut} for status in statuses}


# every answer may be a refused request (422: a bad parameter, or a value detente cannot
# read), a store that cannot answer now (503), or a bug (500)
router = APIRouter(prefix="/api", tags=["api"], responses=_errors(400, 422, 500, 503))
SIGNED_IN = _errors(401, 403)
FOUND = _errors(404)
StoreDep = Annotated[Store, Depends(get_store)]
DatasetDep = Annotated[str, Depends(get_dataset)]
Limit = Annotated[int, Query(ge=1, le=500, description="At most this many items (1-500).")]
Offset = Annotated[
    int, Query(ge=0, le=10_000_000, description="Skip this many items (pagination).")
]
Freq = Literal["day", "week", "month", "year"]
Viewer = Annotated[User, Depends(require("viewer"))]
Reviewer = Annotated[User, Depends(require("reviewer"))]
Admin = Annotated[User, Depends(require("admin"))]
MaybeUser = Annotated[User | None, Depends(current_user)]


def ok(value: Any) -> Any:
    """Plain JSON values (dates as ISO text, NaN and NaT as null) for the response model."""
    return json_ready(value)


@router.get("/stats", summary="Store size, and one dataset's merged events")
def stats(store: StoreDep, dataset: DatasetDep) -> StatsOut:
    return ok(data.stats(store, dataset))


@router.get("/datasets", summary="The datasets of the store: detente's own, then imported ones")
def datasets(store: StoreDep) -> DatasetsOut:
    return ok({"items": pairs.datasets(store)})


@router.get("/events", summary="Event reports (or an imported dataset's rows), paginated")
def events(
    store: StoreDep,
    dataset: DatasetDep,
    country: Annotated[
        str | None, Query(description="A country on either side (code or name).")
    ] = None,
    dyad: Annotated[
        str | None, Query(description="Two countries, either direction: PRK,RUS.")
    ] = None,
    actor: Annotated[str | None, Query(description="Actor code prefix or person name.")] = None,
    code: Annotated[str | None, Query(description="CAMEO code or root (04, 042).")] = None,
    quad: Annotated[int | None, Query(description="Quad class 1-4.")] = None,
    modality: str | None = None,
    since: date | None = None,
    until: date | None = None,
    outlet: str | None = None,
    by: Annotated[
        Literal["event_date", "report_date", "published"],
        Query(description="Which date since and until bound."),
    ] = "event_date",
    sort: Annotated[
        Literal["event_date", "report_date", "published", "lag", "goldstein"] | None,
        Query(description="Sort by this (default: the date of `by`)."),
    ] = None,
    desc: bool = False,
    limit: Limit = 50,
    offset: Offset = 0,
) -> EventsPage:
    pair = None
    if dyad:
        parts = [p for p in dyad.replace("-", ",").split(",") if p.strip()]
        if len(parts) != 2:
            raise QueryError(
                f"dyad {dyad!r}: give two countries separated by a comma, e.g. PRK,RUS."
            )
        pair = (data.country(parts[0].strip()), data.country(parts[1].strip()))
    flt = EventFilter(
        country=data.country(country) if country else None,
        dyad=pair,
        actor=actor,
        code=code,
        quad_class=quad,
        modality=modality,
        since=since,
        until=until,
        outlet=outlet,
        date_field=by,
    )
    if dataset != DETENTE:
        return ok(imported_events_page(store, dataset, flt, sort or by, desc, limit, offset))
    return ok(data.events_page(store, flt, sort or by, desc, limit, offset))


@router.get(
    "/events/{merged_id}",
    summary="A merged event with all its reports and review history",
    responses={**FOUND, **SIGNED_IN},
    response_model_exclude_unset=True,  # no "audit" for anonymous users, no "rows" for ours
)
def merged_event(store: StoreDep, merged_id: str, user: MaybeUser) -> MergedEventOut:
    """The review history (with reviewers' names) is included for signed-in users only."""
    return ok(data.merged_event(store, merged_id, with_audit=user is not None))


class ReviewIn(BaseModel):
    action: Literal["confirm", "reject", "correct"]
    code: str | None = None
    source: str | None = None
    target: str | None = None
    date_start: date | None = None
    date_end: date | None = None
    date_precision: str | None = None
    modality: str | None = None
    note: str | None = Field(default=None, max_length=2000)


@router.post(
    "/events/{merged_id}/review",
    summary="Confirm, reject or correct an event (reviewer)",
    responses={**FOUND, **SIGNED_IN},
)
def review(
    store: StoreDep, request: Request, merged_id: str, body: ReviewIn, user: Reviewer
) -> MergedEventRow:
    check_csrf(request, request.headers.get("x-csrf-token"))
    correction = Correction(
        code=body.code,
        source=body.source,
        target=body.target,
        date_start=body.date_start,
        date_end=body.date_end,
        date_precision=body.date_precision,
        modality=body.modality,
    )
    try:
        row = review_event(store, merged_id, body.action, user.name, correction, body.note)
    except LookupError as exc:
        raise data.NotFound(str(exc)) from exc
    return ok(row)


@router.get(
    "/reviews",
    summary="Every review beside the machine coding, JSON or CSV (signed-in users)",
    responses={**SIGNED_IN, 200: {"content": {"text/csv": {}}}},
    response_model=ReviewsOut,
)
def reviews(store: StoreDep, user: Viewer, format: Literal["json", "csv"] = "json") -> Any:
    rows = export_reviews(store)
    if format == "json":
        return ok({"items": rows})
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]) if rows else ["merged_id"])
    writer.writeheader()
    for row in rows:
        writer.writerow({k: _csv_cell(v) for k, v in row.items()})
    return Response(
        out.getvalue(),
        media_type="text/csv",
        headers={"Content-Disposition": "attachment; filename=reviews.csv"},
    )


def _csv_cell(value: Any) -> Any:
    """Neutralise spreadsheet formulas in exported cells."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


@router.get(
    "/audit",
    summary="The review audit log, newest first (signed-in users)",
    responses=SIGNED_IN,
)
def audit(
    store: StoreDep, user: Viewer, merged_id: str | None = None, limit: Limit = 200
) -> AuditPage:
    return ok({"items": audit_log(store, merged_id, limit)})


@router.get(
    "/dyads/{a}/{b}",
    summary="A pair's tie index per period, change points and events",
    response_model=DyadOut,
)
async def dyad(
    request: Request,
    a: str,
    b: str,
    dataset: DatasetDep,
    freq: Freq = "month",
    since: date | None = None,
    until: date | None = None,
    quad: int | None = None,
    modality: str | None = None,
    reviews: Annotated[
        bool, Query(description="Count reviewed events (default) or the machine's.")
    ] = True,
    events: Annotated[int, Query(ge=0, le=500, description="Newest events listed.")] = 50,
) -> Response:
    flt = data.MergedFilter(data.country(a), data.country(b), quad, modality, since, until, dataset)
    store = request.app.state.store

    def compute() -> bytes:
        found = pairs.dyad(store, flt, freq, include_reviews=reviews, events=events)
        return DyadOut.model_validate(ok(found)).model_dump_json().encode()

    key = ("api-dyad", flt, freq, reviews, events)
    body = await cached_answer(request, key, compute, Reads.of(flt.dataset, flt.a, flt.b))
    return Response(body, media_type="application/json")


@router.get("/countries/{code}/partners", summary="A country's partners ranked by tie index")
def country_partners(
    store: StoreDep,
    code: str,
    dataset: DatasetDep,
    since: date | None = None,
    until: date | None = None,
    limit: Limit = 50,
) -> PartnersOut:
    iso = data.country(code)
    found = pairs.country_partners(store, iso, since, until, limit, dataset)
    return ok({"country": iso, "dataset": dataset, "items": found})


@router.get(
    "/countries/{code}/shifts",
    summary="What moved: the change points of a country's ties, or its shifts around a day",
)
def country_shifts(
    store: StoreDep,
    code: str,
    dataset: DatasetDep,
    around: Annotated[
        date | None, Query(description="Compare the windows before and after this day.")
    ] = None,
    window: Annotated[int, Query(ge=1, le=3650)] = 90,
) -> ShiftsOut:
    """Without ``around``: the change points of the country's busiest pairs with the events
    that drove them (as on the country page and each pair's page). With it: each partner's
    tie in the ``window`` days before and after that day."""
    iso = data.country(code)
    if around is None:
        moved = what_moved(store, iso, dataset=dataset)
        return ok(
            {
                "country": iso,
                "dataset": dataset,
                "kind": "change_points",
                "around": None,
                "items": moved,
            }
        )
    found = shifts(store, iso, around=around, window_days=window, dataset=dataset)
    return ok(
        {
            "country": iso,
            "dataset": dataset,
            "kind": "shifts",
            "around": around,
            "items": data.records(found),
        }
    )


@router.get("/actors", summary="Search the actor registry and the actors the news names")
def actors(store: StoreDep, search: str | None = None, limit: Limit = 100) -> ActorsOut:
    return ok({"items": data.find_actors(store, search, limit)})


@router.get("/actors/{name:path}", summary="One actor with its aliases and events", responses=FOUND)
def actor(store: StoreDep, name: str) -> ActorDetailOut:
    return ok(data.actor(store, name))


@router.get("/articles", summary="Articles whose title or URL contains the search")
def articles(
    store: StoreDep, search: str = "", limit: Limit = 50, offset: Offset = 0
) -> ArticlesOut:
    rows = store.query(
        "SELECT id, title, url, source, published, event_count FROM articles "
        "WHERE title ILIKE ? OR url ILIKE ? ORDER BY published DESC NULLS LAST, id LIMIT ? OFFSET ?",
        [f"%{search}%", f"%{search}%", limit, offset],
    )
    return ok({"items": rows, "limit": limit, "offset": offset})


@router.get(
    "/articles/{article_id}",
    summary="An article: metadata, text, events and mentions",
    responses=FOUND,
)
def article(store: StoreDep, article_id: str) -> ArticleOut:
    found = data.article(store, article_id)
    found.pop("segments")
    return ok(found)


class ArticleIn(BaseModel):
    text: str = Field(min_length=1, max_length=1_000_000)
    title: str | None = None
    url: str | None = None
    source: str | None = None
    published: date | None = None


class ArticlesIn(BaseModel):
    articles: list[ArticleIn] = Field(min_length=1, max_length=100)


@router.post(
    "/articles", summary="Submit articles to be coded and stored (reviewer)", responses=SIGNED_IN
)
def submit(store: StoreDep, request: Request, body: ArticlesIn, user: Reviewer) -> SubmitOut:
    check_csrf(request, request.headers.get("x-csrf-token"))
    answer, written = submit_articles(request.app, store, [a.model_dump() for a in body.articles])
    wrote(request, written)
    return ok(answer)


@router.get("/search", summary="Countries, actors and articles matching a query")
def search(store: StoreDep, q: str = "") -> SearchOut:
    return ok(data.search(store, q))


@router.get("/me", summary="Who you are signed in as", responses=SIGNED_IN)
def me(request: Request, user: MaybeUser) -> MeOut:
    return ok({"user": user.name if user else None, "role": user.role if user else None})


class TokenIn(BaseModel):
    label: str | None = Field(default=None, max_length=100)


@router.post("/tokens", summary="A new API token for yourself (shown once)", responses=SIGNED_IN)
def token(store: StoreDep, request: Request, body: TokenIn, user: Viewer) -> TokenOut:
    check_csrf(request, request.headers.get("x-csrf-token"))
    return ok({"token": create_token(store, user.name, body.label), "user": user.name})


class UserIn(BaseModel):
    name: str
    password: str
    role: Literal["viewer", "reviewer", "admin"] = "viewer"


@router.post("/users", summary="Add a user or reset one (admin)", responses=SIGNED_IN)
def users(store: StoreDep, request: Request, body: UserIn, user: Admin) -> UserOut:
    check_csrf(request, request.headers.get("x-csrf-token"))
    added = add_user(store, body.name, body.password, body.role)
    return ok({"name": added.name, "role": added.role})
