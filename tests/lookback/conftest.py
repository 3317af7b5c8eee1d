"""Helpers for the look-back tests: a journal home with entries written on chosen days."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from notionlog.local import journal

SEED = Path(__file__).parents[1] / "data" / "20211207-seed-entry.md"
SEED_DAY = datetime.date(2021, 12, 7)


def seed_text(day: datetime.date = SEED_DAY) -> str:
    return SEED.read_text(encoding="utf-8").replace("20211207", day.strftime("%Y%m%d"))


def write_entry(home: Path, day: datetime.date, text: str | None = None) -> Path:
    path = journal.entry_path(home, day)
    journal.write_atomic(path, seed_text(day) if text is None else text)
    return path


def write_scaffold(home: Path, day: datetime.date, text: str = "# x\n\n- 오늘 한것\n\n- 회고\n") -> Path:
    """An entry exactly as `new` leaves it: the file plus its scaffold record."""
    journal.remember_scaffold(home, day, text)
    return write_entry(home, day, text)


@pytest.fixture
def home(isolated: Path) -> Path:
    isolated.mkdir(parents=True, exist_ok=True)
    return isolated
