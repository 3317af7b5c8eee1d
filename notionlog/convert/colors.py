"""Notion colour names between the API and the entry file: the one place they are mapped.

The API spells a background ``red_background``; Notion-flavored Markdown writes it ``red_bg``
(developer guide "Enhanced markdown", Colors). Text colours are the same in both. ``default`` is
no colour: it has no file form (the attribute is left out).
"""

from __future__ import annotations

BASE = ("gray", "brown", "orange", "yellow", "green", "blue", "purple", "pink", "red")
_TO_FILE = {**{c: c for c in BASE}, **{f"{c}_background": f"{c}_bg" for c in BASE}}
_TO_API = {file: api for api, file in _TO_FILE.items()}


def to_file(api_color: str | None) -> str | None:
    """``red_background`` -> ``red_bg``; None for ``default``, None and a name Notion lacks."""
    return _TO_FILE.get(api_color or "")


def to_api(file_color: str | None) -> str | None:
    """``red_bg`` -> ``red_background`` (the API's own spelling is read too); None if unknown."""
    if not file_color:
        return None
    return _TO_API.get(file_color) or (file_color if file_color in _TO_FILE else None)
