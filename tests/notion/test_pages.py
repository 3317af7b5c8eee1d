"""Database and page operations against the emulator: resolve, schema, query with cursors, trash."""

from __future__ import annotations

import pytest

from notionlog.errors import NotionNotShared, NotionRejected

from .conftest import create_page, props, writes


def test_resolve_database_from_its_id_or_its_data_source_id(api, database, fakenotion):
    by_db = api.resolve_database(f"https://www.notion.so/ws/Journal-{database.database_id.replace('-', '')}")
    assert by_db == database
    assert writes(fakenotion) == [f"GET /v1/databases/{database.database_id}",
                                  f"GET /v1/data_sources/{database.data_source_id}"]
    assert api.resolve_database(database.data_source_id) == database
    assert by_db.title == "Journal" and by_db.title_property == "Name"
    assert {n: p["type"] for n, p in by_db.properties.items()} == {
        "Name": "title", "Date": "date", "Tags": "multi_select", "notionlog": "rich_text"}


def test_ensure_properties_adds_to_the_data_source(api, database):
    db = api.ensure_properties(database, {"Mood": {"select": {}}})
    assert db.property_type("Mood") == "select" and db.property_type("Date") == "date"
    assert api.resolve_database(db.database_id).property_type("Mood") == "select"


def test_query_follows_every_cursor_and_filters(api, database, fakenotion):
    client = fakenotion.client()
    for day in range(1, 206):
        date = f"2021-{1 + day // 28:02d}-{1 + day % 28:02d}"
        parent = {"data_source_id": database.data_source_id}
        client.pages.create(parent=parent, properties=props(f"e{day}", date))
    fakenotion.clear_requests()
    pages = list(api.query(database.data_source_id))
    assert len(pages) == 205 and len({p["id"] for p in pages}) == 205
    assert len(writes(fakenotion)) == 3  # 100 + 100 + 5
    one = list(api.query(database.data_source_id, {"property": "Date", "date": {"equals": "2021-01-02"}}))
    assert [p["properties"]["Name"]["title"][0]["plain_text"] for p in one] == ["e1"]


def test_trash_and_restore_a_page(api, database):
    page, _ = create_page(api, database.data_source_id, props("T", "2021-12-07"), [])
    assert api.update_page(page["id"], in_trash=True)["in_trash"] is True
    assert list(api.query(database.data_source_id)) == []
    assert api.retrieve_page(page["id"])["in_trash"] is True  # only its own object tells
    api.update_page(page["id"], in_trash=False)
    assert [p["id"] for p in api.query(database.data_source_id)] == [page["id"]]


def test_update_page_sends_only_what_is_given(api, database, fakenotion):
    page, _ = create_page(api, database.data_source_id, props("T", "2021-12-07"), [])
    changed = api.update_page(page["id"], properties={"Name": {"title": [{"text": {"content": "U"}}]}})
    assert changed["properties"]["Date"]["date"]["start"] == "2021-12-07"
    assert api.retrieve_page(page["id"])["properties"]["Name"]["title"][0]["plain_text"] == "U"


def test_an_unknown_page_is_not_shared_and_a_bad_property_is_rejected(api, database):
    with pytest.raises(NotionNotShared) as caught:
        api.retrieve_page("3d0982b9-f958-41d0-8437-cf2e00981c7f")
    assert caught.value.kind == "page"
    with pytest.raises(NotionRejected) as rejected:
        create_page(api, database.data_source_id, {"Nope": {"rich_text": []}}, [])
    assert rejected.value.code == "validation_error"


def test_short_list_pages_are_followed_to_the_end(api, database, fakenotion):
    from .conftest import item, shape

    children = [item(f"b{i}", *[item(f"b{i}.{j}") for j in range(9)]) for i in range(12)]
    page, _ = create_page(api, database.data_source_id, props("T", "2021-12-07"), children)
    fakenotion.configure(page_cap=5)
    fakenotion.clear_requests()
    assert shape(api.fetch_blocks(page["id"])) == shape(children)
    assert len(writes(fakenotion)) == 3 + 12 * 2  # 12 top-level blocks in 5s, 9 children each in 5s
    assert len(list(api.query(database.data_source_id))) == 1


def test_a_page_holding_one_inline_database_resolves_to_it(api, fakenotion):
    holder = fakenotion.add_page("Journal page")
    created = fakenotion.client().databases.create(
        parent={"type": "page_id", "page_id": holder["id"]}, is_inline=True,
        title=[{"type": "text", "text": {"content": "Inline"}}],
        initial_data_source={"properties": {"Name": {"title": {}}, "Date": {"date": {}}}})
    db = api.resolve_database(f"https://www.notion.so/ws/Journal-page-{holder['id'].replace('-', '')}")
    assert db.database_id == created["id"] and db.title == "Inline"
    empty = fakenotion.add_page("Nothing here")
    with pytest.raises(NotionNotShared):
        api.resolve_database(empty["id"])
