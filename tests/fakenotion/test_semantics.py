"""Conformance: the documented, unkind semantics sync must survive — trash that cannot be queried,
content edits that do not move the page's time, a clock that can run behind, refused image URLs and
option names, the workspace block cap and long Retry-After, search's trash filter, the markdown view."""

from __future__ import annotations

from datetime import datetime, timezone

import httpx
import pytest
from notion_client import APIErrorCode, APIResponseError

from tests.contract.helpers import para, text

from .apierror import BOT_ID, PERSON_ID


@pytest.fixture
def journal(fakenotion):
    client = fakenotion.client()
    db = client.databases.create(
        parent={"page_id": fakenotion.root_id},
        title=text("Journal"),
        initial_data_source={
            "properties": {"Name": {"title": {}}, "Date": {"date": {}}, "Tags": {"multi_select": {}}}
        },
    )
    return client, db["data_sources"][0]["id"]


def entry(client, ds: str, day: str = "2026-07-04", **extra) -> dict:
    properties = {"Name": {"title": text(day)}, "Date": {"date": {"start": day}}}
    return client.pages.create(parent={"data_source_id": ds}, properties=properties, **extra)


def refusal(call) -> APIResponseError:
    with pytest.raises(APIResponseError) as caught:
        call()
    return caught.value


# --- trash cannot be queried ----------------------------------------------------------------------
@pytest.mark.parametrize("flag", ["in_trash", "archived"])
def test_a_data_source_query_asking_for_the_trash_is_refused(journal, flag):
    client, ds = journal
    page = entry(client, ds)
    client.pages.update(page["id"], in_trash=True)
    error = refusal(lambda: client.data_sources.query(ds, **{flag: True}))
    assert error.status == 400 and error.code == APIErrorCode.ValidationError
    assert f"body.{flag} should be not present" in str(error)
    assert refusal(lambda: client.data_sources.query(ds, **{flag: False})).status == 400
    assert client.data_sources.query(ds)["results"] == []  # live pages only, always


# --- what moves a page's last_edited_time ---------------------------------------------------------
def test_api_content_edits_leave_the_page_time_and_name_the_bot(journal, fakenotion):
    client, ds = journal
    page = entry(client, ds, children=[para("first")])
    created = page["last_edited_time"]
    first = client.blocks.children.list(page["id"])["results"][0]
    for edit in (
        lambda: client.blocks.children.append(page["id"], children=[para("appended")]),
        lambda: client.blocks.update(first["id"], paragraph={"rich_text": text("changed")}),
        lambda: client.blocks.delete(first["id"]),
    ):
        minute = fakenotion.advance_clock(120)
        edit()
        after = client.pages.retrieve(page["id"])
        assert after["last_edited_time"] == created != minute
        assert after["last_edited_by"]["id"] == BOT_ID
    assert client.blocks.retrieve(first["id"])["last_edited_by"] == {"object": "user", "id": BOT_ID}


def test_api_property_edits_move_the_page_time(journal, fakenotion):
    client, ds = journal
    page = entry(client, ds)
    minute = fakenotion.advance_clock(120)
    updated = client.pages.update(page["id"], properties={"Tags": {"multi_select": [{"name": "x"}]}})
    assert updated["last_edited_time"] == minute != page["last_edited_time"]
    assert updated["last_edited_by"]["id"] == BOT_ID


def test_app_edits_move_the_page_time_nested_blocks_too_and_name_the_person(journal, fakenotion):
    client, ds = journal
    page = entry(client, ds)
    toggle = {
        "toggle": {
            "rich_text": text("t"),
            "children": [{"toggle": {"rich_text": [], "children": [para("leaf")]}}],
        }
    }
    top = fakenotion.user_append(page["id"], [toggle])[0]
    mid = client.blocks.children.list(top["id"])["results"][0]
    leaf = client.blocks.children.list(mid["id"])["results"][0]
    edits = (
        lambda: fakenotion.user_turn_into(leaf["id"], para("typed on the phone")),
        lambda: fakenotion.user_append(mid["id"], [para("another")]),
        lambda: fakenotion.user_move(leaf["id"], page["id"]),
        lambda: fakenotion.user_trash(leaf["id"]),
        lambda: fakenotion.user_properties(page["id"], {"Tags": {"multi_select": [{"name": "app"}]}}),
    )
    for edit in edits:
        minute = fakenotion.advance_clock(120)
        edit()
        after = client.pages.retrieve(page["id"])
        assert after["last_edited_time"] == minute
        assert after["last_edited_by"] == {"object": "user", "id": PERSON_ID}
    person = client.users.retrieve(PERSON_ID)
    assert person["type"] == "person" and person["id"] in [u["id"] for u in client.users.list()["results"]]


def test_pages_made_in_the_app_are_the_persons(fakenotion):
    page = fakenotion.add_page("From the phone", children=[para("hello")])
    assert page["created_by"]["id"] == page["last_edited_by"]["id"] == PERSON_ID


# --- the clock ------------------------------------------------------------------------------------
def test_the_clock_goes_back_as_well_as_forward(fakenotion, journal):
    client, ds = journal
    now = client.pages.create(parent={"data_source_id": ds}, properties={"Name": {"title": text("now")}})[
        "created_time"
    ]
    earlier = fakenotion.advance_clock(-3600)
    assert earlier < now
    assert entry(client, ds)["created_time"] == earlier


# --- image URLs -----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "url",
    [
        "https://mmbiz.qpic.cn/mmbiz_gif/abc/640?wx_fmt=gif",  # the format only in the query string
        "https://example.com/photo",  # no extension
        "https://example.com/photo.webp",  # not a listed type
        "https://example.com/image.png/",  # the path ends with a slash
    ],
)
def test_external_images_notion_would_refuse_are_refused(fakenotion, url):
    client = fakenotion.client()
    image = {"image": {"type": "external", "external": {"url": url}}}
    error = refusal(lambda: client.blocks.children.append(fakenotion.root_id, children=[image]))
    assert error.status == 400 and error.code == APIErrorCode.ValidationError
    assert str(error) == "Content creation Failed. Fix the following: \nInvalid image url."
    assert client.blocks.children.list(fakenotion.root_id)["results"] == []


@pytest.mark.parametrize(
    "url",
    ["https://example.com/a.png", "https://example.com/b.JPEG?size=large", "http://example.com/x/c.svg#top"],
)
def test_external_images_with_a_listed_file_type_are_taken(fakenotion, url):
    client = fakenotion.client()
    image = {"image": {"type": "external", "external": {"url": url}}}
    made = client.blocks.children.append(fakenotion.root_id, children=[image])["results"][0]
    assert made["image"]["external"]["url"] == url
    error = refusal(
        lambda: client.blocks.update(made["id"], image={"external": {"url": "https://example.com/photo"}})
    )
    assert "Invalid image url." in str(error)


def test_an_image_added_in_the_app_may_have_any_url(fakenotion):
    image = {"image": {"type": "external", "external": {"url": "https://example.com/photo"}}}
    made = fakenotion.user_append(fakenotion.root_id, [image])[0]
    assert made["image"]["external"]["url"] == "https://example.com/photo"


# --- option names ---------------------------------------------------------------------------------
def test_option_names_with_commas_are_refused(journal):
    client, ds = journal
    error = refusal(
        lambda: client.pages.create(
            parent={"data_source_id": ds},
            properties={"Name": {"title": text("x")}, "Tags": {"multi_select": [{"name": "a, b"}]}},
        )
    )
    assert error.code == APIErrorCode.ValidationError
    assert str(error) == "Invalid select option, commas not allowed: a, b"
    assert client.data_sources.query(ds)["results"] == []
    schema = refusal(
        lambda: client.data_sources.update(
            ds, properties={"Tags": {"multi_select": {"options": [{"name": "c,d"}]}}}
        )
    )
    assert "commas not allowed" in str(schema)


# --- faults sync must name ------------------------------------------------------------------------
def test_the_workspace_block_cap_is_a_403_with_block_limit(fakenotion):
    client = fakenotion.client()
    fakenotion.fault(r"PATCH /v1/blocks/.*/children", preset="block_limit")
    error = refusal(lambda: client.blocks.children.append(fakenotion.root_id, children=[para("x")]))
    assert error.status == 403 and error.code == APIErrorCode.RestrictedResource
    assert "block_limit" in error.additional_data
    assert "retry-after" not in error.headers
    assert client.blocks.children.list(fakenotion.root_id)["results"] == []  # nothing was applied


def test_retry_after_beyond_a_minute_is_the_workspace_limit(fakenotion):
    client = fakenotion.client()
    fakenotion.fault(r"GET /v1/users/me", retry_after=120)
    error = refusal(lambda: client.users.me())
    assert error.status == 429 and error.headers["retry-after"] == "120"
    assert error.additional_data == {"rate_limit_reason": "public_api_space_request_rate_limit"}
    fakenotion.fault(r"GET /v1/users/me", retry_after=30)
    assert refusal(lambda: client.users.me()).additional_data == {
        "rate_limit_reason": "public_api_request_rate_limit"
    }


def test_a_fault_may_carry_its_own_code_message_and_data(fakenotion):
    client = fakenotion.client()
    fakenotion.fault(
        r"GET /v1/users/me", status=503, code="service_unavailable", message="down", additional_data={"a": 1}
    )
    error = refusal(lambda: client.users.me())
    assert (error.status, error.code, str(error), error.additional_data) == (
        503,
        "service_unavailable",
        "down",
        {"a": 1},
    )


# --- search's trash filter ------------------------------------------------------------------------
def test_search_answers_trashed_or_live_never_both(journal):
    client, ds = journal
    alive, gone = entry(client, ds, "2026-07-04"), entry(client, ds, "2026-07-05")
    client.pages.update(gone["id"], in_trash=True)

    def ids(**body) -> set[str]:
        return {o["id"] for o in client.search(query="2026-07", **body)["results"]}

    assert ids() == {alive["id"]}
    assert ids(filter={"in_trash": True}) == {gone["id"]}
    assert ids(filter={"property": "object", "value": "page", "in_trash": True}) == {gone["id"]}
    assert ids(filter={"in_trash": False}) == {alive["id"]}
    for bad in ({"in_trash": "yes"}, {}, {"value": "page"}, {"in_trash": True, "archived": True}):
        assert refusal(lambda bad=bad: client.search(filter=bad)).code == APIErrorCode.ValidationError


# --- the markdown view ----------------------------------------------------------------------------
def test_the_markdown_view_is_deterministic_and_follows_content(journal):
    client, ds = journal
    page = entry(client, ds, children=[{"heading_2": {"rich_text": text("Morning")}}, para("coffee")])
    first = client.pages.retrieve_markdown(page["id"])
    assert set(first) >= {"object", "id", "markdown", "truncated", "unknown_block_ids"}
    assert first["object"] == "page_markdown" and first["markdown"] == "## Morning\ncoffee"
    assert client.pages.retrieve_markdown(page["id"])["markdown"] == first["markdown"]
    client.blocks.children.append(page["id"], children=[para("tea")])
    assert client.pages.retrieve_markdown(page["id"])["markdown"] == "## Morning\ncoffee\ntea"


def test_every_edit_a_person_can_make_changes_the_markdown_view(fakenotion):
    client = fakenotion.client()
    toggle = {"toggle": {"rich_text": text("t"), "children": [para("inside")]}}
    todo = {"to_do": {"rich_text": text("task")}}
    callout = {"callout": {"rich_text": text("c"), "icon": {"emoji": "💡"}}}
    page = fakenotion.add_page("View", children=[para("plain"), toggle, todo, callout])
    blocks = client.blocks.children.list(page["id"])["results"]
    inner = client.blocks.children.list(blocks[1]["id"])["results"][0]
    bold = [{"text": {"content": "plain"}, "annotations": {"bold": True}}]
    edits = [
        lambda: client.blocks.update(blocks[0]["id"], paragraph={"color": "red"}),
        lambda: client.blocks.update(blocks[0]["id"], paragraph={"rich_text": bold}),
        lambda: client.blocks.update(inner["id"], paragraph={"rich_text": text("inside, edited")}),
        lambda: client.blocks.update(blocks[2]["id"], to_do={"checked": True}),
        lambda: client.blocks.update(blocks[3]["id"], callout={"icon": {"emoji": "🔥"}}),
        lambda: client.blocks.children.append(blocks[1]["id"], children=[para("second")]),
    ]
    seen = {client.pages.retrieve_markdown(page["id"])["markdown"]}
    for edit in edits:
        edit()
        seen.add(client.pages.retrieve_markdown(page["id"])["markdown"])
    assert len(seen) == len(edits) + 1


def test_an_upload_does_not_change_the_markdown_view_between_reads(fakenotion):
    photo = {"image": {"type": "file", "file": {"data_base64": "cG5n", "name": "a.png"}}}
    page = fakenotion.add_page("Photo", children=[photo])
    client = fakenotion.client()
    first = client.pages.retrieve_markdown(page["id"])["markdown"]
    fakenotion.advance_clock(5)  # a new signature on every read of the block itself
    assert client.pages.retrieve_markdown(page["id"])["markdown"] == first
    assert first.startswith("<image>") and "/_fake/files/" in first and "X-Amz-Signature" not in first


def test_search_can_lag_behind_changes_as_notions_does(journal, fakenotion):
    client, ds = journal
    fakenotion.configure(search_lag_seconds=30)
    page = entry(client, ds, "2026-07-04")

    def found(**body) -> list[str]:
        return [o["id"] for o in client.search(query="2026-07-04", **body)["results"]]

    assert found() == []  # just made: not indexed yet
    fakenotion.advance_clock(31)
    assert found() == [page["id"]]
    client.pages.update(page["id"], in_trash=True)
    assert found() == [page["id"]] and found(filter={"in_trash": True}) == []  # still seen as live
    stale = client.search(query="2026-07-04")["results"][0]
    assert stale["in_trash"] is True  # the object itself is current; only the index lags
    fakenotion.advance_clock(31)
    assert found() == [] and found(filter={"in_trash": True}) == [page["id"]]


def test_answers_carry_one_date_header_from_the_emulators_clock(fakenotion):
    from email.utils import parsedate_to_datetime

    fakenotion.advance_clock(-7200)  # two hours behind the machine's clock
    headers = {"Authorization": f"Bearer {fakenotion.token}", "Notion-Version": "2025-09-03"}
    answer = httpx.get(f"{fakenotion.base_url}/v1/users/me", headers=headers)
    assert len(answer.headers.get_list("date")) == 1
    served = parsedate_to_datetime(answer.headers["date"])
    assert abs((datetime.now(timezone.utc) - served).total_seconds() - 7200) < 5


def test_the_block_cap_allows_a_grace_period_then_refuses_only_new_blocks(fakenotion):
    client = fakenotion.client()
    fakenotion.configure(block_limit=5)
    page = client.pages.create(
        parent={"page_id": fakenotion.root_id},
        properties={"title": {"title": text("capped")}},
        children=[para("one"), para("two"), para("three")],
    )  # four blocks: the page and its three
    first = client.blocks.children.append(page["id"], children=[para("four"), para("five")])["results"][0]
    fakenotion.advance_clock(2 * 86400)  # the cap was reached: three days of grace begin
    client.blocks.children.append(page["id"], children=[para("still in grace")])
    fakenotion.advance_clock(86400 + 1)
    error = refusal(lambda: client.blocks.children.append(page["id"], children=[para("too late")]))
    assert error.status == 403 and error.code == APIErrorCode.RestrictedResource
    assert "block_limit" in error.additional_data
    pages = refusal(
        lambda: client.pages.create(
            parent={"page_id": page["id"]}, properties={"title": {"title": text("x")}}
        )
    )
    assert pages.status == 403
    client.blocks.update(first["id"], paragraph={"rich_text": text("an edit creates nothing")})
    client.blocks.delete(first["id"])  # deletes stay possible (and restore no capacity)
    refusal(lambda: client.blocks.children.append(page["id"], children=[para("still too late")]))
    fakenotion.user_append(page["id"], [para("the app's fixtures are not capped")])
