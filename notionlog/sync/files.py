"""The journal's files as sync writes them: entries in the user's own layout and form, Notion's
copies beside them, and what a resolution sets aside under ``.notionlog/``."""

from __future__ import annotations

import datetime
import os
from pathlib import Path

from notionlog.local.entries import keep_carried as carried
from notionlog.local.journal import entry_path as path_of
from notionlog.local.journal import write_atomic
from notionlog.sync import form
from notionlog.sync.layout import reflow
from notionlog.sync.plan import Local


def keep_aside(home: Path, date: str, side: str, text: str) -> Path:
    """Keep the text a resolution discards (``side`` is "local" or "notion"); returns where.

    Used by ``sync --prefer`` and ``resolve --keep``: whatever one side loses stays on disk under
    ``.notionlog/overridden/DATE.SIDE.md`` (never overwriting an earlier copy).
    """
    path = free_name(home / ".notionlog" / "overridden" / f"{date}.{side}.md")
    write_atomic(path, text)
    return path


def laid_out(local: Local | None, text: str) -> str:
    """``text`` (normalized) written with the file's own blank lines, trailing spaces, BOM and
    line endings kept."""
    if local is None or local.text is None or local.normalized is None:
        return text

    return form.as_file(local.text, reflow(form.plain(local.text), local.normalized, text))


def keep_carried(home: Path, date: str, scaffold: str, pulled: str) -> str:
    return carried(home, datetime.date.fromisoformat(date), scaffold, pulled)


def entry_path(home: Path, date: str) -> Path:
    return path_of(home, datetime.date.fromisoformat(date))


def conflict_copy(home: Path, date: str) -> Path:
    """Notion's version of a conflicting entry, beside the file (iter_entries ignores the name)."""
    path = entry_path(home, date)
    return path.with_name(f"{date}.notion.md")


def free_name(path: Path) -> Path:
    """``path``, or ``name-2.md``, ``name-3.md``... so nothing already kept is overwritten."""
    candidate, n = path, 1
    while candidate.exists():
        n += 1
        candidate = path.with_name(f"{path.stem}-{n}{path.suffix}")
    return candidate


def to_trash(home: Path, path: Path) -> Path:
    """Move an entry file (or its link) under ``.notionlog/trash/``; returns where it went."""
    trash = home / ".notionlog" / "trash"
    trash.mkdir(parents=True, exist_ok=True)
    kept = free_name(trash / path.name)
    os.replace(path, kept)
    return kept
