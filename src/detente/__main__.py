"""``python -m detente`` runs the CLI."""

from .cli import main

main()
