"""Conformance: data-source queries, properties and timestamps (contract §3.3–3.5, §6.4,
§10 MUST rows 7, 8)."""

from __future__ import annotations

import re

import pytest
from notion_client import APIErrorCode, APIResponseError, collect_paginated_api

MINUTE = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:00\.000Z$")
MILLIS = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+00:00$")


def title(text: str) -> dict:
    return {"title": [{"text": {"content": text}}]}


@pytest.fixture
def journal(fakenotion):
    client = fakenotion.client()
    db = client.databases.create(
        parent={"page_id": fakenotion.root_id},
        title=[{"text": {"content": "Journal"}}],
        initial_data_source={
            "properties": {"Name": {"title": {}}, "Date": {"date": {}}, "Tags": {"multi_select": {}}}
        },
    )
    return client, db, db["data_sources"][0]["id"]


def add(client, ds: str, day: str | None, tags=(), name: str | None = None) -> dict:
    properties = {
        "Name": title(name or day or "untitled"),
        "Tags": {"multi_select": [{"name": t} for t in tags]},
    }
    if day is not None:
        properties["Date"] = {"date": {"start": day}}
    return client.pages.create(parent={"data_source_id": ds}, properties=properties)


def names(result: dict) -> list[str]:
    return [p["properties"]["Name"]["title"][0]["plain_text"] for p in result["results"]]


def test_page_properties_are_rendered_with_ids_and_all_schema_keys(journal):
    client, _db, ds = journal
    page = add(client, ds, "2021-12-07", tags=["work", "study"])
    props = page["properties"]
    assert set(props) == {"Name", "Date", "Tags"}
    assert props["Name"]["id"] == "title" and props["Date"]["id"] != "title"
    assert props["Date"] == {
        "id": props["Date"]["id"],
        "type": "date",
        "date": {"start": "2021-12-07", "end": None, "time_zone": None},
    }
    assert [o["name"] for o in props["Tags"]["multi_select"]] == ["work", "study"]
    schema = client.data_sources.retrieve(ds)["properties"]["Tags"]["multi_select"]["options"]
    assert [o["name"] for o in schema] == ["work", "study"]  # new options join the schema
    empty = add(client, ds, None, name="no date")
    assert empty["properties"]["Date"]["date"] is None and empty["properties"]["Tags"]["multi_select"] == []


def test_date_filters(journal):
    client, _db, ds = journal
    for day in ("2021-12-06", "2021-12-07", "2021-12-08"):
        add(client, ds, day)
    add(client, ds, None, name="undated")
    cases = {
        "equals": ["2021-12-07"],
        "before": ["2021-12-06"],
        "after": ["2021-12-08"],
        "on_or_before": ["2021-12-06", "2021-12-07"],
        "on_or_after": ["2021-12-07", "2021-12-08"],
    }
    for op, expected in cases.items():
        found = client.data_sources.query(ds, filter={"property": "Date", "date": {op: "2021-12-07"}})
        assert sorted(names(found)) == expected, op
    assert names(client.data_sources.query(ds, filter={"property": "Date", "date": {"is_empty": True}})) == [
        "undated"
    ]


def test_and_or_filters_and_multi_select(journal):
    client, _db, ds = journal
    add(client, ds, "2021-12-06", tags=["work"])
    add(client, ds, "2021-12-07", tags=["study"])
    add(client, ds, "2021-12-08", tags=["work", "study"])
    both = {
        "and": [
            {"property": "Tags", "multi_select": {"contains": "work"}},
            {"property": "Date", "date": {"after": "2021-12-06"}},
        ]
    }
    assert names(client.data_sources.query(ds, filter=both)) == ["2021-12-08"]
    either = {
        "or": [
            {"property": "Date", "date": {"equals": "2021-12-06"}},
            {"property": "Date", "date": {"equals": "2021-12-07"}},
        ]
    }
    assert sorted(names(client.data_sources.query(ds, filter=either))) == ["2021-12-06", "2021-12-07"]
    title_filter = {"property": "Name", "title": {"equals": "2021-12-07"}}
    assert names(client.data_sources.query(ds, filter=title_filter)) == ["2021-12-07"]


def test_sorts_by_property_and_timestamp(journal, fakenotion):
    client, _db, ds = journal
    for day in ("2021-12-07", "2021-12-06", "2021-12-08"):
        add(client, ds, day)
        fakenotion.advance_clock(60)
    by_date = client.data_sources.query(ds, sorts=[{"property": "Date", "direction": "ascending"}])
    assert names(by_date) == ["2021-12-06", "2021-12-07", "2021-12-08"]
    by_edit = client.data_sources.query(
        ds, sorts=[{"timestamp": "last_edited_time", "direction": "descending"}]
    )
    assert names(by_edit) == ["2021-12-08", "2021-12-06", "2021-12-07"]


def test_query_pagination_with_cursors(journal):
    client, _db, ds = journal
    for i in range(5):
        add(client, ds, f"2021-12-0{i + 1}")
    first = client.data_sources.query(ds, page_size=2, sorts=[{"property": "Date", "direction": "ascending"}])
    assert len(first["results"]) == 2 and first["has_more"] is True and isinstance(first["next_cursor"], str)
    every = collect_paginated_api(
        client.data_sources.query,
        data_source_id=ds,
        page_size=2,
        sorts=[{"property": "Date", "direction": "ascending"}],
    )
    assert [p["properties"]["Date"]["date"]["start"] for p in every] == [
        f"2021-12-0{i + 1}" for i in range(5)
    ]


def test_unknown_filter_property_and_operator_are_refused(journal):
    client, _db, ds = journal
    for bad in (
        {"property": "Mood", "select": {"equals": "ok"}},
        {"property": "Date", "date": {"around": "2021-12-07"}},
        {"property": "Date", "rich_text": {"equals": "x"}},
        {"timestamp": "edited", "edited": {"after": "2021-12-07"}},
    ):
        with pytest.raises(APIResponseError) as caught:
            client.data_sources.query(ds, filter=bad)
        assert caught.value.code == APIErrorCode.ValidationError


def test_trashed_pages_leave_queries_and_can_return(journal):
    client, _db, ds = journal
    page = add(client, ds, "2021-12-07")
    trashed = client.pages.update(page["id"], in_trash=True)
    assert trashed["in_trash"] is True and trashed["archived"] is True
    assert client.data_sources.query(ds)["results"] == []
    assert client.pages.retrieve(page["id"])["in_trash"] is True  # how a client learns of the trash
    with pytest.raises(APIResponseError):
        client.pages.update(page["id"], properties={"Name": title("edited while trashed")})
    client.pages.update(page["id"], in_trash=False)
    assert names(client.data_sources.query(ds)) == ["2021-12-07"]


def test_timestamps_are_minute_rounded_and_databases_precise(journal):
    client, db, ds = journal
    page = add(client, ds, "2021-12-07")
    block = client.blocks.children.append(page["id"], children=[{"paragraph": {"rich_text": []}}])["results"][
        0
    ]
    for stamp in (
        page["created_time"],
        page["last_edited_time"],
        block["created_time"],
        client.data_sources.retrieve(ds)["created_time"],
    ):
        assert MINUTE.match(stamp), stamp
    assert MILLIS.match(db["created_time"]) and MILLIS.match(db["last_edited_time"])


def test_last_edited_time_moves_on_property_edits_not_on_api_content_edits(journal, fakenotion):
    client, _db, ds = journal
    page = add(client, ds, "2021-12-07")
    toggle = {
        "toggle": {
            "rich_text": [],
            "children": [{"toggle": {"rich_text": [], "children": [{"paragraph": {"rich_text": []}}]}}],
        }
    }
    client.blocks.children.append(page["id"], children=[toggle])
    start = client.pages.retrieve(page["id"])["last_edited_time"]
    minute = fakenotion.advance_clock(120)
    client.pages.update(page["id"], properties={"Name": title("renamed")})
    assert client.pages.retrieve(page["id"])["last_edited_time"] == minute != start
    # a grandchild edited through the API moves its own time, not the page's nor its ancestors'
    top = client.blocks.children.list(page["id"])["results"][0]
    mid = client.blocks.children.list(top["id"])["results"][0]
    leaf = client.blocks.children.list(mid["id"])["results"][0]
    later = fakenotion.advance_clock(120)
    client.blocks.update(leaf["id"], paragraph={"rich_text": [{"text": {"content": "typed by a script"}}]})
    assert client.pages.retrieve(page["id"])["last_edited_time"] == minute
    assert client.blocks.retrieve(leaf["id"])["last_edited_time"] == later
    assert client.blocks.retrieve(top["id"])["last_edited_time"] != later


def test_last_edited_time_filter_finds_recent_edits(journal, fakenotion):
    client, _db, ds = journal
    old = add(client, ds, "2021-12-06")
    fresh = add(client, ds, "2021-12-07")
    fakenotion.advance_clock(3600)
    client.pages.update(fresh["id"], properties={"Name": title("2021-12-07 edited")})
    since = client.pages.retrieve(fresh["id"])["last_edited_time"]
    found = client.data_sources.query(
        ds, filter={"timestamp": "last_edited_time", "last_edited_time": {"on_or_after": since}}
    )
    assert names(found) == ["2021-12-07 edited"]
    assert old["id"] not in [p["id"] for p in found["results"]]


def test_content_bump_can_be_switched_on(journal, fakenotion):
    client, _db, ds = journal
    page = add(client, ds, "2021-12-07")
    assert fakenotion.configure()["bump_on_content_edit"] is False  # the default
    fakenotion.configure(bump_on_content_edit=True)
    minute = fakenotion.advance_clock(120)
    client.blocks.children.append(page["id"], children=[{"paragraph": {"rich_text": []}}])
    assert client.pages.retrieve(page["id"])["last_edited_time"] == minute != page["last_edited_time"]


def test_schema_update_adds_renames_and_removes_properties(journal):
    client, _db, ds = journal
    updated = client.data_sources.update(ds, properties={"Mood": {"select": {"options": [{"name": "ok"}]}}})
    assert updated["properties"]["Mood"]["type"] == "select"
    mood_id = updated["properties"]["Mood"]["id"]
    renamed = client.data_sources.update(ds, properties={mood_id: {"name": "Feeling"}})
    assert "Feeling" in renamed["properties"] and "Mood" not in renamed["properties"]
    page = add(client, ds, "2021-12-07")
    assert (
        client.pages.update(page["id"], properties={"Feeling": {"select": {"name": "ok"}}})["properties"][
            "Feeling"
        ]["select"]["name"]
        == "ok"
    )
    removed = client.data_sources.update(ds, properties={"Feeling": None})
    assert "Feeling" not in removed["properties"]


def test_property_values_are_type_checked(journal):
    client, _db, ds = journal
    for bad in (
        {"Date": {"rich_text": []}},
        {"Date": {"date": {"start": "7 Dec"}}},
        {"Tags": {"multi_select": "work"}},
    ):
        with pytest.raises(APIResponseError) as caught:
            client.pages.create(parent={"data_source_id": ds}, properties={"Name": title("x"), **bad})
        assert caught.value.code == APIErrorCode.ValidationError


def test_page_property_item_endpoint(journal):
    client, _db, ds = journal
    page = add(client, ds, "2021-12-07")
    items = client.pages.properties.retrieve(page["id"], "title")
    assert items["type"] == "property_item" and items["results"][0]["title"]["plain_text"] == "2021-12-07"
    date_id = page["properties"]["Date"]["id"]
    item = client.pages.properties.retrieve(page["id"], date_id)
    assert item["object"] == "property_item" and item["date"]["start"] == "2021-12-07"


def test_a_refused_request_changes_nothing(journal):
    client, _db, ds = journal
    properties = {"Name": title("x"), "Tags": {"multi_select": [{"name": "brand-new"}]}}
    with pytest.raises(APIResponseError):
        client.pages.create(
            parent={"data_source_id": ds}, properties=properties, children=[{"paragraph": {}}]
        )
    assert client.data_sources.retrieve(ds)["properties"]["Tags"]["multi_select"]["options"] == []
    assert client.data_sources.query(ds)["results"] == []
    page = add(client, ds, "2021-12-07")
    with pytest.raises(APIResponseError):
        client.pages.update(page["id"], properties={"Name": title("renamed")}, icon={"type": "nonsense"})
    assert client.pages.retrieve(page["id"])["properties"]["Name"]["title"][0]["plain_text"] == "2021-12-07"
