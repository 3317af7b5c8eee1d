"""Hypothesis strategies for journal-like Markdown: Korean, emoji, ZWJ sequences, markup characters,
nested lists, quotes, fences and very long lines."""

from __future__ import annotations

from hypothesis import strategies as st

KOREAN = "가나다라마바사아자차카타파하한국어회고배운것오늘"
EMOJI = ["😀", "👍🏽", "👩‍💻", "👨‍👩‍👧‍👦", "🏳️‍🌈", "🇰🇷", "𝕏"]
MARKUP = list("*_`[]()<>!#-+=.|~\\&$:/\"' ") + ["**", "~~", "http://", "https://a.b/c", "1. ", "- ",
                                                       "[ ] ", "[x] "]
# Text that looks like the file's tag forms (convert.tags, convert.v1): it must stay text.
TAGS = ["<toggle>", "</toggle>", '<callout icon="💡" color="red">', "</callout>", "<p>", "</p>",
        "<columns>", "<column>", "</columns>", "<synced_block>", "</synced_block>", "<empty-block/>",
        "<details>", "<summary>s</summary>", "</details>", "::: callout", ":::", '<quote color="x">',
        "<Toggle>", "</TOGGLE>", '<callout colour="red" ICON="💡">', '<callout icon="idea">', "<P>",
        '<toggle color="teal">', '{color="blue"}']

atoms = st.one_of(
    st.sampled_from(list(KOREAN)),
    st.sampled_from(EMOJI),
    st.sampled_from(MARKUP),
    st.sampled_from(TAGS),
    st.text(alphabet="abcxyz0123456789", min_size=1, max_size=6),
)

inline_text = st.lists(atoms, max_size=12).map("".join)
long_word = st.builds(lambda word, n: " ".join([word] * n),
                      st.sampled_from(["가나다", "word", "👩‍💻", "x"]), st.integers(300, 900))
line_text = st.one_of(inline_text, inline_text, inline_text, long_word)

markers = st.sampled_from(["", "", "- ", "* ", "1. ", "2) ", "> ", "# ", "## ", "### ", "#### ",
                           "- [ ] ", "- [x] ", "```", "---", "    "])


@st.composite
def lines(draw) -> str:
    indent = "    " * draw(st.integers(0, 4))
    return indent + draw(markers) + draw(line_text)


documents = st.lists(st.one_of(lines(), st.just("")), max_size=14).map("\n".join)
any_text = st.text(max_size=80)


hostile_text = st.lists(st.sampled_from(
    list("*_`[]()<>!#-+=.|~\\&$:/ \n\t") + ["ab", "가", "👩‍💻", "1.", "http://x.y", "www", "&amp;"]),
    max_size=40).map("".join)

# --- Notion blocks in the API's response shape --------------------------------------------------

_url = st.sampled_from(["https://example.com/a", "http://x.y/(b)", "https://ko.wikipedia.org/wiki/한국",
                        "https://a.b/c.", "https://a.b/c?d=1&e=2", "/relative", "mailto:a@b.c"])


@st.composite
def rich_item(draw) -> dict:
    content = draw(st.one_of(inline_text, hostile_text, st.sampled_from(["", " ", "\n", "a\n\nb"])))
    link = draw(st.one_of(st.none(), _url))
    annotations = {name: draw(st.booleans()) for name in
                   ("bold", "italic", "strikethrough", "underline", "code")}
    annotations["color"] = draw(st.sampled_from(["default", "default", *COLORS]))
    return {"type": "text", "text": {"content": content, "link": {"url": link} if link else None},
            "annotations": annotations, "plain_text": content, "href": link}


COLORS = ["red", "gray", "blue_background", "yellow_background"]
PAGE_ID = "393abc1e-edcd-8124-a32c-eb218a6acdb1"
USER_ID = "0c1f7c3e-5a0b-4d2e-9f61-2b7d8e4a9c10"

mention = st.sampled_from([
    {"type": "mention", "mention": {"type": "page", "page": {"id": PAGE_ID}},
     "plain_text": "MLOps *정리*", "href": "https://www.notion.so/MLOps-393abc1eedcd8124a32ceb218a6acdb1"},
    {"type": "mention", "mention": {"type": "database", "database": {"id": PAGE_ID}},
     "plain_text": "Reading <list>", "href": None},
    {"type": "mention", "mention": {"type": "user", "user": {"object": "user", "id": USER_ID}},
     "plain_text": "@Fake Person", "href": None},
    {"type": "mention", "mention": {"type": "date", "date": {
        "start": "2022-05-14T09:00:00.000-04:00", "end": "2022-05-15", "time_zone": None}},
     "plain_text": "2022-05-14T09:00:00.000-04:00 → 2022-05-15", "href": None},

    {"type": "mention", "mention": {"type": "date", "date": {"start": "2022-12-16", "end": None}},
     "plain_text": "2022-12-16", "href": None},
    {"type": "mention", "mention": {"type": "page", "page": {"id": "393abc1e-edcd-8124"}},
     "plain_text": "MLOps 정리", "href": "https://www.notion.so/393abc1eedcd8124"},
    {"type": "equation", "equation": {"expression": "E = mc^2"}, "plain_text": "E = mc^2",
     "href": None},
])
rich_text = st.lists(st.one_of(rich_item(), rich_item(), mention), max_size=5)

TEXT_TYPES = ["paragraph", "heading_1", "heading_2", "heading_3", "heading_4", "bulleted_list_item",
              "numbered_list_item", "to_do", "toggle", "quote", "callout"]
OTHER = ["divider", "code", "equation", "table", "image", "bookmark", "child_page", "unsupported",
         "column_list", "column", "synced_block", "link_to_page"]
COLOURS = ["default", "default", "red", "gray_background"]
ICONS = [None, {"type": "emoji", "emoji": "💡"}, {"type": "external", "external": {"url": "https://a.b/i.png"}},
         {"type": "file", "file": {"url": "https://s3.example/x.png?sig=1", "expiry_time": "2030"}}]


def _payload(draw, kind: str) -> dict:
    if kind in TEXT_TYPES:
        payload = {"rich_text": draw(rich_text), "color": draw(st.sampled_from(COLOURS))}
        if kind == "to_do":
            payload["checked"] = draw(st.booleans())
        if kind == "callout":
            payload["icon"] = draw(st.sampled_from(ICONS))
        if kind.startswith("heading_"):
            payload["is_toggleable"] = draw(st.booleans())
        return payload
    if kind == "synced_block":
        return {"synced_from": draw(st.sampled_from([None, {"block_id": "393abc1e-edcd-8124"}]))}
    if kind == "code":
        return {"rich_text": draw(rich_text), "language": draw(st.sampled_from(
            ["python", "plain text", "c++", "ascii art"])), "caption": draw(rich_text)}
    if kind == "equation":
        return {"expression": draw(hostile_text)}
    if kind == "table":
        width = draw(st.integers(1, 3))
        rows = [{"object": "block", "type": "table_row", "table_row": {
            "cells": [draw(rich_text) for _ in range(width)]}} for _ in range(draw(st.integers(1, 3)))]
        return {"table_width": width, "has_column_header": draw(st.booleans()),
                "has_row_header": False, "children": rows}
    if kind == "image":
        return {"type": "external", "external": {"url": draw(_url)}, "caption": draw(rich_text)}
    if kind == "bookmark":
        return {"url": draw(_url), "caption": draw(rich_text)}
    if kind == "child_page":
        return {"title": draw(inline_text)}
    if kind == "link_to_page":
        return {"type": "page_id", "page_id": "393abc1e-edcd-8124-a32c-eb218a6acdb1"}
    return {}


@st.composite
def notion_block(draw, depth: int = 0) -> dict:
    kind = draw(st.sampled_from(TEXT_TYPES + TEXT_TYPES + OTHER))
    block = {"object": "block", "id": "393abc1e-edcd-8182-aa10-e3ab78a2475f", "type": kind,
             "has_children": False, kind: _payload(draw, kind)}
    if depth < 3 and kind not in ("table", "divider", "code", "equation", "image", "bookmark"):
        children = draw(st.lists(notion_block(depth + 1), max_size=3))
        if children:
            block["children"] = children
            block["has_children"] = True
    return block


notion_blocks = st.lists(notion_block(), max_size=6)
