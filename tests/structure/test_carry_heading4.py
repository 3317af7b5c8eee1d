"""carry.adopt over Notion's heading_4, which the file writes as a ``#### `` text line."""

from __future__ import annotations

from notionlog.convert import to_blocks, to_markdown
from notionlog.notion.carry import adopt

HEADING = {"object": "block", "id": "393abc1e-edcd-81d2-b73d-feaa29f12025", "type": "heading_4",
           "heading_4": {"rich_text": [{"type": "text", "text": {"content": "old"}, "plain_text": "old"}],
                         "color": "red", "is_toggleable": False}}


def test_an_edited_heading_4_line_stays_the_heading_with_the_new_text_and_its_colour():
    line = to_markdown([HEADING]).replace("old", "new **bold**")
    read = to_blocks(line).children[0]
    assert read["type"] == "paragraph"
    patch = adopt(HEADING, read)
    assert patch is not None and patch["type"] == "heading_4"
    body = patch["heading_4"]
    assert [(i["text"]["content"], bool((i.get("annotations") or {}).get("bold")))
            for i in body["rich_text"]] == [("new ", False), ("bold", True)]
    assert (body["color"], body["is_toggleable"]) == ("red", False)


def test_a_line_without_its_hashes_is_a_paragraph_not_the_heading():
    assert adopt(HEADING, to_blocks("new text\n").children[0]) is None
    assert adopt(HEADING, to_blocks("### new text\n").children[0]) is None


def test_a_callout_line_of_the_old_form_still_loses_only_its_emoji():
    callout = {"type": "callout", "callout": {"rich_text": [], "icon": {"type": "emoji", "emoji": "💡"}}}
    for text, words in (("> 💡 note\n", ["note"]), ("> 💡\n", []), ("> note\n", ["note"])):
        patch = adopt(callout, to_blocks(text).children[0])
        assert patch is not None
        assert [i["text"]["content"] for i in patch["callout"]["rich_text"]] == words, text
