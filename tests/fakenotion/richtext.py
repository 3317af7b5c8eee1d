"""Rich text: validate request items against Notion's limits and store them in response form.

Limits (contract §5, §6.3): ≤ 100 items per array, ``text.content`` ≤ 2000 UTF-16 code units
(an astral character counts 2), link URLs absolute http(s) and ≤ 2000, ``equation.expression``
≤ 1000. Response items always carry all six annotations, ``plain_text`` and ``href`` (REC).
"""

from __future__ import annotations

from collections.abc import Callable
from contextvars import ContextVar
from urllib.parse import urlsplit

from .apierror import USER_NAMES, ApiError, invalid, one_of, too_long, undefined
from .clock import normalize_id

MAX_ITEMS = 100
MAX_TEXT = 2000
MAX_URL = 2000
MAX_EXPRESSION = 1000
BASE_COLORS = ["default", "gray", "brown", "orange", "yellow", "green", "blue", "purple", "pink", "red"]
COLORS = BASE_COLORS + [f"{c}_background" for c in BASE_COLORS[1:]]
FLAGS = ("bold", "italic", "strikethrough", "underline", "code")
KINDS = ("text", "mention", "equation")

# False while the control surface builds fixture content, which bypasses the API's size limits.
LIMITS = ContextVar("fakenotion_limits", default=True)

# Resolves a mentioned page/database id to (title, url); None when it is not visible.
TitleLookup = Callable[[str], "tuple[str, str] | None"]


def utf16_len(text: str) -> int:
    """Length in UTF-16 code units, how Notion counts the 2000 limit (empirical, contract §5)."""
    return len(text.encode("utf-16-le")) // 2


def is_web_url(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def invalid_link() -> ApiError:
    """The observed message for a relative or non-http link (ISS tryfabric/martian#41)."""
    return ApiError(
        400, "validation_error", "Content creation Failed. Fix the following: \nInvalid URL for link."
    )


def check_url(path: str, url: object) -> str:
    if not isinstance(url, str):
        raise invalid(path, "a string", url)
    if utf16_len(url) > MAX_URL and LIMITS.get():
        raise too_long(f"{path}.length", MAX_URL, utf16_len(url))
    return url


def normalize(path: str, items: object, lookup: TitleLookup | None = None) -> list[dict]:
    """Validate a request rich-text array at ``path`` and return it in response form."""
    if not isinstance(items, list):
        raise invalid(path, "an array", items)
    if len(items) > MAX_ITEMS and LIMITS.get():
        raise too_long(f"{path}.length", MAX_ITEMS, len(items))
    return [_item(f"{path}[{i}]", item, lookup) for i, item in enumerate(items)]


def _item(path: str, item: object, lookup: TitleLookup | None) -> dict:
    if not isinstance(item, dict):
        raise invalid(path, "an object", item)
    kind = item.get("type") or next((k for k in KINDS if k in item), None)
    if kind not in KINDS:
        raise (
            one_of(f"{path}.type", list(KINDS), item.get("type"))
            if "type" in item
            else undefined(f"{path}.text")
        )
    if kind not in item:
        raise undefined(f"{path}.{kind}")
    for key in ("plain_text", "href"):  # response fields: unverified that a request may hold them
        if key in item and LIMITS.get():  # (the control surface takes response shapes)
            raise invalid(f"{path}.{key}", "not present", item[key])
    annotations = _annotations(f"{path}.annotations", item.get("annotations", {}))
    body, plain, href = {"text": _text, "mention": _mention, "equation": _equation}[kind](
        f"{path}.{kind}", item[kind], lookup
    )
    return {"type": kind, kind: body, "annotations": annotations, "plain_text": plain, "href": href}


def _annotations(path: str, given: object) -> dict:
    if not isinstance(given, dict):
        raise invalid(path, "an object", given)
    result = {flag: False for flag in FLAGS}
    result["color"] = "default"
    for key, value in given.items():
        if key in FLAGS:
            if not isinstance(value, bool):
                raise invalid(f"{path}.{key}", "a boolean", value)
            result[key] = value
        elif key == "color":
            if value not in COLORS:
                raise one_of(f"{path}.color", COLORS, value)
            result["color"] = value
        else:
            raise invalid(f"{path}.{key}", "not present", value)
    return result


def _text(path: str, text: object, _lookup: TitleLookup | None) -> tuple[dict, str, str | None]:
    if not isinstance(text, dict):
        raise invalid(path, "an object", text)
    content = text.get("content")
    if "content" not in text:
        raise undefined(f"{path}.content")
    if not isinstance(content, str):
        raise invalid(f"{path}.content", "a string", content)
    if utf16_len(content) > MAX_TEXT and LIMITS.get():
        raise too_long(f"{path}.content.length", MAX_TEXT, utf16_len(content))
    link = text.get("link")
    if link is not None:
        if not isinstance(link, dict) or "url" not in link:
            raise invalid(f"{path}.link", "an object with a url", link)
        url = check_url(f"{path}.link.url", link["url"])
        if not is_web_url(url):
            raise invalid_link()
        link = {"url": url}
    return {"content": content, "link": link}, content, (link or {}).get("url")


def _equation(path: str, body: object, _lookup: TitleLookup | None) -> tuple[dict, str, None]:
    expression = body.get("expression") if isinstance(body, dict) else None
    if not isinstance(expression, str):
        raise invalid(f"{path}.expression", "a string", expression)
    if utf16_len(expression) > MAX_EXPRESSION and LIMITS.get():
        raise too_long(f"{path}.expression.length", MAX_EXPRESSION, utf16_len(expression))
    return {"expression": expression}, expression, None


def _mention(path: str, body: object, lookup: TitleLookup | None) -> tuple[dict, str, str | None]:
    if not isinstance(body, dict):
        raise invalid(path, "an object", body)
    kind = body.get("type") or next(
        (k for k in ("date", "page", "database", "user", "link_preview") if k in body), None
    )
    if kind == "date":
        return _date_mention(f"{path}.date", body.get("date"))
    if kind in ("page", "database"):
        target = body.get(kind)
        ident = target.get("id") if isinstance(target, dict) else None
        if not isinstance(ident, str):
            raise undefined(f"{path}.{kind}.id")
        found = lookup(normalize_id(ident) or "") if lookup else None
        if found is None and lookup is not None and LIMITS.get():
            # Unverified how Notion answers a mention of an object the integration cannot see: refuse.
            raise ApiError(
                400,
                "validation_error",
                f"Could not find {kind} with ID: {ident}. Make sure the "
                "relevant pages and databases are shared with your integration.",
            )
        title, url = found if found else ("Untitled", None)
        return {"type": kind, kind: {"id": normalize_id(ident) or ident}}, title, url
    if kind == "user":
        target = body.get("user")
        ident = target.get("id") if isinstance(target, dict) else None
        if not isinstance(ident, str):
            raise undefined(f"{path}.user.id")
        name = USER_NAMES.get(normalize_id(ident) or "")
        return {"type": "user", "user": {"object": "user", "id": ident}}, f"@{name or 'Anonymous'}", None
    if kind == "link_preview":
        url = check_url(f"{path}.link_preview.url", (body.get("link_preview") or {}).get("url"))
        return {"type": "link_preview", "link_preview": {"url": url}}, url, url
    raise one_of(f"{path}.type", ["date", "page", "database", "user", "link_preview"], kind)


def _date_mention(path: str, date: object) -> tuple[dict, str, None]:
    from .clock import parse_instant

    if not isinstance(date, dict) or not isinstance(date.get("start"), str):
        raise undefined(f"{path}.start")
    if parse_instant(date["start"]) is None:
        raise invalid(f"{path}.start", "a valid ISO 8601 date string", date["start"])
    end = date.get("end")
    value = {"start": date["start"], "end": end, "time_zone": date.get("time_zone")}
    plain = date["start"] if end is None else f"{date['start']} → {end}"
    return {"type": "date", "date": value}, plain, None


def plain(items: list[dict]) -> str:
    return "".join(item["plain_text"] for item in items)


def simple(content: str) -> list[dict]:
    """Response-form rich text for a plain string (titles created through the control surface)."""
    return normalize("body.title", [{"text": {"content": content}}]) if content else []
