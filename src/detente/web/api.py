"""The JSON API under ``/api`` (documented by OpenAPI at ``/docs``)."""

from __future__ import annotations

import csv
import io
from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, Field

from ..errors import QueryError
from ..store import Store
from ..store.queries import EventFilter
from ..ties import partners, shifts
from ..ties.shifts import change_points
from . import data
from .app import cached, check_csrf, current_user, get_store, json_ready, require
from .auth import User, add_user, create_token
from .review import Correction, audit_log, export_reviews, review_event
from .submit import submit_articles

router = APIRouter(prefix="/api", tags=["api"])
StoreDep = Annotated[Store, Depends(get_store)]
Limit = Annotated[int, Query(ge=1, le=500, description="At most this many items (1-500).")]
Offset = Annotated[int, Query(ge=0, description="Skip this many items (pagination).")]
Freq = Literal["day", "week", "month", "year"]
Viewer = Annotated[User, Depends(require("viewer"))]
Reviewer = Annotated[User, Depends(require("reviewer"))]
Admin = Annotated[User, Depends(require("admin"))]
MaybeUser = Annotated[User | None, Depends(current_user)]


def ok(value: Any) -> JSONResponse:
    return JSONResponse(json_ready(value))


@router.get("/stats", summary="Store size and coverage")
def stats(store: StoreDep) -> JSONResponse:
    return ok(data.stats(store))


@router.get("/events", summary="Event reports with filters, paginated")
def events(
    store: StoreDep,
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
    by: Annotated[str, Query(description="event_date, report_date or published.")] = "event_date",
    sort: str | None = None,
    desc: bool = False,
    limit: Limit = 50,
    offset: Offset = 0,
) -> JSONResponse:
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
    return ok(data.events_page(store, flt, sort or by, desc, limit, offset))


@router.get("/events/{merged_id}", summary="A merged event with all its reports and review history")
def merged_event(store: StoreDep, merged_id: str, user: MaybeUser) -> JSONResponse:
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


@router.post("/events/{merged_id}/review", summary="Confirm, reject or correct an event (reviewer)")
def review(
    store: StoreDep, request: Request, merged_id: str, body: ReviewIn, user: Reviewer
) -> JSONResponse:
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
    "/reviews", summary="Every review beside the machine coding, JSON or CSV (signed-in users)"
)
def reviews(store: StoreDep, user: Viewer, format: Literal["json", "csv"] = "json") -> Response:
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


@router.get("/audit", summary="The review audit log, newest first (signed-in users)")
def audit(
    store: StoreDep, user: Viewer, merged_id: str | None = None, limit: Limit = 200
) -> JSONResponse:
    return ok({"items": audit_log(store, merged_id, limit)})


@router.get("/dyads/{a}/{b}", summary="A pair's tie index per period, change points and events")
async def dyad(
    request: Request,
    a: str,
    b: str,
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
    flt = data.MergedFilter(data.country(a), data.country(b), quad, modality, since, until)
    store = request.app.state.store

    def compute() -> bytes:
        return ok(data.dyad(store, flt, freq, include_reviews=reviews, events=events)).body

    body = await cached(request, ("api-dyad", flt, freq, reviews, events), compute)
    return Response(body, media_type="application/json")


@router.get("/countries/{code}/partners", summary="A country's partners ranked by tie index")
def country_partners(
    store: StoreDep,
    code: str,
    since: date | None = None,
    until: date | None = None,
    limit: Limit = 50,
) -> JSONResponse:
    return ok(
        {
            "country": data.country(code),
            "items": data.records(partners(store, data.country(code), since, until, limit=limit)),
        }
    )


@router.get("/countries/{code}/shifts", summary="Partners whose ties moved most, or change points")
def country_shifts(
    store: StoreDep,
    code: str,
    around: Annotated[
        date | None, Query(description="Compare the windows before and after this day.")
    ] = None,
    window: Annotated[int, Query(ge=1, le=3650)] = 90,
) -> JSONResponse:
    iso = data.country(code)
    if around is None:
        return ok(
            {
                "country": iso,
                "kind": "change_points",
                "items": data.records(change_points(store, iso, freq="month")),
            }
        )
    return ok(
        {
            "country": iso,
            "kind": "shifts",
            "around": around,
            "items": data.records(shifts(store, iso, around=around, window_days=window)),
        }
    )


@router.get("/actors", summary="Search the actor registry")
def actors(store: StoreDep, search: str | None = None, limit: Limit = 100) -> JSONResponse:
    return ok({"items": data.find_actors(store, search, limit)})


@router.get("/actors/{name:path}", summary="One actor with its aliases and events")
def actor(store: StoreDep, name: str) -> JSONResponse:
    return ok(data.actor(store, name))


@router.get("/articles", summary="Articles whose title or URL contains the search")
def articles(
    store: StoreDep, search: str = "", limit: Limit = 50, offset: Offset = 0
) -> JSONResponse:
    rows = store.query(
        "SELECT id, title, url, source, published, event_count FROM articles "
        "WHERE title ILIKE ? OR url ILIKE ? ORDER BY published DESC NULLS LAST, id LIMIT ? OFFSET ?",
        [f"%{search}%", f"%{search}%", limit, offset],
    )
    return ok({"items": rows, "limit": limit, "offset": offset})


@router.get("/articles/{article_id}", summary="An article: metadata, text, events and mentions")
def article(store: StoreDep, article_id: str) -> JSONResponse:
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


@router.post("/articles", summary="Submit articles to be coded and stored (reviewer)")
def submit(store: StoreDep, request: Request, body: ArticlesIn, user: Reviewer) -> JSONResponse:
    check_csrf(request, request.headers.get("x-csrf-token"))
    return ok(submit_articles(request.app, store, [a.model_dump() for a in body.articles]))


@router.get("/search", summary="Countries, actors and articles matching a query")
def search(store: StoreDep, q: str = "") -> JSONResponse:
    return ok(data.search(store, q))


@router.get("/me", summary="Who you are signed in as")
def me(request: Request, user: MaybeUser) -> JSONResponse:
    return ok({"user": user.name if user else None, "role": user.role if user else None})


class TokenIn(BaseModel):
    label: str | None = Field(default=None, max_length=100)


@router.post("/tokens", summary="A new API token for yourself (shown once)")
def token(store: StoreDep, request: Request, body: TokenIn, user: Viewer) -> JSONResponse:
    check_csrf(request, request.headers.get("x-csrf-token"))
    return ok({"token": create_token(store, user.name, body.label), "user": user.name})


class UserIn(BaseModel):
    name: str
    password: str
    role: Literal["viewer", "reviewer", "admin"] = "viewer"


@router.post("/users", summary="Add a user or reset one (admin)")
def users(store: StoreDep, request: Request, body: UserIn, user: Admin) -> JSONResponse:
    check_csrf(request, request.headers.get("x-csrf-token"))
    added = add_user(store, body.name, body.password, body.role)
    return ok({"name": added.name, "role": added.role})
