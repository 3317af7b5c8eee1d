"""The emulator as a WSGI application: Notion's request pipeline plus the ``/_fake/`` control surface.

Pipeline for ``/v1/…`` (contract §10.1, §10.10, §5): latency → rate limit (token bucket →
429 ``rate_limited`` with ``Retry-After``) → injected faults → ``Authorization: Bearer`` (tokens
starting ``ntn_`` or ``secret_``; else 401 "API token is invalid.") → ``Notion-Version`` (else 400
``missing_version``) → route (else 400 ``invalid_request_url``) → JSON body (else 400
``invalid_json``) → handler under the store lock. Every answer is JSON with ``request_id`` and an
``x-notion-request-id`` header; every ``/v1`` request is logged for ``GET /_fake/requests``.
A ``drop`` fault applies the request, then raises :class:`DropConnection` so the server closes the
socket without answering (in-process, :func:`transport` turns it into an httpx connection error).
"""

from __future__ import annotations

import json
import re
import threading
import time
import uuid
from email.utils import format_datetime
from urllib.parse import parse_qs

from . import api_blocks, api_data, api_pages, control, markdown, render, uploads
from .apierror import ApiError, invalid_url, not_present
from .faults import DropConnection, Faults, TokenBucket
from .request import Bare, Request
from .store import Store

ROUTES = [
    (method, re.compile(pattern + r"/?$"), handler)
    for method, pattern, handler in api_blocks.ROUTES
    + api_pages.ROUTES
    + markdown.ROUTES
    + uploads.ROUTES
    + api_data.ROUTES
]
VALID_TOKEN_PREFIXES = ("ntn_", "secret_")
JSON_TYPE = "application/json; charset=utf-8"
VERSIONS = ("2025-09-03", "2026-03-11")  # the SDK's default, and the opt-in trash-only version
TRASH_ONLY_VERSION = "2026-03-11"
MAX_BODY_BYTES = 500_000  # "whole payload … 500 KB" (contract §5); Notion's exact answer is unverified

__all__ = ["DropConnection", "FakeNotion"]


class FakeNotion:
    """A WSGI callable holding one workspace; ``latency_ms`` and ``rate_limit`` (req/s) are optional."""

    def __init__(self, latency_ms: int = 0, rate_limit: float | None = None) -> None:
        self.store = Store()
        self.latency_ms = latency_ms
        self.bucket = TokenBucket(rate_limit) if rate_limit else None
        self.faults = Faults()
        self.log: list[dict] = []
        self.log_lock = threading.Lock()

    def reset(self) -> None:
        self.store = Store(self.store.clock)
        self.faults.clear()
        with self.log_lock:
            self.log.clear()

    # --- WSGI ---------------------------------------------------------------------------------
    def __call__(self, environ, start_response):
        path = environ.get("PATH_INFO", "/")
        render.BASE_URL.set(_base_url(environ))
        if path.startswith("/_fake/"):
            status, headers, body = control.handle(self, environ)
        elif path == "/v1" or path.startswith("/v1/"):
            status, headers, body = self._api(environ)
        else:
            status, headers, body = 400, {"Content-Type": "text/plain"}, b"400 Bad Request"
        start_response(_status_line(status), list(headers.items()) + [("Content-Length", str(len(body)))])
        return [body]

    def _api(self, environ) -> tuple[int, dict, bytes]:
        method, path = environ["REQUEST_METHOD"], environ.get("PATH_INFO", "/")
        request_id = str(uuid.uuid4())
        drop = False
        try:
            if self.latency_ms:
                time.sleep(self.latency_ms / 1000)
            if self.bucket is not None:
                self.bucket.take()
            action = self.faults.check(f"{method} {path}")
            drop = action == "drop"
            status, payload = 200, self._dispatch(environ, method, path)
            if not isinstance(payload, Bare):
                payload["request_id"] = request_id
        except ApiError as error:
            status, payload = error.status, error.body(request_id)
            extra = error.headers
        else:
            extra = {}
        self._record(method, path, status)
        if drop:
            raise DropConnection(status)
        body = json.dumps(payload, ensure_ascii=False).encode()
        # Every HTTP server with a clock sends Date (RFC 9110 §6.6.1); here it is the emulator's
        # shifted clock, so clients can take "now" from Notion rather than from their own clock.
        date = format_datetime(self.store.clock.now(), usegmt=True)
        headers = {"Content-Type": JSON_TYPE, "x-notion-request-id": request_id, "Date": date}
        return status, {**headers, **extra}, body

    def _record(self, method: str, path: str, status: int) -> None:
        with self.log_lock:
            self.log.append({"method": method, "path": path, "status": status})

    def _dispatch(self, environ, method: str, path: str) -> dict:
        _authorize(environ)
        version = _version(environ)
        handler, params = _route(method, path)
        body, form = _body(environ, method)
        if version == TRASH_ONLY_VERSION:
            for key in ("archived", "after"):  # removed from requests in 2026-03-11 (contract §2)
                if key in body:
                    raise not_present(f"body.{key}", body[key])
        query = parse_qs(environ.get("QUERY_STRING", ""), keep_blank_values=True)
        with self.store.lock:
            req = Request(self.store, method, path, query, body, form)
            payload = handler(req, **params)
        return _without_archived(payload) if version == TRASH_ONLY_VERSION else payload


def _version(environ) -> str:
    """``Notion-Version`` is required; only the versions whose semantics are emulated are taken."""
    version = environ.get("HTTP_NOTION_VERSION")
    if not version:
        raise ApiError(
            400,
            "missing_version",
            "Notion-Version header failed validation: Notion-Version "
            "header should be defined, instead was undefined.",
        )
    if version not in VERSIONS:
        raise ApiError(
            400,
            "validation_error",
            f"Notion-Version {version} is not emulated by fakenotion (it answers {', '.join(VERSIONS)}).",
        )
    return version


def _without_archived(value):
    """2026-03-11 dropped ``archived`` from every object in responses (``in_trash`` only)."""
    if isinstance(value, list):
        return [_without_archived(v) for v in value]
    if isinstance(value, dict):
        keep = {k: _without_archived(v) for k, v in value.items()}
        if value.get("object") in ("page", "block", "database", "data_source"):
            keep.pop("archived", None)
        return type(value)(keep)
    return value


def _authorize(environ) -> None:
    header = environ.get("HTTP_AUTHORIZATION", "")
    token = header[len("Bearer ") :] if header.startswith("Bearer ") else ""
    if not token.startswith(VALID_TOKEN_PREFIXES) or len(token) <= len("ntn_"):
        raise ApiError(401, "unauthorized", "API token is invalid.")


def _route(method: str, path: str):
    for route_method, pattern, handler in ROUTES:
        found = pattern.match(path)
        if found and route_method == method:
            return handler, found.groupdict()
    raise invalid_url()


def _body(environ, method: str) -> tuple[dict, dict]:
    """The JSON body, or for ``multipart/form-data`` (file uploads) an empty body and the form."""
    if method in ("GET", "DELETE"):
        return {}, {}
    length = int(environ.get("CONTENT_LENGTH") or 0)
    raw = environ["wsgi.input"].read(length) if length else b""
    content_type = environ.get("CONTENT_TYPE", "")
    if content_type.startswith("multipart/form-data"):
        return {}, uploads.parse_form(raw, content_type)
    if not raw.strip():
        return {}, {}
    if len(raw) > MAX_BODY_BYTES:
        raise ApiError(
            400,
            "validation_error",
            f"Request body too large: {len(raw)} bytes exceeds the {MAX_BODY_BYTES // 1000} KB limit.",
        )
    try:
        body = json.loads(raw)
    except (ValueError, UnicodeDecodeError) as exc:
        raise ApiError(400, "invalid_json", "Error parsing JSON body.") from exc
    if not isinstance(body, dict):
        raise ApiError(
            400,
            "validation_error",
            f"body failed validation: body should be an object, instead was `{raw[:50].decode()}`.",
        )
    return body, {}


def _base_url(environ) -> str:
    host = (
        environ.get("HTTP_HOST") or f"{environ.get('SERVER_NAME', '127.0.0.1')}:{environ.get('SERVER_PORT')}"
    )
    return f"{environ.get('wsgi.url_scheme', 'http')}://{host}"


_REASONS = {
    200: "OK",
    400: "Bad Request",
    401: "Unauthorized",
    403: "Forbidden",
    404: "Not Found",
    409: "Conflict",
    429: "Too Many Requests",
    500: "Internal Server Error",
    502: "Bad Gateway",
    503: "Service Unavailable",
    504: "Gateway Timeout",
    529: "Site Overloaded",
}


def _status_line(status: int) -> str:
    return f"{status} {_REASONS.get(status, 'Unknown')}"
