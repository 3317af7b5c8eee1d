"""``notionlog calendar``: one year as a grid of weeks by weekday, like a contribution graph.

Each day is one of: written (shaded by words, in four levels split at the quartiles of that year's
written days, as contribution graphs do), an untouched scaffold, missed (see streaks.py), or blank
(before the journal began, in the future, or outside the year). The grid's columns are weeks from
Monday to Sunday. Rendered as text here (colour or plain characters) and as SVG in svg.py.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from notionlog.lookback import streaks
from notionlog.lookback.index import Day

BLANK, MISSED, UNTOUCHED = "blank", "missed", "untouched"
PLAIN = {BLANK: " ", MISSED: ".", UNTOUCHED: "o", 1: "-", 2: "+", 3: "*", 4: "#"}
# 256-colour backgrounds for written days (a green ramp), foregrounds for the two marks.
_COLOURS = {1: "\x1b[48;5;151m \x1b[0m", 2: "\x1b[48;5;114m \x1b[0m", 3: "\x1b[48;5;34m \x1b[0m",
            4: "\x1b[48;5;22m \x1b[0m", MISSED: "\x1b[38;5;203m.\x1b[0m",
            UNTOUCHED: "\x1b[38;5;178mo\x1b[0m", BLANK: " "}
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
WEEKDAYS = ("Mon", "", "Wed", "", "Fri", "", "Sun")


@dataclass(frozen=True)
class YearView:
    year: int
    today: datetime.date
    words: dict[datetime.date, int]  # every entry of the year (0 for untouched ones)
    untouched: frozenset[datetime.date]
    first_entry: datetime.date | None  # of the whole journal
    limits: tuple[int, ...]  # upper word counts of levels 1..3
    current_streak: int
    longest_streak: int
    missed_year: int
    missed_month: int | None  # None unless the year shown holds today

    def kind(self, day: datetime.date) -> str | int:
        """BLANK, MISSED, UNTOUCHED or the level 1..4 of a written day."""
        if day.year != self.year:
            return BLANK
        if day in self.untouched:
            return UNTOUCHED
        if day in self.words:
            return 1 + sum(1 for limit in self.limits if self.words[day] > limit)
        if self.first_entry is not None and self.first_entry <= day < self.today:
            return MISSED
        return BLANK

    def as_json(self) -> dict:
        return {"year": self.year, "entries": len(self.words), "current_streak": self.current_streak,
                "longest_streak": self.longest_streak, "missed_days": self.missed_year,
                "days": {day.isoformat(): words for day, words in sorted(self.words.items())}}


def view(days: list[Day], year: int, today: datetime.date) -> YearView:
    """The year's picture and figures from every entry of the journal."""
    written = {d.day for d in days if not d.untouched}
    first = min(written) if written else None
    mine = [d for d in days if d.day.year == year]
    start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    month = None
    if today.year == year:
        month = streaks.missed_days(written, first, today, today.replace(day=1), end)
    return YearView(
        year, today, {d.day: d.words for d in mine}, frozenset(d.day for d in mine if d.untouched),
        first, _limits(sorted(d.words for d in mine if not d.untouched)),
        streaks.current_streak(written, today, year), streaks.longest_streak(written, year),
        streaks.missed_days(written, first, today, start, end), month)


def _limits(words: list[int]) -> tuple[int, ...]:
    """Quartile boundaries of the written days' word counts (levels 1-4 get a quarter each)."""
    if not words:
        return (0, 0, 0)
    return tuple(words[(len(words) * q + 3) // 4 - 1] for q in (1, 2, 3))  # ceil(n*q/4)-th


def weeks(year: int) -> list[list[datetime.date]]:
    """Columns of seven days, Monday first, covering the whole year."""
    first = datetime.date(year, 1, 1)
    day = first - datetime.timedelta(days=first.weekday())
    columns = []
    while day.year <= year:
        columns.append([day + datetime.timedelta(days=n) for n in range(7)])
        day += datetime.timedelta(days=7)
    return columns


def text(view: YearView, colour: bool) -> str:
    """The grid, its month labels, the figures and a legend, as terminal text."""
    cells = _COLOURS if colour else PLAIN
    columns = weeks(view.year)
    lines = ["    " + _month_row(columns)]
    for row in range(7):
        lines.append(f"{WEEKDAYS[row]:<4}" + "".join(str(cells[view.kind(col[row])]) for col in columns))
    lines += ["", *figures(view), _legend(view, cells)]
    return "\n".join(lines) + "\n"


def _month_row(columns: list[list[datetime.date]]) -> str:
    row = [" "] * (len(columns) + 3)
    year = columns[-1][0].year
    for index, column in enumerate(columns):
        firsts = [d for d in column if d.day == 1 and d.year == year]
        if firsts and (index == 0 or row[index - 1] == " "):
            row[index:index + 3] = MONTHS[firsts[0].month - 1]
    return "".join(row).rstrip()


def figures(view: YearView) -> list[str]:
    """The figures under the grid, in words."""
    written = sum(1 for d in view.words if d not in view.untouched)
    total = sum(view.words.values())
    lines = [f"{view.year}: {days(written)} written, {total:,} words"
             + (f", {len(view.untouched)} untouched" if view.untouched else ""),
             f"current streak {days(view.current_streak)}, longest {days(view.longest_streak)}",
             f"missed {days(view.missed_year)} this year"
             + (f", {days(view.missed_month)} this month" if view.missed_month is not None else "")]
    return lines


def _legend(view: YearView, cells: dict) -> str:
    low, mid, high = view.limits
    shown = f"{cells[MISSED]} missed  {cells[UNTOUCHED]} untouched"
    if not high:  # no day written this year: word levels would say nothing
        return shown
    return f"{shown}  {cells[1]} ≤{low}  {cells[2]} ≤{mid}  {cells[3]} ≤{high}  {cells[4]} more words"


def days(count: int) -> str:
    """'1 day', '3 days'."""
    return f"{count} day" if count == 1 else f"{count} days"
