"""A small stand-in for ``GET/PATCH /v1/pages/{id}/markdown``: the answer's shape is Notion's, its
Markdown is NOT Notion's rendering. It is deterministic (the same content always reads the same; any
edit a person can make changes it), so a client may hash it as a fingerprint; a client must never
parse it or compare it with what Notion answers.

GET renders every block one per line, children indented with a tab, a synced duplicate through its
original (REC test_pages_update_markdown: inserting ``"## New Section\\n\\nHello from markdown."``
reads back as ``"## New Section\\nHello from markdown."``). Whatever a person can change shows:
annotations, links, mentions and equations in the text; a block's colour, checkbox, icon, URL and
other fields as a JSON object after the line; blocks without a Markdown form as ``<type>`` tags.
Uploaded files show their path without the signature, so a page reads the same until it changes
(whether Notion's own answer embeds the one-hour signed URL is unverified).
PATCH supports ``insert_content`` (appended at the end) and ``replace_content``; the other
operations answer 400 ``invalid_request``.
"""

from __future__ import annotations

import json
import re

from . import render, richtext
from .apierror import ApiError, invalid, undefined
from .blocks import Spec
from .request import Request
from .store import Block, Page

PREFIXES = {
    "heading_1": "# ",
    "heading_2": "## ",
    "heading_3": "### ",
    "heading_4": "#### ",
    "bulleted_list_item": "- ",
    "numbered_list_item": "1. ",
    "quote": "> ",
    "paragraph": "",
}
LINE = re.compile(r"^(#{1,4} |- \[[ x]\] |- |\d+\. |> )?(.*)$")


MARKS = (("code", "`"), ("bold", "**"), ("italic", "*"), ("strikethrough", "~~"))
QUIET = ("rich_text", "caption", "cells")  # rendered as text, not as fields


def _text(items: list[dict]) -> str:
    return "".join(_run(item) for item in items)


def _run(item: dict) -> str:
    """One rich-text item with everything that can be edited about it."""
    kind = item.get("type", "text")
    if kind == "mention":
        mention = item["mention"]
        text = f"<mention-{mention['type']} {json.dumps(mention[mention['type']], sort_keys=True)}>"
    elif kind == "equation":
        text = f"${item['equation']['expression']}$"
    else:
        text = item["plain_text"]
    notes = item.get("annotations") or {}
    for flag, mark in MARKS:
        if notes.get(flag):
            text = f"{mark}{text}{mark}"
    if notes.get("underline"):
        text = f"<u>{text}</u>"
    if notes.get("color", "default") != "default":
        text = f'<span color="{notes["color"]}">{text}</span>'
    return f"[{text}]({item['href']})" if item.get("href") and kind == "text" else text


def _fields(block: Block) -> str:
    """The block's other fields, defaults left out, in a fixed order (a to-do's box is its prefix)."""
    payload = render.hosted_path(block.payload)
    quiet = QUIET + ("checked",) if block.type == "to_do" else QUIET
    shown = {
        key: value
        for key, value in sorted(payload.items())
        if key not in quiet and value not in (None, False, "default", [], {})
    }
    extra = " " + json.dumps(shown, sort_keys=True, ensure_ascii=False) if shown else ""
    caption = _text(payload.get("caption") or [])
    cells = " | ".join(_text(cell) for cell in payload.get("cells", []))
    return extra + (f" <caption>{caption}</caption>" if caption else "") + (f"| {cells} |" if cells else "")


def _line(block: Block) -> str:
    text = _text(block.payload.get("rich_text", []))
    if block.type == "to_do":
        prefix = "- [x] " if block.payload["checked"] else "- [ ] "
    elif block.type == "divider":
        prefix = "---"
    else:
        prefix = PREFIXES.get(block.type, f"<{block.type}>")
    return prefix + text + _fields(block)


def _lines(store, parent, depth: int) -> list[str]:
    out = []
    for child in store.live_children(parent):
        if not isinstance(child, Block):
            out.append("\t" * depth + f'<page url="{child.id}">{store.plain_title(child)}</page>')
            continue
        out.append("\t" * depth + _line(child))
        out.extend(_lines(store, child, depth + 1))
    return out


def _answer(store, page: Page) -> dict:
    return {
        "object": "page_markdown",
        "id": page.id,
        "markdown": "\n".join(_lines(store, page, 0)),
        "truncated": False,
        "unknown_block_ids": [],
    }


def _spec(line: str) -> Spec:
    prefix, text = LINE.match(line).groups()
    rich = richtext.normalize("body.content", [{"text": {"content": text}}] if text else [])
    kinds = {v: k for k, v in PREFIXES.items() if v}
    if prefix and prefix.startswith("- ["):
        return Spec("to_do", {"rich_text": rich, "checked": "x" in prefix, "color": "default"})
    kind = kinds.get(prefix or "", "numbered_list_item" if prefix else "paragraph")
    payload = {"rich_text": rich, "color": "default"}
    if kind == "paragraph":
        payload = {"rich_text": rich, "icon": None, "color": "default"}
    elif kind.startswith("heading"):
        payload = {"rich_text": rich, "is_toggleable": False, "color": "default"}
    return Spec(kind, payload)


def retrieve(req: Request, page_id: str) -> dict:
    page = req.store.need(req.path_id(page_id, "page_id"), "page", Page)
    return _answer(req.store, page)


def update(req: Request, page_id: str) -> dict:
    store = req.store
    page = store.need(req.path_id(page_id, "page_id"), "page", Page)
    kind = req.body.get("type")
    if kind is None:
        raise undefined("body.type")
    if kind not in ("insert_content", "replace_content"):
        raise ApiError(400, "invalid_request", f"Unsupported request: markdown {kind} (not emulated).")
    spec = req.body.get(kind)
    key = "content" if kind == "insert_content" else "new_str"
    if not isinstance(spec, dict) or not isinstance(spec.get(key), str):
        given = spec.get(key) if isinstance(spec, dict) else spec
        raise invalid(f"body.{kind}.{key}", "a string", given)
    store.refuse_if_trashed(page, "page")
    if kind == "replace_content":
        store.erase_content(page)
    specs = [_spec(line) for line in spec[key].split("\n") if line.strip()]
    store.insert_blocks(page, specs)
    return _answer(store, page)


ROUTES = [
    ("GET", r"/v1/pages/(?P<page_id>[^/]+)/markdown", retrieve),
    ("PATCH", r"/v1/pages/(?P<page_id>[^/]+)/markdown", update),
]
