"""Edits a person makes in the Notion app that the API cannot express (control surface, not Notion's).

    POST /_fake/user/append     {"parent_id", "children": [any depth, no limits], "after"?: block id}
    POST /_fake/user/turn_into  {"block_id", "block": {"<type>": {...}}}   "Turn into": new type and
                                content, same id, children kept (the API cannot change a block's type)
    POST /_fake/user/move       {"block_id", "parent_id", "after"?}        drag a block elsewhere
                                (the API cannot move blocks, contract §4.2)
    POST /_fake/user/trash      {"id", "in_trash"?: true}   delete (or restore) a block or a page
    POST /_fake/user/properties {"page_id", "properties"}   edit a page's properties (request shape)

Each is a person's edit: it moves ``last_edited_time`` of the block and of the page holding it (nested
blocks too) and sets ``last_edited_by`` to the person, whatever ``bump_on_content_edit`` says.
"""

from __future__ import annotations

import copy

from . import properties as props
from . import render, richtext, synced
from .blocks import Context, Spec, check_parent, holds_children, parse_children
from .clock import normalize_id
from .store import Block, Page, Store


def fixture_specs(store: Store, path: str, children: object) -> list[Spec]:
    """Parse request-shape blocks as fixture content: any depth, no size limits, hosted files."""
    token = richtext.LIMITS.set(False)
    try:
        ctx = Context(lookup=store.title_lookup, add_file=store.add_file, fixture=True)
        return parse_children(path, children if children is not None else [], ctx)
    finally:
        richtext.LIMITS.reset(token)


def _node(store: Store, raw: object, kinds: tuple, what: str):
    obj = store.objects.get(normalize_id(raw) or "") if isinstance(raw, str) else None
    if not isinstance(obj, kinds):
        raise ValueError(f"unknown {what} {raw!r}")
    return obj


def _after(store: Store, parent, raw: object) -> str | None:
    if raw is None:
        return None
    ident = normalize_id(raw) if isinstance(raw, str) else None
    if ident not in parent.children:
        raise ValueError(f"after={raw!r} is not a child of {parent.id}")
    return ident


def user_append(app, body: dict) -> dict:
    store = app.store
    with store.as_person():
        parent = _node(store, body.get("parent_id"), (Page, Block), "parent_id")
        parent = synced.original_of(store, parent) or parent  # typing into a copy edits the original
        specs = fixture_specs(store, "children", body.get("children"))
        check_parent("children", parent.type if isinstance(parent, Block) else None, specs)
        created = store.insert_blocks(parent, specs, after=_after(store, parent, body.get("after")))
        return render.listing([render.block(store, b) for b in created], None, "block")


def user_turn_into(app, body: dict) -> dict:
    store = app.store
    with store.as_person():
        block = _node(store, body.get("block_id"), (Block,), "block_id")
        spec = fixture_specs(store, "block", [body.get("block")])[0]
        if spec.children:
            raise ValueError("turn_into keeps the block's children; give none")
        if block.children and not holds_children(spec.type, spec.payload):
            # Nothing in the API holds children under such a block (a heading that is not
            # toggleable, a divider …); a test moves them out first, as the app does.
            raise ValueError(f"a {spec.type} block cannot hold the block's children: move them first")
        block.type, block.payload = spec.type, spec.payload
        store.touch(block)
        return render.block(store, block)


def user_move(app, body: dict) -> dict:
    store = app.store
    with store.as_person():
        block = _node(store, body.get("block_id"), (Block,), "block_id")
        target = _node(store, body.get("parent_id"), (Page, Block), "parent_id")
        if target.id == block.id or _inside(store, target, block):
            raise ValueError("cannot move a block into itself")
        old = store.objects[block.parent_id]
        old.children.remove(block.id)
        store.touch(old)
        after = _after(store, target, body.get("after"))
        position = target.children.index(after) + 1 if after else len(target.children)
        target.children.insert(position, block.id)
        block.parent_id = target.id
        store.touch(block)
        return render.block(store, block)


def user_trash(app, body: dict) -> dict:
    store = app.store
    with store.as_person():
        obj = _node(store, body.get("id"), (Block, Page), "id")
        store.set_trash(obj, bool(body.get("in_trash", True)))
        return render.block(store, obj)


def user_properties(app, body: dict) -> dict:
    store = app.store
    with store.as_person():
        page = _node(store, body.get("page_id"), (Page,), "page_id")
        schema = copy.deepcopy(store.schema_of(page))
        page.values = props.apply_values(schema, page.values, body.get("properties", {}))
        if page.data_source_id is not None:
            store.objects[page.data_source_id].schema = schema
        store.touch(page, content=False)
        return render.page(store, page)


def _inside(store: Store, node, ancestor) -> bool:
    while node is not None:
        if node.id == ancestor.id:
            return True
        node = store.objects.get(node.parent_id or "")
    return False


ROUTES = {
    ("POST", "/_fake/user/append"): user_append,
    ("POST", "/_fake/user/turn_into"): user_turn_into,
    ("POST", "/_fake/user/move"): user_move,
    ("POST", "/_fake/user/trash"): user_trash,
    ("POST", "/_fake/user/properties"): user_properties,
}
