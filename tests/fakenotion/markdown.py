"""A small stand-in for ``GET/PATCH /v1/pages/{id}/markdown``: the answer's shape is Notion's, its
Markdown is NOT Notion's rendering. It is deterministic (the same content always reads the same, any
change to a rendered block's text or type changes it), so a client may hash it as a fingerprint;
a client must never parse it or compare it with what Notion answers.

GET renders text blocks one per line (REC test_pages_update_markdown: inserting
``"## New Section\\n\\nHello from markdown."`` reads back as ``"## New Section\\nHello from markdown."``);
children are indented with a tab; blocks it cannot render are listed in ``unknown_block_ids``.
PATCH supports ``insert_content`` (appended at the end) and ``replace_content``; the other
operations answer 400 ``invalid_request``.
"""

from __future__ import annotations

import re

from . import richtext
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


def _lines(store, parent, depth: int, unknown: list[str]) -> list[str]:
    out = []
    for child in store.live_children(parent):
        if not isinstance(child, Block):
            out.append("\t" * depth + f'<page url="{child.id}">{store.plain_title(child)}</page>')
            continue
        text = richtext.plain(child.payload.get("rich_text", []))
        if child.type == "to_do":
            prefix = "- [x] " if child.payload["checked"] else "- [ ] "
        elif child.type == "divider":
            prefix, text = "---", ""
        elif child.type in PREFIXES:
            prefix = PREFIXES[child.type]
        else:
            unknown.append(child.id)
            continue
        out.append("\t" * depth + prefix + text)
        out.extend(_lines(store, child, depth + 1, unknown))
    return out


def _answer(store, page: Page) -> dict:
    unknown: list[str] = []
    text = "\n".join(_lines(store, page, 0, unknown))
    return {
        "object": "page_markdown",
        "id": page.id,
        "markdown": text,
        "truncated": False,
        "unknown_block_ids": unknown,
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
