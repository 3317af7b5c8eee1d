"""NotionAPI: the operations notionlog needs, over one notion-client ``Client``.

Every call goes through :func:`notionlog.notion.failures.notion_errors` (SDK errors → our tree) and
through the :class:`~notionlog.notion.transport.SeamTransport` (pacing, counting, retries). Shapes
follow API version 2025-09-03: databases hold data sources; pages live under
``parent.data_source_id``; queries go to ``data_sources/{id}/query`` (docs/notion-contract.md §3).
"""

from __future__ import annotations

from collections.abc import Iterator

import httpx
from notion_client.errors import HTTPResponseError

from notionlog.errors import NotionNotShared, NotionRejected, NotionSchema, NotionUnavailable
from notionlog.notion.failures import notion_errors
from notionlog.notion.ids import parse_id
from notionlog.notion.model import Database
from notionlog.notion.transport import SeamTransport
from notionlog.notion.wire import outgoing

JOURNAL_SCHEMA = {
    "Name": {"type": "title", "title": {}},
    "Date": {"type": "date", "date": {}},
    "Tags": {"type": "multi_select", "multi_select": {"options": []}},
    "notionlog": {"type": "rich_text", "rich_text": {}},  # the revision mark (setup.OPTIONAL)
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



class NotionAPI:
    """One connection to Notion; build it with :func:`notionlog.notion.connect`."""

    def __init__(self, client, seam: SeamTransport, download_seam: SeamTransport) -> None:
        self.client = client  # notion_client.Client: only this module calls it
        self._seam, self._download_seam = seam, download_seam
        self._downloads = httpx.Client(transport=download_seam, follow_redirects=True, timeout=60)

    @property
    def requests_sent(self) -> int:
        """HTTP requests that went out to Notion, retries included (counted at the seam)."""
        return self._seam.sent

    @property
    def server_time(self) -> float | None:
        """Notion's clock (epoch seconds) at its latest answer, from the ``Date`` header."""
        return self._seam.server_time

    @property
    def requests_retried(self) -> int:
        """Attempts sent again after a 429/529 (rate limit, overload), a 5xx or a lost connection."""
        return self._seam.retried

    @property
    def downloads_sent(self) -> int:
        """HTTP requests for hosted files (not Notion's API, so not in ``requests_sent``)."""
        return self._download_seam.sent

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
              sorts: list | None = None) -> Iterator[dict]:
        """Every live page of the data source matching ``filter``, following every cursor.

        Trashed pages cannot be queried (the endpoint takes no ``in_trash``): a page is known to be
        trashed only from its own object (:meth:`retrieve_page`).
        """
        body: dict = {"page_size": 100}
        if filter is not None:
            body["filter"] = filter
        if sorts is not None:
            body["sorts"] = sorts
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
            body["properties"] = outgoing(properties)
        if in_trash is not None:
            body["in_trash"] = in_trash
        with notion_errors(page_id, "page"):
            return self.client.pages.update(page_id=page_id, **body)

    def new_page(self, data_source_id: str, properties: dict, children: list[dict]) -> dict:
        """``POST /pages`` with children already in request form (see :mod:`writer` for deep trees)."""
        with notion_errors(data_source_id, "data source"):
            return self.client.pages.create(
                parent={"type": "data_source_id", "data_source_id": data_source_id},
                properties=outgoing(properties), children=outgoing(children))

    def page_markdown(self, page_id: str) -> str:
        """``GET /pages/{id}/markdown``: one request naming the whole page's content.

        Used only as a fingerprint (hashed, never parsed): its dialect is Notion's and may change.
        """
        with notion_errors(page_id, "page"):
            answer = self.client.pages.retrieve_markdown(page_id=page_id)
        return str(answer.get("markdown", "")) + ("\0truncated" if answer.get("truncated") else "")

    # -- blocks ---------------------------------------------------------------------------------

    def list_children(self, block_id: str) -> Iterator[dict]:
        """Every direct child of a block or page, following cursors (100 per listing)."""
        kwargs: dict = {"page_size": 100}
        while True:
            with notion_errors(block_id, "block"):
                page = self.client.blocks.children.list(block_id=block_id, **kwargs)
            yield from page.get("results", [])
            if not page.get("has_more") or not page.get("next_cursor"):
                return
            kwargs["start_cursor"] = page["next_cursor"]

    def append_children(self, parent_id: str, children: list[dict], after: str | None = None,
                        at_start: bool = False) -> list[dict]:
        """Append request-form blocks after ``after`` (or first, or last); Notion's ``results``."""
        kwargs: dict = {"children": outgoing(children)}
        if after:
            kwargs["after"] = after
        elif at_start:
            kwargs["position"] = {"type": "start"}
        with notion_errors(parent_id, "block"):
            return self.client.blocks.children.append(block_id=parent_id, **kwargs).get("results", [])

    def update_block(self, block_id: str, kind: str, body: dict) -> dict:
        """``PATCH /blocks/{id}`` with the type payload ``body``."""
        with notion_errors(block_id, "block"):
            return self.client.blocks.update(block_id=block_id, **{kind: outgoing(body)})

    def delete_block(self, block_id: str) -> None:
        """``DELETE /blocks/{id}`` (to the trash); a block already in the trash counts as done.

        Notion refuses to touch an archived block (400 validation_error). That is the answer to a
        DELETE repeated after its first answer was lost, and to a block trashed in Notion meanwhile.
        """
        try:
            with notion_errors(block_id, "block"):
                self.client.blocks.delete(block_id=block_id)
        except NotionRejected as err:
            if "archived" not in err.message and "trash" not in err.message:
                raise

    def fetch_blocks(self, block_id: str) -> list[dict]:
        """The full tree under a page or block: listed blocks with ``children`` to full depth.

        Child pages and child databases are not descended into: they are other pages.
        """
        blocks = list(self.list_children(block_id))
        for block in blocks:
            if block.get("type") in ("child_page", "child_database"):
                continue
            block["children"] = self.fetch_blocks(block["id"]) if block.get("has_children") else []
        return blocks

    def upload_file(self, name: str, data: bytes, content_type: str) -> str:
        """A single-part File Upload (create, then send the bytes); its id, to attach to a block.

        Attach it soon: an upload not attached within the hour expires (docs/notion-contract.md §6.6).
        """
        with notion_errors(None, "file upload"):
            made = self.client.file_uploads.create(mode="single_part", filename=name,
                                                   content_type=content_type)
            self.client.file_uploads.send(file_upload_id=made["id"], file=(name, data, content_type))
        return str(made["id"])

    def download(self, url: str) -> bytes:
        """A Notion-hosted file (a signed URL: no Authorization header is sent with it)."""
        try:
            response = self._downloads.get(url)
        except httpx.HTTPError as err:
            raise NotionUnavailable(reason=f"download failed: {type(err).__name__}") from None
        if response.status_code != 200:
            where = httpx.URL(url).copy_with(query=None)
            raise NotionUnavailable(reason=f"download of {where} failed: HTTP {response.status_code}")
        return response.content
