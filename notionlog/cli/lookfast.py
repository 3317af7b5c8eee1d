"""The daily look-back commands (search, calendar, on-this-day) without typer, and their runners.

Why: these run often and the calendar's goal is 0.3 s warm; loading the typer app (typer, click,
rich, pydantic and every command module) costs about 0.15-0.25 s by itself on the development
machine. As for ``new`` (see fastpath.py), :func:`try_fast` parses plain command lines with argparse
and calls the same ``run_*`` function the typer command calls; anything it does not accept exactly
(``--help``, a typo, a bad number) falls through to typer, so help and usage errors have one source.
tests/lookback/test_cli.py checks that both parsers take the same options.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path

# command -> ({option: (destination, takes a value)}, positional argument or None)
COMMANDS: dict[str, tuple[dict[str, tuple[str, bool]], str | None]] = {
    "search": ({"--since": ("since", True), "--until": ("until", True), "--section": ("section", True),
                "--tag": ("tag", True), "--notes": ("notes", False), "--json": ("as_json", False)},
               "text"),
    "calendar": ({"--year": ("year", True), "--svg": ("svg", True), "--json": ("as_json", False)}, None),
    "on-this-day": ({"--monthly": ("monthly", False)}, "date"),
}


class _Reject(Exception):
    """argparse would have printed a usage error: typer words it instead."""


def parse(args: list[str]) -> dict | None:
    """The parameters of a ``[--home H] [--debug] COMMAND ...`` line for one of COMMANDS, or None."""
    import argparse

    class Parser(argparse.ArgumentParser):
        def error(self, message: str):  # noqa: ARG002 — typer words the error instead
            raise _Reject

    root = Parser(prog="notionlog", add_help=False, allow_abbrev=False)
    root.add_argument("--home", default=None)
    root.add_argument("--debug", action="store_true")
    commands = root.add_subparsers(dest="command")
    for name, (options, positional) in COMMANDS.items():
        sub = commands.add_parser(name, add_help=False, allow_abbrev=False)
        if positional == "text":
            sub.add_argument("text")
        elif positional:
            sub.add_argument(positional, nargs="?", default=None)
        for option, (dest, takes_value) in options.items():
            kind = int if dest == "year" else str
            if takes_value:
                sub.add_argument(option, dest=dest, default=None, type=kind)
            else:
                sub.add_argument(option, dest=dest, action="store_true")
    try:
        return vars(root.parse_args(args))
    except _Reject:
        return None


def try_fast(args: list[str]) -> bool:
    """Run a plain search/calendar/on-this-day command line here; False to leave it to typer."""
    if not any(name in args for name in COMMANDS) or "--help" in args:
        return False
    params = parse(args)
    if params is None or params.get("command") not in COMMANDS:
        return False
    command = params.pop("command")
    given = params.pop("home")
    params.pop("debug")
    home = Path(given) if given else None
    RUNNERS[command](home, **params)
    return True


def write_out(text: str) -> None:
    """Write to stdout; a reader that went away (``| head``) ends the output quietly, as in grep."""
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())  # so the interpreter's final flush cannot fail again


def colour_wanted(stream=None) -> bool:
    """Colour on a terminal, unless NO_COLOR is set (https://no-color.org) or TERM is dumb."""
    stream = stream or sys.stdout
    return stream.isatty() and not os.environ.get("NO_COLOR") and os.environ.get("TERM") != "dumb"


def _home(home: Path | None) -> Path:
    from notionlog import settings

    return settings.load({"NOTIONLOG_HOME": home}).home


def run_search(home: Path | None, text: str, since: str | None = None, until: str | None = None,
               section: str | None = None, tag: str | None = None, notes: bool = False,
               as_json: bool = False) -> None:
    """`notionlog search`: matching lines newest first (or JSON)."""
    from notionlog.lookback import periods, search

    query = search.Query(text, periods.between(since, until), section, tag, notes)
    hits = search.search(_home(home), query, announce=_announce)
    if as_json:
        _json([hit.as_json() for hit in hits])
        return
    colour = colour_wanted()
    rows = []
    for hit in hits:
        where = hit.day.isoformat() if hit.day else "----------"
        note = f"  ({hit.path})" if hit.kind == search.NOTE else ""
        rows.append(f"{where}  {hit.section or '-'}  {_marked(hit.line, hit.spans, colour)}{note}\n")
    write_out("".join(rows))
    if not hits:
        sys.stderr.write(f"no line matches {text!r}\n")


def _marked(line: str, spans: tuple[tuple[int, int], ...], colour: bool) -> str:
    if not colour or not spans:
        return line
    parts, last = [], 0
    for start, end in spans:
        parts += [line[last:start], "\x1b[1;31m", line[start:end], "\x1b[0m"]
        last = end
    return "".join([*parts, line[last:]])


def run_calendar(home: Path | None, year: int | None = None, svg: str | None = None,
                 as_json: bool = False) -> None:
    """`notionlog calendar`: the year's grid and streaks (or JSON, or an SVG file)."""
    import datetime

    from notionlog.lookback import calendar, periods
    from notionlog.lookback.index import Index

    today = datetime.date.today()
    root = _home(home)
    index = Index(root, announce=_announce)
    try:
        index.refresh()
        view = calendar.view(index.days(), periods.check_year(today.year if year is None else year), today)
    finally:
        index.close()
    if svg:
        from notionlog.lookback import output
        from notionlog.lookback.svg import picture

        write_out(f"{output.write(Path(svg), picture(view))}\n")
    elif as_json:
        _json(view.as_json())
    else:
        write_out(calendar.text(view, colour_wanted()))


def run_on_this_day(home: Path | None, date: str | None = None, monthly: bool = False) -> None:
    """`notionlog on-this-day`: earlier entries of the same day, with their text."""
    from notionlog.local import journal
    from notionlog.lookback import onthisday

    day = journal.parse_date(date or "today")
    found = onthisday.find(_home(home), day, monthly)
    write_out("".join(f"== {memory.day.isoformat()} ({memory.ago}) {memory.path}\n{memory.text.strip()}\n\n"
                      for memory in found))
    if not found:
        sys.stderr.write(f"nothing written on this day before {day.isoformat()}\n")


def _announce(count: int) -> None:
    """Say why the first look-back on a big journal takes a few seconds (on a terminal only)."""
    if sys.stderr.isatty():
        sys.stderr.write(f"indexing {count:,} files for look-back (once; later runs read only changes)…\n")
        sys.stderr.flush()


def _json(value: object) -> None:
    import json

    write_out(json.dumps(value, ensure_ascii=False, indent=2) + "\n")


RUNNERS: dict[str, Callable[..., None]] = {
    "search": run_search, "calendar": run_calendar, "on-this-day": run_on_this_day}
