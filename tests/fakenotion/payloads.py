"""Per-type block payloads: request fields → the stored response form, for create and update.

Notion's defaults are filled in (contract §6.2): ``color: "default"``, ``icon: null`` on
paragraphs and callouts, ``is_toggleable`` on headings, ``caption: []`` on code and media; code
``language`` must come from the fixed enum; links must be absolute http(s). On update
(``PATCH /v1/blocks/{id}``, §4.3) each given field replaces the stored one and omitted fields stay.
Media payloads are in media.py.
"""

from __future__ import annotations

import unicodedata

from . import richtext
from .apierror import invalid, not_present, one_of, too_long, undefined
from .fields import Context, Spec, allowed, boolean, color, rich
from .languages import LANGUAGES
from .media import media_payload

__all__ = ["APP_ONLY_TYPES", "CREATABLE", "Context", "Spec", "payload_for"]

TEXT_TYPES = (
    "paragraph",
    "heading_1",
    "heading_2",
    "heading_3",
    "heading_4",
    "bulleted_list_item",
    "numbered_list_item",
    "to_do",
    "quote",
    "toggle",
    "callout",
)
MEDIA_TYPES = ("image", "video", "file", "pdf", "audio")
OTHER_TYPES = (
    "code",
    "divider",
    "breadcrumb",
    "table_of_contents",
    "equation",
    "table",
    "table_row",
    "bookmark",
    "embed",
    "link_to_page",
)
CONTAINER_TYPES = ("column_list", "column", "synced_block")
CREATABLE = TEXT_TYPES + MEDIA_TYPES + OTHER_TYPES + CONTAINER_TYPES
# Types the API returns but cannot create: only app content (fixtures) may hold them.
APP_ONLY_TYPES = ("link_preview", "unsupported")


def payload_for(
    kind: str, where: str, body: dict, ctx: Context, *, creating: bool, current: dict | None = None
) -> dict:
    """Response-form payload from request fields; on update, omitted fields keep ``current``."""
    builder = _BUILDERS.get(kind) or (_text_payload if kind in TEXT_TYPES else media_payload)
    return builder(kind, where, body, ctx, creating, current or {})


_EMOJI_PARTS = frozenset(["So", "Sk", "Mn", "Me", "Cf"])  # symbols, skin tones, VS16, keycap, ZWJ


def is_emoji(value: object) -> bool:
    """Roughly "one of Notion's emoji": Notion takes an icon's emoji from a fixed list (its SDK
    types the field as that list), so a word, a shortcode or text beside the emoji is refused."""
    if not isinstance(value, str) or not value or len(value) > 16:
        return False
    keycap = value[0] in "0123456789#*" and "\u20e3" in value
    parts = value[1:] if keycap else value
    if len(parts) == 2 and parts[1] == "\ufe0f" and not parts[0].isascii():
        return True  # a sign made an emoji by VS16: ℹ️ ‼️ 〰️
    return all(unicodedata.category(c) in _EMOJI_PARTS for c in parts) and (
        keycap or any(unicodedata.category(c) == "So" for c in parts))


def _icon(where: str, icon: object) -> dict | None:
    if icon is None:
        return None
    if isinstance(icon, dict) and icon.get("type", "emoji") == "emoji" and is_emoji(icon.get("emoji")):
        return {"type": "emoji", "emoji": icon["emoji"]}
    if isinstance(icon, dict) and isinstance((icon.get("external") or {}).get("url"), str):
        return {"type": "external", "external": {"url": icon["external"]["url"]}}
    raise invalid(where, "an emoji or external icon", icon)


def _text_payload(kind, where, body, ctx, creating, current) -> dict:
    extra = {
        "paragraph": ("icon",),
        "to_do": ("checked",),
        "callout": ("icon",),
        "numbered_list_item": ("list_start_index", "list_format"),
    }.get(kind, ())
    if kind.startswith("heading"):
        extra = ("is_toggleable",)
    allowed(where, body, ("rich_text", "color", *extra))
    out = {"rich_text": rich(where, body, "rich_text", ctx, creating, current)}
    if kind in ("paragraph", "callout"):
        out["icon"] = _icon(f"{where}.icon", body["icon"]) if "icon" in body else current.get("icon")
    if kind == "to_do":
        out["checked"] = boolean(where, body, "checked", current)
    if kind.startswith("heading"):
        out["is_toggleable"] = boolean(where, body, "is_toggleable", current)
    out["color"] = color(where, body, current)
    return out


def _code(kind, where, body, ctx, creating, current) -> dict:
    allowed(where, body, ("rich_text", "language", "caption"))
    language = body.get("language", current.get("language", "plain text"))
    if language not in LANGUAGES:
        raise one_of(f"{where}.language", LANGUAGES, language)
    return {
        "caption": rich(where, body, "caption", ctx, creating, current, required=False),
        "rich_text": rich(where, body, "rich_text", ctx, creating, current),
        "language": language,
    }


def _empty(kind, where, body, ctx, creating, current) -> dict:
    allowed(where, body, ("color",) if kind == "table_of_contents" else ())
    return {"color": color(where, body, current)} if kind == "table_of_contents" else {}


def _equation(kind, where, body, ctx, creating, current) -> dict:
    allowed(where, body, ("expression",))
    expression = body.get("expression", current.get("expression"))
    if not isinstance(expression, str):
        raise (
            undefined(f"{where}.expression")
            if expression is None
            else invalid(f"{where}.expression", "a string", expression)
        )
    length = richtext.utf16_len(expression)
    if length > richtext.MAX_EXPRESSION and not ctx.fixture:
        raise too_long(f"{where}.expression.length", richtext.MAX_EXPRESSION, length)
    return {"expression": expression}


def _table(kind, where, body, ctx, creating, current) -> dict:
    allowed(
        where,
        body,
        ("table_width", "has_column_header", "has_row_header")
        if creating
        else ("has_column_header", "has_row_header"),
    )
    width = body.get("table_width", current.get("table_width"))
    if not isinstance(width, int) or isinstance(width, bool) or width < 1:
        raise (
            undefined(f"{where}.table_width")
            if width is None
            else invalid(f"{where}.table_width", "a positive integer", width)
        )
    return {
        "table_width": width,
        "has_column_header": boolean(where, body, "has_column_header", current),
        "has_row_header": boolean(where, body, "has_row_header", current),
    }


def _table_row(kind, where, body, ctx, creating, current) -> dict:
    allowed(where, body, ("cells",))
    if "cells" not in body:
        if creating:
            raise undefined(f"{where}.cells")
        return {"cells": current["cells"]}
    cells = body["cells"]
    if not isinstance(cells, list):
        raise invalid(f"{where}.cells", "an array", cells)
    return {"cells": [richtext.normalize(f"{where}.cells[{i}]", c, ctx.lookup) for i, c in enumerate(cells)]}


def _bookmark(kind, where, body, ctx, creating, current) -> dict:
    allowed(where, body, ("url", "caption"))
    url = body.get("url", current.get("url"))
    if url is None:
        raise undefined(f"{where}.url")
    url = richtext.check_url(f"{where}.url", url)
    if not richtext.is_web_url(url):
        raise invalid(f"{where}.url", "a valid URL", url)
    return {"caption": rich(where, body, "caption", ctx, creating, current, required=False), "url": url}


def _link_to_page(kind, where, body, ctx, creating, current) -> dict:
    from .clock import normalize_id

    target = next((k for k in ("page_id", "database_id") if k in body), None)
    allowed(where, body, ("type", "page_id", "database_id"))
    if target is None:
        raise undefined(f"{where}.page_id")
    ident = normalize_id(str(body[target]))
    if ident is None:
        raise invalid(f"{where}.{target}", "a valid uuid", body[target])
    return {"type": target, target: ident}


def _link_preview(kind, where, body, ctx, creating, current) -> dict:
    allowed(where, body, ("url",))
    url = richtext.check_url(f"{where}.url", body.get("url", current.get("url")))
    return {"url": url}


def _unsupported(kind, where, body, ctx, creating, current) -> dict:
    allowed(where, body, ())
    return {}


def _column(kind, where, body, ctx, creating, current) -> dict:
    """``column_list`` has no fields; a ``column`` may carry ``width_ratio`` (0 < r ≤ 1)."""
    allowed(where, body, ("width_ratio",) if kind == "column" else ())
    ratio = body.get("width_ratio", current.get("width_ratio"))
    if ratio is None:
        return {}
    if isinstance(ratio, bool) or not isinstance(ratio, (int, float)) or not 0 < ratio <= 1:
        raise invalid(f"{where}.width_ratio", "a number greater than 0 and at most 1", ratio)
    return {"width_ratio": ratio}


def _synced(kind, where, body, ctx, creating, current) -> dict:
    """An original (``synced_from: null``, holds the children) or a duplicate pointing at one.
    Which original a duplicate follows is fixed at creation (re-pointing is refused: unverified)."""
    from .clock import normalize_id

    allowed(where, body, ("synced_from",))
    if not creating:
        if "synced_from" in body:
            raise not_present(f"{where}.synced_from", body["synced_from"])
        return current
    source = body.get("synced_from")
    if source is None:
        return {"synced_from": None}
    raw = source.get("block_id") if isinstance(source, dict) else None
    ident = normalize_id(raw) if isinstance(raw, str) else None
    if ident is None:
        raise invalid(f"{where}.synced_from.block_id", "a valid uuid", raw)
    return {"synced_from": {"type": "block_id", "block_id": ident}}


_BUILDERS = {
    "code": _code,
    "divider": _empty,
    "breadcrumb": _empty,
    "table_of_contents": _empty,
    "equation": _equation,
    "table": _table,
    "table_row": _table_row,
    "bookmark": _bookmark,
    "embed": _bookmark,
    "link_to_page": _link_to_page,
    "column_list": _column,
    "column": _column,
    "synced_block": _synced,
    "link_preview": _link_preview,
    "unsupported": _unsupported,
}
