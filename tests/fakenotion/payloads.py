"""Per-type block payloads: request fields → the stored response form, for create and update.

Notion's defaults are filled in (notion-api.md §6.2): ``color: "default"``, ``icon: null`` on
paragraphs and callouts, ``is_toggleable`` on headings, ``caption: []`` on code and media; code
``language`` must come from the fixed enum; links and media URLs must be absolute http(s). On update
(``PATCH /v1/blocks/{id}``, §4.3) each given field replaces the stored one and omitted fields stay.
Fixture content (``Context.fixture``) may carry hosted file bytes (``data_base64``).
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from . import richtext
from .apierror import ApiError, invalid, not_present, one_of, too_long, undefined
from .languages import LANGUAGES

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


@dataclass
class Spec:
    """A block to create: its type, response-form payload and children."""

    type: str
    payload: dict
    children: list[Spec] = field(default_factory=list)


@dataclass
class Context:
    """What parsing needs from the store; ``fixture`` relaxes limits and allows hosted file data."""

    lookup: richtext.TitleLookup | None = None
    add_file: Callable[[bytes, str], str] | None = None
    fixture: bool = False
    attach: Callable[[str, str, object], str] | None = None  # (block type, path, upload id) → file id


def payload_for(
    kind: str, where: str, body: dict, ctx: Context, *, creating: bool, current: dict | None = None
) -> dict:
    """Response-form payload from request fields; on update, omitted fields keep ``current``."""
    builder = _BUILDERS.get(kind) or (_text_payload if kind in TEXT_TYPES else _media_payload)
    return builder(kind, where, body, ctx, creating, current or {})


def _allowed(where: str, body: dict, keys: tuple[str, ...]) -> None:
    for key, value in body.items():
        if key not in keys:
            raise not_present(f"{where}.{key}", value)


def _color(where: str, body: dict, current: dict) -> str:
    color = body.get("color", current.get("color", "default"))
    if color not in richtext.COLORS:
        raise one_of(f"{where}.color", richtext.COLORS, color)
    return color


def _bool(where: str, body: dict, key: str, current: dict) -> bool:
    value = body.get(key, current.get(key, False))
    if not isinstance(value, bool):
        raise invalid(f"{where}.{key}", "a boolean", value)
    return value


def _rich(
    where: str, body: dict, key: str, ctx: Context, creating: bool, current: dict, required: bool = True
) -> list[dict]:
    if key in body:
        return richtext.normalize(f"{where}.{key}", body[key], ctx.lookup)
    if creating and required:
        raise undefined(f"{where}.{key}")
    return current.get(key, [])


def _icon(where: str, icon: object) -> dict | None:
    if icon is None:
        return None
    if isinstance(icon, dict) and icon.get("type", "emoji") == "emoji" and isinstance(icon.get("emoji"), str):
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
    _allowed(where, body, ("rich_text", "color", *extra))
    out = {"rich_text": _rich(where, body, "rich_text", ctx, creating, current)}
    if kind in ("paragraph", "callout"):
        out["icon"] = _icon(f"{where}.icon", body["icon"]) if "icon" in body else current.get("icon")
    if kind == "to_do":
        out["checked"] = _bool(where, body, "checked", current)
    if kind.startswith("heading"):
        out["is_toggleable"] = _bool(where, body, "is_toggleable", current)
    out["color"] = _color(where, body, current)
    return out


def _code(kind, where, body, ctx, creating, current) -> dict:
    _allowed(where, body, ("rich_text", "language", "caption"))
    language = body.get("language", current.get("language", "plain text"))
    if language not in LANGUAGES:
        raise one_of(f"{where}.language", LANGUAGES, language)
    return {
        "caption": _rich(where, body, "caption", ctx, creating, current, required=False),
        "rich_text": _rich(where, body, "rich_text", ctx, creating, current),
        "language": language,
    }


def _empty(kind, where, body, ctx, creating, current) -> dict:
    _allowed(where, body, ("color",) if kind == "table_of_contents" else ())
    return {"color": _color(where, body, current)} if kind == "table_of_contents" else {}


def _equation(kind, where, body, ctx, creating, current) -> dict:
    _allowed(where, body, ("expression",))
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
    _allowed(
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
        "has_column_header": _bool(where, body, "has_column_header", current),
        "has_row_header": _bool(where, body, "has_row_header", current),
    }


def _table_row(kind, where, body, ctx, creating, current) -> dict:
    _allowed(where, body, ("cells",))
    if "cells" not in body:
        if creating:
            raise undefined(f"{where}.cells")
        return {"cells": current["cells"]}
    cells = body["cells"]
    if not isinstance(cells, list):
        raise invalid(f"{where}.cells", "an array", cells)
    return {"cells": [richtext.normalize(f"{where}.cells[{i}]", c, ctx.lookup) for i, c in enumerate(cells)]}


def _bookmark(kind, where, body, ctx, creating, current) -> dict:
    _allowed(where, body, ("url", "caption"))
    url = body.get("url", current.get("url"))
    if url is None:
        raise undefined(f"{where}.url")
    url = richtext.check_url(f"{where}.url", url)
    if not richtext.is_web_url(url):
        raise invalid(f"{where}.url", "a valid URL", url)
    return {"caption": _rich(where, body, "caption", ctx, creating, current, required=False), "url": url}


def _link_to_page(kind, where, body, ctx, creating, current) -> dict:
    from .clock import normalize_id

    target = next((k for k in ("page_id", "database_id") if k in body), None)
    _allowed(where, body, ("type", "page_id", "database_id"))
    if target is None:
        raise undefined(f"{where}.page_id")
    ident = normalize_id(str(body[target]))
    if ident is None:
        raise invalid(f"{where}.{target}", "a valid uuid", body[target])
    return {"type": target, target: ident}


def _media_payload(kind, where, body, ctx, creating, current) -> dict:
    source = body.get("type") or next((k for k in ("external", "file", "file_upload") if k in body), None)
    hosted = ("data_base64",) if ctx.fixture else ()  # fixture content may carry the file's bytes
    _allowed(where, body, ("type", "external", "file", "file_upload", "caption", "name", *hosted))
    caption = _rich(where, body, "caption", ctx, creating, current, required=False)
    if source is None and not creating:
        return {**current, "caption": caption}
    if source == "external":
        url = richtext.check_url(f"{where}.external.url", (body.get("external") or {}).get("url"))
        if not richtext.is_web_url(url):
            raise invalid(f"{where}.external.url", "a valid URL", url)
        if kind == "image" and not ctx.fixture and not is_image_url(url):
            raise invalid_image()
        return {"caption": caption, "type": "external", "external": {"url": url}}
    if source == "file" and ctx.fixture and ctx.add_file is not None:
        return {"caption": caption, "type": "file", "file": {"file_id": _hosted(where, body, ctx)}}
    if source == "file_upload" and ctx.attach is not None:
        file_id = ctx.attach(kind, where, (body.get("file_upload") or {}).get("id"))
        return {"caption": caption, "type": "file", "file": {"file_id": file_id}}
    if source == "file_upload":
        raise ApiError(400, "validation_error", "File uploads are not emulated here (app content).")
    raise undefined(f"{where}.external")


# The image block reference's supported file types. Notion refuses other external image URLs; which
# URLs exactly is unverified, so the unkind reading: the URL's *path* must end with one of these
# (case-insensitive). A query string does not count — ``…/640?wx_fmt=gif`` was refused
# (ramnes/notion-sdk-py#214) — and neither does a path without an extension (``…/photo``).
IMAGE_EXTENSIONS = (".bmp", ".gif", ".heic", ".jpeg", ".jpg", ".png", ".svg", ".tif", ".tiff")


def is_image_url(url: str) -> bool:
    return urlsplit(url).path.lower().endswith(IMAGE_EXTENSIONS)


def invalid_image() -> ApiError:
    """The observed answer (ramnes/notion-sdk-py#214), line break included."""
    return ApiError(
        400, "validation_error", "Content creation Failed. Fix the following: \nInvalid image url."
    )


def _hosted(where: str, body: dict, ctx: Context) -> str:
    spec = body.get("file") or {}
    data, name = spec.get("data_base64", body.get("data_base64")), spec.get("name", body.get("name", "file"))
    try:
        raw = base64.b64decode(data or "", validate=True)
    except (binascii.Error, TypeError) as exc:
        raise invalid(f"{where}.file.data_base64", "base64 data", data) from exc
    return ctx.add_file(raw, str(name))


def _column(kind, where, body, ctx, creating, current) -> dict:
    """``column_list`` has no fields; a ``column`` may carry ``width_ratio`` (0 < r ≤ 1)."""
    _allowed(where, body, ("width_ratio",) if kind == "column" else ())
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

    _allowed(where, body, ("synced_from",))
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
}
