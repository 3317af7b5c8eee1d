"""Give the blocks read from a file back the nesting the page had where Markdown could not write it.

Markdown nests only under list items and quotes, so the renderer writes the children of a heading,
a paragraph, a column list, a column or a synced block *after* that block, at its level (see
convert.render). Read back, those children are siblings; diffed as they are, every one of them
would be trashed under its parent and re-created beside it (new ids, comments lost), and a column
list or a synced block would lose its children.

:func:`regroup` undoes that splice: the page's level as recorded is spliced the same way, the
spliced lines are matched to the file's lines in order (equal content, and the lines of a replaced
run of the same length, position by position), and each file line goes back under the container its
match came from. A line the file added goes where the next matched line lives, so the order reads
as in the file. Containers without a line of their own (column lists, columns, synced blocks) come
back as they were recorded, around the lines that are still theirs.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from notionlog.notion import tree as t
from notionlog.notion.align import opcodes
from notionlog.notion.carry import adopt

Key = Callable[[dict], str]
# Markdown writes these blocks' children under them (a table's rows are its own lines).
NESTING = frozenset({"bulleted_list_item", "numbered_list_item", "to_do", "toggle", "quote",
                     "callout", "table"})
LINELESS = frozenset({"column_list", "column", "synced_block"})  # no line of their own
Path = tuple[int, ...]


def spliced(block: dict) -> bool:
    """True if the file holds the block's children after it, at its own level."""
    return bool(t.kids(block)) and t.block_type(block) not in NESTING


def regroup(old: list[dict], new: list[dict], key: Key) -> list[dict]:
    """``new`` with the children ``old`` nested under spliced containers put back under them.

    Only a file written before the tag forms splices; a file that nests under a paragraph, a
    heading, columns or a synced block (their tag forms) is taken as it is."""
    if not _any_spliced(old) or _any_spliced(new):
        return new
    lines = list(_lines(old, ()))
    owner = _owners(lines, new, key)
    return _build(old, new, owner, {p for p, _ in lines}, key)


def _lines(level: list[dict], at: Path) -> Iterator[tuple[Path, dict]]:
    """(path, block) of every block the file shows at this level, in reading order."""
    for index, block in enumerate(level):
        path = (*at, index)
        if t.block_type(block) not in LINELESS:
            yield path, block
        if spliced(block):
            yield from _lines(t.kids(block), path)


def _owners(lines: list[tuple[Path, dict]], new: list[dict], key: Key) -> list[Path | None]:
    """For each new block, the path of the recorded line it stands for (None: a new line)."""
    found: list[Path | None] = [None] * len(new)
    def whole(i: int, j: int) -> int:  # a line kept with all that is nested under it in the file
        block = lines[i][1]  # is worth all of it (so a move re-creates the smaller side)
        if spliced(block) or _as_file(t.kids(block), key) != _as_file(t.kids(new[j]), key):
            return 1
        return t.size(block)

    for tag, i1, i2, j1, j2 in opcodes([key(b) for _, b in lines], [key(b) for b in new], whole):
        # A replaced run of as many lines as before is those lines edited (where the block can
        # take the edit: a heading never stands for a paragraph); any other run is new lines.
        if tag == "equal" or (tag == "replace" and i2 - i1 == j2 - j1):
            for k in range(i2 - i1):
                if tag == "equal" or adopt(lines[i1 + k][1], new[j1 + k]) is not None:
                    found[j1 + k] = lines[i1 + k][0]
    return found


def _as_file(level: list[dict], key: Key) -> tuple:
    """A level's content as the file shows it: a spliced block's children follow it."""
    out: list[tuple] = []
    for block in level:
        if t.block_type(block) not in LINELESS:
            out.append((key(block), () if spliced(block) else _as_file(t.kids(block), key)))
        if spliced(block):
            out.extend(_as_file(t.kids(block), key))
    return tuple(out)


def _any_spliced(level: list[dict]) -> bool:
    """Whether a block of the tree holds children the older file form spliced after it."""
    return any(spliced(b) or _any_spliced(t.kids(b)) for b in level)


def _build(old: list[dict], new: list[dict], matched: list[Path | None],
           line_paths: set[Path], key: Key) -> list[dict]:
    top: list[dict] = []
    homes: dict[Path, list[dict]] = {(): top}

    def home(path: Path) -> list[dict]:
        """The children list of the container at ``path`` in the tree being built."""
        if path in homes:
            return homes[path]
        parent = home(path[:-1])
        block = _at(old, path)
        if path in line_paths:  # its line is gone from the file: its children move up
            return parent
        node = t.node(block, block.get("id"), [])
        parent.append(node)
        homes[path] = node["children"]
        return node["children"]

    containers = _containers(matched)
    for block, line, container in zip(new, matched, containers, strict=True):
        was = _at(old, line) if line is not None else None
        if was is not None and spliced(was):  # it gets its children back: and what it was
            block = _standing_for(was, block, key)
        kids = t.kids(block)
        if was is not None and kids and not spliced(was):  # nested in the file: regroup below
            kids = regroup(t.kids(was), kids, key)
        node = t.node(block, None, list(kids))
        home(container).append(node)
        if line is not None and was is not None and spliced(was):
            homes[line] = node["children"]
    return [_request(n) for n in top]


def _containers(matched: list[Path | None]) -> list[Path]:
    """Where each file line goes: a recorded line under its container; a new line between the
    recorded lines P before it and N after it, at the shallowest place that keeps the file's order:
    the top level at either end, else after P among P's siblings, or before N among N's (the only
    choice when N is inside P, a heading or paragraph whose children follow it)."""
    after: list[Path | None] = []
    following: Path | None = None
    for line in reversed(matched):
        following = line if line is not None else following
        after.append(following)
    after.reverse()
    out: list[Path] = []
    previous: Path | None = None
    for line, nxt in zip(matched, after, strict=True):
        if line is not None:
            out.append(line[:-1])
            previous = line
        elif previous is None or nxt is None:
            out.append(())
        elif nxt[:len(previous)] == previous:
            out.append(nxt[:-1])
        else:
            out.append(min(previous[:-1], nxt[:-1], key=len))
    return out


def _standing_for(was: dict, block: dict, key: Key) -> dict:
    """The file's block for a recorded container, in the container's own type and fields (a
    heading that holds children is toggleable: the file cannot say so). Its payload may be a
    response's: it is compared, and written only through moves.as_moved, which cleans it."""
    target = was if key(was) == key(block) else adopt(was, block) or block
    kind = t.block_type(target)
    return {"type": kind, kind: t.payload(target), "children": t.kids(block)}


def _at(level: list[dict], path: Path) -> dict:
    block = level[path[0]]
    return block if len(path) == 1 else _at(t.kids(block), path[1:])


def _request(node: dict) -> dict:
    """A built node back in the new tree's form (type, payload, children). A container that came
    back as recorded keeps its id: column lists and synced blocks all read as the same empty line,
    so the id is what tells the updater which one it is."""
    kind = t.block_type(node)
    out = {"type": kind, kind: t.payload(node), "children": [_request(k) for k in t.kids(node)]}
    return {**out, "id": node["id"]} if node.get("id") else out
