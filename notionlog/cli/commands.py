"""The whole command line: the typer app with every command group registered.

Each group's module declares its commands on :data:`notionlog.cli.app.app` when imported; importing
them here, not in app.py, keeps the modules and the app they register on free of an import circle.
"""

from notionlog.cli import doctor, entries, init, notes, render, sync  # noqa: F401

# isort: split
from notionlog.cli import lookback  # noqa: F401  (registered last: listed last in --help)
from notionlog.cli.app import app

__all__ = ["app"]
