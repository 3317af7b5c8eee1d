"""Commands on local entries: new, add, import, list, edit, templates (thin: parse, call core, render)."""

from __future__ import annotations

from pathlib import Path

import typer

from notionlog.cli import editor
from notionlog.cli.app import app, global_home, settings_from
from notionlog.cli.sync import sync as run_sync
from notionlog.errors import ImportConflict
from notionlog.local import entries, journal
from notionlog.settings import require


@app.command()
def new(
    ctx: typer.Context,
    date: str | None = typer.Option(
        None, "--date", metavar="DATE", help="today (default), yesterday, tomorrow, 2021-12-07 or "
                                             "20211207."),
    template: str | None = typer.Option(
        None, "--template", metavar="NAME", help="Template name (default: NOTIONLOG_TEMPLATE, else "
                                                 "daily)."),
    no_edit: bool = typer.Option(False, "--no-edit", help="Do not open $VISUAL/$EDITOR."),
    no_carry_over: bool = typer.Option(
        False, "--no-carry-over", help="Do not bring open - [ ] to-dos from the previous entry."),
    push: bool = typer.Option(
        False, "--push", help="Then sync, so the day's page is in Notion now, even if you have not "
                              "written in it yet (an untouched entry is otherwise never pushed)."),
) -> None:
    """Write the day's entry from a template, print its path, open it in your editor.

    An existing entry is never overwritten: its path is printed (and it is opened). With --push
    the entry is then synced, so you can go on writing it in Notion (on your phone at lunch).

    \b
    Examples:
      notionlog new --date yesterday --template english --no-edit
      notionlog new --push
    """
    if push:  # settings for the sync first: a missing token is said before anything is written
        require(settings_from(ctx), "NOTION_TOKEN", "NOTION_DATABASE_ID")
    editor.run_new(global_home(ctx), date, template, no_edit, no_carry_over)
    if push:
        # The entry counts as written from now on, so sync creates its page.
        journal.forget_scaffold(settings_from(ctx).home, journal.parse_date(date or "today"))
        run_sync(ctx, dry_run=False, prefer=None, delete=False, notes=True, force_delete=False,
                 verify=False)  # every option given: a typer default is not a value


@app.command()
def add(
    ctx: typer.Context,
    text: list[str] = typer.Argument(..., help="The text to add (several words are joined).",
                                     show_default=False),
    section: str | None = typer.Option(
        None, "--section", "-s", metavar="NAME",
        help="The template section to add it under (a top-level item or a heading; the start of its "
             "name is enough). Default: at the end of the entry."),
    date: str = typer.Option("today", "--date", metavar="DATE", help="The entry's day (default today)."),
    template: str | None = typer.Option(
        None, "--template", metavar="NAME", help="Template for an entry that does not exist yet."),
    no_carry_over: bool = typer.Option(
        False, "--no-carry-over", help="A new entry gets no open to-dos from the previous one."),
) -> None:
    """Add a line to the day's entry without opening an editor (quick capture).

    The entry is written from the template first if it does not exist yet. The text becomes an
    item under the section you name, so it lands where you would have typed it.

    \b
    Examples:
      notionlog add "MLOps 강의듣기" --section "오늘 한것"
      notionlog add --section Reflection "A good day"
    """
    config = settings_from(ctx, NOTIONLOG_TEMPLATE=template,
                           NOTIONLOG_CARRY_OVER="false" if no_carry_over else None)
    result = entries.add_to_entry(config.home, journal.parse_date(date), " ".join(text), section,
                                  config.template, config.carry_over)
    where = f" under {section!r}" if section else ""
    typer.echo(f"added to {result.path}{where}")


@app.command("import")
def import_(
    ctx: typer.Context,
    paths: list[Path] = typer.Argument(
        ..., help="Markdown files, or folders of them, to import.", exists=True, show_default=False),
    dry_run: bool = typer.Option(False, "--dry-run", help="Show what would happen; write nothing."),
) -> None:
    """Import existing Markdown journal files or folders, one entry per date heading (## 20211207).

    The same file twice changes nothing; an existing entry with other text is reported, not
    overwritten.

    \b
    Example:
      notionlog import ~/old-journal/ --dry-run
    """
    from notionlog.local import importer

    home = settings_from(ctx).home
    steps = importer.plan(home, paths)
    if not dry_run:
        steps = importer.apply(home, steps)
    for step in steps:
        if step.kind == importer.UNDATED:
            typer.echo(f"skipped  {step.source}: no date heading and no date in its name", err=True)
            continue
        verb = _VERBS[step.kind][dry_run]
        typer.echo(f"{verb}  {step.day.isoformat()}  {step.target}  (from {step.source})")
    if not steps:
        typer.echo("no Markdown files found: nothing to import", err=True)
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

    \b
    Example:
      notionlog list
    """
    from notionlog.lookback.calendar import days  # deferred: keeps `new`'s start-up light

    home = settings_from(ctx).home
    rows = entries.listing(home)
    if not rows:
        typer.echo(f"no entries yet in {home / 'entries'}: `notionlog new` writes today's", err=True)
    for row in rows:
        if isinstance(row, entries.Gap):
            span = row.first.isoformat() if row.days == 1 else f"{row.first}..{row.last}"
            typer.echo(f"{span}  (missing: {days(row.days)})")
        else:
            note = "  (untouched)" if row.untouched else ""
            typer.echo(f"{row.day.isoformat()}  {row.title or '(untitled)'}{note}")


@app.command()
def edit(
    ctx: typer.Context,
    date: str = typer.Argument("today", help="today, yesterday, tomorrow, 2021-12-07 or 20211207."),
) -> None:
    """Open an existing entry in your editor (its path is printed first).

    \b
    Example:
      notionlog edit 2021-12-07
    """
    path = entries.existing_entry(settings_from(ctx).home, journal.parse_date(date))
    editor.show_and_edit(path, no_edit=False)


@app.command()
def templates(ctx: typer.Context) -> None:
    """List the templates `new` can use; yours (<home>/templates/NAME.md) override built-ins.

    \b
    Example:
      notionlog templates
    """
    from notionlog.local import templates as core

    home = settings_from(ctx).home
    builtin = core.builtin_dir()
    for name, path in core.available(home).items():
        origin = "built-in" if path.parent == builtin else str(path)
        if origin != "built-in" and (builtin / path.name).is_file():
            origin += "  (overrides the built-in)"
        typer.echo(f"{name}  {origin}")
