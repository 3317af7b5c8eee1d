"""Pure properties of the nesting a file cannot write (no Notion involved).

Whatever a page built in the app nests under headings, paragraphs, columns and list items, its file
read back and regrouped against the page is the page again, block for block, to full depth: so a
push with no edit has nothing to send. And an edited rich text keeps what Markdown cannot show.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from notionlog.convert import to_blocks, to_markdown
from notionlog.notion import tree as t
from notionlog.notion.carry import merge_rich_text, old_form, older_reading, speaking_old_form
from notionlog.notion.regroup import regroup
from notionlog.sync.sides import block_key

USER = "6794760a-1f15-45cd-9c65-0dfe42f5135a"
WORDS = st.sampled_from(["alpha", "beta", "gamma", "delta", "one two", "x"])


def _text(word: str) -> list[dict]:
    return [{"type": "text", "text": {"content": word}}]


def _block(kind: str, word: str, children: list[dict]) -> dict:
    body: dict = {"rich_text": _text(word)}
    if kind == "heading_2" and children:
        body["is_toggleable"] = True
    return {"type": kind, kind: body, "children": children}


def _columns(left: list[dict], right: list[dict]) -> dict:
    column = [{"type": "column", "column": {}, "children": side} for side in (left, right)]
    return {"type": "column_list", "column_list": {}, "children": column}


def trees(depth: int = 3, columns: bool = True):
    leaf = st.builds(lambda k, w: _block(k, w, []),
                     st.sampled_from(["paragraph", "heading_2", "bulleted_list_item"]), WORDS)
    if depth == 1:
        return st.lists(leaf, min_size=1, max_size=3)
    below = trees(depth - 1, columns)
    holder = st.builds(_block, st.sampled_from(["paragraph", "heading_2", "bulleted_list_item"]),
                       WORDS, below)
    kinds = [leaf, holder] + ([st.builds(_columns, below, below)] if columns else [])
    return st.lists(st.one_of(*kinds), min_size=1, max_size=3)


def shape(blocks: list[dict]) -> list:
    return [(t.block_type(b), block_key(b), shape(t.kids(b))) for b in blocks]


@settings(max_examples=150, deadline=None)
@given(page=trees())
def test_a_file_read_back_regroups_into_the_page_it_was_written_from(page):
    read = to_blocks(to_markdown(page)).children
    assert shape(regroup(page, read, block_key)) == shape(page)


def older_file(blocks: list[dict]) -> list[dict]:
    """The page as a file written before the tag forms held it: the children of a paragraph, a
    heading or columns after their block (a heading then no longer toggleable), columns lineless."""
    out: list[dict] = []
    for block in blocks:
        kind, kids = t.block_type(block), older_file(t.kids(block))
        if kind in ("column_list", "column"):
            out += kids
        elif kind in ("paragraph", "heading_2"):
            out += [{"type": kind, kind: {"rich_text": block[kind]["rich_text"]}, "children": []}, *kids]
        else:
            out.append({**block, "children": kids})
    return out


@settings(max_examples=150, deadline=None)
@given(page=trees())
def test_a_file_of_the_older_form_read_back_regroups_into_the_page(page):
    read = to_blocks(to_markdown(older_file(page))).children
    assert shape(regroup(page, read, older_reading(block_key))) == shape(page)


def _rich(*runs: tuple[str, dict]) -> list[dict]:
    return [{"type": "text", "text": {"content": c}, "annotations": a, "plain_text": c}
            for c, a in runs]


def test_an_old_form_file_keeps_unchanged_characters_colours_and_mentions():
    mention = {"type": "mention", "mention": {"type": "date", "date": {"start": "2021-12-07"}},
               "annotations": {}, "plain_text": "2021-12-07"}
    old = _rich(("red ", {"color": "red"}), ("under", {"underline": True})) + [mention]
    new = _text("red and under2021-12-07")
    with speaking_old_form(True):
        merged = merge_rich_text(old, new)
    chars = [(ch, (i.get("annotations") or {}).get("color"), (i.get("annotations") or {}).get(
        "underline")) for i in merged[:-1] for ch in i["text"]["content"]]
    assert "".join(c for c, _, _ in chars) == "red and under"
    assert "".join(c for c, colour, _ in chars if colour == "red").strip() == "red"
    assert "".join(c for c, _, line in chars if line) == "under"
    assert {colour for c, colour, _ in chars[4:7]} == {None}  # "and", typed now: plain
    assert merged[-1]["mention"] == mention["mention"]


@pytest.mark.parametrize("body", [
    {"type": "user", "user": {"id": USER}},  # (an old-form file wrote it as its text)
    {"type": "link_preview", "link_preview": {"url": "https://example.com/a"}},  # no tag: always
])
def test_a_mention_the_file_did_not_state_is_kept_only_while_its_text_is_whole(body):
    mention = {"type": "mention", "mention": body, "annotations": {}, "plain_text": "@Fake Person"}
    with speaking_old_form(body["type"] == "user"):
        merged = merge_rich_text([mention], _text("@Fake Pxerson"))
        kept = merge_rich_text([mention], _text("@Fake Person, hi"))  # typed after it: kept whole
    assert all(i["type"] == "text" for i in merged)
    assert "".join(i["text"]["content"] for i in merged) == "@Fake Pxerson"
    assert kept[0]["type"] == "mention" and kept[0]["mention"] == mention["mention"]


def test_where_the_file_states_marks_the_file_wins():
    """A colour changed and an underline removed in the file: no old mark comes back."""
    old = _rich(("red ", {"color": "red"}), ("under", {"underline": True}))
    user = {"type": "user", "user": {"id": USER}}
    old.append({"type": "mention", "mention": user, "annotations": {}, "plain_text": "@Ann"})
    new = to_blocks('<span color="blue">red</span> under@Ann').children[0]["paragraph"]["rich_text"]
    merged = merge_rich_text(old, new)
    assert merged == new  # the mention is text now: the user removed its tag
    assert [(i.get("annotations") or {}).get("color") for i in merged] == ["blue", None]
    assert not any((i.get("annotations") or {}).get("underline") for i in merged)


def test_a_file_is_in_the_old_form_only_without_any_inline_tag_beside_marks_it_could_state():
    coloured = [{"type": "paragraph", "paragraph": {"rich_text": _rich(("x", {"color": "red"}))}}]
    plain = [{"type": "paragraph", "paragraph": {"rich_text": _rich(("x", {}))}}]
    nested = [{"type": "toggle", "toggle": {"rich_text": []}, "children": coloured}]
    cell = [{"type": "table_row", "table_row": {"cells": [_rich(("x", {"underline": True}))]}}]
    table = [{"type": "table", "table": {"table_width": 1}, "children": cell}]
    assert old_form("x\n", "x, edited\n", coloured) and old_form("x\n", "x\n", nested)
    assert old_form("| x |\n", "| x |\n", table)
    assert old_form('\\<span color="red">x\n', "x\n", coloured)  # an escaped tag is text
    assert not old_form('<span color="red">x</span>\n', "x\n", coloured)  # tags removed in it
    assert not old_form("x\n", '<span color="red">x</span>\n', coloured)
    assert not old_form("x\n", "x\n", plain) and not old_form(None, "x\n", coloured)
