"""``notionlog stats``: entries, words per month, streaks (all time) and the most used tags."""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass

from notionlog.lookback import streaks
from notionlog.lookback.calendar import days
from notionlog.lookback.index import Day

TOP_TAGS = 10


@dataclass(frozen=True)
class Stats:
    entries: int  # written entries (untouched scaffolds apart)
    untouched: int
    words: int
    words_per_month: dict[str, int]  # "2021-12" -> words, every month from the first to the last
    current_streak: int
    longest_streak: int
    tags: list[tuple[str, int]]  # most used first

    def as_json(self) -> dict:
        return {"entries": self.entries, "untouched": self.untouched, "words": self.words,
                "words_per_month": self.words_per_month, "current_streak": self.current_streak,
                "longest_streak": self.longest_streak, "tags": dict(self.tags)}


def compute(days: list[Day], today: datetime.date) -> Stats:
    written = [d for d in days if not d.untouched]
    months: dict[str, int] = {}
    if written:
        month = written[0].day.replace(day=1)
        while month <= written[-1].day:
            months[month.strftime("%Y-%m")] = 0
            month = (month + datetime.timedelta(days=32)).replace(day=1)
    for d in written:
        months[d.day.strftime("%Y-%m")] += d.words
    tags = Counter(tag for d in written for tag in d.tags)
    dates = {d.day for d in written}
    return Stats(len(written), len(days) - len(written), sum(months.values()), months,
                 streaks.current_streak(dates, today), streaks.longest_streak(dates),
                 tags.most_common(TOP_TAGS))


def text(stats: Stats) -> str:
    lines = [f"{stats.entries} entries, {stats.words:,} words"
             + (f" ({stats.untouched} untouched scaffolds)" if stats.untouched else ""),
             f"current streak {days(stats.current_streak)}, longest {days(stats.longest_streak)}", "",
             "words per month:"]
    top = max(stats.words_per_month.values(), default=0) or 1
    for month, words in stats.words_per_month.items():
        lines.append(f"  {month}  {words:>7,}  " + "#" * round(30 * words / top))
    if stats.tags:
        lines += ["", "most used tags: " + ", ".join(f"{tag} ({n})" for tag, n in stats.tags)]
    return "\n".join(lines) + "\n"
