"""Conformance: Notion's size and nesting limits and shape checks (contract §4.2, §5, §10 MUST 4, 5).

Messages follow Notion's grammar ``body failed validation: <path> should be <constraint>, instead
was `<value>`.`` — the expected strings below are the ones quoted from real API answers in
docs/notion-contract.md (issues cited there), not the emulator's output.
"""

from __future__ import annotations

import pytest
from notion_client import APIErrorCode, APIResponseError


def para(content: str = "x", **text) -> dict:
    return {
        "object": "block",
        "type": "paragraph",
        "paragraph": {"rich_text": [{"text": {"content": content, **text}}]},
    }


def bullet(content: str, children: list | None = None) -> dict:
    body = {"rich_text": [{"text": {"content": content}}]}
    if children is not None:
        body["children"] = children
    return {"object": "block", "type": "bulleted_list_item", "bulleted_list_item": body}


@pytest.fixture
def page(fakenotion):
    return fakenotion.add_page("Limits")


def refused(call) -> str:
    with pytest.raises(APIResponseError) as caught:
        call()
    assert caught.value.status == 400 and caught.value.code == APIErrorCode.ValidationError
    return str(caught.value)


def test_more_than_100_children_is_refused(fakenotion, page):
    client = fakenotion.client()
    message = refused(lambda: client.blocks.children.append(page["id"], children=[para()] * 124))
    assert message == "body failed validation: body.children.length should be ≤ `100`, instead was `124`."
    assert len(client.blocks.children.append(page["id"], children=[para()] * 100)["results"]) == 100
    nested = [bullet("a", [para()] * 101)]
    assert "body.children[0].bulleted_list_item.children.length should be ≤ `100`" in refused(
        lambda: client.blocks.children.append(page["id"], children=nested)
    )


def test_pages_create_children_share_the_limit(fakenotion, page):
    client = fakenotion.client()
    message = refused(
        lambda: client.pages.create(
            parent={"page_id": page["id"]},
            properties={"title": [{"text": {"content": "t"}}]},
            children=[para()] * 101,
        )
    )
    assert "body.children.length should be ≤ `100`, instead was `101`." in message


def test_three_levels_of_nesting_in_one_request_are_refused(fakenotion, page):
    client = fakenotion.client()
    two_levels = [bullet("a", [bullet("b", [bullet("c")])])]
    assert len(client.blocks.children.append(page["id"], children=two_levels)["results"]) == 1
    three_levels = [bullet("a", [bullet("b", [bullet("c", [bullet("d")])])])]
    message = refused(lambda: client.blocks.children.append(page["id"], children=three_levels))
    assert message.startswith(
        "body failed validation: body.children[0].bulleted_list_item.children[0].bulleted_list_item"
        ".children[0].bulleted_list_item.children should be not present, instead was "
        '`[{"object":"block","type":"bulleted_list_item","bullete...`.'
    )


def test_text_content_is_limited_to_2000_utf16_units(fakenotion, page):
    client = fakenotion.client()
    assert client.blocks.children.append(page["id"], children=[para("a" * 2000)])["results"]
    message = refused(lambda: client.blocks.children.append(page["id"], children=[para("a" * 4046)]))
    assert message == (
        "body failed validation: body.children[0].paragraph.rich_text[0].text.content.length "
        "should be ≤ `2000`, instead was `4046`."
    )


def test_astral_characters_count_twice(fakenotion, page):
    client = fakenotion.client()
    assert client.blocks.children.append(page["id"], children=[para("a" * 1998 + "😀")])[
        "results"
    ]  # 2000 units
    message = refused(lambda: client.blocks.children.append(page["id"], children=[para("a" * 1999 + "😀")]))
    assert message.endswith("text.content.length should be ≤ `2000`, instead was `2001`.")


def test_more_than_100_rich_text_items_is_refused(fakenotion, page):
    items = [{"text": {"content": "x"}}] * 180
    block = {"paragraph": {"rich_text": items}}
    message = refused(lambda: fakenotion.client().blocks.children.append(page["id"], children=[block]))
    assert message == (
        "body failed validation: body.children[0].paragraph.rich_text.length "
        "should be ≤ `100`, instead was `180`."
    )


@pytest.mark.parametrize(
    "url", ["/relative/path", "notes/mlops.md", "javascript:alert(1)", "www.example.com"]
)
def test_relative_or_non_http_links_are_invalid(fakenotion, page, url):
    client = fakenotion.client()
    message = refused(
        lambda: client.blocks.children.append(page["id"], children=[para("x", link={"url": url})])
    )
    assert "Invalid URL for link." in message


def test_link_urls_are_limited_to_2000(fakenotion, page):
    client = fakenotion.client()
    ok = "https://example.com/" + "a" * 1980
    assert client.blocks.children.append(page["id"], children=[para("x", link={"url": ok})])["results"]
    message = refused(
        lambda: client.blocks.children.append(page["id"], children=[para("x", link={"url": ok + "b"})])
    )
    assert message.endswith("text.link.url.length should be ≤ `2000`, instead was `2001`.")


def test_equation_expression_is_limited_to_1000(fakenotion, page):
    client = fakenotion.client()
    block = {"equation": {"expression": "x" * 1001}}
    assert "equation.expression.length should be ≤ `1000`" in refused(
        lambda: client.blocks.children.append(page["id"], children=[block])
    )
    inline = {"paragraph": {"rich_text": [{"equation": {"expression": "y" * 1001}}]}}
    assert "rich_text[0].equation.expression.length should be ≤ `1000`" in refused(
        lambda: client.blocks.children.append(page["id"], children=[inline])
    )


def test_missing_rich_text_is_refused(fakenotion, page):
    message = refused(
        lambda: fakenotion.client().blocks.children.append(page["id"], children=[{"paragraph": {}}])
    )
    assert message == (
        "body failed validation: body.children[0].paragraph.rich_text "
        "should be defined, instead was `undefined`."
    )


def test_code_language_outside_the_enum_is_refused(fakenotion, page):
    client = fakenotion.client()
    code = {"code": {"rich_text": [{"text": {"content": "print()"}}], "language": "py"}}
    message = refused(lambda: client.blocks.children.append(page["id"], children=[code]))
    assert message.startswith('body failed validation: body.children[0].code.language should be `"abap"`')
    assert message.endswith('instead was `"py"`.')
    for language in ("python", "plain text", "c++", "java/c/c++/c#"):
        code["code"]["language"] = language
        assert (
            client.blocks.children.append(page["id"], children=[code])["results"][0]["code"]["language"]
            == language
        )


def test_type_and_shape_mismatches_are_refused(fakenotion, page):
    client = fakenotion.client()
    cases = {
        "body.children[0].paragraph.rich_text should be an array": {"paragraph": {"rich_text": "x"}},
        "body.children[0].to_do.checked should be a boolean": {"to_do": {"rich_text": [], "checked": "yes"}},
        "body.children[0].paragraph.rich_text[0].text.content should be a string": {
            "paragraph": {"rich_text": [{"text": {"content": 5}}]}
        },
        "body.children[0].paragraph.color should be": {"paragraph": {"rich_text": [], "color": "teal"}},
        "body.children[0].type should be": {"type": "sparkle", "sparkle": {}},
        "body.children[0].divider.children should be not present": {"divider": {"children": [para()]}},
        "body.children[0].heading_1.children should be not present": {
            "heading_1": {"rich_text": [], "children": [para()]}
        },
    }
    for expected, block in cases.items():
        assert expected in refused(
            lambda block=block: client.blocks.children.append(page["id"], children=[block])
        )


def test_tables_need_rows_of_the_right_width(fakenotion, page):
    client = fakenotion.client()
    row = {"table_row": {"cells": [[{"text": {"content": "a"}}], [{"text": {"content": "b"}}]]}}
    table = {"table": {"table_width": 2, "has_column_header": True, "children": [row]}}
    created = client.blocks.children.append(page["id"], children=[table])["results"][0]
    assert created["has_children"] is True and created["table"]["has_row_header"] is False
    assert "body.children[0].table.children should be defined" in refused(
        lambda: client.blocks.children.append(page["id"], children=[{"table": {"table_width": 2}}])
    )
    table["table"]["table_width"] = 3
    assert "table width" in refused(lambda: client.blocks.children.append(page["id"], children=[table]))


def test_unknown_property_is_refused(fakenotion, page):
    client = fakenotion.client()
    message = refused(
        lambda: client.pages.create(
            parent={"page_id": page["id"]},
            properties={"title": [{"text": {"content": "t"}}], "LastEditedTime": {"rich_text": []}},
        )
    )
    assert message == "LastEditedTime is not a property that exists."


def test_page_size_above_100_is_refused(fakenotion, page):
    client = fakenotion.client()
    message = refused(lambda: client.blocks.children.list(page["id"], page_size=101))
    assert message == "query failed validation: query.page_size should be ≤ `100`, instead was `101`."
    message = refused(lambda: client.search(query="", page_size=500))
    assert message == "body failed validation: body.page_size should be ≤ `100`, instead was `500`."


def test_fixture_pages_bypass_the_limits(fakenotion):
    deep = bullet("1", [bullet("2", [bullet("3", [bullet("4", [bullet("5")])])])])
    page = fakenotion.add_page("Deep", children=[deep] + [para("y" * 3000)] * 150)
    client = fakenotion.client()
    top = client.blocks.children.list(page["id"])
    assert len(top["results"]) == 100 and top["has_more"] is True
    ids = [top["results"][0]["id"]]
    for _ in range(4):
        ids.append(client.blocks.children.list(ids[-1])["results"][0]["id"])
    assert client.blocks.retrieve(ids[-1])["bulleted_list_item"]["rich_text"][0]["plain_text"] == "5"
