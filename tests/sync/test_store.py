"""The status store: round trip, migrations, corruption and newer schemas."""

from __future__ import annotations

import sqlite3

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from notionlog.errors import StateError
from notionlog.sync import store as s
from notionlog.sync.merge import explained_by, merge


def test_rows_round_trip_with_json_columns(tmp_path):
    db = s.open_store(tmp_path)
    row = s.Row("2021-12-07", "p1", "# 하루\n", s.text_hash("# 하루\n"), [{"id": "b", "children": []}],
                "2021-12-07T10:00:00.000Z", 12.5, {"op": "update", "target": "x"}, None, 1)
    db.put(row)
    db.set_meta(last_sync_start="1.5")
    db.close()
    again = s.open_store(tmp_path)
    assert again.get("2021-12-07") == row and again.meta("last_sync_start") == "1.5"
    again.delete("2021-12-07")
    assert again.rows() == {}


def test_a_store_from_version_1_is_migrated_in_place(tmp_path, monkeypatch):
    """Every later column appears, with its default, on the rows already there."""
    monkeypatch.setattr(s, "SCHEMA_VERSION", 1)
    old = s.open_store(tmp_path)
    old.db.execute("INSERT INTO entries (date, page_id, base, base_hash) VALUES ('2021-12-07', 'p', "
                   "'x', 'h')")
    old.db.commit()
    old.close()
    monkeypatch.undo()
    again = s.open_store(tmp_path)
    kept = again.get("2021-12-07")
    assert kept.local_hash is None and kept.base == "x"
    assert kept.fingerprint is None and kept.remote_by is None and kept.checked_at == 0.0
    again.put(s.Row("2021-12-08", local_hash="abc"))
    assert again.get("2021-12-08").local_hash == "abc"


def test_a_new_store_runs_every_migration_once(tmp_path, monkeypatch):
    calls = []
    step = s.SCHEMA_VERSION + 1
    monkeypatch.setitem(s.MIGRATIONS, step, lambda db: calls.append(step) or db.execute(
        "ALTER TABLE entries ADD COLUMN note TEXT"))
    monkeypatch.setattr(s, "SCHEMA_VERSION", step)
    s.open_store(tmp_path).close()
    s.open_store(tmp_path).close()
    assert calls == [step]
    version = sqlite3.connect(tmp_path / ".notionlog" / "state.db").execute("PRAGMA user_version")
    assert version.fetchone()[0] == step


def test_a_failing_migration_leaves_the_old_version(tmp_path, monkeypatch):
    s.open_store(tmp_path).close()
    current = s.SCHEMA_VERSION

    def broken(db):
        db.execute("ALTER TABLE entries ADD COLUMN note TEXT")
        raise RuntimeError("half way")

    monkeypatch.setitem(s.MIGRATIONS, current + 1, broken)
    monkeypatch.setattr(s, "SCHEMA_VERSION", current + 1)
    with pytest.raises(RuntimeError):
        s.open_store(tmp_path)
    db = sqlite3.connect(tmp_path / ".notionlog" / "state.db")
    assert db.execute("PRAGMA user_version").fetchone()[0] == current
    assert "note" not in [c[1] for c in db.execute("PRAGMA table_info(entries)")]


def test_corrupt_and_newer_stores_are_refused(tmp_path):
    path = tmp_path / ".notionlog" / "state.db"
    path.parent.mkdir()
    path.write_bytes(b"garbage" * 200)
    with pytest.raises(StateError):
        s.open_store(tmp_path)
    path.unlink()
    db = sqlite3.connect(path)
    db.execute(f"PRAGMA user_version = {s.SCHEMA_VERSION + 1}")
    db.close()
    with pytest.raises(StateError, match="newer"):
        s.open_store(tmp_path)


def test_open_without_create_needs_a_store(tmp_path):
    with pytest.raises(StateError, match="no status store"):
        s.open_store(tmp_path, create=False)


lines = st.lists(st.sampled_from(["- 하나", "- 둘", "- 셋", "    - 넷", "", "## 제목", "text"]),
                 max_size=8)


@settings(max_examples=60, deadline=None)
@given(lines, lines, lines)
def test_a_clean_merge_keeps_every_line_either_side_added(base, mine, theirs):
    as_text = ["".join(line + "\n" for line in x) for x in (base, mine, theirs)]
    result = merge(*as_text)
    if result.text is None:
        assert result.conflicts > 0
        return
    merged = result.text.splitlines()
    for side in (mine, theirs):
        for line in set(side) - set(base):
            assert line in merged


def test_merge_conflict_and_explained_by():
    assert merge("a\nb\n", "a\nB1\n", "a\nB2\n").text is None
    assert merge("a\nb\n", "a\nB1\n", "a\nB2\n", prefer="remote").text == "a\nB2\n"
    assert merge("a\nb\nc\n", "A\nb\nc\n", "a\nb\nC\n").text == "A\nb\nC\n"
    assert explained_by("a\nx\n", "a\n", "x\ny\n") and not explained_by("a\nz\n", "a\n", "x\n")
