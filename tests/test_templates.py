"""templates.py: lookup and override, the built-in templates, variables, errors, carry-over."""

from __future__ import annotations

import datetime
import re

import pytest

from notionlog import journal, templates
from notionlog.errors import NotText, TemplateSyntax, UnknownTemplate

DAY = datetime.date(2021, 12, 7)  # a Tuesday


def write_template(home, name, text):
    path = home / "templates" / f"{name}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_builtins_are_listed(isolated):
    assert list(templates.available(isolated)) == ["daily", "english"]
    assert templates.find(isolated, "daily") == templates.builtin_dir() / "daily.md"


def test_user_template_overrides_builtin_and_adds_names(isolated):
    mine = write_template(isolated, "daily", "# mine\n")
    write_template(isolated, "work", "# work\n")
    assert templates.find(isolated, "daily") == mine
    assert list(templates.available(isolated)) == ["daily", "english", "work"]
    assert templates.compose(isolated, DAY, "daily") == "# mine\n"


@pytest.mark.parametrize("name", ["nope", "../daily", "", "daily.md"])
def test_unknown_template_lists_available(isolated, name):
    with pytest.raises(UnknownTemplate) as info:
        templates.find(isolated, name)
    assert info.value.available == ["daily", "english"]


def test_daily_is_shaped_like_the_seed(isolated):
    text = templates.compose(isolated, DAY, "daily")
    lines = text.splitlines()
    assert lines[0].startswith("# ") and "화요일" in lines[0]
    assert "## 20211207" in lines
    sections = [line for line in lines if line.startswith("- ")]
    assert sections == ["- 오늘 한것", "- 오늘 정리한 것", "- 오늘 배운 것", "- 회고"]
    # blank lines between the top-level sections, as in the seed
    assert "- 오늘 한것\n\n- 오늘 정리한 것\n\n- 오늘 배운 것\n\n- 회고\n" in text
    assert "{" not in text and text.endswith("\n")


def test_english_template(isolated):
    text = templates.compose(isolated, DAY, "english")
    assert text.startswith("# 2021-12-07 Tuesday\n")
    assert "## 2021-12-07\n" in text


def test_variables(isolated):
    write_template(isolated, "vars", (
        "{{ date.strftime('%d.%m.%Y') }}|{{ weekday_ko }}|{{ weekday_en }}|{{ yesterday }}|"
        "{{ tomorrow }}|{{ previous }}|{{ previous_path }}|{{ previous_link }}\n"))
    assert templates.compose(isolated, DAY, "vars") == (
        "07.12.2021|화요일|Tuesday|2021-12-06|2021-12-08|None||\n")
    journal.write_atomic(journal.entry_path(isolated, datetime.date(2020, 12, 30)), "# old\n")
    assert templates.compose(isolated, datetime.date(2021, 1, 2), "vars").split("|")[5:] == [
        "2020-12-30", "../2020/2020-12-30.md", "[2020-12-30](../2020/2020-12-30.md)\n"]


def test_syntax_error_names_file_and_line(isolated):
    path = write_template(isolated, "bad", "# ok\n\n{% if %}\n")
    with pytest.raises(TemplateSyntax) as info:
        templates.compose(isolated, DAY, "bad")
    assert (info.value.path, info.value.line) == (path, 3)


def test_undefined_variable_is_an_error_with_its_line(isolated):
    path = write_template(isolated, "typo", "# {{ date }}\n\n{{ weekdya_ko }}\n")
    with pytest.raises(TemplateSyntax) as info:
        templates.compose(isolated, DAY, "typo")
    assert (info.value.path, info.value.line) == (path, 3)
    assert "weekdya_ko" in info.value.detail


def test_runtime_error_in_template(isolated):
    write_template(isolated, "div", "{{ 1 // 0 }}\n")
    with pytest.raises(TemplateSyntax) as info:
        templates.compose(isolated, DAY, "div")
    assert info.value.line == 1


def test_template_that_is_not_utf8(isolated):
    path = isolated / "templates" / "latin.md"
    path.parent.mkdir(parents=True)
    path.write_bytes(b"# caf\xe9\n")
    with pytest.raises(NotText):
        templates.compose(isolated, DAY, "latin")


def add_entry(home, day, text):
    journal.write_atomic(journal.entry_path(home, day), text)


def test_carry_over_from_most_recent_earlier_entry_into_daily(isolated):
    add_entry(isolated, datetime.date(2021, 12, 1), "- [ ] 오래된 할일\n")
    add_entry(isolated, datetime.date(2021, 12, 3), "- 오늘 한것\n    - [ ] 면접 준비\n        - 자소서\n"
                                                   "    - [x] 강의\n")
    add_entry(isolated, datetime.date(2021, 12, 9), "- [ ] 미래의 할일\n")  # later: ignored
    text = templates.compose(isolated, DAY, "daily")
    assert "- 오늘 한것\n    - [ ] 면접 준비\n        - 자소서\n\n- 오늘 정리한 것" in text
    assert "강의" not in text and "오래된" not in text and "미래" not in text


def test_carry_over_appended_when_template_has_no_place_for_it(isolated):
    write_template(isolated, "plain", "# {{ date }}\n- [ ] 운동\n")
    add_entry(isolated, datetime.date(2021, 12, 6), "- [ ] 운동\n- [ ] 독서\n    - 30쪽\n")
    assert templates.compose(isolated, DAY, "plain") == "# 2021-12-07\n- [ ] 운동\n\n- [ ] 독서\n    - 30쪽\n"


def test_carry_over_off(isolated):
    add_entry(isolated, datetime.date(2021, 12, 6), "- [ ] 독서\n")
    assert "독서" not in templates.compose(isolated, DAY, "daily", carry=False)


def test_carry_over_chain_has_no_duplicates(isolated):
    add_entry(isolated, datetime.date(2021, 12, 5), "- [ ] 독서\n")
    for offset in (6, 7):
        day = datetime.date(2021, 12, offset)
        add_entry(isolated, day, templates.compose(isolated, day, "daily"))
    last = journal.read_text(journal.entry_path(isolated, DAY))
    assert len(re.findall(r"\[ \] 독서", last)) == 1
