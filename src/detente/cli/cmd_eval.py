"""``detente eval``: score the event coder against a gold file."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from ._app import app, console
from ._options import ModelOption


@app.command("eval")
def eval_command(
    gold: Annotated[
        Path,
        typer.Argument(help="Gold file: JSON lines with events, penta classes or tagged tokens."),
    ],
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the report as one JSON object.")
    ] = False,
    model: ModelOption = None,
    sample: Annotated[
        int | None,
        typer.Option(
            "--sample", min=1, help="Score a seeded random sample of this many documents."
        ),
    ] = None,
    seed: Annotated[int, typer.Option("--seed", help="Seed of the --sample draw.")] = 0,
    split: Annotated[
        str | None,
        typer.Option(
            "--split",
            help="Score one side of the fixed split: 'tune' (two thirds, for reading "
            "outputs) or 'check' (one third, never read). Applied before --sample.",
        ),
    ] = None,
) -> None:
    """Score the event coder on GOLD: event, dyad, date and modality scores, main-event
    class accuracy and actor-span scores, for whichever kinds the file holds."""
    from ..evaluation import evaluate_documents, load_gold, sample_documents, select_split
    from ..pipeline import Pipeline

    # the gold file is read and checked before the (slower) model is loaded
    documents = sample_documents(select_split(load_gold(gold), split), sample, seed)
    report = evaluate_documents(documents, Pipeline.load(model), gold=str(gold))
    if as_json:
        sys.stdout.write(json.dumps(report.to_dict(), ensure_ascii=False, indent=2) + "\n")
        return
    for item in report.renderables():
        console.print(item)
