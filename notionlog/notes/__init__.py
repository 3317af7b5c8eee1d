"""Linked summary pages: the Notion pages journal entries link to, pulled home as Markdown.

``pull_notes`` is what ``notionlog sync`` and ``notionlog notes pull`` call; the work is in
:mod:`notionlog.notes.pull`. Everything here stays cheap to import (no notion_client, no httpx).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class NotesReport:
    """What one pull did. Paths are absolute; warnings are one line each, with their remedy."""

    pulled: list[Path] = field(default_factory=list)  # notes written (new or changed in Notion)
    unchanged: list[Path] = field(default_factory=list)  # notes already up to date
    kept_local: list[Path] = field(default_factory=list)  # local edits moved aside before a write
    warnings: list[str] = field(default_factory=list)  # unshared pages, databases, trashed pages
    requests: int = 0  # requests sent to Notion by this pull (downloads included)


def pull_notes(
    api, home: Path, entries: dict[datetime.date, str], depth: int = 1, *, now=None
) -> NotesReport:
    """Pull every Notion page the ``entries`` link to into ``<home>/notes/`` (see pull.py).

    ``entries`` maps each entry's date to its Markdown; pass all of them, since a note's
    "linked from" list is computed from what is passed. ``depth`` is how many levels of child
    pages below a linked page are pulled too (0: only the linked pages). ``now`` is a clock
    (returning an aware UTC datetime) for tests of the minute-rounding rule.
    """
    from notionlog.notes.pull import Puller

    return Puller(api, home, depth=depth, now=now).run(entries)
