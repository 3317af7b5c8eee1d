"""One sync run: lock, read both sides, plan, act, record (docs/sync.md).

1. Read every local entry (normalized Markdown and its hash).
2. Ask Notion once which pages changed, and fetch only those that may hold something we have not
   seen (:mod:`notionlog.sync.gather`: one query on ``last_edited_time``, content hashes after).
3. Plan (pure, :mod:`notionlog.sync.plan`), then run each action (:mod:`notionlog.sync.actions`):
   first the dates that need no reading, then the fetched pages :data:`BATCH` at a time, so an
   interrupted sync keeps what it already read and settled.
4. Post-sync steps (e.g. pulling linked notes) run last; then the start time is recorded.

Nothing changed anywhere -> one request (the query), plus at most one fingerprint check per sync
(the rolling verify pass, see :mod:`notionlog.sync.gather`).
"""

from __future__ import annotations

import datetime as dt
import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from notionlog.errors import (
    DatabaseMismatch,
    NotionAuth,
    NotionBlockLimit,
    NotionlogError,
    NotionRejected,
    NotionSchema,
    NotionUnavailable,
)
from notionlog.local import journal
from notionlog.notes import sync_step
from notionlog.notion import connect
from notionlog.settings import require
from notionlog.sync import lock, sides, uploads
from notionlog.sync.actions import Raced, Runner, Summary
from notionlog.sync.gather import Reader, Survey
from notionlog.sync.guard import (
    follow_moves,
    guard,
    missing_folder,
    refused_archived,
    renamed,
    second_pages,
    vanished,
)
from notionlog.sync.plan import SPREAD_HINT, Op, plan
from notionlog.sync.sides import Target
from notionlog.sync.store import Row, Store, open_store

GIVE_UP_AFTER = 3  # consecutive "Notion unavailable" failures before the run stops
RECHECK_SCHEMA = 24 * 3600.0  # seconds a schema lacking the revision property is trusted
BATCH = 20  # pages fetched, then planned and acted on, at a time: an interrupted sync keeps its work

Progress = Callable[[int, int, str], None]  # (done, total, what)


@dataclass
class SyncContext:
    """What a post-sync step gets: the connection, the home, the settings and the summary."""

    api: object
    home: Path
    settings: object
    summary: Summary
    entries: dict[dt.date, str] = field(default_factory=dict)  # date -> entry text, as synced


def pull_linked_notes(context: SyncContext) -> None:
    """Bring home the Notion pages the entries link to (notionlog/notes)."""
    sync_step(context)


# Steps run after the entries are synced (not on --dry-run). Each gets a SyncContext; a
# NotionlogError it raises becomes a warning, never a lost sync.
POST_SYNC_STEPS: list[Callable[[SyncContext], None]] = [pull_linked_notes]


def now() -> float:
    """The engine's clock (tests replace it to stand a few minutes later)."""
    return time.time()


@dataclass(frozen=True)
class Options:
    """How one sync runs (the CLI's flags)."""

    dry_run: bool = False
    prefer: str | None = None
    delete: bool = False
    force_delete: bool = False  # --delete may spread the loss of a whole side
    verify: bool = False  # check every page's fingerprint, not only the stalest


def sync(settings, *, dry_run: bool = False, prefer: str | None = None, delete: bool = False,
         progress: Progress | None = None, transport=None, notes: bool = True,
         force_delete: bool = False, verify: bool = False) -> Summary:
    """Run one two-way sync of ``settings.home`` with its Notion database; returns the summary.

    ``notes=False`` skips the post-sync steps (pulling linked pages into notes/).
    """
    require(settings, "NOTION_TOKEN", "NOTION_DATABASE_ID")
    with lock.hold(settings.home):
        store = open_store(settings.home)
        try:
            steps = POST_SYNC_STEPS if notes else []
            options = Options(dry_run, prefer, delete, force_delete, verify)
            return _Run(settings, store, options, progress or _quiet, transport, steps).go()
        finally:
            store.close()


def _quiet(done: int, total: int, what: str) -> None:
    return None


# Once the workspace is over its block limit, the other pushes are not sent into the same refusal.
WRITES_BLOCKS = frozenset({Op.CREATE, Op.PUSH, Op.MERGE})
OVER_LIMIT = "not pushed: the workspace is over its block limit (see above)"


class _Run:
    def __init__(self, settings, store: Store, options: Options, progress: Progress, transport,
                 steps: list[Callable[[SyncContext], None]]) -> None:
        self.settings, self.store, self.home = settings, store, settings.home
        self.options = options
        self.dry_run, self.prefer, self.delete = options.dry_run, options.prefer, options.delete
        self.progress, self.transport = progress, transport
        self.summary = Summary(dry_run=options.dry_run)
        self.unavailable = 0  # consecutive "Notion unavailable" failures
        self.over_limit = False  # Notion said the workspace is over its block limit
        self.steps = steps  # post-sync steps; empty with --no-notes

    def go(self) -> Summary:
        rows = self.store.rows()
        locals_ = sides.scan_local(self.home, rows)
        self.summary.warnings += sides.unsynced_warnings(self.home, locals_)
        why = None if self.delete else vanished(self.home, rows, locals_)
        if why:
            if missing_folder(self.home):  # nothing is written in place of a mount
                self.summary.warnings.append(f"{why}: is it unmounted? nothing was synced (run "
                                             "sync again once the folder is back)")
                return self.summary
            self.summary.warnings.append(f"{why}: is it unmounted? nothing is deleted in Notion "
                                         "for it (run sync again once the folder is back)")
        self.api = connect(self.settings, self.transport)
        try:
            target = self._target(rows)
            files = uploads.localizer(self.home, None if self.dry_run else self.api.download)
            reader = Reader(self.api, self.store, self.summary, self.dry_run, self.progress, now,
                            files)
            pushing = frozenset(d for d, local in locals_.items()
                                if d in rows and local.hash != rows[d].base_hash)
            survey = reader.survey(target, rows, full=self.delete or self.options.verify,
                                   verify=self.options.verify, pushing=pushing)
            known, wanted = survey.known, survey.wanted
            if not self.dry_run:
                self.summary.warnings += follow_moves(self.home, survey.moved, locals_, pushing)
            runner = Runner(self.api, self.store, self.home, target, self.summary, reader.notion_now)
            if not self.dry_run:
                seen = {*wanted, *known, *survey.others}
                for old, new in renamed(rows, locals_, seen).items():
                    runner.move_date(rows, old, new)
            if self.delete and not self.options.force_delete:
                guard(self.home, rows, locals_, known)
            settled = [d for d in {*rows, *locals_, *known} if d not in wanted]
            # One step per page read and one per action, so the bar moves while pages are read.
            self.done, self.total = 0, len(settled) + 2 * len(wanted)
            for dates in [settled, *_batches(sorted(wanted), BATCH)]:
                remotes = dict(known)
                for date in dates:
                    if date in wanted:
                        self.progress(self.done, self.total, f"reading {date}")
                        remotes[date] = reader.fetch(wanted[date], rows.get(date))
                        self.done += 1
                self._settle(runner, plan(dates, rows, locals_, remotes, self.delete, self.prefer))
                if self.summary.aborted is not None:
                    break
            if not self.dry_run:
                second_pages(reader, runner, survey.others, rows)
            if why:  # a vanished side is never something to spread: no per-entry invitation
                self.summary.skipped = [(d, r.removesuffix(SPREAD_HINT)) for d, r in self.summary.skipped]
            self.progress(self.total, self.total, "done")
            if not self.dry_run:
                self._after()
                if self.summary.aborted is None:
                    self._record_point(survey)
        finally:
            self.summary.requests = self.api.requests_sent
            self.api.close()
        return self.summary

    def _record_point(self, survey: Survey) -> None:
        """The next sync asks for edits since this one's listing, on Notion's clock."""
        values = {"notion_since": repr(survey.started), "notion_offset": repr(survey.offset)}
        if survey.full:
            values["notion_listed"] = repr(survey.started)
        self.store.set_meta(**values)

    # -- the database ---------------------------------------------------------------------------

    def _target(self, rows: dict[str, Row]) -> Target:
        """The data source and its schema; cached in the status store (no request when known)."""
        ref = self.settings.database_id
        cached = json.loads(self.store.meta("database") or "{}")
        # A schema without the revision property is looked at again daily: `init --yes` may add it.
        fresh = cached.get("has_revision") or now() - cached.get("checked", 0) < RECHECK_SCHEMA
        if cached.get("ref") == ref and "has_revision" in cached and fresh:
            return Target(cached["data_source_id"], cached["title_property"], cached["has_tags"],
                          cached["has_revision"])
        db = self.api.resolve_database(ref)
        if db.property_type(sides.DATE) != "date" or not db.title_property:
            raise NotionSchema(db.database_id, [f"{sides.DATE} (date)"])
        check_database(self.store, db.database_id, self.settings, bool(rows))
        target = Target(db.data_source_id, db.title_property,
                        db.property_type(sides.TAGS) == "multi_select",
                        db.property_type(sides.REVISION) == "rich_text")
        self.store.set_meta(database_id=db.database_id, database=json.dumps({
            "ref": ref, "database_id": db.database_id, "data_source_id": target.data_source_id,
            "title_property": target.title_property, "has_tags": target.has_tags,
            "has_revision": target.has_revision, "checked": now()}))
        return target

    # -- acting ---------------------------------------------------------------------------------

    def _settle(self, runner: Runner, actions) -> None:
        """Plan recorded; unless this is a dry run, carry each action out, one date at a time."""
        self.summary.planned += actions
        if self.dry_run:
            return
        for action in actions:
            self.progress(self.done, self.total, f"{action.op.value} {action.date}")
            self.done += 1
            if self.over_limit and action.op in WRITES_BLOCKS:  # the cap is the workspace's
                self.summary.skipped.append((action.date, OVER_LIMIT))
                continue
            try:
                runner.run(action)
                self.unavailable = 0
            except Raced as raced:
                self.summary.skipped.append((action.date, f"{raced} changed during the sync"))
                if action.remote is not None:
                    runner.mark_recheck(action.date, action.remote.page_id)
            except NotionAuth:
                raise
            except NotionlogError as err:
                page_id = action.remote.page_id if action.remote else (action.row or Row("")).page_id
                if (why := refused_archived(runner.api, err, page_id)) is not None:
                    self.summary.skipped.append((action.date, why))
                    runner.mark_recheck(action.date, page_id)
                    continue
                self.summary.failed.append((action.date, err))
                self.over_limit = self.over_limit or isinstance(err, NotionBlockLimit)
                if isinstance(err, NotionRejected):  # perhaps the schema changed: look it up again
                    self.store.set_meta(database=None)
                if action.remote is not None and action.op != Op.CREATE:
                    runner.mark_recheck(action.date, action.remote.page_id)
                self.unavailable = self.unavailable + 1 if isinstance(err, NotionUnavailable) else 0
                if self.unavailable >= GIVE_UP_AFTER:
                    self.summary.aborted = err
                    return

    def _after(self) -> None:
        if not self.steps:
            return

        entries = {}
        for day, path in journal.iter_entries(self.home):
            try:
                entries[day] = journal.read_text(path)
            except NotionlogError:
                continue  # already reported by the sync itself
        context = SyncContext(self.api, self.home, self.settings, self.summary, entries)
        for step in self.steps:
            try:
                step(context)
            except NotionlogError as err:
                self.summary.warnings.append(err)  # the CLI words it like any other error


def check_database(store: Store, database_id: str, settings, has_rows: bool) -> None:
    """Refuse a database other than the one this journal's status store belongs to.

    A ``.env`` in the current folder (or the environment) naming another database must not make
    sync push the whole journal there: it names both and the setting that chose the other one.
    """
    known = store.meta("database_id")
    if has_rows and known not in (None, database_id):
        origin = settings.sources.get("NOTION_DATABASE_ID", "settings")
        raise DatabaseMismatch(known, database_id, origin)


def _batches(items: list, size: int) -> list[list]:
    return [items[i:i + size] for i in range(0, len(items), size)]
