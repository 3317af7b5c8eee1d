"""Command: init — connect the journal to a Notion database (thin; the work is notionlog.notion.setup).

The core is imported inside each command, not at the top: app.py loads every command module, so
a command loads only what it runs.
"""

from __future__ import annotations

import sys

import typer

from notionlog.cli.app import app, settings_from
from notionlog.errors import ConfigError, ConfigProblem
from notionlog.local.entries import ensure_writable


@app.command()
def init(
    ctx: typer.Context,
    database: str | None = typer.Option(
        None, "--database", "-d", metavar="URL|ID",
        help="An existing database: its link (any form, ?v= view links too) or its id."),
    parent: str | None = typer.Option(
        None, "--parent", "-p", metavar="URL|ID", help="Create a new journal database under this page."),
    title: str = typer.Option("Journal", "--title", help="Title of the database --parent creates."),
    token: str | None = typer.Option(
        None, "--token", help="The integration secret (default: NOTION_TOKEN, else a hidden prompt)."),
    yes: bool = typer.Option(False, "--yes", "-y", help="Add missing properties without asking."),
) -> None:
    """Connect notionlog to a Notion database and save it in <home>/.env (mode 0600).

    Checks the token, finds the database, checks that it has a title and a `Date` date property
    (`Tags` multi-select is optional) and offers to add what is missing. Running it again changes
    nothing.

    \b
    Examples:
      notionlog init --database 'https://www.notion.so/me/3d0982b9f95841d08437cf2e00981c7f?v=…'
      notionlog init --parent https://www.notion.so/me/Home-393abc1eedcd81e895dcec52a3110c68 --yes
    """
    from notionlog.notion.setup import init as run_init

    if database and parent:
        raise typer.BadParameter("give --database or --parent, not both")
    settings = settings_from(ctx, NOTION_TOKEN=token)
    if not (database or parent or settings.database_id):
        raise typer.BadParameter("give --database URL|ID (an existing database) or --parent URL|ID "
                                 "(a page to create one under)")
    ensure_writable(settings.home)  # before a database is created that could not be written down
    typed = token is not None
    if not settings.token:
        settings = settings_from(ctx, NOTION_TOKEN=_ask_token())
        typed = True
    result = run_init(settings, database=database, parent=parent, title=title, save_token=typed,
                      confirm=_confirmer(yes))
    _report(result)
    _warn_if_shadowed(settings, result)


def _ask_token() -> str:
    if not _interactive():
        raise ConfigError([ConfigProblem("NOTION_TOKEN", "missing, and there is no terminal to ask on")])
    try:
        return typer.prompt("Notion integration secret", hide_input=True)
    except typer.Abort:  # Ctrl-D or Ctrl-C at the prompt
        raise ConfigError([ConfigProblem("NOTION_TOKEN", "not given (the prompt was closed)")]) from None


def _interactive() -> bool:
    return sys.stdin.isatty() and sys.stdout.isatty()


def _confirmer(yes: bool):
    def confirm(names: list[str]) -> bool:
        if yes:
            return True
        if not _interactive():
            return False
        them = "it" if len(names) == 1 else "them"
        return typer.confirm(f"The database lacks {', '.join(names)}. Add {them} now?", default=True)

    return confirm


def _report(result) -> None:
    db = result.database
    who = f" as {result.integration}" if result.integration else ""
    typer.echo(f"Notion: token accepted{who}.")
    verb = "Created" if result.created else "Using"
    typer.echo(f"{verb} database {db.title or '(untitled)'!r} ({db.database_id}).")
    if result.added:
        typer.echo("Added properties: " + ", ".join(result.added) + ".")
    for name in result.still_missing:
        typer.echo(f"No {name} property: front-matter tags stay local (`notionlog init --yes` adds it).")
    if result.env_changed:
        typer.echo(f"Saved the settings in {result.env_path} (mode 0600).")
    else:
        typer.echo(f"{result.env_path} is already up to date.")


def _warn_if_shadowed(settings, result) -> None:
    """The id just saved loses to an environment variable or a cwd .env that says otherwise."""
    origin = settings.sources.get("NOTION_DATABASE_ID")
    if origin in (None, "default", str(result.env_path)):
        return
    if (settings.database_id or "").replace("-", "") != result.database.database_id.replace("-", ""):
        typer.echo(f"note: NOTION_DATABASE_ID is also set in {origin}, which takes precedence over "
                   f"{result.env_path}; remove it there", err=True)
