"""Streaks and missed days over a set of written days (pure functions, no I/O).

A day is *written* when it has an entry that is not an untouched scaffold. The *current* streak is
the run of written days ending today, or yesterday when today is not written yet (the day is not
over). A day is *missed* when it is not written, falls between the journal's first entry and
yesterday (today is not missed yet), and lies in the period asked about. Counting "within a year"
keeps only that year's days of these runs and ranges.
"""

from __future__ import annotations

import datetime
from collections.abc import Collection

ONE = datetime.timedelta(days=1)


def current_streak(written: Collection[datetime.date], today: datetime.date,
                   year: int | None = None) -> int:
    """Length of the run ending today (or yesterday); with ``year``, only its days in that year."""
    day = today if today in written else today - ONE
    count = 0
    while day in written:
        if year is None or day.year == year:
            count += 1
        elif day.year < year:
            break
        day -= ONE
    return count


def longest_streak(written: Collection[datetime.date], year: int | None = None) -> int:
    """The longest run of consecutive written days (within ``year`` if given)."""
    days = sorted(d for d in written if year is None or d.year == year)
    best = run = 0
    previous: datetime.date | None = None
    for day in days:
        run = run + 1 if previous is not None and day - previous == ONE else 1
        best = max(best, run)
        previous = day
    return best


def missed_days(written: Collection[datetime.date], first_entry: datetime.date | None,
                today: datetime.date, start: datetime.date, end: datetime.date) -> int:
    """Days from ``start`` to ``end`` not written, counting only from the first entry to yesterday."""
    if first_entry is None:
        return 0
    low, high = max(start, first_entry), min(end, today - ONE)
    if low > high:
        return 0
    span = (high - low).days + 1
    return span - sum(1 for day in written if low <= day <= high)
