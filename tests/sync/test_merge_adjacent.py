"""The three-way merge: edits that only touch each other merge; edits to the same lines do not."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from notionlog.sync.merge import merge

BASE = "# 하루\n\n- 오늘 한것\n    - 산책\n    - 운동\n\n- 회고\n"


def test_a_line_inserted_next_to_a_line_changed_on_the_other_side_merges():
    local = BASE.replace("    - 산책\n", "    - 산책\n    - 독서\n")
    remote = BASE.replace("산책", "산책 (한강)")
    result = merge(BASE, local, remote)
    assert result.conflicts == 0
    assert result.text == BASE.replace("    - 산책\n", "    - 산책 (한강)\n    - 독서\n")


def test_changes_to_adjacent_lines_merge():
    local = BASE.replace("운동", "운동 1시간")
    remote = BASE.replace("산책", "산책 (한강)")
    assert merge(BASE, local, remote).text == BASE.replace("운동", "운동 1시간").replace(
        "산책", "산책 (한강)")


def test_the_same_line_changed_differently_is_a_conflict():
    assert merge(BASE, BASE.replace("산책", "산책 L"), BASE.replace("산책", "산책 N")).text is None


def test_two_different_lines_inserted_at_one_place_are_a_conflict():
    local = BASE.replace("- 회고\n", "- 회고\n- L\n")
    remote = BASE.replace("- 회고\n", "- 회고\n- N\n")
    assert merge(BASE, local, remote).conflicts == 1


lines = st.lists(st.sampled_from(["a\n", "b\n", "c\n", "d\n"]), max_size=6)


@given(lines, lines)
def test_one_sided_edits_are_taken_whole(base, other):
    base_text, other_text = "".join(base), "".join(other)
    assert merge(base_text, base_text, other_text).text == other_text
    assert merge(base_text, other_text, base_text).text == other_text


@given(lines, lines, lines)
def test_a_merge_keeps_every_line_that_both_sides_kept(base, a, b):
    result = merge("".join(base), "".join(a), "".join(b))
    if result.text is not None:
        kept = set(a) & set(b) & set(base)
        assert kept <= set(result.text.splitlines(keepends=True))


def test_each_side_deleting_a_different_copy_of_a_repeated_line_keeps_it():
    # base a,a,b; one side keeps only the first "a", the other drops one "a": "a" must survive
    result = merge("a\na\nb\n", "a\n", "a\nb\n")
    assert result.text is None or "a\n" in result.text


def test_each_side_deleting_another_copy_of_a_line_both_kept_is_a_conflict():
    # base a,b,a; this side drops the last "a", Notion the first: diff3 would apply both and lose
    # the "a" that each side still has
    assert merge("a\nb\na\n", "a\nb\n", "b\na\n").text is None
    assert merge("a\nb\na\n", "a\nb\n", "b\na\n", prefer="remote").text == "b\na\n"
