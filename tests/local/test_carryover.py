"""carryover.py: open to-dos with their children; done items dropped; no duplicates."""

from __future__ import annotations

from notionlog.local.carryover import missing_from, open_todos

PREVIOUS = """\
# 2021-12-06

## 20211206
- 오늘 한것
    - [ ] 면접 질문 정리
        - 기술 면접
            - CS 기초
        - [x] 인성 면접
            - 끝난 하위 항목
    - [x] MLOps 강의듣기
        - [ ] 끝난 항목 아래의 열린 항목
    - 일반 항목
* [ ] 별표 항목

  이어지는 문단

- 회고
"""


def test_open_items_with_nested_children_and_done_ones_dropped():
    assert open_todos(PREVIOUS) == [
        "- [ ] 면접 질문 정리\n    - 기술 면접\n        - CS 기초",
        "- [ ] 별표 항목\n\n  이어지는 문단",
    ]


def test_nothing_open():
    assert open_todos("- [x] done\n- plain\n") == []


def test_tabs_and_numbered_items():
    assert open_todos("1. [ ] first\n\t- child\n") == ["1. [ ] first\n    - child"]


def test_box_must_be_followed_by_space_or_end():
    assert open_todos("- [ ]x not a task\n- [ ]\n") == ["- [ ]"]


def test_missing_from_skips_items_the_template_has_and_repeats():
    blocks = ["- [ ] 운동\n    - 30분", "- [ ] 독서", "- [ ]  운동"]
    template = "- 오늘 한것\n    - [ ] 운동\n"
    assert missing_from(template, blocks) == ["- [ ] 독서"]


def test_missing_from_a_done_item_in_the_template_also_counts():
    assert missing_from("- [x] 독서\n", ["- [ ] 독서"]) == []
