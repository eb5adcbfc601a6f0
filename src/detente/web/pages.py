"""Server-rendered pages: readable without JavaScript, every text escaped by the templates."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal
from urllib.parse import quote

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import RedirectResponse, Response

from ..errors import DetenteError, QueryError
from ..model import MODALITIES, PRECISIONS
from ..store import Store
from ..ties.series import DETENTE
from . import charts, data, pairs, worldmap
from .app import Reads, check_csrf, current_user_quiet, get_dataset, get_store, html, require
from .auth import SESSION_COOKIE, SESSION_MAX_AGE, User, authenticate
from .review import Correction, audit_log, review_event, review_queue

router = APIRouter(include_in_schema=False)
StoreDep = Annotated[Store, Depends(get_store)]
Freq = Literal["day", "week", "month", "year"]
Reviewer = Annotated[User, Depends(require("reviewer"))]
Admin = Annotated[User, Depends(require("admin"))]
QUEUE_PAGE, AUDIT_PAGE = 50, 100
DatasetDep = Annotated[str, Depends(get_dataset)]


@router.get("/")
def overview(request: Request, store: StoreDep, dataset: DatasetDep) -> Response:
    def compute() -> dict:
        view = pairs.overview(store, dataset=dataset)
        counts = {c["country"]: c["events"] for c in view["countries"]}
        world = worldmap.count_map(counts, _scoped(dataset)) if counts else None
        return {**view, "world": world, "chart": charts.activity_bars(view["activity"]["months"])}

    view = request.app.state.cache.get(("overview", dataset), compute)
    return html(request, "overview.html", {**view, "choose_dataset": True})


@router.get("/country/{code}")
def country(
    request: Request,
    store: StoreDep,
    code: str,
    dataset: DatasetDep,
    around: str = "",
    window: Annotated[int, Query(ge=1, le=3650)] = 90,
) -> Response:
    """A country's partners on a map by tie index, or (``around``) by how each tie changed
    in the ``window`` days either side of a day."""
    iso, day = data.country(code), _day(around, "around")

    def compute() -> dict:
        view = pairs.country_view(store, iso, dataset=dataset, around=day, window=window)
        view["chart"] = charts.partner_bars(view["partners"][:15])
        query = _scoped(dataset)
        if day:
            moves = view["moves"]
            view["world"] = worldmap.change_map(iso, moves, str(day), query) if moves else None
        else:
            found = view["partners"]
            view["world"] = worldmap.tie_map(iso, found, query) if found else None
        return view

    view = request.app.state.cache.get(
        ("country", iso, dataset, day, window), compute, Reads.of(dataset, iso)
    )
    return html(request, "country.html", {**view, "choose_dataset": True})


def _scoped(dataset: str) -> str:
    """The query string that keeps a map's links within ``dataset``."""
    return "" if dataset == DETENTE else f"?dataset={quote(dataset)}"


@router.get("/dyad/{a}/{b}")
def dyad(
    request: Request,
    store: StoreDep,
    a: str,
    b: str,
    dataset: DatasetDep,
    freq: Freq = "month",
    quad: Annotated[str, Query()] = "",
    modality: str = "",
    since: str = "",
    until: str = "",
    reviews: bool = True,
) -> Response:
    flt = data.MergedFilter(
        data.country(a),
        data.country(b),
        _int(quad, "quad class"),
        modality or None,
        _day(since, "since"),
        _day(until, "until"),
        dataset,
    )
    view = dict(
        request.app.state.cache.get(
            ("page-dyad", flt, freq, reviews),
            lambda: pairs.dyad(store, flt, freq, include_reviews=reviews),
            Reads.of(dataset, flt.a, flt.b),
        )
    )
    view.update(
        chart=charts.tie_chart(view["series"], view["changes"], freq),
        modalities=MODALITIES,
        filters={
            "quad": quad,
            "modality": modality,
            "since": since,
            "until": until,
            "freq": freq,
            "reviews": reviews,
        },
        choose_dataset=True,
    )
    return html(request, "dyad.html", view)


@router.get("/event/{merged_id}")
def event(request: Request, store: StoreDep, merged_id: str, reviewed: str = "") -> Response:
    message = REVIEWED_MESSAGES.get(reviewed)
    return _event_page(request, store, merged_id, {"notice": message})


REVIEWED_MESSAGES = {
    "confirm": "Saved: you confirmed this event.",
    "reject": "Saved: you rejected this event; it no longer counts.",
    "correct": "Saved: your correction now counts in place of the machine's coding.",
}


def _event_page(
    request: Request, store: StoreDep, merged_id: str, extra: dict, status: int = 200
) -> Response:
    signed_in = current_user_quiet(request) is not None
    view = data.merged_event(store, merged_id, with_audit=signed_in)
    view["dataset"] = view["event"].get("dataset") or DETENTE  # its links stay in its dataset
    view.update(modalities=MODALITIES, precisions=PRECISIONS, form={}, error=None, notice=None)
    view.update(extra)
    return html(request, "event.html", view, status)


@router.post("/event/{merged_id}/review")
def review(
    request: Request,
    store: StoreDep,
    merged_id: str,
    user: Reviewer,
    action: Annotated[Literal["confirm", "reject", "correct"], Form()],
    csrf_token: Annotated[str, Form()] = "",
    code: Annotated[str, Form()] = "",
    source: Annotated[str, Form()] = "",
    target: Annotated[str, Form()] = "",
    date_start: Annotated[str, Form()] = "",
    date_end: Annotated[str, Form()] = "",
    date_precision: Annotated[str, Form()] = "",
    modality: Annotated[str, Form()] = "",
    note: Annotated[str, Form(max_length=2000)] = "",
) -> Response:
    check_csrf(request, csrf_token)
    form = {
        "code": code,
        "source": source,
        "target": target,
        "date_start": date_start,
        "date_end": date_end,
        "date_precision": date_precision,
        "modality": modality,
        "note": note,
    }
    try:
        correction = Correction(
            code=code.strip() or None,
            source=source.strip() or None,
            target=target.strip() or None,
            date_start=_day(date_start, "date"),
            date_end=_day(date_end, "end date"),
            date_precision=date_precision or None,
            modality=modality or None,
        )
        review_event(store, merged_id, action, user.name, correction, note.strip() or None)
    except LookupError as exc:
        raise data.NotFound(str(exc)) from exc
    except DetenteError as exc:  # keep what the reviewer typed, say what to fix
        return _event_page(request, store, merged_id, {"form": form, "error": exc.message}, 422)
    return RedirectResponse(f"/event/{quote(merged_id)}?reviewed={action}", status_code=303)


@router.get("/review")
def queue(
    request: Request,
    store: StoreDep,
    user: Reviewer,
    offset: Annotated[int, Query(ge=0)] = 0,
    reviewed: bool = False,
) -> Response:
    """The review queue: unreviewed events first, the least confident coding first."""
    found = review_queue(store, QUEUE_PAGE, offset, include_reviewed=reviewed)
    return html(request, "queue.html", {**found, "reviewed": reviewed, "page": QUEUE_PAGE})


@router.get("/audit")
def audit(
    request: Request,
    store: StoreDep,
    user: Admin,
    offset: Annotated[int, Query(ge=0)] = 0,
    event: str = "",
) -> Response:
    """Every review decision, newest first, with who made it and what it changed (admins)."""
    rows = audit_log(store, event or None, AUDIT_PAGE + 1, offset)
    following = offset + AUDIT_PAGE if len(rows) > AUDIT_PAGE else None
    view = {"items": rows[:AUDIT_PAGE], "offset": offset, "next_offset": following}
    return html(request, "audit.html", {**view, "event": event, "page": AUDIT_PAGE})


@router.get("/article/{article_id}")
def article(request: Request, store: StoreDep, article_id: str) -> Response:
    view = {"article": data.article(store, article_id), "cards": data.actor_card(store, article_id)}
    return html(request, "article.html", view)


@router.get("/actor/{name:path}")
def actor(request: Request, store: StoreDep, name: str) -> Response:
    return html(request, "actor.html", data.actor(store, name))


@router.get("/search")
def search(request: Request, store: StoreDep, q: str = "") -> Response:
    return html(request, "search.html", data.search(store, q))


@router.get("/glossary")
def glossary(request: Request, store: StoreDep) -> Response:
    view = request.app.state.cache.get("glossary", lambda: data.glossary(store))
    return html(request, "glossary.html", view)


@router.get("/login")
def login_form(request: Request, next: str = "/") -> Response:
    return html(request, "login.html", {"next": _safe_next(next), "message": None})


@router.post("/login")
def login(
    request: Request,
    store: StoreDep,
    name: Annotated[str, Form(max_length=64)],
    password: Annotated[str, Form(max_length=1024)],
    csrf_token: Annotated[str, Form()] = "",
    next: Annotated[str, Form()] = "/",
) -> Response:
    check_csrf(request, csrf_token)
    limiter = request.app.state.limiter
    client = request.client.host if request.client else "unknown"
    wait = limiter.blocked_for(client)
    if wait:
        return html(
            request,
            "login.html",
            {
                "next": _safe_next(next),
                "message": f"Too many failed sign-ins; try again in {int(wait) + 1} seconds.",
                "name": name,
            },
            status=429,
        )
    user = authenticate(store, name, password)
    if user is None:
        limiter.failed(client)
        return html(
            request,
            "login.html",
            {"next": _safe_next(next), "message": "Unknown user or wrong password.", "name": name},
            status=401,
        )
    limiter.succeeded(client)
    response = RedirectResponse(_safe_next(next), status_code=303)
    response.set_cookie(
        SESSION_COOKIE,
        request.app.state.signer.session(user),
        max_age=SESSION_MAX_AGE,
        httponly=True,
        samesite="strict",
        secure=request.app.state.secure_cookies,
        path="/",
    )
    return response


@router.post("/logout")
def logout(request: Request, csrf_token: Annotated[str, Form()] = "") -> Response:
    check_csrf(request, csrf_token)
    response = RedirectResponse("/", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


def _safe_next(target: str) -> str:
    """Only local paths: never redirect a signed-in user to another site."""
    return target if target.startswith("/") and not target.startswith("//") else "/"


def _day(value: str, what: str) -> date | None:
    if not value.strip():
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise QueryError(f"{what} {value!r} is not a date; write it as YYYY-MM-DD.") from None


def _int(value: str, what: str) -> int | None:
    if not value.strip():
        return None
    try:
        return int(value)
    except ValueError:
        raise QueryError(f"{what} {value!r} is not a number.") from None
