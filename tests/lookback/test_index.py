"""The look-back cache: first run reads everything, later runs only what changed; deletions drop out."""

from __future__ import annotations

import datetime
import os
import sqlite3

import pytest

from notionlog.lookback import index as index_module
from notionlog.lookback.index import DB_NAME, Index
from notionlog.lookback.periods import Period

from .conftest import write_entry, write_scaffold

DAYS = [datetime.date(2021, 12, d) for d in (1, 2, 5, 7)]


@pytest.fixture(params=[True, False], ids=["fts5", "scan"])
def fts(request):
    if request.param and not index_module.fts5_available():
        pytest.skip("this Python's SQLite has no FTS5 trigram tokenizer")
    return request.param


def refreshed(home, fts) -> tuple[Index, int]:
    index = Index(home, fts)
    return index, index.refresh()


def test_first_run_reads_all_later_runs_read_only_changes(home, fts):
    paths = [write_entry(home, day) for day in DAYS]
    index, changed = refreshed(home, fts)
    assert changed == 4
    assert index.refresh() == 0
    stat = paths[0].stat()
    os.utime(paths[0], ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**9))  # touched, same text
    assert index.refresh() == 0  # re-hashed, not re-indexed
    paths[1].write_text(paths[1].read_text(encoding="utf-8") + "- 새로운 줄\n", encoding="utf-8")
    assert index.refresh() == 1
    assert [d.path for d in index.matching("새로운", ("entry",), Period(None, None))] == [
        "entries/2021/2021-12-02.md"]
    index.close()


def test_a_deleted_entry_drops_out(home, fts):
    paths = [write_entry(home, day) for day in DAYS]
    index, _ = refreshed(home, fts)
    paths[2].unlink()
    index.refresh()
    assert [d.day for d in index.days()] == [DAYS[0], DAYS[1], DAYS[3]]
    assert all(doc.day != DAYS[2] for doc in index.matching("회고", ("entry",), Period(None, None)))
    index.close()


def test_the_cache_survives_between_processes_and_is_in_the_home(home, fts):
    for day in DAYS:
        write_entry(home, day)
    first, _ = refreshed(home, fts)
    first.close()
    assert (home / DB_NAME).is_file()
    second, changed = refreshed(home, fts)
    assert changed == 0 and len(second.days()) == 4
    second.close()


def test_untouched_scaffolds_are_flagged_and_not_searchable_until_written(home, fts):
    write_entry(home, DAYS[0])
    path = write_scaffold(home, DAYS[1])
    index, _ = refreshed(home, fts)
    flags = {d.day: (d.untouched, d.words) for d in index.days()}
    assert flags[DAYS[1]] == (True, 0) and flags[DAYS[0]][0] is False
    assert {d.day for d in index.matching("오늘 한것", ("entry",), Period(None, None))} == {DAYS[0]}
    path.write_text(path.read_text(encoding="utf-8") + "    - 오늘 한것 정리\n", encoding="utf-8")
    index.refresh()
    assert {d.day for d in index.days() if d.untouched} == set()
    index.close()


def test_a_damaged_cache_is_rebuilt(home, fts):
    for day in DAYS:
        write_entry(home, day)
    (home / DB_NAME).parent.mkdir(parents=True)
    (home / DB_NAME).write_bytes(b"this is not a database" * 100)
    index, changed = refreshed(home, fts)
    assert changed == 4 and len(index.days()) == 4
    index.close()


def test_a_cache_built_with_the_other_capability_is_rebuilt(home):
    write_entry(home, DAYS[0])
    refreshed(home, False)[0].close()
    index, changed = refreshed(home, index_module.fts5_available())
    assert changed == 1
    schema = sqlite3.connect(home / DB_NAME).execute("SELECT value FROM meta").fetchone()[0]
    assert schema.endswith("fts5" if index.fts else "scan")
    index.close()


def test_a_home_that_cannot_hold_the_cache_is_searched_from_memory(home, fts):
    write_entry(home, DAYS[0])
    (home / ".notionlog").write_text("a file where the state folder should be")
    index, changed = refreshed(home, fts)
    assert changed == 1 and [d.day for d in index.days()] == [DAYS[0]]
    assert (home / ".notionlog").is_file()
    index.close()


def test_no_home_yet_creates_nothing(isolated, fts):
    index, changed = refreshed(isolated, fts)
    assert changed == 0 and index.days() == [] and not isolated.exists()
    index.close()


def test_the_fts_index_stays_consistent_through_adds_edits_and_deletions(home):
    if not index_module.fts5_available():
        pytest.skip("this Python's SQLite has no FTS5 trigram tokenizer")
    paths = [write_entry(home, day) for day in DAYS[:2]]
    index, _ = refreshed(home, True)
    added = write_entry(home, DAYS[2], "# 새 글\n\n- 회고\n    - 쿠버네티스 공부\n")
    paths[0].write_text("# 고친 글\n\n- 회고\n    - 쿠버네티스 다시\n", encoding="utf-8")
    paths[1].unlink()
    assert index.refresh() == 2
    index.db.execute("INSERT INTO docs_fts(docs_fts, rank) VALUES ('integrity-check', 1)")
    found = [d.path for d in index.matching("쿠버네티스", ("entry",), Period(None, None))]
    assert found == [added.relative_to(home).as_posix(), paths[0].relative_to(home).as_posix()]
    assert list(index.matching("mlops", ("entry",), Period(None, None))) == []
    index.close()


def test_a_long_refresh_is_announced_once_with_its_size(home, monkeypatch):
    monkeypatch.setattr(index_module, "ANNOUNCE_FROM", 3)
    heard: list[int] = []
    for day in DAYS:
        write_entry(home, day)
    index = Index(home, announce=heard.append)
    index.refresh()
    index.refresh()
    write_entry(home, datetime.date(2021, 12, 20))
    index.refresh()
    assert heard == [4]
    index.close()
