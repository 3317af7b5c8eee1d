"""Column lists an edit leaves with fewer than two columns: dissolved, as the Notion app does.

Notion makes a column list with at least two columns, each holding at least one block, and the
emulator keeps that rule after the creation too (docs/notion-contract.md §6.5: the unkind reading).
Moving or deleting lines can empty a column (its ``<column>`` tags left empty in the file, or, in
a file of the older form, its lines gone: see :mod:`notionlog.notion.regroup`):
:mod:`notionlog.notion.update` then trashes that column, which is allowed while its list keeps two
columns. A list left with one column cannot
stand, and the API cannot move a block out of it: :func:`dissolve` replaces it, in the new tree, by
its remaining lines, so the updater trashes the list and re-creates those lines where it stood
(each as the block it was). Only the lines of that list are re-created; nothing else moves.

A list holding what cannot be re-created (a synced block, a child page, a link preview, an upload
whose line no longer links the journal's copy …) is never dissolved: :class:`ColumnsKept` is raised
before any request, so the page stays as it was and the entry is reported as failed.
"""

from __future__ import annotations

from collections.abc import Callable

from notionlog.errors import ColumnsKept
from notionlog.notion import tree as t
from notionlog.notion.moves import hosted, irreplaceable

Key = Callable[[dict], str]
LINELESS = frozenset({"column_list", "column"})


def dissolve(old: list[dict], new: list[dict], key: Key) -> list[dict]:
    """``new`` with every column list of fewer than two columns replaced by the lines it holds."""
    precious = {key(b): b for b in t.walk(old)
                if irreplaceable(b) and t.block_type(b) not in LINELESS and key(b)}
    return _level(new, precious, key)


def _level(blocks: list[dict], precious: dict[str, dict], key: Key) -> list[dict]:
    out: list[dict] = []
    for block in blocks:
        kids = t.kids(block)
        below = _level(kids, precious, key)
        if t.block_type(block) == "column_list":  # an emptied <column> tag: the column goes
            below = [c for c in below if t.block_type(c) != "column" or t.kids(c)]
        if t.block_type(block) == "column_list" and len(below) < 2:
            lifted = [line for column in below for line in t.kids(column)]
            _check(lifted, precious, key)
            out += lifted
        elif below != kids:
            kind = t.block_type(block)
            out.append({**block, kind: t.payload(block), "children": below})
        else:
            out.append(block)
    return out


def _check(lifted: list[dict], precious: dict[str, dict], key: Key) -> None:
    """Raise ColumnsKept if a line of the list stands for a block that cannot be re-created.

    An upload's line that links the journal's copy reads as an upload (sync.uploads): it is sent
    again. Anything else that cannot be re-created reads as a line whose key is that block's."""
    for block in t.walk(lifted):
        if hosted(block):
            continue
        kind = t.block_type(block)
        if irreplaceable(block) or key(block) in precious:
            held = precious.get(key(block))
            raise ColumnsKept(kind=t.block_type(held) if held is not None else kind)

