"""Property tests: any block tree within Notion's limits is stored and read back exactly, and the
2000-unit text limit is counted in UTF-16 code units (contract §4.1, §4.2, §5). In-process
(httpx WSGI transport) to stay fast."""

from __future__ import annotations

import logging

import httpx
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from notion_client import APIResponseError, Client

from tests.fakenotion import FakeNotion, transport

TEXT_KINDS = ["paragraph", "bulleted_list_item", "numbered_list_item", "to_do", "toggle", "quote"]
text = st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=40)


def block(kind: str, content: str, children: list | None) -> dict:
    body = {"rich_text": [{"text": {"content": content}}] if content else []}
    if children:
        body["children"] = children
    return {"type": kind, kind: body}


def trees(depth: int):
    kids = (
        st.just(None)
        if depth == 0
        else st.none() | st.lists(st.deferred(lambda: trees(depth - 1)), max_size=3)
    )
    return st.builds(block, st.sampled_from(TEXT_KINDS), text, kids)


def client_and_page() -> tuple[Client, str, FakeNotion]:
    app = FakeNotion()
    http = httpx.Client(transport=transport(app))
    client = Client(
        client=http, auth="ntn_prop", base_url="http://fake", retry=False, log_level=logging.CRITICAL
    )
    return client, app.store.root_id, app


def shape_of(block: dict) -> tuple:
    kind = block["type"]
    items = block[kind].get("rich_text", [])
    return (
        kind,
        "".join(i["text"]["content"] for i in items),
        [shape_of(c) for c in block[kind].get("children") or []],
    )


def read_back(client: Client, block_id: str) -> list[tuple]:
    out = []
    for child in client.blocks.children.list(block_id)["results"]:
        kind = child["type"]
        nested = read_back(client, child["id"]) if child["has_children"] else []
        out.append((kind, "".join(i["plain_text"] for i in child[kind]["rich_text"]), nested))
    return out


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(trees(2), min_size=1, max_size=6))
def test_trees_within_limits_read_back_exactly(blocks):
    client, root, _app = client_and_page()
    created = client.blocks.children.append(root, children=blocks)["results"]
    assert len(created) == len(blocks)
    assert read_back(client, root) == [shape_of(b) for b in blocks]


@settings(max_examples=30, deadline=None)
@given(st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), min_size=1990, max_size=2010))
@example("a" * 2000)  # exactly at the limit
@example("a" * 1999 + "😀")  # 2000 code points, 2001 units
def test_text_limit_counts_utf16_units(content):
    client, root, _app = client_and_page()
    units = len(content.encode("utf-16-le")) // 2
    try:
        client.blocks.children.append(root, children=[block("paragraph", content, None)])
        accepted = True
    except APIResponseError as error:
        accepted = False
        assert str(error).endswith(f"should be ≤ `2000`, instead was `{units}`.")
    assert accepted == (units <= 2000)
