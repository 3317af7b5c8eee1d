"""Find the Notion pages a journal entry refers to.

``notion_client.helpers.extract_notion_id`` only knows ``notion.so`` and the bare ``notion.site``
host, so ``https://<sub>.notion.site/...`` (public pages, the seed's form) and
``https://app.notion.com/p/...`` (what the API itself returns in ``url`` since 2026) come back as
``None``. This module is our own parser, written from the URL forms listed in
docs/notion-contract.md §8:

* the page is named by the id at the end of the last path segment (``Title-<id>`` or ``<id>``,
  32 hex digits, compact or dashed); the title part is ignored;
* ``?p=<id>`` (a page peeked from a database view) wins over the path, whose id is then the
  database's;
* ``#<id>`` / ``#block-<id>`` anchors point at a block *inside* the page: the page is the target;
* ``?v=<view>`` without ``p=`` is a database view: reported with ``kind="database"``;
* file and image proxies (``file.notion.so``, ``/image/``, ``/f/``, ``/signed/``) are not pages.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import parse_qs, unquote, urlsplit

from notionlog.notion.ids import as_id, segment_id

# URLs in Markdown: bare, in <...> or in [text](...). Stop at whitespace, brackets and quotes.
_URL = re.compile(r"(?:https?|notion)://[^\s<>()\[\]\"'`]+", re.IGNORECASE)
_TRAILING = ".,;:!?*_~"
# Hosts that serve pages; other *.notion.so hosts (file.notion.so, img...) serve files.
_PAGE_HOSTS = {"notion.so", "www.notion.so", "notion.site", "app.notion.com", "www.notion.com"}
_FILE_PATHS = ("/image/", "/f/", "/signed/", "/front-static/")


@dataclass(frozen=True)
class NotionRef:
    """One reference to a Notion object: its dashed lowercase id and what the URL says it is."""

    id: str
    kind: str = "page"  # "page" or "database" (a ?v= view URL)


def _is_page_host(host: str) -> bool:
    return host in _PAGE_HOSTS or host.endswith(".notion.site")


def parse_url(url: str) -> NotionRef | None:
    """The Notion object a URL (or a bare id) points at, or None if it is not a Notion page URL."""
    bare = as_id(url)
    if bare:
        return NotionRef(bare)
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower()
    if parts.scheme.lower() == "notion":  # app deep links: notion://www.notion.so/...
        host = host or "www.notion.so"
    if not _is_page_host(host) or parts.path.startswith(_FILE_PATHS):
        return None
    query = parse_qs(parts.query)
    peeked = as_id((query.get("p") or [""])[0])
    if peeked:
        return NotionRef(peeked)
    segment = unquote(parts.path.rstrip("/").rsplit("/", 1)[-1])
    found = segment_id(segment)
    if not found:
        return None
    return NotionRef(found, "database" if "v" in query else "page")


def find_refs(markdown: str) -> list[NotionRef]:
    """Every Notion reference in a Markdown text, in order of first appearance, without repeats.

    Page mentions come back from Notion as links to the page's URL (the converter renders them as
    ``[title](url)``), so they are found by the same scan.
    """
    seen: dict[str, NotionRef] = {}
    for match in _URL.finditer(markdown):
        ref = parse_url(match.group(0).rstrip(_TRAILING))
        if ref and ref.id not in seen:
            seen[ref.id] = ref
    return list(seen.values())
