"""Command: doctor — check the live Notion facts sync relies on (the work is notionlog.notion.doctor).

The core is imported inside each command, not at the top: app.py loads every command module, so
a command loads only what it runs.
"""

from __future__ import annotations

import typer

from notionlog.cli.app import app, settings_from
from notionlog.cli.errors import describe
from notionlog.cli.exitcodes import ExitStatus

MARKS = {"ok": "ok  ", "info": "info", "warn": "warn", "fail": "FAIL"}


@app.command()
def doctor(
    ctx: typer.Context,
    quick: bool = typer.Option(
        False, "--quick", help="Skip the two timestamp checks (each waits about a minute)."),
) -> None:
    """Check the token, the database's sharing and schema, and how Notion's timestamps behave.

    Writes nothing but one scratch page in the database (no Date, so sync ignores it), which it
    moves to the trash at the end. Without --quick it waits about two minutes: Notion rounds
    timestamps to the minute. Exit status 4 when a check fails.

    Example: notionlog doctor --quick
    """
    from notionlog.notion.doctor import diagnose

    settings = settings_from(ctx)
    options = {"minute_checks": not quick, "notify": lambda line: typer.echo(line, err=True)}
    report = diagnose(settings, options)
    for finding in report.findings:
        detail = finding.detail
        if finding.error is not None:
            message, remedy, _status = describe(finding.error)
            detail = f"{message} ({remedy})"
        typer.echo(f"{MARKS[finding.status]}  {finding.check:<14} {detail}")
    if report.failed:
        raise typer.Exit(ExitStatus.NOTION)
