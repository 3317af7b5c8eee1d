"""Blocks made in the Notion app whose text looks like other Markdown: pulled, then another line
of the file edited and pushed, each keeps its id, type and text (no conversion, no re-creation)."""

from __future__ import annotations

DAY = "2021-12-07"


def _run(content: str) -> list[dict]:
    return [{"type": "text", "text": {"content": content}}]


def _tree(journal, block_id: str) -> list[tuple]:
    """(id, type, plain text, children) of every block under ``block_id``, to full depth."""
    out = []
    for block in journal.blocks(block_id):
        text = "".join(i["plain_text"] for i in block[block["type"]].get("rich_text", []))
        kids = _tree(journal, block["id"]) if block["has_children"] else []
        out.append((block["id"], block["type"], text, kids))
    return out


def _pulled(journal, later, children: list[dict]) -> str:
    """The entry pushed, the blocks appended in the app, pulled; returns the page id."""
    journal.write(DAY, f"# {DAY}\n\nfirst line\n")
    assert "1 created" in journal.sync()
    page_id = journal.page_for(DAY)["id"]
    later(3600)
    journal.fake.user_append(page_id, children)
    later(3600)
    assert "1 pulled" in journal.sync()
    later(3600)
    return page_id


def test_bullets_opening_with_brackets_stay_bullets_when_another_line_is_pushed(journal, later):
    page_id = _pulled(journal, later, [
        {"bulleted_list_item": {"rich_text": _run("[ ] not a task")}},
        {"bulleted_list_item": {"rich_text": _run("<p>html-like"), "children": [
            {"bulleted_list_item": {"rich_text": _run("its child")}}]}},
        {"numbered_list_item": {"rich_text": _run("[x] numbered"), "children": [
            {"bulleted_list_item": {"rich_text": _run("[X] nested")}}]}},
    ])
    before = _tree(journal, page_id)
    text = journal.read(DAY)
    journal.write(DAY, text.replace("first line", "first line, edited"))
    journal.fake.clear_requests()
    assert "1 updated" in journal.sync()
    after = _tree(journal, page_id)
    assert after[1:] == before[1:]  # same ids, types and texts, to full depth
    assert after[0][2] == "first line, edited"
    assert [w["method"] for w in journal.writes() if w["path"].startswith("/v1/blocks/")] == ["PATCH"]
    assert "- \\[ \\] not a task\n" in journal.read(DAY)  # the brackets escaped: text, no task


def test_a_bare_url_before_link_text_is_not_rewritten_when_another_line_is_pushed(journal, later):
    url = "https://example.com/a"
    page_id = _pulled(journal, later, [{"paragraph": {"rich_text": [
        {"type": "text", "text": {"content": url, "link": {"url": url}}},
        {"type": "text", "text": {"content": ".", "link": {"url": "https://example.org"}}}]}}])
    before = journal.blocks(page_id)[1]
    journal.write(DAY, journal.read(DAY).replace("first line", "first line, edited"))
    journal.fake.clear_requests()
    assert "1 updated" in journal.sync()
    after = journal.blocks(page_id)[1]
    assert (after["id"], after["paragraph"]["rich_text"]) == (before["id"], before["paragraph"]["rich_text"])
    assert [w["method"] for w in journal.writes() if w["path"].startswith("/v1/blocks/")] == ["PATCH"]


def test_a_heading_4_made_in_notion_keeps_its_id_and_type_when_its_line_is_edited(journal, later):
    page_id = _pulled(journal, later, [
        {"heading_4": {"rich_text": _run("small heading"), "color": "blue"}},
        {"paragraph": {"rich_text": _run("under it")}}])
    heading = journal.blocks(page_id)[1]
    text = journal.read(DAY)
    line = next(line for line in text.splitlines() if "small heading" in line)
    assert line.lstrip("\\") == "#### small heading"

    journal.fake.clear_requests()
    assert "0 updated" in journal.sync()  # untouched: nothing sent
    assert journal.writes() == []

    later(3600)
    journal.write(DAY, text.replace(line, "#### smaller **heading**"))
    assert "1 updated" in journal.sync()
    after = journal.blocks(page_id)[1]
    assert (after["id"], after["type"]) == (heading["id"], "heading_4")
    assert after["heading_4"]["color"] == "blue"  # what the line does not say is kept
    runs = [(i["plain_text"], i["annotations"]["bold"]) for i in after["heading_4"]["rich_text"]]
    assert runs == [("smaller ", False), ("heading", True)]
    patched = {w["path"] for w in journal.writes() if w["path"].startswith("/v1/blocks/")}
    assert patched == {f"/v1/blocks/{heading['id']}"}

    later(3600)
    journal.write(DAY, journal.read(DAY) + "\n#### typed in the file\n")
    assert "1 updated" in journal.sync()
    made = journal.blocks(page_id)[-1]  # a new "####" line stays what it reads as: a paragraph
    assert (made["type"], made["paragraph"]["rich_text"][0]["plain_text"]) == (
        "paragraph", "#### typed in the file")
