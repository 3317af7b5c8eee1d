"""Block trees: reading children in either shape, and cutting a tree into request-sized frames.

Our trees keep a block's children under its top-level ``"children"`` key (the converter's shape and
the shape :func:`notionlog.notion.writer.fetch_tree` returns). Notion's request shape nests them
inside the type payload (``{"bulleted_list_item": {"rich_text": …, "children": […]}}``); both are
read here, and :func:`request_block` writes the API's form.

Limits of one append or page create (notion-api.md §4.2, §5): ≤ 100 blocks in any children array,
children of the top-level blocks may carry children, but those grandchildren may not (two levels
below the request's top level), and ≤ 1000 blocks in the whole payload.
"""

from __future__ import annotations

MAX_CHILDREN = 100
NEST = 2  # levels a request may carry below its top-level blocks
MAX_BLOCKS = 1000
# Fields of a response block that are not part of its content.
_ENVELOPE = {
    "object", "id", "parent", "created_time", "last_edited_time", "created_by", "last_edited_by",
    "has_children", "in_trash", "archived", "is_archived", "children", "type", "request_id",
}


def block_type(block: dict) -> str:
    """The block's type: its ``type`` key, or the single payload key of a bare request block."""
    if block.get("type"):
        return block["type"]
    keys = [k for k in block if k not in _ENVELOPE]
    if len(keys) != 1:
        raise ValueError(f"cannot tell the type of a block with keys {sorted(block)}")
    return keys[0]


def kids(block: dict) -> list[dict]:
    """The block's children in either shape (``[]`` if it has none or they are not known)."""
    if isinstance(block.get("children"), list):
        return block["children"]
    payload = block.get(block_type(block))
    if isinstance(payload, dict) and isinstance(payload.get("children"), list):
        return payload["children"]
    return []


def known_kids(block: dict) -> list[dict] | None:
    """Children if known; None for a listed block that has children we have not fetched."""
    if isinstance(block.get("children"), list):
        return block["children"]
    payload = block.get(block_type(block))
    if isinstance(payload, dict) and isinstance(payload.get("children"), list):
        return payload["children"]
    return None if block.get("has_children") else []


def payload(block: dict) -> dict:
    """The type payload without children (what a PATCH of the block sends)."""
    body = block.get(block_type(block)) or {}
    return {k: v for k, v in body.items() if k != "children"}


def request_block(block: dict, children: list[dict] | None = None) -> dict:
    """The API request form of one block, with ``children`` (already in request form) nested."""
    kind = block_type(block)
    body = payload(block)
    if children:
        body["children"] = children
    return {"type": kind, kind: body}


def node(block: dict, block_id: str | None, children: list[dict]) -> dict:
    """Our tree form: the block's own content, its id (None if Notion did not tell us) and children."""
    kind = block_type(block)
    return {"type": kind, kind: payload(block), "id": block_id, "children": children}


def unknown_ids(blocks: list[dict]) -> list[dict]:
    """Nodes for blocks written nested inside a request: Notion returns no ids for those."""
    return [node(b, None, unknown_ids(kids(b))) for b in blocks]


def size(block: dict) -> int:
    """Blocks in the subtree, the block itself included."""
    return 1 + sum(size(k) for k in kids(block))


def fits(block: dict, room: int = NEST) -> bool:
    """True if the whole subtree below ``block`` can ride in one request with ``block`` on top."""
    children = kids(block)
    if not children:
        return True
    if room == 0 or len(children) > MAX_CHILDREN:
        return False
    return all(fits(k, room - 1) for k in children) and size(block) <= MAX_BLOCKS


def frame(block: dict) -> dict:
    """The request form of a top-level block: with its whole subtree if it fits, else childless."""
    if not fits(block):
        return request_block(block)
    return _full(block)


def _full(block: dict) -> dict:
    return request_block(block, [_full(k) for k in kids(block)])


def chunks(blocks: list[dict]) -> list[list[dict]]:
    """Split top-level blocks into requests of ≤ 100 blocks and ≤ 1000 blocks in total."""
    out: list[list[dict]] = []
    current: list[dict] = []
    weight = 0
    for block in blocks:
        w = size(block) if fits(block) else 1
        if current and (len(current) == MAX_CHILDREN or weight + w > MAX_BLOCKS):
            out.append(current)
            current, weight = [], 0
        current.append(block)
        weight += w
    if current:
        out.append(current)
    return out


def leading_fit(blocks: list[dict]) -> int:
    """How many leading blocks one page create can carry whole (stops at the first that must be cut)."""
    count = weight = 0
    for block in blocks:
        if count == MAX_CHILDREN or not fits(block) or weight + size(block) > MAX_BLOCKS:
            break
        count += 1
        weight += size(block)
    return count
