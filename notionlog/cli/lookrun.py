"""The work of the daily look-back commands (search, calendar, on-this-day), importable without typer.

The typer commands in cli/lookback.py call these runners, and so does cli/quick.py straight from a
plain command line (it is why they live apart from typer). Each runner imports its own core inside:
a command line loads only what its command needs.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path


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


def _home(home: str | Path | None) -> Path:
    from notionlog.settings import for_command

    return for_command(home).home


def run_search(home: str | Path | None, text: str, since: str | None = None, until: str | None = None,
               section: str | None = None, tag: str | None = None, notes: bool = False,
               as_json: bool = False) -> None:
    """`notionlog search`: matching lines newest first (or JSON)."""
    from notionlog.lookback import periods, search

    query = search.Query(text, periods.between(since, until), section, tag, notes)
    hits = search.search(_home(home), query, announce=_announce)
    if as_json:
        print_json([hit.as_json() for hit in hits])
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


def run_calendar(home: str | Path | None, year: int | None = None, svg: str | Path | None = None,
                 as_json: bool = False) -> None:
    """`notionlog calendar`: the year's grid and streaks (or JSON, or an SVG file)."""
    import datetime

    from notionlog.lookback import calendar, periods
    from notionlog.lookback.index import refreshed

    today = datetime.date.today()
    with refreshed(_home(home), announce=_announce) as index:
        view = calendar.view(index.days(), periods.check_year(today.year if year is None else year), today)
    if svg:
        from notionlog.lookback import output
        from notionlog.lookback.svg import picture

        write_out(f"{output.write(Path(svg), picture(view))}\n")
    elif as_json:
        print_json(view.as_json())
    else:
        write_out(calendar.text(view, colour_wanted()))


def run_on_this_day(home: str | Path | None, date: str | None = None, monthly: bool = False) -> None:
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


def print_json(value: object) -> None:
    """``value`` as indented JSON (Korean as is) on stdout."""
    import json

    write_out(json.dumps(value, ensure_ascii=False, indent=2) + "\n")

