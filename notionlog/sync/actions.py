"""Carrying out the planned actions, one date at a time.

Each action touches its own status row only after its writes succeeded (vdirsyncer's rule), and a
push records its intent first (``row.pending``: the page's text before, the text being pushed), so a
crash mid-push is finished on the next run instead of being read as a Notion-side edit. Local files
are written atomically, and only if they still hold what was read at the start of the sync (an
editor may have saved meanwhile; then the date is left for the next sync).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from notionlog.convert import normalize, to_blocks, typos
from notionlog.convert.blocktags import state_removed_colours
from notionlog.errors import BrokenTag, NotionlogError, NotionUnavailable
from notionlog.local import journal
from notionlog.local.journal import write_atomic
from notionlog.notion import carry, update, writer
from notionlog.sync import form, sides, uploads
from notionlog.sync.files import conflict_copy, entry_path, keep_aside, keep_carried, laid_out, to_trash
from notionlog.sync.plan import Action, Local, Op, decide
from notionlog.sync.sides import Target
from notionlog.sync.store import Row, Store, text_hash
from notionlog.sync.summary import Summary


class Raced(Exception):
    """The file changed on disk while the sync ran; it is left for the next sync."""


class Runner:
    """Executes actions against Notion, the files and the status store."""

    def __init__(self, api, store: Store, home: Path, target: Target, summary: Summary,
                 clock: Callable[[], float] = time.time) -> None:
        self.api, self.store, self.home, self.target = api, store, home, target
        self.summary, self.clock = summary, clock
        self.handlers: dict[Op, Callable[[Action], None]] = {
            Op.CREATE: self._create, Op.PUSH: self._push, Op.PULL: self._pull, Op.MERGE: self._merge,
            Op.CONFLICT: self._conflict, Op.RECORD: self._record, Op.TRASH_REMOTE: self._trash_remote,
            Op.TRASH_LOCAL: self._trash_local, Op.FORGET: self._forget, Op.SKIP: self._skip,
        }  # every Op has exactly one handler (tests/sync/test_plan.py checks the map is complete)

    def run(self, action: Action) -> None:
        self.handlers[action.op](action)

    # -- pushes ---------------------------------------------------------------------------------

    def _create(self, a: Action) -> None:
        row, local = a.row or Row(a.date), a.file()
        target = local.body
        self._note_typos(a.date, local.text)
        row.pending = {"op": "create", "before": "", "target": target}
        self.store.put(row)
        started = self.clock()

        props = sides.properties(self.target, a.date, target, create=True)
        door, blocks = self._with_uploads(a.date, target)
        try:
            page, tree = writer.create_page(door, self.target.data_source_id, props, blocks)
        except NotionUnavailable:
            # The page may exist all the same (response lost): look it up before anything else.
            if not self._adopt_lost_create(a, row):
                raise
            return
        row.page_id = page["id"]
        row.agree(target, tree, page.get("last_edited_time"), started, local.text, sides.editor(page))
        self.store.put(row)
        self.summary.created.append(a.date)
        self._fingerprint(row)

    def _note_typos(self, date: str, typed: str | None, refuse: bool = False) -> None:
        """Name each line of the file as typed that looks like a tag but is read as text. For an
        existing page (``refuse``), a tag broken by a lost closing tag or blank line stops the push
        before any request: it could turn one of the page's blocks into text."""
        notes = typos.notes(typed or "")
        if refuse and (broken := typos.broken(notes)):
            raise BrokenTag(date, broken[0])
        self.summary.warnings += [f"{date}: {note}" for note in notes]

    def _with_uploads(self, date: str, target: str) -> tuple[uploads.Uploading, list[dict]]:
        """The entry's blocks, lines linking a file of the journal made uploads, and the door that
        sends those files when such a block must be created (sync.uploads)."""
        folder = entry_path(self.home, date).parent
        blocks = uploads.linked(to_blocks(target).children, folder, self.home)
        return uploads.Uploading(self.api, folder, self.home), blocks

    def _fingerprint(self, row: Row) -> None:
        """A new or pulled page's fingerprint, taken as soon as it is written or read
        (docs/sync.md, "Verify").

        One request here instead of one in the next sync, and the narrowest window for an edit
        that moves no timestamp to slip in unseen. If it fails, the next sync takes it.
        """
        try:
            row.fingerprint, row.checked_at = sides.fingerprint(self.api, row.page_id or ""), self.clock()
        except NotionlogError:
            return
        self.store.put(row)

    def _adopt_lost_create(self, a: Action, row: Row) -> bool:
        """After a failed create: find the page by Date; if it is there, finish it. No duplicate."""
        found = lookup(self.api, self.target, a.date)
        if found is None:
            return False
        remote = sides.fetch(self.api, found, None, self.clock,
                             uploads.localizer(self.home, self.api.download))
        again = decide(a.date, row, a.local, remote)
        if again is None or again.op == Op.CREATE:
            return False
        self.run(again)
        if again.op in (Op.RECORD, Op.PUSH, Op.MERGE):  # finishing our own page: counted as created
            for bucket in (self.summary.merged, self.summary.updated, self.summary.created):
                if a.date in bucket:
                    bucket.remove(a.date)
            self.summary.created.append(a.date)
        return True

    def _push(self, a: Action) -> None:
        local, remote = a.file(), a.remote
        before: str | None
        if remote is not None and remote.markdown is not None:  # the page as fetched now
            row, old_tree, before, page_id = a.row or Row(a.date), remote.blocks, remote.body, remote.page_id
        else:  # not fetched: unchanged since the status recorded it
            row = a.status()
            old_tree, before, page_id = row.blocks, row.base, _needed_id(row.page_id)
        fresh = row.base is None  # finishing a create that was interrupted
        self._note_typos(a.date, local.text, refuse=True)
        self._send(row, page_id, old_tree, before or "", local.body, local.text)
        (self.summary.created if fresh else self.summary.updated).append(a.date)

    def _send(self, row: Row, page_id: str, old_tree: list | None, before: str, target: str,
              raw: str | None) -> None:
        """Update a page in place from ``before`` to ``target``, intent recorded first.

        The content goes first; the property write (revision mark, and title/tags if they changed)
        comes last, so the mark says the content is complete, and its answer tells us the page's
        last edit as we left it (see gather.is_our_write).
        """
        row.page_id = page_id
        row.pending = {"op": "update", "before": before, "target": target}
        self.store.put(row)
        started = self.clock()
        door, blocks = self._with_uploads(row.date, target)
        state_removed_colours(blocks, to_blocks(before).children if before else [])
        # A file written before inline tags existed keeps the page's colours and mentions (carry).
        with carry.speaking_old_form(carry.old_form(row.base, target, old_tree)):
            tree = update.update_blocks(door, page_id, old_tree, blocks, sides.block_key,
                                        reading=True)
        # Without the revision property, the title is written anyway: it is what moves the page's
        # last_edited_time for the other machines.
        fields = _properties_differ(before, target) or not self.target.has_revision
        props = sides.properties(self.target, row.date, target, fields=fields)
        page = self.api.update_page(page_id, properties=props) if props else {}
        row.agree(target, tree, page.get("last_edited_time"), started, raw, sides.editor(page))
        # The fingerprint taken next would take in an edit of a copy's original made elsewhere
        # since the last read, unseen: such a page is read once more (docs/sync.md, "Verify").
        row.recheck = int(update.holds_copy(tree))
        self.store.put(row)

    # -- pulls and merges -----------------------------------------------------------------------

    def _pull(self, a: Action) -> None:
        remote = a.page()
        raw = pulled = laid_out(a.local, remote.body)
        if a.local is not None and a.local.scaffold and a.local.text is not None:
            raw = keep_carried(self.home, a.date, a.local.text, pulled)
        self._write(a.local, a.date, raw)
        row = a.row or Row(a.date)
        row.page_id = remote.page_id
        # A file that kept carried to-dos differs from the page: no local hash, so the next sync
        # sees it changed and pushes them.
        row.agree(remote.body, remote.blocks, remote.edited, remote.fetched_at,
                  raw if raw == pulled else None, remote.by)
        self.store.put(row)
        self.summary.pulled.append(a.date)
        self._fingerprint(row)

    def _merge(self, a: Action) -> None:
        local, remote = a.file(), a.page()
        merged = normalize(a.text or "")
        if a.overridden:
            self._keep_aside(a, remote.body if a.overridden == "local" else local.body)
        raw = local.text
        self._note_typos(a.date, raw, refuse=True)
        if merged != local.normalized:
            raw = laid_out(local, merged)
            self._write(local, a.date, raw)
        row = a.row or Row(a.date)
        if merged != remote.markdown or remote.half_written:
            self._send(row, remote.page_id, remote.blocks, remote.body, merged, raw)
        else:
            row.page_id = remote.page_id
            row.agree(merged, remote.blocks, remote.edited, remote.fetched_at, raw, remote.by)
            self.store.put(row)
        self.summary.merged.append(a.date)

    def _conflict(self, a: Action) -> None:
        remote = a.page()
        copy = conflict_copy(self.home, a.date)
        current = copy.read_text(encoding="utf-8") if copy.exists() else None
        if remote.markdown is not None and current != remote.markdown:
            write_atomic(copy, remote.markdown)
        row = a.row or Row(a.date)
        row.page_id = row.page_id or remote.page_id
        row.conflict = {"markdown": remote.markdown, "blocks": remote.blocks,
                        "edited": remote.edited, "fetched_at": remote.fetched_at,
                        "page_id": remote.page_id}
        self.store.put(row)
        self.summary.conflicts.append(a.date)
        self.summary.copies.append(copy)

    def _record(self, a: Action) -> None:
        if _unmarked(a):
            self._push(a)
            return
        row, local, remote = a.row or Row(a.date), a.file(), a.page()
        row.page_id = remote.page_id
        row.agree(local.body, remote.blocks, remote.edited, remote.fetched_at, local.text, remote.by)
        self.store.put(row)

    # -- deletions and the rest -----------------------------------------------------------------

    def _trash_remote(self, a: Action) -> None:
        self.api.update_page(_needed_id(a.status().page_id), in_trash=True)
        self.store.delete(a.date)
        self.summary.deleted.append(a.date)

    def _trash_local(self, a: Action) -> None:
        local = a.file()
        self._unchanged_on_disk(local)
        to_trash(self.home, local.path)
        self.store.delete(a.date)
        self.summary.deleted.append(a.date)

    def _forget(self, a: Action) -> None:
        self.store.delete(a.date)

    def _skip(self, a: Action) -> None:
        self.summary.skipped.append((a.date, a.reason))
        remote = a.remote
        if remote is not None and remote.markdown is not None and (a.row is None or
                                                                   remote.hash != a.row.base_hash):
            self.mark_recheck(a.date, remote.page_id)  # seen changed, not applied: look again

    def mark_recheck(self, date: str, page_id: str | None) -> None:
        row = self.store.get(date) or Row(date)
        row.page_id = row.page_id or page_id
        row.recheck = 1
        self.store.put(row)

    # -- files ----------------------------------------------------------------------------------

    def _write(self, local: Local | None, date: str, text: str) -> None:
        path = local.path if local is not None else entry_path(self.home, date)
        if local is None and path.exists():
            raise Raced(path)
        self._unchanged_on_disk(local)
        journal.write_atomic(form.target(path), text)  # through a symlink, never over it

    def _unchanged_on_disk(self, local: Local | None) -> None:
        if local is None or local.text is None:
            return

        if not local.path.exists() or journal.read_text(local.path) != local.text:
            raise Raced(local.path)

    def _keep_aside(self, a: Action, text: str) -> None:
        """--prefer overrode one side in a conflict: keep that side's text under .notionlog/."""
        side = "notion" if a.overridden == "local" else "local"
        self.summary.overridden.append((a.date, side, keep_aside(self.home, a.date, side, text)))


def lookup(api, target: Target, date: str) -> dict | None:
    """The page for ``date`` by a query on the ``Date`` property (one request)."""
    flt = {"property": sides.DATE, "date": {"equals": date}}
    pages = [p for p in api.query(target.data_source_id, filter=flt) if sides.page_date(p) == date]
    return min(pages, key=lambda p: p.get("created_time", "")) if pages else None


def _needed_id(page_id: str | None) -> str:
    if page_id is None:
        raise ValueError("planned without a page id")
    return page_id


def _properties_differ(before: str, target: str) -> bool:
    old, new = to_blocks(before), to_blocks(target)
    return old.title_rich_text != new.title_rich_text or (old.front_matter or {}).get("tags") != (
        new.front_matter or {}).get("tags")


def _unmarked(a: Action) -> bool:
    """Our update whose answer was lost after all of its content went in, but maybe before its
    revision mark (written last): pushed again, it writes just the mark, which the other machines
    need to see the edit (API content edits move no timestamp)."""
    pending, remote = a.row.pending if a.row else None, a.remote
    if not pending or pending.get("op") != "update" or remote is None or remote.markdown is None:
        return False
    return sides.revision(remote.page) != sides.revision_of(text_hash(a.file().body))
