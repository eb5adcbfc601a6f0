"""The FastAPI application: state, security middleware, who is asking, and errors → HTTP.

:func:`create_app` builds the app around one open :class:`~detente.store.Store`. The
server opens the store for writing itself, so it is the single writer: reviews, users and
submitted articles are written through it, and ``detente ingest`` on the same file fails with
a clear "in use by another process" message instead of corrupting anything.
"""

from __future__ import annotations

import logging
import math
import threading
from collections import OrderedDict, deque
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from jinja2 import pass_context
from starlette.exceptions import HTTPException as StarletteHTTPException

from .. import __version__
from ..errors import CoderStoppedError, DetenteError, QueryError, StoreError
from ..store import Store
from ..ties.series import DETENTE, check_dataset
from . import names
from .auth import (
    CSRF_COOKIE,
    SESSION_COOKIE,
    LoginLimiter,
    Signer,
    User,
    get_user,
    has_users,
    new_nonce,
    store_secret,
    user_for_token,
)
from .data import NotFound

log = logging.getLogger(__name__)

HERE = Path(__file__).parent
CSP = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
# Swagger UI and ReDoc set inline styles and ReDoc runs a blob worker; their scripts still
# come only from this server (the assets of the ``fastapi-offline`` package).
DOCS_CSP = (
    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
    "script-src 'self'; worker-src 'self' blob:; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'"
)
DOCS_PATHS = ("/docs", "/redoc")


def create_app(
    store: Store, limiter: LoginLimiter | None = None, secure_cookies: bool = False
) -> FastAPI:
    """The web app over an open store (opened for writing when reviews or users are wanted)."""
    from . import api, docs, pages

    app = FastAPI(
        title="detente",
        version=__version__,
        description="Political event data from raw news: events, ties between states, review.",
        docs_url=None,  # served by .docs from files shipped in a package, never a CDN
        redoc_url=None,
    )
    app.state.store = store
    app.state.signer = (
        Signer(store_secret(store)) if not store.read_only else Signer(_volatile_secret())
    )
    app.state.limiter = limiter or LoginLimiter()
    app.state.secure_cookies = secure_cookies
    app.state.templates = templates()
    app.state.pipeline = None  # the folder watcher's, loaded on first use
    app.state.coder = None  # codes submitted articles in a process of its own, started on first use
    app.state.cache = ReadCache()
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.mount("/docs-assets", StaticFiles(directory=docs.asset_folder()), name="docs-assets")
    app.include_router(api.router)
    app.include_router(docs.router)
    app.include_router(pages.router)
    app.add_middleware(CachedAnswers, detente_app=app)
    app.add_middleware(GZipMiddleware, minimum_size=2048)  # inline maps compress fourfold
    app.add_middleware(SecurityHeaders, detente_app=app)
    for kind in (DetenteError, NotFound, RequestValidationError, StarletteHTTPException):
        app.add_exception_handler(kind, _handle_error)
    app.add_exception_handler(Exception, _handle_crash)
    return app


def templates() -> Jinja2Templates:
    found = Jinja2Templates(directory=str(HERE / "templates"))
    found.env.autoescape = True  # article text is untrusted: everything is escaped
    found.env.globals["version"] = __version__
    found.env.filters["web_url"] = web_url
    found.env.filters["scoped"] = scoped
    found.env.filters.update(names.filters())
    return found


@pass_context
def scoped(context: Any, url: str) -> str:
    """A link of the site kept within the page's dataset (``?dataset=gdelt``); detente's own
    coding, the default, adds nothing."""
    dataset = context.get("dataset") or DETENTE
    if dataset == DETENTE:
        return url
    path, _, fragment = url.partition("#")
    path += ("&" if "?" in path else "?") + "dataset=" + quote(dataset)
    return f"{path}#{fragment}" if fragment else path


def web_url(url: str | None) -> str | None:
    """An article's URL when it is a web address; ``javascript:`` and the like are dropped."""
    return url if url and url.strip().lower().startswith(("http://", "https://")) else None


def _volatile_secret() -> str:
    from secrets import token_urlsafe

    return token_urlsafe(48)


@dataclass(frozen=True)
class Reads:
    """What a cached read is computed from: one dataset's merged events that name all of
    ``countries`` (a pair's view: both countries; a country's view: the one)."""

    dataset: str
    countries: frozenset[str]

    @classmethod
    def of(cls, dataset: str, *countries: str) -> Reads:
        return cls(dataset, frozenset(countries))


@dataclass(frozen=True)
class Written:
    """What a write changed: one dataset's merged events, each by the set of its countries
    (two, one when the other side has none or is the same country)."""

    dataset: str
    events: frozenset[frozenset[str]]

    def changes(self, reads: Reads | None) -> bool:
        """Whether a read of ``reads`` may now give another answer (a read that did not say
        what it reads may always)."""
        if reads is None:
            return True
        return reads.dataset == self.dataset and any(reads.countries <= e for e in self.events)


EVERYTHING: Written | None = None
"""A write that does not say what it changed: every cached read is dropped."""


class ReadCache:
    """Recent read results, dropped when a write changes what they were computed from.

    The server is the store's only writer and every write is a POST, so forgetting after each
    successful POST keeps the cache exact while repeated chart requests cost nothing. A read
    cached with :class:`Reads` outlives writes about other pairs and countries (an ingest
    about PRK and RUS keeps the cached CHN-USA view); a read cached without is dropped by
    every write. A value computed while a write that changes it was committed is returned
    but not kept.
    """

    HISTORY = 64
    """Writes remembered for the values being computed meanwhile; a computation that began
    before the oldest of them is not kept."""

    def __init__(self, size: int = 256) -> None:
        self.size = size
        self._items: OrderedDict[Hashable, tuple[Any, Reads | None]] = OrderedDict()
        self._flights: dict[Hashable, threading.Lock] = {}
        self._generation = 0
        self._writes: deque[tuple[int, Written | None]] = deque(maxlen=self.HISTORY)
        self._urls: dict[tuple[str, bytes], Hashable] = {}
        self._lock = threading.Lock()

    def get(self, key: Hashable, compute: Callable[[], Any], reads: Reads | None = None) -> Any:
        """The cached value, else computed once however many requests ask at the same time."""
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return self._items[key][0]
            flight = self._flights.setdefault(key, threading.Lock())
        with flight:
            with self._lock:
                if key in self._items:
                    return self._items[key][0]
                generation = self._generation
            value = compute()
            with self._lock:
                if self._flights.get(key) is flight:
                    del self._flights[key]
                if not self._written_since(generation, reads):
                    self._items[key] = (value, reads)
                    while len(self._items) > self.size:
                        self._items.popitem(last=False)
        return value

    def peek(self, key: Hashable) -> Any:
        """The cached value, or :data:`MISSING`."""
        with self._lock:
            found = self._items.get(key)
            return MISSING if found is None else found[0]

    def answer_at(self, url: tuple[str, bytes], key: Hashable) -> None:
        """Note that the cached value of ``key`` is the whole answer to a GET of ``url``
        (path, query string): the same request is then answered by :meth:`answer`."""
        with self._lock:
            if len(self._urls) >= 4 * self.size:
                self._urls.clear()  # URLs of values long evicted; the live ones come back
            self._urls[url] = key

    def answer(self, url: tuple[str, bytes]) -> Any:
        """The cached answer to a GET of ``url``, or :data:`MISSING`."""
        with self._lock:
            key = self._urls.get(url, MISSING)
            found = self._items.get(key) if key is not MISSING else None
            if found is None:
                return MISSING
            self._items.move_to_end(key)
            return found[0]

    def forget(self, written: Written | None = EVERYTHING) -> None:
        """Drop what ``written`` may have changed (everything, by default)."""
        with self._lock:
            self._generation += 1
            self._writes.append((self._generation, written))
            for key in [k for k, (_, reads) in self._items.items() if _changes(written, reads)]:
                del self._items[key]

    def clear(self) -> None:
        self.forget(EVERYTHING)

    def _written_since(self, generation: int, reads: Reads | None) -> bool:
        if generation == self._generation:
            return False
        if not self._writes or self._writes[0][0] > generation + 1:
            return True  # more writes since than remembered
        return any(_changes(w, reads) for g, w in self._writes if g > generation)


def _changes(written: Written | None, reads: Reads | None) -> bool:
    return written is None or written.changes(reads)


MISSING = object()


async def cached(
    request: Request, key: Hashable, compute: Callable[[], Any], reads: Reads | None = None
) -> Any:
    """A read result from the cache without leaving the event loop, else computed in a worker
    thread (the store's reads block)."""
    from starlette.concurrency import run_in_threadpool

    cache: ReadCache = request.app.state.cache
    found = cache.peek(key)
    if found is not MISSING:
        return found
    return await run_in_threadpool(cache.get, key, compute, reads)


async def cached_answer(
    request: Request, key: Hashable, compute: Callable[[], bytes], reads: Reads | None = None
) -> bytes:
    """:func:`cached` for a route whose answer is the value (JSON as bytes) and depends only on
    the request's path and query string: while it stays cached, the same GET is answered by
    :class:`CachedAnswers` without routing or checking its parameters again."""
    body = await cached(request, key, compute, reads)
    request.app.state.cache.answer_at((request.scope["path"], request.scope["query_string"]), key)
    return body


def wrote(request: Request, written: Written | None) -> None:
    """Say what this request's write changed: only the cached reads it changes are dropped
    when it has been answered (by default, a write drops them all)."""
    request.state.written = written


class CachedAnswers:
    """Pure ASGI middleware: a GET whose whole answer is cached (:func:`cached_answer`) is
    answered with its bytes at once. Routing and checking the parameters of a cached
    answer cost the server more than sending it; both were done when it was computed."""

    def __init__(self, app, detente_app: FastAPI) -> None:
        self.app, self.detente_app = app, detente_app

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] == "http" and scope["method"] == "GET":
            body = self.detente_app.state.cache.answer((scope["path"], scope["query_string"]))
            if body is not MISSING:
                headers = [
                    (b"content-length", str(len(body)).encode()),
                    (b"content-type", b"application/json"),
                ]
                await send({"type": "http.response.start", "status": 200, "headers": headers})
                await send({"type": "http.response.body", "body": body})
                return
        await self.app(scope, receive, send)


class SecurityHeaders:
    """Pure ASGI middleware (cheaper than ``BaseHTTPMiddleware`` under load): security headers
    on every response, a CSRF nonce cookie for new visitors, and after every write the cached
    reads it changed dropped (all of them unless the route said what it wrote: :func:`wrote`)."""

    HEADERS = (
        (b"x-content-type-options", b"nosniff"),
        (b"x-frame-options", b"DENY"),
        (b"referrer-policy", b"same-origin"),
    )

    def __init__(self, app, detente_app: FastAPI) -> None:
        self.app, self.detente_app = app, detente_app

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        nonce = Request(scope).cookies.get(CSRF_COOKIE)
        scope.setdefault("state", {})["csrf_nonce"] = nonce or new_nonce()
        path = scope.get("path", "")
        policy = DOCS_CSP if path in DOCS_PATHS else CSP
        extra = [(b"content-security-policy", policy.encode()), *self.HEADERS]
        if not nonce:
            cookie = Response()
            cookie.set_cookie(
                CSRF_COOKIE,
                scope["state"]["csrf_nonce"],
                httponly=True,
                samesite="strict",
                secure=self.detente_app.state.secure_cookies,
                path="/",
            )
            extra += [h for h in cookie.raw_headers if h[0] == b"set-cookie"]

        async def send_with_headers(message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *extra]
            await send(message)

        try:
            await self.app(scope, receive, send_with_headers)
        finally:
            if scope["method"] not in ("GET", "HEAD", "OPTIONS"):
                written = scope["state"].get("written", EVERYTHING)
                self.detente_app.state.cache.forget(written)


# -- who is asking, and about which dataset ---------------------------------------------------
async def get_store(request: Request) -> Store:
    # async: FastAPI runs a plain function dependency in a worker thread, a hop per request
    return request.app.state.store


async def get_dataset(
    request: Request,
    dataset: Annotated[
        str,
        Query(
            max_length=64,
            description="Whose events: detente's own coding (default) or a dataset brought in "
            "by `detente import` (gdelt, icews, polecat, or the name given there).",
        ),
    ] = DETENTE,
) -> str:
    """The dataset a page or API call reads (checked against the store); pages link within it.
    detente's own, the default, needs no check (no read, no worker thread)."""
    from starlette.concurrency import run_in_threadpool

    store = request.app.state.store
    name = dataset if dataset == DETENTE else await run_in_threadpool(check_dataset, store, dataset)
    request.state.dataset = name
    return name


def current_user(request: Request) -> User | None:
    """The user of an API token (``Authorization: Bearer``) or of a signed session cookie."""
    store: Store = request.app.state.store
    header = request.headers.get("authorization", "")
    if header.lower().startswith("bearer "):
        user = user_for_token(store, header[7:].strip())
        if user is None:
            raise HTTPException(401, "unknown or revoked API token")
        request.state.by_token = True
        return user
    name = request.app.state.signer.session_user(request.cookies.get(SESSION_COOKIE))
    return get_user(store, name) if name else None


def csrf_token(request: Request) -> str:
    return request.app.state.signer.csrf_token(request.state.csrf_nonce)


def check_csrf(request: Request, token: str | None) -> None:
    """Cookie-authenticated writes must carry the CSRF token of the page they came from."""
    if getattr(request.state, "by_token", False):
        return
    if not request.app.state.signer.csrf_valid(token, request.cookies.get(CSRF_COOKIE)):
        raise HTTPException(403, "missing or invalid CSRF token; reload the page and try again")


def require(role: str):
    """A dependency: the signed-in user when they hold ``role``, else 401/403."""

    def dependency(request: Request, user: Annotated[User | None, Depends(current_user)]) -> User:
        if request.app.state.store.read_only or not has_users(request.app.state.store):
            raise HTTPException(
                403,
                "this server is read-only: no users are configured "
                "(add one with `detente users add NAME --role reviewer`)",
            )
        if user is None:
            raise HTTPException(401, "sign in first (or send an API token)")
        if not user.can(role):
            raise HTTPException(403, f"this needs the {role} role; {user.name} is a {user.role}")
        return user

    return dependency


# -- errors → HTTP, in one place -------------------------------------------------------------
def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api") or "application/json" in request.headers.get(
        "accept", ""
    )


def _error(
    request: Request,
    status: int,
    message: str,
    code: str | None = None,
    headers: dict[str, str] | None = None,
) -> Response:
    if _wants_json(request):
        body = {"error": message, "code": code, "status": status}
        return JSONResponse(body, status_code=status, headers=headers)
    try:
        page = html(request, "error.html", {"status": status, "message": message}, status)
        page.headers.update(headers or {})
        return page
    except Exception:  # the page itself failed (a broken store): say it plainly
        log.exception("error page failed for %s", request.url.path)
        return Response(f"Error {status}: {message}", status_code=status, media_type="text/plain")


async def _handle_error(request: Request, exc: Exception) -> Response:
    """The one place where errors become HTTP statuses."""
    if isinstance(exc, DetenteError):
        unavailable = (StoreError, CoderStoppedError)  # try again later
        status = (
            422 if isinstance(exc, QueryError) else 503 if isinstance(exc, unavailable) else 400
        )
        return _error(request, status, exc.message, exc.code)
    if isinstance(exc, NotFound):
        return _error(request, 404, str(exc))
    if isinstance(exc, RequestValidationError):
        return _validation_error(request, exc)
    if isinstance(exc, StarletteHTTPException):
        return _http_error(request, exc)
    raise exc


async def _handle_crash(request: Request, exc: Exception) -> Response:
    """A bug: logged with its traceback, answered with a plain 500 (never the traceback)."""
    log.exception("error serving %s %s", request.method, request.url.path, exc_info=exc)
    return _error(request, 500, "Something went wrong on the server; it has been logged.")


def _validation_error(request: Request, exc: RequestValidationError) -> Response:
    problems = []
    for item in exc.errors():
        where = ".".join(str(p) for p in item.get("loc", ()) if p not in ("query", "body"))
        problems.append(f"{where}: {item.get('msg')}")
    return _error(request, 422, "; ".join(problems) or "invalid request", "D050")


def _http_error(request: Request, exc: StarletteHTTPException) -> Response:
    if exc.status_code == 401 and not _wants_json(request):
        from fastapi.responses import RedirectResponse

        return RedirectResponse(f"/login?next={request.url.path}", status_code=303)
    if exc.status_code == 404 and exc.detail == "Not Found":
        message = f"There is no page at {request.url.path}."
    else:
        message = str(exc.detail)
    return _error(request, exc.status_code, message, headers=exc.headers)  # 405: Allow


def json_ready(value: Any) -> Any:
    """Dates and other values as JSON-friendly text, recursively; a missing value (NaN, NaT,
    infinity) is ``null`` (JSON has no NaN); a time carries its zone (RFC 3339: UTC)."""
    if isinstance(value, dict):
        return {k: json_ready(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [json_ready(v) for v in value]
    if hasattr(value, "tolist") and not hasattr(value, "isoformat"):
        value = value.tolist()  # numpy scalars and arrays
        if isinstance(value, list):
            return json_ready(value)
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if value is not None and _is_missing(value):
        return None
    if isinstance(value, datetime) and value.tzinfo is None:
        value = value.replace(tzinfo=UTC)  # the store keeps UTC without a zone
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def _is_missing(value: Any) -> bool:
    """pandas' NaT and NA (which have an ``isoformat`` that writes "NaT")."""
    import pandas as pd

    try:
        return bool(pd.isna(value)) if not isinstance(value, (str, bytes)) else False
    except (TypeError, ValueError):
        return False


def html(request: Request, name: str, context: dict[str, Any], status: int = 200) -> HTMLResponse:
    user = current_user_quiet(request)
    base = {
        "user": user,
        "csrf": csrf_token(request),
        "writable": _writable(request),
        "dataset": getattr(request.state, "dataset", DETENTE),
        "datasets": _datasets(request),
    }
    return request.app.state.templates.TemplateResponse(
        request, name, {**base, **context}, status_code=status
    )


def _datasets(request: Request) -> list[dict[str, Any]]:
    """The store's datasets (for the pages' dataset choice); [] when it cannot say."""
    from .pairs import datasets

    try:
        return request.app.state.cache.get("datasets", lambda: datasets(request.app.state.store))
    except DetenteError:  # an error page of a broken store still renders
        return []


def current_user_quiet(request: Request) -> User | None:
    try:
        return current_user(request)
    except HTTPException:
        return None


def _writable(request: Request) -> bool:
    store = request.app.state.store
    return not store.read_only and has_users(store)
