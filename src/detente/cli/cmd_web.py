"""``detente serve`` and ``detente users``: the web dashboard and its accounts."""

from __future__ import annotations

import sys
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

users_app = typer.Typer(
    help="Accounts of the web dashboard (viewer, reviewer, admin).", no_args_is_help=True
)
app.add_typer(users_app, name="users")


@app.command("serve")
def serve_command(
    db: DbOption = None,
    host: Annotated[
        str, typer.Option("--host", help="Address to listen on (loopback by default).")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="Port to listen on.")] = 8000,
    read_only: Annotated[
        bool,
        typer.Option("--read-only", help="Open the store read-only (no reviews, no submissions)."),
    ] = False,
    watch: Annotated[
        Path | None, typer.Option("--watch", help="Ingest news files dropped into this folder.")
    ] = None,
    watch_interval: Annotated[
        float, typer.Option("--watch-interval", help="Seconds between scans of --watch.")
    ] = 10.0,
) -> None:
    """Serve the dashboard and the JSON API (docs at /docs); the server holds the store for writing."""
    from ..store import Store
    from ..web import serve

    console.print(
        f"detente serving {Store.resolve_path(db)} on http://{host}:{port}", highlight=False
    )
    serve(db, host=host, port=port, read_only=read_only, watch=watch, watch_interval=watch_interval)


@users_app.command("add")
def add_command(
    name: Annotated[str, typer.Argument(help="The user's name.")],
    role: Annotated[str, typer.Option("--role", help="viewer, reviewer or admin.")] = "viewer",
    password: Annotated[
        str | None,
        typer.Option(
            "--password",
            envvar="DETENTE_PASSWORD",
            help="The password (asked twice on a terminal; else read as one line from stdin).",
        ),
    ] = None,
    db: DbOption = None,
) -> None:
    """Add a user, or reset an existing user's password and role."""
    from ..store import Store
    from ..web.auth import add_user

    if password is None:
        password = _read_password()
    with Store(db) as store:
        user = add_user(store, name, password, role)
    console.print(f"user {user.name} ({user.role}) saved", highlight=False)


def _read_password() -> str:
    """Asked twice on a terminal; one line of piped input otherwise (scripts, CI)."""
    if sys.stdin is not None and sys.stdin.isatty():
        return typer.prompt("Password", hide_input=True, confirmation_prompt=True)
    line = sys.stdin.readline() if sys.stdin is not None else ""
    return line.rstrip("\r\n")


@users_app.command("list")
def list_command(
    db: DbOption = None, fmt: FormatOption = OutputFormat.table, as_json: JsonFlag = False
) -> None:
    """List the users and their roles."""
    from ..store import Store
    from ..web.auth import list_users

    with Store(db, read_only=True) as store:
        rows = list_users(store)
    print_rows(rows, choose_format(fmt, as_json), title=f"{len(rows)} users")


@users_app.command("remove")
def remove_command(
    name: Annotated[str, typer.Argument(help="The user to remove.")], db: DbOption = None
) -> None:
    """Remove a user and their API tokens."""
    from ..store import Store
    from ..web.auth import remove_user

    with Store(db) as store:
        remove_user(store, name)
    console.print(f"user {name} removed", highlight=False)


@users_app.command("token")
def token_command(
    name: Annotated[str, typer.Argument(help="The user the token acts as.")],
    label: Annotated[str | None, typer.Option("--label", help="What the token is for.")] = None,
    db: DbOption = None,
) -> None:
    """Create an API token for scripts (sent as `Authorization: Bearer TOKEN`); shown once."""
    from ..store import Store
    from ..web.auth import create_token

    with Store(db) as store:
        token = create_token(store, name, label)
    console.print(token, highlight=False)
