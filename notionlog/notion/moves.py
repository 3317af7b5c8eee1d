"""Moves: the API cannot move a block, so a moved line is re-created, and only that line.

Blocks that re-created would not be the same (an upload's file, a synced block's copies, a child
page, columns, a link preview) are matched first across the whole level (:func:`anchors`), so the
updater diffs the rest between them: a line moved past an upload is re-created, the upload is
kept. A re-created line is written as the block it was (:func:`as_moved`): a toggle stays a toggle
and a bookmark a bookmark, with its icon and colours.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from notionlog.notion import tree as t
from notionlog.notion.align import opcodes

Key = Callable[[dict], str]
OPEN = frozenset({"column_list", "column"})  # irreplaceable, but what they hold is not
IRREPLACEABLE = frozenset({"child_page", "child_database", "unsupported", "synced_block",
                           "column_list", "link_preview"})


def anchors(old: list[dict], new: list[dict], key: Key) -> list[tuple[int, int]]:
    """(old index, new index) of irreplaceable old blocks whose line is still there, in order."""
    precious = [i for i, b in enumerate(old) if irreplaceable(b)]
    if not precious:
        return []
    given = {b["id"] for b in new if b.get("id")}  # containers regrouped as recorded (regroup)

    def mark(block: dict) -> str:
        return "id\0" + block["id"] if block.get("id") in given else "key\0" + key(block)

    wanted = {mark(old[i]) for i in precious}
    found = [j for j, b in enumerate(new) if mark(b) in wanted]
    olds = [Counter(_whole(old[i], key)) for i in precious]
    news = [Counter(_whole(new[j], key)) for j in found]

    def weight(a: int, b: int) -> int:  # of equal lines, the one holding most of the same is the
        return 1 + sum((olds[a] & news[b]).values())  # pair (of two <columns>, the one that stayed)

    runs = opcodes([mark(old[i]) for i in precious], [mark(new[j]) for j in found], weight)
    return [(precious[i1 + k], found[j1 + k]) for tag, i1, i2, j1, _ in runs if tag == "equal"
            for k in range(i2 - i1)]


def _whole(block: dict, key: Key) -> list[str]:
    """The keys of all a block holds, to full depth."""
    return [k for kid in t.known_kids(block) or [] for k in (key(kid), *_whole(kid, key))]


def irreplaceable(block: dict) -> bool:
    """Re-creating it would lose it: an upload, a synced block, a child page, columns …"""
    return t.block_type(block) in IRREPLACEABLE or hosted(block)


def hosted(block: dict) -> bool:
    """An upload: its file cannot be sent back, so it is kept or trashed, never patched."""
    return t.payload(block).get("type") == "file"


def index(blocks: list[dict], key: Key, staying: set[int] | frozenset[int] = frozenset()) -> dict[str, dict]:
    """Every recorded block that could be re-created elsewhere, by key: of equal ones, the first
    that does not stay where it was (``staying``: their ``id()``), else the first."""
    out: dict[str, dict] = {}
    for block in _walk(blocks):
        if irreplaceable(block):
            continue
        if key(block) not in out or (id(out[key(block)]) in staying and id(block) not in staying):
            out[key(block)] = block
    return out


class Recorded:
    """:func:`index`, built on first use: most pushes re-create nothing, and telling which of
    equal blocks left takes a plan of the whole tree (notion.plan.staying)."""

    def __init__(self, build: Callable[[], dict[str, dict]]) -> None:
        self._build = build
        self._index: dict[str, dict] | None = None

    def get(self, line_key: str) -> dict | None:
        if self._index is None:
            self._index = self._build()
        return self._index.get(line_key)


def _walk(blocks: list[dict]) -> list[dict]:
    """Recorded blocks in reading order, a block before its children (not under irreplaceable
    ones but column lists and columns, whose lines are ordinary blocks)."""
    return [b for block in blocks
            for b in (block, *([] if irreplaceable(block) and t.block_type(block) not in OPEN
                               else _walk(t.known_kids(block) or [])))]


def as_moved(old: dict, new: dict, key: Key) -> dict:
    """A line moved elsewhere (the API cannot move a block): re-created as the block it was,
    type, icon and colours included, where its children still read as they did."""
    target = old if key(old) == key(new) else new
    old_kids, new_kids = t.known_kids(old) or [], t.kids(new)
    if len(old_kids) == len(new_kids):
        new_kids = [as_moved(o, n, key) if key(o) == key(n) and not irreplaceable(o) else n
                    for o, n in zip(old_kids, new_kids, strict=True)]
    kind = t.block_type(target)
    return {"type": kind, kind: request_payload(t.payload(target)), "children": new_kids}


def request_payload(body: dict) -> dict:
    """A response payload as a request accepts it: rich text without its derived fields."""
    return {k: [_request_item(i) for i in v] if k in ("rich_text", "caption") else v
            for k, v in body.items()}


def _request_item(item: dict) -> dict:
    return {k: v for k, v in item.items() if k not in ("plain_text", "href")}


def keep_uploads(steps: list[tuple], trash: list[dict], key: Key) -> tuple[list[tuple], list[dict]]:
    """An upload whose line was edited, not deleted, is kept: its file cannot be sent again.

    The line still names the upload's file (see _file_names); the edit itself (a caption) is not
    sent: the upload stays as it was rather than being lost.
    """
    for block in [b for b in trash if hosted(b)]:
        names = _file_names(block)
        for index, (mode, new, _) in enumerate(steps):
            if mode == "insert" and any(name in key(new) for name in names):
                steps[index] = ("keep", new, block)
                trash = [b for b in trash if b is not block]
                break
    return steps, trash


def _file_names(block: dict) -> list[str]:
    """What a line naming the upload holds: its file's name, or its URL's path (a stored copy's
    ``path``: the line may be older than the copy and link Notion's URL)."""
    source = t.payload(block).get("file") or {}
    name = (source.get("url") or "").split("?")[0].rsplit("/", 1)[-1]
    return [n for n in (name, source.get("path")) if n]
