"""A title with marks and links: Notion's title property carries them as rich text, and a pull
writes the same ``# `` line back (the file is not rewritten, no write is sent again)."""

from __future__ import annotations

DAY = "2021-12-07"
ENTRY = "# Intro to *Rust* & [Go](https://go.dev)\n\n- 오늘 한것\n    - 산책\n"


def test_a_formatted_title_reaches_notion_formatted_and_comes_back_the_same(journal, later):
    path = journal.write(DAY, ENTRY)
    journal.sync()
    title = journal.page_for(DAY)["properties"]["Name"]["title"]
    assert "".join(item["plain_text"] for item in title) == "Intro to Rust & Go"
    assert [item["plain_text"] for item in title if item["annotations"]["italic"]] == ["Rust"]
    assert [item["href"] for item in title if item["plain_text"] == "Go"] == ["https://go.dev"]
    later(3 * 3600)
    before = path.stat().st_mtime_ns
    journal.fake.clear_requests()
    journal.sync("--verify")
    assert journal.read(DAY) == ENTRY and path.stat().st_mtime_ns == before
    assert journal.writes() == []


def test_bolding_a_word_of_the_title_is_pushed(journal, later):
    journal.write(DAY, ENTRY)
    journal.sync()
    later(3600)
    journal.write(DAY, ENTRY.replace("[Go]", "[**Go**]"))
    journal.sync()
    title = journal.page_for(DAY)["properties"]["Name"]["title"]
    assert [(i["plain_text"], i["href"]) for i in title if i["annotations"]["bold"]] == [
        ("Go", "https://go.dev")]
