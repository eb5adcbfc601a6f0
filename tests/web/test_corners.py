"""The corners a new user hits first: offline API docs, errors as pages or JSON, the favicon,
JSON without NaN, and crashes that never show a traceback."""

from __future__ import annotations

import json
import math
from datetime import date

import pandas as pd
from web_fixtures import WebClient

from detente.web import create_app
from detente.web.app import CSP, json_ready


def strict_json(text: str):
    """JSON as a browser parses it: NaN and Infinity are errors."""

    def refuse(name):
        raise ValueError(f"{name} is not JSON")

    return json.loads(text, parse_constant=refuse)


def test_swagger_ui_is_served_offline_from_package_files(reader):
    page = reader.get("/docs")
    assert page.status_code == 200
    assert 'src="/docs-assets/swagger-ui-bundle.js"' in page.text
    assert "http" not in page.text.replace('href="/', "").split("<body>")[1]  # no CDN
    assert "<script>" not in page.text  # the init code is a file: no inline script
    assert reader.get("/static/swagger-init.js").status_code == 200
    bundle = reader.get("/docs-assets/swagger-ui-bundle.js")
    assert bundle.status_code == 200 and len(bundle.content) > 100_000
    assert "script-src 'self';" in page.headers["content-security-policy"]


def test_redoc_is_served_offline_too(reader):
    page = reader.get("/redoc")
    assert page.status_code == 200 and 'src="/docs-assets/redoc.standalone.js"' in page.text
    assert reader.get("/docs-assets/redoc.standalone.js").status_code == 200
    assert reader.get("/openapi.json").json()["info"]["title"] == "detente"


def test_pages_keep_the_strict_policy_only_docs_allow_inline_styles(reader):
    assert reader.get("/").headers["content-security-policy"] == CSP
    assert "'unsafe-inline'" not in CSP


def test_unknown_pages_are_html_for_browsers_and_json_under_api(reader):
    page = reader.get("/no/such/page")
    assert page.status_code == 404 and page.headers["content-type"].startswith("text/html")
    assert "<h1>Error 404</h1>" in page.text and "There is no page at /no/such/page." in page.text
    api = reader.get("/api/no/such/thing")
    assert api.status_code == 404
    assert api.json() == {
        "error": "There is no page at /api/no/such/thing.",
        "code": None,
        "status": 404,
    }
    assert (
        reader.get("/no/such/page", headers={"accept": "application/json"}).json()["status"] == 404
    )


def test_a_wrong_method_says_which_ones_are_allowed(reader):
    api = reader.request("DELETE", "/api/stats")
    assert api.status_code == 405 and api.headers["allow"] == "GET"
    assert api.json() == {"error": "Method Not Allowed", "code": None, "status": 405}
    page = reader.request("PUT", "/")
    assert page.status_code == 405 and page.headers["allow"] == "GET"
    assert "<h1>Error 405</h1>" in page.text


def test_a_favicon_is_served(reader):
    icon = reader.get("/favicon.ico")
    assert icon.status_code == 200 and icon.headers["content-type"] == "image/svg+xml"
    assert 'rel="icon"' in reader.get("/").text


def test_a_crash_is_a_500_page_without_the_traceback(read_store):
    app = create_app(read_store)

    def boom():
        raise RuntimeError("secret internals")

    app.add_api_route("/api/boom", boom)
    app.add_api_route("/boom", boom)
    client = WebClient(app, raise_app_exceptions=False)
    api = client.get("/api/boom")
    assert api.status_code == 500 and "secret" not in api.text
    assert api.json()["status"] == 500
    page = client.get("/boom")
    assert page.status_code == 500 and "<h1>Error 500</h1>" in page.text
    assert "secret" not in page.text


def test_error_pages_know_the_signed_in_user(client):
    client.sign_in("rita")
    page = client.get("/no/such/page").text
    assert "rita (reviewer)" in page and "read-only" not in page


def test_json_never_carries_nan_or_nat():
    ready = json_ready(
        {"a": float("nan"), "b": pd.NaT, "c": [pd.Timestamp("2019-03-01"), math.inf]}
    )
    assert ready == {"a": None, "b": None, "c": ["2019-03-01T00:00:00+00:00", None]}
    assert json_ready({"d": date(2019, 1, 2)}) == {"d": "2019-01-02"}


def test_country_shifts_without_around_are_valid_json(reader):
    for code in ("PRK", "RUS", "USA"):
        answer = reader.get(f"/api/countries/{code}/shifts")
        assert answer.status_code == 200
        body = strict_json(answer.text)
        assert body["kind"] == "change_points"
        assert "NaT" not in answer.text and "NaN" not in answer.text


def test_event_reports_carry_null_not_nat_dates(reader):
    answer = reader.get("/api/events", params={"limit": 500})
    assert answer.status_code == 200 and '"NaT"' not in answer.text
    strict_json(answer.text)
