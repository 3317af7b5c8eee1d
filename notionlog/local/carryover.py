"""Carry-over of open to-dos: pure functions over Markdown text.

A to-do is a list item whose text starts with a task box, ``- [ ]`` (open) or ``- [x]`` (done).
Its block is the item line plus every following line indented deeper than it (blank lines inside
the block are kept, trailing ones are not) — the same containment rule Markdown uses for nested
list items. Open blocks are carried with their children, re-indented to the top level; done items
are dropped together with their children, also when nested inside an open item (a finished sub-task
needs no carrying). An open item inside another open item travels inside its parent, once.
"""

from __future__ import annotations

import re

_TASK = re.compile(r"[ \t]*(?:[-*+]|\d+[.)]) \[(?P<mark>[ xX])\](?:[ \t]+(?P<text>.*)|[ \t]*)$")
_FENCE = re.compile(r"[ \t]*(`{3,}|~{3,})")


def _code_lines(lines: list[str]) -> set[int]:
    """Indexes of the lines inside fenced code blocks (and the fences): a ``- [ ]`` there is code."""
    inside: set[int] = set()
    fence: str | None = None
    for index, line in enumerate(lines):
        match = _FENCE.match(line)
        if fence is None:
            fence = match[1] if match else None
        elif match and match[1][0] == fence[0] and len(match[1]) >= len(fence):
            inside.add(index)  # the closing fence
            fence = None
        if fence is not None:
            inside.add(index)
    return inside


def _indent(line: str) -> int:
    expanded = line.expandtabs(4)
    return len(expanded) - len(expanded.lstrip(" "))


def _block_end(lines: list[str], start: int) -> int:
    """Index just past the block of the item at ``start`` (its deeper-indented lines)."""
    depth = _indent(lines[start])
    end = start + 1
    for index in range(start + 1, len(lines)):
        if not lines[index].strip():
            continue
        if _indent(lines[index]) <= depth:
            break
        end = index + 1
    return end


def _without_done(lines: list[str]) -> list[str]:
    """``lines`` minus every done task and its children."""
    kept: list[str] = []
    index = 0
    while index < len(lines):
        match = _TASK.match(lines[index])
        if match and match["mark"] != " ":
            index = _block_end(lines, index)
            continue
        kept.append(lines[index])
        index += 1
    return kept


def _dedent(lines: list[str]) -> str:
    """Re-indent a block to the top level; its item marker becomes ``-`` (a ``*`` item would start a
    separate list in the new entry's ``-`` list)."""
    cut = _indent(lines[0])
    head = lines[0].expandtabs(4)[cut:]
    if head[0] in "*+":
        head = "-" + head[1:]
    rest = (line.expandtabs(4)[cut:] if line.strip() else "" for line in lines[1:])
    return "\n".join([head, *rest])


def open_todos(text: str) -> list[str]:
    """Every open to-do block of ``text`` (with its children, done sub-tasks removed), top-level."""
    lines = text.splitlines()
    code = _code_lines(lines)
    blocks: list[str] = []
    index = 0
    while index < len(lines):
        match = None if index in code else _TASK.match(lines[index])
        if not match:
            index += 1
            continue
        end = _block_end(lines, index)
        if match["mark"] == " ":
            blocks.append(_dedent([lines[index], *_without_done(lines[index + 1:end])]))
        index = end
    return blocks


def _key(block_or_line: str) -> str | None:
    match = _TASK.match(block_or_line.split("\n", 1)[0])
    return " ".join((match["text"] or "").split()) if match else None


def missing_from(text: str, blocks: list[str]) -> list[str]:
    """The blocks whose task text is not already a task in ``text`` (nor an earlier block)."""
    lines = text.splitlines()
    code = _code_lines(lines)
    seen = {_key(line) for index, line in enumerate(lines) if index not in code} - {None}
    kept: list[str] = []
    for block in blocks:
        key = _key(block)
        if key not in seen:
            seen.add(key)
            kept.append(block)
    return kept


def still_carried(scaffold: str, previous: str, replacement: str) -> list[str]:
    """The to-dos ``scaffold`` carried over from ``previous`` that ``replacement`` lacks.

    When a page written in Notion replaces an untouched scaffold, the carried items are the only
    words of the user's the scaffold held; they must survive in the entry that replaces it.
    """
    carried = {_key(block) for block in open_todos(previous)}
    return missing_from(replacement, [b for b in open_todos(scaffold) if _key(b) in carried])
