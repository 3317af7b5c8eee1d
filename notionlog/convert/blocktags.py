"""The tag forms of an entry file: blocks CommonMark has no form for, in Notion-flavored Markdown v2.

A toggle, a callout, a coloured paragraph or quote, a paragraph with children, a toggleable heading,
columns and a synced block are written as a tag block (docs/file-format.md, "Blocks"): the opening
tag alone on its line, a blank line, the block's own text, a blank line, its children, a blank line,
the closing tag alone on its line. Every other viewer shows the words; we read the structure back.

This module knows the tags: which block needs which (:func:`head`), how a tag line is written and
read (:func:`open_tag`, :func:`tag_line`), and what a tag block read back is (:func:`build`).
"""

from __future__ import annotations

import html
import re
import unicodedata
from typing import NamedTuple

from notionlog.convert import colors
from notionlog.notion.tree import kids, walk

EMPTY_BLOCK = "<empty-block/>"  # v2's empty paragraph: stands for a block's empty own text
# Tags that hold blocks, with the attributes each may carry (v1's ``<details>`` is read by
# convert.v1, never written). A tag with any other attribute is HTML someone typed
# (``<p align="center">`` in a README): it stays text, as raw HTML always does.
HOLDERS: dict[str, frozenset[str]] = {
    "toggle": frozenset({"color"}), "callout": frozenset({"icon", "color"}),
    "quote": frozenset({"color"}), "p": frozenset({"color"}), "columns": frozenset(),
    "column": frozenset(), "synced_block": frozenset({"url"}),
    "synced_block_reference": frozenset({"id"})}
_TAG = re.compile(r'<(/?)([a-z_]+)((?:[ \t]+[a-z-]+="[^"]*")*)[ \t]*>\Z', re.IGNORECASE)
ATTR = re.compile(r'([a-z-]+)="([^"]*)"', re.IGNORECASE)
_SPELLINGS = {"colour": "color"}  # the British spelling, read as the guide's
_COLOURED = {"paragraph": "p", "quote": "quote"}  # a colour alone puts these in their tag form


class Tag(NamedTuple):
    name: str
    attrs: dict[str, str]
    closing: bool


def open_tag(name: str, attrs: dict[str, str | None] | None = None) -> str:
    """``<name a="v">`` with the attributes that have a value (``"`` and ``&`` as entities)."""
    said = "".join(f' {k}="{_quoted(v)}"' for k, v in (attrs or {}).items() if v)
    return f"<{name}{said}>"


def _quoted(value: str) -> str:
    return value.replace("&", "&amp;").replace('"', "&quot;")


def tag_line(text: str) -> Tag | None:
    """The holder tag a line is, alone (attributes decoded); None for any other line."""
    match = _TAG.match(text.strip())
    name = match.group(2).lower() if match else ""
    if match is None or name not in HOLDERS or (name == "p" and match.group(2) != "p"):
        return None  # (``<P>`` is HTML someone typed, as ``<p align>`` is)
    attrs = {_SPELLINGS.get(k.lower(), k.lower()): html.unescape(v)
             for k, v in ATTR.findall(match.group(3))}
    if not attrs.keys() <= HOLDERS[name] or (match.group(1) and attrs):
        return None
    return Tag(name, attrs, bool(match.group(1)))


def marks_structure(text: str) -> bool:
    """Whether a block's text, written as typed, would read back as structure: its first line a tag
    line (it would open a block), or its last line (it would close one)."""
    lines = text.strip().split("\n")
    return lines[0].strip() == EMPTY_BLOCK or any(tag_line(line) for line in {lines[0], lines[-1]})


def head(kind: str, payload: dict) -> tuple[str, dict[str, str | None]] | None:
    """The tag a block's own content needs (name, attributes), or None: CommonMark writes it.

    Children are not asked about: a paragraph or an uncoloured quote with children takes its tag
    in render, so that a block's key does not depend on its children.
    """
    colour = colors.to_file(payload.get("color"))
    if kind == "toggle":
        return "toggle", {"color": colour}
    if kind == "callout":
        return "callout", {"icon": icon_attr(payload.get("icon")), "color": colour}
    if kind in _COLOURED and colour:
        return _COLOURED[kind], {"color": colour}
    if kind in ("heading_1", "heading_2", "heading_3") and payload.get("is_toggleable"):
        return "toggle", {"color": colour}
    if kind == "column_list":
        return "columns", {}
    if kind == "column":
        return "column", {}
    if kind == "synced_block":
        source = payload.get("synced_from")
        if not source:
            return "synced_block", {}
        return "synced_block_reference", {"id": source.get("block_id") or "?"}
    return None


def icon_attr(icon: dict | None) -> str | None:
    """A callout icon as the file can say it: its emoji or external URL. An uploaded or custom
    icon has no lasting text form (a signed URL expires): it is left unsaid, and kept."""
    icon = icon or {}
    if icon.get("type") == "emoji" or "emoji" in icon:  # unsaid if it would not read back
        return icon.get("emoji") if api_icon(icon.get("emoji")) else None
    if icon.get("type") == "external":
        return (icon.get("external") or {}).get("url")
    return None


def api_icon(value: str | None) -> dict | None:
    """An ``icon`` attribute as Notion takes it: a web address, or an emoji (Notion takes an emoji
    from its own list: a word, a shortcode or text beside the emoji it refuses); None else."""
    if not value:
        return None
    if value.startswith(("https://", "http://")):
        return {"type": "external", "external": {"url": value}}
    return {"type": "emoji", "emoji": value} if _one_emoji(value) else None


def _one_emoji(value: str) -> bool:
    """What passes for an emoji: no ASCII (but a keycap's digit), no space, and a pictograph or a
    sign made one by VS16 (``ℹ️``, ``‼️``)."""
    keycap = value.endswith("\u20e3")
    rest = value[1:] if keycap else value
    if len(value) > 16 or any(c.isascii() or c.isspace() for c in rest):
        return False
    return keycap or any(unicodedata.category(c) == "So" for c in rest) or (
        len(rest) == 2 and rest[1] == "\ufe0f")


def build(tag: Tag, inner: list[dict]) -> list[dict]:
    """The block(s) a tag block read back stands for; ``inner`` are the blocks between its tags."""
    if tag.name in ("columns", "column", "synced_block", "synced_block_reference"):
        return [_container(tag.name, inner, tag.attrs.get("id"))]
    lead, children = _lead(inner, headings=tag.name == "toggle")
    colour = colors.to_api(tag.attrs.get("color")) or "default"
    if tag.name == "toggle" and lead is not None and lead["type"].startswith("heading_"):
        kind = lead["type"]
        body = {**lead[kind], "is_toggleable": True, "color": colour}
    else:
        kind = {"p": "paragraph"}.get(tag.name, tag.name)
        text = lead["paragraph"]["rich_text"] if lead is not None else []
        body = {"rich_text": text, "color": colour}
        icon = api_icon(tag.attrs.get("icon")) if kind == "callout" else None
        if icon:
            body["icon"] = icon
    if children:
        body["children"] = children
    return [{"object": "block", "type": kind, kind: body}]


def _lead(inner: list[dict], headings: bool) -> tuple[dict | None, list[dict]]:
    """The block's own text and the rest: a first paragraph (or, in a toggle, heading) written as
    plain Markdown (a tag-form block states its colour: it is a child)."""
    kinds = ("paragraph", "heading_1", "heading_2", "heading_3") if headings else ("paragraph",)
    if inner and inner[0]["type"] in kinds:
        first = inner[0][inner[0]["type"]]
        if "children" not in first and "color" not in first:
            return inner[0], inner[1:]
    return None, inner


def _container(name: str, inner: list[dict], source: str | None) -> dict:
    if name == "columns":
        return {"object": "block", "type": "column_list", "column_list": {"children": grouped(inner)}}
    if name == "column":
        return {"object": "block", "type": "column", "column": {"children": inner}}
    origin = {"type": "block_id", "block_id": source} if name == "synced_block_reference" else None
    return {"object": "block", "type": "synced_block",
            "synced_block": {"synced_from": origin, "children": inner}}


def state_removed_colours(blocks: list[dict], base: list[dict]) -> None:
    """Give a plain paragraph or quote whose text the base file (as last synced) showed in a
    coloured tag the default colour: the person removed the tag, and the colour with it. Any other
    plain line leaves its colour unsaid (a file written before the tag forms never showed it)."""
    shown = {_words(b) for b in walk(base) if b["type"] in _COLOURED
             and b[b["type"]].get("color") not in (None, "default")}
    for block in walk(blocks):
        body = block[block["type"]]
        if block["type"] in _COLOURED and "color" not in body and _words(block) in shown:
            body["color"] = "default"


def _words(block: dict) -> str:
    return "".join(item.get("text", {}).get("content", "") for item in
                   block[block["type"]].get("rich_text") or [])


def says_tags(blocks: list[dict]) -> bool:
    """Whether blocks read from a file hold a tag form (else the file may be of the older form)."""
    return any(block["type"] in _TAGGED or "color" in block[block["type"]]
               for block in walk(blocks))


_TAGGED = frozenset({"toggle", "callout", "column_list", "column", "synced_block"})


def grouped(children: list[dict]) -> list[dict]:
    """A column list's children with any other block moved into a column: the one before it, else
    the one after it (a line someone wrote between a ``</column>`` and a ``<column>``). The file is
    read and written through this, so both agree; a list with no column at all is left as it is."""
    if all(block.get("type") == "column" for block in children):
        return children
    columns: list[list[dict]] = []
    stray: list[dict] = []
    for block in children:
        if block.get("type") == "column":
            columns.append(stray + kids(block))
            stray = []
        elif columns:
            columns[-1].append(block)
        else:
            stray.append(block)
    if not columns:
        return children
    return [{"object": "block", "type": "column", "column": {"children": kids}} for kids in columns]

