"""The API's documentation pages, Swagger UI at ``/docs`` and ReDoc at ``/redoc``, served
offline: their scripts and styles come from the ``fastapi-offline`` package (which ships both,
MIT-licensed), so the pages work without internet and under the app's own CSP (no CDN, no
inline script), and a favicon for every page."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

from fastapi import APIRouter
from fastapi.responses import FileResponse, HTMLResponse

from .app import HERE

router = APIRouter(include_in_schema=False)

SWAGGER = """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>detente API · Swagger UI</title>
<link rel="icon" href="/favicon.ico" type="image/svg+xml">
<link rel="stylesheet" href="/docs-assets/swagger-ui.css">
</head><body>
<div id="swagger-ui" data-openapi="/openapi.json"></div>
<script src="/docs-assets/swagger-ui-bundle.js"></script>
<script src="/static/swagger-init.js"></script>
</body></html>
"""

REDOC = """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>detente API · ReDoc</title>
<link rel="icon" href="/favicon.ico" type="image/svg+xml">
</head><body>
<redoc spec-url="/openapi.json"></redoc>
<script src="/docs-assets/redoc.standalone.js"></script>
</body></html>
"""


def asset_folder() -> Path:
    """Where the installed ``fastapi-offline`` keeps Swagger UI's and ReDoc's files."""
    return Path(str(files("fastapi_offline") / "static"))


@router.get("/docs")
def swagger_ui() -> HTMLResponse:
    return HTMLResponse(SWAGGER)


@router.get("/redoc")
def redoc() -> HTMLResponse:
    return HTMLResponse(REDOC)


@router.get("/favicon.ico")
def favicon() -> FileResponse:
    return FileResponse(HERE / "static" / "favicon.svg", media_type="image/svg+xml")
