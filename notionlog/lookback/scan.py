"""Which files look-back reads, their signatures, and what the cache keeps of each.

Entries come from :func:`journal.entry_files`; pulled notes are ``<home>/notes/**/*.md`` except the
notes index (``notes/README.md``). A signature is ``mtime_ns:size`` — plus, for an entry, the mtime
of its scaffold record, since ``new`` writing or dropping that record changes whether the entry
counts as untouched without touching the entry itself.
"""

from __future__ import annotations

import datetime
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from notionlog.errors import NotText
from notionlog.local import journal
from notionlog.lookback import reading

ENTRY, NOTE = "entry", "note"


@dataclass(frozen=True)
class Found:
    path: str  # relative to the home, / separators
    kind: str
    day: datetime.date | None
    sig: str


@dataclass(frozen=True)
class Described:
    day: str | None
    untouched: bool
    words: int
    title: str | None
    tags: list[str]
    marks: list[tuple[int, str]]  # where each section starts (reading.marks)
    text: str
    fold: str


def files(home: Path, notes: bool) -> Iterator[Found]:
    """Every entry (and, with ``notes``, every note) with its signature."""
    records = _scaffold_records(home)
    for day, item in journal.entry_files(home):
        try:
            stat = item.stat()
        except OSError:  # removed between the listing and now
            continue
        iso = day.isoformat()
        sig = f"{stat.st_mtime_ns}:{stat.st_size}:{records.get(iso, 0)}"
        yield Found(f"entries/{day.year:04d}/{iso}.md", ENTRY, day, sig)
    if notes:
        yield from _notes(home)


def _notes(home: Path) -> Iterator[Found]:
    root = home / "notes"
    for path in sorted(root.rglob("*.md")) if root.is_dir() else []:
        stat = _stat(path)
        if stat is not None and path != root / "README.md" and "assets" not in path.relative_to(root).parts:
            yield Found(path.relative_to(home).as_posix(), NOTE, None, f"{stat.st_mtime_ns}:{stat.st_size}")


def _stat(path: Path) -> os.stat_result | None:
    try:
        return path.stat()
    except OSError:  # removed between the listing and now
        return None


def _scaffold_records(home: Path) -> dict[str, int]:
    """Date -> mtime of its record in ``.notionlog/scaffolds`` (one listing, no reads)."""
    try:
        with os.scandir(home / ".notionlog" / "scaffolds") as items:
            return {item.name[:-3]: item.stat().st_mtime_ns for item in items if item.name.endswith(".md")}
    except OSError:
        return {}


def read(path: Path) -> str | None:
    """The file's text, or None when it is not UTF-8 text or has gone (it is then kept empty)."""
    try:
        return journal.read_text(path)
    except (NotText, OSError):
        return None


def digest(text: str | None) -> str:
    import hashlib  # only when something changed: its OpenSSL load costs ~10 ms

    return hashlib.blake2b((text or "").encode("utf-8"), digest_size=16).hexdigest()


def describe(home: Path, found: Found, text: str | None) -> Described:
    """What the cache keeps of one file (an unreadable one is kept empty, so it matches nothing)."""
    seen = reading.read(text or "", bullets=found.kind == ENTRY)
    day: str | None
    if found.kind == ENTRY and found.day is not None:
        untouched = bool(text) and journal.is_scaffold(home, found.day, text or "")
        day = found.day.isoformat()
    else:
        untouched, day = False, _note_day(home / found.path, seen)
    return Described(day, untouched, 0 if untouched else seen.words, seen.title, seen.tags,
                     reading.marks(seen),
                     text or "", "" if untouched else _fold(seen))


def _fold(seen: reading.Reading) -> str:
    """Lower-cased text without the front matter (its keys are not what anyone searches for)."""
    return reading.fold("\n".join(line.text for line in seen.lines))


def _note_day(path: Path, seen: reading.Reading) -> str | None:
    """A note's date: the day Notion last edited it (front matter), else the file's."""
    try:
        return datetime.date.fromisoformat(str(seen.front.get("last_edited_time") or "")[:10]).isoformat()
    except ValueError:
        try:
            return datetime.date.fromtimestamp(path.stat().st_mtime).isoformat()
        except OSError:
            return None
