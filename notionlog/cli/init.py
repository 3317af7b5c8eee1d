"""Commands: init (placeholder, filled in by its issue)."""

from notionlog.cli.app import app  # noqa: F401
