from __future__ import annotations

from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "read"


@pytest.fixture
def fixtures() -> Path:
    """The folder of small, hand-written inputs the reader tests read."""
    return FIXTURES
