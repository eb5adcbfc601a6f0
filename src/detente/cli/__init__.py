"""The ``detente`` command line: a thin Typer layer over the library.

Each command parses its options, calls one library function and formats the
result. Errors become messages and exit codes here, in :func:`main`, and nowhere else.
Command modules register themselves on :data:`app` when imported below; each imports the
library modules it uses inside its functions, so that starting one command (or ``--help``)
loads only what that command needs (``tests/cli/test_start_up.py``).
"""

from __future__ import annotations

import atexit
import gc
import logging
import os
import sys

from ..errors import DetenteError

# Importing the command modules registers their commands on ``app``.
from . import (  # noqa: F401
    cmd_actors,
    cmd_code,
    cmd_eval,
    cmd_import,
    cmd_spark,
    cmd_store,
    cmd_ties,
    cmd_web,
)
from ._app import app, console_err

EXIT_ERROR = 1
EXIT_USAGE = 2


def main() -> None:
    """Entry point: run the app, turning detente errors into one-line messages."""
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    # One core per process for the model's matrix products (detente.nlp.matrix_ops):
    # detente runs processes side by side (--workers), not threads. Read when numpy loads.
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    # At exit the collector's last pass would walk every object still alive (the model and
    # the tables: over a million), only for them all to be freed anyway: half a second.
    atexit.register(gc.freeze)
    try:
        # Outside standalone mode click returns the code of a `typer.Exit` instead of exiting.
        exit_code = app(standalone_mode=False)
    except DetenteError as exc:
        console_err.print(f"[bold red]error[/] {exc}", highlight=False, soft_wrap=True)
        sys.exit(EXIT_ERROR)
    except KeyboardInterrupt:
        console_err.print("interrupted")
        sys.exit(130)
    except SystemExit:
        raise
    except Exception as exc:  # click's own usage errors arrive here in non-standalone mode
        import click

        if isinstance(exc, click.exceptions.ClickException):
            exc.show()
            sys.exit(exc.exit_code)
        if isinstance(exc, click.exceptions.Abort):
            sys.exit(EXIT_ERROR)
        raise
    sys.exit(exit_code if isinstance(exit_code, int) else 0)
