"""The file's block tag forms (docs/file-format.md, "Blocks"): what each is read as, and how it is written."""

from __future__ import annotations

import pytest

from notionlog.convert import normalize, to_blocks, to_markdown
from notionlog.convert.blocktags import state_removed_colours
from notionlog.convert.colors import to_api, to_file


def _text(content: str) -> list[dict]:
    return [{"type": "text", "text": {"content": content}}]


def _one(markdown: str) -> tuple[str, dict]:
    blocks = to_blocks(markdown).children
    assert len(blocks) == 1, blocks
    return blocks[0]["type"], blocks[0][blocks[0]["type"]]


def test_a_toggleable_heading_holds_its_children_and_reads_as_a_heading():
    heading = {"type": "heading_2", "heading_2": {"rich_text": _text("Plan"), "is_toggleable": True,
                                                  "color": "blue_background"},
               "children": [{"type": "paragraph", "paragraph": {"rich_text": _text("inside")}}]}
    text = to_markdown([heading])
    assert text == '<toggle color="blue_bg">\n\n## Plan\n\ninside\n\n</toggle>\n'
    kind, body = _one(text)
    assert kind == "heading_2" and body["is_toggleable"] and body["color"] == "blue_background"
    assert [c["type"] for c in body["children"]] == ["paragraph"]


def test_an_empty_text_before_children_is_an_empty_block_not_the_first_child():
    toggle = {"type": "toggle", "toggle": {"rich_text": []},
              "children": [{"type": "paragraph", "paragraph": {"rich_text": _text("first")}}]}
    text = to_markdown([toggle])
    assert text == "<toggle>\n\n<empty-block/>\n\nfirst\n\n</toggle>\n"
    kind, body = _one(text)
    assert kind == "toggle" and body["rich_text"] == [] and len(body["children"]) == 1


@pytest.mark.parametrize("typed, normal", [
    # by hand, without the blank lines
    ("<toggle>\nMy text\n</toggle>\n", "<toggle>\n\nMy text\n\n</toggle>\n"),
    ('<callout icon="💡">\nNote\n- kid\n</callout>\n',
     '<callout icon="💡">\n\nNote\n\n- kid\n\n</callout>\n'),
    # v1 spellings
    ('<details color="red">\n<summary>Title</summary>\nchild\n</details>\n',
     '<toggle color="red">\n\nTitle\n\nchild\n\n</toggle>\n'),
    ('::: callout {icon="💡" color="gray_bg"}\nRemember\n:::\n',
     '<callout icon="💡" color="gray_bg">\n\nRemember\n\n</callout>\n'),
    # what is no tag of ours stays the text typed
    ('<p align="center">\n\n<img src="x.png">\n\n</p>\n',
     '<p align="center">\n\n<img src="x.png">\n\n\\</p>\n'),
    ('<details markdown="1">\n<summary>S</summary>\n</details>\n',
     '<details markdown="1">\n<summary>S</summary>\n</details>\n'),
    ("<toggle>\n\nnever closed\n", "\\<toggle>\n\nnever closed\n"),
    ("\\<toggle>\n\nx\n\n\\</toggle>\n", "\\<toggle>\n\nx\n\n\\</toggle>\n"),
])
def test_typed_forms_read_as_their_blocks_and_normalize_to_the_canonical_one(typed, normal):
    assert normalize(typed) == normal
    assert normalize(normal) == normal


@pytest.mark.parametrize("literal", ["<toggle>", "</callout>", "<empty-block/>", "<columns>",
                                     "<synced_block>", "a\n</toggle>"])
def test_text_that_looks_like_a_tag_line_is_written_escaped_and_reads_back_as_text(literal):
    page = [{"type": "toggle", "toggle": {"rich_text": _text("t")},
             "children": [{"type": "paragraph", "paragraph": {"rich_text": _text(literal)}}]}]
    kind, body = _one(to_markdown(page))
    assert kind == "toggle"
    assert body["children"][0]["paragraph"]["rich_text"] == _text(literal)


def test_colours_map_between_the_file_and_the_api_and_an_unknown_one_is_unsaid():
    assert to_file("yellow_background") == "yellow_bg" and to_file("default") is None
    assert to_api("yellow_bg") == to_api("yellow_background") == "yellow_background"
    assert to_api("red") == "red" and to_api("mauve") is None
    kind, body = _one('<toggle color="mauve">\n\nx\n\n</toggle>\n')
    assert body["color"] == "default"


@pytest.mark.parametrize("icon", ["idea", ":bulb:", "ftp://x/y.png", "💡 note"])
def test_a_callout_icon_that_is_no_emoji_nor_web_address_is_not_sent(icon):
    """Notion refuses an icon emoji that is not one of its emoji: the callout is read without it
    (an edited callout keeps the icon it has; typos names the line), so no request carries it."""
    kind, body = _one(f'<callout icon="{icon}">\n\nNote\n\n</callout>\n')
    assert kind == "callout" and "icon" not in body
    assert body["rich_text"] == _text("Note")


@pytest.mark.parametrize("typed", ['<Callout icon="💡" COLOR="red">', '<CALLOUT icon="💡" colour="red">'])
def test_a_tag_in_upper_case_or_with_the_british_colour_reads_as_typed_in_lower_case(typed):
    kind, body = _one(f"{typed}\n\nNote\n\n</callout>\n")
    assert kind == "callout" and body["color"] == "red" and body["icon"]["emoji"] == "💡"
    assert normalize(f"{typed}\n\nNote\n\n</callout>\n") == (
        '<callout icon="💡" color="red">\n\nNote\n\n</callout>\n')


@pytest.mark.parametrize("icon", ["💡", "❤️", "👍🏽", "1️⃣", "🇰🇷", "https://example.com/i.png"])
def test_a_callout_icon_that_is_an_emoji_or_web_address_is_its_icon(icon):
    kind, body = _one(f'<callout icon="{icon}">\n\nNote\n\n</callout>\n')
    assert kind == "callout" and icon in str(body["icon"])


@pytest.mark.parametrize("emoji", ["ℹ️", "‼️", "☺️", "#️⃣", "💡", "한", "x"])
def test_a_pulled_callout_icon_is_written_only_when_it_reads_back(emoji):
    """An icon the file could not read back as one (it would turn the callout into text) is left
    unsaid, and kept, as an uploaded icon is."""
    callout = {"type": "callout", "callout": {"rich_text": _text("n"),
                                              "icon": {"type": "emoji", "emoji": emoji}}}
    kind, body = _one(to_markdown([callout]))
    assert kind == "callout"
    assert body.get("icon") in (None, {"type": "emoji", "emoji": emoji})
    assert (body.get("icon") is None) == (emoji in ("한", "x"))


def _para(words, **extra):
    text = [{"type": "text", "text": {"content": words}}]
    return {"type": "paragraph", "paragraph": {"rich_text": text, **extra}}


def test_a_removed_colour_tag_under_a_block_with_top_level_children_is_stated():
    # The shape sync.uploads.linked gives: children beside the payload, not in it.
    base = [{"type": "toggle", "toggle": {"rich_text": [], "children": [_para("red words", color="red")]}}]
    child = _para("red words")
    blocks = [{"type": "toggle", "toggle": {"rich_text": []}, "children": [child]}]
    state_removed_colours(blocks, base)
    assert child["paragraph"]["color"] == "default"
