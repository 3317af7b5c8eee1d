"""journal.py: dates, entry paths, listing, UTF-8 reads, atomic writes, scaffold memory."""

from __future__ import annotations

import datetime
import os

import pytest
from hypothesis import given
from hypothesis import strategies as st

from notionlog.errors import BadDate, HomeError, NotText
from notionlog.local import journal

TODAY = datetime.date(2021, 12, 7)


@pytest.fixture
def here(tmp_path):
    """An empty folder of its own (tmp_path also holds the isolation fixture's cwd and home)."""
    folder = tmp_path / "here"
    folder.mkdir()
    return folder


@pytest.mark.parametrize(("text", "expected"), [
    ("today", TODAY),
    ("Yesterday", datetime.date(2021, 12, 6)),
    ("tomorrow", datetime.date(2021, 12, 8)),
    ("2021-12-07", TODAY),
    ("20211207", TODAY),
    (" 2024-02-29 ", datetime.date(2024, 2, 29)),
])
def test_parse_date_accepts(text, expected):
    assert journal.parse_date(text, today=TODAY) == expected


@pytest.mark.parametrize("text", ["2021-02-30", "20210230", "2021-13-01", "2021-1-7", "1207", "",
                                  "next week", "2021/12/07", "2021-12-07x"])
def test_parse_date_rejects(text):
    with pytest.raises(BadDate) as info:
        journal.parse_date(text, today=TODAY)
    assert info.value.value == text


def test_parse_date_crosses_year_boundary():
    assert journal.parse_date("tomorrow", today=datetime.date(2021, 12, 31)) == datetime.date(2022, 1, 1)


@given(st.dates(min_value=datetime.date(1000, 1, 1)))
def test_both_numeric_forms_round_trip(day):
    assert journal.parse_date(day.isoformat()) == day
    assert journal.parse_date(day.strftime("%Y%m%d")) == day


def test_entry_path(tmp_path):
    assert journal.entry_path(tmp_path, TODAY) == tmp_path / "entries" / "2021" / "2021-12-07.md"


def test_iter_entries_sorted_and_ignores_other_names(tmp_path):
    for rel in ["2022/2022-01-02.md", "2021/2021-12-07.md", "2021/2021-12-31.md",
                "2021/notes.md", "2021/2021-02-30.md", "2021/2021-12-08.md.bak", "2020/2021-01-01.md"]:
        (tmp_path / "entries" / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "entries" / rel).write_text("x")
    (tmp_path / "entries" / "2021" / "2021-12-09.md").mkdir()  # a folder with an entry's name
    days = [day for day, _ in journal.iter_entries(tmp_path)]
    assert days == [TODAY, datetime.date(2021, 12, 31), datetime.date(2022, 1, 2)]


def test_iter_entries_without_entries_folder(tmp_path):
    assert list(journal.iter_entries(tmp_path / "nowhere")) == []


def test_read_text_keeps_text_exactly(tmp_path):
    path = tmp_path / "e.md"
    path.write_bytes("# 제목\r\n- a  \n\n".encode())
    assert journal.read_text(path) == "# 제목\r\n- a  \n\n"


@pytest.mark.parametrize("data", [b"\xff\xfe# latin \xe9", b"# ok\x00binary"])
def test_read_text_rejects_non_text(tmp_path, data):
    path = tmp_path / "e.md"
    path.write_bytes(data)
    with pytest.raises(NotText) as info:
        journal.read_text(path)
    assert info.value.path == path


def test_write_atomic_makes_parents_and_writes_utf8(tmp_path):
    path = tmp_path / "a" / "b" / "e.md"
    journal.write_atomic(path, "회고\n")
    assert path.read_bytes() == "회고\n".encode()
    assert os.listdir(path.parent) == ["e.md"]


def test_write_atomic_failure_keeps_old_content_and_no_temp(here, monkeypatch):
    path = here / "e.md"
    path.write_text("old")

    def broken_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(journal.os, "replace", broken_replace)
    with pytest.raises(HomeError) as info:
        journal.write_atomic(path, "new")
    assert path.read_text() == "old"
    assert os.listdir(here) == ["e.md"]
    assert "No space left" in info.value.reason


def test_write_atomic_into_a_file_is_home_error(tmp_path):
    blocker = tmp_path / "home"
    blocker.write_text("I am a file")
    with pytest.raises(HomeError):
        journal.write_atomic(blocker / "entries" / "e.md", "x")
    assert blocker.read_text() == "I am a file"


def test_create_atomic_never_overwrites(here):
    path = here / "e.md"
    assert journal.create_atomic(path, "first") is True
    assert journal.create_atomic(path, "second") is False
    assert path.read_text() == "first"
    assert os.listdir(here) == ["e.md"]


def test_create_atomic_without_hard_links(here, monkeypatch):
    def no_links(src, dst):
        raise OSError(1, "Operation not permitted")

    monkeypatch.setattr(journal.os, "link", no_links)
    path = here / "e.md"
    assert journal.create_atomic(path, "first") is True
    assert path.read_text() == "first"
    assert os.listdir(here) == ["e.md"]


def test_scaffold_memory(tmp_path):
    journal.remember_scaffold(tmp_path, TODAY, "# scaffold\n")
    assert journal.is_scaffold(tmp_path, TODAY, "# scaffold\n")
    assert not journal.is_scaffold(tmp_path, TODAY, "# scaffold\nI wrote this\n")
    assert not journal.is_scaffold(tmp_path, TODAY + datetime.timedelta(days=1), "# scaffold\n")
    journal.forget_scaffold(tmp_path, TODAY)
    assert not journal.is_scaffold(tmp_path, TODAY, "# scaffold\n")


def test_damaged_scaffold_record_means_not_a_scaffold(tmp_path):
    journal.remember_scaffold(tmp_path, TODAY, "x")
    (tmp_path / ".notionlog" / "scaffolds" / "2021-12-07.md").write_bytes(b"\xff")
    assert not journal.is_scaffold(tmp_path, TODAY, "x")


def test_entry_title():
    assert journal.entry_title("\n# 최종 프로젝트 & MLOps\n\n## 20211207\n") == "최종 프로젝트 & MLOps"
    assert journal.entry_title("## 20211207\n- a\n") is None
