"""Reading the Notion side of one sync with as few requests as Notion's semantics allow.

The rules (docs/sync.md):

* **What may have changed**: one data-source query for pages edited on or after the last sync's
  start *on Notion's clock* (the ``Date`` of its answer, less the rounding minute and
  :data:`~notionlog.notion.times.SKEW`). A first sync, ``--delete``, ``status`` and once a
  :data:`LISTING_EVERY` list the whole data source instead (live pages only: Notion has no trash
  query).
* **Our own writes are recognised, not re-read**: every push ends with a property write carrying the
  content's revision (:data:`~notionlog.sync.sides.REVISION`); a page whose ``last_edited_time`` and
  ``last_edited_by`` are still those of that write, and whose revision is our base's, was not edited
  since. Anything else is fetched and compared by content hash, never by timestamp alone.
* **Deletions**: a page is trashed only when its own object says so (``in_trash``/``archived``, or
  404), looked up after it vanished from a full listing.
* **Verify**: API content edits need not move timestamps, so each page's Markdown view is hashed
  (a fingerprint, never parsed). A new or pulled page gets it at once (``actions``); other pages
  without one get it in the next sync; one page whose check is older than :data:`VERIFY_EVERY` is
  checked per sync, every page with ``sync --verify``. A changed fingerprint makes the page be
  fetched.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from notionlog.errors import NotionNotShared, NotionRejected
from notionlog.notion import times
from notionlog.sync import sides
from notionlog.sync.actions import Summary, Target, lookup
from notionlog.sync.plan import Remote
from notionlog.sync.store import Row, Store

LISTING_EVERY = 24 * 3600.0  # a full listing (deletions) at least this often
VERIFY_EVERY = 7 * 24 * 3600.0  # a page's fingerprint is checked at least this often


@dataclass
class Survey:
    """What the Notion side holds, before any content is read."""

    known: dict[str, Remote] = field(default_factory=dict)  # settled without reading content
    wanted: dict[str, dict] = field(default_factory=dict)  # date -> page object to fetch
    others: dict[str, list[dict]] = field(default_factory=dict)  # date -> further pages for it
    started: float = 0.0  # Notion's clock when the listing was answered
    full: bool = False  # the whole data source was listed
    offset: float = 0.0  # Notion's clock less ours
    moved: dict[str, str] = field(default_factory=dict)  # old date -> the date its page moved to


class Reader:
    """Finds the pages that need a look and fetches them; notes what it saw in the summary."""

    def __init__(self, api, store: Store, summary: Summary, dry_run: bool,
                 progress: Callable[[int, int, str], None], clock: Callable[[], float],
                 files: Callable[[list[dict], str], list[str]] | None = None) -> None:
        self.api, self.store, self.summary, self.dry_run = api, store, summary, dry_run
        self.progress, self.clock, self.files = progress, clock, files

    def notion_now(self) -> float:
        """Notion's clock as of its latest answer; our own only if Notion sent no ``Date``."""
        return self.api.server_time or self.clock()

    def survey(self, target: Target, rows: dict[str, Row], full: bool = False,
               verify: bool = False, fingerprints: bool = True,
               pushing: frozenset[str] = frozenset()) -> Survey:
        """List what changed (or everything), settle what needs no reading, choose what to fetch.

        ``pushing``: dates changed here, about to be pushed (no fingerprint is taken for those).
        """
        out = Survey()
        since = self.store.meta("notion_since")
        listed_at = float(self.store.meta("notion_listed") or 0)
        last = float(since) if since is not None else None
        # Notion's time now, estimated from our clock and the difference seen last time: a day's
        # cadence needs no more precision than that, and no request is spent on it.
        guess = self.clock() + float(self.store.meta("notion_offset") or 0)
        out.full = full or last is None or guess - listed_at >= LISTING_EVERY
        flt = None if out.full else {"timestamp": "last_edited_time",
                                     "last_edited_time": {"on_or_after": times.iso(times.since(last or 0))}}
        listing = list(self.api.query(target.data_source_id, filter=flt))
        out.started = self.notion_now()
        out.offset = out.started - self.clock()
        pages = self._by_date(listing, rows, out.others)
        out.moved = self._forget_moved(pages, out.others, rows)
        out.wanted = {d: p for d, p in pages.items() if needs_fetch(rows.get(d), p)}
        if out.full:
            self._vanished(rows, {p["id"] for p in listing}, pages, out)
        self._look_again(target, rows, pages, out)
        if fingerprints:
            self._fingerprints({d: r for d, r in rows.items() if d not in pushing}, out, verify)
        return out

    # -- which page is a date's ----------------------------------------------------------------

    def _by_date(self, pages: list[dict], rows: dict[str, Row],
                 others: dict[str, list[dict]]) -> dict[str, dict]:
        """One page per date: the one the status knows, else the oldest; the rest in ``others``.

        A date bound to a page that is not in this listing (an incremental one holds only pages
        edited since) has only further pages here: each is a second page, never the date's own.
        """
        grouped: dict[str, list[dict]] = {}
        bound = {row.page_id: d for d, row in rows.items() if row.page_id}
        for page in pages:
            date = sides.page_date(page)
            if date is None:
                self.summary.warnings.append(_dateless(page.get("id"), bound.get(page.get("id") or "")))
                continue
            grouped.setdefault(date, []).append(page)
        chosen = {}
        for date, found in grouped.items():
            known = rows[date].page_id if date in rows else None
            found.sort(key=lambda p: (p.get("id") != known, p.get("created_time", "")))
            if known and found[0].get("id") != known:
                others[date] = found
                continue
            chosen[date] = found[0]
            if len(found) > 1:
                others[date] = found[1:]
        return chosen

    def _forget_moved(self, pages: dict[str, dict], others: dict[str, list[dict]],
                      rows: dict[str, Row]) -> dict[str, str]:
        """A page whose Date was changed in Notion now belongs to its new date only.

        The old date's status is dropped, so its file is never written over the page that moved
        away (which, on a date that has its own page, is that date's second page). Returns old
        date -> new date for the pages that became their new date's own page (the engine lets an
        unchanged file follow; any other file is pushed as a new page).
        """
        dates_of = {page["id"]: date for date, page in pages.items()}
        dates_of |= {page["id"]: date for date, found in others.items() for page in found}
        own = {}
        for date, row in list(rows.items()):
            moved_to = dates_of.get(row.page_id or "")
            if moved_to is not None and moved_to != date:
                self.summary.warnings.append(f"{date}: its page now has {sides.DATE} {moved_to}")
                del rows[date]
                if not self.dry_run:
                    self.store.delete(date)
                if date not in pages and others.get(date):  # a page made there since is its own
                    pages[date] = others[date].pop(0)
                    if not others[date]:
                        del others[date]
                if moved_to not in rows and pages.get(moved_to, {}).get("id") == row.page_id:
                    own[date] = moved_to
        return own

    # -- pages not in the listing ---------------------------------------------------------------

    def _vanished(self, rows: dict[str, Row], listed: set[str], pages: dict, out: Survey) -> None:
        """Synced pages missing from a full listing: trashed only if their own object says so."""
        for date, row in rows.items():
            if row.page_id and row.page_id not in listed and date not in pages:
                page = self._page(row.page_id)
                if page is None:
                    out.known[date] = Remote(row.page_id, gone=True)

    def _look_again(self, target: Target, rows: dict[str, Row], pages: dict, out: Survey) -> None:
        """Dates whose last sync left something open: an unanswered create, a pending push..."""
        for date, row in rows.items():
            if date in pages or date in out.known:
                continue
            if row.pending and not row.page_id:
                found = lookup(self.api, target, date)  # a create whose answer never came
                if found is not None:
                    out.wanted[date] = found
            elif row.page_id and (row.pending or row.conflict or row.recheck or not row.base_hash):
                page = self._page(row.page_id)
                if page is None:
                    out.known[date] = Remote(row.page_id, gone=True)
                else:
                    out.wanted[date] = page

    def _page(self, page_id: str) -> dict | None:
        """The page, or None if it is in the trash or gone (its own object is the only witness)."""
        try:
            page = self.api.retrieve_page(page_id)
        except NotionNotShared:
            return None
        return None if page.get("in_trash") or page.get("archived") else page

    # -- fingerprints ---------------------------------------------------------------------------

    def _fingerprints(self, rows: dict[str, Row], out: Survey, verify: bool) -> None:
        """Take missing fingerprints; check the stalest one (all with ``verify``)."""
        settled = [r for d, r in rows.items() if r.page_id and r.base_hash and d not in out.wanted
                   and d not in out.known and not (r.pending or r.conflict or r.recheck)]
        due = [r for r in settled if r.fingerprint is None or verify]
        stale = sorted((r for r in settled if r.fingerprint is not None
                        and out.started - r.checked_at >= VERIFY_EVERY), key=lambda r: r.checked_at)
        for row in due + ([stale[0]] if stale and not verify else []):
            self._check(row, out)

    def _check(self, row: Row, out: Survey) -> None:
        try:
            seen = sides.fingerprint(self.api, row.page_id or "")
        except NotionNotShared:
            page = self._page(row.page_id or "")
            if page is None:
                out.known[row.date] = Remote(row.page_id or "", gone=True)
            return
        except NotionRejected as err:  # an optimisation: its refusal never stops the sync
            self.summary.warnings.append(f"{row.date}: could not be verified (Notion refused its "
                                         f"Markdown view: {err.message})")
            return
        changed = row.fingerprint is not None and seen != row.fingerprint
        row.fingerprint, row.checked_at = seen, out.started
        if changed:  # fetched now; if the run stops first, the next sync looks again
            row.recheck = 1
            page = self._page(row.page_id or "")
            if page is None:
                out.known[row.date] = Remote(row.page_id or "", gone=True)
            else:
                out.wanted[row.date] = page
        if not self.dry_run:
            self.store.put(row)

    def fetch(self, page: dict, row: Row | None) -> Remote:
        """The page's blocks, rendered and hashed (a page gone meanwhile counts as trashed)."""
        try:
            return sides.fetch(self.api, page, row.base if row else None, self.notion_now,
                               self.files)
        except NotionNotShared:
            return Remote(page["id"], gone=True)


def _dateless(page_id: str | None, entry: str | None) -> str:
    """The warning for a page without a Date (the entry it is synced with, if any)."""
    if entry is None:
        return f"page {page_id} has no {sides.DATE}; ignored"
    return (f"{entry}: its page {page_id} has no {sides.DATE} now; set it back in Notion (edits "
            "made there are not pulled meanwhile; the file's are still pushed)")


def needs_fetch(row: Row | None, page: dict, unmarked: bool = False) -> bool:
    """Must this page be fetched? Not if its last edit is one we have already seen or made.

    ``unmarked``: see :func:`is_our_write` (``status`` only; sync reads such a page).
    """
    if row is None or not row.base_hash or row.pending or row.conflict or row.recheck:
        return True
    if row.page_id != page.get("id"):
        return False  # another page for a date we sync elsewhere: handled as a second page
    edited = page.get("last_edited_time")
    if times.settled(edited, row.verified_at):
        return False
    return not is_our_write(row, page, unmarked)


def is_our_write(row: Row, page: dict, unmarked: bool = False) -> bool:
    """The page's last edit is the revision mark we wrote when it came to hold our base.

    A database without the revision property carries no mark: with ``unmarked``, the edit's time
    and editor alone make it ours. That cannot tell our write from one made in the same minute by
    another machine with the same integration, so only ``status`` (which reads no content and
    already misses edits that leave no mark) takes it; sync reads the page and compares content.
    """
    if row.remote_edited is None or page.get("last_edited_time") != row.remote_edited:
        return False
    if sides.editor(page) != row.remote_by or row.remote_by is None:
        return False
    if unmarked and sides.REVISION not in (page.get("properties") or {}):
        return True
    return sides.revision(page) == sides.revision_of(row.base_hash or "")
