"""The JSON side of ``notionlog render``: a page body as sync would create it, and back.

Accepted input (text in, text out; no I/O here): ``{"title": ..., "children": [blocks]}`` (what
``render FILE.md`` prints; the title is a string, or rich text when it has marks or links;
``front_matter`` optional), a bare list of block objects, or an API list
response ``{"object": "list", "results": [...]}``; nested blocks carry a top-level ``children`` key.
"""

from __future__ import annotations

import json

from notionlog.convert import to_blocks, to_markdown
from notionlog.errors import BadBlocks


def document_json(markdown: str) -> str:
    """Pretty JSON ``{"title", "children"}`` (plus ``front_matter`` if any) for a Markdown entry."""
    doc = to_blocks(markdown)
    plain = doc.title is None or doc.title_rich_text == [
        {"type": "text", "text": {"content": doc.title}}] or not doc.title
    data: dict = {"title": doc.title if plain else doc.title_rich_text, "children": doc.children}
    if doc.front_matter:
        data["front_matter"] = doc.front_matter
    return json.dumps(data, ensure_ascii=False, indent=2, default=str)


def markdown_from_json(text: str, source: str = "<input>") -> str:
    """Markdown for JSON blocks; BadBlocks (naming ``source``) if it is not that shape."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        raise BadBlocks(source, f"invalid JSON at line {err.lineno}: {err.msg}") from None
    title, front = None, None
    if isinstance(data, dict):
        title, front = data.get("title"), data.get("front_matter")
        data = data.get("children", data.get("results"))
    _check_blocks(data, source, "children")
    if title is not None and not isinstance(title, (str, list)):
        raise BadBlocks(source, "title must be a string or a rich-text list")
    if isinstance(title, list) and not all(isinstance(item, dict) for item in title):
        raise BadBlocks(source, "title must be a string or a rich-text list")
    if front is not None and not isinstance(front, dict):
        raise BadBlocks(source, "front_matter must be an object")
    return to_markdown(data, title, front)


def _check_blocks(blocks: object, source: str, where: str) -> None:
    if not isinstance(blocks, list):
        raise BadBlocks(source, f"{where} must be a list of block objects")
    for index, block in enumerate(blocks):
        if not isinstance(block, dict):
            raise BadBlocks(source, f"{where}[{index}] is not an object")
        kind = block.get("type")
        payload = block.get(kind) if isinstance(kind, str) else None
        if payload is not None and not isinstance(payload, dict):
            raise BadBlocks(source, f"{where}[{index}].{kind} is not an object")
        nested = block.get("children", (payload or {}).get("children"))
        if nested is not None:
            _check_blocks(nested, source, f"{where}[{index}].children")
