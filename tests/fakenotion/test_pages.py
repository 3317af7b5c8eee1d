"""Conformance: pages, databases and search beyond the core flow (contract §3.2–3.6, §4.5,
§9, §10 MUST 8 relative dates, SHOULD 13)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from notion_client import APIErrorCode, APIResponseError


def title(text: str) -> list[dict]:
    return [{"text": {"content": text}}]


@pytest.fixture
def client(fakenotion):
    return fakenotion.client()


def make_db(client, parent: str, name: str = "Journal") -> tuple[dict, str]:
    db = client.databases.create(
        parent={"page_id": parent},
        title=title(name),
        initial_data_source={"properties": {"Name": {"title": {}}, "Date": {"date": {}}}},
    )
    return db, db["data_sources"][0]["id"]


def test_relative_date_operands_follow_the_emulator_clock(fakenotion, client):
    _db, ds = make_db(client, fakenotion.root_id)
    today = date.fromisoformat(fakenotion.advance_clock(0)[:10])
    for offset in (-10, -3, 0, 2):
        day = (today + timedelta(days=offset)).isoformat()
        client.pages.create(
            parent={"data_source_id": ds},
            properties={"Name": {"title": title(str(offset))}, "Date": {"date": {"start": day}}},
        )

    def found(condition: dict) -> list[str]:
        result = client.data_sources.query(ds, filter={"property": "Date", "date": condition})["results"]
        return sorted(p["properties"]["Name"]["title"][0]["plain_text"] for p in result)

    assert found({"equals": "today"}) == ["0"]
    assert found({"on_or_after": "one_week_ago"}) == ["-3", "0", "2"]
    assert found({"past_week": {}}) == ["-3", "0"]
    assert found({"next_week": {}}) == ["0", "2"]


def test_datetime_operands_compare_instants(fakenotion, client):
    _db, ds = make_db(client, fakenotion.root_id)
    client.pages.create(
        parent={"data_source_id": ds},
        properties={
            "Name": {"title": title("morning")},
            "Date": {"date": {"start": "2021-12-07T09:00:00.000+02:00"}},
        },
    )

    def query(op: str, value: str) -> list:
        return client.data_sources.query(ds, filter={"property": "Date", "date": {op: value}})["results"]

    assert query("after", "2021-12-07T06:59:00Z") and not query("after", "2021-12-07T07:00:00Z")
    assert query("equals", "2021-12-07")


def test_erase_content_clears_the_page(fakenotion, client):
    page = fakenotion.add_page("Erase", children=[{"paragraph": {"rich_text": title("x")}}])
    client.pages.update(page["id"], erase_content=True)
    assert client.blocks.children.list(page["id"])["results"] == []


def test_unemulated_page_features_are_refused_not_ignored(fakenotion, client):
    parent = {"page_id": fakenotion.root_id}
    for extra in (
        {"markdown": "# Title"},
        {"position": {"type": "page_start"}},
        {"template": {"type": "default"}},
    ):
        with pytest.raises(APIResponseError) as caught:
            client.pages.create(parent=parent, properties={"title": title("x")}, **extra)
        assert caught.value.code == APIErrorCode.InvalidRequest
    assert client.pages.create(parent=parent, properties={"title": title("x")}, template={"type": "none"})


def test_markdown_stub_reads_back_text_blocks(fakenotion, client):
    page = fakenotion.add_page("MD")
    answer = client.pages.update_markdown(
        page["id"],
        type="insert_content",
        insert_content={"content": "## New Section\n\nHello from markdown."},
    )
    assert answer["markdown"] == "## New Section\nHello from markdown."
    types = [b["type"] for b in client.blocks.children.list(page["id"])["results"]]
    assert types == ["heading_2", "paragraph"]
    assert client.pages.retrieve_markdown(page["id"])["markdown"] == answer["markdown"]


def test_move_page_between_parents(fakenotion, client):
    first = fakenotion.add_page("First")
    second = fakenotion.add_page("Second")
    moved = fakenotion.add_page("Moving", parent_id=first["id"])
    after = client.pages.move(moved["id"], parent={"page_id": second["id"]})
    assert after["parent"] == {"type": "page_id", "page_id": second["id"]}
    assert client.blocks.children.list(first["id"])["results"] == []
    assert [b["id"] for b in client.blocks.children.list(second["id"])["results"]] == [moved["id"]]


def test_database_parent_is_refused_once_there_are_two_data_sources(fakenotion, client):
    db, _ds = make_db(client, fakenotion.root_id)
    client.data_sources.create(
        parent={"type": "database_id", "database_id": db["id"]},
        properties={"Name": {"title": {}}},
        title=title("Second"),
    )
    assert len(client.databases.retrieve(db["id"])["data_sources"]) == 2
    with pytest.raises(APIResponseError) as caught:
        client.pages.create(parent={"database_id": db["id"]}, properties={"Name": {"title": title("x")}})
    assert caught.value.code == APIErrorCode.ValidationError


def test_database_needs_exactly_one_title_property(fakenotion, client):
    with pytest.raises(APIResponseError) as caught:
        client.databases.create(
            parent={"page_id": fakenotion.root_id},
            title=title("x"),
            initial_data_source={"properties": {"Date": {"date": {}}}},
        )
    assert caught.value.code == APIErrorCode.ValidationError
    default = client.databases.create(parent={"page_id": fakenotion.root_id}, title=title("Plain"))
    schema = client.data_sources.retrieve(default["data_sources"][0]["id"])["properties"]
    assert {n: p["type"] for n, p in schema.items()} == {"Name": "title"}


def test_database_update_and_trash(fakenotion, client):
    db, ds = make_db(client, fakenotion.root_id)
    updated = client.databases.update(db["id"], icon={"type": "emoji", "emoji": "🔥"}, title=title("Diary"))
    assert (
        updated["icon"] == {"type": "emoji", "emoji": "🔥"} and updated["title"][0]["plain_text"] == "Diary"
    )
    assert client.databases.update(db["id"], in_trash=True)["in_trash"] is True
    assert client.blocks.children.list(fakenotion.root_id)["results"] == []


def test_page_icon_set_and_removed(fakenotion, client):
    page = fakenotion.add_page("Icon")
    assert client.pages.update(page["id"], icon={"type": "emoji", "emoji": "🛴"})["icon"]["emoji"] == "🛴"
    assert client.pages.update(page["id"], icon=None)["icon"] is None


def test_search_filters_by_object_and_title(fakenotion, client):
    fakenotion.add_page("MLOps summary")
    _db, ds = make_db(client, fakenotion.root_id, "MLOps journal")
    pages = client.search(query="mlops", filter={"property": "object", "value": "page"})["results"]
    sources = client.search(query="mlops", filter={"property": "object", "value": "data_source"})["results"]
    assert [p["object"] for p in pages] == ["page"] and [s["id"] for s in sources] == [ds]


def test_url_property_refuses_empty_strings(fakenotion, client):
    db, ds = make_db(client, fakenotion.root_id)
    client.data_sources.update(ds, properties={"Link": {"url": {}}})
    with pytest.raises(APIResponseError):
        client.pages.create(
            parent={"data_source_id": ds}, properties={"Name": {"title": title("x")}, "Link": {"url": ""}}
        )
    page = client.pages.create(
        parent={"data_source_id": ds}, properties={"Name": {"title": title("x")}, "Link": {"url": None}}
    )
    assert page["properties"]["Link"]["url"] is None


def test_search_sort_accepts_only_last_edited_time(client):
    with pytest.raises(APIResponseError) as caught:
        client.search(query="", sort={"timestamp": "created_time", "direction": "ascending"})
    assert caught.value.code == APIErrorCode.ValidationError
    with pytest.raises(APIResponseError):
        client.search(query="", filter={"property": "object", "value": "database"})  # 2025-09-03: data_source
