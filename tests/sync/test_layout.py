"""reflow: a change from Notion keeps the file's own blank lines and trailing spaces."""

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from notionlog.convert import normalize
from notionlog.sync.layout import reflow

SEED = (Path(__file__).parents[1] / "data" / "20211207-seed-entry.md").read_text(encoding="utf-8")


def test_no_change_gives_the_file_back_byte_for_byte():
    assert reflow(SEED, normalize(SEED), normalize(SEED)) == SEED


def test_one_line_changed_in_notion_touches_only_that_line():
    old = normalize(SEED)
    new = old.replace("MLOps 강의듣기", "MLOps 강의 들음")
    result = reflow(SEED, old, new)
    assert result == SEED.replace("MLOps 강의듣기", "MLOps 강의 들음")
    assert normalize(result) == new


def test_lines_added_and_removed_keep_the_rest_of_the_layout():
    old = normalize(SEED)
    new = old.replace("    - 몇일을 빼먹은거야...\n", "").replace(
        "- 회고\n", "- 회고\n    - 노션에서 쓴 줄\n")
    result = reflow(SEED, old, new)
    assert normalize(result) == new
    assert "- 머신 러닝 서버란? \n" in result  # trailing space of an untouched line survives
    assert result.startswith("\n# ")  # the leading blank line survives


@settings(max_examples=25, deadline=None)
@given(st.data())
def test_random_line_edits_always_normalize_to_the_new_text(data):
    old = normalize(SEED)
    lines = old.splitlines(True)
    for _ in range(data.draw(st.integers(1, 4))):
        i = data.draw(st.integers(0, len(lines) - 1))
        op = data.draw(st.sampled_from(["drop", "change", "insert"]))
        if op == "drop" and len(lines) > 3:
            del lines[i]
        elif op == "change":
            lines[i] = lines[i].rstrip("\n") + " 수정\n"
        else:
            lines.insert(i, "- 새 줄\n")
    new = normalize("".join(lines))
    result = reflow(SEED, old, new)
    assert normalize(result) == new
