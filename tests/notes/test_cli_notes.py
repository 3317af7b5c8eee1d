"""`notionlog notes pull` and `notionlog notes list` from the command line, on the emulator."""

from __future__ import annotations

import pytest

from notionlog.convert import to_blocks, to_markdown
from notionlog.notes.urls import NotionRef, find_refs

from ..clirun import run
from .conftest import MLOPS_MD, SEED_ID, SEED_URL


@pytest.fixture
def journal(isolated, fakenotion, monkeypatch):
    monkeypatch.setenv("NOTION_TOKEN", fakenotion.token)
    monkeypatch.setenv("NOTION_BASE_URL", fakenotion.base_url)
    monkeypatch.setenv("NOTIONLOG_MAX_RPS", "1000")  # no pacing against the local emulator
    entry = isolated / "entries" / "2021" / "2021-12-07.md"
    entry.parent.mkdir(parents=True)
    entry.write_text(f"# MLOps day\n\n- 오늘 정리한 것\n    - {SEED_URL}\n", encoding="utf-8")
    return isolated


def test_notes_pull_then_list(fakenotion, journal, capsys):
    fakenotion.add_page("MLOps", to_blocks(MLOPS_MD).children, id=SEED_ID)
    status, out, err = run(capsys, "notes", "pull")
    assert status == 0, err
    # 1 retrieve + the top level + the three bullets that have children
    assert out == "notes: 1 pulled, 0 unchanged, 0 kept local, 0 warnings (5 requests)\n"
    assert (journal / "notes" / "MLOps-ac7132fe.md").is_file()
    status, out, _ = run(capsys, "notes", "list")
    assert status == 0 and out == "notes/MLOps-ac7132fe.md\tMLOps\t2021-12-07\n"


def test_an_unshared_page_is_a_warning_not_a_failure(fakenotion, journal, capsys):
    status, out, err = run(capsys, "notes", "pull")  # nothing shared under the seed's id
    assert status == 0
    assert "1 warnings" in out
    assert f"warning: linked page {SEED_ID} (linked from 2021-12-07) is not shared" in err
    assert fakenotion.token not in out + err


def test_pull_without_a_token_says_how_to_set_one(journal, capsys, monkeypatch):
    monkeypatch.delenv("NOTION_TOKEN")
    status, out, err = run(capsys, "notes", "pull")
    assert status == 3 and out == ""
    assert err.count("\n") == 1 and "NOTION_TOKEN missing" in err and "Traceback" not in err


def test_a_negative_depth_is_refused(journal, capsys):
    status, _, err = run(capsys, "notes", "pull", "--depth", "-1")
    assert status == 2 and "--depth" in err


def test_a_corrupt_notes_state_is_reported_in_one_line(fakenotion, journal, capsys):
    state = journal / ".notionlog" / "notes.json"
    state.parent.mkdir()
    state.write_text("{oops", encoding="utf-8")
    status, _, err = run(capsys, "notes", "list")
    assert status == 8 and "notes.json" in err and err.count("\n") == 1


def test_page_mentions_in_pulled_entries_are_found():
    mention = {"type": "mention", "mention": {"type": "page", "page": {"id": SEED_ID}},
               "plain_text": "MLOps", "href": "https://app.notion.com/p/d06d1f9a67534ffdbad20c2fac7132fe",
               "annotations": {}}
    markdown = to_markdown([{"type": "paragraph", "paragraph": {"rich_text": [mention]}}])
    assert find_refs(markdown) == [NotionRef(SEED_ID)]


@pytest.mark.parametrize("command", [["notes", "pull", "--help"], ["notes", "list", "--help"]])
def test_every_notes_command_has_help_and_an_example(capsys, command):
    status, out, _ = run(capsys, *command)
    assert status == 0 and "Example:\n    notionlog notes" in out


def test_the_installed_command_pulls_notes(fakenotion, journal):
    import os
    import shutil
    import subprocess
    import sys
    from pathlib import Path

    fakenotion.add_page("MLOps", to_blocks(MLOPS_MD).children, id=SEED_ID)
    command = shutil.which("notionlog", path=str(Path(sys.executable).parent))
    assert command, "the notionlog console script is installed beside this interpreter"
    done = subprocess.run([command, "notes", "pull"], capture_output=True, text=True, env=os.environ,
                          timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("notes: 1 pulled")
    index = (journal / "notes" / "README.md").read_text(encoding="utf-8")
    assert "[MLOps](MLOps-ac7132fe.md)" in index


def test_list_does_not_print_control_characters(journal, capsys):
    from notionlog.notes import state
    from notionlog.notes.state import NoteRecord

    state.save(journal, {"p": NoteRecord(name="x-1.md", title="a\x1b[2Jb\tc", url="", last_edited_time="",
                                         fetched_at="", sha256="", linked_from=["2021-12-07"])})
    status, out, _ = run(capsys, "notes", "list")
    assert status == 0 and out == "notes/x-1.md\ta?[2Jb?c\t2021-12-07\n"
