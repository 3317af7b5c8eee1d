"""Contract: how Notion says no (the status-codes reference and recorded answers)."""

from __future__ import annotations

from notion_client import APIErrorCode

from .helpers import refusal

MISSING = "00000000-0000-4000-8000-000000000000"


def test_a_bad_token_is_401_unauthorized(backend):
    """notionlog turns 401 into "the token is wrong", so the code must be ``unauthorized``. (The
    emulator takes any ``ntn_``/``secret_`` token, so the bad one here has neither prefix.)"""
    answer = backend.raw("GET", "/v1/users/me", token="not-a-notion-token")
    assert answer.status_code == 401
    assert answer.json()["code"] == "unauthorized"


def test_an_unknown_or_unshared_id_is_404_object_not_found(backend):
    """A page the integration cannot see answers 404 (not 403): sync reads it as "gone or not
    shared", and the message tells the user to share it."""
    error = refusal(lambda: backend.client.pages.retrieve(MISSING))
    assert error.status == 404 and error.code == APIErrorCode.ObjectNotFound
    assert str(error).startswith(f"Could not find page with ID: {MISSING}.")


def test_a_malformed_id_is_a_validation_error_on_the_path(backend):
    error = refusal(lambda: backend.client.pages.retrieve("not-an-id"))
    assert error.status == 400 and str(error).startswith("path failed validation: path.page_id")


def test_an_unknown_route_is_invalid_request_url(backend):
    answer = backend.raw("GET", "/v1/no_such_thing")
    assert (answer.status_code, answer.json()["code"]) == (400, "invalid_request_url")


def test_a_request_without_notion_version_is_refused(backend):
    """The client pins the version in one place; without one Notion answers ``missing_version``."""
    answer = backend.raw("GET", "/v1/users/me", version=None)
    assert (answer.status_code, answer.json()["code"]) == (400, "missing_version")


def test_error_bodies_are_json_with_a_request_id(backend):
    """Errors are reported with their request id, from the body and the ``x-notion-request-id`` header."""
    answer = backend.raw("GET", f"/v1/pages/{MISSING}")
    body = answer.json()
    assert answer.headers["content-type"].startswith("application/json")
    assert set(body) >= {"object", "status", "code", "message", "request_id"}
    assert body["object"] == "error" and body["status"] == 404
    assert answer.headers.get("x-notion-request-id")


def test_the_bot_user_is_the_integration(backend):
    """``doctor`` and the timestamp checks compare ``last_edited_by`` with ``users.me``."""
    me = backend.client.users.me()
    assert me["object"] == "user" and me["type"] == "bot"
