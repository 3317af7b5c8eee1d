"""The ``/_fake/`` control surface (not Notion's): what tests and benchmarks use to steer the emulator.

GET    /_fake/requests   → [{"method", "path", "status"}, …] of /v1 requests since start/clear
DELETE /_fake/requests   clear that log
POST   /_fake/faults     arm a fault (see faults.py);  DELETE /_fake/faults clears them
POST   /_fake/pages      fixture content, bypassing API limits: {"id"?, "parent_id"?, "title",
                         "children": [request-shape blocks, any depth], "shared"?: true}
                         hosted files: {"type": "image", "image": {"type": "file",
                         "data_base64": "…", "name": "a.png"}} → served under /_fake/files/
GET    /_fake/files/<id>/<name>?X-Amz-Date=…  the bytes; 403 once the link has expired
POST   /_fake/clock      {"advance_seconds": n} shifts the emulator's clock, n < 0 goes back
                         (a laptop whose clock runs ahead of Notion's is the same thing seen from
                         the other side)
GET    /_fake/state      {"root_id", "now"}
POST   /_fake/config     {"bump_on_content_edit"?, "latency_ms"?, "rate_limit"?, "page_cap"?,
                          "search_lag_seconds"?, "block_limit"?: n (the free workspace's cap)}
POST   /_fake/reset      a fresh workspace (new root page), faults and log cleared
"""

from __future__ import annotations

import json
import mimetypes
from datetime import datetime, timedelta, timezone
from urllib.parse import parse_qs

from . import render, richtext, synced, useredits
from .apierror import ApiError
from .blocklimit import BlockLimit
from .blocks import check_parent
from .clock import minute_iso, normalize_id
from .store import Block, Page
from .useredits import fixture_specs

JSON = {"Content-Type": "application/json; charset=utf-8"}


def handle(app, environ) -> tuple[int, dict, bytes]:
    method, path = environ["REQUEST_METHOD"], environ["PATH_INFO"]
    try:
        body = _body(environ)
        if path.startswith("/_fake/files/"):
            return _file(app, path, environ.get("QUERY_STRING", ""))
        handler = ROUTES.get((method, path.rstrip("/")))
        if handler is None:
            return _json(404, {"error": f"no control route {method} {path}"})
        return _json(200, handler(app, body))
    except ApiError as error:
        return _json(error.status, error.body("fake"))
    except (ValueError, TypeError, KeyError) as error:
        return _json(400, {"error": f"{type(error).__name__}: {error}"})


def _json(status: int, payload: object) -> tuple[int, dict, bytes]:
    return status, dict(JSON), json.dumps(payload, ensure_ascii=False).encode()


def _body(environ) -> dict:
    length = int(environ.get("CONTENT_LENGTH") or 0)
    raw = environ["wsgi.input"].read(length) if length else b""
    return json.loads(raw) if raw.strip() else {}


def requests_list(app, _body) -> list:
    with app.log_lock:
        return list(app.log)


def requests_clear(app, _body) -> dict:
    with app.log_lock:
        app.log.clear()
    return {"cleared": True}


def faults_add(app, body) -> dict:
    app.faults.add(body)
    return {"armed": True}


def faults_clear(app, _body) -> dict:
    app.faults.clear()
    return {"cleared": True}


def pages_add(app, body) -> dict:
    """Create a page (and its content, nested to any depth) directly, as a user would in the app."""
    store = app.store
    with store.as_person():
        parent_id = normalize_id(body.get("parent_id") or store.root_id)
        parent = store.objects.get(parent_id or "")
        if not isinstance(parent, (Page, Block)):
            raise ValueError(f"unknown parent_id {body.get('parent_id')!r}")
        ident = normalize_id(body["id"]) if body.get("id") else None
        if body.get("id") and (ident is None or ident in store.objects):
            raise ValueError(f"id {body['id']!r} is malformed or taken")
        specs = fixture_specs(store, "children", body.get("children", []))
        check_parent("children", None, specs)
        synced.check(store, "children", specs)
        title = richtext.simple(str(body.get("title", "")))
        values = {"title": {"id": "title", "type": "title", "title": title}}
        shared = bool(body.get("shared", True))
        page = store.add_page(parent if shared else None, values, shared=shared, ident=ident)
        store.insert_blocks(page, specs)
        return render.page(store, page)


def clock_advance(app, body) -> dict:
    seconds = body.get("advance_seconds", 0)
    if isinstance(seconds, bool) or not isinstance(seconds, (int, float)):
        raise ValueError(f"advance_seconds must be a number, not {seconds!r}")
    now = app.store.clock.advance(float(seconds))
    return {"now": now.isoformat(), "minute": minute_iso(now)}


def state(app, _body) -> dict:
    return {"root_id": app.store.root_id, "now": app.store.clock.now().isoformat()}


def config(app, body) -> dict:
    if "bump_on_content_edit" in body:
        app.store.bump_on_content_edit = bool(body["bump_on_content_edit"])
    if "block_limit" in body:
        app.store.block_limit = BlockLimit(int(body["block_limit"]) if body["block_limit"] else None)
    if "search_lag_seconds" in body:
        app.store.search_lag = float(body["search_lag_seconds"] or 0)
    if "page_cap" in body:
        app.store.page_cap = int(body["page_cap"]) if body["page_cap"] else None
    if "latency_ms" in body:
        app.latency_ms = int(body["latency_ms"])
    if "rate_limit" in body:
        from .faults import TokenBucket

        app.bucket = TokenBucket(float(body["rate_limit"])) if body["rate_limit"] else None
    return {
        "bump_on_content_edit": app.store.bump_on_content_edit,
        "page_cap": app.store.page_cap,
        "search_lag_seconds": app.store.search_lag,
        "block_limit": app.store.block_limit.limit,
        "latency_ms": app.latency_ms,
        "rate_limit": app.bucket.rate if app.bucket else None,
    }


def reset(app, _body) -> dict:
    app.reset()
    return state(app, None)


def _file(app, path: str, query: str) -> tuple[int, dict, bytes]:
    parts = path.split("/")
    hosted = app.store.files.get(parts[3]) if len(parts) >= 5 else None
    if hosted is None:
        return 404, {"Content-Type": "application/xml"}, b"<Error><Code>NoSuchKey</Code></Error>"
    args = parse_qs(query)
    try:
        signed = datetime.strptime(args["X-Amz-Date"][0], "%Y%m%dT%H%M%SZ").replace(tzinfo=timezone.utc)
        expiry = signed + timedelta(seconds=int(args["X-Amz-Expires"][0]))
    except (KeyError, ValueError):
        expiry = None
    if expiry is None or app.store.clock.now() > expiry:
        return (
            403,
            {"Content-Type": "application/xml"},
            (b"<Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>"),
        )
    kind = mimetypes.guess_type(hosted.name)[0] or "application/octet-stream"
    return 200, {"Content-Type": kind}, hosted.data


ROUTES = {
    **useredits.ROUTES,
    ("GET", "/_fake/requests"): requests_list,
    ("DELETE", "/_fake/requests"): requests_clear,
    ("POST", "/_fake/faults"): faults_add,
    ("DELETE", "/_fake/faults"): faults_clear,
    ("POST", "/_fake/pages"): pages_add,
    ("POST", "/_fake/clock"): clock_advance,
    ("GET", "/_fake/state"): state,
    ("POST", "/_fake/config"): config,
    ("POST", "/_fake/reset"): reset,
}
