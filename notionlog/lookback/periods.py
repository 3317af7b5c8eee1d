"""Date ranges for look-back: --since/--until, an ISO week, a month, a year.

Dates are read by :func:`journal.parse_date` (today, yesterday, 2021-12-07, 20211207), so every
command takes the same spellings and rejects the same impossible dates.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from notionlog.errors import BadPeriod, ReversedRange
from notionlog.local import journal

_MONTH = re.compile(r"(\d{4})-(\d{1,2})")


@dataclass(frozen=True)
class Period:
    first: datetime.date | None  # None: open-ended
    last: datetime.date | None
    label: str = ""  # 2021-W49, 2021-12 (names a review file)

    def __contains__(self, day: object) -> bool:
        if not isinstance(day, datetime.date):
            return False
        return (self.first is None or day >= self.first) and (self.last is None or day <= self.last)


def between(since: str | None, until: str | None, today: datetime.date | None = None) -> Period:
    """``--since``/``--until`` (either may be missing); ReversedRange if since comes after until."""
    first = journal.parse_date(since, today) if since else None
    last = journal.parse_date(until, today) if until else None
    if first and last and first > last:
        raise ReversedRange(first.isoformat(), last.isoformat())
    return Period(first, last)


def week_of(day: datetime.date) -> Period:
    """The ISO week (Monday to Sunday) holding ``day``, labelled like 2021-W49."""
    year, week, weekday = day.isocalendar()
    try:
        monday = day - datetime.timedelta(days=weekday - 1)
        return Period(monday, monday + datetime.timedelta(days=6), f"{year:04d}-W{week:02d}")
    except OverflowError:  # the last days of 9999: their week ends in a year Python cannot hold
        raise BadPeriod(day.isoformat(), "week") from None


def month(text: str) -> Period:
    """``YYYY-MM`` as the month's first to last day; BadPeriod otherwise."""
    match = _MONTH.fullmatch(text.strip())
    if not match or not 1 <= int(match.group(2)) <= 12 or int(match.group(1)) < 1:
        raise BadPeriod(text, "month")
    year, number = int(match.group(1)), int(match.group(2))
    following = datetime.date(year + 1, 1, 1) if number == 12 else datetime.date(year, number + 1, 1)
    return Period(datetime.date(year, number, 1), following - datetime.timedelta(days=1),
                  f"{year:04d}-{number:02d}")


def check_year(year: int) -> int:
    """A year the calendar can draw (1..9998: the grid reaches into the next year's first days)."""
    if not 1 <= year <= 9998:
        raise BadPeriod(str(year), "year")
    return year
