"""Conformance: block children pagination, append positions, block updates, trash and restore
(contract §4, §10 MUST rows 4, 6, 9; REC test_iterate_paginated_api, test_blocks_*)."""

from __future__ import annotations

import pytest
from notion_client import APIErrorCode, APIResponseError, collect_paginated_api

ANNOTATIONS = {"bold", "italic", "strikethrough", "underline", "code", "color"}


def para(content: str) -> dict:
    return {"paragraph": {"rich_text": [{"text": {"content": content}}]}}


def texts(blocks: list[dict]) -> list[str]:
    return ["".join(t["plain_text"] for t in b[b["type"]]["rich_text"]) for b in blocks]


@pytest.fixture
def setup(fakenotion):
    page = fakenotion.add_page("Blocks")
    return fakenotion.client(), page["id"]


def test_children_cursor_is_the_next_block_id_inclusive(setup):
    client, page = setup
    created = client.blocks.children.append(page, children=[para(f"paragraph {i}") for i in range(5)])[
        "results"
    ]
    first = client.blocks.children.list(page, page_size=2)
    assert texts(first["results"]) == ["paragraph 0", "paragraph 1"]
    assert first["has_more"] is True and first["next_cursor"] == created[2]["id"]
    second = client.blocks.children.list(page, page_size=2, start_cursor=first["next_cursor"])
    assert texts(second["results"]) == ["paragraph 2", "paragraph 3"]
    last = client.blocks.children.list(page, page_size=2, start_cursor=second["next_cursor"])
    assert (
        texts(last["results"]) == ["paragraph 4"]
        and last["has_more"] is False
        and last["next_cursor"] is None
    )
    assert texts(collect_paginated_api(client.blocks.children.list, block_id=page, page_size=2)) == [
        f"paragraph {i}" for i in range(5)
    ]


def test_page_size_defaults_to_100(setup):
    client, page = setup
    for _ in range(2):
        client.blocks.children.append(page, children=[para("x")] * 60)
    listed = client.blocks.children.list(page)
    assert len(listed["results"]) == 100 and listed["has_more"] is True


def test_append_returns_only_the_new_top_level_blocks(setup):
    client, page = setup
    nested = {"toggle": {"rich_text": [{"text": {"content": "t"}}], "children": [para("inside")]}}
    results = client.blocks.children.append(page, children=[nested, para("after")])["results"]
    assert [b["type"] for b in results] == ["toggle", "paragraph"]
    assert results[0]["has_children"] is True and results[1]["has_children"] is False


def test_append_after_a_block_and_at_positions(setup):
    client, page = setup
    a, c = client.blocks.children.append(page, children=[para("a"), para("c")])["results"]
    client.blocks.children.append(page, children=[para("b")], after=a["id"])
    client.blocks.children.append(page, children=[para("start")], position={"type": "start"})
    client.blocks.children.append(page, children=[para("end")], position={"type": "end"})
    client.blocks.children.append(
        page, children=[para("c2")], position={"type": "after_block", "after_block": {"id": c["id"]}}
    )
    assert texts(client.blocks.children.list(page)["results"]) == ["start", "a", "b", "c", "c2", "end"]


def test_append_after_a_block_of_another_parent_is_refused(setup, fakenotion):
    client, page = setup
    other = fakenotion.add_page("Other", children=[para("x")])
    stranger = client.blocks.children.list(other["id"])["results"][0]["id"]
    with pytest.raises(APIResponseError) as caught:
        client.blocks.children.append(page, children=[para("b")], after=stranger)
    assert caught.value.code == APIErrorCode.ValidationError


def test_rich_text_responses_are_complete(setup):
    client, page = setup
    children = [
        {"paragraph": {"rich_text": [{"text": {"content": "link", "link": {"url": "https://example.com"}}}]}},
        {
            "paragraph": {
                "rich_text": [{"mention": {"type": "date", "date": {"start": "2022-12-16", "end": None}}}]
            }
        },
        {"paragraph": {"rich_text": [{"equation": {"expression": "E = mc^2"}}]}},
        {"heading_2": {"rich_text": [{"text": {"content": "h"}, "annotations": {"bold": True}}]}},
    ]
    linked, mention, equation, heading = client.blocks.children.append(page, children=children)["results"]
    item = linked["paragraph"]["rich_text"][0]
    assert item["href"] == "https://example.com" and item["text"]["link"] == {"url": "https://example.com"}
    assert set(item["annotations"]) == ANNOTATIONS and linked["paragraph"]["icon"] is None
    assert mention["paragraph"]["rich_text"][0]["mention"]["date"] == {
        "start": "2022-12-16",
        "end": None,
        "time_zone": None,
    }
    assert mention["paragraph"]["rich_text"][0]["plain_text"] == "2022-12-16"
    assert equation["paragraph"]["rich_text"][0]["plain_text"] == "E = mc^2"
    assert heading["heading_2"]["is_toggleable"] is False and heading["heading_2"]["color"] == "default"
    assert heading["heading_2"]["rich_text"][0]["annotations"]["bold"] is True


def test_page_mentions_carry_the_title_and_url(setup, fakenotion):
    client, page = setup
    target = fakenotion.add_page("MLOps")
    block = {"paragraph": {"rich_text": [{"mention": {"page": {"id": target["id"]}}}]}}
    item = client.blocks.children.append(page, children=[block])["results"][0]["paragraph"]["rich_text"][0]
    assert item["plain_text"] == "MLOps" and item["href"] == target["url"]
    assert item["mention"] == {"type": "page", "page": {"id": target["id"]}}


def test_update_replaces_given_fields_and_defaults_annotations(setup):
    client, page = setup
    todo = client.blocks.children.append(page, children=[{"to_do": {"rich_text": [], "checked": True}}])[
        "results"
    ][0]
    updated = client.blocks.update(
        todo["id"],
        to_do={
            "rich_text": [
                {"text": {"content": "done"}, "annotations": {"bold": True, "color": "red_background"}}
            ]
        },
    )
    assert updated["to_do"]["checked"] is True  # omitted fields keep their value
    annotations = updated["to_do"]["rich_text"][0]["annotations"]
    assert annotations == {
        "bold": True,
        "italic": False,
        "strikethrough": False,
        "underline": False,
        "code": False,
        "color": "red_background",
    }


def test_update_cannot_change_the_type_or_children(setup):
    client, page = setup
    block = client.blocks.children.append(page, children=[para("x")])["results"][0]
    for body in ({"heading_1": {"rich_text": []}}, {"paragraph": {"rich_text": [], "children": [para("y")]}}):
        with pytest.raises(APIResponseError) as caught:
            client.blocks.update(block["id"], **body)
        assert caught.value.code == APIErrorCode.ValidationError


def test_delete_trashes_hides_and_restore_brings_back(setup):
    client, page = setup
    a, b = client.blocks.children.append(page, children=[para("a"), para("b")])["results"]
    deleted = client.blocks.delete(a["id"])
    assert deleted["in_trash"] is True and deleted["archived"] is True
    assert texts(client.blocks.children.list(page)["results"]) == ["b"]
    assert client.blocks.retrieve(a["id"])["in_trash"] is True  # still GET-able
    with pytest.raises(APIResponseError) as caught:
        client.blocks.update(a["id"], paragraph={"rich_text": []})
    assert caught.value.code == APIErrorCode.ValidationError
    restored = client.blocks.update(a["id"], archived=False)
    assert restored["in_trash"] is False and restored["archived"] is False
    assert texts(client.blocks.children.list(page)["results"]) == ["a", "b"]
    client.blocks.update(b["id"], in_trash=True)
    assert texts(client.blocks.children.list(page)["results"]) == ["a"]


def test_has_children_ignores_trashed_children(setup):
    client, page = setup
    parent = client.blocks.children.append(
        page, children=[{"toggle": {"rich_text": [], "children": [para("c")]}}]
    )
    toggle = parent["results"][0]
    child = client.blocks.children.list(toggle["id"])["results"][0]
    client.blocks.delete(child["id"])
    assert client.blocks.retrieve(toggle["id"])["has_children"] is False


def test_trashed_parent_refuses_new_children(setup):
    client, page = setup
    toggle = client.blocks.children.append(page, children=[{"toggle": {"rich_text": []}}])["results"][0]
    client.blocks.delete(toggle["id"])
    with pytest.raises(APIResponseError) as caught:
        client.blocks.children.append(toggle["id"], children=[para("x")])
    assert caught.value.code == APIErrorCode.ValidationError


def test_pages_and_databases_are_blocks_of_their_parent(setup, fakenotion):
    client, page = setup
    child = client.pages.create(
        parent={"page_id": page}, properties={"title": [{"text": {"content": "Child"}}]}
    )
    db = client.databases.create(parent={"page_id": page}, title=[{"text": {"content": "DB"}}])
    listed = client.blocks.children.list(page)["results"]
    assert [(b["type"], b[b["type"]]) for b in listed] == [
        ("child_page", {"title": "Child"}),
        ("child_database", {"title": "DB"}),
    ]
    assert client.blocks.delete(child["id"])["type"] == "child_page"
    assert client.blocks.delete(db["id"])["type"] == "child_database"
    assert client.blocks.children.list(page)["results"] == []
    assert client.pages.retrieve(child["id"])["in_trash"] is True


def test_mentions_of_pages_the_integration_cannot_see_are_refused(setup, fakenotion):
    client, page = setup
    hidden = fakenotion.add_page("Hidden", shared=False)
    for target in (hidden["id"], "11111111-1111-1111-1111-111111111111"):
        block = {"paragraph": {"rich_text": [{"mention": {"page": {"id": target}}}]}}
        with pytest.raises(APIResponseError) as caught:
            client.blocks.children.append(page, children=[block])
        assert caught.value.code == APIErrorCode.ValidationError


def test_deleting_a_trashed_block_again_is_refused(setup):
    client, page = setup
    block = client.blocks.children.append(page, children=[para("x")])["results"][0]
    client.blocks.delete(block["id"])
    with pytest.raises(APIResponseError) as caught:
        client.blocks.delete(block["id"])
    assert caught.value.code == APIErrorCode.ValidationError
    assert "archived" in str(caught.value)
