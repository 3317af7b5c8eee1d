"""Keep the empty paragraphs a person typed in the app (Enter, Enter), which the file cannot show.

An empty paragraph renders to nothing (a blank line is only a separator in Markdown), so a file
read back never holds it; diffed as it is, every empty line of the page would be trashed by the
first push that edits any line. :func:`keep_blanks` puts the recorded empty paragraphs back into the
blocks read from the file, at their place: after the line before them when that line is still in
the file (equal, or edited in place), else before the next line that is. The file cannot ask for
their deletion, so they stay, and an edit of a neighbour changes only the neighbour.
"""

from __future__ import annotations

from collections.abc import Callable
from difflib import SequenceMatcher

from notionlog.notion import tree as t

Key = Callable[[dict], str]


def blank(block: dict) -> bool:
    """A recorded empty paragraph without children (nothing in the file stands for it)."""
    if not block.get("id") or t.block_type(block) != "paragraph" or t.kids(block):
        return False
    items = t.payload(block).get("rich_text") or []
    return all(i.get("type", "text") == "text" and not (
        i.get("plain_text") or (i.get("text") or {}).get("content") or "").strip() for i in items)


def keep_blanks(old: list[dict], new: list[dict], key: Key) -> list[dict]:
    """``new`` with ``old``'s empty paragraphs back in place, at every level both still share."""
    lines = [i for i, b in enumerate(old) if not blank(b)]
    where = _matches([old[i] for i in lines], new, key)  # position in lines -> index in new
    slots: dict[int, list[dict]] = {}  # index in new (-1: the start) -> empty paragraphs after it
    for i, block in enumerate(old):
        if blank(block):
            slots.setdefault(_slot(lines, where, i, len(new)), []).append(block)
    back = {k: lines[p] for p, k in where.items()}
    out = list(slots.get(-1, []))
    for k, block in enumerate(new):
        out += [_within(old[back[k]], block, key) if k in back else block, *slots.get(k, [])]
    return out


def _slot(lines: list[int], where: dict[int, int], i: int, size: int) -> int:
    """Where the empty paragraph at old index ``i`` goes: after the new index returned."""
    before = [p for p, at in enumerate(lines) if at < i]
    if not before:
        return -1
    if before[-1] in where:
        return where[before[-1]]
    after = [p for p, at in enumerate(lines) if at > i and p in where]
    return where[after[0]] - 1 if after else size - 1


def _matches(old: list[dict], new: list[dict], key: Key) -> dict[int, int]:
    """Old line -> new line: equal lines, and the lines of a replaced run of equal length (edited
    in place), position by position."""
    pairs: dict[int, int] = {}
    matcher = SequenceMatcher(None, [key(b) for b in old], [key(b) for b in new], autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal" or (tag == "replace" and i2 - i1 == j2 - j1):
            pairs.update({i1 + d: j1 + d for d in range(i2 - i1)})
    return pairs


def _within(old: dict, new: dict, key: Key) -> dict:
    """``new`` with the empty paragraphs among ``old``'s children kept too."""
    old_kids, new_kids = t.known_kids(old) or [], t.kids(new)
    if not new_kids or not any(blank(b) for b in old_kids):
        return new
    kept = keep_blanks(old_kids, new_kids, key)
    if isinstance(new.get("children"), list):
        return {**new, "children": kept}
    kind = t.block_type(new)
    return {**new, kind: {**new[kind], "children": kept}}
