"""Notion's error responses, raised as one exception type and rendered by the WSGI app.

Body shape (contract §7, REC test_api_response_error*.json)::

    {"object": "error", "status": 400, "code": "validation_error", "message": "...",
     "request_id": "...", ["additional_data": {...}]}

Validation messages follow the grammar observed in real responses:
``body failed validation: <path> should be <constraint>, instead was `<json, truncated>`.``
"""

from __future__ import annotations

import json

INTEGRATION_NAME = "fakenotion"
BOT_ID = "7775f3a3-893f-43fa-b625-460c61094c78"  # the recorded integration's bot id, kept for realism
PERSON_ID = "0c1f7c3e-5a0b-4d2e-9f61-2b7d8e4a9c10"  # the workspace's one person, who edits in the app
PERSON_NAME = "Fake Person"
USER_NAMES = {BOT_ID: INTEGRATION_NAME, PERSON_ID: PERSON_NAME}
SHOWN_CHARS = 55  # Notion cuts the offending value's JSON at 55 characters + "..." (ISS vrerv/md-to-notion#6)


class ApiError(Exception):
    """One error answer: HTTP status, Notion code, message, optional additional_data and headers."""

    def __init__(
        self,
        status: int,
        code: str,
        message: str,
        additional_data: dict | None = None,
        headers: dict | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.additional_data = additional_data
        self.headers = headers or {}

    def body(self, request_id: str) -> dict:
        body = {"object": "error", "status": self.status, "code": self.code, "message": self.message}
        if self.additional_data is not None:
            body["additional_data"] = self.additional_data
        body["request_id"] = request_id
        return body


def shown(value: object) -> str:
    """The offending value as Notion quotes it: compact JSON, cut at ~50 chars with ``...``."""
    if value is None:
        return "null"
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return text if len(text) <= SHOWN_CHARS else text[:SHOWN_CHARS] + "..."


def invalid(path: str, constraint: str, value: object, *, missing: bool = False) -> ApiError:
    """``body failed validation: body.x should be <constraint>, instead was `<value>`.``"""
    was = "undefined" if missing else shown(value)
    root = path.split(".", 1)[0].split("[", 1)[0]
    return ApiError(
        400,
        "validation_error",
        f"{root} failed validation: {path} should be {constraint}, instead was `{was}`.",
    )


def too_long(path: str, limit: int, actual: int) -> ApiError:
    return invalid(path, f"≤ `{limit}`", actual)


def undefined(path: str) -> ApiError:
    return invalid(path, "defined", None, missing=True)


def not_present(path: str, value: object) -> ApiError:
    return invalid(path, "not present", value)


def one_of(path: str, choices: list[str], value: object) -> ApiError:
    quoted = [f"`{json.dumps(c, ensure_ascii=False)}`" for c in choices]
    listing = ", ".join(quoted[:-1]) + f", or {quoted[-1]}" if len(quoted) > 1 else quoted[0]
    return invalid(path, listing, value)


def validation(message: str) -> ApiError:
    return ApiError(400, "validation_error", message)


def not_found(kind: str, object_id: str) -> ApiError:
    """404 exactly as REC test_build_request_error_integration (kind: page, block, database, ...)."""
    return ApiError(
        404,
        "object_not_found",
        f"Could not find {kind} with ID: {object_id}. Make sure the relevant pages and databases are "
        f'shared with your integration "{INTEGRATION_NAME}".',
        additional_data={"integration_id": BOT_ID},
    )


def bad_path_id(param: str, raw: str) -> ApiError:
    return ApiError(
        400,
        "validation_error",
        f"path failed validation: path.{param} should be a valid uuid, instead was `{shown(raw)}`.",
    )


def invalid_url() -> ApiError:
    return ApiError(400, "invalid_request_url", "Invalid request URL.")


def rate_limited(retry_after: int) -> ApiError:
    return ApiError(
        429,
        "rate_limited",
        "You have been rate limited. Please try again in a few minutes.",
        additional_data={"rate_limit_reason": "public_api_request_rate_limit"},
        headers={"Retry-After": str(retry_after)},
    )


# Default messages for statuses a fault may inject (Notion's codes, contract §7).
FAULT_CODES = {
    400: ("invalid_request", "Unsupported request."),
    401: ("unauthorized", "API token is invalid."),
    403: ("restricted_resource", "API token does not have access to this resource."),
    404: ("object_not_found", "Could not find object."),
    409: ("conflict_error", "Conflict occurred while saving. Please try again."),
    429: ("rate_limited", "You have been rate limited. Please try again in a few minutes."),
    500: ("internal_server_error", "Unexpected error occurred."),
    502: ("bad_gateway", "Bad gateway."),
    503: ("service_unavailable", "Notion is unavailable, please try again later."),
    504: ("gateway_timeout", "Notion timed out while processing the request."),
    529: ("service_overload", "Notion is overloaded, please try again later."),
}


def block_limit_reached(limit: int) -> ApiError:
    """The free workspace's block cap past its grace period (reference: workspace block limits). The
    code is documented; the message and the shape of ``block_limit`` are not: rely on the key only."""
    return ApiError(
        403,
        "restricted_resource",
        "This workspace has reached its block limit. Upgrade the workspace to add more blocks.",
        {"block_limit": {"limit": limit}},
    )


def _preset(error: ApiError) -> dict:
    return {
        "status": error.status,
        "code": error.code,
        "message": error.message,
        "additional_data": error.additional_data,
        "retry_after": None,
    }


# Named faults for answers a test cannot shape from a status alone (blocklimit.py has the cap for real).
PRESETS = {"block_limit": _preset(block_limit_reached(1000))}
WORKSPACE_LIMIT_SECONDS = 60  # a per-connection Retry-After is at most 60 s; beyond, the workspace's


def fault(
    status: int,
    retry_after: int | None,
    code: str | None = None,
    message: str | None = None,
    additional_data: dict | None = None,
) -> ApiError:
    """An injected error answer; a 429 names which limit was hit (``public_api_space_request_rate_limit``
    when ``Retry-After`` is over a minute, as only the shared per-workspace limit answers that)."""
    default_code, default_message = FAULT_CODES.get(
        status, ("internal_server_error", "Unexpected error occurred.")
    )
    extra = additional_data
    if extra is None and status == 429:
        wide = retry_after is not None and retry_after > WORKSPACE_LIMIT_SECONDS
        reason = "public_api_space_request_rate_limit" if wide else "public_api_request_rate_limit"
        extra = {"rate_limit_reason": reason}
    headers = {"Retry-After": str(retry_after)} if retry_after is not None else None
    return ApiError(status, code or default_code, message or default_message, extra, headers)
