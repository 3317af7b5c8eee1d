"""Planning one level of the in-place writer: which recorded block each new block keeps, edits
or replaces (see :mod:`notionlog.notion.update` for the whole algorithm).

:func:`plan` pairs a level's recorded blocks with the new ones: irreplaceable blocks first, across
the level (:func:`notionlog.notion.moves.anchors`), then difflib-style runs between them
(:mod:`notionlog.notion.align`), changed blocks paired for a PATCH where their type allows it.
:func:`staying` runs that plan over the whole tree without a request, so a line re-created
elsewhere is made from the recorded block that left, not from an equal one that stays.
"""

from __future__ import annotations

from collections.abc import Callable
from difflib import SequenceMatcher

from notionlog.notion import tree as t
from notionlog.notion.align import opcodes
from notionlog.notion.carry import adopt
from notionlog.notion.moves import anchors, hosted, keep_uploads

Key = Callable[[dict], str]
PATCHABLE = frozenset({
    "paragraph", "heading_1", "heading_2", "heading_3", "heading_4", "bulleted_list_item",
    "numbered_list_item", "to_do", "toggle", "quote", "callout", "code", "equation", "bookmark",
    "embed", "divider", "table", "table_row", "image", "video", "audio", "file", "pdf",
})


def staying(old: list[dict], new: list[dict], key: Key) -> set[int]:
    """The ``id()`` of every recorded block the plan keeps or patches, to full depth: a line
    re-created elsewhere is then re-created from the equal block that left, not from its twin that
    stayed (which one moved is known only once every level is planned)."""
    out: set[int] = set()
    _stay(old, new, key, out)
    return out


def _stay(old: list[dict], new: list[dict], key: Key, out: set[int]) -> None:
    """Add :func:`staying`'s blocks of this level and below to ``out``."""
    if t.same_content(old, new, key):
        out.update(id(b) for b in _subtree(old))
        return
    steps, trash = keep_uploads(*plan(old, new, key), key)
    for _, new_block, old_block in steps:
        if old_block is not None:
            out.add(id(old_block))
            _stay(t.known_kids(old_block) or [], t.kids(new_block), key, out)


def _subtree(level: list[dict]) -> list[dict]:
    return [b for block in level for b in (block, *_subtree(t.known_kids(block) or []))]


def plan(old: list[dict], new: list[dict], key: Key) -> tuple[list[tuple], list[dict]]:
    """(steps in new order: (mode, new block, old block or None)), old blocks to trash.

    Blocks that cannot be re-created as they are (uploads, synced blocks, child pages …) are
    matched first, across the whole level; the rest is diffed between them. So a line moved past
    an upload is the one re-created, never the upload.
    """
    steps: list[tuple] = []
    trash: list[dict] = []
    i = j = 0
    for a, b in [*anchors(old, new, key), (len(old), len(new))]:
        more, gone = _plan_run(old[i:a], new[j:b], key)
        steps += more
        trash += gone
        if a < len(old):
            steps.append(("keep", new[b], old[a]))
        i, j = a + 1, b + 1
    return steps, trash


def _plan_run(old: list[dict], new: list[dict], key: Key) -> tuple[list[tuple], list[dict]]:
    """The plan of a run between anchors: difflib's equal, replace, insert and delete runs."""
    steps: list[tuple] = []
    trash: list[dict] = []
    def whole(i: int, j: int) -> int:  # a block kept with its whole subtree is worth all of it
        return t.kept_whole(old[i], new[j], key)

    # A container regrouped as recorded carries its id (column lists and columns all read as the
    # same empty line): it is paired with its own block, not with the first of its kind.
    given = {b["id"] for b in new if b.get("id")}

    def mark(block: dict) -> str:
        return "\0" + block["id"] if block.get("id") in given else key(block)

    for tag, i1, i2, j1, j2 in opcodes([mark(b) for b in old], [mark(b) for b in new], whole):
        if tag == "equal":
            steps += [("keep", new[j1 + k], old[i1 + k]) for k in range(i2 - i1)]
            continue
        olds, news = old[i1:i2], new[j1:j2]
        pairs = _pairs(olds, news, key)
        for k, new_block in enumerate(news):
            if k in pairs:
                steps.append(("patch", new_block, olds[pairs[k]]))
            else:
                steps.append(("insert", new_block, None))
        used = set(pairs.values())
        trash += [b for i, b in enumerate(olds) if i not in used]
    return steps, trash


def _pairs(olds: list[dict], news: list[dict], key: Key) -> dict[int, int]:
    """Which changed old block each changed new block edits in place: {new index: old index}.

    An order-keeping alignment that first pairs as many patchable blocks as possible (each pair is
    one PATCH instead of an insert and a trash), then, among those, the most similar texts, so that
    an id (and the comments on it) stays with the line it belonged to. Dynamic programming over the
    two runs (Needleman–Wunsch style); runs too long for it are paired by position.
    """
    if len(olds) * len(news) > 900:
        return {k: k for k in range(min(len(olds), len(news))) if patchable(olds[k], news[k])}
    rows, cols = len(olds), len(news)
    best = [[(0, 0.0)] * (cols + 1) for _ in range(rows + 1)]
    for i in range(1, rows + 1):
        for j in range(1, cols + 1):
            score = max(best[i - 1][j], best[i][j - 1])
            if patchable(olds[i - 1], news[j - 1]):
                pairs, similarity = best[i - 1][j - 1]
                ratio = SequenceMatcher(None, key(olds[i - 1]), key(news[j - 1])).ratio()
                score = max(score, (pairs + 1, similarity + ratio))
            best[i][j] = score
    out: dict[int, int] = {}
    i, j = rows, cols
    while i and j:
        if best[i][j] == best[i - 1][j]:
            i -= 1
        elif best[i][j] == best[i][j - 1]:
            j -= 1
        else:
            out[j - 1] = i - 1
            i, j = i - 1, j - 1
    return out


def patchable(old: dict, new: dict) -> bool:
    kind = t.block_type(old)
    if kind not in PATCHABLE or adopt(old, new) is None or hosted(old):
        return False
    return kind != "table" or t.payload(old).get("table_width") == t.payload(new).get("table_width")
