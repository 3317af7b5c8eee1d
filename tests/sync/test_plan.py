"""The planner as a decision table: (status, local, remote) -> action, no I/O."""

from __future__ import annotations

from pathlib import Path

import pytest

from notionlog.errors import NotText
from notionlog.sync.plan import Local, Op, Remote, decide, local_state, plan, remote_state
from notionlog.sync.store import Row, text_hash

BASE = "# 하루\n\n- 하나\n- 둘\n- 셋\n"
MINE = "# 하루\n\n- 하나 (여기)\n- 둘\n- 셋\n"
THEIRS = "# 하루\n\n- 하나\n- 둘\n- 셋 (노션)\n"
CLASH = "# 하루\n\n- 하나 (노션)\n- 둘\n- 셋\n"
D = "2021-12-07"


def row(base=BASE, **kw) -> Row:
    return Row(D, page_id="p1", base=base, base_hash=text_hash(base) if base is not None else None,
               **kw)


def local(text: str | None = BASE, scaffold=False, error=None) -> Local:
    if error is not None:
        return Local(Path("x.md"), error=error)
    return Local(Path("x.md"), text, text, text_hash(text), scaffold)


def remote(text: str | None = BASE, gone=False) -> Remote:
    if gone:
        return Remote("p1", gone=True)
    return Remote("p1", "2021-12-07T10:00:00.000Z", {}, text, text_hash(text) if text else None, [])


UNSEEN = None  # not in the query's answer: unchanged since we last looked

# status, local, remote, delete -> op (None: nothing to do)
TABLE = [
    ("in sync, not edited", row(), local(), UNSEEN, False, None),
    ("in sync, verified", row(), local(), remote(), False, Op.RECORD),
    ("changed here", row(), local(MINE), UNSEEN, False, Op.PUSH),
    ("changed here, page verified", row(), local(MINE), remote(), False, Op.PUSH),
    ("changed in Notion", row(), local(), remote(THEIRS), False, Op.PULL),
    ("both, apart", row(), local(MINE), remote(THEIRS), False, Op.MERGE),
    ("both, overlapping", row(), local(MINE), remote(CLASH), False, Op.CONFLICT),
    ("both, same edit", row(), local(MINE), remote(MINE), False, Op.RECORD),
    ("new here", None, local(MINE), UNSEEN, False, Op.CREATE),
    ("new in Notion", None, None, remote(THEIRS), False, Op.PULL),
    ("new on both, equal", None, local(MINE), remote(MINE), False, Op.RECORD),
    ("new on both, different", None, local(MINE), remote(THEIRS), False, Op.CONFLICT),
    ("removed here", row(), None, UNSEEN, False, Op.SKIP),
    ("removed here, --delete", row(), None, UNSEEN, True, Op.TRASH_REMOTE),
    ("removed here, edited there", row(), None, remote(THEIRS), True, Op.PULL),
    ("trashed there", row(), local(), remote(gone=True), False, Op.SKIP),
    ("trashed there, --delete", row(), local(), remote(gone=True), True, Op.TRASH_LOCAL),
    ("trashed there, changed here", row(), local(MINE), remote(gone=True), True, Op.SKIP),
    ("gone on both sides", row(), None, remote(gone=True), False, Op.FORGET),
    ("untouched scaffold", None, local(MINE, scaffold=True), UNSEEN, False, Op.SKIP),
    ("scaffold, page in Notion", None, local(MINE, scaffold=True), remote(THEIRS), False, Op.PULL),
    ("unreadable file", row(), local(error=NotText("x.md")), remote(THEIRS), False, Op.SKIP),
    ("unresolved conflict", row(conflict={"markdown": CLASH}), local(MINE), remote(CLASH), False,
     Op.CONFLICT),
    ("conflict settled by hand", row(conflict={"markdown": CLASH}), local(CLASH), remote(CLASH), False,
     Op.RECORD),
]


@pytest.mark.parametrize(("name", "status", "here", "there", "delete", "op"), TABLE,
                         ids=[t[0] for t in TABLE])
def test_decision_table(name, status, here, there, delete, op):
    action = decide(D, status, here, there, delete=delete)
    assert (action.op if action else None) == op


def test_a_clean_merge_carries_both_edits():
    action = decide(D, row(), local(MINE), remote(THEIRS))
    assert action.text == "# 하루\n\n- 하나 (여기)\n- 둘\n- 셋 (노션)\n"


@pytest.mark.parametrize(("prefer", "kept"), [("local", "하나 (여기)"), ("remote", "하나 (노션)")])
def test_prefer_settles_overlaps_and_says_so(prefer, kept):
    action = decide(D, row(), local(MINE), remote(CLASH), prefer=prefer)
    assert action.op == Op.MERGE and kept in action.text and action.overridden == prefer


def test_half_written_push_is_finished_not_taken_for_a_notion_edit():
    half = "# 하루\n\n- 하나 (여기)\n- 둘\n"  # our push got as far as the first line, then crashed
    status = row(pending={"op": "update", "before": BASE, "target": MINE + "- 넷\n"})
    action = decide(D, status, local(MINE + "- 넷\n"), remote(half))
    assert action.op == Op.PUSH


def test_a_foreign_line_on_a_half_written_page_is_merged_not_overwritten():
    seen = "# 하루\n\n- 하나 (여기)\n- 둘\n- 셋\n- 노션에서 쓴 줄\n"
    status = row(pending={"op": "update", "before": BASE, "target": MINE})
    action = decide(D, status, local(MINE), remote(seen))
    assert action.op == Op.MERGE and action.text == seen


def test_a_finished_push_whose_status_was_not_written_is_recorded():
    status = row(pending={"op": "update", "before": BASE, "target": MINE})
    assert decide(D, status, local(MINE), remote(MINE)).op == Op.RECORD


def test_a_create_whose_page_is_half_there_is_completed():
    status = Row(D, pending={"op": "create", "before": "", "target": MINE})
    action = decide(D, status, local(MINE), Remote("p9", "t", {}, "# 하루\n\n- 하나 (여기)\n",
                                                   text_hash("# 하루\n\n- 하나 (여기)\n"), []))
    assert action.op == Op.MERGE and action.text == MINE


def test_states_and_order():
    assert local_state(None, None) == "ABSENT"
    assert remote_state(row(), None) == "UNSEEN"
    assert remote_state(None, None) == "NONE"
    actions = plan(["2021-12-09", D], {D: row()}, {D: local(MINE), "2021-12-09": local(BASE)}, {})
    assert [(a.date, a.op) for a in actions] == [(D, Op.PUSH), ("2021-12-09", Op.CREATE)]


def test_every_operation_has_one_handler(tmp_path):
    from notionlog.sync.actions import Runner
    from notionlog.sync.plan import Op
    from notionlog.sync.sides import Target
    from notionlog.sync.summary import Summary

    runner = Runner(None, None, tmp_path, Target("ds", "Name", False), Summary())
    assert set(runner.handlers) == set(Op)
