"""review: the chosen sections of a week's or month's entries, in date order, in reviews/."""

from __future__ import annotations

import datetime
import re

import pytest

from notionlog.lookback import reading, review

from ..clirun import run
from .conftest import seed_text, write_entry, write_scaffold

MON, TUE = datetime.date(2021, 12, 6), datetime.date(2021, 12, 7)


@pytest.fixture
def week(home):
    write_entry(home, datetime.date(2021, 12, 5))  # Sunday: the week before
    write_entry(home, TUE)
    write_entry(home, MON, seed_text(MON).replace("몇일을 빼먹은거야...", "월요일의 회고"))
    write_scaffold(home, datetime.date(2021, 12, 8))
    return home


def test_weekly_review_file_holds_the_default_sections_in_date_order(capsys, week):
    status, out, _ = run(capsys, "review", "--week", "2021-12-07")
    target = week / "reviews" / "2021-W49.md"
    assert (status, out) == (0, f"{target}\n")
    text = target.read_text(encoding="utf-8")
    headings = re.findall(r"^## \[(\S+) .*?\]\((.*?)\)", text, re.MULTILINE)
    assert [h[0] for h in headings] == ["2021-12-06", "2021-12-07"]
    assert all((target.parent / link).resolve().is_file() for _, link in headings)
    seed_sections = reading.sections(reading.read(seed_text(TUE)))
    learned = [s for s in seed_sections if s.name == "오늘 배운 것"][0]
    assert "\n".join([learned.lines[0], *learned.body]) in text  # nested bullets exactly as typed
    assert "- 오늘 한것" not in text
    assert text.index("월요일의 회고") < text.index("몇일을 빼먹은거야...")


def test_chosen_sections_and_a_month(capsys, week):
    status, out, _ = run(capsys, "review", "--month", "2021-12", "--sections", "회고")
    text = (week / "reviews" / "2021-12.md").read_text(encoding="utf-8")
    assert status == 0 and text.count("\n## [") == 3 and "- 오늘 배운 것" not in text


def test_an_edited_review_is_kept_when_regenerated(capsys, week):
    run(capsys, "review", "--week", "2021-12-07")
    target = week / "reviews" / "2021-W49.md"
    target.write_text(target.read_text(encoding="utf-8") + "\n내가 덧붙인 생각\n", encoding="utf-8")
    status, _, err = run(capsys, "review", "--week", "2021-12-07")
    kept = week / "reviews" / "2021-W49.previous.md"
    assert status == 0 and "내가 덧붙인 생각" in kept.read_text(encoding="utf-8") and str(kept) in err
    assert "내가 덧붙인 생각" not in target.read_text(encoding="utf-8")


def test_default_sections_follow_the_template(home):
    assert review.default_sections(home, "daily") == ["오늘 배운 것", "회고"]
    assert review.default_sections(home, "english") == ["Learned today", "Reflection"]
    (home / "templates").mkdir()
    (home / "templates" / "mine.md").write_text("# {{ date }}\n\n- Wins\n\n- Plans\n", encoding="utf-8")
    assert review.default_sections(home, "mine") == ["Wins", "Plans"]


def test_unknown_section_lists_template_and_used_sections(capsys, week):
    status, _, err = run(capsys, "review", "--sections", "Reflection")
    assert status == 3 and "known sections: 오늘 한것, 오늘 정리한 것, 오늘 배운 것, 회고" in err
