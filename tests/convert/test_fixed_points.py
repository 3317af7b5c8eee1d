"""Texts that once changed type or words on a round trip: each must read back as the block it was."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from notionlog.convert import normalize, to_blocks, to_markdown
from tests.convert.strategies import inline_text


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
    # text that opens an HTML block would run on into the item's children (no blank line between)
    [_block("bulleted_list_item", "<p>가", children=[_block("bulleted_list_item", "[ ] x")])],
    [_block("numbered_list_item", "<!-- a", children=[_block("to_do", "b", checked=True)])],
    [_block("to_do", "<div>", checked=False, children=[_block("bulleted_list_item", "c")])],
])
def test_a_list_item_whose_text_looks_like_markup_stays_its_type_and_keeps_its_children(blocks):
    markdown = to_markdown(blocks)
    back = to_blocks(markdown).children
    assert _shape(back) == _shape(blocks), markdown
    assert to_markdown(back) == markdown


def test_a_typed_task_marker_still_makes_a_to_do():
    back = to_blocks("- [ ] a\n- [x] **b** c\n    - [X] d\n").children
    assert [(b["type"], b["to_do"]["checked"]) for b in back] == [("to_do", False), ("to_do", True)]
    assert back[1]["to_do"]["children"][0]["to_do"]["checked"] is True


def _linked(text: str, url: str | None) -> dict:
    return {"type": "text", "text": {"content": text, "link": {"url": url} if url else None}}


@pytest.mark.parametrize("items", [
    [_linked("https://a.b/c", "https://a.b/c"), _linked(".", "https://a.b")],
    [_linked("https://a.b/c", "https://a.b/c"), _linked(".", None), _linked("x", "https://a.b")],
    [_linked("https://a.b/c", "https://a.b/c"), _linked(").", None), _linked("word", "https://d.e")],
])
def test_a_bare_url_followed_by_link_text_keeps_both_links(items):
    blocks = [{"object": "block", "type": "paragraph", "paragraph": {"rich_text": items}}]
    markdown = to_markdown(blocks)
    back = to_blocks(markdown).children[0]["paragraph"]["rich_text"]
    runs = [(i["text"]["content"], (i["text"].get("link") or {}).get("url")) for i in back]
    assert runs == [(i["text"]["content"], (i["text"]["link"] or {}).get("url")) for i in items]
    assert to_markdown(to_blocks(markdown).children) == markdown


_URLS = st.sampled_from(["https://a.b", "https://a.b/c", "http://x.y/(b)", "https://a.b/c."])
_BITS = st.sampled_from(["x", " ", ".", ")", "(", "가", "*", "_", ":", "/", "?", "~", "]", "[",
                         "<", "`", "!", "\\", "$", ",", ";", "'"])


@st.composite
def _url_run(draw) -> dict:
    """A URL (linked to itself or not) or a few characters (linked or not), maybe emphasised."""
    if draw(st.booleans()):
        text = draw(_URLS)
        item = _linked(text, None if draw(st.integers(0, 3)) == 0 else text)
    else:
        item = _linked(draw(st.lists(_BITS, min_size=1, max_size=3).map("".join)),
                       draw(st.one_of(st.none(), _URLS)))
    marks = draw(st.sampled_from([{}, {}, {}, {"bold": True}, {"italic": True}, {"code": True}]))
    return {**item, "annotations": marks} if marks else item


@settings(max_examples=300, deadline=None)
@given(st.lists(_url_run(), min_size=1, max_size=3))
def test_text_around_urls_is_a_fixed_point(items):
    markdown = to_markdown([{"object": "block", "type": "paragraph", "paragraph": {"rich_text": items}}])
    assert to_markdown(to_blocks(markdown).children) == markdown


@pytest.mark.parametrize("line", ["    #### 가", "#### 가", "   #### 가", "    ### 가", "    # 가"])
def test_a_heading_like_line_after_a_long_line_is_a_fixed_point(line):
    """A long line is written without a check parse; a later "#" line must not ride along."""
    once = normalize("\n".join(["", " ".join(["가나다"] * 300), line]))
    assert normalize(once) == once
    assert once.count("가나다") == 300 and "가" in once.rsplit("가나다", 1)[1]


_ITEM_KINDS = st.sampled_from(["bulleted_list_item", "numbered_list_item", "to_do"])


@st.composite
def _item(draw, depth: int = 1) -> dict:
    kind = draw(_ITEM_KINDS)
    text = draw(st.sampled_from(["[ ] ", "[x] ", "[X] ", "[ ]", "[x]", "\\[ ] ", ""])) + draw(inline_text)
    block = _block(kind, text or "x", bold=draw(st.booleans()),
                   **({"checked": draw(st.booleans())} if kind == "to_do" else {}))
    if depth:
        block[kind]["children"] = draw(st.lists(_item(depth - 1), max_size=2))
    return block


@settings(max_examples=300, deadline=None)
@given(st.lists(_item(), min_size=1, max_size=3))
def test_list_items_keep_their_type_and_text_whatever_their_text_starts_with(blocks):
    markdown = to_markdown(blocks)
    assert _kinds(to_blocks(markdown).children) == _kinds(blocks), markdown


def _kinds(blocks: list[dict]) -> list:
    """Each block's type, checked state and children (the text is the properties' concern)."""
    return [(b["type"], b[b["type"]].get("checked"), _kinds(b[b["type"]].get("children", [])))
            for b in blocks]
