"""Sync on Notion's documented semantics, end to end over HTTP (the emulator's defaults: a trash
query is refused, API content edits do not move ``last_edited_time``). Time moves for Notion and
for the laptop alike (``later``), or the laptop's clock alone is off (``laptop_clock``)."""

from __future__ import annotations

import time

import pytest

from tests.sync.conftest import SEED, text

DAY = "2021-12-07"


@pytest.fixture
def laptop_clock(monkeypatch):
    """Set the sync engine's clock ``seconds`` off Notion's (a VM, WSL2 after sleep)."""
    from notionlog.sync import engine

    def shift(seconds: float) -> None:
        monkeypatch.setattr(engine, "now", lambda: time.time() + seconds)

    return shift


def _three(journal) -> None:
    for day in ("2021-12-05", "2021-12-06", DAY):
        journal.write(day, f"# {day}\n\n- 하나\n")
    assert "3 created" in journal.sync()


def _phone_page(journal, day: str, title: str = "폰에서", line: str = "폰에서 쓴 줄") -> dict:
    """A page for ``day`` made elsewhere (the phone) through the API, with one line of text."""
    return journal.fake.client().pages.create(
        parent={"data_source_id": journal.data_source_id},
        properties={"Name": {"title": text(title)}, "Date": {"date": {"start": day}}},
        children=[{"paragraph": {"rich_text": text(line)}}])


def _block(journal, day: str, content: str) -> dict:
    client = journal.fake.client()

    def walk(block_id):
        for block in client.blocks.children.list(block_id)["results"]:
            rich = block[block["type"]].get("rich_text", [])
            if "".join(i["plain_text"] for i in rich) == content:
                return block
            found = walk(block["id"]) if block["has_children"] else None
            if found:
                return found
        return None

    found = walk(journal.page_for(day)["id"])
    assert found, content
    return found


def test_the_emulator_is_the_unkind_one(journal):
    assert journal.fake.configure()["bump_on_content_edit"] is False


# -- 1. deletions come from each page's own object, never from a trash query --------------------

def test_live_pages_are_never_taken_for_trashed(journal, later):
    _three(journal)
    later(25 * 3600)  # a day on: this sync lists everything to look for deletions
    out = journal.sync("--delete")
    assert "deleted" not in out and "trashed" not in out
    assert all(journal.path(d).exists() for d in ("2021-12-05", "2021-12-06", DAY))
    assert len(journal.pages()) == 3
    assert not [r for r in journal.fake.requests() if r["status"] == 400]  # no refused query

    journal.fake.user_trash(journal.page_for(DAY)["id"])
    code, out, _ = journal.run("status")
    assert code == 0 and f"{DAY}  trashed in Notion" in out and "2021-12-05  in sync" in out
    out = journal.sync("--delete")
    assert "1 deleted" in out and not journal.path(DAY).exists()
    assert journal.path("2021-12-05").exists() and journal.path("2021-12-06").exists()


# -- 2. API content edits move no timestamp: the revision mark shows them ----------------------

def _other_machine_edits_a_settled_entry(journal, other_journal, later) -> None:
    """Both homes hold the seed, settled; an hour later the other one changes 멘토링 (not synced)."""
    journal.write(DAY, SEED)
    journal.sync()
    later(120)
    other_journal.sync()
    journal.sync()  # settled: its own push recognised
    later(3600)
    other_journal.write(DAY, other_journal.read(DAY).replace("멘토링\n", "멘토링 (집)\n", 1))


def test_an_edit_pushed_by_another_machine_is_seen_and_never_overwritten(journal, other_journal,
                                                                          later):
    _other_machine_edits_a_settled_entry(journal, other_journal, later)
    assert "1 updated" in other_journal.sync()
    journal.write(DAY, SEED.replace("멘토링\n", "멘토링 (회사)\n", 1))  # the same line, here
    out = journal.sync(expect=6)
    assert "conflict" in out
    assert "멘토링 (집)" in journal.markdown(DAY)  # Notion keeps the other machine's words
    copy = journal.home / "entries" / "2021" / f"{DAY}.notion.md"
    assert "멘토링 (집)" in copy.read_text(encoding="utf-8")
    assert "멘토링 (회사)" in journal.read(DAY)  # and the file keeps ours


def test_edits_of_different_lines_from_two_machines_merge(journal, other_journal, later):
    _other_machine_edits_a_settled_entry(journal, other_journal, later)
    other_journal.sync()
    journal.write(DAY, SEED.replace("면접 질문 정리\n", "면접 질문 정리 (3개)\n", 1))
    assert "1 merged" in journal.sync()
    notion = journal.markdown(DAY)
    assert "멘토링 (집)" in notion and "면접 질문 정리 (3개)" in notion


def test_sync_verify_finds_an_edit_that_moved_no_timestamp(journal, later):
    """Another integration's content edit leaves neither a timestamp nor a mark: the fingerprint
    taken by an earlier sync shows it."""
    journal.write(DAY, SEED)
    journal.sync()  # takes the new page's fingerprint
    later(3600)
    block = _block(journal, DAY, "멘토링")
    journal.fake.client().blocks.update(block["id"], bulleted_list_item={"rich_text": text("멘토링 (API)")})
    journal.fake.clear_requests()
    assert "0 pulled" in journal.sync()  # timestamps cannot show it
    out = journal.sync("--verify")
    assert "1 pulled" in out and "멘토링 (API)" in journal.read(DAY)


def _api_edit_found_only_by_verify(journal, later) -> None:
    """Another integration edits a line: no timestamp shows it, `sync --verify` pulls it."""
    block = _block(journal, DAY, "멘토링")
    journal.fake.client().blocks.update(block["id"], bulleted_list_item={"rich_text": text("멘토링 (API)")})
    later(3600)
    assert "0 pulled" in journal.sync()  # timestamps cannot show it
    later(3600)
    out = journal.sync("--verify")
    assert "1 pulled" in out and "멘토링 (API)" in journal.read(DAY)


def test_an_api_edit_right_after_the_push_is_found_by_verify(journal, later):
    """The fingerprint is taken as the page is written, not at the next sync: an edit another
    integration makes before that sync is not folded into it."""
    journal.write(DAY, SEED)
    journal.sync()
    _api_edit_found_only_by_verify(journal, later)


# -- 3. "changed since" on Notion's clock, whatever the laptop's says -------------------------

@pytest.mark.parametrize("skew", [150, 90, -150])
def test_a_phone_edit_seconds_after_a_sync_is_pulled_whatever_the_laptop_clock(journal, laptop_clock,
                                                                                later, skew):
    laptop_clock(skew)
    journal.write(DAY, SEED)
    journal.sync()
    later(7200)
    laptop_clock(7200 + skew)
    journal.sync()
    block = _block(journal, DAY, "멘토링")  # typed on the phone seconds after that sync
    journal.fake.user_turn_into(block["id"], {"bulleted_list_item": {"rich_text": text("멘토링 폰")}})
    later(30)
    laptop_clock(7230 + skew)
    out = journal.sync()
    assert "1 pulled" in out and "멘토링 폰" in journal.read(DAY)


# -- 4. a vanished side is not a deletion ------------------------------------------------------

def test_delete_with_the_entries_folder_missing_is_refused_and_nothing_is_recreated(journal, later):
    _three(journal)
    ids = sorted(p["id"] for p in journal.pages())
    entries = journal.home / "entries"
    entries.rename(journal.home / "entries-unmounted")
    later(3600)
    code, out, err = journal.run("sync", "--delete")
    assert code != 0 and "entries folder is missing" in err and "--force-delete" in err
    assert "3 of 3" in err and sorted(p["id"] for p in journal.pages()) == ids
    (journal.home / "entries-unmounted").rename(entries)
    out = journal.sync()
    assert "0 created" in out and sorted(p["id"] for p in journal.pages()) == ids


def test_a_plain_sync_with_the_entries_folder_missing_says_so_and_deletes_nothing(journal, later):
    _three(journal)
    ids = sorted(p["id"] for p in journal.pages())
    (journal.home / "entries").rename(journal.home / "entries-unmounted")
    later(3600)
    journal.fake.clear_requests()
    code, out, err = journal.run("sync")
    assert code == 0 and "the entries folder is missing" in out + err and "unmounted" in out + err
    assert sorted(p["id"] for p in journal.pages()) == ids and journal.writes() == []


def test_most_pages_gone_at_once_needs_confirming(journal, later):
    for day in ("2021-12-01", "2021-12-02", "2021-12-03", "2021-12-04"):
        journal.write(day, f"# {day}\n\n- 하나\n")
    journal.sync()
    for day in ("2021-12-01", "2021-12-02", "2021-12-03"):
        journal.fake.user_trash(journal.page_for(day)["id"])
    later(3600)
    code, _, err = journal.run("sync", "--delete")
    assert code != 0 and "3 of 4" in err and journal.path("2021-12-01").exists()
    out = journal.sync("--delete", "--force-delete")
    assert "3 deleted" in out and not journal.path("2021-12-01").exists()


# -- 5. a second page for a date reaches disk; nothing rebinds ---------------------------------

def test_a_second_page_for_a_date_is_written_beside_the_entry(journal, later):
    journal.write(DAY, "# 하루\n\n- 하나\n")
    journal.sync()
    synced = journal.page_for(DAY)["id"]
    later(600)
    second = _phone_page(journal, DAY)
    later(60)
    out = journal.sync()
    copy = journal.home / "entries" / "2021" / f"{DAY}.notion.md"
    written = copy.read_text(encoding="utf-8")
    assert "폰에서 쓴 줄" in written and synced in written and second["id"] in written
    assert second["id"] in out and synced in out and str(copy) in out
    assert journal.read(DAY) == "# 하루\n\n- 하나\n"  # the entry is untouched
    code, _, _ = journal.run("resolve", DAY)
    assert code == 0
    journal.write(DAY, "# 하루\n\n- 하나\n- 둘\n")
    later(3600)
    journal.sync()
    from notionlog.sync.store import open_store

    store = open_store(journal.home)
    assert store.get(DAY).page_id == synced  # still bound to its own page
    store.close()
    assert "폰에서 쓴 줄" in str(journal.fake.client().blocks.children.list(second["id"]))


# -- 6. titles ---------------------------------------------------------------------------------

def test_an_untitled_page_starting_with_headings_keeps_them(journal, later):
    journal.fake.client().pages.create(
        parent={"data_source_id": journal.data_source_id},
        properties={"Name": {"title": []}, "Date": {"date": {"start": DAY}}},
        children=[{"heading_1": {"rich_text": text("첫째")}}, {"heading_1": {"rich_text": text("둘째")}},
                  {"paragraph": {"rich_text": text("본문")}}])
    later(60)
    journal.sync()
    for n in range(3):  # edit-and-sync cycles: no heading is lost, no title appears
        journal.write(DAY, journal.read(DAY) + f"\n추가 {n}\n")
        later(3600)
        journal.sync()
        page = journal.page_for(DAY)
        assert page["properties"]["Name"]["title"] == []
        kinds = [b["type"] for b in journal.blocks(page["id"])]
        assert kinds[:3] == ["heading_1", "heading_1", "paragraph"], kinds
    assert "# 첫째" in journal.read(DAY) and "# 둘째" in journal.read(DAY)


# -- 7. the smaller ones -----------------------------------------------------------------------

def test_a_title_edit_keeps_the_dates_time_and_end(journal, later):
    journal.write(DAY, "# 하루\n\n- 하나\n")
    journal.sync()
    page = journal.page_for(DAY)
    when = {"start": f"{DAY}T09:00:00.000+09:00", "end": f"{DAY}T18:00:00.000+09:00"}
    journal.fake.user_properties(page["id"], {"Date": {"date": when}})
    later(3600)
    journal.sync()
    journal.write(DAY, journal.read(DAY).replace("# 하루", "# 좋은 하루"))
    later(3600)
    assert "1 updated" in journal.sync()
    date = journal.page_for(DAY)["properties"]["Date"]["date"]
    assert date["start"].startswith(f"{DAY}T09:00") and date["end"].startswith(f"{DAY}T18:00")


def test_every_file_under_entries_that_is_not_synced_is_named(journal):
    journal.write(DAY, "# 하루\n")
    for name in ("2021/2021-12-08.markdown", "2021/2021-12-09.MD", "2021-12-10.md", "notes.txt"):
        path = journal.home / "entries" / name
        path.write_text("# x\n", encoding="utf-8")
    out = journal.sync()
    for name in ("2021-12-08.markdown", "2021-12-09.MD", "entries/2021-12-10.md", "notes.txt"):
        assert name in out and "not synced" in out
    assert "1 created" in out


def test_bom_crlf_and_symlinks_are_kept(journal, later, tmp_path):
    elsewhere = tmp_path / "cloud" / f"{DAY}.md"
    elsewhere.parent.mkdir()
    elsewhere.write_bytes("\ufeff# 하루\r\n\r\n- 하나\r\n- 둘\r\n".encode())
    link = journal.path(DAY)
    link.parent.mkdir(parents=True)
    link.symlink_to(elsewhere)
    journal.sync()
    assert journal.page_for(DAY)["properties"]["Name"]["title"][0]["plain_text"] == "하루"
    later(120)
    block = _block(journal, DAY, "둘")
    journal.fake.user_turn_into(block["id"], {"bulleted_list_item": {"rich_text": text("둘 폰")}})
    later(60)
    assert "1 pulled" in journal.sync()
    assert link.is_symlink()
    data = elsewhere.read_bytes().decode()
    assert data == "\ufeff# 하루\r\n\r\n- 하나\r\n- 둘 폰\r\n"


def test_a_tag_with_a_comma_is_a_clear_error(journal):
    journal.write(DAY, "---\ntags: [\"a, b\"]\n---\n# 하루\n")
    journal.write("2021-12-08", "# 둘째\n")
    code, out, err = journal.run("sync")
    assert code != 0 and "'a, b'" in err and "comma" in err and "rename the tag" in err
    assert [p["properties"]["Date"]["date"]["start"] for p in journal.pages()] == ["2021-12-08"]


def test_tags_written_as_one_string_are_separate_tags_in_notion(journal):
    journal.write(DAY, "---\ntags: 일, 운동\n---\n# 하루\n")
    journal.write("2021-12-08", "---\ntags: mlops kubeflow\n---\n# 둘째\n")
    assert "2 created" in journal.sync()
    tags = {p["properties"]["Date"]["date"]["start"]:
            [o["name"] for o in p["properties"]["Tags"]["multi_select"]] for p in journal.pages()}
    assert tags == {DAY: ["일", "운동"], "2021-12-08": ["mlops", "kubeflow"]}


def test_the_workspace_block_limit_is_named(journal):
    journal.write(DAY, "# 하루\n")
    journal.fake.fault("POST /v1/pages", status=403, preset="block_limit")
    code, _, err = journal.run("sync")
    assert code != 0 and "block limit" in err and "not shared" not in err


def test_a_long_retry_after_is_waited_whole(journal, monkeypatch):
    slept = []
    monkeypatch.setattr(time, "sleep", slept.append)
    journal.write(DAY, "# 하루\n")
    journal.fake.fault("POST /v1/data_sources/.*/query", status=429, retry_after=90, times=1)
    code, out, err = journal.run("sync")
    assert code == 0 and "1 created" in out and 90 in slept and "90 s" in err


def test_the_notion_version_is_pinned():
    import httpx

    from notionlog.notion import NOTION_VERSION, connect
    from notionlog.settings import Settings

    seen = []

    def answer(request):
        seen.append(request.headers["Notion-Version"])
        return httpx.Response(200, json={"object": "user", "id": "u", "type": "bot"})

    api = connect(Settings(home=None, token="ntn_x", base_url="http://n.test", max_rps=1000),
                  transport=httpx.MockTransport(answer))
    api.me()
    assert seen == [NOTION_VERSION] == ["2025-09-03"]


def test_a_page_moved_onto_a_date_with_an_entry_is_a_second_page_there(journal, later):
    journal.write(DAY, "# 하루\n\n- 하나\n")
    journal.write("2021-12-08", "# 다음 날\n\n- 둘\n")
    journal.sync()
    synced, moved = journal.page_for(DAY)["id"], journal.page_for("2021-12-08")["id"]
    journal.fake.user_properties(moved, {"Date": {"date": {"start": DAY}}})
    later(3600)
    out = journal.sync()
    copy = journal.home / "entries" / "2021" / f"{DAY}.notion.md"
    assert "- 둘" in copy.read_text(encoding="utf-8") and moved in out and synced in out
    assert journal.read(DAY) == "# 하루\n\n- 하나\n"
    journal.write("2021-12-08", "# 다음 날\n\n- 둘\n- 셋\n")  # never written over the moved page
    later(3600)
    journal.sync()
    client = journal.fake.client()
    assert "셋" not in str(client.blocks.children.list(moved)) and "셋" not in str(
        client.blocks.children.list(synced))
    dates = [p["properties"]["Date"]["date"]["start"] for p in journal.pages()]
    assert sorted(dates) == [DAY, DAY, "2021-12-08"]  # the 8th's file got a page of its own


def test_without_the_revision_property_pushes_still_show_and_init_turns_it_on(journal, other_journal,
                                                                              later):
    """A database made before the property existed: each push rewrites the title (which moves the
    page's time), so the other machine still sees it; once `init --yes` adds the property, sync
    uses it within a day."""
    client = journal.fake.client()
    client.data_sources.update(journal.data_source_id, properties={"notionlog": None})
    assert "notionlog" not in client.data_sources.retrieve(journal.data_source_id)["properties"]
    journal.write(DAY, SEED)
    journal.sync()
    later(120)
    other_journal.sync()
    journal.sync()  # without the mark, its own push is read back once
    later(3600)
    other_journal.write(DAY, other_journal.read(DAY).replace("멘토링\n", "멘토링 (집)\n", 1))
    other_journal.sync()
    later(60)
    assert "1 pulled" in journal.sync() and "멘토링 (집)" in journal.read(DAY)
    code, _, _ = journal.run("init", "--yes")
    assert code == 0
    later(25 * 3600)
    journal.write(DAY, journal.read(DAY).replace("멘토링 (집)", "멘토링 (집, 2시간)"))
    journal.sync()
    mark = journal.page_for(DAY)["properties"]["notionlog"]["rich_text"]
    assert len(mark) == 1 and len(mark[0]["plain_text"]) == 16


# -- found by a red-team pass -------------------------------------------------------------------

def test_a_second_page_made_days_later_for_an_old_entry_reaches_disk(journal, later):
    """The synced page was not edited since the last sync, so the incremental listing holds only
    the newcomer: it is still a second page, never taken for the date's own."""
    journal.write(DAY, "# 하루\n\n- 하나\n")
    journal.sync()
    synced = journal.page_for(DAY)["id"]
    later(3 * 3600)
    journal.sync()
    later(2 * 86400 - 3600)  # within a day of the last full listing: an incremental sync
    journal.sync()
    later(3600)
    second = _phone_page(journal, DAY)
    later(600)
    out = journal.sync()
    copy = journal.home / "entries" / "2021" / f"{DAY}.notion.md"
    assert copy.exists(), out
    assert "폰에서 쓴 줄" in copy.read_text(encoding="utf-8") and second["id"] in out and synced in out
    assert journal.read(DAY) == "# 하루\n\n- 하나\n"


def test_an_old_page_moved_onto_an_old_entry_and_back(journal, later):
    journal.write(DAY, "# 하루\n\n- 하나\n")
    journal.write("2021-12-08", "# 다음 날\n\n- 둘\n")
    journal.sync()
    synced, moved = journal.page_for(DAY)["id"], journal.page_for("2021-12-08")["id"]
    later(5 * 3600)
    journal.sync()
    later(3 * 3600)
    journal.fake.user_properties(moved, {"Date": {"date": {"start": DAY}}})
    later(600)
    out = journal.sync()
    copy = journal.home / "entries" / "2021" / f"{DAY}.notion.md"
    assert copy.exists() and "- 둘" in copy.read_text(encoding="utf-8"), out
    assert moved in out and synced in out and journal.read(DAY) == "# 하루\n\n- 하나\n"
    journal.fake.user_properties(moved, {"Date": {"date": {"start": "2021-12-08"}}})  # and back
    later(3600)
    out = journal.sync()
    assert journal.read(DAY) == "# 하루\n\n- 하나\n" and "둘" in journal.read("2021-12-08")
    client = journal.fake.client()
    assert "하나" not in str(client.blocks.children.list(moved)), out


def test_status_after_a_failed_push_says_so_not_both_changed(journal, later):
    journal.write(DAY, "# 하루\n\n- 하나\n")
    journal.sync()
    later(3600)
    journal.write(DAY, "# 하루\n\n- 하나\n- 둘\n")
    journal.fake.fault("PATCH /v1/blocks/.*", status=403, preset="block_limit", times=3)
    code, _, err = journal.run("sync")
    assert code != 0 and "block limit" in err
    later(600)
    code, out, _ = journal.run("status")
    assert code == 0 and "both changed" not in out
    assert f"{DAY}  changed here (its last push did not finish: run `notionlog sync`)" in out


def test_a_symlinked_entries_folder_gone_while_notion_changes_waits_for_it(journal, later, tmp_path):
    """The cloud folder behind ``entries`` is unmounted while a page is edited in Notion: nothing is
    written through (or in place of) the dangling link; once it is back the edit is pulled."""
    cloud = tmp_path / "cloud"
    (journal.home / "entries").mkdir(parents=True)
    (journal.home / "entries").rename(cloud)
    (journal.home / "entries").symlink_to(cloud)
    _three(journal)
    cloud.rename(tmp_path / "cloud-unmounted")
    later(3600)
    journal.edit_in_notion(DAY, "하나", "하나 폰")
    later(600)
    code, out, err = journal.run("sync")
    assert code == 0 and "the entries folder is missing" in out + err and "unmounted" in out + err
    assert "use --delete" not in out + err and "File exists" not in out + err
    assert (journal.home / "entries").is_symlink() and not cloud.exists()
    (tmp_path / "cloud-unmounted").rename(cloud)
    later(600)
    assert "1 pulled" in journal.sync() and "하나 폰" in journal.read(DAY)
    assert (journal.home / "entries").is_symlink()


def test_an_api_edit_right_after_a_pull_is_found_by_verify(journal, later):
    """A pulled page's fingerprint is taken as it is pulled, not blind at the next sync (which
    would fold in an edit that moved no timestamp and hide it from every verify)."""
    journal.write(DAY, SEED)
    journal.sync()
    later(3600)
    journal.edit_in_notion(DAY, "면접 질문 정리", "면접 질문 정리 (폰)")
    later(600)  # the edit's minute is long over: the pull settles it
    assert "1 pulled" in journal.sync()
    _api_edit_found_only_by_verify(journal, later)  # another integration, right after that pull


def test_an_edit_here_to_a_page_the_other_machine_trashed_is_kept_and_said(journal, other_journal,
                                                                          later):
    """The other home spread a deletion; this one edits the entry before its daily listing has
    seen the trash: Notion refuses to edit an archived page, and that is not a crash to report."""
    _three(journal)
    later(600)
    other_journal.sync()
    later(600)
    other_journal.path(DAY).unlink()
    assert "1 deleted" in other_journal.sync("--delete")
    later(600)
    journal.write(DAY, journal.read(DAY) + "- 둘\n")
    code, out, err = journal.run("sync")
    assert code == 0 and "report it" not in out + err and "Traceback" not in out + err
    assert f"{DAY}  trashed in Notion but changed here: kept" in out
    assert "- 둘" in journal.read(DAY)
    later(3600)
    code, out, err = journal.run("sync")
    assert code == 0 and "trashed in Notion but changed here: kept" in out


def test_an_emptied_entries_folder_is_not_answered_with_use_delete(journal, later):
    """Every file gone at once (a cloud client emptied the folder): the output must not invite
    the user, once per entry, to spread that with --delete."""
    _three(journal)
    for day in ("2021-12-05", "2021-12-06", DAY):
        journal.path(day).unlink()
    later(3600)
    code, out, err = journal.run("sync")
    assert code == 0 and "no entry file is left" in out + err and "--delete" not in out + err
    assert len(journal.pages()) == 3


def test_a_synced_page_whose_date_was_cleared_is_named_by_its_entry(journal, later):
    journal.write(DAY, "# 하루\n\n- 하나\n")
    journal.sync()
    page = journal.page_for(DAY)["id"]
    later(3600)
    journal.fake.user_properties(page, {"Date": {"date": None}})
    later(600)
    out = journal.sync()
    assert f"{DAY}: its page {page} has no Date now" in out and "set it back in Notion" in out


def test_the_block_limit_midway_through_a_push_stops_the_other_pushes(journal, later):
    """The cap is the workspace's: once Notion says so, the other new entries are not sent one by
    one into the same refusal (a year imported would be 365 refused requests and lines)."""
    journal.write("2021-12-01", "# 첫날\n\n- 하나\n")
    journal.sync()
    later(3600)
    for day in ("2021-12-02", "2021-12-03", "2021-12-04", "2021-12-05"):
        journal.write(day, f"# {day}\n\n- 하나\n")
    journal.edit_in_notion("2021-12-01", "하나", "하나 폰")
    later(600)
    journal.fake.fault("POST /v1/pages", status=403, preset="block_limit", skip=1, times=10)
    journal.fake.clear_requests()
    code, out, err = journal.run("sync")
    assert code != 0 and "1 created" in out and "1 pulled" in out and "하나 폰" in journal.read("2021-12-01")
    assert len([r for r in journal.fake.requests() if r["path"] == "/v1/pages"]) == 2
    assert (out + err).count("over its plan's block limit") <= 2  # the failure and its summary line
    assert out.count("not pushed: the workspace is over its block limit") == 2
    journal.fake.clear_faults()
    later(3600)
    assert "3 created" in journal.sync()
    assert len(journal.pages()) == 5


def test_deleting_most_files_is_refused_naming_them(journal, later):
    days = [f"2021-12-0{n}" for n in range(1, 6)]
    for day in days:
        journal.write(day, f"# {day}\n\n- 하나\n")
    journal.sync()
    later(3600)
    for day in days[:3]:
        journal.path(day).unlink()
    code, out, err = journal.run("sync", "--delete")
    assert code != 0 and "3 of 5" in err and "--force-delete" in err
    assert "2021-12-01, 2021-12-02, 2021-12-03" in err and len(journal.pages()) == 5
    later(600)
    journal.path(days[3]).unlink()  # one at a time is plainly meant
    journal.write(days[0], "# 2021-12-01\n\n- 하나\n")
    journal.write(days[1], "# 2021-12-02\n\n- 하나\n")
    journal.write(days[2], "# 2021-12-03\n\n- 하나\n")
    assert "1 deleted" in journal.sync("--delete") and len(journal.pages()) == 4


def test_status_and_dry_run_say_the_entries_folder_is_missing(journal, later):
    _three(journal)
    (journal.home / "entries").rename(journal.home / "entries-unmounted")
    later(3600)
    code, out, err = journal.run("status")
    assert code == 0 and "the entries folder is missing" in err and "unmounted" in err
    code, out, err = journal.run("sync", "--dry-run")
    assert code == 0 and "the entries folder is missing" in err and "nothing written" in out


def test_a_dry_run_shows_the_warnings_a_sync_would(journal):
    journal.write(DAY, "# 하루\n")
    (journal.home / "entries" / "2021" / "2021-12-09.MD").write_text("# x\n", encoding="utf-8")
    code, out, err = journal.run("sync", "--dry-run")
    assert code == 0 and "2021-12-09.MD" in err and "not synced" in err and journal.pages() == []


@pytest.mark.parametrize("lost", ["PATCH /v1/blocks/.*/children", "PATCH /v1/blocks/[^/]*",
                                  "PATCH /v1/pages/.*"])
def test_a_push_finished_by_the_next_sync_still_leaves_its_mark(journal, other_journal, later, lost):
    """A push whose answer was lost is finished by the next sync, which finds the content already
    there: it must still write the revision mark, or the other machine never sees the edit."""
    _other_machine_edits_a_settled_entry(journal, other_journal, later)  # 멘토링 (집): an update
    text_ = other_journal.read(DAY).replace("면접 질문 정리\n", "면접 질문 정리\n- 새 줄\n", 1)
    other_journal.write(DAY, text_)  # and an append
    journal.fake.fault(lost, action="drop")
    code, _, _ = other_journal.run("sync")
    assert code != 0
    later(600)
    other_journal.sync()
    later(3600)
    out = journal.sync()
    assert "1 pulled" in out and "멘토링 (집)" in journal.read(DAY) and "- 새 줄" in journal.read(DAY)


def test_a_page_moved_to_a_free_date_takes_its_unchanged_file_along(journal, later):
    """Fixing an entry's date in Notion moves the entry: the file follows (the old one is kept in
    .notionlog/trash/), and no copy of the page is re-created on the old date."""
    journal.write("2021-12-05", "# 날짜 틀림\n\n- 하나\n")
    journal.sync()
    page = journal.page_for("2021-12-05")["id"]
    later(3 * 3600)
    journal.fake.user_properties(page, {"Date": {"date": {"start": "2021-12-04"}}})
    later(600)
    out = journal.sync()
    assert "- 하나" in journal.read("2021-12-04") and not journal.path("2021-12-05").exists()
    assert "0 created" in out and "2021-12-05: its page now has Date 2021-12-04" in out
    assert "trash" in out and [p["id"] for p in journal.pages()] == [page]
    kept = journal.home / ".notionlog" / "trash" / "2021-12-05.md"
    assert kept.read_text(encoding="utf-8") == "# 날짜 틀림\n\n- 하나\n"
    later(3600)
    journal.write("2021-12-04", journal.read("2021-12-04") + "- 둘\n")
    assert "1 updated" in journal.sync() and [p["id"] for p in journal.pages()] == [page]


def test_a_page_moved_away_from_a_file_changed_here_keeps_the_file_as_a_new_page(journal, later):
    journal.write("2021-12-05", "# 날짜 틀림\n\n- 하나\n")
    journal.sync()
    page = journal.page_for("2021-12-05")["id"]
    later(3 * 3600)
    journal.fake.user_properties(page, {"Date": {"date": {"start": "2021-12-04"}}})
    journal.write("2021-12-05", "# 날짜 틀림\n\n- 하나\n- 여기서\n")
    later(600)
    out = journal.sync()
    assert "1 created" in out and "여기서" in journal.read("2021-12-05") and len(journal.pages()) == 2


def test_an_entry_linked_to_a_vanished_file_is_left_alone_and_named(journal, later, tmp_path):
    """The file an entry links to is gone (its cloud folder unmounted): nothing is pulled through
    the link (which would write into the mount point) nor deleted, and the output says why."""
    target = tmp_path / "cloud" / f"{DAY}.md"
    target.parent.mkdir()
    target.write_text("# 하루\n\n- 하나\n", encoding="utf-8")
    journal.path(DAY).parent.mkdir(parents=True)
    journal.path(DAY).symlink_to(target)
    journal.sync()
    target.parent.rename(tmp_path / "cloud-unmounted")
    later(3600)
    journal.edit_in_notion(DAY, "하나", "하나 폰")
    later(600)
    code, out, err = journal.run("sync", "--delete")
    assert code == 0 and "not synced (only" not in out + err
    assert "links to" in err and "which is missing" in err and "0 pulled" in out
    assert not target.parent.exists() and len(journal.pages()) == 1
    (tmp_path / "cloud-unmounted").rename(target.parent)
    later(600)
    assert "1 pulled" in journal.sync() and "하나 폰" in target.read_text(encoding="utf-8")


def test_a_page_moved_away_and_a_new_page_on_its_old_date(journal, later):
    """The new page on the old date becomes that date's page (merged with the file), not a second
    page of a date whose own page left."""
    journal.write("2021-12-05", "# 닷새\n\n- 하나\n")
    journal.sync()
    page = journal.page_for("2021-12-05")["id"]
    later(3 * 3600)
    journal.fake.user_properties(page, {"Date": {"date": {"start": "2021-12-04"}}})
    fresh = _phone_page(journal, "2021-12-05", title="새 닷새")
    journal.write("2021-12-05", "# 닷새\n\n- 하나\n- 여기서\n")
    later(600)
    code, out, err = journal.run("sync")
    assert code in (0, 6) and "- 하나" in journal.read("2021-12-04")
    assert sorted(p["id"] for p in journal.pages()) == sorted([page, fresh["id"]]), out
    if code == 0:  # merged: both the file's line and the phone's are in the page
        assert "0 created" in out and "폰에서 쓴 줄" in journal.read("2021-12-05")
        assert "여기서" in str(journal.fake.client().blocks.children.list(fresh["id"]))
    else:  # a conflict: the phone's page beside the untouched file
        copy = journal.home / "entries" / "2021" / "2021-12-05.notion.md"
        assert "폰에서 쓴 줄" in copy.read_text(encoding="utf-8") and "여기서" in journal.read("2021-12-05")


def test_a_refused_fingerprint_never_blocks_the_sync(journal, later):
    """The Markdown view is an optimisation: when Notion refuses it for a page, the sync still
    pushes and pulls, and says the page could not be verified."""
    journal.write(DAY, "# 하루\n\n- 하나\n")
    journal.write("2021-12-08", "# 다음\n\n- 둘\n")
    journal.fake.fault("GET /v1/pages/.*/markdown", status=400, times=100, code="validation_error",
                       message="Page content could not be rendered.")
    assert "2 created" in journal.sync()
    later(3600)
    journal.edit_in_notion(DAY, "하나", "하나 폰")
    later(600)
    code, out, err = journal.run("sync", "--verify")
    assert code == 0 and "1 pulled" in out and "하나 폰" in journal.read(DAY)
    assert "could not be verified" in err and "report it" not in err


def test_a_block_trashed_in_notion_during_the_push_is_looked_at_again(journal, later):
    journal.write(DAY, "# 하루\n\n- 하나\n- 둘\n")
    journal.sync()
    later(3600)
    journal.write(DAY, "# 하루\n\n- 하나 고침\n- 둘\n")
    journal.fake.fault("PATCH /v1/blocks/[^/]*", status=400, code="validation_error",
                       message="Can't edit block that is archived. You must unarchive the block "
                               "before editing.")
    code, out, err = journal.run("sync")
    assert code == 0 and "the page changed during the sync" in out and "report it" not in err
    later(600)
    assert "1 updated" in journal.sync() and "하나 고침" in journal.markdown(DAY)


def test_force_delete_alone_says_it_needs_delete(journal):
    journal.write(DAY, "# 하루\n")
    code, out, err = journal.run("sync", "--force-delete")
    assert code == 2 and "--delete --force-delete" in err and journal.pages() == []


def test_an_entry_file_renamed_to_a_free_date_moves_its_page(journal, later):
    """Renaming the file is how a user fixes an entry's date here: the page's Date follows (same
    page, comments and all), rather than a second page on the new date and a stale one left."""
    journal.write("2021-12-05", "# 날짜 틀림\n\n- 하나\n")
    journal.sync()
    page = journal.page_for("2021-12-05")["id"]
    later(3600)
    journal.path("2021-12-05").rename(journal.path("2021-12-04"))
    out = journal.sync()
    assert "0 created" in out and "file removed" not in out and "2021-12-05" in out
    assert [p["id"] for p in journal.pages()] == [page]
    assert journal.page_for("2021-12-04")["id"] == page
    later(3600)
    journal.write("2021-12-04", journal.read("2021-12-04") + "- 둘\n")
    assert "1 updated" in journal.sync() and "둘" in journal.markdown("2021-12-04")
    later(3600)
    assert "0 pulled" in journal.sync()


def test_a_renamed_entry_whose_date_has_a_time_is_not_moved(journal, later):
    journal.write("2021-12-05", "# 닷새\n\n- 하나\n")
    journal.sync()
    page = journal.page_for("2021-12-05")["id"]
    journal.fake.user_properties(page, {"Date": {"date": {"start": "2021-12-05T09:00:00.000+09:00"}}})
    later(3600)
    journal.sync()
    later(3600)
    journal.path("2021-12-05").rename(journal.path("2021-12-04"))
    out = journal.sync()
    assert "1 created" in out and "file removed here" in out  # as before: the time is kept
    assert journal.page_for("2021-12-05")["properties"]["Date"]["date"]["start"].startswith(
        "2021-12-05T09:00")


def test_new_push_is_a_plain_sync_not_a_verify(journal, later):
    """`new --push` runs the sync with its defaults: no fingerprint check of every page."""
    _three(journal)
    later(3600)
    journal.fake.clear_requests()
    code, out, err = journal.run("new", "--date", "2021-12-08", "--no-edit", "--push")
    assert code == 0, err
    markdown = [r for r in journal.fake.requests() if r["path"].endswith("/markdown")]
    assert len(markdown) <= 1 and len(journal.pages()) == 4  # the new page's own fingerprint


def test_a_first_sync_with_two_pages_for_a_date_names_the_one_it_pulled(journal):
    client = journal.fake.client()
    pages = [client.pages.create(
        parent={"data_source_id": journal.data_source_id},
        properties={"Name": {"title": text(name)}, "Date": {"date": {"start": DAY}}},
        children=[{"paragraph": {"rich_text": text(name)}}]) for name in ("먼저", "나중")]
    out = journal.sync()
    assert "1 pulled" in out and "none yet" not in out
    assert f"({pages[1]['id']}) besides the synced one ({pages[0]['id']})" in out
