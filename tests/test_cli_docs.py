"""Docs stay honest: every CLI command has help text and a row in the README."""

from pathlib import Path

import typer.main

from detente.cli import app

README = (Path(__file__).parents[1] / "README.md").read_text()


def registered_commands() -> dict[str, object]:
    group = typer.main.get_command(app)
    return dict(group.commands)


def test_every_command_has_help():
    for name, command in registered_commands().items():
        assert (command.help or "").strip(), f"detente {name} has no help text"


def test_every_command_appears_in_the_readme():
    missing = [name for name in registered_commands() if f"`detente {name}" not in README]
    assert not missing, f"commands not documented in README.md: {missing}"


def test_the_quick_start_has_the_two_commands():
    assert "make demo" in README and "make test" in README
