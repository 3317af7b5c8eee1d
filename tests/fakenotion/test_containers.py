"""Conformance: what a person builds in the app — columns, synced blocks, toggles and paragraphs with
children, callouts, mentions, uploads, tables, bookmarks — held through the API where Notion allows it
and through the control surface always; refused where Notion refuses."""

from __future__ import annotations

import base64

import httpx
import pytest
from notion_client import APIErrorCode, APIResponseError

from tests.contract.helpers import para, text


def column(*contents: str) -> dict:
    return {"column": {"children": [para(c) for c in contents]}}


def refusal(call) -> APIResponseError:
    with pytest.raises(APIResponseError) as caught:
        call()
    assert caught.value.code == APIErrorCode.ValidationError
    return caught.value


def words(client, block_id: str) -> list[str]:
    found = []
    for block in client.blocks.children.list(block_id)["results"]:
        payload = block[block["type"]]
        found.append("".join(t["plain_text"] for t in payload.get("rich_text", [])) or block["type"])
    return found


@pytest.fixture
def page(fakenotion):
    return fakenotion.add_page("Containers")


# --- columns --------------------------------------------------------------------------------------
def test_a_column_list_is_made_with_columns_that_hold_content(fakenotion, page):
    client = fakenotion.client()
    made = client.blocks.children.append(
        page["id"], children=[{"column_list": {"children": [column("a"), column("b", "c")]}}]
    )
    listing = made["results"][0]
    assert listing["type"] == "column_list" and listing["has_children"] is True
    columns = client.blocks.children.list(listing["id"])["results"]
    assert [c["type"] for c in columns] == ["column", "column"]
    assert [words(client, c["id"]) for c in columns] == [["a"], ["b", "c"]]
    client.blocks.children.append(listing["id"], children=[column("d")])  # a third column
    assert len(client.blocks.children.list(listing["id"])["results"]) == 3


@pytest.mark.parametrize(
    "children",
    [
        [column("only one")],
        [column("a"), {"column": {"children": []}}],
        [column("a"), para("not a column")],
    ],
    ids=["one column", "an empty column", "a paragraph among columns"],
)
def test_a_column_list_needs_two_columns_each_with_content(fakenotion, page, children):
    client = fakenotion.client()
    refusal(
        lambda: client.blocks.children.append(page["id"], children=[{"column_list": {"children": children}}])
    )
    assert client.blocks.children.list(page["id"])["results"] == []


def test_columns_live_only_in_column_lists(fakenotion, page):
    client = fakenotion.client()
    refusal(lambda: client.blocks.children.append(page["id"], children=[column("stray")]))
    listing = client.blocks.children.append(
        page["id"], children=[{"column_list": {"children": [column("a"), column("b")]}}]
    )["results"][0]
    refusal(lambda: client.blocks.children.append(listing["id"], children=[para("loose")]))
    with pytest.raises(AssertionError, match="only be a child of a column_list"):
        fakenotion.user_append(page["id"], [column("stray")])  # the app cannot do it either


def test_an_edit_never_leaves_an_empty_column_nor_a_list_of_one_column(fakenotion, page):
    client = fakenotion.client()
    listing = client.blocks.children.append(
        page["id"], children=[{"column_list": {"children": [column("a"), column("b", "c"), column("d")]}}]
    )["results"][0]
    first, second, third = client.blocks.children.list(listing["id"])["results"]
    (a,) = client.blocks.children.list(first["id"])["results"]
    refusal(lambda: client.blocks.delete(a["id"]))  # the last child of its column
    refusal(lambda: client.blocks.update(a["id"], in_trash=True))
    b, c = client.blocks.children.list(second["id"])["results"]
    client.blocks.delete(b["id"])  # the column keeps c
    client.blocks.delete(third["id"])  # the list keeps two columns
    refusal(lambda: client.blocks.delete(first["id"]))  # it would keep one
    assert words(client, listing["id"]) == ["column", "column"]
    client.blocks.delete(listing["id"])  # the whole list may go
    assert client.blocks.children.list(page["id"])["results"] == []


def test_a_column_holds_no_column_list(fakenotion, page):
    client = fakenotion.client()
    listing = client.blocks.children.append(
        page["id"], children=[{"column_list": {"children": [column("a"), column("b")]}}]
    )["results"][0]
    first = client.blocks.children.list(listing["id"])["results"][0]
    nested = {"column_list": {"children": [column("x"), column("y")]}}
    refusal(lambda: client.blocks.children.append(first["id"], children=[nested]))
    client.blocks.children.append(first["id"], children=[para("more")])  # any other block may go in
    assert words(client, first["id"]) == ["a", "more"]


# --- synced blocks --------------------------------------------------------------------------------
def synced_pair(fakenotion, page) -> tuple[dict, dict]:
    client = fakenotion.client()
    original = client.blocks.children.append(
        page["id"], children=[{"synced_block": {"synced_from": None, "children": [para("shared line")]}}]
    )["results"][0]
    duplicate = client.blocks.children.append(
        page["id"], children=[{"synced_block": {"synced_from": {"block_id": original["id"]}}}]
    )["results"][0]
    return original, duplicate


def test_a_duplicate_shows_its_originals_children(fakenotion, page):
    client = fakenotion.client()
    original, duplicate = synced_pair(fakenotion, page)
    assert original["synced_block"] == {"synced_from": None}
    assert duplicate["synced_block"] == {"synced_from": {"type": "block_id", "block_id": original["id"]}}
    assert duplicate["has_children"] is True
    through_copy = client.blocks.children.list(duplicate["id"])["results"]
    assert [b["id"] for b in through_copy] == [
        b["id"] for b in client.blocks.children.list(original["id"])["results"]
    ]
    assert through_copy[0]["parent"] == {"type": "block_id", "block_id": original["id"]}


def test_a_duplicates_content_is_edited_through_the_original_only(fakenotion, page):
    client = fakenotion.client()
    original, duplicate = synced_pair(fakenotion, page)
    error = refusal(lambda: client.blocks.children.append(duplicate["id"], children=[para("x")]))
    assert original["id"] in str(error)
    refusal(lambda: client.blocks.update(duplicate["id"], synced_block={"synced_from": None}))
    client.blocks.children.append(original["id"], children=[para("added to the original")])
    assert words(client, duplicate["id"]) == ["shared line", "added to the original"]
    fakenotion.user_append(duplicate["id"], [para("typed into the copy in the app")])
    assert words(client, original["id"])[-1] == "typed into the copy in the app"


def test_a_duplicate_needs_a_live_original_and_has_no_children_of_its_own(fakenotion, page):
    client = fakenotion.client()
    missing = {"synced_block": {"synced_from": {"block_id": "3d0982b9-f958-41d0-8437-cf2e00981c7f"}}}
    refusal(lambda: client.blocks.children.append(page["id"], children=[missing]))
    original, _ = synced_pair(fakenotion, page)
    with_children = {"synced_block": {"synced_from": {"block_id": original["id"]}, "children": [para("x")]}}
    refusal(lambda: client.blocks.children.append(page["id"], children=[with_children]))
    before = len(client.blocks.children.list(page["id"])["results"])
    refusal(
        lambda: client.pages.create(
            parent={"page_id": page["id"]}, properties={"title": {"title": text("p")}}, children=[missing]
        )
    )
    assert len(client.blocks.children.list(page["id"])["results"]) == before  # no half-made page


def test_trashing_the_original_leaves_its_copies_empty(fakenotion, page):
    client = fakenotion.client()
    original, duplicate = synced_pair(fakenotion, page)
    client.blocks.delete(original["id"])
    assert client.blocks.children.list(duplicate["id"])["results"] == []
    assert client.blocks.retrieve(duplicate["id"])["has_children"] is False
    client.blocks.update(original["id"], in_trash=False)
    assert words(client, duplicate["id"]) == ["shared line"]


# --- children of text blocks ----------------------------------------------------------------------
def test_toggleable_headings_and_paragraphs_hold_children(fakenotion, page):
    client = fakenotion.client()
    heading = {"heading_2": {"rich_text": text("h"), "is_toggleable": True, "children": [para("inside")]}}
    made = client.blocks.children.append(page["id"], children=[heading, para("p", [para("under p")])])[
        "results"
    ]
    assert [words(client, b["id"]) for b in made] == [["inside"], ["under p"]]
    refusal(lambda: client.blocks.update(made[0]["id"], heading_2={"is_toggleable": False}))
    client.blocks.delete(client.blocks.children.list(made[0]["id"])["results"][0]["id"])
    assert (
        client.blocks.update(made[0]["id"], heading_2={"is_toggleable": False})["heading_2"]["is_toggleable"]
        is False
    )


@pytest.mark.parametrize(
    "block",
    [
        {"heading_1": {"rich_text": text("plain heading")}},
        {"divider": {}},
        {"image": {"type": "external", "external": {"url": "https://example.com/a.png"}}},
        {"code": {"rich_text": text("x"), "language": "python"}},
    ],
)
def test_blocks_that_hold_no_children_refuse_them(fakenotion, page, block):
    client = fakenotion.client()
    made = client.blocks.children.append(page["id"], children=[block])["results"][0]
    refusal(lambda: client.blocks.children.append(made["id"], children=[para("x")]))


def test_a_block_never_changes_its_type(fakenotion, page):
    client = fakenotion.client()
    made = client.blocks.children.append(page["id"], children=[para("x")])["results"][0]
    refusal(lambda: client.blocks.update(made["id"], bulleted_list_item={"rich_text": text("x")}))
    refusal(lambda: client.blocks.update(made["id"], type="quote", quote={"rich_text": text("x")}))
    assert client.blocks.retrieve(made["id"])["type"] == "paragraph"


# --- text, mentions, callouts ---------------------------------------------------------------------
def test_callouts_keep_their_icon_and_colour(fakenotion, page):
    client = fakenotion.client()
    callout = {
        "callout": {
            "rich_text": text("note"),
            "icon": {"type": "emoji", "emoji": "💡"},
            "color": "yellow_background",
        }
    }
    made = client.blocks.children.append(page["id"], children=[callout])["results"][0]
    assert (
        made["callout"]["icon"] == {"type": "emoji", "emoji": "💡"}
        and made["callout"]["color"] == "yellow_background"
    )
    updated = client.blocks.update(made["id"], callout={"rich_text": text("note, edited")})
    assert (
        updated["callout"]["icon"] == {"type": "emoji", "emoji": "💡"}
        and updated["callout"]["color"] == "yellow_background"
    )


def test_page_date_and_user_mentions_read_back(fakenotion, page):
    client = fakenotion.client()
    me = client.users.me()["id"]
    rich = [
        {"mention": {"page": {"id": page["id"]}}},
        {"mention": {"date": {"start": "2026-07-04", "end": "2026-07-05"}}},
        {"mention": {"user": {"id": me}}},
        {"text": {"content": "coloured"}, "annotations": {"color": "red", "underline": True}},
    ]
    made = client.blocks.children.append(page["id"], children=[{"paragraph": {"rich_text": rich}}])[
        "results"
    ][0]
    items = made["paragraph"]["rich_text"]
    assert [i["mention"]["type"] for i in items[:3]] == ["page", "date", "user"]
    assert items[0]["plain_text"] == "Containers" and items[0]["href"].endswith(page["id"].replace("-", ""))
    assert items[1]["mention"]["date"]["end"] == "2026-07-05"
    assert items[2]["plain_text"] == "@fakenotion"
    assert items[3]["annotations"]["color"] == "red" and items[3]["annotations"]["underline"] is True


def test_tables_and_bookmarks_read_back(fakenotion, page):
    client = fakenotion.client()
    row = {"table_row": {"cells": [text("a"), text("b")]}}
    table = {"table": {"table_width": 2, "has_column_header": True, "children": [row, row]}}
    bookmark = {"bookmark": {"url": "https://example.com/article", "caption": text("read later")}}
    made = client.blocks.children.append(page["id"], children=[table, bookmark])["results"]
    assert len(client.blocks.children.list(made[0]["id"])["results"]) == 2
    assert made[1]["bookmark"]["url"] == "https://example.com/article"


# --- uploads --------------------------------------------------------------------------------------
def test_an_upload_reads_as_a_signed_url_whose_signature_changes_but_not_its_path(fakenotion, page):
    data = base64.b64encode(b"\x89PNG fake").decode()
    photo = {"image": {"type": "file", "file": {"data_base64": data, "name": "photo.png"}}}
    made = fakenotion.user_append(page["id"], [photo])[0]
    client = fakenotion.client()
    first = client.blocks.retrieve(made["id"])["image"]
    assert first["type"] == "file" and set(first["file"]) == {"url", "expiry_time"}
    fakenotion.advance_clock(2)
    second = client.blocks.retrieve(made["id"])["image"]["file"]["url"]
    assert second != first["file"]["url"]
    assert httpx.URL(second).path == httpx.URL(first["file"]["url"]).path
    assert httpx.get(second).content == b"\x89PNG fake"
    fakenotion.advance_clock(3700)
    assert httpx.get(second).status_code == 403  # an hour later the link is dead


def test_a_page_made_in_the_app_holds_every_container_at_any_depth(fakenotion):
    children = [
        {"column_list": {"children": [column("left"), column("right")]}},
        {
            "synced_block": {
                "synced_from": None,
                "children": [para("synced", [para("deeper", [para("deepest")])])],
            }
        },
        {"toggle": {"rich_text": text("t"), "children": [para("in toggle")]}},
    ]
    page = fakenotion.add_page("From the app", children=children)
    client = fakenotion.client()
    top = client.blocks.children.list(page["id"])["results"]
    assert [b["type"] for b in top] == ["column_list", "synced_block", "toggle"]
    original = top[1]["id"]
    fakenotion.user_append(page["id"], [{"synced_block": {"synced_from": {"block_id": original}}}])
    copy = client.blocks.children.list(page["id"])["results"][-1]
    assert words(client, copy["id"]) == ["synced"]


# --- uploads through the API ----------------------------------------------------------------------
def upload(client, data: bytes = b"\x89PNG fake", name: str = "photo.png", kind: str = "image/png") -> dict:
    made = client.file_uploads.create(filename=name, content_type=kind)
    assert made["status"] == "pending" and made["upload_url"].endswith(f"/v1/file_uploads/{made['id']}/send")
    return client.file_uploads.send(made["id"], file=(name, data, kind))


def test_a_sent_upload_attaches_and_reads_back_as_a_hosted_file(fakenotion, page):
    client = fakenotion.client()
    sent = upload(client)
    assert sent["status"] == "uploaded" and sent["content_length"] == len(b"\x89PNG fake")
    block = {"image": {"type": "file_upload", "file_upload": {"id": sent["id"]}}}
    made = client.blocks.children.append(page["id"], children=[block])["results"][0]
    assert made["image"]["type"] == "file" and set(made["image"]["file"]) == {"url", "expiry_time"}
    assert httpx.get(made["image"]["file"]["url"]).content == b"\x89PNG fake"
    assert client.file_uploads.retrieve(sent["id"])["expiry_time"] is None  # attached: no longer expires


def test_an_upload_must_be_sent_in_time_and_fit_the_workspace(fakenotion, page):
    client = fakenotion.client()
    pending = client.file_uploads.create(filename="a.png", content_type="image/png")
    attach = {"image": {"type": "file_upload", "file_upload": {"id": pending["id"]}}}
    refusal(lambda: client.blocks.children.append(page["id"], children=[attach]))  # not sent yet
    too_big = client.file_uploads.create(filename="big.png", content_type="image/png")
    refusal(lambda: client.file_uploads.send(too_big["id"], file=("big.png", b"x" * 5_242_881, "image/png")))
    sent = upload(client)
    refusal(lambda: client.file_uploads.send(sent["id"], file=("again.png", b"x", "image/png")))
    fakenotion.advance_clock(3601)
    assert client.file_uploads.retrieve(sent["id"])["status"] == "expired"
    late = {"image": {"type": "file_upload", "file_upload": {"id": sent["id"]}}}
    refusal(lambda: client.blocks.children.append(page["id"], children=[late]))
    assert client.blocks.children.list(page["id"])["results"] == []


def test_an_image_block_takes_only_an_image_upload(fakenotion, page):
    client = fakenotion.client()
    text_file = upload(client, b"hello", "notes.txt", "text/plain")
    image = {"image": {"type": "file_upload", "file_upload": {"id": text_file["id"]}}}
    refusal(lambda: client.blocks.children.append(page["id"], children=[image]))
    as_file = {"file": {"type": "file_upload", "file_upload": {"id": text_file["id"]}}}
    assert (
        client.blocks.children.append(page["id"], children=[as_file])["results"][0]["file"]["type"] == "file"
    )


def test_an_upload_of_a_type_the_api_does_not_take_is_refused(fakenotion):
    client = fakenotion.client()
    refusal(lambda: client.file_uploads.create(filename="tool.exe", content_type="application/x-msdownload"))
    refusal(lambda: client.file_uploads.create(filename="photo.png", content_type="image/jpeg"))
    bare = client.file_uploads.create()  # no name nor type: the sent part's are checked
    refusal(lambda: client.file_uploads.send(bare["id"], file=("archive.zip", b"PK", "application/zip")))
    assert client.file_uploads.retrieve(bare["id"])["status"] == "pending"
    assert upload(client, b"%PDF", "notes.pdf", "application/pdf")["status"] == "uploaded"


# --- a page with every block type -----------------------------------------------------------------
def tree(client, block_id: str) -> list[dict]:
    return [
        {**block, "children": tree(client, block["id"]) if block["has_children"] else []}
        for block in client.blocks.children.list(block_id)["results"]
    ]


def test_a_page_with_every_block_type_reads_back_whole(fakenotion):
    from .showcase import add_showcase

    page, ids = add_showcase(fakenotion)
    client = fakenotion.client()
    top = tree(client, page["id"])
    assert [b["id"] for b in top] == list(ids.values())
    kinds = {b["type"] for b in top}
    assert kinds >= {
        "heading_1",
        "toggle",
        "callout",
        "column_list",
        "synced_block",
        "table",
        "image",
        "file",
        "bookmark",
        "equation",
        "link_preview",
        "unsupported",
        "child_page",
    }
    by_id = {b["id"]: b for b in top}
    for label in (
        "heading_2 toggle",
        "paragraph",
        "bulleted",
        "quote",
        "toggle",
        "callout",
        "column_list",
        "table",
        "synced original",
        "synced duplicate",
        "child_page",
    ):
        assert by_id[ids[label]]["has_children"] is (label != "child_page"), label
    line = by_id[ids["paragraph"]]["paragraph"]["rich_text"]
    assert [i["type"] for i in line].count("mention") == 3 and line[1]["annotations"]["bold"] is True
    assert by_id[ids["upload"]]["image"]["type"] == "file"
    assert by_id[ids["callout"]]["callout"]["icon"] == {"type": "emoji", "emoji": "💡"}
    assert (
        by_id[ids["synced duplicate"]]["children"][0]["id"]
        == by_id[ids["synced original"]]["children"][0]["id"]
    )


def test_types_the_api_only_returns_are_refused_when_sent(fakenotion, page):
    client = fakenotion.client()
    for block in ({"link_preview": {"url": "https://example.com/"}}, {"unsupported": {}}):
        refusal(lambda block=block: client.blocks.children.append(page["id"], children=[block]))
    made = fakenotion.user_append(page["id"], [{"link_preview": {"url": "https://example.com/x"}}])[0]
    headers = {"Authorization": f"Bearer {fakenotion.token}", "Notion-Version": "2025-09-03"}
    body = {"link_preview": {"url": "https://example.com/y"}}  # the SDK would not even send it
    answer = httpx.patch(f"{fakenotion.base_url}/v1/blocks/{made['id']}", headers=headers, json=body)
    assert answer.status_code == 400 and answer.json()["code"] == "validation_error"


@pytest.mark.parametrize("emoji", ["idea", "", "ftp://x/y.png", ":bulb:", "💡 note"])
def test_an_icon_emoji_is_an_emoji(fakenotion, page, emoji):
    """Notion takes an icon's ``emoji`` from its list of emoji (the SDK types it as that list), so a
    word, a shortcode or an emoji with text is refused."""
    client = fakenotion.client()
    callout = {"callout": {"rich_text": text("n"), "icon": {"type": "emoji", "emoji": emoji}}}
    with pytest.raises(APIResponseError) as refused:
        client.blocks.children.append(page["id"], children=[callout])
    assert refused.value.code == APIErrorCode.ValidationError
    for fine in ("💡", "🔥", "❤️", "👍🏽", "1️⃣", "🇰🇷", "👨‍👩‍👧", "ℹ️", "‼️"):
        callout["callout"]["icon"]["emoji"] = fine
        assert client.blocks.children.append(page["id"], children=[callout])["results"]
