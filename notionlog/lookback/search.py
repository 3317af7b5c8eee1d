"""``notionlog search``: every matching line, newest first, with its date, section and match spans.

The index narrows the files to those that may hold the query (FTS5 trigrams, or a scan for short
queries and SQLite builds without FTS5); each line of those files is then checked here, so the
answers never depend on which way the files were found. A match never spans two lines. The section
of a matching line comes from the change points the index keeps (reading.marks), so no entry is
parsed again at search time.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from notionlog.errors import EmptyQuery, UnknownSection
from notionlog.lookback import reading
from notionlog.lookback.index import ENTRY, NOTE, Doc, Index, refreshed
from notionlog.lookback.periods import Period


@dataclass(frozen=True)
class Query:
    text: str
    period: Period = Period(None, None)
    section: str | None = None
    tag: str | None = None
    notes: bool = False


@dataclass(frozen=True)
class Hit:
    day: datetime.date | None
    section: str
    line: str  # the line as typed, without its indentation
    path: Path
    spans: tuple[tuple[int, int], ...]  # where the query matches in ``line``
    kind: str = ENTRY  # or NOTE

    def as_json(self) -> dict:
        return {"date": self.day.isoformat() if self.day else None, "section": self.section,
                "line": self.line, "path": str(self.path)}


def search(home: Path, query: Query, fts: bool | None = None,
           announce: Callable[[int], None] | None = None) -> list[Hit]:
    """The hits for ``query`` (EmptyQuery, UnknownSection on bad input); see Index for ``announce``."""
    needle = reading.fold(query.text.strip("\r\n"))
    if not needle.strip():
        raise EmptyQuery()
    with refreshed(home, fts, announce, notes=query.notes) as index:
        if query.section is not None:
            _check_section(index, query.section)
        kinds = (ENTRY, NOTE) if query.notes else (ENTRY,)
        hits = []
        for doc in index.matching(needle, kinds, query.period):
            if query.tag is None or _has_tag(doc.tags, query.tag):
                hits += _lines(home / doc.path, doc, needle, query.section)
        return hits


def _check_section(index: Index, name: str) -> None:
    known = index.section_names()
    if reading.section_key(name) not in {reading.section_key(k) for k in known}:
        raise UnknownSection(name, known[:20])


def _has_tag(tags: list[str], wanted: str) -> bool:
    return wanted.lstrip("#").casefold() in {tag.lstrip("#").casefold() for tag in tags}


def _lines(path: Path, doc: Doc, needle: str, section: str | None) -> list[Hit]:
    wanted = None if section is None else reading.section_key(section)
    hits = []
    for number, text in enumerate(doc.text.splitlines(), 1):
        if needle not in reading.fold(text):
            continue
        name = reading.section_at(doc.marks, number)
        if name is not None and (wanted is None or reading.section_key(name) == wanted):
            shown = text.strip()
            hits.append(Hit(doc.day, name, shown, path, spans(shown, needle), doc.kind))
    return hits


def spans(line: str, needle: str) -> tuple[tuple[int, int], ...]:
    """Where ``needle`` (folded) occurs in ``line``; none when folding changes the line's length."""
    folded = reading.fold(line)
    if len(folded) != len(line):
        return ()
    found, start = [], folded.find(needle)
    while start >= 0:
        found.append((start, start + len(needle)))
        start = folded.find(needle, start + len(needle))
    return tuple(found)
