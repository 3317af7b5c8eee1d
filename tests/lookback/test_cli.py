"""The look-back commands through notionlog.cli.main, as the console script runs them."""

from __future__ import annotations

import datetime
import json

import pytest

from notionlog.cli import lookrun as commands

from ..clirun import run
from .conftest import SEED_DAY, write_entry, write_scaffold


@pytest.fixture
def journal(home):
    for offset in (0, 1, 2, 365):
        write_entry(home, SEED_DAY - datetime.timedelta(days=offset))
    write_scaffold(home, SEED_DAY + datetime.timedelta(days=1))
    return home


def test_search_json_has_exactly_the_four_keys(capsys, journal):
    status, out, _ = run(capsys, "search", "빼먹은", "--json")
    rows = json.loads(out)
    assert status == 0
    assert [r["date"] for r in rows] == ["2021-12-07", "2021-12-06", "2021-12-05", "2020-12-07"]
    assert rows[0] == {"date": "2021-12-07", "section": "회고", "line": "- 몇일을 빼먹은거야...",
                       "path": str(journal / "entries" / "2021" / "2021-12-07.md")}


def test_search_plain_output_when_piped_and_a_note_when_nothing_matches(capsys, journal):
    status, out, _ = run(capsys, "search", "타코", "--since", "2021-12-07")
    line = "- 변성윤 마스터님 타코 비유가 너무 많아서 실제적인 개념이 더 궁금해짐."
    assert (status, out) == (0, f"2021-12-07  회고  {line}\n")
    status, out, err = run(capsys, "search", "없는말")
    assert (status, out, err) == (0, "", "no line matches '없는말'\n")


def test_highlight_marks_every_match_in_colour_only():
    assert commands._marked("a MLOps b mlops", ((2, 7), (10, 15)), True) == (
        "a \x1b[1;31mMLOps\x1b[0m b \x1b[1;31mmlops\x1b[0m")
    assert commands._marked("a MLOps", ((2, 7),), False) == "a MLOps"


class _Tty:
    def isatty(self) -> bool:
        return True


def test_colour_only_on_a_terminal_without_no_color(monkeypatch):
    assert commands.colour_wanted(_Tty())
    monkeypatch.setenv("NO_COLOR", "1")
    assert not commands.colour_wanted(_Tty())


def test_calendar_json_shape_and_untouched_days(capsys, journal):
    status, out, _ = run(capsys, "calendar", "--year", "2021", "--json")
    data = json.loads(out)
    assert status == 0
    assert list(data) == ["year", "entries", "current_streak", "longest_streak", "missed_days", "days"]
    assert data["entries"] == 4 and data["longest_streak"] == 3
    assert data["days"]["2021-12-08"] == 0 and data["days"]["2021-12-07"] > 0


def test_calendar_text_shows_untouched_and_missed_days_distinctly(capsys, journal):
    status, out, _ = run(capsys, "calendar", "--year", "2021")
    grid = out.split("\n\n")[0].splitlines()[1:]
    cells = "".join(row[4:] for row in grid)
    assert status == 0 and cells.count("o") == 1
    assert cells.count(".") > 300  # every day from 2020-12-07 on that was not written
    assert "\x1b[" not in out
    assert "current streak" in out and "missed" in out


def test_calendar_svg_file(capsys, journal, tmp_path):
    status, out, _ = run(capsys, "calendar", "--year", "2021", "--svg", str(tmp_path / "cal.svg"))
    svg = (tmp_path / "cal.svg").read_text(encoding="utf-8")
    assert status == 0 and out.strip() == str(tmp_path / "cal.svg")
    assert svg.startswith("<svg") and svg.count("<rect") == 365
    assert "2021-12-08: untouched" in svg and "2021-12-01: missed" in svg


def test_on_this_day_yearly_and_monthly(capsys, journal):
    write_entry(journal, datetime.date(2021, 11, 7))
    _, out, _ = run(capsys, "on-this-day", "2021-12-07")
    assert [line.split()[1] for line in out.splitlines() if line.startswith("== ")] == ["2020-12-07"]
    _, out, _ = run(capsys, "on-this-day", "2021-12-07", "--monthly")
    headers = [line for line in out.splitlines() if line.startswith("== ")]
    assert [h.split()[1] for h in headers] == ["2021-11-07", "2020-12-07"]
    assert "(1 month ago)" in headers[0] and "(1 year ago)" in headers[1]
    assert "몇일을 빼먹은거야..." in out


@pytest.mark.parametrize("args,message", [
    (["search", "x", "--since", "2021-02-30"], "not a valid date: '2021-02-30'"),
    (["search", "x", "--since", "2021-12-09", "--until", "2021-12-01"], "--since 2021-12-09 is after"),
    (["search", "x", "--section", "느낀점"], "no section named '느낀점' — known sections: 오늘 한것"),
    (["search", ""], "nothing to search for"),
    (["calendar", "--year", "0"], "not a valid year: '0'"),
    (["review", "--month", "2021-13"], "not a valid month: '2021-13'"),
    (["review", "--month", "2019-01"], "no entries from 2019-01-01 to 2019-01-31"),
    (["review", "--week", "2021-12-07", "--sections", "느낀점"], "no section named '느낀점'"),
    (["export", "--since", "2030-01-01"], "no entries from 2030-01-01"),
    (["on-this-day", "20211232"], "not a valid date: '20211232'"),
    (["review", "--week", "9999-12-30"], "not a valid week: '9999-12-30'"),
])
def test_bad_input_is_one_line_with_a_remedy(capsys, journal, args, message):
    status, out, err = run(capsys, *args)
    assert status == 3 and out == ""
    assert err.count("\n") == 1 and message in err and " — " in err


def test_unwritable_output_writes_nothing(capsys, journal, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    status, _, err = run(capsys, "export", "-o", str(blocker / "out.md"))
    assert status == 3 and err.startswith(f"notionlog: error: cannot write {blocker / 'out.md'}")
    assert "choose a writable file with -o" in err and blocker.read_text() == "x"
    status, _, err = run(capsys, "calendar", "--svg", str(tmp_path))
    assert status == 3 and "it is a folder" in err


def test_without_fts5_the_commands_answer_the_same(capsys, journal, monkeypatch):
    from notionlog.lookback import index

    _, with_fts, _ = run(capsys, "search", "MLOps 강의", "--json")
    monkeypatch.setattr(index, "fts5_available", lambda: False)
    _, without, _ = run(capsys, "search", "MLOps 강의", "--json")
    assert json.loads(without) == json.loads(with_fts)
    assert len(json.loads(without)) == 16  # 4 lines (강의듣기, 1강, 2강, 3강) x 4 entries
    schema = index.sqlite3.connect(journal / index.DB_NAME).execute("SELECT value FROM meta").fetchone()
    assert schema[0].endswith(":scan")


def test_stats_text_and_json(capsys, journal):
    text = "---\ntags: [일기, mlops]\n---\n# a\n- 회고\n    - 짧은 하루\n"
    write_entry(journal, datetime.date(2021, 12, 1), text)
    status, out, _ = run(capsys, "stats", "--json")
    data = json.loads(out)
    assert status == 0 and data["entries"] == 5 and data["untouched"] == 1
    assert data["longest_streak"] == 3 and data["tags"] == {"일기": 1, "mlops": 1}
    assert list(data["words_per_month"])[:2] == ["2020-12", "2021-01"] and len(data["words_per_month"]) == 13
    assert data["words_per_month"]["2021-01"] == 0 and data["words"] == sum(data["words_per_month"].values())
    status, out, _ = run(capsys, "stats")
    assert status == 0 and out.startswith("5 entries, ") and "most used tags: 일기 (1), mlops (1)" in out


def test_search_notes_names_the_note(capsys, journal):
    note = journal / "notes" / "MLOps-ac7132fe.md"
    note.parent.mkdir()
    note.write_text("---\nlast_edited_time: '2021-12-08T10:00:00.000Z'\n---\n# MLOps\n\n- 배포 자동화\n",
                    encoding="utf-8")
    status, out, _ = run(capsys, "search", "배포 자동", "--notes")
    assert (status, out) == (0, f"2021-12-08  -  - 배포 자동화  ({note})\n")  # the title is no section


def test_calendar_legend_has_word_levels_only_when_a_day_was_written(capsys, isolated):
    write_scaffold(isolated, datetime.date(2021, 12, 8))
    status, out, _ = run(capsys, "calendar", "--year", "2021")
    assert status == 0 and out.rstrip().endswith("o untouched") and "more words" not in out
    write_entry(isolated, datetime.date(2021, 12, 7))
    status, out, _ = run(capsys, "calendar", "--year", "2021")
    assert status == 0 and out.rstrip().endswith("more words")
