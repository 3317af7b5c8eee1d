"""Entries in the core: ``new`` (find or create the day's entry), ``edit`` and ``list``.

No printing and no editor here; the CLI does both.

Order of writes for a new entry: first keep a copy of the scaffold (:func:`journal.remember_scaffold`),
then create the file. A crash in between leaves a harmless record with no file; the other order
could leave an unrecorded scaffold that sync would push (invariant 5 in docs/architecture.md). The
file is created with :func:`journal.create_atomic`, so an existing entry is never overwritten, even
by a race.

``templates``, ``carryover`` and ``capture`` are imported inside the functions that use them, so
``new``, ``list`` and ``edit`` load only what they need.
"""

from __future__ import annotations

import datetime
import os
from dataclasses import dataclass
from pathlib import Path

from notionlog.errors import HomeError, NoEntry, NotText
from notionlog.local import journal


@dataclass(frozen=True)
class EntryResult:
    path: Path
    created: bool  # False: the entry already existed and was left as it was


def ensure_home(home: Path) -> None:
    """Create the journal home if needed; HomeError if it is not a writable folder."""
    if home.exists() and not home.is_dir():
        raise HomeError(home, "not a folder")
    try:
        home.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise HomeError(home, err.strerror or str(err)) from err


def ensure_writable(home: Path) -> None:
    """Create the home if needed and check a file can be written in it (before anything is done
    elsewhere that would need writing down, such as a database created in Notion)."""
    ensure_home(home)
    try:
        fd, name = journal._mkstemp(home / ".notionlog-probe")
        os.close(fd)
        os.unlink(name)
    except OSError as err:
        raise HomeError(home, err.strerror or str(err)) from err


def new_entry(home: Path, day: datetime.date, template: str, carry_over: bool) -> EntryResult:
    """Write ``day``'s entry from ``template`` unless it exists; an existing entry must be UTF-8 text."""
    from notionlog.local import templates

    templates.find(home, template)  # a misspelt --template is an error even when the entry exists
    path = journal.entry_path(home, day)
    if path.exists():
        journal.read_text(path)  # NotText: refuse to hand a binary file to the editor
        return EntryResult(path, created=False)
    text = templates.compose(home, day, template, carry_over)
    ensure_home(home)
    journal.remember_scaffold(home, day, text)
    if not journal.create_atomic(path, text):  # someone created it meanwhile: theirs stays
        return EntryResult(path, created=False)
    return EntryResult(path, created=True)


def keep_carried(home: Path, day: datetime.date, scaffold: str, replacement: str) -> str:
    """``replacement`` (a page pulled over ``day``'s untouched scaffold) plus any open to-dos the
    scaffold had carried over and the page lacks, appended at its end: they are never lost."""
    from notionlog.local import carryover, templates

    previous = templates.previous_entry(home, day)
    if previous is None:
        return replacement
    blocks = carryover.still_carried(scaffold, journal.read_text(previous[1]), replacement)
    if not blocks:
        return replacement
    return replacement.rstrip("\n") + "\n\n" + "\n".join(blocks) + "\n"


def add_to_entry(home: Path, day: datetime.date, line: str, section: str | None, template: str,
                 carry_over: bool) -> EntryResult:
    """Add ``line`` under ``section`` of ``day``'s entry, writing the entry from ``template`` first
    if there is none. NoSection (and nothing written or created) if the section is not there."""
    from notionlog.local import capture


    path = journal.entry_path(home, day)
    if path.exists():
        current, created = journal.read_text(path), False
    else:
        from notionlog.local import templates

        current, created = templates.compose(home, day, template, carry_over), True
    updated = capture.add_line(current, line, section)  # NoSection before anything is written
    if created:
        ensure_home(home)
        journal.remember_scaffold(home, day, current)  # what `new` would have written
        if not journal.create_atomic(path, updated):  # created meanwhile: add to that one
            return add_to_entry(home, day, line, section, template, carry_over)
    else:
        journal.write_atomic(path, updated)
    return EntryResult(path, created)


def existing_entry(home: Path, day: datetime.date) -> Path:
    """The entry file for ``day``, checked to be UTF-8 text; NoEntry if there is none."""
    path = journal.entry_path(home, day)
    if not path.is_file():
        raise NoEntry(day.isoformat())
    journal.read_text(path)
    return path


@dataclass(frozen=True)
class Listed:
    day: datetime.date
    path: Path
    title: str | None  # the first "# " heading
    untouched: bool  # still the scaffold `new` wrote


@dataclass(frozen=True)
class Gap:
    first: datetime.date
    last: datetime.date

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1


def listing(home: Path, today: datetime.date | None = None) -> list[Listed | Gap]:
    """Every entry in date order, with a Gap for each run of missing days between entries and
    from the last entry up to ``today`` (default: the real today; an entry dated later ends the
    list as it is).

    A file that is not UTF-8 text is listed with no title rather than stopping the whole list.
    """
    rows: list[Listed | Gap] = []
    one = datetime.timedelta(days=1)
    previous: datetime.date | None = None
    for day, path in journal.iter_entries(home):
        if previous is not None and day - previous > one:
            rows.append(Gap(previous + one, day - one))
        try:
            text = journal.read_text(path)
        except NotText:
            rows.append(Listed(day, path, None, False))
        else:
            rows.append(Listed(day, path, journal.entry_title(text), journal.is_scaffold(home, day, text)))
        previous = day
    today = today or datetime.date.today()
    if previous is not None and previous < today:
        rows.append(Gap(previous + one, today))
    return rows
