"""Databases, data sources, search and users (API 2025-09-03, contract §3).

``POST /v1/databases`` creates a database *and* its first data source (from
``initial_data_source.properties``, else a lone ``Name`` title — REC test_databases_create);
the parent page gets a ``child_database`` block. ``GET /v1/databases/{id}`` lists ``data_sources``
and carries no ``properties``. The data source holds the schema and answers queries (query.py).
"""

from __future__ import annotations

from . import query, render, richtext, schema
from .apierror import (
    BOT_ID,
    INTEGRATION_NAME,
    PERSON_ID,
    PERSON_NAME,
    ApiError,
    invalid,
    not_found,
    not_present,
    one_of,
    undefined,
)
from .request import Bare, Request, paginate
from .store import Database, DataSource, Page

DEFAULT_SCHEMA = {"Name": {"title": {}}}


def _title(req: Request, key: str = "title") -> list:
    return richtext.normalize(f"body.{key}", req.body.get(key, []), req.store.title_lookup)


def create_database(req: Request) -> dict:
    store = req.store
    req.allow("parent", "title", "description", "is_inline", "initial_data_source", "icon", "cover")
    parent = req.body.get("parent")
    if parent is None:
        raise undefined("body.parent")
    if not isinstance(parent, dict) or "page_id" not in parent:
        raise one_of("body.parent.type", ["page_id", "workspace"], parent)
    page = store.need(req.path_id(str(parent["page_id"]), "page_id"), "page", Page)
    initial = req.body.get("initial_data_source", {})
    if not isinstance(initial, dict):
        raise invalid("body.initial_data_source", "an object", initial)
    properties = schema.build_schema(
        "body.initial_data_source.properties", initial.get("properties", DEFAULT_SCHEMA)
    )
    title = _title(req)
    db = store.add_database(page, title, _title(req, "description"), bool(req.body.get("is_inline", False)))
    db.icon, db.cover = req.body.get("icon"), req.body.get("cover")
    store.add_data_source(db, title, properties)
    return render.database(store, db)


def retrieve_database(req: Request, database_id: str) -> dict:
    return render.database(
        req.store, req.store.need(req.path_id(database_id, "database_id"), "database", Database)
    )


def update_database(req: Request, database_id: str) -> dict:
    store = req.store
    db = store.need(req.path_id(database_id, "database_id"), "database", Database)
    req.allow(
        "parent", "title", "description", "is_inline", "icon", "cover", "in_trash", "archived", "is_locked"
    )
    for key in ("title", "description"):
        if key in req.body:
            setattr(db, key, _title(req, key))
    for key in ("icon", "cover", "is_inline", "is_locked"):
        if key in req.body:
            setattr(db, key, req.body[key])
    for key in ("in_trash", "archived"):
        if key in req.body:
            store.set_trash(db, bool(req.body[key]))
    db.edited = store.clock.now()
    return render.database(store, db)


def create_data_source(req: Request) -> dict:
    store = req.store
    req.allow("parent", "properties", "title", "icon")
    parent = req.body.get("parent")
    raw = parent.get("database_id") if isinstance(parent, dict) else None
    if raw is None:
        raise undefined("body.parent.database_id")
    db = store.need(req.path_id(str(raw), "database_id"), "database", Database)
    if "properties" not in req.body:
        raise undefined("body.properties")
    ds = store.add_data_source(
        db, _title(req), schema.build_schema("body.properties", req.body["properties"])
    )
    ds.icon = req.body.get("icon")
    return render.data_source(store, ds)


def _source(req: Request, data_source_id: str) -> DataSource:
    return req.store.need(req.path_id(data_source_id, "data_source_id"), "data_source", DataSource)


def retrieve_data_source(req: Request, data_source_id: str) -> dict:
    return render.data_source(req.store, _source(req, data_source_id))


def update_data_source(req: Request, data_source_id: str) -> dict:
    store = req.store
    ds = _source(req, data_source_id)
    req.allow("title", "icon", "properties", "in_trash", "archived", "parent")
    if "properties" in req.body:
        ds.schema = schema.update_schema(ds.schema, req.body["properties"])
    if "title" in req.body:
        ds.title = _title(req)
    if "icon" in req.body:
        ds.icon = req.body["icon"]
    for key in ("in_trash", "archived"):
        if key in req.body:
            store.set_trash(ds, bool(req.body[key]))
    store.touch(ds, content=False)
    return render.data_source(store, ds)


def query_data_source(req: Request, data_source_id: str) -> dict:
    """Live pages only: the reference says ``in_trash`` "is not a supported query body parameter for
    this endpoint" (nor is the deprecated ``archived``), and trashed pages cannot be queried. Whether
    Notion refuses or ignores the flag is unverified; refusing it is the unkind reading."""
    store = req.store
    ds = _source(req, data_source_id)
    req.allow("filter", "sorts", "start_cursor", "page_size", "result_type")
    pages = [store.objects[i] for i in ds.pages if not store.objects[i].in_trash]
    pages = query.select(store, ds, pages, req.body.get("filter"), req.body.get("sorts"))
    chunk, cursor = paginate(req, pages)
    only = req.query.get("filter_properties")
    return render.listing([render.page(store, p, only) for p in chunk], cursor, "page_or_data_source")


def list_templates(req: Request, data_source_id: str) -> dict:
    _source(req, data_source_id)
    return Bare(templates=[], has_more=False, next_cursor=None)


def search(req: Request) -> dict:
    """Title search over shared pages and data sources. ``filter`` is the object filter
    ``{"property": "object", "value": …}``, optionally with ``in_trash``, or ``{"in_trash": bool}``
    alone; ``in_trash: true`` answers only trashed objects, never a mix. Notion's search is eventually
    consistent (a page just made may be missing): ``Store.search_lag`` makes this one lag too."""
    store = req.store
    req.allow("query", "sort", "filter", "start_cursor", "page_size")
    text = str(req.body.get("query") or "").lower()
    wanted, trashed = _search_filter(req.body.get("filter"))
    found = [
        o
        for o in store.objects.values()
        if isinstance(o, (Page, DataSource))
        and store.find(o.id)
        and (wanted is None or (wanted == "page") == isinstance(o, Page))
        and (seen := _indexed(store, o)) is not None
        and seen[0] == trashed
        and text in seen[1].lower()
    ]
    sort = req.body.get("sort") or {"timestamp": "last_edited_time", "direction": "descending"}
    if sort.get("timestamp") != "last_edited_time":
        raise one_of("body.sort.timestamp", ["last_edited_time"], sort.get("timestamp"))
    if sort.get("direction") not in ("ascending", "descending"):
        raise one_of("body.sort.direction", ["ascending", "descending"], sort.get("direction"))
    descending = sort["direction"] == "descending"
    found.sort(key=lambda o: o.edited, reverse=descending)
    chunk, cursor = paginate(req, found)
    return render.listing([render.any_object(store, o) for o in chunk], cursor, "page_or_data_source")


def _indexed(store, obj) -> tuple[bool, str] | None:
    """(in_trash, title) as search sees ``obj``: its state once ``search_lag`` seconds have passed
    since its last change, else what was indexed before (None: a new object not found yet)."""
    changed = obj.changed or obj.created
    if (store.clock.now() - changed).total_seconds() >= store.search_lag:
        obj.indexed = (obj.in_trash, store.plain_title(obj))
    return obj.indexed


def _search_filter(given: object) -> tuple[str | None, bool]:
    """(object type wanted or None, trashed only) from a search ``filter``; anything else is refused."""
    if given is None:
        return None, False
    if not isinstance(given, dict):
        raise invalid("body.filter", "an object", given)
    for key, value in given.items():
        if key not in ("property", "value", "in_trash"):
            raise not_present(f"body.filter.{key}", value)
    trashed = given.get("in_trash", False)
    if not isinstance(trashed, bool):
        raise invalid("body.filter.in_trash", "a boolean", trashed)
    if "property" not in given and "value" not in given:
        if "in_trash" not in given:
            raise undefined("body.filter.in_trash")
        return None, trashed
    if given.get("property") != "object":
        raise one_of("body.filter.property", ["object"], given.get("property"))
    if given.get("value") not in ("page", "data_source"):
        raise one_of("body.filter.value", ["page", "data_source"], given.get("value"))
    return given["value"], trashed


BOT = {
    "object": "user",
    "id": BOT_ID,
    "name": INTEGRATION_NAME,
    "avatar_url": None,
    "type": "bot",
    "bot": {
        "owner": {"type": "workspace", "workspace": True},
        "workspace_name": "fakenotion",
        "workspace_id": "231674b6-2cc1-46bc-b742-c5c9fe4b9c73",
        "workspace_limits": {"max_file_upload_size_in_bytes": 5242880},
    },
}


PERSON = {
    "object": "user",
    "id": PERSON_ID,
    "name": PERSON_NAME,
    "avatar_url": None,
    "type": "person",
    "person": {"email": "person@fakenotion.invalid"},
}


def users_me(req: Request) -> dict:
    return dict(BOT)


def users_list(req: Request) -> dict:
    chunk, cursor = paginate(req, [PERSON, BOT], ident=lambda u: u["id"])
    return render.listing(chunk, cursor, "user")


def users_retrieve(req: Request, user_id: str) -> dict:
    found = {u["id"]: u for u in (BOT, PERSON)}.get(req.path_id(user_id, "user_id"))
    if found is None:
        raise not_found("user", user_id)
    return dict(found)


def unsupported(req: Request, **_ids: str) -> dict:
    raise ApiError(400, "invalid_request", f"Unsupported request: {req.method} {req.path} (not emulated).")


ROUTES = [
    ("POST", r"/v1/databases", create_database),
    ("GET", r"/v1/databases/(?P<database_id>[^/]+)", retrieve_database),
    ("PATCH", r"/v1/databases/(?P<database_id>[^/]+)", update_database),
    ("POST", r"/v1/data_sources", create_data_source),
    ("GET", r"/v1/data_sources/(?P<data_source_id>[^/]+)", retrieve_data_source),
    ("PATCH", r"/v1/data_sources/(?P<data_source_id>[^/]+)", update_data_source),
    ("POST", r"/v1/data_sources/(?P<data_source_id>[^/]+)/query", query_data_source),
    ("GET", r"/v1/data_sources/(?P<data_source_id>[^/]+)/templates", list_templates),
    ("POST", r"/v1/search", search),
    ("GET", r"/v1/users/me", users_me),
    ("GET", r"/v1/users", users_list),
    ("GET", r"/v1/users/(?P<user_id>[^/]+)", users_retrieve),
    ("POST", r"/v1/comments", unsupported),
    ("GET", r"/v1/comments", unsupported),
]
