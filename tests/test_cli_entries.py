"""The entry commands through notionlog.cli.main (the console script's function), in-process."""

from __future__ import annotations

import datetime
import sys
from pathlib import Path

import pytest

from notionlog.cli import editor
from notionlog.local import journal

from .clirun import run

SEED = Path(__file__).parent / "data" / "20211207-seed-entry.md"
DAY = "2021-12-07"


def entry(home: Path, day: str = DAY) -> Path:
    return journal.entry_path(home, journal.parse_date(day))


@pytest.fixture
def editor_log(tmp_path, monkeypatch):
    """EDITOR is a script that records the files it was asked to open."""
    log = tmp_path / "editor.log"
    script = tmp_path / "fake_editor.py"
    script.write_text(f"import sys\nopen({str(log)!r}, 'a').write(sys.argv[1] + '\\n')\n")
    monkeypatch.setenv("EDITOR", f"{sys.executable} {script}")
    return log


# --- new -------------------------------------------------------------------------------------

def test_new_writes_entry_and_prints_only_its_path(capsys, isolated):
    status, out, err = run(capsys, "new", "--date", DAY, "--no-edit")
    assert (status, out) == (0, f"{entry(isolated)}\n")
    text = entry(isolated).read_text(encoding="utf-8")
    assert "## 20211207" in text
    assert journal.is_scaffold(isolated, datetime.date(2021, 12, 7), text)


@pytest.mark.parametrize("word", ["today", "yesterday", "tomorrow"])
def test_new_relative_dates(capsys, isolated, word):
    status, out, _ = run(capsys, "new", "--date", word, "--no-edit")
    assert status == 0
    assert Path(out.strip()) == journal.entry_path(isolated, journal.parse_date(word))
    assert Path(out.strip()).is_file()


def test_new_default_date_is_today(capsys, isolated):
    _, out, _ = run(capsys, "new", "--no-edit")
    assert Path(out.strip()) == journal.entry_path(isolated, datetime.date.today())


def test_new_never_overwrites(capsys, isolated):
    run(capsys, "new", "--date", "20211207", "--no-edit")
    entry(isolated).write_text("# 내가 쓴 글\n", encoding="utf-8")
    status, out, _ = run(capsys, "new", "--date", DAY, "--no-edit", "--template", "english")
    assert (status, out) == (0, f"{entry(isolated)}\n")
    assert entry(isolated).read_text(encoding="utf-8") == "# 내가 쓴 글\n"


def test_new_global_home_flag_and_template_setting(capsys, tmp_path, monkeypatch):
    monkeypatch.setenv("NOTIONLOG_TEMPLATE", "english")
    home = tmp_path / "elsewhere"
    status, out, _ = run(capsys, "--home", str(home), "new", "--date", DAY, "--no-edit")
    assert status == 0 and out == f"{entry(home)}\n"
    assert entry(home).read_text(encoding="utf-8").startswith("# 2021-12-07 Tuesday")


def test_new_carries_over_and_can_be_told_not_to(capsys, isolated, monkeypatch):
    journal.write_atomic(entry(isolated, "2021-12-01"), "- [ ] 독서\n    - 30쪽\n- [x] 운동\n")
    run(capsys, "new", "--date", DAY, "--no-edit")
    assert "    - [ ] 독서\n        - 30쪽\n" in entry(isolated).read_text(encoding="utf-8")
    assert "운동" not in entry(isolated).read_text(encoding="utf-8")
    run(capsys, "new", "--date", "2021-12-08", "--no-edit", "--no-carry-over")
    assert "독서" not in entry(isolated, "2021-12-08").read_text(encoding="utf-8")
    monkeypatch.setenv("NOTIONLOG_CARRY_OVER", "false")
    run(capsys, "new", "--date", "2021-12-09", "--no-edit")
    assert "독서" not in entry(isolated, "2021-12-09").read_text(encoding="utf-8")


def assert_one_line_error(status, out, err, *fragments):
    assert status == 3
    assert out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("notionlog: error: ")
    assert "Traceback" not in err
    for fragment in fragments:
        assert fragment in lines[0]


def test_bad_date(capsys, isolated):
    assert_one_line_error(*run(capsys, "new", "--date", "2021-02-30", "--no-edit"), "2021-02-30")
    assert not isolated.exists()


def test_unknown_template_lists_available(capsys, isolated):
    assert_one_line_error(*run(capsys, "new", "--template", "dialy", "--no-edit"),
                          "'dialy'", "daily, english")
    assert not (isolated / "entries").exists()


def test_template_syntax_error_names_file_and_line(capsys, isolated):
    (isolated / "templates").mkdir(parents=True)
    (isolated / "templates" / "broken.md").write_text("# {{ date }}\n{% for %}\n")
    assert_one_line_error(*run(capsys, "new", "--template", "broken", "--no-edit"),
                          "broken.md", "line 2")
    assert not (isolated / "entries").exists()


def test_unwritable_home(capsys, tmp_path):
    home = tmp_path / "a-file"
    home.write_text("not a folder")
    assert_one_line_error(*run(capsys, "--home", str(home), "new", "--no-edit"), str(home))
    assert home.read_text() == "not a folder"


@pytest.mark.skipif(sys.platform == "win32" or __import__("os").geteuid() == 0,
                    reason="permissions do not bind root")
def test_read_only_home(capsys, tmp_path):
    home = tmp_path / "ro"
    home.mkdir()
    home.chmod(0o500)
    try:
        assert_one_line_error(*run(capsys, "--home", str(home), "new", "--no-edit"), str(home))
    finally:
        home.chmod(0o700)


def test_existing_entry_not_utf8(capsys, isolated):
    entry(isolated).parent.mkdir(parents=True)
    entry(isolated).write_bytes(b"# caf\xe9\n")
    assert_one_line_error(*run(capsys, "new", "--date", DAY, "--no-edit"), entry(isolated).name)
    assert entry(isolated).read_bytes() == b"# caf\xe9\n"


# --- the editor ------------------------------------------------------------------------------

def test_editor_not_launched_without_terminal(capsys, isolated, editor_log):
    assert run(capsys, "new", "--date", DAY)[0] == 0  # pytest's stdin is not a TTY
    assert not editor_log.exists()


def test_editor_launched_with_terminal_unless_no_edit(capsys, isolated, editor_log, monkeypatch):
    monkeypatch.setattr(editor, "has_terminal", lambda: True)
    run(capsys, "new", "--date", DAY, "--no-edit")
    assert not editor_log.exists()
    assert run(capsys, "new", "--date", DAY)[0] == 0  # exists: opened again, not rewritten
    assert run(capsys, "edit", DAY)[:2] == (0, f"{entry(isolated)}\n")
    assert editor_log.read_text().splitlines() == [str(entry(isolated))] * 2


def test_failing_editor(capsys, isolated, monkeypatch):
    monkeypatch.setattr(editor, "has_terminal", lambda: True)
    monkeypatch.setenv("EDITOR", "false")
    status, out, err = run(capsys, "new", "--date", DAY)
    assert status == 3 and out == f"{entry(isolated)}\n"
    assert "editor 'false' failed" in err and entry(isolated).is_file()


def test_edit_missing_entry(capsys, isolated):
    assert_one_line_error(*run(capsys, "edit", "2021-12-07"), "2021-12-07", "notionlog new --date")


# --- import ----------------------------------------------------------------------------------

def test_import_seed_then_again(capsys, isolated):
    status, out, _ = run(capsys, "import", str(SEED))
    assert status == 0 and out.startswith("created  2021-12-07  ")
    assert entry(isolated).read_bytes() == SEED.read_bytes()
    before = entry(isolated).stat().st_mtime_ns
    status, out, _ = run(capsys, "import", str(SEED))
    assert status == 0 and out.startswith("unchanged  2021-12-07  ")
    assert entry(isolated).stat().st_mtime_ns == before


def test_import_conflict_reported_not_overwritten(capsys, isolated, tmp_path):
    journal.write_atomic(entry(isolated), "# 이미 쓴 글\n")
    other = tmp_path / "2021-12-08.md"
    other.write_text("# 다른 날\n", encoding="utf-8")
    status, out, err = run(capsys, "import", str(SEED), str(other))
    assert status == 3
    assert out.splitlines()[0].startswith("conflict  2021-12-07")
    assert out.splitlines()[1].startswith("created  2021-12-08")
    assert "2021-12-07" in err and str(entry(isolated)) in err
    assert entry(isolated).read_text(encoding="utf-8") == "# 이미 쓴 글\n"


def test_import_multi_date_file(capsys, isolated, tmp_path):
    multi = tmp_path / "journal.md"
    multi.write_text("# 주간 기록\n\n## 20211207\n- a\n\n## 20211208\n- b\n", encoding="utf-8")
    assert run(capsys, "import", str(multi))[0] == 0
    assert entry(isolated).read_text(encoding="utf-8") == "# 주간 기록\n\n## 20211207\n- a\n\n"
    assert entry(isolated, "2021-12-08").read_text(encoding="utf-8") == "# 주간 기록\n\n## 20211208\n- b\n"


def test_import_dry_run_writes_nothing(capsys, isolated):
    status, out, _ = run(capsys, "import", "--dry-run", str(SEED))
    assert status == 0 and out.startswith("would create  2021-12-07  ")
    assert not isolated.exists()


def test_import_bad_file_writes_nothing(capsys, isolated, tmp_path):
    bad = tmp_path / "2021-12-09.md"
    bad.write_bytes(b"\xff")
    assert_one_line_error(*run(capsys, "import", str(SEED), str(bad)), "2021-12-09.md")
    assert not (isolated / "entries").exists()


def test_import_missing_path_is_usage_error(capsys, isolated):
    status, out, err = run(capsys, "import", "no-such-file.md")
    assert status == 2 and "no-such-file.md" in err


# --- list, templates, help -------------------------------------------------------------------

def test_list(capsys, isolated):
    run(capsys, "import", str(SEED))
    run(capsys, "new", "--date", "2021-12-10", "--no-edit")
    run(capsys, "new", "--date", "2021-12-12", "--no-edit")
    status, out, _ = run(capsys, "list")
    assert status == 0
    assert out.splitlines() == [
        "2021-12-07  최종 프로젝트 & MLOps",
        "2021-12-08..2021-12-09  (missing: 2 days)",
        "2021-12-10  2021-12-10 금요일  (untouched)",
        "2021-12-11  (missing: 1 day)",
        "2021-12-12  2021-12-12 일요일  (untouched)",
        f"2021-12-13..{datetime.date.today()}  (missing: "
        f"{(datetime.date.today() - datetime.date(2021, 12, 12)).days} days)",  # up to today
    ]


def test_templates_command(capsys, isolated):
    (isolated / "templates").mkdir(parents=True)
    (isolated / "templates" / "daily.md").write_text("# mine\n")
    status, out, _ = run(capsys, "templates")
    assert status == 0
    assert out.splitlines() == [
        f"daily  {isolated / 'templates' / 'daily.md'}  (overrides the built-in)", "english  built-in"]


@pytest.mark.parametrize("command", ["new", "add", "import", "list", "edit", "templates"])
def test_every_command_has_help_with_example(capsys, command):
    status, out, _ = run(capsys, command, "--help")
    assert status == 0 and "Example" in out and f"\n    notionlog {command}" in out


def test_new_help_lists_options(capsys):
    _, out, _ = run(capsys, "new", "--help")
    for option in ("--date", "--template", "--no-edit", "--no-carry-over", "--push"):
        assert option in out
