"""Contract: the journal database — its schema, page parents and property values."""

from __future__ import annotations

from notion_client import APIErrorCode

from .helpers import refusal, text


def test_a_database_is_made_with_one_data_source_holding_the_schema(backend):
    """API 2025-09-03: a database lists ``data_sources``; the schema lives on the data source, the
    title property's id is ``"title"``."""
    client = backend.client
    db = client.databases.create(
        parent={"type": "page_id", "page_id": backend.parent_id},
        title=text("schema"),
        initial_data_source={"properties": {"Name": {"title": {}}, "Date": {"date": {}}}},
    )
    assert len(db["data_sources"]) == 1 and "properties" not in db
    source = client.data_sources.retrieve(db["data_sources"][0]["id"])
    assert set(source["properties"]) == {"Name", "Date"}
    assert source["properties"]["Name"]["id"] == "title"


def test_a_page_in_a_data_source_names_both_parents(backend):
    """Pages answer ``parent: {type: data_source_id, data_source_id, database_id}``."""
    client = backend.client
    ds = backend.data_source()
    page = client.pages.create(parent={"data_source_id": ds}, properties={"Name": {"title": text("x")}})
    assert page["parent"]["type"] == "data_source_id" and page["parent"]["data_source_id"] == ds
    assert page["parent"]["database_id"]


def test_dates_keep_their_time_and_end(backend):
    """A ``Date`` with a time and an end reads back as written: a title edit must not flatten it."""
    client = backend.client
    ds = backend.data_source()
    date = {"start": "2026-07-04T09:30:00.000+02:00", "end": "2026-07-04T11:00:00.000+02:00"}
    page = client.pages.create(
        parent={"data_source_id": ds}, properties={"Name": {"title": text("x")}, "Date": {"date": date}}
    )
    value = client.pages.retrieve(page["id"])["properties"]["Date"]["date"]
    assert value["end"] is not None and "T" in value["start"] and "T" in value["end"]


def test_option_names_with_commas_are_refused(backend):
    """ "Invalid select option, commas not allowed" (egordm/notionsci#13): a tag with a comma must be
    refused or rewritten before it is sent, or every sync fails."""
    client = backend.client
    ds = backend.data_source()
    error = refusal(
        lambda: client.pages.create(
            parent={"data_source_id": ds},
            properties={"Name": {"title": text("x")}, "Tags": {"multi_select": [{"name": "a, b"}]}},
        )
    )
    assert error.code == APIErrorCode.ValidationError and "commas not allowed" in str(error)


def test_a_new_option_name_joins_the_schema(backend):
    """Tags not yet in the schema are added by naming them on a page (no schema update needed)."""
    client = backend.client
    ds = backend.data_source()
    client.pages.create(
        parent={"data_source_id": ds},
        properties={"Name": {"title": text("x")}, "Tags": {"multi_select": [{"name": "fresh"}]}},
    )
    options = client.data_sources.retrieve(ds)["properties"]["Tags"]["multi_select"]["options"]
    assert "fresh" in [o["name"] for o in options]


def test_an_unknown_property_is_refused(backend):
    """A renamed or deleted column is a validation error naming it, which ``doctor`` and sync report."""
    client = backend.client
    ds = backend.data_source()
    error = refusal(
        lambda: client.pages.create(
            parent={"data_source_id": ds},
            properties={"Name": {"title": text("x")}, "Mood": {"rich_text": []}},
        )
    )
    assert error.code == APIErrorCode.ValidationError and "Mood" in str(error)
