"""Notion's failures become notionlog errors carrying data, never the token (failures.py)."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from notionlog.errors import NotionAuth, NotionNotShared, NotionRejected, NotionUnavailable
from notionlog.notion import connect
from notionlog.settings import Settings

TOKEN = "ntn_supersecret12345"
DB = "3d0982b9-f958-41d0-8437-cf2e00981c7f"


def api_answering(status: int, code: str, message: str, headers: dict | None = None, seen=None):
    def handler(request: httpx.Request) -> httpx.Response:
        if seen is not None:
            seen.append(request)
        body = {"object": "error", "status": status, "code": code, "message": message, "request_id": "r"}
        return httpx.Response(status, json=body, headers=headers or {})

    settings = Settings(home=Path("home"), token=TOKEN, base_url="http://notion.test", max_rps=1000)
    return connect(settings, transport=httpx.MockTransport(handler), sleep=lambda s: None)


def raised(api, call):
    with pytest.raises(Exception) as caught:
        call(api)
    err = caught.value
    text = " ".join([str(err), repr(err), repr(vars(err)), str(caught.getrepr(chain=True))])
    assert TOKEN not in text and "supersecret" not in text
    # the SDK's error (with Notion's raw body) is never shown chained under ours
    assert err.__cause__ is None and (err.__suppress_context__ or err.__context__ is None)
    return err


def test_missing_token_is_named_before_any_request():
    with pytest.raises(NotionAuth) as caught:
        connect(Settings(home=Path("home"), token=None))
    assert caught.value.missing is True


def test_401_is_a_wrong_token():
    err = raised(api_answering(401, "unauthorized", "API token is invalid."), lambda a: a.me())
    assert isinstance(err, NotionAuth) and err.missing is False


@pytest.mark.parametrize(("status", "code"), [(404, "object_not_found"), (403, "restricted_resource")])
def test_not_found_or_restricted_is_not_shared(status, code):
    message = f"Could not find database with ID: {DB}. Make sure the relevant pages and databases are shared"
    err = raised(api_answering(status, code, message), lambda a: a.resolve_database(DB))
    assert isinstance(err, NotionNotShared) and err.object_id == DB and err.kind == "database"


def test_validation_error_carries_notions_code_and_message():
    msg = "body failed validation: body.children.length should be ≤ `100`, instead was `124`."
    err = raised(api_answering(400, "validation_error", msg), lambda a: a.update_page("p", in_trash=True))
    assert isinstance(err, NotionRejected)
    assert (err.status, err.code, err.message) == (400, "validation_error", msg)


def test_a_token_echoed_by_the_server_is_still_hidden(caplog):
    caplog.set_level("DEBUG")
    err = raised(api_answering(400, "validation_error", f"bad value {TOKEN}"), lambda a: a.retrieve_page("p"))
    assert isinstance(err, NotionRejected) and "[token hidden]" in err.message
    assert caplog.records and TOKEN not in caplog.text


def test_rate_limit_left_after_retries_is_unavailable():
    seen: list = []
    api = api_answering(429, "rate_limited", "You have been rate limited.", {"Retry-After": "0"}, seen)
    err = raised(api, lambda a: a.retrieve_page("p"))
    assert isinstance(err, NotionUnavailable) and "429" in err.reason
    assert len(seen) == api.requests_sent == 9  # 1 + 8 bounded retries, none by the SDK on top
    assert api.requests_retried == 8


def test_529_unknown_to_the_sdk_is_unavailable_after_retries():
    err = raised(api_answering(529, "service_overload", "overloaded", {"Retry-After": "0"}),
                 lambda a: list(a.query("ds")))
    assert isinstance(err, NotionUnavailable) and "529" in err.reason


def test_a_write_failing_with_500_is_sent_once():
    seen: list = []
    api = api_answering(500, "internal_server_error", "boom", seen=seen)
    err = raised(api, lambda a: a.update_page("p", properties={}))
    assert isinstance(err, NotionUnavailable) and len(seen) == 1


def test_a_dropped_connection_on_a_write_is_unavailable_without_retry():
    seen: list = []

    def handler(request):
        seen.append(request)
        raise httpx.RemoteProtocolError("Server disconnected without sending a response.", request=request)

    settings = Settings(home=Path("home"), token=TOKEN, base_url="http://notion.test")
    api = connect(settings, transport=httpx.MockTransport(handler), sleep=lambda s: None)
    err = raised(api, lambda a: a.new_page("ds", {}, []))
    assert isinstance(err, NotionUnavailable) and "POST /v1/pages" in err.reason
    assert len(seen) == 1 and api.requests_sent == 1


def test_the_token_is_sent_only_to_the_api_not_with_downloads():
    seen: list[httpx.Request] = []

    def handler(request):
        seen.append(request)
        return httpx.Response(200, content=b"file bytes")

    settings = Settings(home=Path("home"), token=TOKEN, base_url="http://notion.test")
    api = connect(settings, transport=httpx.MockTransport(handler))
    assert api.download("https://files.example/a.png?X-Amz-Signature=abc") == b"file bytes"
    assert "authorization" not in seen[0].headers
