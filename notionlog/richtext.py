"""Notion rich text and page titles as plain text: the one home for reading them (no SDK needed).

Works on both shapes the code meets: API responses (each item has ``plain_text``) and request
bodies built here (``text.content`` / ``equation.expression``, no ``plain_text``).
"""

from __future__ import annotations


def plain_text(rich_text: list[dict] | None) -> str:
    """The visible text of a rich-text array, in either shape."""
    return "".join(map(_item_text, rich_text or []))


def _item_text(item: dict) -> str:
    text = item.get("plain_text")
    if text is not None:
        return text
    if "equation" in item:
        return (item.get("equation") or {}).get("expression", "")
    return (item.get("text") or {}).get("content", "")


def title_rich_text(page: dict) -> list[dict]:
    """The rich text of a page's title property, whatever that property is called ([] if none)."""
    for prop in (page.get("properties") or {}).values():
        if isinstance(prop, dict) and prop.get("type") == "title":
            return prop.get("title") or []
    return []


def page_title(page: dict) -> str:
    """The plain text of a page's title property."""
    return plain_text(title_rich_text(page))
