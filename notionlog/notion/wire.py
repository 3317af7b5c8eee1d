"""Request bodies as sent: without the visible text the converter keeps on a mention.

A mention parsed from the file carries ``plain_text`` (its words as the file shows them), so the
block it is in reads the same as the page's block and is left alone. The API's request shape has
no such field (docs/notion-contract.md, rich text request items); it is removed here, at the one
door every block and property write passes through.
"""

from __future__ import annotations

from typing import Any


def outgoing(value: Any) -> Any:
    """``value`` with ``plain_text`` removed from every mention item in it (a copy where changed)."""
    if isinstance(value, list):
        return [outgoing(item) for item in value]
    if not isinstance(value, dict):
        return value
    if value.get("type") == "mention" and "plain_text" in value:
        return {key: item for key, item in value.items() if key != "plain_text"}
    return {key: outgoing(item) for key, item in value.items()}
