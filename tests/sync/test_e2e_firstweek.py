"""A new user's first week, end to end through the CLI against the emulator: no text is lost."""

from __future__ import annotations

import pytest

from tests.sync.conftest import text

DAY = "2021-12-07"
BASE = "# 하루\n\n- 오늘 한것\n    - 산책\n    - 운동\n\n- 회고\n"


def _conflict(journal, later) -> None:
    """Both sides change the same line: a real overlap."""
    journal.write(DAY, BASE)
    journal.sync()
    later(3600)
    journal.edit_in_notion(DAY, "산책", "산책 (한강)")
    journal.write(DAY, BASE.replace("    - 산책\n", "    - 산책 30분\n    - 독서\n"))
    journal.sync(expect=6)


def test_resolve_keep_remote_keeps_the_discarded_file_and_says_where(journal, later):
    _conflict(journal, later)
    code, out, err = journal.run("resolve", DAY, "--keep", "remote")
    assert code == 0, err
    assert "독서" not in journal.read(DAY)  # Notion's version won...
    kept = list((journal.home / ".notionlog" / "overridden").iterdir())
    assert len(kept) == 1 and "독서" in kept[0].read_text(encoding="utf-8")  # ...and 독서 is kept
    assert str(kept[0]) in out


def test_resolve_keep_local_keeps_notions_version(journal, later):
    _conflict(journal, later)
    code, out, err = journal.run("resolve", DAY, "--keep", "local")
    assert code == 0, err
    kept = list((journal.home / ".notionlog" / "overridden").iterdir())
    assert len(kept) == 1 and "산책 (한강)" in kept[0].read_text(encoding="utf-8")
    assert str(kept[0]) in out


@pytest.mark.parametrize("side", ["local", "remote"])
def test_prefer_says_what_it_overrode_and_where(journal, side, later):
    _conflict(journal, later)
    journal.run("resolve", DAY)  # back to a clean state, then the same overlap again
    journal.sync()
    later(3600)
    journal.edit_in_notion(DAY, "운동", "운동 N")
    journal.write(DAY, journal.read(DAY).replace("    - 운동\n", "    - 운동 L\n"))
    out = journal.sync("--prefer", side)
    kept = sorted((journal.home / ".notionlog" / "overridden").iterdir())[-1]
    assert f"overrode {DAY}" in out and str(kept) in out
    assert ("운동 N" if side == "local" else "운동 L") in kept.read_text(encoding="utf-8")


def test_a_dotenv_naming_another_database_is_refused_with_both_names(journal, monkeypatch):
    from pathlib import Path

    from tests.sync.conftest import make_database

    monkeypatch.delenv("NOTION_DATABASE_ID")
    (journal.home / ".env").parent.mkdir(parents=True, exist_ok=True)
    journal.write(DAY, BASE)
    (journal.home / ".env").write_text(f"NOTION_DATABASE_ID={journal.database_id}\n")
    journal.sync()
    other, other_source = make_database(journal.fake)
    stray = Path.cwd() / ".env"
    stray.write_text(f"NOTION_DATABASE_ID={other}\n")
    journal.write("2021-12-08", "# 둘째 날\n")
    for command in (["sync"], ["status"], ["status", "--offline"]):
        code, out, err = journal.run(*command)
        assert code == 3, (out, err)
        assert journal.database_id in err and other in err and str(stray) in err
        assert "move it aside" not in err and "in sync" not in out
    assert journal.fake.client().data_sources.query(other_source)["results"] == []
    stray.unlink()  # the remedy: the journal's own database again
    assert "1 created" in journal.sync()


def test_edits_on_adjacent_lines_merge_instead_of_conflicting(journal, later):
    journal.write(DAY, BASE)
    journal.sync()
    later(3600)
    journal.edit_in_notion(DAY, "산책", "산책 (한강)")  # Notion changes line 4...
    journal.write(DAY, BASE.replace("    - 운동\n", "    - 운동 1시간\n    - 독서\n"))  # ...the file 5
    out = journal.sync()
    assert "1 merged" in out and "0 conflicts" in out
    expected = BASE.replace("    - 산책\n    - 운동\n", "    - 산책 (한강)\n    - 운동 1시간\n    - 독서\n")
    assert journal.read(DAY) == expected
    assert journal.markdown(DAY) == expected


def test_carried_todos_survive_a_notion_page_replacing_the_scaffold(journal, later):
    journal.write("2021-12-06", "# 월요일\n\n- [ ] 독서\n    - 30쪽\n- [x] 운동\n")
    assert journal.run("new", "--date", DAY, "--no-edit")[0] == 0
    assert "- [ ] 독서" in journal.read(DAY)  # the scaffold carried it
    assert "untouched scaffold" in journal.sync()
    journal.fake.client().pages.create(
        parent={"data_source_id": journal.data_source_id},
        properties={"Name": {"title": text("폰에서 쓴 날")}, "Date": {"date": {"start": DAY}}},
        children=[{"bulleted_list_item": {"rich_text": text("지하철에서")}}],
    )
    later(3600)
    assert "1 pulled" in journal.sync()
    pulled = journal.read(DAY)
    assert "- 지하철에서" in pulled and "- [ ] 독서\n    - 30쪽" in pulled
    later(3600)
    assert "1 updated" in journal.sync()  # the kept to-do reaches the page too
    assert "독서" in journal.markdown(DAY)
    code, out, _ = journal.run("new", "--date", "2021-12-08", "--no-edit")
    assert code == 0 and "- [ ] 독서" in journal.read("2021-12-08")  # and carries on


def _eleven_days(journal) -> None:
    for day in range(1, 12):
        journal.write(f"2021-12-{day:02d}", f"# {day}일\n\n- 하나\n")


def test_a_sync_writes_no_blank_line_on_stderr(journal):
    _eleven_days(journal)
    code, out, err = journal.run("sync")
    assert code == 0 and "11 created" in out and err == ""


def _touch_every_page(journal, later) -> None:
    """Someone opens each page in the app and retypes its first line as it was: the pages count
    as edited (so sync reads them) but say what the files say."""
    later(3600)
    for page in journal.pages():
        block = journal.blocks(page["id"])[0]
        journal.fake.user_turn_into(block["id"], {block["type"]: block[block["type"]]})
    later(3600)


def test_dry_run_counts_only_what_it_would_do(journal, later):
    _eleven_days(journal)
    journal.sync()
    _touch_every_page(journal, later)  # read again, found equal: nothing to do for those
    journal.write("2021-12-03", "# 3일\n\n- 하나\n- 둘\n")
    code, out, _ = journal.run("sync", "--dry-run")
    assert code == 0 and "dry run: 1 action(s) planned, 0 skipped" in out, out


def test_the_progress_moves_while_pages_are_read(journal, monkeypatch, later):
    from notionlog.cli import sync as cli_sync

    _eleven_days(journal)
    journal.sync()
    _touch_every_page(journal, later)
    seen: list[tuple[int, int, str]] = []
    monkeypatch.setattr(cli_sync._Progress, "__call__", lambda self, *a: seen.append(a))
    journal.sync()
    reading = [done for done, _, what in seen if what.startswith("reading")]
    assert len(reading) == 11 and reading == sorted(set(reading))  # one step further each page
    assert all(done <= total for done, total, _ in seen) and seen[-1][0] == seen[-1][1]


def test_ctrl_c_during_a_sync_says_so(journal):
    import signal
    import subprocess
    import sys
    import time

    journal.write(DAY, BASE)
    journal.fake.clear_requests()
    # every write slow too: the log shows a request once it is answered, so the one after the
    # first logged query is still in flight when the signal comes
    journal.fake.fault("POST /v1/.*", action="delay", delay_ms=3000, times=10)
    process = subprocess.Popen([sys.executable, "-m", "notionlog", "--home", str(journal.home), "sync"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 20
    while not journal.fake.requests():
        assert time.monotonic() < deadline, "the sync never reached Notion"
        time.sleep(0.05)  # wait until the sync is inside its first (delayed) request
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=30)
    assert process.returncode == 130, (out, err)
    assert err.startswith("notionlog: error: interrupted — ") and err.count("\n") == 1


def test_a_long_wait_for_notion_is_announced(journal, monkeypatch):
    from notionlog import notion

    monkeypatch.setattr(notion, "NOTICE_AFTER", 0.5)  # Retry-After: 1 stands for a long one
    journal.write(DAY, BASE)
    journal.fake.fault("POST /v1/data_sources/.*/query", status=429, retry_after=1, times=1)
    code, out, err = journal.run("sync")
    assert code == 0 and "1 created" in out
    assert "waiting 1 s, then trying again" in err and err.count("Notion asks") == 1  # said once


def test_new_push_puts_an_untouched_entry_in_notion_on_purpose(journal, later):
    code, out, err = journal.run("new", "--date", DAY, "--no-edit", "--push")
    assert code == 0, err
    assert out.splitlines()[0] == str(journal.path(DAY)) and "1 created" in out
    page = journal.page_for(DAY)  # the page is there to write in at lunch
    assert page["properties"]["Name"]["title"][0]["plain_text"].startswith("2021-12-07")
    later(3600)
    journal.edit_in_notion(DAY, "회고", "회고 — 점심에 폰으로")
    later(3600)
    assert "1 pulled" in journal.sync()
    assert "회고 — 점심에 폰으로" in journal.read(DAY)
