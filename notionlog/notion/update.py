"""The in-place writer: turn the page's blocks as last synced into the new blocks with a minimal diff.

Per sibling list (recursively): an alignment of the lists' ``block_key`` strings (content without
ids or children; :mod:`notionlog.notion.align`) gives equal / replace / insert / delete runs, between
the blocks that cannot be re-created (:mod:`notionlog.notion.moves`). Then

* equal: the block keeps its id (comments and backlinks in Notion survive, invariant 8); recurse
  into its children only if the children differ;
* replace: changed blocks are paired (:func:`notionlog.notion.plan.plan`: as many pairs of a patchable type as
  possible, then the most similar) → ``PATCH /blocks/{id}`` in place (id kept), in the old
  block's own type with what the file cannot show kept (:mod:`notionlog.notion.carry`: a toggle
  read back as a bullet stays a toggle, a callout keeps its icon and colour), then the children
  as above; unpaired new blocks are inserted, unpaired old ones trashed. Uploads are never patched;
* insert: consecutive new siblings go in one append with ``after`` = the previous sibling that
  exists (``position: start`` when there is none but later siblings exist);
* delete: ``DELETE /blocks/{id}`` (trash; its subtree goes with it). Trashing comes last, so a run
  cut short leaves extra text rather than missing text.

Old ids may be unknown (``None``) for blocks written nested by :mod:`notionlog.notion.writer`. A
level is listed once, and only when a block it must touch (patch, trash, insert after, recurse
into) has no id. Listed blocks whose content matches a recorded block adopt its recorded subtree;
the others (the page changed meanwhile) are taken as listed, their children fetched if needed.

Child pages, child databases and unsupported blocks are never trashed: they hold what Markdown
cannot, and trashing a child page would take a whole page with it.
"""

from __future__ import annotations

from collections.abc import Callable
from difflib import SequenceMatcher

from notionlog.convert.blocktags import says_tags
from notionlog.notion import tree as t
from notionlog.notion.blanks import keep_blanks
from notionlog.notion.carry import adopt, older_reading
from notionlog.notion.columns import dissolve
from notionlog.notion.moves import Recorded, as_moved, index, irreplaceable, keep_uploads
from notionlog.notion.plan import plan, staying
from notionlog.notion.regroup import regroup
from notionlog.notion.writer import Door, append_tree

TABLE_FLAGS = ("has_column_header", "has_row_header")  # table_width is fixed once created
NEVER_TRASHED = frozenset({"child_page", "child_database", "unsupported"})
Key = Callable[[dict], str]


def update_blocks(api: Door, page_id: str, old: list[dict] | None, new: list[dict],
                  key: Key, reading: bool = False) -> list[dict]:
    """Rewrite the page's blocks from ``old`` to ``new`` in place; returns ``new`` as nodes with ids.

    ``old`` is the tree as last written or fetched (ids may be None); None or empty when nothing is
    recorded: the page is then listed first, so a missing record can never duplicate a page's text.
    ``key`` is a block's content identity (the caller's converter decides what "same" means).
    ``reading``: ``new`` was read from a Markdown file, which cannot nest under a paragraph, a
    heading, a column or a synced block; such children of ``old`` go back under their block
    (see :mod:`notionlog.notion.regroup`) instead of being moved beside it.
    """
    if reading and old:
        if not says_tags(new):  # a file of the older form (or one with nothing to tag)
            key = older_reading(key)
        new = regroup(old, keep_blanks(old, new, key), key)
    if old:
        new = dissolve(old, new, key)
    recorded = old or []
    before = Recorded(lambda: index(recorded, key, staying(recorded, new, key)))
    return update_level(api, page_id, old or None, new, key, before)


def update_level(api: Door, parent_id: str, old: list[dict] | None, new: list[dict],
                 key: Key, before: Recorded | None = None) -> list[dict]:
    """Make ``parent_id``'s children equal ``new``; returns ``new`` as nodes with ids."""
    if old is not None and t.same_content(old, new, key):  # nothing to do here or below: no request at all
        return [_carry(o, n) for o, n in zip(old, new, strict=True)]
    steps, trash = plan(old or [], new, key)
    if old is None or _needs_ids(steps, trash, key):
        old = _resolve_ids(api, parent_id, old, key)
        steps, trash = plan(old, new, key)
    steps, trash = keep_uploads(steps, trash, key)
    # A line new here that some recorded block read as: moved (or re-indented) from there.
    here = {key(b): b for b in trash if not irreplaceable(b)}
    out: list[dict] = []
    previous: str | None = None
    pending: list[dict] = []
    for mode, new_block, old_block in steps:
        if mode == "insert":
            source = here.get(key(new_block)) or (before.get(key(new_block)) if before else None)
            pending.append(as_moved(source, new_block, key) if source is not None else new_block)
            continue
        if pending:
            out += append_tree(api, parent_id, pending, after=previous, at_start=previous is None)
            pending = []
        if mode == "patch" and not unchanged(old_block, _target(old_block, new_block)):
            _patch(api, old_block, new_block)  # (unchanged: a line of an older file form)
        kept = _target(old_block, new_block) if mode == "patch" else old_block
        out.append(t.node(kept, old_block["id"], _children(api, old_block, new_block, key, before)))
        previous = old_block["id"]
    if pending:
        out += append_tree(api, parent_id, pending, after=previous)
    for block in trash:
        if block.get("type") not in NEVER_TRASHED:
            api.delete_block(block["id"])
    return out


def _needs_ids(steps: list[tuple], trash: list[dict], key: Key) -> bool:
    """True if a block this level must touch (or insert after) has no recorded id."""
    previous: dict | None = None
    for mode, new_block, old_block in steps:
        if mode == "insert":
            if previous is not None and not previous.get("id"):
                return True
            continue
        if not old_block.get("id"):
            old_kids = t.known_kids(old_block)
            if mode == "patch" or old_kids is None or not t.same_content(old_kids, t.kids(new_block), key):
                return True
        previous = old_block
    return any(not b.get("id") for b in trash)


def unchanged(old: dict, target: dict) -> bool:
    """Whether PATCHing ``old`` to ``target`` would change nothing: every field the PATCH sends
    already holds that value (rich text compared character by character: run boundaries, and the
    fields a response adds to an item, are no change)."""
    if t.block_type(old) != t.block_type(target):
        return False
    before, after = t.payload(old), t.payload(target)
    return all(_runs(before.get(k)) == _runs(v) if k in ("rich_text", "caption") else before.get(k) == v
               for k, v in after.items())


def _runs(items: list[dict] | None) -> list[tuple]:
    """Rich text as (character or item, marks, link): equal for equal text however it is cut."""
    out: list[tuple] = []
    for item in items or []:
        marks = tuple(sorted((k, v) for k, v in (item.get("annotations") or {}).items()
                             if v and v != "default"))
        if item.get("type", "text") != "text":
            out.append((repr(item.get(item.get("type") or "") or {}), marks, None))
            continue
        body = item.get("text") or {}
        link = (body.get("link") or {}).get("url")
        out += [(char, marks, link) for char in body.get("content", "")]
    return out


def _target(old: dict, new: dict) -> dict:
    """What ``old`` becomes to read as ``new``: its own type, with what the file cannot show."""
    return adopt(old, new) or new


def _patch(api: Door, old: dict, new: dict) -> None:
    target = _target(old, new)
    kind, body = t.block_type(target), t.payload(target)
    if kind == "table":  # its rows are children (updated below); only the header flags are its own
        body = {k: body[k] for k in TABLE_FLAGS if k in body}
        if all(t.payload(old).get(k) == v for k, v in body.items()):
            return
    api.update_block(old["id"], kind, body)


def _children(api: Door, old: dict, new: dict, key: Key,
              before: Recorded | None) -> list[dict]:
    """The kept block's children: untouched if equal to the recorded ones, else updated in place.

    A synced block's copy lists its original's children: an edit of them is made there (as the
    app does), since the copy itself cannot be edited."""
    if old.get("type") in {"child_page", "child_database"}:
        return t.known_kids(old) or []
    if _duplicate(old) and not t.kids(new):  # emptied in the file: its original is left alone
        return t.known_kids(old) or []
    parent = _duplicate(old) or old["id"]
    return update_level(api, parent, t.known_kids(old), t.kids(new), key, before)


def holds_copy(blocks: list[dict]) -> bool:
    """Whether a synced block's copy is in the tree: what it shows changes with its original,
    which may live on another page, without the page's own last edit moving."""
    return any(_duplicate(b) or holds_copy(t.kids(b)) for b in blocks)


def _duplicate(block: dict) -> str | None:
    """The original's id if the block is a synced block's copy (edited only through the original)."""
    if t.block_type(block) != "synced_block":
        return None
    return (t.payload(block).get("synced_from") or {}).get("block_id")


def _carry(old: dict, new: dict) -> dict:
    """The equal ``old`` subtree as nodes (its own types and fields: a toggle reads as a bullet)."""
    pairs = zip(t.kids(old), t.kids(new), strict=True)
    return t.node(old, old.get("id"), [_carry(o, n) for o, n in pairs])


def _resolve_ids(api: Door, parent_id: str, old: list[dict] | None, key: Key) -> list[dict]:
    """``old`` with every id known, by listing ``parent_id``'s children once."""
    listed = list(api.list_children(parent_id))
    if old is None:
        return listed
    # Blocks listed with the content recorded for them adopt the recorded subtree (its ids may
    # still be unknown); the rest are taken as listed, their children fetched only if needed.
    matcher = SequenceMatcher(None, [key(b) for b in listed], [key(b) for b in old], autojunk=False)
    for tag, i1, i2, j1, _ in matcher.get_opcodes():
        if tag == "equal":
            for k in range(i2 - i1):
                listed[i1 + k] = {**old[j1 + k], "id": listed[i1 + k]["id"]}
    return listed
