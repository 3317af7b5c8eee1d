"""End to end through the CLI against the emulator: push, pull, edits on each side."""

from __future__ import annotations

from notionlog.convert import normalize
from tests.sync.conftest import SEED


def test_seed_pushed_then_pulled_back_leaves_the_file_byte_identical(journal, other_journal):
    journal.write("2021-12-07", SEED)
    out = journal.sync()
    assert "1 created" in out
    page = journal.page_for("2021-12-07")
    assert page["properties"]["Name"]["title"][0]["plain_text"] == "최종 프로젝트 & MLOps"
    assert journal.read("2021-12-07") == SEED  # sync never rewrites a file that did not change
    for kept in (journal.home / ".notionlog").rglob("*"):
        if kept.is_file():
            assert journal.fake.token.encode() not in kept.read_bytes(), kept

    other_journal.sync()  # a second machine pulls it
    pulled = other_journal.read("2021-12-07")
    from notionlog.convert import normalize

    assert pulled == normalize(SEED)
    assert [line.strip() for line in pulled.splitlines() if line.strip()] == [
        line.strip() for line in SEED.splitlines() if line.strip()]


def test_nothing_changed_costs_the_query_alone(journal, later):
    journal.write("2021-12-07", SEED)
    journal.fake.clear_requests()
    journal.sync()  # the new page's fingerprint is taken as soon as it is written
    assert [(r["method"], r["path"].split("/")[-1]) for r in journal.fake.requests()][-1] == (
        "GET", "markdown")
    later(300)
    journal.fake.clear_requests()
    journal.sync()  # our own push is recognised from the query; its fingerprint is known
    assert [(r["method"], r["path"].split("/")[-1]) for r in journal.fake.requests()] == [
        ("POST", "query")]
    later(3600)
    journal.fake.clear_requests()
    journal.sync()
    assert [(r["method"], r["path"].split("/")[-1]) for r in journal.fake.requests()] == [
        ("POST", "query")]


def text(content):
    return [{"type": "text", "text": {"content": content}}]


def test_local_edit_of_one_line_is_one_update_in_place(journal, later):
    journal.write("2021-12-07", SEED)
    journal.sync()
    page_id = journal.page_for("2021-12-07")["id"]
    ids_before = [b["id"] for b in journal.blocks(page_id)]
    later(300)
    journal.sync()
    journal.write("2021-12-07", SEED.replace("멘토링\n", "멘토링 (2시간)\n", 1))
    journal.fake.clear_requests()
    out = journal.sync()
    assert "1 updated" in out
    # the query, one listing for the ids of the level the create wrote nested (Notion does not
    # answer them), the block, the page's revision mark
    assert [(r["method"], r["path"].split("/")[2]) for r in journal.fake.requests()] == [
        ("POST", "data_sources"), ("GET", "blocks"), ("PATCH", "blocks"), ("PATCH", "pages")]
    assert [b["id"] for b in journal.blocks(page_id)] == ids_before  # ids kept: comments survive
    assert "멘토링 (2시간)" in journal.markdown("2021-12-07")
    later(3600)
    journal.write("2021-12-07", SEED.replace("멘토링\n", "멘토링 (3시간)\n", 1))
    journal.fake.clear_requests()
    journal.sync()  # the ids are known now: the query, the block, the mark
    assert [(r["method"], r["path"].split("/")[2]) for r in journal.fake.requests()] == [
        ("POST", "data_sources"), ("PATCH", "blocks"), ("PATCH", "pages")]


def test_notion_edit_is_pulled_into_the_file(journal):
    journal.write("2021-12-07", SEED)
    journal.sync()
    journal.edit_in_notion("2021-12-07", "면접 질문 정리", "면접 질문 정리하기")
    out = journal.sync()  # the same minute as the push: found by content, not timestamp
    assert "1 pulled" in out
    # Only that line changed: the file keeps its own blank lines and trailing spaces.
    assert journal.read("2021-12-07") == SEED.replace("면접 질문 정리\n", "면접 질문 정리하기\n")


def test_edits_on_both_sides_in_different_places_merge(journal):
    journal.write("2021-12-07", SEED)
    journal.sync()
    journal.edit_in_notion("2021-12-07", "면접 질문 정리", "면접 질문 정리하기")
    journal.write("2021-12-07", SEED.replace("    - 데일리 회고 이제 다시 시작...!",
                                             "    - 데일리 회고 이제 다시 시작...!\n    - 내일도 쓰자"))
    out = journal.sync()
    assert "1 merged" in out
    merged = journal.read("2021-12-07")
    assert merged == SEED.replace("면접 질문 정리\n", "면접 질문 정리하기\n").replace(
        "    - 데일리 회고 이제 다시 시작...!", "    - 데일리 회고 이제 다시 시작...!\n    - 내일도 쓰자")
    assert journal.markdown("2021-12-07") == normalize(merged)


def _conflicting_edits(journal) -> str:
    """The same line edited in Notion and in the file; returns the file's text."""
    journal.write("2021-12-07", SEED)
    journal.sync()
    journal.edit_in_notion("2021-12-07", "멘토링", "멘토링 (Notion)")
    mine = SEED.replace("    - 멘토링\n", "    - 멘토링 (file)\n", 1)
    journal.write("2021-12-07", mine)
    return mine


def test_overlapping_edits_conflict_then_resolve(journal):
    mine = _conflicting_edits(journal)
    out = journal.sync(expect=6)
    assert "conflict" in out
    assert journal.read("2021-12-07") == mine  # the file is untouched
    copy = journal.path("2021-12-07").with_name("2021-12-07.notion.md")
    assert "멘토링 (Notion)" in copy.read_text(encoding="utf-8")
    journal.sync(expect=6)  # still a conflict until resolved

    both = mine.replace("멘토링 (file)", "멘토링 (file, Notion)")
    journal.write("2021-12-07", both)
    code, out, _ = journal.run("resolve", "2021-12-07")
    assert code == 0 and not copy.exists()
    journal.sync()
    assert "멘토링 (file, Notion)" in journal.markdown("2021-12-07")
    assert journal.read("2021-12-07") == both


def test_resolve_keep_local_pushes_the_untouched_file(journal):
    mine = _conflicting_edits(journal)
    journal.sync(expect=6)
    code, _, _ = journal.run("resolve", "2021-12-07", "--keep", "local")
    assert code == 0
    journal.sync()
    assert journal.read("2021-12-07") == mine
    assert "멘토링 (file)" in journal.markdown("2021-12-07")
    assert "멘토링 (Notion)" not in journal.markdown("2021-12-07")


def test_resolve_keep_remote_takes_notions_version(journal):
    _conflicting_edits(journal)
    journal.sync(expect=6)
    journal.run("resolve", "2021-12-07", "--keep", "remote")
    journal.fake.clear_requests()
    journal.sync()
    assert journal.writes() == []
    assert "멘토링 (Notion)" in journal.read("2021-12-07")
