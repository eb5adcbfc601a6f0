"""Starting the command line loads only what the command uses: ``detente --help`` and the
store's commands never import spaCy, and no command imports what only another needs."""

from __future__ import annotations

import json
import subprocess
import sys

HEAVY = ("spacy", "pandas", "matplotlib", "duckdb", "pyarrow", "networkx", "fastapi")


def modules_after(code: str) -> set[str]:
    """The top-level modules a fresh interpreter holds after running ``code``."""
    probe = f"{code}\nimport json, sys\nprint(json.dumps(sorted(sys.modules)))"
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=120, check=True
    )
    return {name.split(".")[0] for name in json.loads(result.stdout.splitlines()[-1])}


def test_importing_the_command_line_loads_no_heavy_library():
    loaded = modules_after("import detente.cli")
    assert not loaded & set(HEAVY), sorted(loaded & set(HEAVY))


def test_help_lists_every_command_without_loading_spacy():
    probe = (
        "import sys\nfrom detente.cli import app\n"
        "try:\n    app(['--help'], standalone_mode=False)\nexcept SystemExit:\n    pass"
    )
    loaded = modules_after(probe)
    assert "spacy" not in loaded and "pandas" not in loaded


def test_the_names_in_help_texts_are_the_librarys():
    from detente.cli.cmd_import import FORMAT_NAMES
    from detente.cli.cmd_ties import DETENTE, EXPORT_FORMATS
    from detente.datasets import FORMATS
    from detente.ties import EXPORT_FORMATS as LIBRARY_EXPORT_FORMATS
    from detente.ties.series import DETENTE as LIBRARY_DETENTE

    assert FORMAT_NAMES == tuple(FORMATS)
    assert EXPORT_FORMATS == tuple(LIBRARY_EXPORT_FORMATS)
    assert DETENTE == LIBRARY_DETENTE
