"""``notionlog export``: the journal (or a range of it) as one Markdown, JSON or HTML file.

- Markdown: each entry under a ``# 2021-12-07 화요일`` heading, its own headings moved one level
  down (``# title`` becomes ``## title``; never inside fenced code) so the dates stay on top;
  front-matter tags become a ``tags:`` line.
- JSON: a list of ``{"date", "title", "tags", "markdown", "path"}``, ``markdown`` being the entry
  without its front matter.
- HTML: see html.py.

Untouched scaffolds hold nothing written and are left out; so are files that are not text.
"""

from __future__ import annotations

import datetime
import json
import re
from dataclasses import dataclass
from pathlib import Path

from notionlog.errors import EmptyRange
from notionlog.local import journal, templates
from notionlog.lookback import reading, scan
from notionlog.lookback.periods import Period

FORMATS = ("md", "json", "html")
_FENCE = re.compile(r" {0,3}(`{3,}|~{3,})")


@dataclass(frozen=True)
class Exported:
    day: datetime.date
    title: str | None
    tags: list[str]
    markdown: str  # without the front matter
    path: Path

    @property
    def heading(self) -> str:
        return f"{self.day.isoformat()} {templates.WEEKDAYS_KO[self.day.weekday()]}"


def collect(home: Path, period: Period) -> list[Exported]:
    """The written entries in ``period``, in date order; EmptyRange when there are none."""
    found = []
    for day, path in journal.iter_entries(home):
        text = scan.read(path) if day in period else None
        if text and not journal.is_scaffold(home, day, text):
            seen = reading.read(text)
            body = "\n".join(line.text for line in seen.lines)
            found.append(Exported(day, seen.title, seen.tags, body.strip("\n") + "\n", path))
    if not found:
        raise EmptyRange(str(period.first or "the first entry"), str(period.last or "the last"))
    return found


def as_markdown(entries: list[Exported]) -> str:
    parts = []
    for entry in entries:
        tags = f"tags: {', '.join(entry.tags)}\n\n" if entry.tags else ""
        parts.append(f"# {entry.heading}\n\n{tags}{demote(entry.markdown)}")
    return "\n".join(parts)


def as_json(entries: list[Exported]) -> str:
    rows = [{"date": e.day.isoformat(), "title": e.title, "tags": e.tags, "markdown": e.markdown,
             "path": str(e.path)} for e in entries]
    return json.dumps(rows, ensure_ascii=False, indent=2) + "\n"


def demote(markdown: str) -> str:
    """Every ATX heading one level deeper (at most ``######``), fenced code left alone."""
    out, fence = [], ""
    for line in markdown.split("\n"):
        opened = _FENCE.match(line)
        if fence:
            fence = "" if line.strip().startswith(fence) else fence
        elif opened:
            fence = opened.group(1)[0] * 3
        elif re.match(r" {0,3}#{1,5}(?:[ \t]|$)", line):
            line = line.replace("#", "##", 1)
        out.append(line)
    return "\n".join(out)


def render(home: Path, period: Period, kind: str, today: datetime.date) -> str:
    """The export of ``period`` in format ``kind`` (one of FORMATS)."""
    entries = collect(home, period)
    if kind == "md":
        return as_markdown(entries)
    if kind == "json":
        return as_json(entries)
    from notionlog.lookback import html  # here: html.py imports this module, and markdown-it

    return html.page(home, entries, today)
