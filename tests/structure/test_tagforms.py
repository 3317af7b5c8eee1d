"""The file's tag forms end to end, over HTTP against the emulator: a pull writes them, an edit of
what they say (a callout's icon or colour, a block colour, a new toggle with children) reaches
Notion in place, and a file that says what the page holds sends nothing and is not rewritten."""

from __future__ import annotations

import re

from notionlog.convert import normalize
from notionlog.sync.store import open_store, text_hash
from tests.structure.test_showcase import DAY, _changed, _edited, _pulled, added_ids, snapshot

CALLOUT = '<callout icon="💡" color="yellow_bg">\n\nnote\n\nin the callout\n\n</callout>\n'


def test_a_pull_writes_each_block_in_its_tag_form(journal, later):
    _pulled(journal, later)
    text = journal.read(DAY)
    for form in (CALLOUT, "<toggle>\n\n## Toggle heading\n\nunder the toggle heading\n\n</toggle>\n",
                 "<toggle>\n\ntoggle\n\ninside the toggle\n\n</toggle>\n",
                 '<quote color="purple">\n\nquoted\n\nin quote\n\n</quote>\n',
                 "\n\nunder the paragraph\n\n</p>\n",
                 "<columns>\n\n<column>\n\nleft\n\n</column>\n\n<column>\n\nright\n\n</column>\n\n"
                 "</columns>\n", "<synced_block>\n\nsynced text\n\n</synced_block>\n"):
        assert form in text, form
    assert '<p color="gray_bg">\n\nplain ' in text
    assert "> 💡" not in text and "- toggle" not in text


def test_a_callouts_icon_and_colour_edited_in_the_file_reach_notion_in_place(journal, later):
    page_id, ids = _pulled(journal, later)
    before, after = _edited(journal, later, page_id, '<callout icon="💡" color="yellow_bg">',
                            '<callout icon="🔥" color="blue">')
    assert _changed(before, after) == {ids["callout"]}
    kind, body, children = after[ids["callout"]]
    assert kind == "callout" and children == before[ids["callout"]][2]
    assert body["icon"] == {"type": "emoji", "emoji": "🔥"} and body["color"] == "blue"
    assert body["rich_text"] == before[ids["callout"]][1]["rich_text"]


def test_a_block_colour_changed_or_removed_in_the_file_reaches_notion(journal, later):
    page_id, ids = _pulled(journal, later)
    before, after = _edited(journal, later, page_id, '<quote color="purple">', "<quote>")
    assert _changed(before, after) == {ids["quote"]}
    assert after[ids["quote"]][1]["color"] == "default"
    before, after = _edited(journal, later, page_id, '<p color="gray_bg">', '<p color="red_bg">')
    assert _changed(before, after) == {ids["paragraph"]}
    assert after[ids["paragraph"]][1]["color"] == "red_background"
    assert after[ids["paragraph"]][2] == before[ids["paragraph"]][2]  # its child stays its own


def test_an_edited_toggles_text_keeps_the_toggle_and_its_child(journal, later):
    page_id, ids = _pulled(journal, later)
    before, after = _edited(journal, later, page_id, "\n\ntoggle\n\ninside", "\n\ntoggled\n\ninside")
    assert _changed(before, after) == {ids["toggle"]}
    kind, body, children = after[ids["toggle"]]
    assert kind == "toggle" and children == before[ids["toggle"]][2]
    assert [i["plain_text"] for i in body["rich_text"]] == ["toggled"]


def test_a_new_toggle_with_children_written_in_the_file_is_created_with_them(journal, later):
    page_id, ids = _pulled(journal, later)
    before = snapshot(journal, page_id)
    text = journal.read(DAY)
    journal.write(DAY, text + "\n<toggle color=\"green\">\n\nnew **toggle**\n\n- one\n- two\n\n</toggle>\n")
    journal.fake.clear_requests()
    later(3600)
    assert "1 updated" in journal.sync()
    after = snapshot(journal, page_id)
    assert all(before[i] == after[i] for i in before)
    last = journal.blocks(page_id)[-1]
    kind, body, children = after[last["id"]]
    assert kind == "toggle" and body["color"] == "green"
    assert "".join(i["plain_text"] for i in body["rich_text"]) == "new toggle"
    assert [after[c][0] for c in children] == ["bulleted_list_item", "bulleted_list_item"]
    assert added_ids(before, after) == {last["id"], *children}


def test_a_pulled_file_is_what_the_page_renders_to_and_a_verify_pull_rewrites_nothing(journal, later):
    _pulled(journal, later)
    path = journal.path(DAY)
    text, stamp = path.read_text(encoding="utf-8"), path.stat().st_mtime_ns
    assert normalize(text) == text  # read back and written again: the same file
    journal.fake.clear_requests()
    later(3600)
    out = journal.sync("--verify")
    assert "0 pulled" in out and "0 updated" in out
    assert journal.writes() == []
    assert path.read_text(encoding="utf-8") == text and path.stat().st_mtime_ns == stamp


def _older_form(text: str, ids: dict[str, str]) -> str:
    """The showcase's file as it was written before the tag forms (children spliced after their
    block, a toggle as a bullet, a callout as a quote with its emoji, no colour, no mention tag)."""
    copy = f'<synced_block_reference id="{ids["synced original"]}">'
    for tag_form, older in [
        ("<toggle>\n\n## Toggle heading\n\nunder the toggle heading\n\n</toggle>",
         "## Toggle heading\n\nunder the toggle heading"),
        ('<p color="gray_bg">\n\n', ""), ("\n\n</p>", ""),
        ('<quote color="purple">\n\nquoted\n\nin quote\n\n</quote>', "> quoted\n>\n> in quote"),
        ("<toggle>\n\ntoggle\n\ninside the toggle\n\n</toggle>", "- toggle\n\n    inside the toggle"),
        (CALLOUT.rstrip("\n"), "> 💡 note\n>\n> in the callout"),
        ("<columns>\n\n<column>\n\nleft\n\n</column>\n\n<column>\n\nright\n\n</column>\n\n</columns>",
         "left\n\nright"),
        ("<synced_block>\n\nsynced text\n\n</synced_block>", "synced text"),
        (f"{copy}\n\nsynced text\n\n</synced_block_reference>", "synced text")]:
        assert text.count(tag_form) == 1, tag_form
        text = text.replace(tag_form, older)
    # Nor inline tags: a span's words were plain, a mention was its text.
    text = re.sub(r"<mention-[a-z]+ [^>]*>(.*?)</mention-[a-z]+>", r"\1", re.sub(r"</?span[^>]*>", "", text))
    assert "<" not in text.replace("<!--", "").replace("<http", "")
    return text


def test_a_file_of_the_older_form_still_changes_only_its_edited_line(journal, later):
    page_id, ids = _pulled(journal, later)
    older = _older_form(journal.read(DAY), ids)
    store = open_store(journal.home)  # as pulled by the version before the tag forms
    row = store.get(DAY)
    row.base, row.base_hash = older, text_hash(older)
    store.put(row)
    store.close()
    journal.write(DAY, older.replace("first line", "first line, edited"))
    before = snapshot(journal, page_id)
    journal.fake.clear_requests()
    later(3600)
    assert "1 updated" in journal.sync()
    after = snapshot(journal, page_id)
    assert len(_changed(before, after)) == 1  # every toggle, callout and colour kept, no write
    assert [w["method"] for w in journal.writes()] == ["PATCH", "PATCH"]  # the line, the mark
