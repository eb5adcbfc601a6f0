"""The JSON API fuzzed from its own OpenAPI schema (schemathesis), anonymously and signed in.

Every operation gets a bounded number of examples (derandomised, so a failure reproduces)
from each of three callers: anonymous, a reviewer signed in with a session cookie (and the
CSRF header the pages send), and an admin with an API token. Path parameters are drawn at
random and from what the store holds, so the real computations run too. Each answer must:
not be a 5xx; have a documented status and content type; match its documented schema; refuse
data the schema calls invalid with a 4xx; and be strict JSON with no NaN and no "NaT".

Left out: ``positive_data_acceptance`` (a country name the schema allows as a string may be
one detente does not know: a 422 by design) and the stateful and auth-inference checks (no
links or security schemes are declared; sign-in is tested in test_review_and_auth).
"""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.errors import Unsatisfiable
from web_fixtures import PASSWORD, WebClient, build_store, merged_ids

schemathesis = pytest.importorskip("schemathesis", reason="needs schemathesis (the test extra)")

from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from detente.web import create_app
from detente.web.auth import add_user, create_token

EXAMPLES = 6  # per operation, caller and generation mode
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    negative_data_rejection,
]


def refuse(name):
    raise ValueError(f"{name} is not JSON")


def strict_json(response) -> None:
    """JSON as a browser parses it: no NaN or Infinity, and no pandas "NaT" for a date."""
    kind = response.headers.get("content-type") or ""
    kind = kind[0] if isinstance(kind, list) else kind
    if kind.startswith("application/json"):
        json.loads(response.text, parse_constant=refuse)
        assert '"NaT"' not in response.text and "NaN" not in response.text


def known_values(store) -> dict[str, list[str]]:
    """Path parameters the store holds, so that fuzzing reaches past the 404s and 422s."""
    return {
        "merged_id": merged_ids(store)[:3],
        "a": ["PRK", "North Korea"],
        "b": ["RUS", "USA"],
        "code": ["PRK", "RUS"],
        "name": [store.scalar("SELECT name FROM actors LIMIT 1")],
        "article_id": [store.scalar("SELECT id FROM articles ORDER BY id LIMIT 1")],
    }


def cases(operation, mode: GenerationMode, known: dict[str, list[str]]):
    """Cases from the schema alone, and with path parameters the store holds."""
    drawn = operation.as_strategy(generation_mode=mode)
    names = [p.name for p in operation.path_parameters]
    if not names or mode is GenerationMode.NEGATIVE:
        return drawn
    fixed = st.fixed_dictionaries({n: st.sampled_from(known[n]) for n in names})
    held = fixed.flatmap(
        lambda path: operation.as_strategy(generation_mode=mode, path_parameters=path)
    )
    return st.one_of(drawn, held)


def modes(operation) -> list[GenerationMode]:
    """Valid data for every operation; invalid data too where there is something to get wrong."""
    found = [GenerationMode.POSITIVE]
    if operation.path_parameters or operation.query or operation.body:
        found.append(GenerationMode.NEGATIVE)
    return found


def callers(client: WebClient, store) -> dict[str, dict]:
    """How each caller authenticates: headers and cookies sent with every request."""
    reviewer = WebClient(client.app)
    reviewer.sign_in("rita")
    return {
        "anonymous": {"headers": {}, "cookies": {}},
        "reviewer (session cookie)": {
            "headers": {"X-CSRF-Token": reviewer.csrf()},
            "cookies": dict(reviewer.cookies.items()),
        },
        "admin (API token)": {
            "headers": {"Authorization": f"Bearer {create_token(store, 'ada')}"},
            "cookies": {},
        },
    }


def fuzz(operation, mode: GenerationMode, known, sent: dict) -> None:
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(case=cases(operation, mode, known))
    def check(case):
        response = case.call(headers=sent["headers"], cookies=sent["cookies"])
        case.validate_response(response, checks=CHECKS, headers=sent["headers"])
        strict_json(response)

    check()


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """One app over a store with a viewer, a reviewer and an admin, shared by the callers (the
    coding pipeline that submissions load is loaded once)."""
    store = build_store(tmp_path_factory.mktemp("fuzz") / "fuzz.duckdb")
    for name, role in (("vera", "viewer"), ("rita", "reviewer"), ("ada", "admin")):
        add_user(store, name, PASSWORD, role)
    yield create_app(store), store
    store.close()


@pytest.mark.fuzz
@pytest.mark.slow
@pytest.mark.parametrize("caller", ["anonymous", "reviewer (session cookie)", "admin (API token)"])
def test_every_operation_answers_as_its_schema_says(served, caller):
    app, store = served
    sent = callers(WebClient(app), store)[caller]
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 19
    known = known_values(store)
    for operation in operations:
        for mode in modes(operation):
            try:
                fuzz(operation, mode, known, sent)
            except Unsatisfiable:  # plain strings only: no data the schema calls invalid
                assert mode is GenerationMode.NEGATIVE, operation.label
            except Exception as exc:
                exc.add_note(f"{caller}, {mode.value} data, {operation.label}")
                raise


def test_the_fuzzed_callers_are_who_they_say(client, store):
    """A wrong cookie or token would fuzz anonymously: each caller is checked."""
    found = callers(client, store)
    me = {
        name: WebClient(client.app)
        .get("/api/me", headers=sent["headers"], cookies=sent["cookies"])
        .json()
        for name, sent in found.items()
    }
    assert me == {
        "anonymous": {"user": None, "role": None},
        "reviewer (session cookie)": {"user": "rita", "role": "reviewer"},
        "admin (API token)": {"user": "ada", "role": "admin"},
    }
