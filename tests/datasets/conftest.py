from __future__ import annotations

from pathlib import Path

import pytest

from detente.store import Store


@pytest.fixture
def store(tmp_path: Path):
    with Store(tmp_path / "store.duckdb") as opened:
        yield opened
