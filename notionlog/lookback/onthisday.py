"""``notionlog on-this-day``: the entries written on the same day in earlier years (or months).

Same month and day in an earlier year; with ``monthly``, also the same day of an earlier month. A
day that does not exist in another year or month (29 February, the 31st) simply has no match there.
Untouched scaffolds and files that are not text are left out: there is nothing to re-read in them.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path

from notionlog.local import journal
from notionlog.lookback import scan


@dataclass(frozen=True)
class Memory:
    day: datetime.date
    ago: str  # "1 year ago", "3 months ago"
    path: Path
    text: str


def find(home: Path, day: datetime.date, monthly: bool = False) -> list[Memory]:
    """Earlier entries on the same day, the most recent first."""
    found = []
    for other, path in journal.iter_entries(home):
        months = (day.year - other.year) * 12 + day.month - other.month
        same = other.day == day.day and months > 0 and (monthly or months % 12 == 0)
        if not same:
            continue
        text = scan.read(path)
        if text and not journal.is_scaffold(home, other, text):
            found.append(Memory(other, _ago(months), path, text))
    return sorted(found, key=lambda memory: memory.day, reverse=True)


def _ago(months: int) -> str:
    if months % 12 == 0:
        years = months // 12
        return f"{years} year ago" if years == 1 else f"{years} years ago"
    return f"{months} month ago" if months == 1 else f"{months} months ago"
