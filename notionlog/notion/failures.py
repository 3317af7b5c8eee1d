"""Notion failures → notionlog's error tree (the only place that knows notion-client's errors).

Mapping (docs/notion-contract.md): 401 → NotionAuth; a 403 whose ``additional_data`` names a
``block_limit`` (the workspace is over its plan's block cap) → NotionBlockLimit; 404
``object_not_found`` and other 403 ``restricted_resource`` → NotionNotShared; other 4xx →
NotionRejected with Notion's code and message; 429/529 left after the seam's retries, 409 and
5xx → NotionUnavailable; timeouts and connection errors → NotionUnavailable. Nothing here puts
the token into a message: the SDK's errors carry the response body and headers, never the
request's ``Authorization`` header, and transport errors are described by their class and the
request line only.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager

import httpx
from notion_client.errors import HTTPResponseError, RequestTimeoutError

from notionlog.errors import (
    NotionAuth,
    NotionBlockLimit,
    NotionNotShared,
    NotionRejected,
    NotionUnavailable,
    hide_token,
)


def _clean(text: str) -> str:
    """Belt and braces: never let anything shaped like a token through in a message."""
    return hide_token(text)[:2000]


def _code(err: HTTPResponseError) -> str:
    return getattr(err.code, "value", err.code) or ""


def translate(err: Exception, object_id: str | None, kind: str) -> Exception | None:
    """notionlog's error for ``err`` (an SDK or httpx error), or None if it is not one of those."""
    if isinstance(err, HTTPResponseError):
        status, code = err.status, _code(err)
        if status == 401:
            return NotionAuth()
        if "block_limit" in (getattr(err, "additional_data", None) or {}):
            return NotionBlockLimit(object_id=object_id or "?")
        if status == 404 or code in ("object_not_found", "restricted_resource"):
            return NotionNotShared(object_id=object_id or "?", kind=kind)
        if status in (409, 429, 529) or status >= 500:
            return NotionUnavailable(reason=f"HTTP {status} {code or 'error'} after retries")
        return NotionRejected(status=status, code=code or "error", message=_clean(str(err)))
    if isinstance(err, RequestTimeoutError):
        return NotionUnavailable(reason="the request timed out (a write may have been applied)")
    if isinstance(err, httpx.TransportError):
        request = _request_line(err)
        return NotionUnavailable(reason=_clean(f"{type(err).__name__} on {request}"))
    return None


def _request_line(err: httpx.TransportError) -> str:
    try:
        request = err.request
    except RuntimeError:  # httpx raises when the error was not bound to a request
        return "a request"
    return f"{request.method} {request.url.path}"


@contextmanager
def notion_errors(object_id: str | None = None, kind: str = "object") -> Iterator[None]:
    """Run a block of SDK calls, re-raising their failures as notionlog errors."""
    try:
        yield
    except (HTTPResponseError, RequestTimeoutError, httpx.TransportError) as err:
        # ``from None``: tracebacks (even --debug) never show the SDK error and its raw body
        raise (translate(err, object_id, kind) or err) from None


class RedactTokens(logging.Filter):
    """Applied to the SDK's logger: its failure lines quote Notion's messages verbatim."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = _clean(record.getMessage())
        record.args = None
        return True
