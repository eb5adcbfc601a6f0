"""The JSON API fuzzed from its own OpenAPI schema (schemathesis): whatever parameters a
client sends to a read endpoint, the answer is never a 500 and is always strict JSON."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings

schemathesis = pytest.importorskip("schemathesis", reason="needs schemathesis (the test extra)")

from detente.web import create_app

EXAMPLES = 12  # per operation: bounded, and derandomised so a failure reproduces


def refuse(name):
    raise ValueError(f"{name} is not JSON")


def read_operations(app):
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    found = [result.ok() for result in schema.get_all_operations()]
    return [op for op in found if op.method.upper() == "GET"]


@pytest.mark.fuzz
def test_read_endpoints_never_fail_and_answer_strict_json(read_store):
    operations = read_operations(create_app(read_store))
    assert len(operations) >= 12
    for operation in operations:

        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        @given(case=operation.as_strategy())
        def check(case):
            response = case.call()
            label = f"{case.method} {case.formatted_path} {case.query}"
            assert response.status_code < 500, f"{label}: {response.text[:300]}"
            kind = response.headers.get("content-type") or [""]
            if (kind[0] if isinstance(kind, list) else kind).startswith("application/json"):
                json.loads(response.text, parse_constant=refuse)

        check()
