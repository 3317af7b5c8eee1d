"""Look-back commands: search, on-this-day, calendar, review, export, stats (thin: parse, call, print).

search, on-this-day and calendar call their runners in cli/lookrun.py, which cli/quick.py also
calls without typer.
"""

from __future__ import annotations

import datetime
from pathlib import Path

import typer

from notionlog.cli import lookrun
from notionlog.cli.app import app, global_home, settings_from
from notionlog.local import journal
from notionlog.lookback import periods

DATES = "today, yesterday, 2021-12-07 or 20211207"


@app.command()
def search(
    ctx: typer.Context,
    text: str = typer.Argument(..., help="Text to find (any length; Korean substrings match)."),
    since: str | None = typer.Option(None, "--since", help=f"First date ({DATES})."),
    until: str | None = typer.Option(None, "--until", help=f"Last date ({DATES})."),
    section: str | None = typer.Option(None, "--section", help="Only lines in this section (회고, ...)."),
    tag: str | None = typer.Option(None, "--tag", help="Only entries with this front-matter tag."),
    notes: bool = typer.Option(False, "--notes", help="Search the notes pulled from Notion too."),
    as_json: bool = typer.Option(False, "--json", help='Print [{"date", "section", "line", "path"}].'),
) -> None:
    """Every line that contains TEXT, newest first, with its date and section.

    Case-insensitive for Latin letters. Example: notionlog search 배운 --section 회고 --since 2021-12-01
    """
    lookrun.run_search(global_home(ctx), text, since, until, section, tag, notes, as_json)


@app.command("on-this-day")
def on_this_day(
    ctx: typer.Context,
    date: str | None = typer.Argument(None, help=f"The day (default today; {DATES})."),
    monthly: bool = typer.Option(False, "--monthly", help="Also the same day of earlier months."),
) -> None:
    """The entries written on the same day in earlier years.

    Example: notionlog on-this-day 2022-12-07 --monthly
    """
    lookrun.run_on_this_day(global_home(ctx), date, monthly)


@app.command()
def calendar(
    ctx: typer.Context,
    year: int | None = typer.Option(None, "--year", help="The year to show (default this year)."),
    svg: Path | None = typer.Option(None, "--svg", help="Write the picture to this SVG file."),
    as_json: bool = typer.Option(False, "--json", help="Print the figures and words per day as JSON."),
) -> None:
    """The year as a heatmap of words written, with streaks and missed days.

    Example: notionlog calendar --year 2021 --svg 2021.svg
    """
    lookrun.run_calendar(global_home(ctx), year, svg, as_json)


@app.command()
def review(
    ctx: typer.Context,
    week: str | None = typer.Option(None, "--week", help=f"A day of the week to review ({DATES})."),
    month: str | None = typer.Option(None, "--month", help="The month to review, YYYY-MM."),
    sections: str | None = typer.Option(
        None, "--sections", help="Comma-separated sections (default: the template's reflective ones)."),
) -> None:
    """Gather chosen sections of a week's (or month's) entries into reviews/2021-W49.md.

    Example: notionlog review --week 2021-12-07 --sections "회고,오늘 배운 것"
    """
    from notionlog.lookback import review as core

    config = settings_from(ctx)
    period = periods.month(month) if month else periods.week_of(journal.parse_date(week or "today"))
    chosen = [s.strip() for s in sections.split(",") if s.strip()] if sections else None
    written = core.make(config.home, config.template, period, chosen)
    if written.kept:
        typer.echo(f"the review you edited is kept as {written.kept}", err=True)
    typer.echo(str(written.path))


@app.command()
def export(
    ctx: typer.Context,
    format: str = typer.Option("md", "--format", help="md, json or html."),
    since: str | None = typer.Option(None, "--since", help=f"First date ({DATES})."),
    until: str | None = typer.Option(None, "--until", help=f"Last date ({DATES})."),
    output: Path | None = typer.Option(None, "-o", "--output", help="Write here (default: stdout)."),
) -> None:
    """The journal (or a range of it) as one Markdown, JSON or self-contained HTML file.

    Example: notionlog export --format html --since 2021-01-01 -o journal.html
    """
    from notionlog.lookback import export as core
    from notionlog.lookback import output as files

    if format not in core.FORMATS:
        raise typer.BadParameter(f"{format!r} is not one of {', '.join(core.FORMATS)}", param_hint="--format")
    period = periods.between(since, until)
    text = core.render(settings_from(ctx).home, period, format, datetime.date.today())
    if output is None:
        lookrun.write_out(text)
    else:
        typer.echo(str(files.write(output, text)))


@app.command()
def stats(
    ctx: typer.Context,
    as_json: bool = typer.Option(False, "--json", help="Print the figures as JSON."),
) -> None:
    """Entries, words per month, streaks and the most used tags.

    Example: notionlog stats --json
    """
    from notionlog.lookback import stats as core
    from notionlog.lookback.index import refreshed

    with refreshed(settings_from(ctx).home) as index:
        figures = core.compute(index.days(), datetime.date.today())
    if as_json:
        lookrun.print_json(figures.as_json())
    else:
        lookrun.write_out(core.text(figures))

