"""Commands: ``notionlog notes pull`` and ``notionlog notes list`` (thin; the work is in notes/).

The core is imported inside each command, not at the top: app.py loads every command module, so
a command loads only what it runs.
"""

from __future__ import annotations

import typer

from notionlog.cli.app import Typer, app, settings_from

notes_app = Typer(
    help="The Notion pages your entries link to, pulled home as Markdown into notes/.",
    rich_markup_mode=None,
    no_args_is_help=True,
)
app.add_typer(notes_app, name="notes")


@notes_app.command("pull")
def pull(
    ctx: typer.Context,
    depth: int | None = typer.Option(
        None, "--depth", min=0,
        help="Levels of child pages to pull below each linked page (default NOTIONLOG_NOTES_DEPTH, 1).",
    ),
    refresh: bool = typer.Option(
        False, "--refresh", help="Fetch every page even if Notion reports it unchanged.",
    ),
) -> None:
    """Pull every Notion page your entries link to into notes/ (only what changed).

    \b
    Example:
      notionlog notes pull --depth 2
    """
    from notionlog.notes import pull_home

    settings = settings_from(ctx, NOTIONLOG_NOTES_DEPTH=depth)
    report = pull_home(settings, refresh=refresh)
    home = settings.home
    for path in report.kept_local:
        typer.echo(f"kept your local edits of a note as {_rel(path, home)} (notes mirror Notion)", err=True)
    for warning in report.warnings:
        typer.echo(f"warning: {warning}", err=True)
    typer.echo(
        f"notes: {len(report.pulled)} pulled, {len(report.unchanged)} unchanged, "
        f"{len(report.kept_local)} kept local, {len(report.warnings)} warnings "
        f"({report.requests} requests)"
    )


@notes_app.command("list")
def list_(ctx: typer.Context) -> None:
    """List the pulled notes and the entries that link to them (offline).

    \b
    Example:
      notionlog notes list
    """
    from notionlog.notes import list_notes

    settings = settings_from(ctx)
    records = list_notes(settings.home)
    if not records:
        typer.echo("no notes pulled yet: run `notionlog notes pull`")
    for record in records:
        linked = ", ".join(record.linked_from) or ("child page" if record.parent else "no longer linked")
        typer.echo(f"notes/{record.name}\t{_printable(record.title)}\t{linked}")


def _printable(text: str) -> str:
    """A Notion title is arbitrary text: no escape sequence of it reaches the terminal."""
    return "".join(ch if ch.isprintable() else "?" for ch in text)


def _rel(path, home) -> str:
    try:
        return str(path.relative_to(home))
    except ValueError:
        return str(path)
