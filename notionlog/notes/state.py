"""What the last pulls saw, per page: ``<home>/.notionlog/notes.json`` (owned by notes only).

One record per pulled page: where its note lives, the ``last_edited_time`` Notion reported, when
we fetched it (to apply the minute rule: Notion rounds ``last_edited_time`` down to the minute, so
a fetch made within that same minute may have missed a later edit of the minute), the SHA-256 of
the text we wrote (a different hash on disk means the user edited the note), the entry dates that
link to it and its child pages. Written atomically; a file we cannot read is a StateError (the
notes themselves are untouched, and moving the file aside makes the next pull rebuild it).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

from notionlog.errors import StateError
from notionlog.local.journal import write_atomic

VERSION = 1


@dataclass
class NoteRecord:
    name: str  # file name inside notes/
    title: str
    url: str
    last_edited_time: str  # as Notion sent it, e.g. 2026-07-04T09:08:00.000Z
    fetched_at: str  # ISO UTC time taken just before the retrieve that saw last_edited_time
    sha256: str  # of the note text as written
    linked_from: list[str] = field(default_factory=list)  # ISO dates of linking entries
    parent: str | None = None  # the page id whose child this page is (None: linked directly)
    children: list[str] = field(default_factory=list)  # child page ids, in page order


def digest(text: str) -> str:
    return digest_bytes(text.encode("utf-8"))


def digest_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def state_path(home: Path) -> Path:
    return home / ".notionlog" / "notes.json"


def load(home: Path) -> dict[str, NoteRecord]:
    """Records by page id; empty when nothing was pulled yet."""
    path = state_path(home)
    if not path.exists():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("version") != VERSION:
            raise ValueError(f"version {data.get('version')!r}, expected {VERSION}")
        return {pid: NoteRecord(**rec) for pid, rec in data["pages"].items()}
    except (OSError, ValueError, TypeError, KeyError, AttributeError) as err:
        raise StateError(path, f"unreadable notes state ({type(err).__name__})") from err


def save(home: Path, records: dict[str, NoteRecord]) -> None:
    data = {"version": VERSION, "pages": {pid: asdict(rec) for pid, rec in sorted(records.items())}}
    text = json.dumps(data, ensure_ascii=False, indent=1) + "\n"
    path = state_path(home)
    if not records and not path.exists():
        return  # a journal that links to no page gets no notes state
    if path.exists() and path.read_text(encoding="utf-8", errors="replace") == text:
        return  # a pull that changed nothing writes nothing
    write_atomic(path, text)
