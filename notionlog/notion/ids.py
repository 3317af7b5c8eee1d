"""Notion ids from whatever a user pastes.

notion-client's ``extract_notion_id`` rejects ``*.notion.site`` and ``app.notion.com`` URLs
(docs/notion-contract.md §1.6), so we parse ourselves. Rules (docs/notion-contract.md §8):

* a bare id, 32 hex digits with or without the 8-4-4-4-12 dashes, any case;
* a URL whose last path segment ends in an id (``…/Title-<32hex>``, ``…/<32hex>?v=<view>``): the
  path id is the database or page; the ``v=`` view id is never it;
* with ``prefer_page``, a peeked page ``?p=<32hex>`` wins over the path (the path is then the
  database the page was opened from);
* fragments (``#<block id>``) are ignored.

Ids are returned lowercase and dashed, the form the API itself emits.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

from notionlog.errors import BadNotionRef

_HEX32 = r"[0-9a-fA-F]{32}"
_DASHED = r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"
ID_PATTERN = rf"(?:{_DASHED}|{_HEX32})"  # an id, compact or dashed, any case
_BARE = re.compile(ID_PATTERN)
_SCHEMELESS = re.compile(r"^(?:www\.|app\.)?notion\.(?:so|site|com)/|^[\w-]+\.notion\.site/")
_TAIL = re.compile(rf"(?:^|[-_])({ID_PATTERN})$")  # an id closing a path segment


def dashed(raw: str) -> str:
    """``raw`` (32 hex, dashed or not) as the API's lowercase 8-4-4-4-12 form."""
    h = raw.replace("-", "").lower()
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


def as_id(raw: str) -> str | None:
    """``raw`` as the API's id form if it is a bare id (compact or dashed), else None."""
    raw = raw.strip()
    return dashed(raw) if _BARE.fullmatch(raw) else None


def segment_id(segment: str) -> str | None:
    """The id closing a URL path segment (``Title-<id>`` or ``<id>``), dashed; None if none."""
    found = _TAIL.search(segment)
    return dashed(found.group(1)) if found else None


def compact(object_id: str) -> str:
    """The 32-hex form of an id, as Notion puts it in URLs."""
    return object_id.replace("-", "").lower()


def page_url(object_id: str) -> str:
    """A URL that opens the page (or database) in Notion."""
    return "https://www.notion.so/" + compact(object_id)


def parse_id(ref: str, *, kind: str = "database", prefer_page: bool = False) -> str:
    """The object id in ``ref`` (an id or a Notion URL); :class:`BadNotionRef` if there is none."""
    text = ref.strip().strip("<>\"'")
    if _BARE.fullmatch(text):
        return dashed(text)
    if "://" not in text and _SCHEMELESS.match(text):
        text = "https://" + text
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise BadNotionRef(value=ref, kind=kind)
    query = parse_qs(parts.query)
    if prefer_page:
        for value in query.get("p", []):
            if _BARE.fullmatch(value):
                return dashed(value)
    for segment in reversed([s for s in parts.path.split("/") if s]):
        found = segment_id(segment)
        if found:
            return found
    for key in ("database_id", "page_id", "p"):
        for value in query.get(key, []):
            if _BARE.fullmatch(value):
                return dashed(value)
    raise BadNotionRef(value=ref, kind=kind)
