"""``/v1/pages`` endpoints: create (under a page or in a data source), retrieve, update, trash,
property items, move.

Parents (contract §3.5): ``page_id``, ``data_source_id``, or legacy ``database_id`` — accepted
only while the database has exactly one data source (upgrade guide 2025-09-03). Property values are
checked against the parent's schema; a page under a page has only ``title``. Updating a trashed
page is refused until it is restored with ``in_trash``/``archived: false``.
"""

from __future__ import annotations

import copy
from urllib.parse import quote

from . import properties as props
from . import render, synced
from .apierror import ApiError, invalid, not_found, one_of, undefined, validation
from .blocks import check_parent, parse_children
from .clock import normalize_id
from .request import Request, paginate
from .store import Database, DataSource, Page

PARENT_KINDS = ["page_id", "data_source_id", "database_id", "workspace"]


def resolve_parent(req: Request, parent: object, path: str = "body.parent"):
    """The Page or DataSource a ``parent`` object names."""
    if parent is None:
        raise undefined(path)
    if not isinstance(parent, dict):
        raise invalid(path, "an object", parent)
    kind = parent.get("type") or next((k for k in PARENT_KINDS if k in parent), None)
    if kind not in PARENT_KINDS:
        raise one_of(f"{path}.type", PARENT_KINDS, kind)
    if kind == "workspace":
        raise validation(
            "Internal integrations cannot create pages at the workspace level; "
            "give a parent page_id or data_source_id."
        )
    raw = parent.get(kind)
    ident = normalize_id(raw) if isinstance(raw, str) else None
    if ident is None:
        raise (
            invalid(f"{path}.{kind}", "a valid uuid", raw) if raw is not None else undefined(f"{path}.{kind}")
        )
    label = {"page_id": "page", "data_source_id": "data_source", "database_id": "database"}[kind]
    target = req.store.need(
        ident, label, {"page_id": Page, "data_source_id": DataSource, "database_id": Database}[kind]
    )
    if isinstance(target, Database):
        sources = [s for s in target.data_sources if not req.store.objects[s].in_trash]
        if len(sources) != 1:
            raise validation(
                "Databases with multiple data sources are not supported in this API version; "
                "use a data_source_id parent."
            )
        target = req.store.objects[sources[0]]
    if target.in_trash:
        req.store.refuse_if_trashed(target, "block" if isinstance(target, Page) else "data source")
    return target


def create(req: Request) -> dict:
    store = req.store
    req.allow(
        "parent", "properties", "icon", "cover", "children", "content", "markdown", "template", "position"
    )
    _refuse_unemulated(req, "markdown", "position")
    if "children" in req.body and "content" in req.body:
        raise validation("body failed validation: body.children and body.content should not both be present.")
    parent = resolve_parent(req, req.body.get("parent"))
    if "properties" not in req.body:
        raise undefined("body.properties")
    # Validate everything before changing anything: new select options land on a copy of the schema.
    schema = copy.deepcopy(parent.schema if isinstance(parent, DataSource) else props.page_title_schema())
    values = props.apply_values(schema, {}, req.body["properties"])
    key = "children" if "children" in req.body else "content"
    specs = parse_children(f"body.{key}", req.body.get(key, []), store.api_context())
    check_parent(f"body.{key}", None, specs)
    synced.check(store, f"body.{key}", specs)
    icon, cover = _media(req, "icon"), _media(req, "cover")
    if isinstance(parent, DataSource):
        parent.schema = schema
    page = store.add_page(parent, values)
    page.icon, page.cover = icon, cover
    store.insert_blocks(page, specs)
    page.edited = page.created
    return render.page(store, page)


def _refuse_unemulated(req: Request, *keys: str) -> None:
    """Say so rather than silently ignore a feature the emulator does not implement."""
    for key in keys:
        if key in req.body:
            raise ApiError(
                400, "invalid_request", f"Unsupported request: {key} (not emulated by fakenotion)."
            )
    template = req.body.get("template")
    if template is not None and template != {"type": "none"}:
        raise ApiError(400, "invalid_request", "Unsupported request: templates (not emulated by fakenotion).")


def _media(req: Request, key: str) -> dict | None:
    value = req.body.get(key)
    if value is None:
        return None
    if not isinstance(value, dict) or not ({"emoji", "external"} & value.keys()):
        raise invalid(f"body.{key}", "an emoji or external file object", value)
    return value


def retrieve(req: Request, page_id: str) -> dict:
    page = req.store.need(req.path_id(page_id, "page_id"), "page", Page)
    only = req.query.get("filter_properties")
    return render.page(req.store, page, only)


def update(req: Request, page_id: str) -> dict:
    store = req.store
    page = store.need(req.path_id(page_id, "page_id"), "page", Page)
    req.allow("properties", "icon", "cover", "is_locked", "template", "erase_content", "archived", "in_trash")
    _refuse_unemulated(req)
    flags = [req.body[k] for k in ("in_trash", "archived") if k in req.body]
    if any(not isinstance(f, bool) for f in flags):
        raise invalid("body.in_trash", "a boolean", flags[0])
    restoring = flags and flags[0] is False
    edits = [k for k in ("properties", "icon", "cover", "is_locked", "erase_content") if k in req.body]
    if edits and page.in_trash and not restoring:
        store.refuse_if_trashed(page, "page")
    schema = copy.deepcopy(store.schema_of(page))
    values = props.apply_values(schema, page.values, req.body.get("properties", {}))
    media = {key: _media(req, key) for key in ("icon", "cover") if key in req.body}
    if restoring:
        store.set_trash(page, False)
    if "properties" in req.body or media:
        page.values = values
        if page.data_source_id is not None:
            store.objects[page.data_source_id].schema = schema
        for key, value in media.items():
            setattr(page, key, value)
        store.touch(page, content=False)
    if "is_locked" in req.body:
        page.is_locked = bool(req.body["is_locked"])
    if req.body.get("erase_content") is True:
        store.erase_content(page)
    if flags and flags[0] is True:
        store.set_trash(page, True)
    return render.page(store, page)


def property_item(req: Request, page_id: str, property_id: str) -> dict:
    store = req.store
    page = store.need(req.path_id(page_id, "page_id"), "page", Page)
    schema = store.schema_of(page)
    name = props.find(schema, property_id) or props.find(schema, quote(property_id, safe=""))
    if name is None:
        raise not_found("property", property_id)
    entry = schema[name]
    kind = entry["type"]
    rendered = render.page(store, page)["properties"][name]
    if kind in ("title", "rich_text"):
        items = [
            {"object": "property_item", "type": kind, "id": entry["id"], kind: item}
            for item in rendered[kind]
        ]
        chunk, cursor = paginate(req, items, ident=lambda item: None)
        body = render.listing(chunk, None, "property_item")
        body["property_item"] = {"id": entry["id"], "next_url": None, "type": kind, kind: {}}
        return body
    return {"object": "property_item", "id": entry["id"], "type": kind, kind: rendered[kind]}


def move(req: Request, page_id: str) -> dict:
    store = req.store
    page = store.need(req.path_id(page_id, "page_id"), "page", Page)
    req.allow("parent")
    target = resolve_parent(req, req.body.get("parent"))
    old = store.objects.get(page.parent_id or "")
    if isinstance(old, DataSource):
        old.pages.remove(page.id)
    elif old is not None:
        old.children.remove(page.id)
    page.parent_id = target.id
    if isinstance(target, DataSource):
        page.data_source_id = target.id
        target.pages.append(page.id)
    else:
        page.data_source_id = None
        target.children.append(page.id)
    return render.page(store, page)


ROUTES = [
    ("POST", r"/v1/pages", create),
    ("GET", r"/v1/pages/(?P<page_id>[^/]+)", retrieve),
    ("PATCH", r"/v1/pages/(?P<page_id>[^/]+)", update),
    ("GET", r"/v1/pages/(?P<page_id>[^/]+)/properties/(?P<property_id>[^/]+)", property_item),
    ("POST", r"/v1/pages/(?P<page_id>[^/]+)/move", move),
]
