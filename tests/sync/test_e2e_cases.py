"""End to end: two machines, dry run, deletions, the lock, bad files, scaffolds, status."""

from __future__ import annotations

import pytest

from tests.sync.conftest import SEED, text

DAY = "2021-12-07"


def test_two_homes_on_one_database_converge(journal, other_journal):
    journal.write(DAY, SEED)
    other_journal.write("2021-12-08", "# 둘째 날\n\n- 하나\n- 둘\n")
    journal.sync()
    other_journal.sync()
    journal.sync()
    assert journal.read("2021-12-08") == other_journal.read("2021-12-08")
    assert other_journal.read(DAY) == journal.markdown(DAY)  # the seed, normalized

    # both machines edit the same entry in the same minute, in different places
    a = journal.read("2021-12-08").replace("- 하나\n", "- 하나 (A)\n")
    b = other_journal.read("2021-12-08").replace("- 둘\n", "- 둘\n- 셋 (B)\n")
    journal.write("2021-12-08", a)
    other_journal.write("2021-12-08", b)
    journal.sync()
    other_journal.sync()  # merges A's pushed edit with its own
    journal.sync()  # pulls the merge
    assert journal.read("2021-12-08") == other_journal.read("2021-12-08")
    final = journal.read("2021-12-08")
    assert "하나 (A)" in final and "셋 (B)" in final
    assert journal.markdown("2021-12-08") == final
    assert len(journal.pages()) == 2


def test_dry_run_prints_the_plan_and_writes_nothing(journal):
    journal.write(DAY, SEED)
    journal.write("2021-12-08", "# 둘째 날\n\n- 하나\n")
    out = journal.sync("--dry-run")
    assert "would create" in out and DAY in out and "2021-12-08" in out
    assert journal.writes() == []
    assert journal.pages() == []
    journal.sync()
    journal.write(DAY, SEED + "\n- 더\n")
    journal.fake.clear_requests()
    out = journal.sync("--dry-run")
    assert "would push" in out
    assert journal.writes() == []


def test_a_page_created_in_notion_becomes_an_entry(journal):
    client = journal.fake.client()
    client.pages.create(
        parent={"data_source_id": journal.data_source_id},
        properties={"Name": {"title": text("폰에서 쓴 날")}, "Date": {"date": {"start": "2021-12-09"}},
                    "Tags": {"multi_select": [{"name": "phone"}]}},
        children=[{"bulleted_list_item": {"rich_text": text("지하철에서")}}],
    )
    out = journal.sync()
    assert "1 pulled" in out
    written = journal.read("2021-12-09")
    assert "# 폰에서 쓴 날" in written and "- 지하철에서" in written and "phone" in written
    journal.fake.clear_requests()
    journal.sync()
    assert journal.writes() == []  # pulled text is not pushed back


def test_deletions_are_reported_and_spread_only_with_delete(journal, later):
    journal.write(DAY, SEED)
    journal.write("2021-12-08", "# 둘째 날\n\n- 하나\n")
    journal.sync()
    journal.path(DAY).unlink()
    out = journal.sync()
    assert "file removed here" in out and "--delete" in out
    assert len(journal.pages()) == 2
    journal.sync("--delete")
    assert [p["properties"]["Date"]["date"]["start"] for p in journal.pages()] == ["2021-12-08"]

    journal.fake.user_trash(journal.page_for("2021-12-08")["id"])
    code, out, _ = journal.run("status")  # status lists everything: deletions show at once
    assert code == 0 and "2021-12-08  trashed in Notion" in out
    later(25 * 3600)  # a plain sync looks for deletions at least once a day
    out = journal.sync()
    assert "trashed in Notion" in out and journal.path("2021-12-08").exists()
    journal.sync("--delete")
    assert not journal.path("2021-12-08").exists()
    kept = journal.home / ".notionlog" / "trash" / "2021-12-08.md"
    assert kept.read_text(encoding="utf-8").startswith("# 둘째 날")


def test_a_second_sync_on_the_same_home_is_refused(journal):
    from notionlog.sync import lock

    with lock.hold(journal.home):
        code, _, err = journal.run("sync")
    assert code == 7 and "another sync is running" in err
    assert journal.sync() is not None  # the lock went with its holder


def test_a_corrupt_status_store_is_a_clear_error_and_nothing_is_lost(journal):
    journal.write(DAY, SEED)
    journal.sync()
    state = journal.home / ".notionlog" / "state.db"
    state.write_bytes(b"this is not sqlite" * 100)
    code, _, err = journal.run("sync")
    assert code == 8 and "status store" in err and "move it aside" in err
    assert journal.read(DAY) == SEED
    state.rename(state.with_suffix(".bad"))
    journal.sync()  # rebuilt from the listing: the page is found, not duplicated
    assert len(journal.pages()) == 1


def test_bad_files_are_reported_and_the_rest_sync(journal):
    journal.write(DAY, SEED)
    bad = journal.path("2021-12-08")
    bad.write_bytes(b"\xff\xfe\x00binary")
    long_line = "# 긴 줄\n\n" + ("가나다라 " * 2000) + "\n"
    journal.write("2021-12-09", long_line)
    code, out, err = journal.run("sync")
    assert code == 0, (out, err)
    assert "2 created" in out
    assert "2021-12-08" in err and "UTF-8" in err
    assert bad.read_bytes() == b"\xff\xfe\x00binary"
    assert journal.markdown("2021-12-09").replace(" ", "") == long_line.replace(" ", "")


def test_an_untouched_scaffold_is_not_pushed(journal):
    code, out, err = journal.run("new", "--date", "2021-12-10", "--no-edit")
    assert code == 0, err
    out = journal.sync()
    assert "untouched scaffold" in out
    assert journal.pages() == []


@pytest.mark.parametrize("side", ["local", "remote"])
def test_prefer_takes_one_side_and_keeps_the_other_aside(journal, side):
    journal.write(DAY, "# 하루\n\n- 하나\n")
    journal.sync()
    page = journal.page_for(DAY)
    block = journal.blocks(page["id"])[0]
    journal.fake.user_turn_into(block["id"], {"bulleted_list_item": {"rich_text": text("하나 N")}})
    journal.write(DAY, "# 하루\n\n- 하나 L\n")
    journal.sync("--prefer", side)
    expected = "- 하나 L" if side == "local" else "- 하나 N"
    assert expected in journal.read(DAY) and expected in journal.markdown(DAY)
    aside = list((journal.home / ".notionlog" / "overridden").iterdir())
    assert len(aside) == 1 and ("하나 N" if side == "local" else "하나 L") in aside[0].read_text()


def test_status_names_each_entry_state(journal):
    journal.write(DAY, SEED)
    journal.write("2021-12-08", "# 둘째 날\n\n- 하나\n")
    journal.sync()
    journal.write(DAY, SEED + "\n- 더\n")
    journal.write("2021-12-11", "# 새 날\n")
    code, out, _ = journal.run("status", "--offline")
    assert code == 0
    assert f"{DAY}  changed here" in out and "2021-12-08  in sync" in out and "2021-12-11  new" in out
    journal.fake.clear_requests()
    code, out, _ = journal.run("status")
    assert code == 0 and len(journal.fake.requests()) == 1


def test_a_page_whose_date_changed_in_notion_moves_and_the_old_file_gets_a_new_page(journal):
    journal.write(DAY, "# 하루\n\n- 하나\n")
    journal.sync()
    page = journal.page_for(DAY)
    journal.fake.client().pages.update(page["id"], properties={"Date": {"date": {"start": "2021-12-20"}}})
    out = journal.sync()
    assert "now has Date 2021-12-20" in out
    assert journal.read("2021-12-20") == "# 하루\n\n- 하나\n"
    journal.write(DAY, "# 하루\n\n- 하나\n- 여기서 더\n")
    journal.sync()
    assert "여기서 더" in journal.markdown(DAY)
    assert "여기서 더" not in journal.markdown("2021-12-20")
    assert len(journal.pages()) == 2


def test_post_sync_steps_run_after_the_entries_with_their_text(journal, monkeypatch):
    from notionlog.sync import engine

    seen = []
    monkeypatch.setattr(engine, "POST_SYNC_STEPS", [lambda ctx: seen.append(dict(ctx.entries))])
    journal.write(DAY, SEED)
    journal.sync()
    import datetime

    assert seen == [{datetime.date(2021, 12, 7): SEED}]
