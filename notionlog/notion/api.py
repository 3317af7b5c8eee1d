"""NotionAPI: the operations notionlog needs, over one notion-client ``Client``.

Every call goes through :func:`notionlog.notion.failures.notion_errors` (SDK errors → our tree) and
through the :class:`~notionlog.notion.transport.SeamTransport` (pacing, counting, retries). Shapes
follow API version 2025-09-03: databases hold data sources; pages live under
``parent.data_source_id``; queries go to ``data_sources/{id}/query`` (notion-api.md §3).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator

import httpx
from notion_client.errors import HTTPResponseError

from notionlog.errors import NotionNotShared
from notionlog.notion import update, writer
from notionlog.notion.failures import notion_errors
from notionlog.notion.ids import parse_id
from notionlog.notion.model import Database, plain_text
from notionlog.notion.transport import SeamTransport

JOURNAL_SCHEMA = {
    "Name": {"type": "title", "title": {}},
    "Date": {"type": "date", "date": {}},
    "Tags": {"type": "multi_select", "multi_select": {"options": []}},
}


def _unless_missing(call, **kwargs):
    """``call(**kwargs)``, or None when Notion says there is no such object of that kind."""
    try:
        return call(**kwargs)
    except HTTPResponseError as err:
        if err.status == 404 or (err.status == 400 and getattr(err.code, "value", err.code)
                                 == "validation_error"):
            return None
        raise


MARKS = ("bold", "italic", "strikethrough", "code")  # what a Markdown table cell can carry


def _rich_key(items: list[dict]) -> list:
    """Rich text in either shape reduced to text, Markdown-visible marks and link."""
    out = []
    for item in items:
        marks = item.get("annotations") or {}
        link = item.get("href") or ((item.get("text") or {}).get("link") or {}).get("url")
        out.append([plain_text([item]), [m for m in MARKS if marks.get(m)], link])
    return out


class NotionAPI:
    """One connection to Notion; build it with :func:`notionlog.notion.connect`."""

    def __init__(self, client, seam: SeamTransport, download_seam: SeamTransport,
                 block_key: Callable[[dict], str] | None = None) -> None:
        self.client = client  # notion_client.Client (never exposed beyond notionlog.notion)
        self._seam, self._download_seam = seam, download_seam
        self._downloads = httpx.Client(transport=download_seam, follow_redirects=True, timeout=60)
        self._block_key = block_key
        self.errors = notion_errors

    @property
    def requests_sent(self) -> int:
        """HTTP requests that went out to Notion, retries included (counted at the seam)."""
        return self._seam.sent

    @property
    def requests_retried(self) -> int:
        """Attempts sent again after a 429/529 (rate limit, overload), a 5xx or a lost connection."""
        return self._seam.retried

    @property
    def downloads_sent(self) -> int:
        """HTTP requests for hosted files (not Notion's API, so not in ``requests_sent``)."""
        return self._download_seam.sent

    def block_key(self, block: dict) -> str:
        """The content identity update_blocks diffs on: ``notionlog.convert.block_key``.

        Table rows are keyed here by their cells' text: the converter renders a row only as part of
        its table (a row alone gets the same placeholder key as every other row).
        """
        if block.get("type") == "table_row" or "table_row" in block:
            cells = (block.get("table_row") or {}).get("cells") or []
            return "table_row:" + json.dumps([_rich_key(cell) for cell in cells], ensure_ascii=False)
        if self._block_key is None:
            from notionlog.convert import block_key

            self._block_key = block_key
        return self._block_key(block)

    def close(self) -> None:
        self.client.close()
        self._downloads.close()

    # -- identity and schema ------------------------------------------------------------------

    def me(self) -> dict:
        """The integration's bot user; raises NotionAuth if the token is wrong or revoked."""
        with notion_errors(None, "user"):
            return self.client.users.me()

    def resolve_database(self, ref: str) -> Database:
        """The database (and its first data source) named by a URL or id.

        Also accepted, at a cost of requests only when the plain lookup fails: a data source id (its
        ``parent.database_id`` leads back to the database) and a page holding exactly one database.
        """
        object_id = parse_id(ref, kind="database")
        with notion_errors(object_id, "database"):
            database = _unless_missing(self.client.databases.retrieve, database_id=object_id)
            if database is None:  # a data source id, or a page holding the database, or nothing
                source = _unless_missing(self.client.data_sources.retrieve, data_source_id=object_id)
                if source is not None:
                    parent = (source.get("parent") or {}).get("database_id")
                    database = self.client.databases.retrieve(database_id=parent) if parent else None
                    return Database.from_objects(database, source)
                inline = self._only_child_database(object_id)
                if inline is None:
                    raise NotionNotShared(object_id=object_id, kind="database")
                database = self.client.databases.retrieve(database_id=inline)
        return Database.from_objects(database, self._first_source(database))

    def _only_child_database(self, page_id: str) -> str | None:
        """The id of the one database on a page (users paste the page an inline database sits on)."""
        listing = _unless_missing(self.client.blocks.children.list, block_id=page_id, page_size=100)
        found = [b["id"] for b in (listing or {}).get("results", []) if b.get("type") == "child_database"]
        return found[0] if len(found) == 1 else None

    def _first_source(self, database: dict) -> dict:
        sources = database.get("data_sources") or []
        if not sources:
            from notionlog.errors import NotionSchema

            raise NotionSchema(database_id=database["id"], missing=["a data source"])
        with notion_errors(sources[0]["id"], "data source"):
            return self.client.data_sources.retrieve(data_source_id=sources[0]["id"])

    def create_database(self, parent_page: str, title: str) -> Database:
        """A new journal database under a page: title "Name", "Date" date, "Tags" multi-select."""
        page_id = parse_id(parent_page, kind="page", prefer_page=True)
        with notion_errors(page_id, "page"):
            database = self.client.databases.create(
                parent={"type": "page_id", "page_id": page_id},
                title=[{"type": "text", "text": {"content": title}}],
                is_inline=False,
                initial_data_source={"properties": JOURNAL_SCHEMA},
            )
        return Database.from_objects(database, self._first_source(database))

    def ensure_properties(self, db: Database, props: dict[str, dict]) -> Database:
        """Add or change properties of the database's data source (``PATCH /data_sources/{id}``)."""
        with notion_errors(db.data_source_id, "data source"):
            source = self.client.data_sources.update(data_source_id=db.data_source_id, properties=props)
        return Database(db.database_id, source["id"], db.title, dict(source.get("properties") or {}),
                        db.parent_id)

    # -- pages ----------------------------------------------------------------------------------

    def query(self, data_source_id: str, filter: dict | None = None,
              sorts: list | None = None, in_trash: bool | None = None) -> Iterator[dict]:
        """Every page of the data source matching ``filter``, following every cursor.

        ``in_trash=True`` lists the trashed pages instead (Notion leaves them out by default).
        """
        body: dict = {"page_size": 100}
        if filter is not None:
            body["filter"] = filter
        if sorts is not None:
            body["sorts"] = sorts
        if in_trash is not None:
            body["in_trash"] = in_trash
        while True:
            with notion_errors(data_source_id, "data source"):
                page = self.client.data_sources.query(data_source_id=data_source_id, **body)
            yield from page.get("results", [])
            if not page.get("has_more") or not page.get("next_cursor"):
                return
            body["start_cursor"] = page["next_cursor"]

    def retrieve_page(self, page_id: str) -> dict:
        with notion_errors(page_id, "page"):
            return self.client.pages.retrieve(page_id=page_id)

    def update_page(self, page_id: str, properties: dict | None = None,
                    in_trash: bool | None = None) -> dict:
        """Change properties and/or trash state; only what is given is sent."""
        body: dict = {}
        if properties is not None:
            body["properties"] = properties
        if in_trash is not None:
            body["in_trash"] = in_trash
        with notion_errors(page_id, "page"):
            return self.client.pages.update(page_id=page_id, **body)

    def create_page(self, data_source_id: str, properties: dict,
                    children: list[dict]) -> tuple[dict, list[dict]]:
        """Create a page with a block tree of any depth; see :mod:`notionlog.notion.writer`."""
        return writer.create_page(self, data_source_id, properties, children)

    # -- blocks ---------------------------------------------------------------------------------

    def fetch_blocks(self, block_id: str) -> list[dict]:
        """The full block tree under a page or block (``children`` attached to full depth)."""
        return writer.fetch_tree(self, block_id)

    def update_blocks(self, page_id: str, old: list[dict] | None, new: list[dict]) -> list[dict]:
        """Rewrite the page's blocks from ``old`` to ``new`` in place; see :mod:`update`.

        ``old`` is the tree as last written or fetched (ids may be None); pass None when nothing is
        recorded — the page is then listed first. An empty ``old`` is checked the same way (one
        listing) before anything is appended, so a missing record can never duplicate a page's text.
        """
        return update.update_level(self, page_id, old or None, new)

    def download(self, url: str) -> bytes:
        """A Notion-hosted file (a signed URL: no Authorization header is sent with it)."""
        from notionlog.errors import NotionUnavailable

        try:
            response = self._downloads.get(url)
        except httpx.HTTPError as err:
            raise NotionUnavailable(reason=f"download failed: {type(err).__name__}") from None
        if response.status_code != 200:
            where = httpx.URL(url).copy_with(query=None)
            raise NotionUnavailable(reason=f"download of {where} failed: HTTP {response.status_code}")
        return response.content
