"""Notion blocks (API response or request shape) -> Markdown, in the seed entry's style.

Layout rules: ``- `` bullets, ``1.`` numbers, children of list items indented four spaces, children
of quotes and callouts quoted, children of every other block written after it at the same level
(Markdown cannot nest under a paragraph or heading: words and order are kept, not the nesting).
Blocks are separated by one blank line, except items of one list; top-level items that have
children are followed by a blank line (as in the seed). Each block's own text goes through
textmd.text_markdown, which escapes only what would read back differently.
"""

from __future__ import annotations

from notionlog.convert import blocktypes
from notionlog.convert.blocktypes import view

INDENT = "    "
_LIST_FAMILY = {"bulleted_list_item": "-", "to_do": "-", "toggle": "-", "numbered_list_item": "1"}


def render_blocks(blocks: list[dict], depth: int = 0) -> list[str]:
    """Markdown lines for sibling blocks (unindented; the caller indents nested levels)."""
    lines: list[str] = []
    previous: tuple[str, bool] | None = None  # (list family or "", had children)
    number = 0
    for block in blocks:
        kind, payload, children = view(block)
        family = _LIST_FAMILY.get(kind, "")
        number = number + 1 if family == "1" and previous and previous[0] == "1" else 1
        if previous is not None and _blank_between(previous, family, depth):
            lines.append("")
        lines.extend(_block_lines(kind, payload, children, number, depth))
        previous = (family, bool(children))
    return lines


def _blank_between(previous: tuple[str, bool], family: str, depth: int) -> bool:
    prev_family, prev_children = previous
    if not family or prev_family != family:
        return True
    return depth == 0 and prev_children


def _block_lines(kind: str, payload: dict, children: list, number: int, depth: int) -> list[str]:
    own = blocktypes.own_markdown(kind, payload, number).split("\n")
    if not children:
        return own
    family = _LIST_FAMILY.get(kind)
    nested = render_blocks(children, depth + 1)
    if family:
        pad = blocktypes.item_indent(kind, number)
        # A child paragraph right under the item's text would join it; an empty item ("-") must
        # not be followed by a blank line (it would end the item).
        gap = [""] if own != [own[0][:2].rstrip()] and view(children[0])[0] not in _LIST_FAMILY else []
        return own + gap + [pad + line if line else "" for line in nested]
    if kind in ("quote", "callout"):
        body = ([""] if own != [">"] else []) + nested
        return (own if own != [">"] else []) + [("> " + line).rstrip() for line in body]
    return own + [""] + nested
