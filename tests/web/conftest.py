"""Fixtures of the web tests: a read-only server and a server with users (see web_fixtures)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from web_fixtures import PASSWORD, WebClient, build_store

from detente.web import create_app
from detente.web.auth import LoginLimiter, add_user


@pytest.fixture(scope="module")
def read_store(tmp_path_factory):
    store = build_store(tmp_path_factory.mktemp("web") / "read.duckdb")
    yield store
    store.close()


@pytest.fixture(scope="module")
def reader(read_store) -> WebClient:
    """A client of a server with no users: read-only."""
    return WebClient(create_app(read_store))


@pytest.fixture
def store(tmp_path):
    found = build_store(tmp_path / "write.duckdb")
    add_user(found, "vera", PASSWORD, "viewer")
    add_user(found, "rita", PASSWORD, "reviewer")
    add_user(found, "ada", PASSWORD, "admin")
    yield found
    found.close()


@pytest.fixture
def client(store) -> WebClient:
    return WebClient(create_app(store, limiter=LoginLimiter(attempts=3, window=60)))
