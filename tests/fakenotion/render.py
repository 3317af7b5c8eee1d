"""Response bodies shaped key for key like the recordings in tests/fakenotion/recorded/.

Key order follows the recordings too (pages: object, id, created_time, …, url, public_url,
archived), so a diff against a recorded body reads naturally. Hosted file URLs are minted per
response with an expiry an hour ahead, as Notion's S3 links are (contract §6.2).
"""

from __future__ import annotations

import hashlib
import re
from contextvars import ContextVar
from datetime import timedelta

from . import properties as props
from .clock import millis_iso, minute_iso
from .store import Block, Database, DataSource, Page, Store

BASE_URL = ContextVar("fakenotion_base_url", default="http://127.0.0.1")
FILE_TTL = timedelta(hours=1)


def user(ident: str) -> dict:
    return {"object": "user", "id": ident}


def compact(ident: str) -> str:
    return ident.replace("-", "")


def page_url(store: Store, obj) -> str:
    if isinstance(obj, Page):
        slug = re.sub(r"[^A-Za-z0-9]+", "-", store.plain_title(obj)).strip("-")
        return f"https://app.notion.com/p/{slug + '-' if slug else ''}{compact(obj.id)}"
    return f"https://app.notion.com/p/{compact(obj.id)}"


def parent_of(store: Store, obj) -> dict:
    if obj.parent_id is None:
        return {"type": "workspace", "workspace": True}
    parent = store.objects[obj.parent_id]
    if isinstance(parent, DataSource):
        return {"type": "data_source_id", "data_source_id": parent.id, "database_id": parent.parent_id}
    if isinstance(parent, Page):
        return {"type": "page_id", "page_id": parent.id}
    if isinstance(parent, Database):
        return {"type": "database_id", "database_id": parent.id}
    return {"type": "block_id", "block_id": parent.id}


def page(store: Store, obj: Page, only: list[str] | None = None) -> dict:
    created, edited = minute_iso(obj.created), minute_iso(obj.edited)
    properties = props.render(store.schema_of(obj), obj.values, created, edited)
    if only is not None:
        properties = {k: v for k, v in properties.items() if v["id"] in only or k in only}
    return {
        "object": "page",
        "id": obj.id,
        "created_time": created,
        "last_edited_time": edited,
        "created_by": user(obj.created_by),
        "last_edited_by": user(obj.edited_by),
        "cover": obj.cover,
        "icon": obj.icon,
        "parent": parent_of(store, obj),
        "in_trash": obj.in_trash,
        "is_archived": False,
        "is_locked": obj.is_locked,
        "properties": properties,
        "url": page_url(store, obj),
        "public_url": None,
        "archived": obj.in_trash,
    }


def block(store: Store, obj) -> dict:
    """Any block-like object as a block: pages as ``child_page``, databases as ``child_database``."""
    if isinstance(obj, Page):
        kind, payload = "child_page", {"title": store.plain_title(obj)}
    elif isinstance(obj, Database):
        kind, payload = "child_database", {"title": store.plain_title(obj)}
    else:
        kind, payload = obj.type, _hosted(store, obj.payload)
    has_children = bool(store.live_children(obj)) if not isinstance(obj, Database) else False
    return {
        "object": "block",
        "id": obj.id,
        "parent": parent_of(store, obj),
        "created_time": minute_iso(obj.created),
        "last_edited_time": minute_iso(obj.edited),
        "created_by": user(obj.created_by),
        "last_edited_by": user(obj.edited_by),
        "has_children": has_children,
        "in_trash": obj.in_trash,
        "type": kind,
        kind: payload,
        "archived": obj.in_trash,
    }


def hosted_path(payload: dict) -> dict:
    """A hosted file's payload named by its stored id, without a signed URL (stable across reads)."""
    if payload.get("type") != "file" or "file_id" not in payload.get("file", {}):
        return payload
    return {**payload, "file": {"path": f"/_fake/files/{payload['file']['file_id']}"}}


def _hosted(store: Store, payload: dict) -> dict:
    if payload.get("type") != "file" or "file_id" not in payload.get("file", {}):
        return payload
    file_id = payload["file"]["file_id"]
    signed = store.clock.now()
    expiry = signed + FILE_TTL
    stamp = signed.strftime("%Y%m%dT%H%M%SZ")
    name = store.files[file_id].name
    signature = hashlib.sha256(f"{file_id}{stamp}".encode()).hexdigest()
    url = (
        f"{BASE_URL.get()}/_fake/files/{file_id}/{name}?X-Amz-Date={stamp}"
        f"&X-Amz-Expires={int(FILE_TTL.total_seconds())}"
        f"&X-Amz-Signature={signature}"
    )
    return {
        **payload,
        "file": {
            "url": url,
            "expiry_time": expiry.strftime("%Y-%m-%dT%H:%M:%S.") + f"{expiry.microsecond // 1000:03d}Z",
        },
    }


def database(store: Store, obj: Database) -> dict:
    sources = [store.objects[i] for i in obj.data_sources if not store.objects[i].in_trash]
    return {
        "object": "database",
        "id": obj.id,
        "title": obj.title,
        "description": obj.description,
        "parent": parent_of(store, obj),
        "is_inline": obj.is_inline,
        "in_trash": obj.in_trash,
        "is_locked": obj.is_locked,
        "created_time": millis_iso(obj.created),
        "last_edited_time": millis_iso(obj.edited),
        "data_sources": [{"id": s.id, "name": store.plain_title(s)} for s in sources],
        "icon": obj.icon,
        "cover": obj.cover,
        "url": page_url(store, obj),
        "public_url": None,
        "archived": obj.in_trash,
    }


def data_source(store: Store, obj: DataSource) -> dict:
    db = store.objects[obj.parent_id]
    return {
        "object": "data_source",
        "id": obj.id,
        "cover": obj.cover,
        "icon": obj.icon,
        "created_time": minute_iso(obj.created),
        "created_by": user(obj.created_by),
        "last_edited_by": user(obj.edited_by),
        "last_edited_time": minute_iso(obj.edited),
        "title": obj.title,
        "description": obj.description,
        "is_inline": db.is_inline,
        "properties": obj.schema,
        "parent": parent_of(store, obj),
        "database_parent": parent_of(store, db),
        "url": page_url(store, db),
        "public_url": None,
        "in_trash": obj.in_trash,
        "archived": obj.in_trash,
    }


def listing(results: list[dict], next_cursor: str | None, kind: str) -> dict:
    return {
        "object": "list",
        "results": results,
        "next_cursor": next_cursor,
        "has_more": next_cursor is not None,
        "type": kind,
        kind: {},
    }


def any_object(store: Store, obj) -> dict:
    if isinstance(obj, Page):
        return page(store, obj)
    if isinstance(obj, DataSource):
        return data_source(store, obj)
    if isinstance(obj, Database):
        return database(store, obj)
    assert isinstance(obj, Block)
    return block(store, obj)
