"""Writing and reading whole block trees with few requests.

Writing (the nested-append writer). Notion takes two levels below a request's top-level blocks and
≤ 100 blocks per children array, and answers an append with the ids of the *top-level* blocks it
created only (a page create answers with no block ids at all). So:

1. The page create carries the leading top-level blocks whose whole subtree fits in one request
   (none, if the rest would fit in one append anyway: an append answers with the ids).
2. Everything after them is appended (≤ 100 per call). A block whose subtree does not fit is sent
   childless *as a top-level block of its append*, so the response names its id, and its children
   are then written under it the same way (level by level only where the tree is deep).

A page whose blocks all fit costs one request; each block that had to be cut costs one more (plus one
per further 100 children). Blocks written nested get no id back: their nodes carry ``"id": None``
and :mod:`notionlog.notion.update` resolves such ids lazily, by listing, only where it must touch them.

Everything goes through :class:`Door`, the handful of block operations ``NotionAPI`` offers; this
module and :mod:`notionlog.notion.update` are algorithms over it and never see the SDK.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Protocol

from notionlog.notion import tree as t


class Door(Protocol):
    """The few Notion operations the writer and the updater need (NotionAPI is one)."""

    def list_children(self, block_id: str) -> Iterator[dict]: ...

    def append_children(self, parent_id: str, children: list[dict], after: str | None = None,
                        at_start: bool = False) -> list[dict]: ...

    def update_block(self, block_id: str, kind: str, body: dict) -> dict: ...

    def delete_block(self, block_id: str) -> None: ...

    def new_page(self, data_source_id: str, properties: dict, children: list[dict]) -> dict: ...


def append_tree(
    api: Door, parent_id: str, blocks: list[dict], after: str | None = None, at_start: bool = False
) -> list[dict]:
    """Append ``blocks`` (any depth) under ``parent_id``; returns their nodes with the ids Notion gave.

    ``after`` places them after that sibling; ``at_start`` before the first child (else at the end).
    """
    return _append(api, parent_id, creatable(blocks), after, at_start)


def _append(api: Door, parent_id: str, blocks: list[dict], after: str | None = None,
            at_start: bool = False) -> list[dict]:
    """:func:`append_tree` of blocks already :func:`creatable` (their subtrees are, too)."""
    out: list[dict] = []
    for chunk in t.chunks(blocks):
        created = _append_chunk(api, parent_id, chunk, after, at_start)
        for block, block_id in zip(chunk, created, strict=False):  # see _created_ids
            out.append(_finish(api, block, block_id))
        after, at_start = created[-1], False
    return out


def creatable(blocks: list[dict]) -> list[dict]:
    """``blocks`` as they can be created: a synced copy as the blocks it shows, columns as Notion
    takes them.

    Notion makes a copy only from its original's id, without content; a copy written anew (a page
    re-created from its file, whose original went with the page) is created as its content, so
    its words are kept. Notion makes a column only inside a column list, and a list only of two or
    more columns each holding a block (docs/file-format.md, "Columns"): a ``<column>`` typed alone,
    a list of fewer columns, or lines in ``<columns>`` with no ``<column>`` are created as the lines
    they hold, as the app dissolves such a list."""
    out: list[dict] = []
    for block in blocks:
        kind = t.block_type(block)
        if kind in ("column_list", "column"):
            out += _columns(block)
            continue
        kids = creatable(t.kids(block))
        if kind == "synced_block" and t.payload(block).get("synced_from"):
            out += kids
        elif kids != t.kids(block):
            out.append({"type": kind, kind: t.payload(block), "children": kids})
        else:
            out.append(block)
    return out


def _columns(block: dict) -> list[dict]:
    """A column list (or a column) as it can be created: itself, or the lines it holds."""
    if t.block_type(block) == "column":
        return creatable(t.kids(block))
    columns = [c for c in t.kids(block) if t.block_type(c) == "column"]
    filled = [{"type": "column", "column": t.payload(c), "children": creatable(t.kids(c))}
              for c in columns]
    filled = [c for c in filled if c["children"]]
    if len(filled) >= 2 and len(columns) == len(t.kids(block)):
        return [{"type": "column_list", "column_list": t.payload(block), "children": filled}]
    return creatable([line for c in t.kids(block) for line in
                      (t.kids(c) if t.block_type(c) == "column" else [c])])


def _finish(api: Door, block: dict, block_id: str, room: int = t.NEST) -> dict:
    """The node of a block just created (``room`` levels above its request's floor); the children
    a cut block left behind are written now, and so are those of a child that rode with it cut
    (a column's blocks, under a column list: listed to learn their ids)."""
    children = t.kids(block)
    if t.fits(block, room):
        return t.node(block, block_id, t.unknown_ids(children))
    head = t.head_count(block, room)
    ridden = t.unknown_ids(children[:head])
    if not all(t.fits(k, room - 1) for k in children[:head]):
        ids = [b["id"] for b in api.list_children(block_id)][:head]
        ridden = [_finish(api, k, i, room - 1) for k, i in zip(children[:head], ids, strict=True)]
    return t.node(block, block_id, ridden + _append(api, block_id, children[head:]))


def _append_chunk(
    api: Door, parent_id: str, chunk: list[dict], after: str | None, at_start: bool
) -> list[str]:
    results = api.append_children(parent_id, [t.frame(b) for b in chunk], after, at_start)
    created = _created_ids(results, len(chunk), after)
    if len(created) != len(chunk):  # an answer we cannot read: ask where the new blocks are
        listed = [b["id"] for b in api.list_children(parent_id)]
        start = listed.index(after) + 1 if after in listed else 0 if at_start else len(listed) - len(chunk)
        created = listed[start:start + len(chunk)]
    return created


def _created_ids(results: list[dict], count: int, after: str | None) -> list[str]:
    """Ids of the blocks an append created, in order.

    Notion answers with the new top-level blocks only (docs/notion-contract.md §4.2); older API behaviour
    answered with the parent's children list, so tolerate that: take the run after ``after``, or
    the last ``count`` results.
    """
    ids = [r["id"] for r in results]
    if len(ids) == count:
        return ids
    if after and after in ids:
        start = ids.index(after) + 1
        return ids[start:start + count]
    return ids[-count:] if len(ids) > count else []


def create_page(
    api: Door, data_source_id: str, properties: dict, children: list[dict]
) -> tuple[dict, list[dict]]:
    """Create a page with ``children`` (any depth); returns the page and the written tree with ids."""
    children = creatable(children)
    lead = t.leading_fit(children)
    if lead < len(children) and len(t.chunks(children)) == 1:
        lead = 0  # an append is needed anyway: send every top-level block in it to learn their ids
    page = api.new_page(data_source_id, properties, [t.frame(b) for b in children[:lead]])
    written = t.unknown_ids(children[:lead])
    if lead < len(children):
        written += _append(api, page["id"], children[lead:])
    return page, written
