"""Commands on local entries: new, import, list, edit, templates (thin: parse, call core, render).

``new`` normally runs through cli/fastpath.py without typer; this typer command is what ``--help``
and unusual argument lists reach, and it calls the same :func:`fastpath.run_new`.
"""

from __future__ import annotations

from pathlib import Path

import typer

from notionlog.cli import fastpath
from notionlog.cli.app import app, settings_from


def _home(ctx: typer.Context) -> Path | None:
    return (ctx.find_root().obj or {}).get("home")


@app.command()
def new(
    ctx: typer.Context,
    date: str | None = typer.Option(
        None, "--date", help="today (default), yesterday, tomorrow, 2021-12-07 or 20211207."),
    template: str | None = typer.Option(
        None, "--template", help="Template name (default: NOTIONLOG_TEMPLATE, else daily)."),
    no_edit: bool = typer.Option(False, "--no-edit", help="Do not open $VISUAL/$EDITOR."),
    no_carry_over: bool = typer.Option(
        False, "--no-carry-over", help="Do not bring open - [ ] to-dos from the previous entry."),
) -> None:
    """Write the day's entry from a template, print its path, open it in your editor.

    An existing entry is never overwritten: its path is printed (and it is opened).
    Example: notionlog new --date yesterday --template english --no-edit
    """
    fastpath.run_new(_home(ctx), date, template, no_edit, no_carry_over)


@app.command("import")
def import_(
    ctx: typer.Context,
    paths: list[Path] = typer.Argument(
        ..., help="Markdown files to import.", exists=True, dir_okay=False, show_default=False),
    dry_run: bool = typer.Option(False, "--dry-run", help="Show what would happen; write nothing."),
) -> None:
    """Import existing Markdown journal files, one entry per date heading (## 20211207).

    The same file twice changes nothing; an existing entry with other text is reported, not
    overwritten. Example: notionlog import ~/old-journal/*.md --dry-run
    """
    from notionlog import importer
    from notionlog.errors import ImportConflict

    home = settings_from(ctx).home
    steps = importer.plan(home, paths)
    if not dry_run:
        steps = importer.apply(home, steps)
    for step in steps:
        verb = _VERBS[step.kind][dry_run]
        typer.echo(f"{verb}  {step.day.isoformat()}  {step.target}  (from {step.source})")
    conflicts = [s for s in steps if s.kind == importer.CONFLICT]
    if conflicts:
        raise ImportConflict([s.day.isoformat() for s in conflicts], [s.target for s in conflicts])


_VERBS = {  # kind -> (done, dry run)
    "create": ("created", "would create"),
    "unchanged": ("unchanged", "unchanged"),
    "replace scaffold": ("replaced scaffold", "would replace scaffold"),
    "conflict": ("conflict", "conflict"),
}


@app.command("list")
def list_(ctx: typer.Context) -> None:
    """List entries: date, title, untouched scaffolds, and the days with no entry.

    Example: notionlog list
    """
    from notionlog import entries

    home = settings_from(ctx).home
    rows = entries.listing(home)
    if not rows:
        typer.echo(f"no entries yet in {home / 'entries'}: `notionlog new` writes today's", err=True)
    for row in rows:
        if isinstance(row, entries.Gap):
            span = row.first.isoformat() if row.days == 1 else f"{row.first}..{row.last}"
            typer.echo(f"{span}  (missing: {row.days} day{'s' if row.days > 1 else ''})")
        else:
            note = "  (untouched)" if row.untouched else ""
            typer.echo(f"{row.day.isoformat()}  {row.title or '(untitled)'}{note}")


@app.command()
def edit(
    ctx: typer.Context,
    date: str = typer.Argument("today", help="today, yesterday, tomorrow, 2021-12-07 or 20211207."),
) -> None:
    """Open an existing entry in your editor (its path is printed first).

    Example: notionlog edit 2021-12-07
    """
    from notionlog import entries, journal

    path = entries.existing_entry(settings_from(ctx).home, journal.parse_date(date))
    fastpath.show_and_edit(path, no_edit=False)


@app.command()
def templates(ctx: typer.Context) -> None:
    """List the templates `new` can use; yours (<home>/templates/NAME.md) override built-ins.

    Example: notionlog templates
    """
    from notionlog import templates as core

    home = settings_from(ctx).home
    builtin = core.builtin_dir()
    for name, path in core.available(home).items():
        origin = "built-in" if path.parent == builtin else str(path)
        if origin != "built-in" and (builtin / path.name).is_file():
            origin += "  (overrides the built-in)"
        typer.echo(f"{name}  {origin}")
