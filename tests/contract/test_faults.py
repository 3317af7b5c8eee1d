"""Contract: answers a client must survive but cannot safely provoke live — emulator-only checks of
their documented shape."""

from __future__ import annotations

from notion_client import APIErrorCode

from .helpers import para, refusal

NOT_LIVE = "provoking it live would mean hammering Notion or filling a free workspace"


def test_rate_limited_answers_carry_retry_after_in_seconds(backend):
    """429 ``rate_limited`` with ``Retry-After`` as whole seconds and
    ``additional_data.rate_limit_reason`` (request-limits reference)."""
    fake = backend.emulator(NOT_LIVE)
    fake.fault(r"GET /v1/users/me", retry_after=3)
    error = refusal(backend.client.users.me)
    assert error.status == 429 and error.code == APIErrorCode.RateLimited
    assert error.headers["retry-after"] == "3"
    assert error.additional_data["rate_limit_reason"]


def test_the_workspace_limit_may_ask_for_more_than_a_minute(backend):
    """The per-workspace limit's ``Retry-After`` "can be longer than a minute": the client must honour
    it in full, not cap it at 60 s."""
    fake = backend.emulator(NOT_LIVE)
    fake.fault(r"GET /v1/users/me", retry_after=150)
    error = refusal(backend.client.users.me)
    assert error.headers["retry-after"] == "150"
    assert error.additional_data == {"rate_limit_reason": "public_api_space_request_rate_limit"}


def test_the_workspace_block_cap_is_403_with_block_limit(backend):
    """A free multi-member workspace past its block cap answers 403 ``restricted_resource`` with
    ``additional_data.block_limit`` (reference: workspace block limits) — not an unshared page. The
    message and the inner shape are undocumented: only the key is the contract."""
    fake = backend.emulator(NOT_LIVE)
    fake.fault(r"PATCH /v1/blocks/.*/children", preset="block_limit")
    error = refusal(lambda: backend.client.blocks.children.append(backend.parent_id, children=[para("x")]))
    assert error.status == 403 and error.code == APIErrorCode.RestrictedResource
    assert "block_limit" in error.additional_data


def test_overload_is_529_service_overload(backend):
    """529 ``service_overload`` is retried like a 429 (the SDK 3.1 does not know the status)."""
    fake = backend.emulator(NOT_LIVE)
    fake.fault(r"GET /v1/users/me", status=529, retry_after=1)
    answer = backend.raw("GET", "/v1/users/me")
    assert (answer.status_code, answer.json()["code"]) == (529, "service_overload")
