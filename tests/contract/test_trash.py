"""Contract: the trash — what can be asked about it, and what trashed things answer."""

from __future__ import annotations

from notion_client import APIErrorCode

from .helpers import children, entry, para, refusal, text


def test_a_data_source_query_cannot_ask_for_the_trash(backend):
    """The "Query a data source" reference says ``in_trash`` "is not a supported query body parameter
    for this endpoint". Whether Notion refuses it or silently ignores it (answering every live page)
    is unverified; the emulator refuses (400). If live answers 200 instead, make the emulator ignore the
    flag — either way a client must never send it."""
    client = backend.client
    ds = backend.data_source()
    entry(client, ds, "2026-07-04")
    error = refusal(lambda: client.data_sources.query(ds, in_trash=True))
    assert error.status == 400 and error.code == APIErrorCode.ValidationError


def test_a_trashed_page_leaves_queries_and_says_so_when_retrieved(backend):
    """How sync learns of a deletion: the page vanishes from the live query, and retrieving it
    answers ``in_trash: true``."""
    client = backend.client
    ds = backend.data_source()
    page = entry(client, ds, "2026-07-04")
    assert client.pages.update(page["id"], in_trash=True)["in_trash"] is True
    assert page["id"] not in [p["id"] for p in client.data_sources.query(ds)["results"]]
    assert client.pages.retrieve(page["id"])["in_trash"] is True
    assert client.pages.update(page["id"], in_trash=False)["in_trash"] is False
    assert page["id"] in [p["id"] for p in client.data_sources.query(ds)["results"]]


def test_a_deleted_block_is_hidden_from_listings_but_retrievable(backend):
    """DELETE answers the block with ``in_trash`` (and ``archived``) true; listings skip it; GET still
    answers it; ``in_trash: false`` brings it back in place."""
    client = backend.client
    page = backend.page("trash", children=[para("keep"), para("drop")])
    keep, drop = children(client, page["id"])
    deleted = client.blocks.delete(drop["id"])
    assert deleted["in_trash"] is True and deleted["archived"] is True
    assert [b["id"] for b in children(client, page["id"])] == [keep["id"]]
    assert client.blocks.retrieve(drop["id"])["in_trash"] is True
    client.blocks.update(drop["id"], in_trash=False)
    assert [b["id"] for b in children(client, page["id"])] == [keep["id"], drop["id"]]


def test_a_trashed_block_cannot_be_edited(backend):
    """Editing a trashed block is a 400 validation error (message unverified); the updater must not
    try to reuse a block it trashed."""
    client = backend.client
    page = backend.page("trash edit", children=[para("gone")])
    block = children(client, page["id"])[0]
    client.blocks.delete(block["id"])
    error = refusal(lambda: client.blocks.update(block["id"], paragraph={"rich_text": text("x")}))
    assert error.status == 400 and error.code == APIErrorCode.ValidationError


def test_deleting_a_block_twice_is_refused(backend):
    """What DELETE answers for a block already in the trash is unverified; the emulator refuses it like
    any edit of a trashed block (the strict reading: a retried delete must be handled by the client,
    which treats that answer as done). If live answers 200, the emulator may accept it."""
    client = backend.client
    page = backend.page("trash twice", children=[para("gone")])
    block = children(client, page["id"])[0]
    client.blocks.delete(block["id"])
    assert refusal(lambda: client.blocks.delete(block["id"])).status == 400


def test_search_can_list_the_trash_as_a_hint(backend):
    """``POST /v1/search`` with ``filter: {"in_trash": true}`` answers trashed objects only, never live
    ones (notion-sdk-js 5.23.2 release notes). Search is eventually consistent, so live polls for a
    while; the emulator answers at once. Sync uses it as a hint, confirmed by retrieving the page."""
    client = backend.client
    alive = backend.page("contract search alive")
    gone = backend.page("contract search gone")
    client.pages.update(gone["id"], in_trash=True)

    def trashed() -> list[dict]:
        return client.search(query="contract search", filter={"in_trash": True})["results"]

    assert backend.eventually(lambda: gone["id"] in [o["id"] for o in trashed()])
    assert all(o["in_trash"] for o in trashed()) and alive["id"] not in [o["id"] for o in trashed()]
