"""The notes index and the notes state file."""

from __future__ import annotations

import datetime

import pytest

from notionlog.errors import StateError
from notionlog.notes import index, state
from notionlog.notes.state import NoteRecord
from notionlog.notion import times


def record(name, title, linked=(), parent=None, children=()):
    return NoteRecord(name=name, title=title, url="https://app.notion.com/p/x", sha256="0" * 64,
                      last_edited_time="2026-07-04T09:08:00.000Z",
                      fetched_at="2026-07-04T09:10:00+00:00",
                      linked_from=list(linked), parent=parent, children=list(children))


RECORDS = {
    "p1": record("MLOps-ac7132fe.md", "MLOps", ["2021-12-07", "2021-12-09"], children=["c1"]),
    "c1": record("Week-1-e1ec4b.md", "Week [1]", parent="p1"),
    "p2": record("A-11111111.md", "a first", []),
}


def test_index_lists_titles_entries_and_children(tmp_path):
    text = index.render(tmp_path, RECORDS)
    body = text.split("\n\n", 2)[2].splitlines()
    assert body == [
        "- [a first](A-11111111.md) — no entry links here any more",
        "- [MLOps](MLOps-ac7132fe.md) — linked from [2021-12-07](../entries/2021/2021-12-07.md), "
        "[2021-12-09](../entries/2021/2021-12-09.md)",
        "    - [Week \\[1\\]](Week-1-e1ec4b.md)",
    ]


def test_index_is_written_only_when_it_changes(tmp_path):
    path = index.write(tmp_path, RECORDS)
    assert path == tmp_path / "notes" / "README.md"
    assert index.write(tmp_path, RECORDS) is None


def test_a_readme_the_user_wrote_is_never_overwritten(tmp_path):
    mine = tmp_path / "notes" / "README.md"
    mine.parent.mkdir()
    mine.write_text("# My notes\n\nhand-written\n", encoding="utf-8")
    path = index.write(tmp_path, RECORDS)
    assert path == tmp_path / "notes" / index.ASIDE and "[MLOps]" in path.read_text(encoding="utf-8")
    assert mine.read_text(encoding="utf-8") == "# My notes\n\nhand-written\n"


def test_no_index_without_notes(tmp_path):
    assert index.write(tmp_path, {}) is None
    assert not (tmp_path / "notes").exists()


def test_state_round_trip(tmp_path):
    state.save(tmp_path, RECORDS)
    assert state.load(tmp_path) == RECORDS
    assert state.load(tmp_path / "elsewhere") == {}


@pytest.mark.parametrize("content", ["{not json", '{"version": 99, "pages": {}}', '{"version": 1}',
                                     '{"version": 1, "pages": {"p": {"name": 3}}}', "[]"])
def test_unreadable_state_is_a_state_error(tmp_path, content):
    path = state.state_path(tmp_path)
    path.parent.mkdir(parents=True)
    path.write_text(content, encoding="utf-8")
    with pytest.raises(StateError):
        state.load(tmp_path)


@pytest.mark.parametrize("value", ["2026-07-04T09:08:00.000Z", "2026-07-04T09:08:00+00:00",
                                   "2026-07-04T09:08:00"])
def test_timestamps_in_notion_forms_read_as_utc(value):
    assert times.parse(value) == datetime.datetime(2026, 7, 4, 9, 8, tzinfo=datetime.timezone.utc).timestamp()
