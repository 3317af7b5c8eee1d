"""An interrupted `notes pull` leaves the index right: a page still linked is never 'no longer linked'."""

from __future__ import annotations

from ..clirun import run

A_ID = "aaaaaaaa-6753-4ffd-bad2-0c2fac7132fe"
B_ID = "bbbbbbbb-6753-4ffd-bad2-0c2fac7132fe"


def test_an_interrupted_pull_keeps_still_linked_notes_linked(fakenotion, isolated, monkeypatch, capsys):
    monkeypatch.setenv("NOTION_TOKEN", fakenotion.token)
    monkeypatch.setenv("NOTION_BASE_URL", fakenotion.base_url)
    monkeypatch.setenv("NOTIONLOG_MAX_RPS", "1000")
    entry = isolated / "entries" / "2021" / "2021-12-07.md"
    entry.parent.mkdir(parents=True)
    entry.write_text(f"# 하루\n\n- https://www.notion.so/A-{A_ID.replace('-', '')}\n"
                     f"- https://www.notion.so/B-{B_ID.replace('-', '')}\n", encoding="utf-8")
    fakenotion.add_page("A", [], id=A_ID)
    fakenotion.add_page("B", [], id=B_ID)
    assert run(capsys, "notes", "pull")[0] == 0
    index = isolated / "notes" / "README.md"
    assert index.read_text(encoding="utf-8").count("linked from [2021-12-07]") == 2
    fakenotion.advance_clock(3600)
    fakenotion.fault(f"GET /v1/pages/{A_ID}", action="status", status=401, times=5)
    status, out, err = run(capsys, "notes", "pull")  # stops at the first page
    assert status == 4, err
    text = index.read_text(encoding="utf-8")
    assert "no entry links here" not in text and text.count("linked from [2021-12-07]") == 2
    status, out, _ = run(capsys, "notes", "list")
    assert "no longer linked" not in out and out.count("2021-12-07") == 2


def test_a_long_wait_during_notes_pull_is_announced(fakenotion, isolated, monkeypatch, capsys):
    from notionlog import notion

    monkeypatch.setattr(notion, "NOTICE_AFTER", 0.5)  # Retry-After: 1 stands for a long one
    monkeypatch.setenv("NOTION_TOKEN", fakenotion.token)
    monkeypatch.setenv("NOTION_BASE_URL", fakenotion.base_url)
    monkeypatch.setenv("NOTIONLOG_MAX_RPS", "1000")
    entry = isolated / "entries" / "2021" / "2021-12-07.md"
    entry.parent.mkdir(parents=True)
    entry.write_text(f"- https://www.notion.so/A-{A_ID.replace('-', '')}\n", encoding="utf-8")
    fakenotion.add_page("A", [], id=A_ID)
    fakenotion.fault(f"GET /v1/pages/{A_ID}", status=429, retry_after=1, times=1)
    status, out, err = run(capsys, "notes", "pull")
    assert status == 0 and "1 pulled" in out and "waiting 1 s, then trying again" in err
