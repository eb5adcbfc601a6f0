"""Suite-wide settings.

Property tests draw new random examples on every run on a developer's machine, where a new
failure is a finding; under CI (``CI`` set, as `.ci/run` runs) they draw a fixed sequence, so
that a landing is judged on the code, not on the luck of the draw.
"""

from __future__ import annotations

import os
import shutil
import tempfile

from hypothesis import settings

settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")


_CACHE_DIR = tempfile.mkdtemp(prefix="detente-test-cache-")


def pytest_configure(config) -> None:
    os.environ["DETENTE_CACHE_DIR"] = _CACHE_DIR


def pytest_unconfigure(config) -> None:
    shutil.rmtree(_CACHE_DIR, ignore_errors=True)
