"""Sections, words, titles and tags as look-back reads an entry."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from notionlog.lookback import reading

from .conftest import seed_text


def names(text: str) -> list[str]:
    return [s.name for s in reading.sections(reading.read(text))]


def test_the_seed_has_the_daily_templates_four_sections():
    assert names(seed_text()) == ["오늘 한것", "오늘 정리한 것", "오늘 배운 것", "회고"]


def test_a_section_holds_its_nested_lines_exactly_as_typed():
    seen = reading.read(seed_text())
    retro = [s for s in reading.sections(seen) if s.name == "회고"][0]
    assert retro.body == ["    - 몇일을 빼먹은거야...", "    - 데일리 회고 이제 다시 시작...!",
                          "    - 변성윤 마스터님 타코 비유가 너무 많아서 실제적인 개념이 더 궁금해짐.",
                          "    - 하루치 회고가 오늘따라 많은걸 보니 오늘 잘했다."]
    deep = [line for line in seen.lines if "데이터 전처리" in line.text][0]
    assert deep.section == "오늘 배운 것"


def test_title_and_date_heading_are_in_no_section():
    seen = reading.read(seed_text())
    assert seen.title == "최종 프로젝트 & MLOps"
    assert {line.section for line in seen.lines if line.text.startswith("#")} == {""}


def test_headings_make_sections_and_top_level_todos_do_not():
    text = "# T\n\n## 회고\nfirst\n- [ ] a task\n    - under it\n\n## Plans\n- item\n    - child\n"
    seen = reading.read(text)
    by_text = {line.text: line.section for line in seen.lines}
    assert by_text["first"] == "회고"
    assert by_text["- [ ] a task"] == "회고"
    assert by_text["    - under it"] == "회고"
    assert by_text["    - child"] == "item"
    assert names(text) == ["회고", "Plans", "item"]


def test_fenced_code_cannot_open_a_section():
    text = "## 회고\n```\n# not a heading\n- not an item\n```\nstill 회고\n"
    assert names(text) == ["회고"]
    assert all(line.section == "회고" for line in reading.read(text).lines)


def test_section_names_compare_without_case_spaces_or_colon():
    assert reading.section_key("오늘 배운 것") == reading.section_key("오늘배운것")
    assert reading.section_key("Reflection:") == reading.section_key("reflection")
    assert reading.section_key("회고") != reading.section_key("오늘 배운 것")


def test_words_leave_out_markup_the_title_and_the_date_heading():
    assert reading.read("# Big title here\n\n## 20211207\n- 오늘 한것\n    - two words\n- -\n").words == 4


def test_tags_from_front_matter_list_or_string_and_broken_yaml_is_just_text():
    assert reading.read("---\ntags: [a, 일기]\n---\n# t\n").tags == ["a", "일기"]
    assert reading.read("---\ntags: a, b\n---\n").tags == ["a", "b"]
    broken = reading.read("---\ntags: [a\n---\n- 회고\n")
    assert broken.tags == [] and broken.lines[0].text == "---"
    front = reading.read("---\ntags: [a]\n---\n# t\n- x\n")
    assert front.lines[0].number == 4 and front.lines[0].text == "# t"


LINES = st.sampled_from(["# 제목", "## 20211207", "## 회고", "- 오늘 배운 것", "- [ ] 할 일", "    - 중첩",
                         "        - 더 깊이", "문단", "", "```", "- 회고", "1. 번호"])


@given(st.lists(LINES, max_size=30))
def test_every_line_in_a_section_is_in_that_section_in_order(lines):
    seen = reading.read("".join(line + "\n" for line in lines))
    assert [line.text for line in seen.lines] == lines
    expected: dict[str, list[str]] = {}
    for line in seen.lines:
        if line.section:
            expected.setdefault(line.section, []).append(line.text)
    got: dict[str, list[str]] = {}
    for section in reading.sections(seen):
        got.setdefault(section.name, []).extend(section.lines)
    assert got == expected
    for line in seen.lines:
        assert reading.section_at(reading.marks(seen), line.number) == line.section
