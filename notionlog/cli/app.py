"""The typer application and its global options; command groups register themselves here."""

from __future__ import annotations

from pathlib import Path

import typer

app = typer.Typer(
    name="notionlog",
    help="A Markdown journal on disk that syncs both ways with a Notion database.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


@app.callback()
def _global(
    ctx: typer.Context,
    home: Path | None = typer.Option(
        None, "--home", help="Journal folder (default: NOTIONLOG_HOME, else ~/notionlog).",
        envvar=None,
    ),
    debug: bool = typer.Option(False, "--debug", help="Show full tracebacks on errors."),
) -> None:
    ctx.obj = {"home": home, "debug": debug}


def settings_from(ctx: typer.Context, **flags: object):
    """Settings for a command: global --home plus the command's own flags (env-var names)."""
    from notionlog import settings
    from notionlog.errors import HomeError

    obj = ctx.find_root().obj or {}
    loaded = settings.load({"NOTIONLOG_HOME": obj.get("home"), **flags})
    if loaded.home.exists() and not loaded.home.is_dir():
        raise HomeError(loaded.home, "not a folder")
    return loaded


# Command groups, one module each (imported for their @app.command side effects).
from notionlog.cli import doctor, entries, init, notes, render, sync  # noqa: E402,F401

# isort: split
from notionlog.cli import lookback  # noqa: E402,F401
