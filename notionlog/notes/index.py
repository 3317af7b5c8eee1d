"""``notes/README.md``: every pulled page with its title and the entries that link to it.

Pages linked from entries are listed by title; their child pages are nested below them. Each
linking entry is a relative link to its file, so the index works in any Markdown viewer. The file
is rewritten only when its text changes (a pull that changed nothing writes nothing).
"""

from __future__ import annotations

import datetime
import os
from pathlib import Path

from notionlog.local.journal import entry_path, write_atomic
from notionlog.notes.state import NoteRecord

NAME = "README.md"
ASIDE = "notionlog-index.md"  # where the index goes when README.md is the user's own file
HEADER = (
    "# Notes\n\n"
    "Notion pages your journal links to, pulled by `notionlog notes pull` (and `notionlog sync`).\n"
    "They mirror Notion: edit them there. A note edited here is kept beside the next pulled copy.\n"
)


def _entry_link(home: Path, iso: str) -> str:
    path = entry_path(home, datetime.date.fromisoformat(iso))
    return f"[{iso}]({Path(os.path.relpath(path, home / 'notes')).as_posix()})"


def _line(home: Path, record: NoteRecord, level: int) -> str:
    title = (record.title or "Untitled").replace("[", "\\[").replace("]", "\\]")
    line = f"{'    ' * level}- [{title}]({record.name})"
    if record.linked_from:
        line += " — linked from " + ", ".join(_entry_link(home, d) for d in record.linked_from)
    elif record.parent is None:
        line += " — no entry links here any more"
    return line


def render(home: Path, records: dict[str, NoteRecord]) -> str:
    """The index text for a set of records (pure, apart from computing relative entry paths)."""
    lines: list[str] = []
    shown: set[str] = set()

    def add(pid: str, level: int) -> None:
        if pid in shown or pid not in records:
            return
        shown.add(pid)
        lines.append(_line(home, records[pid], level))
        for child in records[pid].children:
            add(child, level + 1)

    roots = [pid for pid, rec in records.items() if rec.parent is None or rec.parent not in records]
    for pid in sorted(roots, key=lambda p: (records[p].title.casefold(), p)):
        add(pid, 0)
    body = "\n".join(lines) if lines else "No linked pages pulled yet."
    return f"{HEADER}\n{body}\n"


def write(home: Path, records: dict[str, NoteRecord]) -> Path | None:
    """Write the index if its text changed; returns the path written, or None."""
    if not records and not (home / "notes").exists():
        return None  # nothing was ever pulled: don't create an empty notes/ folder
    path = home / "notes" / NAME
    if path.exists() and not path.read_text(encoding="utf-8", errors="replace").startswith(HEADER):
        path = home / "notes" / ASIDE  # a README.md the user wrote is never overwritten
    text = render(home, records)
    if path.exists() and path.read_text(encoding="utf-8", errors="replace") == text:
        return None
    write_atomic(path, text)
    return path
