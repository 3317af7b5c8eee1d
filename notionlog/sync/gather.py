"""Reading the Notion side of one sync with as few requests as the timestamps allow.

One data-source query filtered on ``last_edited_time`` on or after the last sync's start minus
:data:`SLACK` (Notion rounds to the minute; clocks differ) names the pages that may have changed;
the first sync, or one after a lost status, lists the whole data source instead, once, paginated.
A page in that answer is skipped only when its ``last_edited_time`` is a minute that had already
ended (minus :data:`SKEW`) when we last verified the page: any later edit would carry a later
minute. Everything else -- our own recent writes included -- is fetched and compared by content
hash, never by timestamp alone, because an edit made in the same minute as our last look is
invisible to the timestamp. One more query lists Notion's trash, so trashed pages are reported.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from notionlog.errors import NotionNotShared
from notionlog.sync import sides
from notionlog.sync.actions import Summary, Target, lookup
from notionlog.sync.plan import Remote
from notionlog.sync.store import Row, Store

SLACK = 120.0  # seconds subtracted from the last start: 60 for minute rounding, 60 for clock skew
SKEW = 60.0  # clock difference between us and Notion we tolerate when judging a timestamp


class Reader:
    """Finds the pages that need a look and fetches them; notes what it saw in the summary."""

    def __init__(self, api, store: Store, summary: Summary, dry_run: bool,
                 progress: Callable[[int, int, str], None], clock: Callable[[], float]) -> None:
        self.api, self.store, self.summary, self.dry_run = api, store, summary, dry_run
        self.progress, self.clock = progress, clock

    def survey(self, target: Target, rows: dict[str, Row]) -> tuple[dict[str, Remote], dict[str, dict]]:
        """What is known without reading content (trashed pages), and the pages to fetch, by date."""
        last = self.store.meta("last_sync_start")
        flt = None
        if last is not None:
            since = _iso(float(last) - SLACK)
            flt = {"timestamp": "last_edited_time", "last_edited_time": {"on_or_after": since}}
        pages = self._by_date(self.api.query(target.data_source_id, filter=flt), rows)
        self._forget_moved(pages, rows)
        wanted = {d: p for d, p in pages.items() if needs_fetch(rows.get(d), p)}
        known = self._trashed(target, rows, pages)
        for date, row in rows.items():
            if date in pages or date in known:
                continue
            if row.pending and not row.page_id:
                found = lookup(self.api, target, date)  # a create whose answer never came
                if found is not None:
                    wanted[date] = found
            elif row.page_id and (row.pending or row.conflict or row.recheck or not row.base_hash):
                page = self._page(row.page_id)
                if page is None:
                    known[date] = Remote(row.page_id, gone=True)
                else:
                    wanted[date] = page
        return known, wanted

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

    def fetch(self, page: dict, row: Row | None) -> Remote:
        """The page's blocks, rendered and hashed (a page gone meanwhile counts as trashed)."""
        try:
            return sides.fetch(self.api, page, row.base if row else None, self.clock)
        except NotionNotShared:
            return Remote(page["id"], gone=True)


def needs_fetch(row: Row | None, page: dict) -> bool:
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
