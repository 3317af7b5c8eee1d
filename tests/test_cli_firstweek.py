"""A newcomer's first week with the entry commands, end to end through notionlog.cli.main."""

from __future__ import annotations

from pathlib import Path

import pytest

from notionlog import journal
from notionlog.cli import main

DAY = "2021-12-07"


def run(capsys, *args: str) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exit_info:
        main(list(args))
    out, err = capsys.readouterr()
    return exit_info.value.code, out, err


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
    from notionlog.cli import fastpath

    run(capsys, "new", "--date", DAY, "--no-edit")
    monkeypatch.setenv("EDITOR", "false")
    monkeypatch.setattr(fastpath, "has_terminal", lambda: True)
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
    status, out, _ = run(capsys, "new", "--date", DAY, "--no-edit", "--no-carry-over")
    assert status == 0 and out == f"{entry(isolated)}\n"
