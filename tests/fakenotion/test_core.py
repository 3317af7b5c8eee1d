"""Conformance: the core journaling flow through notion-client over real HTTP (contract §3, §4)."""

from __future__ import annotations

import pytest


def _text(content: str) -> list[dict]:
    return [{"text": {"content": content}}]


def _journal(client, root_id: str) -> tuple[dict, str]:
    db = client.databases.create(
        parent={"type": "page_id", "page_id": root_id},
        title=_text("Journal"),
        initial_data_source={
            "properties": {
                "Name": {"title": {}},
                "Date": {"date": {}},
                "Tags": {"multi_select": {"options": [{"name": "work"}]}},
            }
        },
    )
    return db, db["data_sources"][0]["id"]


def _entry(client, ds: str, day: str, **extra) -> dict:
    properties = {"Name": {"title": _text(day)}, "Date": {"date": {"start": day}}}
    return client.pages.create(parent={"data_source_id": ds}, properties=properties, **extra)


def test_database_create_lists_its_data_source_with_the_schema(fakenotion):
    client = fakenotion.client()
    db, ds_id = _journal(client, fakenotion.root_id)
    assert client.databases.retrieve(db["id"])["data_sources"] == [{"id": ds_id, "name": "Journal"}]
    ds = client.data_sources.retrieve(ds_id)
    assert {name: p["type"] for name, p in ds["properties"].items()} == {
        "Name": "title",
        "Date": "date",
        "Tags": "multi_select",
    }
    assert ds["properties"]["Name"]["id"] == "title"
    assert ds["parent"] == {"type": "database_id", "database_id": db["id"]}
    assert ds["database_parent"] == {"type": "page_id", "page_id": fakenotion.root_id}
    root_children = client.blocks.children.list(fakenotion.root_id)["results"]
    assert [(b["type"], b["id"]) for b in root_children] == [("child_database", db["id"])]


def test_pages_in_a_data_source_are_queryable_by_date(fakenotion):
    client = fakenotion.client()
    _db, ds = _journal(client, fakenotion.root_id)
    for day in ("2021-12-06", "2021-12-07", "2021-12-08"):
        _entry(client, ds, day)
    found = client.data_sources.query(ds, filter={"property": "Date", "date": {"equals": "2021-12-07"}})
    assert [p["properties"]["Name"]["title"][0]["plain_text"] for p in found["results"]] == ["2021-12-07"]
    assert found["results"][0]["parent"]["type"] == "data_source_id"
    later = client.data_sources.query(
        ds,
        filter={"property": "Date", "date": {"on_or_after": "2021-12-07"}},
        sorts=[{"property": "Date", "direction": "descending"}],
    )
    assert [p["properties"]["Date"]["date"]["start"] for p in later["results"]] == [
        "2021-12-08",
        "2021-12-07",
    ]


def test_nested_children_get_has_children_and_are_listed_level_by_level(fakenotion):
    client = fakenotion.client()
    _db, ds = _journal(client, fakenotion.root_id)
    grandchild = {"bulleted_list_item": {"rich_text": _text("c")}}
    child = {"bulleted_list_item": {"rich_text": _text("b"), "children": [grandchild]}}
    page = _entry(
        client,
        ds,
        "2021-12-07",
        children=[{"bulleted_list_item": {"rich_text": _text("a"), "children": [child]}}],
    )
    top = client.blocks.children.list(page["id"])["results"]
    assert [b["has_children"] for b in top] == [True]
    second = client.blocks.children.list(top[0]["id"])["results"]
    third = client.blocks.children.list(second[0]["id"])["results"]
    assert [b["bulleted_list_item"]["rich_text"][0]["plain_text"] for b in second + third] == ["b", "c"]
    assert third[0]["has_children"] is False
    assert third[0]["parent"] == {"type": "block_id", "block_id": second[0]["id"]}


def test_legacy_database_parent_is_accepted_while_one_data_source(fakenotion):
    client = fakenotion.client()
    db, ds = _journal(client, fakenotion.root_id)
    page = client.pages.create(parent={"database_id": db["id"]}, properties={"Name": {"title": _text("x")}})
    assert page["parent"] == {"type": "data_source_id", "data_source_id": ds, "database_id": db["id"]}


def test_inprocess_client_sees_the_same_workspace(fakenotion):
    pytest.importorskip("notion_client")
    page = fakenotion.add_page("Summary", children=[{"paragraph": {"rich_text": _text("hi")}}])
    inproc = fakenotion.inprocess_client()
    listed = inproc.blocks.children.list(page["id"])
    assert listed["results"][0]["paragraph"]["rich_text"][0]["plain_text"] == "hi"
    assert fakenotion.requests() == [
        {"method": "GET", "path": f"/v1/blocks/{page['id']}/children", "status": 200}
    ]
