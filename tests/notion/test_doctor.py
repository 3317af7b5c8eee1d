"""`notionlog doctor` against the emulator over HTTP: each check, what it leaves behind, the command."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from notionlog.cli import main
from notionlog.notion.doctor import MINUTE_WAIT, diagnose
from notionlog.settings import Settings


def journal(fakenotion, properties: dict | None = None) -> tuple[str, str]:
    db = fakenotion.client().databases.create(
        parent={"type": "page_id", "page_id": fakenotion.root_id},
        title=[{"type": "text", "text": {"content": "Journal"}}],
        initial_data_source={
            "properties": properties
            or {"Name": {"title": {}}, "Date": {"date": {}}, "Tags": {"multi_select": {}},
                "notionlog": {"rich_text": {}}}
        },
    )
    return db["id"], db["data_sources"][0]["id"]


def settings_for(fakenotion, database_id: str | None, **extra) -> Settings:
    return Settings(
        home=Path("home"),
        token=fakenotion.token,
        base_url=fakenotion.base_url,
        database_id=database_id,
        **{"max_rps": 1000.0, **extra},
    )


def run(fakenotion, settings: Settings, **options):
    """diagnose with time that moves the emulator's clock instead of sleeping."""
    waits: list[float] = []

    def sleep(seconds: float) -> None:
        waits.append(seconds)
        fakenotion.advance_clock(seconds)

    report = diagnose(settings, {"sleep": sleep, **options})
    return report, {f.check: f for f in report.findings}, waits


def test_a_healthy_setup_passes_and_leaves_only_a_trashed_scratch_page(fakenotion):
    db, ds = journal(fakenotion)
    report, found, waits = run(fakenotion, settings_for(fakenotion, db, max_rps=3.0))
    assert report.requests == len(fakenotion.requests()) - 1  # all but the journal's creation
    assert [f.check for f in report.findings] == [
        "token",
        "database",
        "schema",
        "clock",
        "content edit",
        "revision mark",
        "write",
        "rate limit",
    ]
    assert not report.failed and all(f.status in ("ok", "info") for f in report.findings)
    assert found["content edit"].detail.endswith("does not move the page's last_edited_time")
    assert waits == [MINUTE_WAIT]
    client = fakenotion.client()
    assert client.data_sources.query(ds)["results"] == []
    scratch = found["write"].detail.split()[2]
    assert client.pages.retrieve(scratch)["in_trash"] is True


def test_when_content_edits_move_the_time_the_mark_is_checked_after_another_minute(fakenotion):
    db, _ = journal(fakenotion)
    fakenotion.configure(bump_on_content_edit=True)
    report, found, waits = run(fakenotion, settings_for(fakenotion, db))
    assert found["content edit"].detail.endswith("moves the page's last_edited_time")
    assert found["revision mark"].status == "ok" and waits == [MINUTE_WAIT, MINUTE_WAIT]


def test_quick_skips_the_timestamp_checks_and_waits_for_nothing(fakenotion):
    db, _ = journal(fakenotion)
    report, found, waits = run(fakenotion, settings_for(fakenotion, db), minute_checks=False)
    assert waits == [] and "content edit" not in found and found["write"].status == "ok"


def test_a_refused_token_stops_at_the_first_check(fakenotion):
    db, _ = journal(fakenotion)
    settings = Settings(home=Path("home"), token="revoked", base_url=fakenotion.base_url, database_id=db)
    report, found, _ = run(fakenotion, settings)
    assert [f.check for f in report.findings] == ["token", "rate limit"] and report.failed
    assert type(found["token"].error).__name__ == "NotionAuth"


def test_an_unshared_database_and_a_missing_one_are_named(fakenotion):
    report, found, _ = run(fakenotion, settings_for(fakenotion, "3d0982b9f95841d08437cf2e00981c7f"))
    assert found["database"].status == "fail" and type(found["database"].error).__name__ == "NotionNotShared"
    _, found, _ = run(fakenotion, settings_for(fakenotion, None))
    assert "notionlog init" in found["database"].detail


def test_a_schema_without_date_fails_before_anything_is_written(fakenotion):
    db, ds = journal(fakenotion, {"Name": {"title": {}}})
    fakenotion.clear_requests()
    report, found, _ = run(fakenotion, settings_for(fakenotion, db))
    assert found["schema"].status == "fail" and "Date" in found["schema"].detail
    assert "write" not in found
    assert not [r for r in fakenotion.requests() if r["method"] != "GET"]


def test_a_clock_running_ahead_is_pointed_out(fakenotion):
    db, _ = journal(fakenotion)

    def ahead() -> float:
        return time.time() + 300

    _, found, _ = run(fakenotion, settings_for(fakenotion, db), now=ahead, minute_checks=False)
    assert found["clock"].status == "warn" and "ahead of Notion's" in found["clock"].detail
    assert found["clock"].detail.startswith("this computer's clock is 30")  # 300 s, give or take


def test_retried_requests_and_a_fast_pace_are_warned_about(fakenotion):
    db, _ = journal(fakenotion)
    fakenotion.fault(r"GET /v1/users/me", retry_after=0)
    _, found, _ = run(fakenotion, settings_for(fakenotion, db), minute_checks=False)
    assert found["rate limit"].status == "warn" and "1 of" in found["rate limit"].detail
    _, found, _ = run(fakenotion, settings_for(fakenotion, db, max_rps=10.0), minute_checks=False)
    assert found["rate limit"].status == "warn" and "lower NOTIONLOG_MAX_RPS" in found["rate limit"].detail


def test_the_scratch_page_is_trashed_even_when_a_check_fails(fakenotion):
    db, ds = journal(fakenotion)
    fakenotion.fault(r"PATCH /v1/blocks/.*/children", status=403, retry_after=None)
    report, found, _ = run(fakenotion, settings_for(fakenotion, db))
    assert found["timestamps"].status == "fail" and report.failed
    assert found["write"].status == "ok"
    assert fakenotion.client().data_sources.query(ds)["results"] == []


@pytest.fixture
def env(fakenotion, monkeypatch):
    monkeypatch.setenv("NOTION_BASE_URL", fakenotion.base_url)
    monkeypatch.setenv("NOTION_TOKEN", fakenotion.token)
    monkeypatch.setenv("NOTIONLOG_MAX_RPS", "1000")


def test_the_command_prints_one_line_per_finding(fakenotion, env, monkeypatch, capsys):
    db, _ = journal(fakenotion)
    monkeypatch.setenv("NOTION_DATABASE_ID", db)
    with pytest.raises(SystemExit) as done:
        main(["doctor", "--quick"])
    out = capsys.readouterr().out
    assert done.value.code == 0
    assert [line.split()[1] for line in out.splitlines()] == [
        "token",
        "database",
        "schema",
        "clock",
        "write",
        "rate",
    ]
    assert fakenotion.token not in out


def test_the_command_exits_4_with_the_remedy_when_a_check_fails(fakenotion, env, monkeypatch, capsys):
    monkeypatch.setenv("NOTION_DATABASE_ID", "3d0982b9f95841d08437cf2e00981c7f")
    with pytest.raises(SystemExit) as done:
        main(["doctor", "--quick"])
    out = capsys.readouterr().out
    assert done.value.code == 4
    assert "FAIL  database" in out and "Connections" in out
