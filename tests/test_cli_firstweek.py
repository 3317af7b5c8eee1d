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
