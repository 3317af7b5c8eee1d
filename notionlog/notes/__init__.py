"""Linked summary pages: the Notion pages journal entries link to, pulled home as Markdown.

``pull_notes`` is what ``notionlog sync`` and ``notionlog notes pull`` call; the work is in
:mod:`notionlog.notes.pull`. Everything here stays cheap to import (no notion_client, no httpx).
"""

from __future__ import annotations

import datetime
from pathlib import Path

from notionlog import notion
from notionlog.errors import NotText
from notionlog.local.journal import iter_entries, read_text
from notionlog.notes import state
from notionlog.notes.report import NotesReport
from notionlog.settings import require


def pull_notes(
    api, home: Path, entries: dict[datetime.date, str], depth: int = 1, *, now=None,
    journal_database: str | None = None, refresh: bool = False,
) -> NotesReport:
    """Pull every Notion page the ``entries`` link to into ``<home>/notes/`` (see pull.py).

    ``entries`` maps each entry's date to its Markdown; pass all of them: a note's "linked from"
    list is recomputed for the dates passed (a date not passed keeps what it said before).
    ``depth`` is how many levels of child pages below a linked page are pulled too (0: only the
    linked pages). ``now`` is a clock
    (returning an aware UTC datetime) for tests of the minute-rounding rule. Links to pages of
    ``journal_database`` (the journal's own database: one entry mentioning another day) are
    skipped without a word: those pages are entries, which sync keeps, not notes. ``refresh``
    fetches every page even when its ``last_edited_time`` says nothing changed (content edits made
    through the API may not move it: docs/notion-contract.md §4.5).
    """
    # Imported here: the pull's machinery (the converter, the Notion client) loads only to pull.
    from notionlog.notes.pull import Puller

    puller = Puller(api, home, depth=depth, now=now, journal_database=journal_database, refresh=refresh)
    return puller.run(entries)


def read_entries(home: Path) -> tuple[dict[datetime.date, str], list[str]]:
    """Every entry's text by date, plus a warning for each file that is not UTF-8 text."""
    entries: dict[datetime.date, str] = {}
    warnings: list[str] = []
    for day, path in iter_entries(home):
        try:
            entries[day] = read_text(path)
        except NotText:
            warnings.append(f"{path} is not UTF-8 text; its links were not followed — convert it to UTF-8")
    return entries, warnings


def pull_home(settings, refresh: bool = False) -> NotesReport:
    """``notionlog notes pull``: read the journal's entries, connect, pull their linked pages."""
    require(settings, "NOTION_TOKEN")
    entries, warnings = read_entries(settings.home)
    api = notion.connect(settings)
    try:
        report = pull_notes(api, settings.home, entries, settings.notes_depth,
                            journal_database=settings.database_id, refresh=refresh)
    finally:
        api.close()
    report.warnings[:0] = warnings
    return report


def list_notes(home: Path) -> list:
    """The pulled notes' records (notes/state.py), linked pages first, sorted by title."""
    records = state.load(home).values()
    return sorted(records, key=lambda r: (r.parent is not None, r.title.casefold(), r.name))


def sync_step(context) -> NotesReport:
    """A post-sync step for ``notionlog.sync.engine.POST_SYNC_STEPS``: pull the linked notes.

    ``context`` is the engine's SyncContext (api, home, settings, summary, entries). What the pull
    has to say (unshared pages, local copies kept) joins the sync summary's warnings.
    """
    report = pull_notes(context.api, context.home, context.entries, context.settings.notes_depth,
                        journal_database=context.settings.database_id)
    home = Path(context.home)
    context.summary.warnings.extend(
        f"notes: kept your local edits as {path.relative_to(home)} (notes mirror Notion)"
        for path in report.kept_local)
    context.summary.warnings.extend(f"notes: {warning}" for warning in report.warnings)
    return report
