"""Commands: sync, status, resolve (thin: parse, call notionlog.sync, render).

The core is imported inside each command, not at the top: app.py loads every command module, so
a command loads only what it runs.
"""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING

import typer

from notionlog.cli.app import app, settings_from
from notionlog.cli.errors import describe
from notionlog.errors import NotionUnavailable, SyncConflict
from notionlog.local.journal import parse_date

if TYPE_CHECKING:
    from rich.progress import Progress, TaskID

PROGRESS_FROM = 6  # a progress bar only when there is more than a handful of operations


class Side(str, enum.Enum):
    local = "local"
    remote = "remote"


@app.command()
def sync(
    ctx: typer.Context,
    dry_run: bool = typer.Option(False, "--dry-run", help="Print the plan; send no write."),
    prefer: Side | None = typer.Option(
        None, "--prefer", help="On overlapping edits take this side (the other is kept under "
                               ".notionlog/overridden/)."),
    delete: bool = typer.Option(
        False, "--delete", help="Spread deletions: trash pages whose file was removed, move files "
                                "whose page was trashed to .notionlog/trash/."),
    notes: bool = typer.Option(
        True, "--notes/--no-notes", help="Also pull the Notion pages entries link to into notes/."),
    force_delete: bool = typer.Option(
        False, "--force-delete", help="With --delete: spread it even when a whole side or most of "
                                      "it looks gone (an empty or missing entries folder...)."),
    verify: bool = typer.Option(
        False, "--verify", help="Check every page's content fingerprint, to find edits that moved "
                                "no timestamp (other integrations); one request per page."),
) -> None:
    """Two-way sync of the entries with the Notion database (three-way merge; nothing is lost).

    Overlapping edits leave your file untouched and put Notion's version beside it.
    The exit status is then 6: merge by hand, then run `notionlog resolve DATE`.

    \b
    Example:
      notionlog sync --dry-run
    """
    from notionlog.sync.engine import sync as run

    if force_delete and not delete:  # alone it would spread nothing, silently
        raise typer.BadParameter("it confirms --delete: run `notionlog sync --delete --force-delete`",
                                 param_hint="--force-delete")
    settings = settings_from(ctx)
    with _Progress() as progress:
        summary = run(settings, dry_run=dry_run, prefer=prefer.value if prefer else None,
                      delete=delete, progress=progress, notes=notes, force_delete=force_delete,
                      verify=verify)
    _report(summary)
    if summary.aborted is not None:
        raise summary.aborted
    if summary.conflicts and not dry_run:
        raise SyncConflict(summary.conflicts, summary.copies)
    if summary.failed:  # reported above, one line each; the exit status is the first failure's
        raise next((err for _, err in summary.failed if isinstance(err, NotionUnavailable)),
                   summary.failed[0][1])


def _report(summary) -> None:
    if summary.dry_run:
        for action in sorted(summary.planned, key=lambda a: a.date):
            if action.op.value != "record":
                typer.echo(f"would {action.op.value:<12} {action.date}  {action.reason}".rstrip())
        doing = [a for a in summary.planned if a.op.value not in ("record", "skip")]
        skipped = sum(a.op.value == "skip" for a in summary.planned)
        _warnings(summary)
        typer.echo(f"dry run: {len(doing)} action(s) planned, {skipped} skipped, nothing written")
        return
    for date, reason in summary.skipped:
        typer.echo(f"skipped  {date}  {reason}")
    for date, path in zip(summary.conflicts, summary.copies, strict=False):
        typer.echo(f"conflict {date}  Notion's version: {path}")
    for date, side, path in summary.overridden:
        lost, won = ("Notion's", "your file's") if side == "notion" else ("your file's", "Notion's")
        typer.echo(f"overrode {date}  {lost} overlapping lines gave way to {won}; "
                   f"{lost} version is kept in {path}")
    for date, err in summary.failed:
        message, remedy, _ = describe(err)
        typer.echo(f"failed   {date}  {message} — {remedy}", err=True)
    _warnings(summary)
    counts = summary.counts()
    typer.echo(", ".join(f"{n} {k}" for k, n in counts.items() if n or k in _ALWAYS)
               + f" ({summary.requests} requests)")


_ALWAYS = ("created", "updated", "pulled", "merged", "conflicts", "skipped")


def _warnings(summary) -> None:
    for warning in summary.warnings:
        if not isinstance(warning, str):  # an error from a post-sync step (e.g. linked notes)
            message, remedy, _ = describe(warning)
            warning = f"{message} — {remedy}"
        typer.echo(f"warning  {warning}", err=True)
    for action in summary.planned:
        if action.op.value == "skip" and action.local is not None and action.local.error is not None:
            message, remedy, _ = describe(action.local.error)
            typer.echo(f"warning  {action.date}  {message} — {remedy}", err=True)


class _Progress:
    """A rich progress bar shown only when there is more than a handful of operations."""

    def __init__(self) -> None:
        self.bar: Progress | None = None
        self.task: TaskID | None = None
        self.off = False

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        if self.bar is not None:
            self.bar.stop()

    def __call__(self, done: int, total: int, what: str) -> None:
        if total < PROGRESS_FROM or self.off:
            return
        if self.bar is None:
            from rich.console import Console
            from rich.progress import Progress

            console = Console(stderr=True)
            if not console.is_terminal:  # piped or logged: a bar there is only a stray blank line
                self.off = True
                return
            self.bar = Progress(console=console, transient=True)
            self.bar.start()
        if self.task is None or self.bar.tasks[self.task].total != total:
            self.task = self.bar.add_task(what, total=total)
        self.bar.update(self.task, completed=done, description=what)


@app.command()
def status(
    ctx: typer.Context,
    offline: bool = typer.Option(False, "--offline", help="Ask Notion nothing (local side only)."),
) -> None:
    """Per entry: in sync, changed here, changed in Notion, both changed, new, untouched scaffold.

    One query to Notion (none with --offline).

    \b
    Example:
      notionlog status
    """
    from notionlog.sync.overview import entry_states, missing_entries

    settings = settings_from(ctx)
    states = entry_states(settings, offline=offline)
    if not states:
        typer.echo(f"no entries yet in {settings.home / 'entries'} (nor in Notion"
                   f"{', not asked' if offline else ''}): `notionlog new` writes today's", err=True)
    for entry in states:
        typer.echo(f"{entry.date}  {entry.state}")
    if (why := missing_entries(settings.home, states)) is not None:
        typer.echo(f"warning  {why}: is it unmounted? sync deletes nothing for it", err=True)


@app.command()
def resolve(
    ctx: typer.Context,
    date: str = typer.Argument(..., help="The entry's date (2021-12-07, 20211207, today...)."),
    keep: Side | None = typer.Option(
        None, "--keep", help="Take this side whole; without it, the file as you merged it is kept."),
) -> None:
    """Settle a sync conflict after merging by hand; the next sync pushes the file.

    \b
    Example:
      notionlog resolve 2021-12-07 --keep local
    """
    from notionlog.sync.overview import resolve as settle

    result = settle(settings_from(ctx), parse_date(date), keep.value if keep else None)
    if not result.had_conflict:
        typer.echo(f"no conflict recorded for {result.date}; nothing to do")
        return
    typer.echo(f"resolved {result.date}: kept {result.kept} ({result.path}); run `notionlog sync`")
    if result.aside is not None:
        other = "your file" if result.kept == "remote" else "Notion's version"
        typer.echo(f"{other} as it was is kept in {result.aside}")
