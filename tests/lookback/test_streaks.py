"""Streaks and missed days against a day-by-day count written independently here."""

from __future__ import annotations

import datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from notionlog.lookback import calendar, stats, streaks
from notionlog.lookback.index import Day

ONE = datetime.timedelta(days=1)
BASE = datetime.date(2020, 11, 1)  # spans 2020-2022, leap day included
offsets = st.sets(st.integers(0, 500), max_size=120)


def day_at(n: int) -> datetime.date:
    return BASE + datetime.timedelta(days=n)


def every_day(year: int):
    day = datetime.date(year, 1, 1)
    while day.year == year:
        yield day
        day += ONE


def brute_current(written: set, today: datetime.date, year: int | None) -> int:
    """Days d (of the year) such that every day from d to the anchor is written."""
    anchor = today if today in written else today - ONE
    candidates = [anchor - ONE * n for n in range(700)]
    return sum(1 for d in candidates if (year is None or d.year == year)
               and all(anchor - ONE * k in written for k in range((anchor - d).days + 1)))


def brute_longest(written: set, year: int | None) -> int:
    best = 0
    for start in written:
        if year is not None and start.year != year:
            continue
        length = 0
        while start + ONE * length in written and (year is None or (start + ONE * length).year == year):
            length += 1
        best = max(best, length)
    return best


def brute_missed(written: set, year: int, today: datetime.date) -> int:
    first = min(written, default=None)
    return sum(1 for d in every_day(year)
               if first is not None and first <= d < today and d not in written)


@settings(max_examples=200, deadline=None)
@given(offsets, st.integers(0, 520), st.sampled_from([None, 2020, 2021, 2022]))
def test_streaks_match_a_day_by_day_count(picked, today_at, year):
    written = {day_at(n) for n in picked}
    today = day_at(today_at)
    assert streaks.current_streak(written, today, year) == brute_current(written, today, year)
    assert streaks.longest_streak(written, year) == brute_longest(written, year)


@settings(max_examples=150, deadline=None)
@given(offsets, st.sets(st.integers(0, 500), max_size=30), st.integers(0, 520),
       st.sampled_from([2020, 2021, 2022]))
def test_the_calendar_figures_match_a_day_by_day_count(picked, scaffolds, today_at, year):
    today = day_at(today_at)
    untouched = {day_at(n) for n in scaffolds} - {day_at(n) for n in picked}
    days = sorted([Day(day_at(n), 10 + n, False, None, []) for n in picked]
                  + [Day(d, 0, True, None, []) for d in untouched], key=lambda d: d.day)
    written = {day_at(n) for n in picked}  # untouched scaffolds are not written days
    view = calendar.view(days, year, today)
    figures = view.as_json()
    assert figures["current_streak"] == brute_current(written, today, year)
    assert figures["longest_streak"] == brute_longest(written, year)
    assert figures["missed_days"] == brute_missed(written, year, today)
    if today.year == year:
        first = min(written, default=None)
        month = sum(1 for d in every_day(year) if d.month == today.month and first is not None
                    and first <= d < today and d not in written)
        assert view.missed_month == month
    assert figures["entries"] == sum(1 for d in days if d.day.year == year)
    for d in every_day(year):
        kind = view.kind(d)
        assert (kind == calendar.UNTOUCHED) == (d in untouched)
        assert (kind == calendar.MISSED) == (d not in written and d not in untouched
                                             and min(written, default=today) <= d < today)
        assert isinstance(kind, int) == (d in written)


@settings(max_examples=60, deadline=None)
@given(offsets, st.integers(0, 520))
def test_stats_streaks_are_all_time(picked, today_at):
    written = {day_at(n) for n in picked}
    today = day_at(today_at)
    figures = stats.compute([Day(d, 5, False, None, ["t"]) for d in sorted(written)], today)
    assert figures.current_streak == brute_current(written, today, None)
    assert figures.longest_streak == brute_longest(written, None)
    assert figures.words == 5 * len(written)
    assert figures.tags == ([("t", len(written))] if written else [])


def test_current_streak_ends_today_or_yesterday():
    days = {datetime.date(2021, 12, d) for d in (3, 4, 5, 6)}
    assert streaks.current_streak(days, datetime.date(2021, 12, 7)) == 4  # today not written yet
    assert streaks.current_streak(days, datetime.date(2021, 12, 6)) == 4
    assert streaks.current_streak(days, datetime.date(2021, 12, 8)) == 0  # yesterday missed


def test_a_streak_across_new_year_counts_only_the_shown_years_days():
    days = {datetime.date(2021, 12, 30), datetime.date(2021, 12, 31), datetime.date(2022, 1, 1)}
    assert streaks.current_streak(days, datetime.date(2022, 1, 1), 2021) == 2
    assert streaks.current_streak(days, datetime.date(2022, 1, 1), 2022) == 1
    assert streaks.longest_streak(days, 2021) == 2
