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

Reading: one listing per block with children (plus one per further page of 100), depth first.
Child pages and child databases are not descended into: they are other pages, not this one's text.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from notionlog.notion import tree as t

if TYPE_CHECKING:
    from notionlog.notion.api import NotionAPI

NOT_DESCENDED = frozenset({"child_page", "child_database"})


def list_children(api: NotionAPI, block_id: str) -> Iterator[dict]:
    """Every direct child of a block or page, following cursors (100 per listing)."""
    cursor = None
    while True:
        kwargs = {"page_size": 100}
        if cursor:
            kwargs["start_cursor"] = cursor
        with api.errors(block_id, "block"):
            page = api.client.blocks.children.list(block_id=block_id, **kwargs)
        yield from page.get("results", [])
        cursor = page.get("next_cursor")
        if not page.get("has_more") or not cursor:
            return


def fetch_tree(api: NotionAPI, block_id: str) -> list[dict]:
    """The full tree under ``block_id``: response blocks with ``children`` attached to full depth."""
    blocks = list(list_children(api, block_id))
    for block in blocks:
        if block.get("type") in NOT_DESCENDED:
            continue
        block["children"] = fetch_tree(api, block["id"]) if block.get("has_children") else []
    return blocks


def append_tree(
    api: NotionAPI, parent_id: str, blocks: list[dict], after: str | None = None, at_start: bool = False
) -> list[dict]:
    """Append ``blocks`` (any depth) under ``parent_id``; returns their nodes with the ids Notion gave.

    ``after`` places them after that sibling; ``at_start`` before the first child (else at the end).
    """
    out: list[dict] = []
    for chunk in t.chunks(blocks):
        created = _append_chunk(api, parent_id, chunk, after, at_start)
        for block, block_id in zip(chunk, created, strict=False):  # see _created_ids
            out.append(_finish(api, block, block_id))
        after, at_start = created[-1], False
    return out


def _finish(api: NotionAPI, block: dict, block_id: str) -> dict:
    """The node of a block just created; the children a cut block left behind are written now."""
    children = t.kids(block)
    if t.fits(block):
        return t.node(block, block_id, t.unknown_ids(children))
    head = t.head_count(block)
    rest = append_tree(api, block_id, children[head:])
    return t.node(block, block_id, t.unknown_ids(children[:head]) + rest)


def _append_chunk(
    api: NotionAPI, parent_id: str, chunk: list[dict], after: str | None, at_start: bool
) -> list[str]:
    kwargs: dict = {"children": [t.frame(b) for b in chunk]}
    if after:
        kwargs["after"] = after
    elif at_start:
        kwargs["position"] = {"type": "start"}
    with api.errors(parent_id, "block"):
        response = api.client.blocks.children.append(block_id=parent_id, **kwargs)
    created = _created_ids(response.get("results", []), len(chunk), after)
    if len(created) != len(chunk):  # an answer we cannot read: ask where the new blocks are
        listed = [b["id"] for b in list_children(api, parent_id)]
        start = listed.index(after) + 1 if after in listed else 0 if at_start else len(listed) - len(chunk)
        created = listed[start:start + len(chunk)]
    return created


def _created_ids(results: list[dict], count: int, after: str | None) -> list[str]:
    """Ids of the blocks an append created, in order.

    Notion answers with the new top-level blocks only (notion-api.md §4.2); older API behaviour
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
    api: NotionAPI, data_source_id: str, properties: dict, children: list[dict]
) -> tuple[dict, list[dict]]:
    """Create a page with ``children`` (any depth); returns the page and the written tree with ids."""
    lead = t.leading_fit(children)
    if lead < len(children) and len(t.chunks(children)) == 1:
        lead = 0  # an append is needed anyway: send every top-level block in it to learn their ids
    with api.errors(data_source_id, "data source"):
        page = api.client.pages.create(
            parent={"type": "data_source_id", "data_source_id": data_source_id},
            properties=properties,
            children=[t.frame(b) for b in children[:lead]],
        )
    written = t.unknown_ids(children[:lead])
    if lead < len(children):
        written += append_tree(api, page["id"], children[lead:])
    return page, written
