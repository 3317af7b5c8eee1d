"""Contract: block children — pagination, nesting, positions, updates, and what cannot be changed."""

from __future__ import annotations

from notion_client import APIErrorCode

from tests.fakenotion.showcase import PNG

from .helpers import bullet, children, para, refusal, text


def test_block_children_pages_follow_the_cursor(backend):
    """``next_cursor`` is followed with ``start_cursor`` until ``has_more`` is false; every block comes
    once, in order. (The cursor is the next block's id in recorded answers; clients treat it as
    opaque.)"""
    client = backend.client
    page = backend.page("pages", children=[para(str(i)) for i in range(5)])
    seen, cursor = [], None
    while True:
        answer = client.blocks.children.list(
            page["id"], page_size=2, **({"start_cursor": cursor} if cursor else {})
        )
        assert len(answer["results"]) <= 2
        seen += [b["paragraph"]["rich_text"][0]["plain_text"] for b in answer["results"]]
        if not answer["has_more"]:
            assert answer["next_cursor"] is None
            break
        cursor = answer["next_cursor"]
    assert seen == ["0", "1", "2", "3", "4"]


def test_query_pages_follow_the_cursor(backend):
    """Data source queries paginate the same way (opaque cursor)."""
    from .helpers import entry

    client = backend.client
    ds = backend.data_source()
    made = {entry(client, ds, f"2026-07-0{i}")["id"] for i in range(1, 4)}
    seen, cursor = [], None
    while True:
        answer = client.data_sources.query(ds, page_size=1, **({"start_cursor": cursor} if cursor else {}))
        seen += [p["id"] for p in answer["results"]]
        if not answer["has_more"]:
            break
        cursor = answer["next_cursor"]
    assert sorted(seen) == sorted(made)


def test_an_append_answers_only_the_new_top_level_blocks(backend):
    """The append answer lists the new first-level blocks (with ids), not their children: the writer
    lists a parent's children to learn the nested ids."""
    client = backend.client
    answer = client.blocks.children.append(
        backend.parent_id, children=[bullet("a", [bullet("b")]), para("c")]
    )
    assert [b["type"] for b in answer["results"]] == ["bulleted_list_item", "paragraph"]
    assert answer["results"][0]["has_children"] is True
    nested = children(client, answer["results"][0]["id"])
    assert [b["bulleted_list_item"]["rich_text"][0]["plain_text"] for b in nested] == ["b"]


def test_after_inserts_at_a_position(backend):
    """``after`` (API 2025-09-03) places new blocks right after a sibling, so an inserted line keeps
    its neighbours' ids."""
    client = backend.client
    page = backend.page("after", children=[para("1"), para("3")])
    first = children(client, page["id"])[0]
    client.blocks.children.append(page["id"], children=[para("2")], after=first["id"])
    assert [b["paragraph"]["rich_text"][0]["plain_text"] for b in children(client, page["id"])] == [
        "1",
        "2",
        "3",
    ]


def test_only_some_blocks_hold_children(backend):
    """Paragraphs, list items and toggleable headings may hold children; a plain heading may not."""
    client = backend.client
    toggleable = {"heading_2": {"rich_text": text("h"), "is_toggleable": True, "children": [para("in")]}}
    made = client.blocks.children.append(backend.parent_id, children=[toggleable, para("p", [para("child")])])
    assert [b["has_children"] for b in made["results"]] == [True, True]
    plain = {"heading_2": {"rich_text": text("h"), "children": [para("in")]}}
    error = refusal(lambda: client.blocks.children.append(backend.parent_id, children=[plain]))
    assert error.code == APIErrorCode.ValidationError


def test_an_update_replaces_given_fields_and_keeps_the_rest(backend):
    """``PATCH /v1/blocks/{id}`` replaces each field given and keeps the others (a to-do's ``checked``
    survives a text edit)."""
    client = backend.client
    made = client.blocks.children.append(
        backend.parent_id, children=[{"to_do": {"rich_text": text("task"), "checked": True}}]
    )["results"][0]
    updated = client.blocks.update(made["id"], to_do={"rich_text": text("task, edited")})
    assert updated["to_do"]["checked"] is True
    assert updated["to_do"]["rich_text"][0]["plain_text"] == "task, edited"


def test_a_block_cannot_change_its_type(backend):
    """The API cannot turn a paragraph into a heading (delete and re-create instead): the updater
    must never send another type's payload to an existing block. The exact answer is unverified;
    the emulator refuses with a validation error."""
    client = backend.client
    made = client.blocks.children.append(backend.parent_id, children=[para("x")])["results"][0]
    error = refusal(lambda: client.blocks.update(made["id"], heading_1={"rich_text": text("x")}))
    assert error.status == 400


def test_external_images_need_an_image_file_type(backend):
    """The image block reference lists the supported types (.bmp .gif .heic .jpeg .jpg .png .svg .tif
    .tiff); other URLs get "Invalid image url." (ramnes/notion-sdk-py#214 was refused for a URL whose
    type was only in the query string). Which URLs exactly is unverified: the emulator takes the
    unkind reading — the URL's path must end with a listed type; no extension is refused. If live
    takes an extension-less URL, the emulator may relax that."""
    client = backend.client
    good = {"image": {"type": "external", "external": {"url": "https://www.notion.so/images/favicon.png"}}}
    assert client.blocks.children.append(backend.parent_id, children=[good])["results"][0]["type"] == "image"
    bad = {"image": {"type": "external", "external": {"url": "https://example.com/photo?fmt=png"}}}
    error = refusal(lambda: client.blocks.children.append(backend.parent_id, children=[bad]))
    assert error.code == APIErrorCode.ValidationError and "Invalid image url." in str(error)


def test_the_markdown_view_has_notions_shape(backend):
    """``GET /v1/pages/{id}/markdown`` answers ``object: page_markdown`` with ``markdown``,
    ``truncated`` and ``unknown_block_ids``, the same text on two reads of an unchanged page and
    another after an edit — what a fingerprint (a hash of the answer, never parsed) needs. The
    emulator's Markdown is not Notion's; only the shape and the stability are the contract."""
    client = backend.client
    page = backend.page("markdown", children=[para("one")])
    first = client.pages.retrieve_markdown(page["id"])
    assert first["object"] == "page_markdown"
    assert isinstance(first["markdown"], str) and isinstance(first["truncated"], bool)
    assert isinstance(first["unknown_block_ids"], list)
    assert client.pages.retrieve_markdown(page["id"])["markdown"] == first["markdown"]
    client.blocks.children.append(page["id"], children=[para("two")])
    assert client.pages.retrieve_markdown(page["id"])["markdown"] != first["markdown"]


def test_column_lists_hold_columns_and_columns_hold_content(backend):
    """A column list is made with at least two columns, each with at least one child (the column
    changelog); a column outside a column list is refused. The updater must keep columns as they are."""
    client = backend.client

    def column(word: str) -> dict:
        return {"column": {"children": [para(word)]}}

    made = client.blocks.children.append(
        backend.parent_id, children=[{"column_list": {"children": [column("a"), column("b")]}}]
    )["results"][0]
    assert [c["type"] for c in children(client, made["id"])] == ["column", "column"]
    for lonely in ([column("a")], [column("a"), {"column": {"children": []}}]):
        error = refusal(
            lambda lonely=lonely: client.blocks.children.append(
                backend.parent_id, children=[{"column_list": {"children": lonely}}]
            )
        )
        assert error.code == APIErrorCode.ValidationError
    assert (
        refusal(lambda: client.blocks.children.append(backend.parent_id, children=[column("x")])).status
        == 400
    )


def test_a_synced_duplicate_reads_through_its_original_and_refuses_edits(backend):
    """A duplicate (``synced_from``) lists its original's children; appending through the duplicate's
    id is refused (the wording is unverified): the updater edits the original or leaves it alone."""
    client = backend.client
    original = client.blocks.children.append(
        backend.parent_id, children=[{"synced_block": {"synced_from": None, "children": [para("shared")]}}]
    )["results"][0]
    copy = client.blocks.children.append(
        backend.parent_id, children=[{"synced_block": {"synced_from": {"block_id": original["id"]}}}]
    )["results"][0]
    assert copy["synced_block"]["synced_from"]["block_id"] == original["id"]
    assert [b["id"] for b in children(client, copy["id"])] == [
        b["id"] for b in children(client, original["id"])
    ]
    assert refusal(lambda: client.blocks.children.append(copy["id"], children=[para("x")])).status == 400


def test_a_heading_with_children_stays_toggleable(backend):
    """ "is_toggleable can be removed only if it has no children" (update a block reference)."""
    client = backend.client
    heading = {"heading_2": {"rich_text": text("h"), "is_toggleable": True, "children": [para("in")]}}
    made = client.blocks.children.append(backend.parent_id, children=[heading])["results"][0]
    error = refusal(lambda: client.blocks.update(made["id"], heading_2={"is_toggleable": False}))
    assert error.status == 400


def test_an_upload_reads_back_as_a_signed_url_with_a_stable_path(backend):
    """A file sent through the File Upload API and attached reads back as ``type: "file"``: a signed
    URL with an ``expiry_time`` at most an hour ahead, whose path stays while the signature may change
    (file object reference: "don't cache" the URL). The emulator signs anew on every read (the unkind
    reading: a client that writes the URL into a file rewrites it every time); if live keeps the same
    URL for a while, only that last assertion is stricter than Notion."""
    from datetime import datetime, timedelta, timezone

    import httpx

    client = backend.client
    made = client.file_uploads.create(filename="dot.png", content_type="image/png")
    client.file_uploads.send(made["id"], file=("dot.png", PNG, "image/png"))
    block = {"image": {"type": "file_upload", "file_upload": {"id": made["id"]}}}
    image = client.blocks.children.append(backend.parent_id, children=[block])["results"][0]
    first = client.blocks.retrieve(image["id"])["image"]
    assert first["type"] == "file"
    expiry = datetime.fromisoformat(first["file"]["expiry_time"].replace("Z", "+00:00"))
    assert expiry <= datetime.now(timezone.utc) + timedelta(hours=1, minutes=5)
    backend.pause(2)  # a new second: an S3 signature carries its signing time
    second = client.blocks.retrieve(image["id"])["image"]["file"]["url"]
    assert httpx.URL(second).path == httpx.URL(first["file"]["url"]).path
    assert second != first["file"]["url"]
