"""`notionlog init` end to end against the emulator over HTTP (the installed command's code path)."""

from __future__ import annotations

import stat

import pytest

from ..clirun import run


@pytest.fixture
def env(fakenotion, monkeypatch, isolated):
    monkeypatch.setenv("NOTION_BASE_URL", fakenotion.base_url)
    monkeypatch.setenv("NOTIONLOG_MAX_RPS", "1000")
    return isolated / ".env"


def make_database(fakenotion, properties: dict) -> str:
    db = fakenotion.client().databases.create(
        parent={"type": "page_id", "page_id": fakenotion.root_id},
        title=[{"type": "text", "text": {"content": "Diary"}}],
        initial_data_source={"properties": properties},
    )
    return db["id"]


def schema(fakenotion, database_id: str) -> dict:
    client = fakenotion.client()
    source = client.databases.retrieve(database_id=database_id)["data_sources"][0]["id"]
    props = client.data_sources.retrieve(data_source_id=source)["properties"]
    return {name: p["type"] for name, p in props.items()}


FULL = {"Name": {"title": {}}, "Date": {"date": {}}, "Tags": {"multi_select": {}}}


def test_existing_database_from_a_view_url_is_saved_0600_and_a_rerun_changes_nothing(
        fakenotion, env, capsys, monkeypatch):
    monkeypatch.setenv("NOTION_TOKEN", fakenotion.token)
    db = make_database(fakenotion, FULL)
    url = f"https://www.notion.so/myws/{db.replace('-', '')}?v=aaaabbbbccccddddeeeeffff00001111"
    code, out, err = run(capsys, "init", "--database", url)
    assert (code, err) == (0, "")
    assert "Diary" in out and "Saved the settings" in out
    assert env.read_text() == f"NOTION_DATABASE_ID={db}\n"  # the token came from the environment
    assert stat.S_IMODE(env.stat().st_mode) == 0o600
    fakenotion.clear_requests()
    before = env.stat().st_mtime_ns
    code, out, _ = run(capsys, "init", "--database", db)
    assert code == 0 and "already up to date" in out
    assert env.stat().st_mtime_ns == before
    assert all(r["method"] == "GET" for r in fakenotion.requests())  # nothing written to Notion


def test_missing_date_is_added_with_yes(fakenotion, env, capsys, monkeypatch):
    monkeypatch.setenv("NOTION_TOKEN", fakenotion.token)
    db = make_database(fakenotion, {"Title": {"title": {}}})
    code, out, _ = run(capsys, "init", "--database", db, "--yes")
    assert code == 0 and "Added properties: Date, Tags" in out
    assert schema(fakenotion, db) == {"Title": "title", "Date": "date", "Tags": "multi_select",
                                       "notionlog": "rich_text"}


def test_missing_date_without_yes_and_without_a_terminal_fails_naming_it(
        fakenotion, env, capsys, monkeypatch):
    monkeypatch.setenv("NOTION_TOKEN", fakenotion.token)
    db = make_database(fakenotion, {"Title": {"title": {}}})
    code, out, err = run(capsys, "init", "--database", db)
    assert code == 4
    assert f"database {db} lacks Date (date)" in err and "notionlog init --yes" in err
    assert "Traceback" not in err and not env.exists()
    assert schema(fakenotion, db) == {"Title": "title"}


def test_a_date_property_of_another_type_is_reported_not_replaced(fakenotion, env, capsys, monkeypatch):
    monkeypatch.setenv("NOTION_TOKEN", fakenotion.token)
    db = make_database(fakenotion, {"Name": {"title": {}}, "Date": {"rich_text": {}}})
    code, _, err = run(capsys, "init", "--database", db, "--yes")
    assert code == 4 and "Date as a date property (it is rich_text" in err
    assert schema(fakenotion, db)["Date"] == "rich_text"


def test_only_tags_missing_is_not_an_error(fakenotion, env, capsys, monkeypatch):
    monkeypatch.setenv("NOTION_TOKEN", fakenotion.token)
    db = make_database(fakenotion, {"Name": {"title": {}}, "Date": {"date": {}}})
    code, out, _ = run(capsys, "init", "--database", db)
    assert code == 0 and "No Tags property" in out
    assert env.read_text() == f"NOTION_DATABASE_ID={db}\n"


def test_parent_creates_a_journal_database_once(fakenotion, env, capsys, monkeypatch):
    page = fakenotion.add_page("Home")
    url = f"https://www.notion.so/myws/Home-{page['id'].replace('-', '')}"
    code, out, err = run(capsys, "init", "--parent", url, "--token", fakenotion.token)
    assert code == 0 and "Created database 'Journal'" in out
    assert fakenotion.token not in out + err
    saved = dict(line.split("=", 1) for line in env.read_text().splitlines())
    assert saved["NOTION_TOKEN"] == fakenotion.token  # typed in, so it is saved
    assert schema(fakenotion, saved["NOTION_DATABASE_ID"]) == {
        "Name": "title", "Date": "date", "Tags": "multi_select", "notionlog": "rich_text"}
    fakenotion.clear_requests()
    code, out, _ = run(capsys, "init", "--parent", url)  # token now read from <home>/.env
    assert code == 0 and "Using database 'Journal'" in out and "already up to date" in out
    assert [r for r in fakenotion.requests() if r["method"] != "GET"] == []


def test_other_lines_of_the_env_file_are_kept(fakenotion, env, capsys):
    env.parent.mkdir(parents=True)
    env.write_text("# mine\nNOTIONLOG_TEMPLATE=work\nexport NOTION_DATABASE_ID=old\nNOTION_DATABASE_ID=older")
    env.chmod(0o644)
    db = make_database(fakenotion, FULL)
    code, _, _ = run(capsys, "init", "--database", db, "--token", fakenotion.token)
    assert code == 0
    assert env.read_text() == (f"# mine\nNOTIONLOG_TEMPLATE=work\nNOTION_DATABASE_ID={db}\n"
                               f"NOTION_TOKEN={fakenotion.token}\n")
    assert stat.S_IMODE(env.stat().st_mode) == 0o600


def test_wrong_token_is_one_line_and_never_echoed(fakenotion, env, capsys):
    db = make_database(fakenotion, FULL)
    code, out, err = run(capsys, "init", "--database", db, "--token", "wrong-secret-token")
    assert code == 4
    assert err.count("\n") == 1 and "Notion rejected the token" in err
    assert "wrong-secret-token" not in out + err and not env.exists()


def test_no_token_and_no_terminal_says_how_to_set_it(fakenotion, env, capsys):
    code, _, err = run(capsys, "init", "--database", "3d0982b9f95841d08437cf2e00981c7f")
    assert code == 3 and "NOTION_TOKEN missing" in err and "--token" in err  # bad settings: 3


def test_unshared_database_names_the_id_and_the_fix(fakenotion, env, capsys, monkeypatch):
    monkeypatch.setenv("NOTION_TOKEN", fakenotion.token)
    hidden = fakenotion.add_page("Private", shared=False)
    code, _, err = run(capsys, "init", "--database", hidden["id"])
    assert code == 4 and f"Notion database {hidden['id']} was not found or is not shared" in err
    assert "Connections" in err and not env.exists()


def test_a_value_without_an_id_is_an_input_error(fakenotion, env, capsys, monkeypatch):
    monkeypatch.setenv("NOTION_TOKEN", fakenotion.token)
    code, _, err = run(capsys, "init", "--database", "https://www.notion.so/myws/Journal")
    assert code == 3 and "no Notion database id in" in err


@pytest.mark.parametrize("args", [[], ["--database", "x", "--parent", "y"]])
def test_usage_errors(fakenotion, env, capsys, args):
    code, _, err = run(capsys, "init", *args)
    assert code == 2 and "--database" in err


def test_the_installed_command_prints_one_line_for_a_wrong_token(fakenotion, tmp_path):
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if not k.startswith("NOTION")}
    env.update(NOTION_BASE_URL=fakenotion.base_url, NOTIONLOG_HOME=str(tmp_path / "h"),
               NOTION_TOKEN="revoked-secret-1")  # the emulator refuses non-ntn_ tokens
    command = [sys.executable, "-m", "notionlog", "init", "--database", "3d0982b9f95841d08437cf2e00981c7f"]
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 4
    assert done.stderr.splitlines() == ["notionlog: error: Notion rejected the token — set NOTION_TOKEN to "
                                        "your integration's secret (ntn_…), or run `notionlog init`"]
    assert "revoked-secret-1" not in done.stdout + done.stderr


def test_at_a_terminal_the_token_is_prompted_hidden_and_missing_properties_are_offered(
        fakenotion, env, monkeypatch):
    from typer.testing import CliRunner

    from notionlog.cli import init as init_command
    from notionlog.cli.commands import app
    from notionlog.errors import NotionSchema

    monkeypatch.setattr(init_command, "_interactive", lambda: True)
    db = make_database(fakenotion, {"Name": {"title": {}}})
    declined = CliRunner().invoke(app, ["init", "--database", db], input=f"{fakenotion.token}\nn\n")
    assert isinstance(declined.exception, NotionSchema) and not env.exists()
    result = CliRunner().invoke(app, ["init", "--database", db], input=f"{fakenotion.token}\ny\n")
    assert result.exit_code == 0, result.output
    assert "lacks Date, Tags, notionlog. Add them now?" in result.output
    assert fakenotion.token not in result.output
    assert f"NOTION_TOKEN={fakenotion.token}\n" in env.read_text()  # typed at the prompt: saved
    assert schema(fakenotion, db) == {"Name": "title", "Date": "date", "Tags": "multi_select",
                                      "notionlog": "rich_text"}


def test_a_database_id_set_elsewhere_that_would_win_is_pointed_out(fakenotion, env, capsys, monkeypatch):
    monkeypatch.setenv("NOTION_TOKEN", fakenotion.token)
    monkeypatch.setenv("NOTION_DATABASE_ID", "3d0982b9f95841d08437cf2e00981c7f")
    db = make_database(fakenotion, FULL)
    code, _, err = run(capsys, "init", "--database", db)
    assert code == 0 and "NOTION_DATABASE_ID is also set in environment" in err
    assert env.read_text() == f"NOTION_DATABASE_ID={db}\n"
