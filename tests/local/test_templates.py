"""templates.py: lookup and override, the built-in templates, variables, errors, carry-over."""

from __future__ import annotations

import datetime
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from notionlog.errors import NotText, TemplateSyntax, UnknownTemplate
from notionlog.local import journal, templates, tplplan

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


# --- render plans: the Jinja2-free path must give exactly what Jinja2 gives -----------------

BUILTINS = [templates.builtin_dir() / "daily.md", templates.builtin_dir() / "english.md"]


def both_renders(path, context):
    render, plan = templates._compile(path, path.read_text(encoding="utf-8"))
    assert plan is not None, f"{path.name} should be within the plan subset"
    return tplplan.render(plan, context), render(context)


@settings(max_examples=60, deadline=None)
@given(day=st.dates(), carried=st.text(), has_previous=st.booleans())
def test_plan_renders_builtins_exactly_like_jinja2(tmp_path_factory, day, carried, has_previous):
    home = tmp_path_factory.mktemp("h")
    previous = (day, journal.entry_path(home, day)) if has_previous else None
    context = templates.variables(home, day, previous)
    context.update({templates.CARRY_VAR: carried, templates.CARRY_NESTED: templates._nested(carried)})
    for path in BUILTINS:
        ours, jinja = both_renders(path, context)
        assert ours == jinja


@pytest.mark.parametrize(("source", "in_subset"), [
    ("{% if previous %}after {{ previous }}{% elif weekday_en %}{{ weekday_en }}{% else %}x{% endif %}\n",
     True),
    ("{{ 'const' }} {{ 3 }} {{ none }} {{ true }} {% if not previous %}first{% endif %}\n", True),
    ("{{ date.replace(day=1) }}", False),  # keyword arguments
    ("{{ weekday_en | upper }}", False),  # filters
    ("{% for i in [1, 2] %}{{ i }}{% endfor %}", False),
    ("{{ date.year + 1 }}", False),  # operators
])
def test_plan_subset_matches_jinja2_or_declines(isolated, source, in_subset):
    path = isolated / "templates" / "t.md"
    path.parent.mkdir(parents=True)
    path.write_text(source, encoding="utf-8")
    context = templates.variables(isolated, DAY, None)
    render, plan = templates._compile(path, source)
    assert (plan is not None) == in_subset
    if in_subset:
        assert tplplan.render(plan, context) == render(context)
    assert templates.compose(isolated, DAY, "t") == render(context)


def test_plan_is_cached_and_used_without_jinja2(isolated, monkeypatch):
    first = templates.compose(isolated, DAY, "daily")
    assert (isolated / ".notionlog" / "template-plans.json").is_file()

    def no_jinja(*args):
        raise AssertionError("Jinja2 was used although a plan is cached")

    monkeypatch.setattr(templates, "_compile", no_jinja)
    assert templates.compose(isolated, DAY, "daily") == first


def test_edited_template_invalidates_its_plan(isolated):
    write_template(isolated, "mine", "# {{ weekday_en }}\n")
    assert templates.compose(isolated, DAY, "mine") == "# Tuesday\n"
    write_template(isolated, "mine", "# {{ weekday_ko }}\n")
    assert templates.compose(isolated, DAY, "mine") == "# 화요일\n"


def test_cached_plan_still_reports_undefined_with_line(isolated):
    write_template(isolated, "typo", "# {{ date }}\n\n{{ wekday }}\n")
    for _ in range(2):  # first run: Jinja2 (and the plan is stored); second: plan, then Jinja2
        with pytest.raises(TemplateSyntax) as info:
            templates.compose(isolated, DAY, "typo")
        assert info.value.line == 3
    assert (isolated / ".notionlog" / "template-plans.json").is_file()
