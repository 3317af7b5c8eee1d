"""Notion blocks (API response or request shape) -> Markdown, in the seed entry's style.

Layout rules: ``- `` bullets, ``1.`` numbers, children of list items indented four spaces, children
of an uncoloured quote quoted; a block CommonMark cannot write (a toggle, a callout, a coloured
paragraph or quote, a paragraph with children, a toggleable heading, columns, a synced block) in its
tag form holding its children (convert.blocktags); children of any other block are written after it at
the same level (words and order are kept, not the nesting).
Blocks are separated by one blank line, except items of one list; top-level items that have
children are followed by a blank line (as in the seed). Each block's own text goes through
textmd.text_markdown, which escapes only what would read back differently.
"""

from __future__ import annotations

import re

from notionlog.convert import blocktags, blocktypes
from notionlog.convert.blocktypes import view
from notionlog.convert.inline import from_rich_text
from notionlog.convert.textmd import parse_markdown, tidy

INDENT = "    "
_QUOTED = ("quote",)
_ITEM_WITH_TEXT = re.compile(r"(?:-|\d+\.) \S")
_EMPTY_ITEM = re.compile(r"(?:-|\d+\.)\Z")
_LIST_FAMILY = {"bulleted_list_item": "-", "to_do": "-", "numbered_list_item": "1"}
_LEADLESS = ("column_list", "column", "synced_block")  # tag forms with no text of their own


def render_body(blocks: list[dict], leading: bool) -> str:
    """The page body; ``leading`` when nothing (no front matter, no title) comes before it.

    A document that starts with ``---`` would be read as front matter, so a leading divider is
    written ``***`` instead (the same thematic break in Markdown).
    """
    lines = render_blocks(blocks)
    if leading and lines and lines[0] == "---":
        lines[0] = "***"
    return "\n".join(lines).strip("\n")


def render_blocks(blocks: list[dict], depth: int = 0) -> list[str]:
    """Markdown lines for sibling blocks (unindented; the caller indents nested levels)."""
    lines: list[str] = []
    previous: tuple[str, bool] | None = None  # (list family or "", had children)
    number = 0
    for kind, payload, children in _spliced(blocks):
        family = _LIST_FAMILY.get(kind, "")
        position = number + 1 if family == "1" and previous and previous[0] == "1" else 1
        own = blocktypes.own_markdown(kind, payload, position)
        if kind == "column_list":  # grouped as the file reads it: after the splice, as written
            children = blocktags.grouped([{"type": k, k: p, "children": c} for k, p, c in _spliced(children)])
        nested = render_blocks(children, depth + 1) if children else []
        if not own and not family and not nested:  # an empty paragraph: nothing to show
            continue
        number = position
        if previous is not None and _blank_between(previous, family, depth):
            lines.append("")
        tag = _tag_of(kind, payload, nested)
        if tag:
            lines.extend(_tag_lines(kind, payload, tag, own, nested))
        else:
            lines.extend(_block_lines(kind, own, nested, number))
        previous = (family, bool(nested))
    return lines


def _spliced(blocks: list[dict]):
    """(type, payload, children) in reading order, children of non-containers spliced in after them.

    Markdown can nest only under list items and quotes; a paragraph's or a column's children are
    written after it as its siblings, so the layout rules see them exactly as a re-parse will.
    """
    for block in blocks:
        kind, payload, children = view(block)
        if children and kind not in _LIST_FAMILY and not _holds(kind, payload):
            yield kind, payload, []
            yield from _spliced(children)
        elif children and kind in _LIST_FAMILY and not _has_text(payload):
            yield _lift_lead(kind, payload, children)
        else:
            yield kind, payload, children


def _holds(kind: str, payload: dict) -> bool:
    """Whether the block's children are written inside it (a list item, a quote, a tag form)."""
    return kind in _QUOTED or kind == "paragraph" or blocktags.head(kind, payload) is not None


def _tag_of(kind: str, payload: dict, children: list[str]) -> str | None:
    """The tag the block is written in, or None (its Markdown form)."""
    found = blocktags.head(kind, payload)
    if found is not None:
        return found[0]
    return "p" if kind == "paragraph" and children else None


def _tag_lines(kind: str, payload: dict, tag: str, own: str, nested: list[str]) -> list[str]:
    """Opening tag, blank, own text, blank, children, blank, closing tag (each part if any).

    An empty own text before children is written ``<empty-block/>``: the first child would
    otherwise be read back as the block's text."""
    head = own.split("\n")
    if blocktags.head(kind, payload) is None:  # a paragraph with children: own is its text alone
        head = [blocktags.open_tag(tag)] + (["", *head] if own else [])
    if len(head) == 1 and nested and kind not in _LEADLESS:
        head += ["", blocktags.EMPTY_BLOCK]
    body = [""] + nested if nested else []
    return head + body + ["", f"</{tag}>"]


def _has_text(payload: dict) -> bool:
    items = payload.get("rich_text")
    if items and items[0].get("type") == "text":
        # A non-blank first text run settles it without plain_text (own_markdown computes that
        # next): tidy moves and trims whitespace only, so a run's other characters always stay.
        content = (items[0].get("text") or {}).get("content")
        if content and not content.isspace():
            return True
    plain = blocktypes.plain_text(payload)
    if plain is not None:
        return bool(plain)

    return bool(payload.get("rich_text")) and bool(tidy(from_rich_text(payload["rich_text"])))


def _lift_lead(kind: str, payload: dict, children: list) -> tuple[str, dict, list]:
    """An item without text whose first child reads as a paragraph takes that text as its own.

    Markdown cannot write "an empty item, then a paragraph inside it": the paragraph becomes the
    item's text when read back. Writing it that way from the start keeps pulled Markdown normal.
    """
    views = [v for v in _spliced(children) if blocktypes.own_markdown(v[0], v[1]) or v[2]]
    if not views or views[0][0] in _LIST_FAMILY or views[0][2] or blocktags.head(*views[0][:2]):
        return kind, payload, children  # (a tag form is a block of its own, never text)

    parsed = parse_markdown(blocktypes.own_markdown(views[0][0], views[0][1]))
    if len(parsed) != 1 or parsed[0]["type"] != "paragraph":
        return kind, payload, children
    rest = [{"type": k, k: p, "children": c} for k, p, c in views[1:]]
    return kind, {**payload, "rich_text": parsed[0]["paragraph"]["rich_text"]}, rest


def _blank_between(previous: tuple[str, bool], family: str, depth: int) -> bool:
    prev_family, prev_children = previous
    if not family or prev_family != family:
        return True
    return depth == 0 and prev_children


def _block_lines(kind: str, own_text: str, nested: list[str], number: int) -> list[str]:
    own = own_text.split("\n")
    if not nested:
        return own
    family = _LIST_FAMILY.get(kind)
    if family:
        pad = blocktypes.item_indent(kind, number)
        empty_item = len(own) == 1 and _EMPTY_ITEM.match(own[0]) is not None
        gap = [""] if not empty_item and _needs_gap(nested[0]) else []
        return own + gap + [pad + line if line else "" for line in nested]
    if kind in _QUOTED:
        body = ([""] if own != [">"] else []) + nested
        return (own if own != [">"] else []) + [("> " + line).rstrip() for line in body]
    return own + [""] + nested  # defensive: _spliced leaves children only to items and quotes


def _needs_gap(first_line: str) -> bool:
    """Whether a blank line must separate an item's text from its first child's first line.

    A child paragraph right under the text would join it, and an empty child item ("-") cannot
    interrupt a paragraph (it would underline it into a heading). An item without text of its own
    ("-") never takes the blank line: that would end the item.
    """
    return _ITEM_WITH_TEXT.match(first_line) is None
