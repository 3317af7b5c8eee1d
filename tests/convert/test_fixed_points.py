"""Texts that once changed type or words on a round trip: each must read back as the block it was."""

from __future__ import annotations

import pytest

from notionlog.convert import to_blocks, to_markdown


def _block(kind: str, text: str, bold: bool = False, **payload) -> dict:
    item: dict = {"type": "text", "text": {"content": text}}
    if bold:
        item["annotations"] = {"bold": True}
    return {"object": "block", "type": kind, kind: {"rich_text": [item], **payload}}


def _shape(blocks: list[dict]) -> list:
    """Each block's type, plain text, checked state and children's shape."""
    out = []
    for block in blocks:
        payload = block[block["type"]]
        text = "".join(item["text"]["content"] for item in payload["rich_text"])
        out.append((block["type"], text, payload.get("checked"), _shape(payload.get("children", []))))
    return out


@pytest.mark.parametrize("blocks", [
    [_block("bulleted_list_item", "[ ] text")],
    [_block("bulleted_list_item", "[x] done?")],
    [_block("bulleted_list_item", "[X] done?", bold=True)],
    [_block("numbered_list_item", "[x] text")],
    [_block("bulleted_list_item", "a", children=[_block("bulleted_list_item", "[X] y")])],
    [_block("numbered_list_item", "a", children=[_block("bulleted_list_item", "[ ] y")])],
    [_block("to_do", "[ ] t", checked=False)],
])
def test_a_list_item_whose_text_opens_with_brackets_stays_its_type(blocks):
    markdown = to_markdown(blocks)
    back = to_blocks(markdown).children
    assert _shape(back) == _shape(blocks), markdown
    assert to_markdown(back) == markdown


def test_a_typed_task_marker_still_makes_a_to_do():
    back = to_blocks("- [ ] a\n- [x] **b** c\n    - [X] d\n").children
    assert [(b["type"], b["to_do"]["checked"]) for b in back] == [("to_do", False), ("to_do", True)]
    assert back[1]["to_do"]["children"][0]["to_do"]["checked"] is True
