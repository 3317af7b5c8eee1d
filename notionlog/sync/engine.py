"""One sync run: lock, read both sides, plan, act, record (DESIGN.md "Sync, in one paragraph").

1. Read every local entry (normalized Markdown and its hash).
2. Ask Notion once which pages changed: one data-source query filtered on ``last_edited_time`` on or
   after the last sync's start minus :data:`SLACK` (Notion rounds to the minute; clocks differ).
   The first sync (or a lost status) lists the whole data source instead, once, paginated.
3. Fetch only pages that may hold something we have not seen: a page in that answer is skipped
   when its ``last_edited_time`` is a minute that had already ended (minus :data:`SKEW`) when we last
   verified the page, because any later edit would carry a later minute. Everything else -- our own
   recent writes included -- is fetched and compared by content hash, never by timestamp alone:
   an edit made in the same minute as our last look is invisible to the timestamp.
4. Plan (pure, :mod:`notionlog.sync.plan`), then run each action (:mod:`notionlog.sync.actions`).
5. Post-sync steps (e.g. pulling linked notes) run last; then the start time is recorded.

Nothing changed anywhere -> two requests: the query, and one listing of Notion's trash (the plain
query leaves trashed pages out, and a page trashed in Notion must be reported).
"""

from __future__ import annotations

import datetime as dt
import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from notionlog.errors import (
    NotionAuth,
    NotionlogError,
    NotionNotShared,
    NotionRejected,
    NotionSchema,
    NotionUnavailable,
)
from notionlog.sync import lock, sides
from notionlog.sync.actions import Raced, Runner, Summary, Target, lookup
from notionlog.sync.plan import Op, Remote, plan
from notionlog.sync.store import Row, Store, open_store

SLACK = 120.0  # seconds subtracted from the last start: 60 for minute rounding, 60 for clock skew
SKEW = 60.0  # clock difference between us and Notion we tolerate when judging a timestamp
GIVE_UP_AFTER = 3  # consecutive "Notion unavailable" failures before the run stops

Progress = Callable[[int, int, str], None]  # (done, total, what)


@dataclass
class SyncContext:
    """What a post-sync step gets: the connection, the home, the settings and the summary."""

    api: object
    home: Path
    settings: object
    summary: Summary
    entries: dict[dt.date, str] = field(default_factory=dict)  # date -> entry text, as synced


# Steps run after the entries are synced (linked notes will register here). Each gets a
# SyncContext; a NotionlogError it raises becomes a warning, never a lost sync.
POST_SYNC_STEPS: list[Callable[[SyncContext], None]] = []


def now() -> float:
    """The engine's clock (tests replace it to stand a few minutes later)."""
    return time.time()


def sync(settings, *, dry_run: bool = False, prefer: str | None = None, delete: bool = False,
         progress: Progress | None = None, transport=None) -> Summary:
    """Run one two-way sync of ``settings.home`` with its Notion database; returns the summary."""
    from notionlog.settings import require

    require(settings, "NOTION_TOKEN", "NOTION_DATABASE_ID")
    with lock.hold(settings.home):
        store = open_store(settings.home)
        try:
            return _Run(settings, store, dry_run, prefer, delete, progress or _quiet, transport).go()
        finally:
            store.close()


def _quiet(done: int, total: int, what: str) -> None:
    return None


class _Run:
    def __init__(self, settings, store: Store, dry_run, prefer, delete, progress, transport) -> None:
        self.settings, self.store, self.home = settings, store, settings.home
        self.dry_run, self.prefer, self.delete = dry_run, prefer, delete
        self.progress, self.transport = progress, transport
        self.summary = Summary(dry_run=dry_run)

    def go(self) -> Summary:
        from notionlog.notion import connect

        rows = self.store.rows()
        locals_ = sides.scan_local(self.home, rows)
        self.api = connect(self.settings, self.transport)
        try:
            target = self._target(rows)
            started = now()
            remotes = self._remotes(target, rows)
            actions = plan(list(rows) + list(locals_) + list(remotes), rows, locals_, remotes,
                           self.delete, self.prefer)
            self.summary.planned = actions
            if not self.dry_run:
                self._act(target, actions)
                self._after()
                if self.summary.aborted is None:
                    self.store.set_meta(last_sync_start=repr(started))
        finally:
            self.summary.requests = self.api.requests_sent
            self.api.close()
        return self.summary

    # -- the database ---------------------------------------------------------------------------

    def _target(self, rows: dict[str, Row]) -> Target:
        """The data source and its schema; cached in the status store (no request when known)."""
        ref = self.settings.database_id
        cached = json.loads(self.store.meta("database") or "{}")
        if cached.get("ref") == ref:
            return Target(cached["data_source_id"], cached["title_property"], cached["has_tags"])
        db = self.api.resolve_database(ref)
        if db.property_type(sides.DATE) != "date" or not db.title_property:
            raise NotionSchema(db.database_id, [f"{sides.DATE} (date)"])
        known = self.store.meta("database_id")
        if rows and known not in (None, db.database_id):
            from notionlog.errors import StateError

            raise StateError(self.store.path, f"it belongs to database {known}, not {db.database_id}")
        target = Target(db.data_source_id, db.title_property,
                        db.property_type(sides.TAGS) == "multi_select")
        self.store.set_meta(database_id=db.database_id, database=json.dumps({
            "ref": ref, "database_id": db.database_id, "data_source_id": target.data_source_id,
            "title_property": target.title_property, "has_tags": target.has_tags}))
        return target

    # -- the remote side ------------------------------------------------------------------------

    def _remotes(self, target: Target, rows: dict[str, Row]) -> dict[str, Remote]:
        """Remote content for every date that needs a look (see the module docstring)."""
        last = self.store.meta("last_sync_start")
        flt = None
        if last is not None:
            since = _iso(float(last) - SLACK)
            flt = {"timestamp": "last_edited_time", "last_edited_time": {"on_or_after": since}}
        pages = self._by_date(self.api.query(target.data_source_id, filter=flt), rows)
        self._forget_moved(pages, rows)
        wanted = {d: p for d, p in pages.items() if _needs_fetch(rows.get(d), p)}
        remotes = self._trashed(target, rows, pages)
        for date, row in rows.items():
            if date in pages or date in remotes:
                continue
            if row.pending and not row.page_id:
                found = lookup(self.api, target, date)  # a create whose answer never came
                if found is not None:
                    wanted[date] = found
            elif row.page_id and (row.pending or row.conflict or row.recheck or not row.base_hash):
                page = self._page(row.page_id)
                if page is None:
                    remotes[date] = Remote(row.page_id, gone=True)
                else:
                    wanted[date] = page
        for n, (date, page) in enumerate(sorted(wanted.items())):
            self.progress(n, len(wanted), f"reading {date}")
            remotes[date] = self._fetch(page, rows.get(date))
        return remotes

    def _forget_moved(self, pages: dict[str, dict], rows: dict[str, Row]) -> None:
        """A page whose Date was changed in Notion now belongs to its new date only.

        The old date's status is dropped, so its file is pushed as a new page instead of ever
        being written over the page that moved away.
        """
        dates_of = {page["id"]: date for date, page in pages.items()}
        for date, row in list(rows.items()):
            moved_to = dates_of.get(row.page_id)
            if moved_to is not None and moved_to != date:
                self.summary.warnings.append(f"{date}: its page now has {sides.DATE} {moved_to}")
                del rows[date]
                if not self.dry_run:
                    self.store.delete(date)

    def _trashed(self, target: Target, rows: dict[str, Row], pages: dict) -> dict[str, Remote]:
        """Dates whose page was trashed in Notion (one more query, only once pages are known)."""
        known = {row.page_id: date for date, row in rows.items() if row.page_id and date not in pages}
        if not known:
            return {}
        gone = {}
        for page in sides.trashed_pages(self.api, target.data_source_id):
            if page.get("id") in known:
                gone[known[page["id"]]] = Remote(page["id"], page.get("last_edited_time"), gone=True)
        return gone

    def _by_date(self, pages, rows: dict[str, Row]) -> dict[str, dict]:
        """One page per date: the one the status knows, else the oldest; duplicates reported."""
        grouped: dict[str, list[dict]] = {}
        for page in pages:
            date = sides.page_date(page)
            if date is None:
                self.summary.warnings.append(f"page {page.get('id')} has no {sides.DATE}; ignored")
                continue
            grouped.setdefault(date, []).append(page)
        chosen = {}
        for date, found in grouped.items():
            known = rows.get(date).page_id if date in rows else None
            found.sort(key=lambda p: (p.get("id") != known, p.get("created_time", "")))
            chosen[date] = found[0]
            if len(found) > 1:
                others = ", ".join(p["id"] for p in found[1:])
                self.summary.warnings.append(f"{date}: more than one page in Notion; synced "
                                             f"{found[0]['id']}, left alone {others}")
        return chosen

    def _page(self, page_id: str) -> dict | None:
        try:
            page = self.api.retrieve_page(page_id)
        except NotionNotShared:
            return None
        return None if page.get("in_trash") or page.get("archived") else page

    def _fetch(self, page: dict, row: Row | None) -> Remote:
        try:
            return sides.fetch(self.api, page, row.base if row else None, now)
        except NotionNotShared:
            return Remote(page["id"], gone=True)

    # -- acting ---------------------------------------------------------------------------------

    def _act(self, target: Target, actions) -> None:
        runner = Runner(self.api, self.store, self.home, target, self.summary, now)
        unavailable = 0
        for n, action in enumerate(actions):
            self.progress(n, len(actions), f"{action.op.value} {action.date}")
            try:
                runner.run(action)
                unavailable = 0
            except Raced as raced:
                self.summary.skipped.append((action.date, f"{raced} changed during the sync"))
                if action.remote is not None:
                    runner.mark_recheck(action.date, action.remote.page_id)
            except NotionAuth:
                raise
            except NotionlogError as err:
                self.summary.failed.append((action.date, err))
                if isinstance(err, NotionRejected):  # perhaps the schema changed: look it up again
                    self.store.set_meta(database=None)
                if action.remote is not None and action.op != Op.CREATE:
                    runner.mark_recheck(action.date, action.remote.page_id)
                unavailable = unavailable + 1 if isinstance(err, NotionUnavailable) else 0
                if unavailable >= GIVE_UP_AFTER:
                    self.summary.aborted = err
                    return
        self.progress(len(actions), len(actions), "done")

    def _after(self) -> None:
        if not POST_SYNC_STEPS:
            return
        from notionlog import journal

        entries = {}
        for day, path in journal.iter_entries(self.home):
            try:
                entries[day] = journal.read_text(path)
            except NotionlogError:
                continue  # already reported by the sync itself
        context = SyncContext(self.api, self.home, self.settings, self.summary, entries)
        for step in POST_SYNC_STEPS:
            try:
                step(context)
            except NotionlogError as err:
                self.summary.warnings.append(f"{getattr(step, '__name__', step)}: {err!r}")


def _needs_fetch(row: Row | None, page: dict) -> bool:
    """Must this page be fetched? Only a timestamp from an already-closed minute lets us skip it."""
    if row is None or not row.base_hash or row.pending or row.conflict or row.recheck:
        return True
    if row.page_id != page.get("id"):
        return False  # another page for a date we sync elsewhere: reported as a duplicate
    edited = _parse(page.get("last_edited_time"))
    if edited is None:
        return True
    verified_minute = int((row.verified_at - SKEW) // 60) * 60
    return edited.timestamp() >= verified_minute


def _parse(text: str | None) -> dt.datetime | None:
    if not text:
        return None
    try:
        return dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None


def _iso(epoch: float) -> str:
    return dt.datetime.fromtimestamp(epoch, dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.000Z")
