"""``/v1/blocks`` endpoints: retrieve, update, delete (trash), list and append children.

Append (contract §4.2, REC test_blocks_children_create): ≤ 100 children, two levels of
nesting, ``after`` (2025-09-03) or ``position`` (2026-03-11) — not both; the answer lists only the
newly created top-level blocks. List: first level only, trashed children hidden, the cursor is the
id of the next block (REC test_iterate_paginated_api). Delete answers the block with
``in_trash: true, archived: true``; ``PATCH {"archived"|"in_trash": false}`` restores (REC
test_blocks_delete).

Children go only where the type holds them (a plain heading, a divider, an image do not); a synced
duplicate's content is its original's, so appending through the duplicate's id is refused (edit the
original); a heading with children cannot stop being toggleable (update-a-block reference). A
block's type never changes: another type's payload is refused.

Columns (the column changelog: a column list is made with at least two columns, each with at least
one child). What an edit may leave is not documented; the unkind reading keeps the rule after the
creation too: trashing a column's last child, or a column its list needs to keep two, is refused
(the app itself dissolves such a list; the API cannot move a block out of it).
"""

from __future__ import annotations

from . import render, synced
from .apierror import ApiError, invalid, not_present, one_of, undefined
from .blocks import check_parent, holds_children, parse_children, payload_for
from .payloads import APP_ONLY_TYPES
from .request import Request, paginate
from .store import Block, Database, Page

BLOCKISH = (Block, Page, Database)


def _trash_flag(req: Request) -> bool | None:
    flags = [req.body[k] for k in ("in_trash", "archived") if k in req.body]
    for key in ("in_trash", "archived"):
        if key in req.body and not isinstance(req.body[key], bool):
            raise invalid(f"body.{key}", "a boolean", req.body[key])
    return flags[0] if flags else None


def retrieve(req: Request, block_id: str) -> dict:
    ident = req.path_id(block_id, "block_id")
    return render.block(req.store, req.store.need(ident, "block", *BLOCKISH))


def update(req: Request, block_id: str) -> dict:
    store = req.store
    obj = store.need(req.path_id(block_id, "block_id"), "block", *BLOCKISH)
    flag = _trash_flag(req)
    kind = obj.type if isinstance(obj, Block) else None
    req.allow("in_trash", "archived", "type", *([kind] if kind else []))
    if "type" in req.body and req.body["type"] != kind:
        raise one_of("body.type", [kind or "child_page"], req.body["type"])
    if kind and kind in req.body:
        if kind in APP_ONLY_TYPES:
            raise ApiError(400, "validation_error", f"Block type {kind} cannot be updated through the API.")
        if obj.in_trash and flag is not False:
            store.refuse_if_trashed(obj)
        changes = req.body[kind]
        if not isinstance(changes, dict):
            raise invalid(f"body.{kind}", "an object", changes)
        if "children" in changes:
            raise not_present(f"body.{kind}.children", changes["children"])
        ctx = store.api_context()
        payload = payload_for(kind, f"body.{kind}", changes, ctx, creating=False, current=obj.payload)
        _refuse_structure_change(store, obj, payload, f"body.{kind}")
        obj.payload = payload
        store.touch(obj)
    if flag:
        _refuse_breaking_columns(store, obj)
    if flag is not None:
        store.set_trash(obj, flag)
    return render.block(store, obj)


def _refuse_breaking_columns(store, obj) -> None:
    """A column keeps a child and a column list two columns (the module's docstring)."""
    parent = store.objects.get(obj.parent_id or "")
    if not isinstance(obj, Block) or not isinstance(parent, Block) or obj.in_trash:
        return
    if parent.type == "column" and len(store.live_children(parent)) < 2:
        raise ApiError(400, "validation_error", f"Block {obj.id} is the last child of column "
                       f"{parent.id}: a column needs at least one child.")
    if obj.type == "column" and len(store.live_children(parent)) <= 2:
        raise ApiError(400, "validation_error", f"Column {obj.id} cannot be removed: column list "
                       f"{parent.id} needs at least 2 columns.")


def _refuse_structure_change(store, obj: Block, payload: dict, where: str) -> None:
    if synced.original_of(store, obj) is not None:
        raise _duplicate(obj)
    if obj.type.startswith("heading") and not payload["is_toggleable"] and store.live_children(obj):
        raise ApiError(
            400,
            "validation_error",
            f"{where}.is_toggleable cannot be false while the heading has children.",
        )


def _duplicate(obj: Block) -> ApiError:
    """The wording is unverified; that Notion refuses it is the synced block reference's rule."""
    original = obj.payload["synced_from"]["block_id"]
    return ApiError(
        400,
        "validation_error",
        f"Block {obj.id} is a synced block duplicate: edit its original {original} instead.",
    )


def delete(req: Request, block_id: str) -> dict:
    obj = req.store.need(req.path_id(block_id, "block_id"), "block", *BLOCKISH)
    # Deleting what is already in the trash is refused like any edit of a trashed block
    # (unverified for DELETE; strict, so a retried delete must be handled by the client).
    req.store.refuse_if_trashed(obj)
    _refuse_breaking_columns(req.store, obj)
    req.store.set_trash(obj, True)
    return render.block(req.store, obj)


def list_children(req: Request, block_id: str) -> dict:
    obj = req.store.need(req.path_id(block_id, "block_id"), "block", Block, Page)
    chunk, cursor = paginate(req, req.store.live_children(obj))
    return render.listing([render.block(req.store, child) for child in chunk], cursor, "block")


def append_children(req: Request, block_id: str) -> dict:
    store = req.store
    parent = store.need(req.path_id(block_id, "block_id"), "block", Block, Page)
    req.allow("children", "after", "position")
    if "children" not in req.body:
        raise undefined("body.children")
    store.refuse_if_trashed(parent)
    kind = parent.type if isinstance(parent, Block) else None
    if isinstance(parent, Block) and synced.original_of(store, parent) is not None:
        raise _duplicate(parent)
    if isinstance(parent, Block) and not holds_children(parent.type, parent.payload):
        raise ApiError(400, "validation_error", f"Block type {kind} does not support children.")
    after, at_start = _position(req, parent)
    specs = parse_children("body.children", req.body["children"], store.api_context())
    check_parent("body.children", kind, specs)
    created = store.insert_blocks(parent, specs, after=after, at_start=at_start)
    return render.listing([render.block(store, b) for b in created], None, "block")


def _position(req: Request, parent) -> tuple[str | None, bool]:
    """``after`` / ``position`` → (block id to insert after, insert at start)."""
    if "after" in req.body and "position" in req.body:
        raise ApiError(
            400,
            "validation_error",
            "body failed validation: body.after and body.position should not be present at the same time.",
        )
    target = req.body.get("after")
    position = req.body.get("position")
    if position is not None:
        kinds = ["after_block", "start", "end"]
        if not isinstance(position, dict) or position.get("type") not in kinds:
            raise one_of(
                "body.position.type",
                kinds,
                (position or {}).get("type") if isinstance(position, dict) else position,
            )
        if position["type"] == "start":
            return None, True
        if position["type"] == "end":
            return None, False
        target = (position.get("after_block") or {}).get("id")
        if target is None:
            raise undefined("body.position.after_block.id")
    if target is None:
        if "after" in req.body:
            raise invalid("body.after", "a valid uuid", None)
        return None, False
    return _child_id(req, parent, target), False


def _child_id(req: Request, parent, target: object) -> str:
    from .clock import normalize_id

    ident = normalize_id(target) if isinstance(target, str) else None
    if ident is None:
        raise invalid("body.after", "a valid uuid", target)
    child = req.store.objects.get(ident)
    if child is None or ident not in parent.children or child.in_trash:
        raise ApiError(
            400,
            "validation_error",
            f"Block with ID {ident} is not a child of block {parent.id}, or it does not exist.",
        )
    return ident


ROUTES = [
    ("GET", r"/v1/blocks/(?P<block_id>[^/]+)", retrieve),
    ("PATCH", r"/v1/blocks/(?P<block_id>[^/]+)", update),
    ("DELETE", r"/v1/blocks/(?P<block_id>[^/]+)", delete),
    ("GET", r"/v1/blocks/(?P<block_id>[^/]+)/children", list_children),
    ("PATCH", r"/v1/blocks/(?P<block_id>[^/]+)/children", append_children),
]
