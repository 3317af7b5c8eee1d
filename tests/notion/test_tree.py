"""Cutting block trees into requests Notion accepts (tree.py), pure, plus one payload-limit round trip."""

from __future__ import annotations

import json
from pathlib import Path

import httpx
import pytest

from notionlog.notion import connect
from notionlog.notion import tree as t
from notionlog.notion.writer import _created_ids, append_tree
from notionlog.settings import Settings

from .conftest import create_page, item, props, shape


def nested(depth: int) -> dict:
    return item(f"d{depth}") if depth == 1 else item(f"d{depth}", nested(depth - 1))


def test_children_are_read_from_either_shape_and_the_type_from_a_bare_block():
    inside = {"toggle": {"rich_text": [], "children": [item("a")]}}
    assert t.block_type(inside) == "toggle" and shape(t.kids(inside)) == shape([item("a")])
    outside = {**item("x", item("a"))}
    assert t.kids(outside) == [item("a")]
    assert t.known_kids({"type": "paragraph", "paragraph": {}, "has_children": True}) is None
    assert t.known_kids({"type": "paragraph", "paragraph": {}, "has_children": False}) == []
    with pytest.raises(ValueError):
        t.block_type({"id": "x"})


def test_request_form_nests_children_inside_the_payload():
    form = t.frame(item("a", item("b")))
    assert form == {"type": "bulleted_list_item", "bulleted_list_item": {
        "rich_text": [{"type": "text", "text": {"content": "a"}}],
        "children": [{"type": "bulleted_list_item",
                      "bulleted_list_item": {"rich_text": [{"type": "text", "text": {"content": "b"}}]}}]}}


def test_two_levels_below_the_top_fit_three_do_not():
    assert t.fits(nested(3)) and not t.fits(nested(4))
    assert "children" not in t.frame(nested(4))["bulleted_list_item"]


def test_more_than_100_children_anywhere_in_the_frame_do_not_fit():
    assert t.fits(item("a", *[item("b")] * 100))
    assert not t.fits(item("a", *[item("b")] * 101))
    assert not t.fits(item("a", item("b", *[item("c")] * 101)))


def test_a_frame_stays_under_1000_blocks_and_the_byte_budget():
    wide = item("a", *[item("b", *[item("c")] * 50)] * 20)  # 1 + 20 + 1000 blocks
    assert not t.fits(wide)
    heavy = [item("x" * 2000) for _ in range(100)] + [item("y" * 2000) for _ in range(150)]
    for chunk in t.chunks(heavy):
        assert len(chunk) <= 100 and sum(t.weight(b)[1] for b in chunk) <= t.MAX_BYTES
    korean = [item("가" * 2000) for _ in range(100)]  # 6 KB each in UTF-8
    assert len(t.chunks(korean)) == 2 and t.leading_fit(korean) < 100


def test_chunks_and_the_leading_run_of_a_page_create():
    blocks = [item("a"), nested(3), nested(4), item("b")]
    assert t.leading_fit(blocks) == 2  # stops at the first block that must be cut
    assert [len(c) for c in t.chunks([item(str(i)) for i in range(250)])] == [100, 100, 50]


def test_ids_of_created_blocks_tolerate_a_full_children_listing():
    listed = [{"id": i} for i in ["k1", "k2", "n1", "n2", "k3"]]
    assert _created_ids(listed[2:4], 2, "k2") == ["n1", "n2"]  # the documented answer
    assert _created_ids(listed, 2, "k2") == ["n1", "n2"]  # an answer listing every child
    assert _created_ids(listed, 2, None) == ["n2", "k3"]  # appended at the end


def test_a_payload_over_1000_blocks_is_split_and_round_trips(api, database, fakenotion):
    wide = [item("a", *[item(f"b{i}", *[item(f"c{i}.{j}") for j in range(60)]) for i in range(20)])]
    page, tree = create_page(api, database.data_source_id, props("Wide", "2021-12-09"), wide)
    assert shape(tree) == shape(wide)
    assert shape(api.fetch_blocks(page["id"])) == shape(wide)
    assert all(r["status"] == 200 for r in fakenotion.requests())


def table(rows: int, width: int = 2) -> dict:
    def cell(r: int, c: int) -> list[dict]:
        return [{"type": "text", "text": {"content": f"r{r}c{c}"}}]

    rows_ = [{"type": "table_row", "table_row": {"cells": [cell(r, c) for c in range(width)]}}
             for r in range(rows)]
    head = {"table_width": width, "has_column_header": True, "has_row_header": False}
    return {"type": "table", "table": head, "children": rows_}


def test_a_cut_table_keeps_its_first_rows_in_its_own_request():
    big_table = table(130)
    assert not t.fits(big_table) and t.head_count(big_table) == 100
    assert len(t.frame(big_table)["table"]["children"]) == 100
    assert t.head_count(item("x", *[item("y")] * 130)) == 0


def test_tables_deep_in_lists_and_longer_than_100_rows_are_written(api, database, fakenotion):
    children = [item("a", item("b", table(3))), table(130), item("c", item("d", item("e", table(2))))]
    page, tree = create_page(api, database.data_source_id, props("Tables", "2021-12-10"), children)
    assert shape(tree) == shape(children)
    fetched = api.fetch_blocks(page["id"])
    rows = [r["table_row"]["cells"][1][0]["plain_text"] for r in fetched[1]["children"]]
    assert rows == [f"r{r}c1" for r in range(130)]
    assert len(fetched[0]["children"][0]["children"][0]["children"]) == 3
    assert all(r["status"] == 200 for r in fakenotion.requests())


def test_an_append_answer_without_the_new_blocks_is_made_good_by_a_listing():
    children = {"p": ["k1"]}
    counter = iter(range(100))

    def handler(request: httpx.Request) -> httpx.Response:
        parent = request.url.path.split("/")[3]
        if request.method == "PATCH":  # append: remember the blocks, answer with an empty list
            new = [f"n{next(counter)}" for _ in json.loads(request.content)["children"]]
            children.setdefault(parent, [])
            children[parent][1:1] = new  # after k1
            return httpx.Response(200, json={"object": "list", "results": [], "has_more": False,
                                             "next_cursor": None})
        results = [{"id": i, "type": "paragraph", "has_children": False} for i in children[parent]]
        return httpx.Response(200, json={"object": "list", "results": results, "has_more": False,
                                         "next_cursor": None})

    api = connect(Settings(home=Path("h"), token="ntn_x", base_url="http://n.test", max_rps=1000),
                  transport=httpx.MockTransport(handler))
    deep = item("a", item("b", item("c", item("d"))))
    nodes = append_tree(api, "p", [item("x"), deep], after="k1")
    assert [n["id"] for n in nodes] == ["n0", "n1"]  # found by listing the parent
    assert nodes[1]["children"][0]["id"] == "n2"  # and the cut block's children went under it
    assert children["n1"] == ["n2"]


def test_a_deep_column_list_is_framed_with_its_columns_and_their_first_blocks_cut():
    """Notion makes a column list only with its columns, each holding a block; two levels below
    the top is the floor, so a column's toggle rides without its children."""
    def para(words: str, kids: list | None = None) -> dict:
        return {"type": "paragraph", "paragraph": {"rich_text": []}, "children": kids or []}
    toggle = {"type": "toggle", "toggle": {"rich_text": []}, "children": [para("kid")]}
    columns = {"type": "column_list", "column_list": {}, "children": [
        {"type": "column", "column": {}, "children": [toggle, para("b")]},
        {"type": "column", "column": {}, "children": [para("c")]}]}
    framed = t.frame(columns)
    cols = framed["column_list"]["children"]
    assert [c["type"] for c in cols] == ["column", "column"]
    first = cols[0]["column"]["children"]
    assert [b["type"] for b in first] == ["toggle", "paragraph"]
    assert "children" not in first[0]["toggle"]
