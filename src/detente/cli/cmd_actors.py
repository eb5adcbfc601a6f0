"""``detente actors``: the registry of people and organisations learned from the news."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ._app import (
    DbOption,
    FormatOption,
    JsonFlag,
    OutputFormat,
    app,
    choose_format,
    console,
    print_rows,
)

actors_app = typer.Typer(
    help="List, correct, merge and import the actor registry.", no_args_is_help=True
)
app.add_typer(actors_app, name="actors")

COLUMNS = (
    "name",
    "code",
    "country",
    "sector",
    "title",
    "aliases",
    "first_seen",
    "last_seen",
    "origin",
)
NOUN_COLUMNS = ("noun", "sector", "origin_file", "imported_at")


@actors_app.command("list")
def list_command(
    db: DbOption = None,
    search: Annotated[
        str | None, typer.Option("--search", help="Part of a name, an alias or a code prefix.")
    ] = None,
    limit: Annotated[int, typer.Option("--limit")] = 100,
    fmt: FormatOption = OutputFormat.table,
    as_json: JsonFlag = False,
) -> None:
    """List registry entries, most recently seen first."""
    from ..registry_store import list_actors
    from ..store import Store

    with Store(db, read_only=True) as store:
        rows = list_actors(store, search, limit)
    print_rows(rows, choose_format(fmt, as_json), title=f"{len(rows)} actors", columns=COLUMNS)


@actors_app.command("correct")
def correct_command(
    name: Annotated[
        str, typer.Argument(help="The entry's name, as `detente actors list` shows it.")
    ],
    db: DbOption = None,
    country: Annotated[str | None, typer.Option("--country")] = None,
    sector: Annotated[str | None, typer.Option("--sector")] = None,
    code: Annotated[str | None, typer.Option("--code")] = None,
    title: Annotated[str | None, typer.Option("--title")] = None,
) -> None:
    """Correct an entry's country, sector, code or title; later articles use the correction."""
    from ..registry_store import correct_actor
    from ..store import Store

    with Store(db) as store:
        row = correct_actor(store, name, country=country, sector=sector, code=code, title=title)
    console.print(
        f"corrected {row['name']}: {row['code']} ({row['title'] or 'no title'})", highlight=False
    )


@actors_app.command("merge")
def merge_command(
    keep: Annotated[str, typer.Argument(help="The entry to keep.")],
    other: Annotated[
        str, typer.Argument(help="The entry folded into it (its name becomes an alias).")
    ],
    db: DbOption = None,
) -> None:
    """Merge two entries that are the same actor."""
    from ..registry_store import merge_actors
    from ..store import Store

    with Store(db) as store:
        row = merge_actors(store, keep, other)
    console.print(
        f"merged {other} into {row['name']}; aliases: {', '.join(row['aliases'])}", highlight=False
    )


@actors_app.command("import")
def import_command(
    path: Annotated[
        Path, typer.Argument(help="A PETRARCH-format actor (or, with --agents, agent) dictionary.")
    ],
    db: DbOption = None,
    agents: Annotated[
        bool,
        typer.Option(
            "--agents", help="The file is an agent dictionary (noun → sector, `POLICE [~COP]`)."
        ),
    ] = False,
) -> None:
    """Import a PETRARCH actor dictionary (dates kept) or, with --agents, an agent dictionary."""
    from ..registry_store import import_agents, import_dictionary
    from ..store import Store

    with Store(db) as store:
        count = import_agents(store, path) if agents else import_dictionary(store, path)
    what = "sector nouns" if agents else "actors"
    console.print(f"imported {count} {what} from {path}", highlight=False, soft_wrap=True)


@actors_app.command("agents")
def agents_command(
    db: DbOption = None,
    search: Annotated[
        str | None, typer.Option("--search", help="Part of a noun, or a sector code.")
    ] = None,
    limit: Annotated[int, typer.Option("--limit")] = 100,
    fmt: FormatOption = OutputFormat.table,
    as_json: JsonFlag = False,
) -> None:
    """List the sector nouns imported from agent dictionaries, alphabetically."""
    from ..registry_store import list_sector_nouns
    from ..store import Store

    with Store(db, read_only=True) as store:
        rows = list_sector_nouns(store, search, limit)
    print_rows(
        rows, choose_format(fmt, as_json), title=f"{len(rows)} sector nouns", columns=NOUN_COLUMNS
    )
