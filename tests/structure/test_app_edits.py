"""What a person does to a pulled entry on the phone, hours apart from the journal's syncs.

End to end over HTTP against the emulator: the journal pulls the page, the person changes it in the
app (turn into, drag, check, rename, delete), the journal pulls again, and the file's edit of an
unrelated line changes only that line's block.
"""

from __future__ import annotations

from tests.fakenotion.showcase import run, text
from tests.structure.test_app_scenarios import _pulled, para
from tests.structure.test_showcase import DAY, _changed, snapshot


def _pull(journal, later) -> str:
    later(3600)
    out = journal.sync()
    later(3600)
    return out


def _unrelated_edit_changes_one_block(journal, later, page_id: str) -> None:
    before = snapshot(journal, page_id)
    text_ = journal.read(DAY)
    journal.write(DAY, text_.replace("last line", "last line, edited"))
    later(3600)
    assert "1 updated" in journal.sync()
    after = snapshot(journal, page_id)
    changed = _changed(before, after)
    assert len(changed) == 1, [(before.get(i), after.get(i)) for i in changed]
    journal.fake.clear_requests()
    later(3600)
    stamp = journal.path(DAY).stat().st_mtime_ns
    journal.sync("--verify")
    assert journal.writes() == [] and journal.path(DAY).stat().st_mtime_ns == stamp


def test_turn_into_toggle_bullet_heading_on_the_phone(journal, later):
    page_id, _ = _pulled(journal, later, [{"toggle": {"rich_text": text("morph"),
                                                      "children": [para("kid")]}}])
    block = journal.blocks(page_id)[1]["id"]
    for kind, shown in (("bulleted_list_item", "- morph"), ("heading_2", "## morph"),
                        ("toggle", "<toggle>\n\nmorph")):
        body = {"rich_text": text("morph")}
        if kind == "heading_2":
            body["is_toggleable"] = True
        journal.fake.user_turn_into(block, {kind: body})
        assert "1 pulled" in _pull(journal, later)
        assert shown in journal.read(DAY) and "kid" in journal.read(DAY), journal.read(DAY)
        _unrelated_edit_changes_one_block(journal, later, page_id)


def test_a_to_do_checked_on_the_phone(journal, later):
    page_id, _ = _pulled(journal, later, [{"to_do": {"rich_text": text("buy milk")}}])
    block = journal.blocks(page_id)[1]["id"]
    journal.fake.user_turn_into(block, {"to_do": {"rich_text": text("buy milk"), "checked": True}})
    assert "1 pulled" in _pull(journal, later)
    assert "- [x] buy milk" in journal.read(DAY)
    _unrelated_edit_changes_one_block(journal, later, page_id)


def test_a_block_dragged_into_a_toggle(journal, later):
    page_id, _ = _pulled(journal, later, [
        {"toggle": {"rich_text": text("box"), "children": [para("inside")]}}, para("drag me")])
    blocks = journal.blocks(page_id)
    toggle, dragged = blocks[1]["id"], blocks[2]["id"]
    journal.fake.user_move(dragged, toggle)
    assert "1 pulled" in _pull(journal, later)
    assert "inside\n\ndrag me\n\n</toggle>" in journal.read(DAY), journal.read(DAY)
    _unrelated_edit_changes_one_block(journal, later, page_id)


def test_a_synced_original_edited_in_the_app(journal, later):
    page_id, _ = _pulled(journal, later, [{"synced_block": {"synced_from": None,
                                                            "children": [para("shared words")]}}])
    original = journal.blocks(page_id)[1]["id"]
    journal.fake.user_append(page_id, [{"synced_block": {"synced_from": {"block_id": original}}}])
    assert "1 pulled" in _pull(journal, later)
    inner = journal.fake.client().blocks.children.list(original)["results"][0]["id"]
    journal.fake.user_turn_into(inner, {"paragraph": {"rich_text": text("shared, changed")}})
    assert "1 pulled" in _pull(journal, later)
    assert journal.read(DAY).count("shared, changed") == 2, journal.read(DAY)
    _unrelated_edit_changes_one_block(journal, later, page_id)


def test_a_child_page_added_in_the_app(journal, later):
    page_id, _ = _pulled(journal, later, [para("before the sub-page")])
    journal.fake.add_page("Trip notes", parent_id=page_id)
    assert "1 pulled" in _pull(journal, later)
    assert "[Trip notes](" in journal.read(DAY)
    _unrelated_edit_changes_one_block(journal, later, page_id)


def test_a_mentioned_page_renamed_later_does_not_churn_the_file(journal, later):
    other = journal.fake.add_page("Old title")
    page_id, _ = _pulled(journal, later, [{"paragraph": {"rich_text": [
        run("see "), {"type": "mention", "mention": {"type": "page", "page": {"id": other["id"]}}}]}}])
    assert "Old title</mention-page>" in journal.read(DAY)
    journal.fake.user_properties(other["id"], {"title": {"title": text("New title")}})
    journal.fake.clear_requests()
    later(3600)
    stamp = journal.path(DAY).stat().st_mtime_ns
    journal.sync()
    journal.sync("--verify")
    assert journal.writes() == []
    # Either the file is left alone or it takes the new title once; a push sends nothing.
    text_ = journal.read(DAY)
    if journal.path(DAY).stat().st_mtime_ns != stamp:
        assert "New title</mention-page>" in text_
    _unrelated_edit_changes_one_block(journal, later, page_id)
    body = journal.blocks(page_id)[1]["paragraph"]
    assert body["rich_text"][1]["mention"]["page"]["id"] == other["id"]


def test_blocks_deleted_on_the_phone_while_the_file_edits_a_neighbour(journal, later):
    page_id, _ = _pulled(journal, later, [para("keep a"), para("gone b"), para("keep c")])
    gone = journal.blocks(page_id)[2]["id"]
    journal.fake.user_trash(gone)
    journal.write(DAY, journal.read(DAY).replace("keep c", "keep c, edited"))
    later(3600)
    out = journal.sync()
    later(3600)
    text_ = journal.read(DAY)
    assert "gone b" not in text_ and "keep c, edited" in text_, (out, text_)
    words = [b["paragraph"]["rich_text"][0]["plain_text"] for b in journal.blocks(page_id)]
    assert words == ["first line", "keep a", "keep c, edited", "last line"], (out, words)


def test_a_heading_coloured_on_the_phone_while_the_file_edits_its_text(journal, later):
    page_id, _ = _pulled(journal, later, [{"heading_2": {"rich_text": text("Plain head")}},
                                          {"bulleted_list_item": {"rich_text": text("an item")}}])
    head, item = (b["id"] for b in journal.blocks(page_id)[1:3])
    journal.fake.user_turn_into(head, {"heading_2": {"rich_text": text("Plain head"), "color": "blue"}})
    journal.fake.user_turn_into(item, {"bulleted_list_item": {"rich_text": text("an item"),
                                                              "color": "red_background"}})
    journal.write(DAY, journal.read(DAY).replace("Plain head", "Edited head")
                  .replace("an item", "an item, edited"))
    later(3600)
    out = journal.sync()
    later(3600)
    blocks = {b["id"]: b for b in journal.blocks(page_id)}
    assert blocks[head]["heading_2"]["color"] == "blue", out
    assert blocks[item]["bulleted_list_item"]["color"] == "red_background", out
    assert blocks[head]["heading_2"]["rich_text"][0]["plain_text"] == "Edited head"
    assert blocks[item]["bulleted_list_item"]["rich_text"][0]["plain_text"] == "an item, edited"


def test_the_phone_edits_a_toggles_text_while_the_file_edits_its_child(journal, later):
    page_id, _ = _pulled(journal, later, [{"toggle": {"rich_text": text("tog"),
                                                      "children": [para("child")]}}])
    toggle = journal.blocks(page_id)[1]["id"]
    journal.fake.user_turn_into(toggle, {"toggle": {"rich_text": text("tog from phone")}})
    journal.write(DAY, journal.read(DAY).replace("child", "child from file"))
    later(3600)
    out = journal.sync()
    later(3600)
    block = journal.blocks(page_id)[1]
    assert block["id"] == toggle and block["toggle"]["rich_text"][0]["plain_text"] == "tog from phone"
    kids = journal.fake.client().blocks.children.list(toggle)["results"]
    assert [k["paragraph"]["rich_text"][0]["plain_text"] for k in kids] == ["child from file"], out
    assert "tog from phone" in journal.read(DAY) and "child from file" in journal.read(DAY)


def test_the_phone_adds_a_line_while_the_file_edits_its_neighbour(journal, later):
    page_id, _ = _pulled(journal, later, [para("alpha"), para("omega")])
    alpha = journal.blocks(page_id)[1]["id"]
    journal.fake.user_append(page_id, [para("from the phone")], after=alpha)
    journal.write(DAY, journal.read(DAY).replace("omega", "omega, edited"))
    later(3600)
    out = journal.sync()
    later(3600)
    words = [b["paragraph"]["rich_text"][0]["plain_text"] for b in journal.blocks(page_id)]
    assert words == ["first line", "alpha", "from the phone", "omega, edited", "last line"], out
    assert "alpha\n\nfrom the phone\n\nomega, edited" in journal.read(DAY)


def test_a_callouts_icon_changed_on_the_phone_while_the_file_edits_its_text(journal, later):
    page_id, _ = _pulled(journal, later, [{"callout": {
        "rich_text": text("remember"), "icon": {"type": "emoji", "emoji": "💡"},
        "color": "gray_background"}}])
    callout = journal.blocks(page_id)[1]["id"]
    journal.fake.user_turn_into(callout, {"callout": {
        "rich_text": text("remember"), "icon": {"type": "emoji", "emoji": "🔥"},
        "color": "gray_background"}})
    journal.write(DAY, journal.read(DAY).replace("\nremember\n", "\nremember this\n"))
    later(3600)
    out = journal.sync()
    later(3600)
    body = journal.blocks(page_id)[1]["callout"]
    assert body["icon"] == {"type": "emoji", "emoji": "🔥"}, out
    assert body["rich_text"][0]["plain_text"] == "remember this", out
    assert '<callout icon="🔥" color="gray_bg">\n\nremember this\n' in journal.read(DAY)


def test_a_word_coloured_on_the_phone_while_the_file_edits_another_line(journal, later):
    page_id, _ = _pulled(journal, later, [para("a red word")])
    block = journal.blocks(page_id)[1]["id"]
    journal.fake.user_turn_into(block, {"paragraph": {"rich_text": [
        run("a "), run("red", color="red"), run(" word")]}})
    journal.write(DAY, journal.read(DAY).replace("last line", "last line, edited"))
    later(3600)
    out = journal.sync()
    later(3600)
    items = journal.blocks(page_id)[1]["paragraph"]["rich_text"]
    assert [(i["plain_text"], i["annotations"]["color"]) for i in items] == [
        ("a ", "default"), ("red", "red"), (" word", "default")], out
    assert 'a <span color="red">red</span> word' in journal.read(DAY)
    assert journal.blocks(page_id)[-1]["paragraph"]["rich_text"][0]["plain_text"] == "last line, edited"


def test_a_row_added_to_an_app_table_keeps_its_flags_and_coloured_cells(journal, later):
    page_id, pulled = _pulled(journal, later, [{"table": {
        "table_width": 2, "has_column_header": True, "has_row_header": True, "children": [
            {"table_row": {"cells": [text("h1"), [run("h2", color="red")]]}},
            {"table_row": {"cells": [text("r1"), [run("v", color="blue_background")]]}}]}}])
    table = journal.blocks(page_id)[1]["id"]
    rows = [r["id"] for r in journal.fake.client().blocks.children.list(table)["results"]]
    text_ = journal.read(DAY)
    line = '| r1 | <span color="blue_bg">v</span> |\n'
    journal.write(DAY, text_.replace(line, line + "| r2 | w |\n"))
    later(3600)
    assert "1 updated" in journal.sync()
    after = snapshot(journal, page_id)
    assert after[table][1] == pulled[table][1]  # has_row_header kept
    assert after[table][2][:2] == rows and len(after[table][2]) == 3
    assert all(after[r] == pulled[r] for r in rows)


def test_a_line_dragged_between_columns_on_the_phone(journal, later):
    page_id, _ = _pulled(journal, later, [{"column_list": {"children": [
        {"column": {"children": [para("left one"), para("left two")]}},
        {"column": {"children": [{"callout": {"rich_text": text("call"), "children": [
            {"toggle": {"rich_text": text("deep"), "children": [para("deepest")]}}]}}]}}]}}])
    client = journal.fake.client()
    columns = client.blocks.children.list(journal.blocks(page_id)[1]["id"])["results"]
    left = client.blocks.children.list(columns[0]["id"])["results"]
    journal.fake.user_move(left[1]["id"], columns[1]["id"])
    assert "1 pulled" in _pull(journal, later)
    assert "</callout>\n\nleft two\n\n</column>" in journal.read(DAY), journal.read(DAY)
    _unrelated_edit_changes_one_block(journal, later, page_id)
    before = snapshot(journal, page_id)
    journal.write(DAY, journal.read(DAY).replace("deepest", "deepest, edited"))
    later(3600)
    assert "1 updated" in journal.sync()
    assert len(_changed(before, snapshot(journal, page_id))) == 1


def test_a_synced_original_on_another_entry_edited_in_the_app_is_never_reverted(journal, later):
    page_id, _ = _pulled(journal, later, [{"synced_block": {"synced_from": None,
                                                            "children": [para("shared words")]}}])
    original = journal.blocks(page_id)[1]["id"]
    other_day = "2021-12-08"
    journal.write(other_day, f"# {other_day}\n\nother entry\n")
    assert "1 created" in journal.sync()
    other_id = journal.page_for(other_day)["id"]
    journal.fake.user_append(other_id, [{"synced_block": {"synced_from": {"block_id": original}}}])
    assert "1 pulled" in _pull(journal, later)
    assert "shared words" in journal.read(other_day)
    inner = journal.fake.client().blocks.children.list(original)["results"][0]["id"]
    journal.fake.user_turn_into(inner, {"paragraph": {"rich_text": text("shared, changed")}})
    _pull(journal, later)
    journal.write(other_day, journal.read(other_day).replace("other entry", "other entry, edited"))
    later(3600)
    out = journal.sync()
    later(3600)
    kids = journal.fake.client().blocks.children.list(original)["results"]
    assert [k["paragraph"]["rich_text"][0]["plain_text"] for k in kids] == ["shared, changed"], out
    # The next sync reads the copy's page once more (its fingerprint would take the change in
    # unseen) and the file shows the original's words; the one after reads nothing.
    out = journal.sync()
    assert "1 pulled" in out and "shared, changed" in journal.read(other_day), out
    later(3600)
    journal.fake.clear_requests()
    assert "0 pulled" in journal.sync()
    assert len(journal.fake.requests()) <= 2  # the query and at most one fingerprint check


def test_a_week_of_phone_edits_on_the_showcase_page(journal, later):
    from tests.structure.test_showcase import _pulled as showcase_pulled

    page_id, ids = showcase_pulled(journal, later)
    fake = journal.fake
    fake.user_trash(ids["embed"])
    fake.user_move(ids["bulleted"], ids["toggle"])
    fake.user_turn_into(ids["to_do"], {"to_do": {"rich_text": text("done"), "checked": False}})
    fake.user_turn_into(ids["callout"], {"callout": {
        "rich_text": text("note from the phone"), "icon": {"type": "emoji", "emoji": "💡"},
        "color": "yellow_background"}})
    assert "1 pulled" in _pull(journal, later)
    text_ = journal.read(DAY)
    assert "- [ ] done" in text_ and "note from the phone" in text_
    assert "example.com/embed" not in text_
    assert "inside the toggle\n\n- bullet\n\n    nested\n\n</toggle>" in text_, text_
    _unrelated_edit_changes_one_block(journal, later, page_id)
    before = snapshot(journal, page_id)
    journal.write(DAY, journal.read(DAY).replace("- bullet\n", "- bullet, edited\n"))
    later(3600)
    assert "1 updated" in journal.sync()
    assert _changed(before, snapshot(journal, page_id)) == {ids["bulleted"]}
