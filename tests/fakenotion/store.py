"""The emulator's in-memory workspace: pages, blocks, databases, data sources and hosted files.

One tree. Pages, databases and blocks sit in their parent's ordered ``children`` (a page under a page
is a ``child_page`` block there, a database a ``child_database`` block — REC test_blocks_delete,
test_databases_retrieve); a data source's pages sit in its ``pages``. An object is visible to the
integration when its chain of parents reaches the root page, which every valid token shares.
What moves a page's ``last_edited_time`` (the unkind reading of what is documented and reported):
an edit of the page itself (properties, icon, cover, trash) always does; a block appended, updated or
trashed through the API moves the block's own time but NOT the page's, unless the switch
``bump_on_content_edit`` is on (API content edits are reported not to move it); an edit a person makes
in the app (``with store.as_person():``) moves the block's and the page's time, nested blocks too.
``last_edited_by`` is the integration's bot after an API write and the person after an app edit.
Callers hold ``Store.lock`` around every operation (the threaded server runs requests in parallel).
"""

from __future__ import annotations

import contextlib
import functools
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime

from . import properties as props
from . import richtext, synced
from .apierror import BOT_ID, PERSON_ID, ApiError, not_found
from .blocklimit import BlockLimit
from .blocks import Context, Spec, count
from .clock import Clock, new_id


@dataclass
class Obj:
    id: str
    parent_id: str | None
    created: datetime
    edited: datetime
    in_trash: bool = False
    shared: bool = True
    created_by: str = BOT_ID
    edited_by: str = BOT_ID
    changed: datetime | None = None  # its own title or trash state last changed (None: at creation)
    indexed: tuple[bool, str] | None = None  # (in_trash, title) as search last indexed it


@dataclass
class Block(Obj):
    type: str = "paragraph"
    payload: dict = field(default_factory=dict)
    children: list[str] = field(default_factory=list)


@dataclass
class Page(Obj):
    values: dict = field(default_factory=dict)  # property values by property id
    icon: dict | None = None
    cover: dict | None = None
    is_locked: bool = False
    children: list[str] = field(default_factory=list)
    data_source_id: str | None = None  # set when the page is a data source row


@dataclass
class Database(Obj):
    title: list = field(default_factory=list)
    description: list = field(default_factory=list)
    is_inline: bool = False
    icon: dict | None = None
    cover: dict | None = None
    is_locked: bool = False
    data_sources: list[str] = field(default_factory=list)


@dataclass
class DataSource(Obj):
    title: list = field(default_factory=list)
    description: list = field(default_factory=list)
    icon: dict | None = None
    cover: dict | None = None
    schema: dict = field(default_factory=dict)
    pages: list[str] = field(default_factory=list)


@dataclass
class HostedFile:
    data: bytes
    name: str


class Store:
    """All objects by id, plus the root page shared with every valid token."""

    def __init__(self, clock: Clock | None = None) -> None:
        self.lock = threading.RLock()
        self.clock = clock or Clock()
        self.objects: dict[str, Obj] = {}
        self.files: dict[str, HostedFile] = {}
        self.uploads: dict = {}  # file upload id → uploads.Upload
        self.bump_on_content_edit = False  # API content edits leave the page's time alone
        self.actor = BOT_ID  # who is editing: the integration, or a person in the app (as_person)
        self.page_cap: int | None = None  # at most this many results per list page (None = page_size)
        self.block_limit = BlockLimit()  # the free workspace's lifetime cap (off by default)
        self.search_lag = 0.0  # seconds before search sees a change (Notion's search lags; 0: at once)
        now = self.clock.now()
        root = Page(new_id(), None, now, now)
        root.values = {"title": {"id": "title", "type": "title", "title": richtext.simple("Journal root")}}
        self.objects[root.id] = root
        self.root_id = root.id

    # --- lookup -------------------------------------------------------------------------------
    def find(self, ident: str | None, *kinds: type) -> Obj | None:
        obj = self.objects.get(ident or "")
        if obj is None or not obj.shared or (kinds and not isinstance(obj, kinds)):
            return None
        return obj

    def need(self, ident: str, label: str, *kinds: type) -> Obj:
        obj = self.find(ident, *kinds)
        if obj is None:
            raise not_found(label, ident)
        return obj

    def live_children(self, parent: Obj) -> list[Obj]:
        """What a listing shows: a synced duplicate shows its original's children (none of its own),
        and nothing once the original is in the trash (its copies lose their source)."""
        parent = synced.original_of(self, parent) or parent
        if isinstance(parent, Block) and parent.type == "synced_block" and parent.in_trash:
            return []
        ids = parent.pages if isinstance(parent, DataSource) else getattr(parent, "children", [])
        return [self.objects[i] for i in ids if not self.objects[i].in_trash]

    def title_lookup(self, ident: str) -> tuple[str, str] | None:
        from .render import page_url

        obj = self.find(ident, Page, Database)
        if obj is None:
            return None
        return self.plain_title(obj), page_url(self, obj)

    def plain_title(self, obj: Obj) -> str:
        if isinstance(obj, Page):
            return richtext.plain(props.title_of(self.schema_of(obj), obj.values))
        return richtext.plain(getattr(obj, "title", []))

    def schema_of(self, page: Page) -> dict:
        if page.data_source_id is None:
            return props.page_title_schema()
        return self.objects[page.data_source_id].schema

    def containing_page(self, obj: Obj) -> Page | None:
        node = self.objects.get(obj.parent_id or "")
        while node is not None and not isinstance(node, Page):
            node = self.objects.get(node.parent_id or "")
        return node

    # --- changes ------------------------------------------------------------------------------
    @contextlib.contextmanager
    def as_person(self) -> Iterator[None]:
        """Edits made inside are a person's in the app: they move the page's time and name the person."""
        with self.lock:
            self.actor = PERSON_ID
            try:
                yield
            finally:
                self.actor = BOT_ID

    def touch(self, obj: Obj, content: bool = True) -> None:
        """Mark ``obj`` edited now by the current actor. ``content`` means a block came, changed or
        went: the page holding it moves only for a person's edit or with ``bump_on_content_edit``."""
        now, who = self.clock.now(), self.actor
        moves_page = not content or who != BOT_ID or self.bump_on_content_edit
        if not content:
            obj.changed = now
        if not isinstance(obj, Page):
            obj.edited, obj.edited_by = now, who
        page = obj if isinstance(obj, Page) else self.containing_page(obj) if isinstance(obj, Block) else None
        if page is not None and moves_page:
            page.edited, page.edited_by = now, who

    def refuse_if_trashed(self, obj: Obj, noun: str = "block") -> None:
        if obj.in_trash:
            raise ApiError(
                400,
                "validation_error",
                f"Can't edit {noun} that is archived. You must unarchive the {noun} before editing.",
            )

    def api_context(self) -> Context:
        """What parsing an API request's blocks needs: titles for mentions, uploads to attach."""
        from .uploads import attach

        return Context(lookup=self.title_lookup, attach=functools.partial(attach, self))

    def add_file(self, data: bytes, name: str) -> str:
        ident = new_id()
        self.files[ident] = HostedFile(data, name)
        return ident

    def add_page(self, parent: Obj, values: dict, *, shared: bool = True, ident: str | None = None) -> Page:
        now = self.clock.now()
        self._may_create(now, 1)
        page = Page(ident or new_id(), parent.id if parent else None, now, now, shared=shared, values=values)
        page.created_by = page.edited_by = self.actor
        if isinstance(parent, DataSource):
            page.data_source_id = parent.id
            parent.pages.append(page.id)
        elif parent is not None:
            parent.children.append(page.id)
            self.touch(parent)
        self.objects[page.id] = page
        return page

    def add_database(self, parent: Page, title: list, description: list, is_inline: bool) -> Database:
        now = self.clock.now()
        self._may_create(now, 1)
        db = Database(
            new_id(), parent.id, now, now, title=title, description=description, is_inline=is_inline
        )
        self.objects[db.id] = db
        parent.children.append(db.id)
        self.touch(parent)
        return db

    def add_data_source(self, db: Database, title: list, schema: dict) -> DataSource:
        now = self.clock.now()
        ds = DataSource(new_id(), db.id, now, now, title=title, schema=schema)
        self.objects[ds.id] = ds
        db.data_sources.append(ds.id)
        return ds

    def insert_blocks(
        self, parent: Obj, specs: list[Spec], after: str | None = None, at_start: bool = False
    ) -> list[Block]:
        """Create ``specs`` (recursively) under ``parent`` after block ``after`` / at start / at end."""
        synced.check(self, "children", specs)
        self._may_create(self.clock.now(), count(specs))
        created = [self._build(parent.id, spec) for spec in specs]
        ids = [b.id for b in created]
        if after is not None:
            position = parent.children.index(after) + 1
        else:
            position = 0 if at_start else len(parent.children)
        parent.children[position:position] = ids
        if created:
            self.touch(parent)
        return created

    def _may_create(self, now: datetime, blocks: int) -> None:
        """The workspace cap: API writes are refused after the grace period; the app's never are
        (tests set content up through it). Every created block counts, whoever made it."""
        if blocks and self.actor == BOT_ID:
            self.block_limit.check(now)
        self.block_limit.count(blocks, now)

    def _build(self, parent_id: str, spec: Spec) -> Block:
        now = self.clock.now()
        block = Block(new_id(), parent_id, now, now, type=spec.type, payload=spec.payload)
        block.created_by = block.edited_by = self.actor
        self.objects[block.id] = block
        block.children = [self._build(block.id, child).id for child in spec.children]
        return block

    def set_trash(self, obj: Obj, flag: bool) -> None:
        """Trash or restore; the parent's content changes when a block or child page comes or goes."""
        if obj.in_trash == flag:
            return
        obj.in_trash = flag
        self.touch(obj, content=not isinstance(obj, Page))
        parent = self.objects.get(obj.parent_id or "")
        if isinstance(parent, (Page, Block)):
            self.touch(parent)

    def erase_content(self, page: Page) -> None:
        for child in self.live_children(page):
            if isinstance(child, Block):
                child.in_trash = True
        self.touch(page)
