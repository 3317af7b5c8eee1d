"""Bad settings and time: one clear line and a non-zero exit; Notion edits found minutes later."""

from __future__ import annotations

from tests.sync.conftest import SEED, text

DAY = "2021-12-07"


def test_a_wrong_token_is_one_line_and_never_printed(journal, monkeypatch):
    journal.write(DAY, SEED)
    monkeypatch.setenv("NOTION_TOKEN", "revoked_token_abcdef")  # the emulator refuses it
    code, out, err = journal.run("sync")
    assert code == 4 and "rejected the token" in err and err.count("\n") == 1
    assert "revoked_token" not in out + err
    assert journal.read(DAY) == SEED


def test_a_database_not_shared_and_one_without_date(journal, monkeypatch):
    monkeypatch.setenv("NOTION_DATABASE_ID", "0123456789abcdef0123456789abcdef")
    code, _, err = journal.run("sync")
    assert code == 4 and "not shared" in err

    db = journal.fake.client().databases.create(
        parent={"type": "page_id", "page_id": journal.fake.root_id}, title=text("No date"),
        initial_data_source={"properties": {"Name": {"title": {}}}})
    monkeypatch.setenv("NOTION_DATABASE_ID", db["id"])
    code, _, err = journal.run("sync")
    assert code == 4 and "lacks Date" in err and "init --yes" in err


def test_missing_settings_are_reported_together(journal, monkeypatch):
    monkeypatch.delenv("NOTION_TOKEN")
    monkeypatch.delenv("NOTION_DATABASE_ID")
    code, _, err = journal.run("sync")
    assert code == 3 and "NOTION_TOKEN missing" in err and "NOTION_DATABASE_ID missing" in err


def test_an_edit_in_notion_minutes_later_is_found_by_the_query(journal, later):
    journal.write(DAY, SEED)
    journal.sync()
    later(300)  # five minutes pass, for Notion and for us
    journal.sync()  # recognises its own push
    journal.fake.clear_requests()
    journal.sync()
    assert len(journal.fake.requests()) == 1  # settled: the query alone

    later(120)
    page = journal.page_for(DAY)
    first = journal.fake.client().blocks.children.list(page["id"])["results"][0]
    journal.fake.user_turn_into(first["id"], {"heading_2": {"rich_text": text("20211207 (수정)")}})
    out = journal.sync()
    assert "1 pulled" in out and "## 20211207 (수정)" in journal.read(DAY)


def test_a_status_store_of_another_database_is_refused(journal, monkeypatch):
    from tests.sync.conftest import make_database

    journal.write(DAY, SEED)
    journal.sync()
    other, _ = make_database(journal.fake)
    monkeypatch.setenv("NOTION_DATABASE_ID", other)
    code, _, err = journal.run("sync")
    assert code == 3 and journal.database_id in err and other in err and "environment" in err
    assert journal.read(DAY) == SEED
