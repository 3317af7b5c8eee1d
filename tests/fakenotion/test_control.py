"""Conformance: the /_fake/ control surface — request log, faults, fixture pages, hosted files,
clock, rate limit, latency (contract §5, §10 SHOULD 11, 12)."""

from __future__ import annotations

import base64
import time

import httpx
import pytest
from notion_client import APIErrorCode, APIResponseError, Client
from notion_client.errors import UnknownHTTPResponseError

PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(64))


def para(content: str) -> dict:
    return {"paragraph": {"rich_text": [{"text": {"content": content}}]}}


def test_request_log_records_v1_requests_and_clears(fakenotion):
    client = fakenotion.client()
    client.users.me()
    with pytest.raises(APIResponseError):
        client.pages.retrieve("00000000000000000000000000000000")
    fakenotion.add_page("not logged: control surface")
    assert fakenotion.requests() == [
        {"method": "GET", "path": "/v1/users/me", "status": 200},
        {"method": "GET", "path": "/v1/pages/00000000000000000000000000000000", "status": 404},
    ]
    fakenotion.clear_requests()
    assert fakenotion.requests() == []


def test_status_fault_answers_notions_429_without_applying(fakenotion):
    client = fakenotion.client()
    fakenotion.fault(r"POST /v1/pages", status=429, retry_after=0)
    with pytest.raises(APIResponseError) as caught:
        client.pages.create(parent={"page_id": fakenotion.root_id}, properties={"title": []})
    error = caught.value
    assert error.code == APIErrorCode.RateLimited and error.status == 429
    assert error.headers["retry-after"] == "0"
    assert error.additional_data == {"rate_limit_reason": "public_api_request_rate_limit"}
    assert client.blocks.children.list(fakenotion.root_id)["results"] == []  # nothing was created


def test_sdk_retries_a_429_and_succeeds(fakenotion):
    client = fakenotion.client(retry=True)
    fakenotion.fault(r"GET /v1/users/me", status=429, times=2, retry_after=0)
    assert client.users.me()["type"] == "bot"
    assert [r["status"] for r in fakenotion.requests()] == [429, 429, 200]


def test_skip_and_times_count_matching_requests_only(fakenotion):
    client = fakenotion.client()
    fakenotion.fault(r"GET /v1/users/me", status=503, skip=1, times=1)
    client.users.me()
    client.users.list()  # does not match: not counted
    with pytest.raises(APIResponseError) as caught:
        client.users.me()
    assert caught.value.code == APIErrorCode.ServiceUnavailable
    client.users.me()
    assert [r["status"] for r in fakenotion.requests()] == [200, 200, 503, 200]


def test_match_must_cover_the_whole_request_line(fakenotion):
    client = fakenotion.client()
    fakenotion.fault(r"GET /v1/users", status=500)
    client.users.me()  # "GET /v1/users/me" is not a whole match
    with pytest.raises(APIResponseError):
        client.users.list()
    fakenotion.clear_faults()
    fakenotion.fault(r".* /v1/.*", status=409)
    with pytest.raises(APIResponseError) as caught:
        client.search(query="")
    assert caught.value.code == APIErrorCode.ConflictError
    fakenotion.clear_faults()
    client.search(query="")


def test_overload_and_bad_gateway_are_unknown_to_the_sdk(fakenotion):
    client = fakenotion.client()
    for status in (529, 502):
        fakenotion.fault(r"GET /v1/users/me", status=status)
        with pytest.raises(UnknownHTTPResponseError):
            client.users.me()


@pytest.mark.parametrize("inprocess", [False, True], ids=["http", "in-process"])
def test_drop_applies_the_request_then_loses_the_answer(fakenotion, inprocess):
    client = fakenotion.inprocess_client() if inprocess else fakenotion.client()
    page = fakenotion.add_page("Drop")
    fakenotion.fault(r"PATCH /v1/blocks/.*/children", action="drop")
    with pytest.raises(httpx.TransportError):
        client.blocks.children.append(page["id"], children=[para("lost answer")])
    listed = client.blocks.children.list(page["id"])["results"]
    assert [b["paragraph"]["rich_text"][0]["plain_text"] for b in listed] == ["lost answer"]
    assert fakenotion.requests()[0] == {
        "method": "PATCH",
        "path": f"/v1/blocks/{page['id']}/children",
        "status": 200,
    }


def test_delay_fault_waits_then_answers(fakenotion):
    client = fakenotion.client()
    fakenotion.fault(r"GET /v1/users/me", action="delay", delay_ms=150)
    started = time.perf_counter()
    client.users.me()
    assert time.perf_counter() - started >= 0.15


def test_fixture_pages_nest_to_any_depth_and_appear_as_child_pages(fakenotion):
    client = fakenotion.client()
    summary = fakenotion.add_page("MLOps", id="d06d1f9a67534ffdbad20c2fac7132fe")
    assert summary["id"] == "d06d1f9a-6753-4ffd-bad2-0c2fac7132fe"
    sub = fakenotion.add_page("Lecture 1", parent_id=summary["id"], children=[para("x")])
    listed = client.blocks.children.list(summary["id"])["results"]
    assert [(b["type"], b["id"], b["child_page"]["title"]) for b in listed] == [
        ("child_page", sub["id"], "Lecture 1")
    ]
    assert listed[0]["has_children"] is True
    assert client.pages.retrieve(sub["id"])["parent"] == {"type": "page_id", "page_id": summary["id"]}


def test_hosted_files_are_served_at_expiring_urls(fakenotion):
    client = fakenotion.client()
    image = {
        "type": "image",
        "image": {"type": "file", "data_base64": base64.b64encode(PNG).decode(), "name": "a.png"},
    }
    page = fakenotion.add_page("Files", children=[image])
    block = client.blocks.children.list(page["id"])["results"][0]
    assert block["image"]["type"] == "file" and block["image"]["caption"] == []
    url, expiry = block["image"]["file"]["url"], block["image"]["file"]["expiry_time"]
    assert url.startswith(fakenotion.base_url + "/_fake/files/") and expiry.endswith("Z")
    fetched = httpx.get(url, verify=False)
    assert (
        fetched.status_code == 200
        and fetched.content == PNG
        and fetched.headers["content-type"] == "image/png"
    )
    fakenotion.advance_clock(3601)
    assert httpx.get(url, verify=False).status_code == 403  # the link expired
    fresh = client.blocks.retrieve(block["id"])["image"]["file"]["url"]
    assert fresh != url and httpx.get(fresh, verify=False).content == PNG


def test_rate_limit_mode_answers_429_beyond_the_bucket(fakenotion):
    fakenotion.configure(rate_limit=2)
    client = fakenotion.client()
    statuses = []
    for _ in range(6):
        try:
            client.users.me()
            statuses.append(200)
        except APIResponseError as error:
            assert error.code == APIErrorCode.RateLimited
            assert int(error.headers["retry-after"]) >= 1
            assert error.additional_data["rate_limit_reason"] == "public_api_request_rate_limit"
            statuses.append(429)
    assert statuses[:2] == [200, 200] and 429 in statuses
    fakenotion.configure(rate_limit=None)
    client.users.me()


def test_latency_applies_to_every_v1_request(fakenotion):
    fakenotion.configure(latency_ms=80)
    client = fakenotion.client()
    started = time.perf_counter()
    client.users.me()
    client.users.me()
    assert time.perf_counter() - started >= 0.16


def test_reset_gives_a_fresh_workspace(fakenotion):
    fakenotion.add_page("old")
    fakenotion.client().users.me()
    fresh = httpx.post(fakenotion.base_url + "/_fake/reset", verify=False).json()
    assert fresh["root_id"] != fakenotion.root_id
    assert fakenotion.requests() == []
    with pytest.raises(APIResponseError):
        fakenotion.client().pages.retrieve(fakenotion.root_id)


def test_unknown_control_route_is_404(fakenotion):
    assert httpx.get(fakenotion.base_url + "/_fake/nothing", verify=False).status_code == 404


def test_two_clients_may_run_in_parallel(fakenotion):
    import concurrent.futures

    page = fakenotion.add_page("Parallel")
    clients = [fakenotion.client() for _ in range(4)]
    with concurrent.futures.ThreadPoolExecutor(4) as pool:
        list(
            pool.map(
                lambda c: [c.blocks.children.append(page["id"], children=[para("p")]) for _ in range(10)],
                clients,
            )
        )
    assert len(fakenotion.client().blocks.children.list(page["id"])["results"]) == 40


def test_client_helper_does_not_need_the_fixture(fakenotion):
    client = Client(auth=fakenotion.token, base_url=fakenotion.base_url, retry=False)
    assert client.users.me()["object"] == "user"


def test_page_cap_answers_short_pages_that_paginators_must_follow(fakenotion):
    from notion_client import collect_paginated_api

    page = fakenotion.add_page("Short pages", children=[para(str(i)) for i in range(7)])
    fakenotion.configure(page_cap=3)
    client = fakenotion.client()
    first = client.blocks.children.list(page["id"], page_size=100)
    assert len(first["results"]) == 3 and first["has_more"] is True
    every = collect_paginated_api(client.blocks.children.list, block_id=page["id"])
    assert [b["paragraph"]["rich_text"][0]["plain_text"] for b in every] == [str(i) for i in range(7)]


def test_bodies_over_500_kb_are_refused(fakenotion):
    page = fakenotion.add_page("Big")
    huge = [{"paragraph": {"rich_text": [{"text": {"content": "x" * 2000}}] * 100}}] * 3
    with pytest.raises(APIResponseError) as caught:
        fakenotion.client().blocks.children.append(page["id"], children=huge)
    assert caught.value.code == APIErrorCode.ValidationError
    assert fakenotion.client().blocks.children.list(page["id"])["results"] == []


def test_user_edits_the_api_cannot_express(fakenotion):
    client = fakenotion.client()
    page = fakenotion.add_page("User edits", children=[para("a"), para("b")])
    a, b = client.blocks.children.list(page["id"])["results"]
    deep = {
        "bulleted_list_item": {
            "rich_text": [],
            "children": [
                {
                    "toggle": {
                        "rich_text": [],
                        "children": [{"toggle": {"rich_text": [], "children": [para("deep")]}}],
                    }
                }
            ],
        }
    }
    added = fakenotion.user_append(page["id"], [deep], after=a["id"])
    assert [blk["type"] for blk in client.blocks.children.list(page["id"])["results"]] == [
        "paragraph",
        "bulleted_list_item",
        "paragraph",
    ]
    minute = fakenotion.advance_clock(120)
    turned = fakenotion.user_turn_into(b["id"], {"heading_2": {"rich_text": [{"text": {"content": "B"}}]}})
    assert turned["id"] == b["id"] and turned["type"] == "heading_2"
    assert client.pages.retrieve(page["id"])["last_edited_time"] == minute
    fakenotion.user_move(a["id"], added[0]["id"])
    assert [blk["id"] for blk in client.blocks.children.list(page["id"])["results"]] == [
        added[0]["id"],
        b["id"],
    ]
    assert client.blocks.retrieve(a["id"])["parent"] == {"type": "block_id", "block_id": added[0]["id"]}


def test_turn_into_a_type_that_cannot_hold_the_blocks_children_is_refused(fakenotion):
    page = fakenotion.add_page("Turn into")
    toggle = {"toggle": {"rich_text": [{"text": {"content": "T"}}], "children": [para("kid")]}}
    (made,) = fakenotion.user_append(page["id"], [toggle])
    heading = {"heading_2": {"rich_text": [{"text": {"content": "T"}}]}}
    with pytest.raises(AssertionError, match="cannot hold the block's children"):
        fakenotion.user_turn_into(made["id"], heading)
    toggled = {"heading_2": {**heading["heading_2"], "is_toggleable": True}}
    turned = fakenotion.user_turn_into(made["id"], toggled)
    assert turned["type"] == "heading_2" and turned["has_children"]
