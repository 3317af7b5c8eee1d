"""A newcomer's first week with the entry commands, end to end through notionlog.cli.main."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from notionlog.local import journal

from .clirun import run

DAY = "2021-12-07"


def entry(home: Path, day: str = DAY) -> Path:
    return journal.entry_path(home, journal.parse_date(day))


def one_line_error(status: int, err: str) -> None:
    """An error is one line with its remedy, never a traceback or a request to report a bug."""
    assert status not in (0, 1), err
    assert err.count("\n") == 1 and "Traceback" not in err and "report it" not in err, err
    assert " — " in err, err


def test_carry_over_ignores_todos_inside_fenced_code(capsys, isolated):
    journal.write_atomic(entry(isolated, "2021-12-06"),
                         "# 월\n\n- [ ] 독서\n\n```md\n- [ ] 코드 속 예시\n```\n\n~~~\n- [ ] 또 예시\n~~~\n")
    status, _, err = run(capsys, "new", "--date", DAY, "--no-edit")
    assert status == 0, err
    text = entry(isolated).read_text(encoding="utf-8")
    assert "- [ ] 독서" in text and "예시" not in text


# --- crashes that became one line and a remedy ------------------------------------------------

@pytest.mark.parametrize("value", ["9999-12-31", "0001-01-01", "99991231"])
def test_dates_at_the_ends_of_the_calendar_are_refused(capsys, isolated, value):
    status, out, err = run(capsys, "new", "--date", value, "--no-edit")
    one_line_error(status, err)
    assert status == 3 and out == "" and not (isolated / "entries").exists()
    status, _, err = run(capsys, "edit", value)
    one_line_error(status, err)
    assert "notionlog new --date" not in err


def test_a_home_that_is_a_file_is_one_line(capsys, tmp_path):
    home = tmp_path / "file"
    home.write_text("x")
    for args in (["status", "--offline"], ["list"], ["new", "--no-edit"]):
        status, _, err = run(capsys, "--home", str(home), *args)
        one_line_error(status, err)
        assert status == 3 and "not a folder" in err


def test_a_home_dotenv_that_is_not_utf8_is_one_line(capsys, isolated):
    isolated.mkdir()
    (isolated / ".env").write_bytes(b"NOTION_TOKEN=\xff\xfe\n")
    status, _, err = run(capsys, "list")
    one_line_error(status, err)
    assert status == 3 and "UTF-8" in err and ".env" in err


def test_a_token_with_a_non_ascii_character_is_one_line(capsys, monkeypatch):
    monkeypatch.setenv("NOTION_TOKEN", "ntn_abc\u00e9def")
    monkeypatch.setenv("NOTION_DATABASE_ID", "3d0982b9f95841d08437cf2e00981c7f")
    status, _, err = run(capsys, "sync")
    one_line_error(status, err)
    assert status == 3 and "NOTION_TOKEN" in err and "abc" not in err


def test_deeply_nested_json_is_one_line(capsys, tmp_path):
    page = tmp_path / "deep.json"
    page.write_text("[" * 100_000 + "]" * 100_000)
    status, out, err = run(capsys, "render", str(page))
    one_line_error(status, err)
    assert status == 3 and out == ""


def test_status_offline_before_any_sync_creates_nothing(capsys, isolated):
    journal.write_atomic(entry(isolated), "# 하루\n")
    status, out, err = run(capsys, "status", "--offline")
    assert status == 0, err
    assert out == f"{DAY}  new\n" and not (isolated / ".notionlog" / "state.db").exists()


def test_closing_the_token_prompt_is_bad_input_not_a_bug(capsys, monkeypatch):
    import io

    from notionlog.cli import init

    monkeypatch.setattr(init, "_interactive", lambda: True)
    monkeypatch.setattr("sys.stdin", io.StringIO(""))  # Ctrl-D: end of input at the prompt
    status, _, err = run(capsys, "init", "--parent", "eaa0f56f7bb24c22b835b31a167d8222")
    assert status == 3 and "NOTION_TOKEN" in err.splitlines()[-1] and "report it" not in err


def test_init_without_token_or_terminal_is_exit_3(capsys):
    status, _, err = run(capsys, "init", "--parent", "eaa0f56f7bb24c22b835b31a167d8222")
    one_line_error(status, err)
    assert status == 3 and "--token" in err


def test_a_token_with_a_trailing_newline_works(capsys, fakenotion, monkeypatch, isolated):
    monkeypatch.setenv("NOTION_BASE_URL", fakenotion.base_url)
    status, out, err = run(capsys, "init", "--parent", fakenotion.root_id, "--token", fakenotion.token + "\n")
    assert status == 0, err
    assert f"NOTION_TOKEN={fakenotion.token}\n" in (isolated / ".env").read_text()


def test_init_on_an_unwritable_home_creates_no_database(capsys, fakenotion, monkeypatch, tmp_path):
    blocker = tmp_path / "blocker"
    blocker.write_text("a file where a folder should be")
    monkeypatch.setenv("NOTION_BASE_URL", fakenotion.base_url)
    for _ in range(2):
        status, _, err = run(capsys, "--home", str(blocker / "home"), "init", "--parent",
                             fakenotion.root_id, "--token", fakenotion.token)
        one_line_error(status, err)
        assert status == 3
    children = fakenotion.client().blocks.children.list(fakenotion.root_id)["results"]
    assert [c for c in children if c["type"] == "child_database"] == []


# --- messages that point the right way ----------------------------------------------------------

def _database(fakenotion, date_kind: str = "date") -> tuple[str, str]:
    db = fakenotion.client().databases.create(
        parent={"type": "page_id", "page_id": fakenotion.root_id},
        title=[{"type": "text", "text": {"content": "Journal"}}],
        initial_data_source={"properties": {"Name": {"title": {}}, "Date": {date_kind: {}}}})
    return db["id"], db["data_sources"][0]["id"]


@pytest.fixture
def notion(fakenotion, monkeypatch):
    monkeypatch.setenv("NOTION_TOKEN", fakenotion.token)
    monkeypatch.setenv("NOTION_BASE_URL", fakenotion.base_url)
    monkeypatch.setenv("NOTIONLOG_MAX_RPS", "1000")
    return fakenotion


def test_a_date_property_of_the_wrong_type_is_not_fixed_by_init_yes(capsys, notion):
    database_id, _ = _database(notion, "rich_text")
    status, _, err = run(capsys, "init", "--database", database_id, "--yes")
    one_line_error(status, err)
    assert status == 4 and "rename" in err and "Date" in err


def test_a_deleted_date_property_points_to_init_yes(capsys, notion, monkeypatch, isolated):
    from notionlog.sync import engine

    monkeypatch.setattr(engine, "POST_SYNC_STEPS", [])
    database_id, source_id = _database(notion)
    monkeypatch.setenv("NOTION_DATABASE_ID", database_id)
    journal.write_atomic(entry(isolated), "# 하루\n\n- 하나\n")
    assert run(capsys, "sync")[0] == 0
    notion.client().data_sources.update(source_id, properties={"Date": None})
    notion.advance_clock(3600)
    journal.write_atomic(entry(isolated, "2021-12-08"), "# 둘째\n")
    for _ in range(2):  # the sync that meets it, and the next one (which checks the schema)
        status, out, err = run(capsys, "sync")
        assert status == 4, (out, err)
        assert "notionlog init --yes" in err and "report it" not in err


def test_a_failing_editor_suggests_nothing_edit_refuses(capsys, isolated, monkeypatch):
    from notionlog.cli import editor

    run(capsys, "new", "--date", DAY, "--no-edit")
    monkeypatch.setenv("EDITOR", "false")
    monkeypatch.setattr(editor, "has_terminal", lambda: True)
    status, _, err = run(capsys, "edit", DAY)
    assert status == 3 and "--no-edit" not in err and str(entry(isolated)) in err
    status, _, err = run(capsys, "edit", DAY, "--no-edit")
    assert status == 2  # edit has no such option: the remedy must not name it


def test_list_and_status_on_an_empty_journal_say_so(capsys, isolated):
    for args in (["list"], ["status", "--offline"]):
        status, out, err = run(capsys, *args)
        assert status == 0 and out == "" and "no entries yet" in err and "notionlog new" in err


def test_a_binary_previous_entry_names_no_carry_over(capsys, isolated):
    path = entry(isolated, "2021-12-06")
    path.parent.mkdir(parents=True)
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    status, _, err = run(capsys, "new", "--date", DAY, "--no-edit")
    one_line_error(status, err)
    assert "--no-carry-over" in err and str(path) in err
    status, _, err = run(capsys, "add", "x", "--date", DAY)  # add writes a new entry too
    assert status == 3 and "--no-carry-over" in err and not entry(isolated).exists()
    assert run(capsys, "add", "x", "--date", DAY, "--no-carry-over")[0] == 0
    status, out, _ = run(capsys, "new", "--date", "2021-12-08", "--no-edit", "--no-carry-over")
    assert status == 0 and out == f"{entry(isolated, '2021-12-08')}\n"


# --- what a journaler expects -------------------------------------------------------------------

def test_add_writes_todays_entry_from_the_template_and_files_the_line_under_a_section(capsys, isolated):
    today = datetime.date.today()
    path = journal.entry_path(isolated, today)
    status, out, err = run(capsys, "add", "MLOps", "강의듣기", "--section", "오늘 한것")
    assert status == 0, err
    assert out == f"added to {path} under '오늘 한것'\n"
    status, _, err = run(capsys, "add", "좋은 하루", "-s", "회고")
    assert status == 0, err
    text = path.read_text(encoding="utf-8")
    assert "- 오늘 한것\n    - MLOps 강의듣기\n\n- 오늘 정리한 것" in text
    assert text.endswith("- 회고\n    - 좋은 하루\n")
    assert not journal.is_scaffold(isolated, today, text)  # written in: sync pushes it


def test_add_to_an_existing_entry_under_a_heading_and_at_the_end(capsys, isolated):
    journal.write_atomic(entry(isolated), "# 하루\n\n## Done\n- a\n\n## Later\n- b\n")
    assert run(capsys, "add", "--date", DAY, "c", "--section", "done")[0] == 0
    assert run(capsys, "add", "--date", DAY, "d")[0] == 0
    expected = "# 하루\n\n## Done\n- a\n- c\n\n## Later\n- b\n- d\n"
    assert entry(isolated).read_text(encoding="utf-8") == expected


def test_add_to_a_section_that_is_not_there_writes_nothing(capsys, isolated):
    status, _, err = run(capsys, "add", "x", "--section", "없는 섹션", "--date", DAY)
    one_line_error(status, err)
    assert "'오늘 한것'" in err and not entry(isolated).exists()
    status, _, err = run(capsys, "add", "x", "--section", "오늘", "--date", DAY)  # three start so
    one_line_error(status, err)
    assert "more than one" in err and not entry(isolated).exists()


def test_global_options_work_after_the_command(capsys, tmp_path):
    home = tmp_path / "elsewhere"
    status, out, _ = run(capsys, "new", "--date", DAY, "--no-edit", "--home", str(home))
    assert status == 0 and out == f"{entry(home)}\n"
    status, out, _ = run(capsys, "list", f"--home={home}", "--debug")
    assert status == 0 and out.startswith(DAY)
    status, out, _ = run(capsys, "add", "--home", str(home), "--date", DAY, "text", "--", "--home")
    assert status == 0 and entry(home).read_text(encoding="utf-8").endswith("- text --home\n")


def test_version_short_help_and_completion(capsys):
    from notionlog import __version__

    assert run(capsys, "--version")[:2] == (0, f"notionlog {__version__}\n")
    status, out, _ = run(capsys, "sync", "-h")
    assert status == 0 and out.startswith("Usage: notionlog sync")
    status, out, _ = run(capsys, "--help")
    assert "--install-completion" in out and "--version" in out


@pytest.mark.parametrize("command", ["new", "add", "init", "sync", "render", "import", "status", "search"])
def test_help_reads_well(capsys, monkeypatch, command):
    monkeypatch.setenv("COLUMNS", "70")
    status, out, _ = run(capsys, command, "--help")
    assert status == 0 and "<bool>" not in out
    lines = out.splitlines()
    examples = [line.strip() for line in lines if line.strip().startswith(f"notionlog {command}")]
    assert examples, out  # each example on a line of its own, whole
    prose = [line for line in lines if line.strip() and not line.strip().startswith(("notionlog", "pbpaste"))]
    assert all(len(line) <= 70 for line in prose), out  # re-flowed to the terminal's width
    for flag in ("--no-edit", "--dry-run", "--delete", "--offline"):
        assert f"{flag} <" not in out


def test_list_shows_the_missing_days_up_to_today(capsys, isolated):
    three_days_ago = datetime.date.today() - datetime.timedelta(days=3)
    journal.write_atomic(journal.entry_path(isolated, three_days_ago), "# 그날\n")
    status, out, _ = run(capsys, "list")
    first = three_days_ago + datetime.timedelta(days=1)
    assert status == 0 and out.splitlines() == [
        f"{three_days_ago}  그날", f"{first}..{datetime.date.today()}  (missing: 3 days)"]
    run(capsys, "new", "--no-edit")
    assert run(capsys, "list")[1].splitlines()[-1].startswith(f"{datetime.date.today()}  ")


def test_import_a_folder(capsys, isolated, tmp_path):
    old = tmp_path / "old-journal"
    (old / "2021").mkdir(parents=True)
    (old / "2021" / "2021-12-06.md").write_text("# 월\n\n- 하나\n", encoding="utf-8")
    (old / "20211207-seed.md").write_text("# 화\n\n## 20211207\n- 둘\n", encoding="utf-8")
    (old / "README.md").write_text("# my old journal\n", encoding="utf-8")
    (old / ".obsidian").mkdir()
    (old / ".obsidian" / "2021-12-01.md").write_text("settings\n", encoding="utf-8")
    status, out, err = run(capsys, "import", str(old))
    assert status == 0, err
    assert entry(isolated, "2021-12-06").read_text(encoding="utf-8") == "# 월\n\n- 하나\n"
    assert "## 20211207\n- 둘" in entry(isolated).read_text(encoding="utf-8")
    assert "README.md: no date" in err and not entry(isolated, "2021-12-01").exists()
    assert out.count("created") == 2


def test_render_reads_standard_input(capsys, monkeypatch):
    import io
    import json

    class Stdin(io.StringIO):
        def __init__(self, data: bytes) -> None:
            super().__init__()
            self.buffer = io.BytesIO(data)

    monkeypatch.setattr("sys.stdin", Stdin("# 하루\n\n- 하나\n    - 둘\n".encode()))
    status, out, err = run(capsys, "render", "-")
    assert status == 0, err
    page = json.loads(out)
    assert page["title"] == "하루"
    monkeypatch.setattr("sys.stdin", Stdin(out.encode()))
    status, back, _ = run(capsys, "render", "-")
    assert status == 0 and back == "# 하루\n\n- 하나\n    - 둘\n"
    monkeypatch.setattr("sys.stdin", Stdin(b"\xff\xfe"))
    status, _, err = run(capsys, "render", "-")
    one_line_error(status, err)


def test_shell_completion_completes_commands(tmp_path):
    import os
    import subprocess
    import sys

    env = {**os.environ, "_NOTIONLOG_COMPLETE": "complete_bash", "COMP_WORDS": "notionlog sy",
           "COMP_CWORD": "1"}
    done = subprocess.run([sys.executable, "-m", "notionlog"], env=env, capture_output=True, text=True)
    assert (done.returncode, done.stdout.split()) == (0, ["sync"])
    script = subprocess.run([sys.executable, "-m", "notionlog", "--show-completion", "bash"],
                            capture_output=True, text=True)
    assert script.returncode == 0 and "_NOTIONLOG_COMPLETE" in script.stdout


def test_new_push_without_notion_settings_writes_nothing(capsys, isolated):
    status, out, err = run(capsys, "new", "--date", DAY, "--no-edit", "--push")
    one_line_error(status, err)
    assert status == 3 and out == "" and not entry(isolated).exists()


def test_an_entries_folder_linked_to_an_unmounted_folder_is_named(capsys, isolated, tmp_path):
    isolated.mkdir(parents=True, exist_ok=True)
    (isolated / "entries").symlink_to(tmp_path / "cloud-unmounted" / "entries")
    for args in (("new", "--date", DAY, "--no-edit"), ("add", "한 줄")):
        status, _, err = run(capsys, *args)
        one_line_error(status, err)
        assert "File exists" not in err and "cloud-unmounted" in err and "is it unmounted" in err
    assert not (tmp_path / "cloud-unmounted").exists()
