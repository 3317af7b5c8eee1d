"""Block trees: reading children in either shape, and cutting a tree into request-sized frames.

Our trees keep a block's children under its top-level ``"children"`` key (the converter's shape and
the shape :func:`notionlog.notion.writer.fetch_tree` returns). Notion's request shape nests them
inside the type payload (``{"bulleted_list_item": {"rich_text": …, "children": […]}}``); both are
read here, and :func:`request_block` writes the API's form.

Limits of one append or page create (docs/notion-contract.md §4.2, §5): ≤ 100 blocks in any children array,
children of the top-level blocks may carry children, but those grandchildren may not (two levels
below the request's top level), and ≤ 1000 blocks and 500 KB in the whole payload. A block's
"weight" below is (blocks, bytes) of what it adds to a request.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterator

MAX_CHILDREN = 100
NEST = 2  # levels a request may carry below its top-level blocks
MAX_BLOCKS = 1000
MAX_BYTES = 400_000  # Notion's cap is 500 KB per payload; leave room for the envelope
# Created only with (some of) their children: a table its rows, a column list its columns, a column
# a block (docs/notion-contract.md §6.5).
NEEDS_CHILDREN = frozenset({"table", "column_list", "column"})
# Fields of a response block that are not part of its content (the one list; convert uses it too).
ENVELOPE = frozenset({
    "object", "id", "parent", "created_time", "last_edited_time", "created_by", "last_edited_by",
    "has_children", "in_trash", "archived", "is_archived", "children", "type", "request_id",
})


def block_type(block: dict) -> str:
    """The block's type: its ``type`` key, or the single payload key of a bare request block."""
    if block.get("type"):
        return block["type"]
    keys = [k for k in block if k not in ENVELOPE]
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


def walk(blocks: list[dict]) -> Iterator[dict]:
    """Every block of a tree whose children are known, depth first, in page order (either shape)."""
    for block in blocks:
        yield block
        yield from walk(known_kids(block) or [])


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


def same_content(old: list[dict], new: list[dict], key: Callable[[dict], str]) -> bool:
    """Equal content to full depth (children not recorded count as different when they exist)."""
    if len(old) != len(new):
        return False
    for o, n in zip(old, new, strict=True):
        o_kids = known_kids(o)
        if key(o) != key(n) or o_kids is None or not same_content(o_kids, kids(n), key):
            return False
    return True


def kept_whole(old: dict, new: dict, key: Callable[[dict], str]) -> int:
    """What pairing ``old`` with the equal ``new`` keeps: its whole subtree when the children are
    the same too, else the block and the children both hold (the weight that makes a diff
    re-create the smaller side, and pair equal containers, say ``<column>``s, by what they hold)."""
    old_kids = known_kids(old)
    if old_kids is not None and same_content(old_kids, kids(new), key):
        return size(new)
    shared = Counter(map(key, old_kids or [])) & Counter(map(key, kids(new)))
    return 1 + sum(shared.values())


def size(block: dict) -> int:
    """Blocks in the subtree, the block itself included."""
    return 1 + sum(size(k) for k in kids(block))


def own_bytes(block: dict) -> int:
    """UTF-8 bytes of the block's own request form (children excluded)."""
    return len(json.dumps(request_block(block), ensure_ascii=False).encode()) + 2


def weight(block: dict) -> tuple[int, int]:
    """(blocks, bytes) the block adds to a request: its whole subtree if it fits, else its frame."""
    if not fits(block):
        head = kids(block)[:head_count(block)]
        return 1 + sum(size(k) for k in head), own_bytes(block) + sum(_bytes(k) for k in head)
    return size(block), _bytes(block)


def head_count(block: dict, room: int = NEST) -> int:
    """How many of a cut block's children ride with it (``room`` levels below it in the request):
    none, except for a block Notion makes only with children (a table's first rows, a column
    list's columns, a column's first blocks). A child rides whole if it fits, else cut itself."""
    if block_type(block) not in NEEDS_CHILDREN or room == 0:
        return 0
    count = total = 0
    for child in kids(block)[:MAX_CHILDREN]:
        total += _bytes(child)
        rides = fits(child, room - 1) or block_type(child) not in NEEDS_CHILDREN \
            or head_count(child, room - 1) > 0
        if not rides or total > MAX_BYTES // 2:
            break
        count += 1
    return count


def _bytes(block: dict) -> int:
    return own_bytes(block) + sum(_bytes(k) for k in kids(block))


def fits(block: dict, room: int = NEST) -> bool:
    """True if the whole subtree below ``block`` can ride in one request with ``block`` on top."""
    children = kids(block)
    if not children:
        return True
    if room == 0 or len(children) > MAX_CHILDREN:
        return False
    if not all(fits(k, room - 1) for k in children):
        return False
    return room < NEST or (size(block) <= MAX_BLOCKS and _bytes(block) <= MAX_BYTES)


def frame(block: dict, room: int = NEST) -> dict:
    """The request form of a block ``room`` levels above the request's floor (a top-level block by
    default): its whole subtree if it fits, else cut (its head only, each cut in turn)."""
    if not fits(block, room):
        return request_block(block, [frame(k, room - 1) for k in kids(block)[:head_count(block, room)]])
    return _full(block)


def _full(block: dict) -> dict:
    return request_block(block, [_full(k) for k in kids(block)])


def chunks(blocks: list[dict]) -> list[list[dict]]:
    """Split top-level blocks into requests of ≤ 100 top-level blocks, ≤ 1000 blocks, ≤ MAX_BYTES."""
    out: list[list[dict]] = []
    current: list[dict] = []
    count = size_bytes = 0
    for block in blocks:
        n, b = weight(block)
        if current and (len(current) == MAX_CHILDREN or count + n > MAX_BLOCKS
                        or size_bytes + b > MAX_BYTES):
            out.append(current)
            current, count, size_bytes = [], 0, 0
        current.append(block)
        count, size_bytes = count + n, size_bytes + b
    if current:
        out.append(current)
    return out


def leading_fit(blocks: list[dict]) -> int:
    """How many leading blocks one page create can carry whole (stops at the first that must be cut)."""
    count = total = size_bytes = 0
    for block in blocks:
        if count == MAX_CHILDREN or not fits(block):
            break
        n, b = weight(block)
        if total + n > MAX_BLOCKS or size_bytes + b > MAX_BYTES - 20_000:  # room for the properties
            break
        count, total, size_bytes = count + 1, total + n, size_bytes + b
    return count
