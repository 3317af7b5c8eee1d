"""The Notion side: the only package that imports notion_client.

Public API (the sync engine and ``notionlog init`` code against these names)::

    connect(settings, transport=None) -> NotionAPI
    NotionAPI.requests_sent, .requests_retried, .downloads_sent, .server_time, .me(),
    .resolve_database(ref),
        .create_database(parent_page, title), .ensure_properties(db, props),
        .query(data_source_id, filter=None, sorts=None), .retrieve_page(id),
        .update_page(id, properties=None, in_trash=None), .new_page(data_source_id, props, children),
        .page_markdown(id), .list_children(id), .append_children(parent, children, after, at_start),
        .update_block(id, kind, body), .delete_block(id), .fetch_blocks(id), .download(url),
        .upload_file(name, data, content_type), .close()
    writer.create_page(api, data_source_id, properties, children) -> (page, tree)
    update.update_blocks(api, page_id, old, new, key) -> tree
    Database(database_id, data_source_id, title, properties, parent_id=None)
    parse_id(ref, kind="database", prefer_page=False)

Only ``api.py`` calls the SDK; ``writer`` and ``update`` are algorithms over its few block
operations (:class:`notionlog.notion.writer.Door`). Trees are lists of blocks whose children sit
under each block's ``"children"`` key. Trees returned by create_page/update_blocks are nodes
``{"type", <type>: payload, "id", "children"}``; ``"id"`` is None for blocks Notion wrote nested
without telling us their id (update_blocks finds those by listing when it needs them). Importing
this package is cheap: httpx and notion_client load in ``connect``.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from notionlog.errors import NotionAuth
from notionlog.notion.ids import parse_id
from notionlog.notion.model import Database

if TYPE_CHECKING:
    import httpx

    from notionlog.notion.api import NotionAPI
    from notionlog.settings import Settings

__all__ = ["Database", "NotionAPI", "connect", "parse_id"]

TIMEOUT_MS = 60_000  # Notion itself gives up on a request after 60 s
# The API version every request names. Pinned here, never the SDK's default: a later version
# changes shapes we rely on (2026-03-11 removes ``after`` on appends and ``archived``).
NOTION_VERSION = "2025-09-03"


NOTICE_AFTER = 5.0  # a wait (Retry-After, back-off) at least this long is announced
# Called with the seconds about to be waited, before each such wait; the CLI registers the one that
# tells the user (a persistent 429 can otherwise mean minutes of silence).
WAIT_LISTENERS: list[Callable[[float], None]] = []


def _announced(sleep: Callable[[float], None]) -> Callable[[float], None]:
    def wait(seconds: float) -> None:
        if seconds >= NOTICE_AFTER:
            for listener in WAIT_LISTENERS:
                listener(seconds)
        sleep(seconds)

    return wait


def connect(settings: Settings, transport: httpx.BaseTransport | None = None, *,
            clock=None, sleep=None, burst: float = 1.0) -> NotionAPI:
    """A NotionAPI for ``settings`` (token, base_url, max_rps); NotionAuth(missing=True) if no token.

    ``transport`` replaces the network (tests: ``httpx.WSGITransport``/``MockTransport``); ``clock``
    and ``sleep`` replace time for the pacer and the retries; long waits are announced to
    :data:`WAIT_LISTENERS`.
    """
    # Deferred so that importing this package stays cheap (logging, httpx, notion_client load here).
    import logging

    import httpx
    from notion_client import Client

    from notionlog.notion.api import NotionAPI
    from notionlog.notion.failures import RedactTokens
    from notionlog.notion.transport import Pacer, SeamTransport

    if not settings.token:
        raise NotionAuth(missing=True)
    sleep = _announced(sleep or time.sleep)
    inner = transport or httpx.HTTPTransport(retries=0)
    pacer = Pacer(settings.max_rps, burst=burst, clock=clock or time.monotonic, sleep=sleep)
    seam = SeamTransport(inner, pacer, sleep=sleep)
    logger = logging.getLogger("notionlog.notion.sdk")  # the SDK's default adds a stderr handler
    if not any(isinstance(f, RedactTokens) for f in logger.filters):
        logger.addFilter(RedactTokens())
        # without a handler anywhere, logging's last resort prints warnings to stderr: errors reach
        # the user once, through the CLI boundary; logs go only where an app configured them
        logger.addHandler(logging.NullHandler())
    client = Client(
        auth=settings.token,
        base_url=settings.base_url,
        timeout_ms=TIMEOUT_MS,
        notion_version=NOTION_VERSION,
        retry=False,  # retries live in the seam (see transport.py): one policy, counted, paced
        logger=logger,
        log_level=logging.WARNING,
        client=httpx.Client(transport=seam),
    )
    downloads = SeamTransport(inner, None, sleep=sleep)  # signed file URLs: not paced, no token
    return NotionAPI(client, seam, downloads)


def __getattr__(name: str):
    if name == "NotionAPI":
        from notionlog.notion.api import NotionAPI

        return NotionAPI
    raise AttributeError(name)
