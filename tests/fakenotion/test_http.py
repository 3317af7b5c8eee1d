"""Conformance: the request pipeline and error bodies (contract §10 MUST rows 1, 2, 3, 10)."""

from __future__ import annotations

import httpx
import pytest
from notion_client import APIErrorCode, APIResponseError

VERSION = {"Notion-Version": "2025-09-03"}


@pytest.fixture
def http(fakenotion):
    with httpx.Client(
        base_url=fakenotion.base_url, headers={"Authorization": f"Bearer {fakenotion.token}"}, verify=False
    ) as c:
        yield c


def assert_error(response: httpx.Response, status: int, code: str, message: str | None = None) -> dict:
    """Notion's error envelope (§7, §10.10): exact keys, JSON content type, request id header."""
    assert response.status_code == status
    assert response.headers["content-type"] == "application/json; charset=utf-8"
    body = response.json()
    assert body["object"] == "error" and body["status"] == status and body["code"] == code
    assert set(body) - {"additional_data"} == {"object", "status", "code", "message", "request_id"}
    assert body["request_id"] == response.headers["x-notion-request-id"]
    if message is not None:
        assert body["message"] == message
    return body


def test_missing_or_invalid_token_is_unauthorized(fakenotion):
    with httpx.Client(base_url=fakenotion.base_url, headers=VERSION, verify=False) as c:
        assert_error(c.get("/v1/users/me"), 401, "unauthorized", "API token is invalid.")
        for bad in ("Bearer nope", "Bearer ntn_", "Basic ntn_abc", "ntn_abc"):
            assert_error(c.get("/v1/users/me", headers={"Authorization": bad}), 401, "unauthorized")
        for good in ("Bearer ntn_other", "Bearer secret_legacy"):
            assert c.get("/v1/users/me", headers={"Authorization": good}).status_code == 200


def test_bad_token_through_the_sdk_raises_unauthorized(fakenotion):
    from notion_client import Client

    with pytest.raises(APIResponseError) as caught:
        Client(auth="wrong", base_url=fakenotion.base_url, retry=False).users.me()
    assert caught.value.code == APIErrorCode.Unauthorized and caught.value.status == 401


def test_notion_version_is_required(http):
    body = assert_error(http.get("/v1/users/me"), 400, "missing_version")
    assert body["message"].startswith("Notion-Version header failed validation")


def test_unknown_route_is_invalid_request_url(http):
    assert_error(http.get("/v1/invalid", headers=VERSION), 400, "invalid_request_url", "Invalid request URL.")
    assert_error(http.put("/v1/pages", headers=VERSION, json={}), 400, "invalid_request_url")


def test_unparsable_body_is_invalid_json(http):
    response = http.post(
        "/v1/search", headers={**VERSION, "Content-Type": "application/json"}, content=b"{nope"
    )
    assert_error(response, 400, "invalid_json", "Error parsing JSON body.")


def test_success_bodies_carry_request_id_and_header(http):
    response = http.get("/v1/users/me", headers=VERSION)
    assert response.status_code == 200
    assert response.json()["request_id"] == response.headers["x-notion-request-id"]


def test_ids_with_or_without_dashes_any_case(fakenotion):
    client = fakenotion.client()
    root = fakenotion.root_id
    for form in (root, root.replace("-", ""), root.upper(), root.replace("-", "").upper()):
        assert client.pages.retrieve(form)["id"] == root
        assert client.blocks.retrieve(form)["type"] == "child_page"


def test_unknown_id_is_object_not_found_with_notions_message(fakenotion):
    missing = "00000000-0000-0000-0000-000000000000"
    with pytest.raises(APIResponseError) as caught:
        fakenotion.client().pages.retrieve(missing)
    error = caught.value
    assert error.status == 404 and error.code == APIErrorCode.ObjectNotFound
    assert str(error).startswith(
        f"Could not find page with ID: {missing}. Make sure the relevant pages and "
        "databases are shared with your integration"
    )
    assert set(error.additional_data) == {"integration_id"}


def test_pages_not_shared_with_the_integration_are_not_found(fakenotion):
    hidden = fakenotion.add_page("Private", shared=False)
    client = fakenotion.client()
    for call in (
        lambda: client.pages.retrieve(hidden["id"]),
        lambda: client.blocks.children.list(hidden["id"]),
    ):
        with pytest.raises(APIResponseError) as caught:
            call()
        assert caught.value.code == APIErrorCode.ObjectNotFound
    found = client.search(query="Private")["results"]
    assert found == []


def test_malformed_path_id_is_a_path_validation_error(http):
    body = assert_error(http.get("/v1/pages/not-an-id", headers=VERSION), 400, "validation_error")
    assert (
        body["message"]
        == 'path failed validation: path.page_id should be a valid uuid, instead was `"not-an-id"`.'
    )
    body = assert_error(http.get("/v1/blocks/1234/children", headers=VERSION), 400, "validation_error")
    assert body["message"].startswith("path failed validation: path.block_id should be a valid uuid")


def test_unknown_body_keys_are_refused(fakenotion):
    with pytest.raises(APIResponseError) as caught:
        fakenotion.client().request(path="search", method="POST", body={"query": "", "bogus": 1})
    assert caught.value.code == APIErrorCode.ValidationError
    assert str(caught.value) == "body failed validation: body.bogus should be not present, instead was `1`."


def test_list_envelopes_have_notions_keys(fakenotion):
    client = fakenotion.client()
    envelopes = {
        "block": client.blocks.children.list(fakenotion.root_id),
        "page_or_data_source": client.search(query=""),
        "user": client.users.list(),
    }
    for kind, body in envelopes.items():
        assert set(body) == {"object", "results", "next_cursor", "has_more", "type", kind, "request_id"}
        assert body["object"] == "list" and body["type"] == kind and body[kind] == {}


def test_root_page_is_shared_and_searchable(fakenotion):
    results = fakenotion.client().search(query="", filter={"property": "object", "value": "page"})["results"]
    assert [p["id"] for p in results] == [fakenotion.root_id]
    assert results[0]["parent"] == {"type": "workspace", "workspace": True}


def test_users_me_is_the_bot(fakenotion):
    me = fakenotion.client().users.me()
    assert me["type"] == "bot" and me["object"] == "user"
    assert fakenotion.client().users.retrieve(me["id"])["id"] == me["id"]


def test_only_emulated_versions_are_answered(http):
    body = assert_error(
        http.get("/v1/users/me", headers={"Notion-Version": "2022-06-28"}), 400, "validation_error"
    )
    assert "2022-06-28" in body["message"]


def test_version_2026_03_11_drops_archived_and_after(fakenotion):
    client = fakenotion.client(notion_version="2026-03-11")
    page = fakenotion.add_page("New version", children=[{"paragraph": {"rich_text": []}}])
    listed = client.blocks.children.list(page["id"])
    assert "archived" not in listed["results"][0] and listed["results"][0]["in_trash"] is False
    assert "archived" not in client.pages.retrieve(page["id"])
    first = listed["results"][0]["id"]
    with pytest.raises(APIResponseError) as caught:
        client.blocks.children.append(page["id"], children=[], after=first)
    assert caught.value.code == APIErrorCode.ValidationError
    with pytest.raises(APIResponseError):
        client.pages.update(page["id"], archived=True)
    position = {"type": "after_block", "after_block": {"id": first}}
    assert client.blocks.children.append(page["id"], children=[], position=position)["results"] == []
