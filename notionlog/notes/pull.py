"""Pull linked pages into ``notes/``: retrieve, decide, fetch, render, write — incrementally.

For each page an entry links to (breadth first, then its child pages down to ``depth`` levels):

1. ``retrieve_page`` — one request. Not shared / trashed / a database → a warning, and on.
2. **Unchanged** when the page's ``last_edited_time`` equals the one recorded, the previous fetch
   started after that time's minute had ended (:func:`notionlog.notion.times.settled`) — Notion
   rounds the time down to the minute, so a fetch inside that minute may have missed a later edit
   of the same minute — the note file still exists, and the linking entries and parent are the same. Then
   nothing more is sent and nothing written.
3. Otherwise ``fetch_blocks`` (one listing per block with children, plus pagination), hosted files
   downloaded (assets.py), child pages and databases rewritten as links (tree.py), rendered by
   the converter with front matter, and written atomically — only if the text differs from the
   file. A file whose hash differs from what we last wrote was edited locally: notes are a mirror
   and are never pushed, so the local copy is moved beside it (``<name>.local.md``) and reported.
"""

from __future__ import annotations

import datetime
import os
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path

from notionlog.convert import to_markdown
from notionlog.errors import NotionNotShared, NotionRejected
from notionlog.local.journal import write_atomic
from notionlog.notes import assets, index, state, tree
from notionlog.notes.names import OutsideHome, inside, note_name
from notionlog.notes.report import NotesReport
from notionlog.notes.urls import find_refs, parse_url
from notionlog.notion import times
from notionlog.notion.ids import as_id, page_url
from notionlog.richtext import page_title

REMEDY_SHARE = "in Notion open it, ••• → Connections → add your integration"


def linked_pages(entries: dict[datetime.date, str]) -> dict[str, tuple[str, list[str]]]:
    """page id → (kind, ISO dates of the entries linking to it), in order of first link."""
    found: dict[str, tuple[str, list[str]]] = {}
    for day in sorted(entries):
        for ref in find_refs(entries[day]):
            kind, dates = found.setdefault(ref.id, (ref.kind, []))
            dates.append(day.isoformat())
    return found


def _utcnow() -> datetime.datetime:
    return datetime.datetime.now(datetime.timezone.utc)


@dataclass(frozen=True)
class Visit:
    """One page to pull: linked from entries (``dates``) or a child of ``parent``."""

    pid: str
    kind: str = "page"  # "database" for a ?v= view link: noted, never crawled
    dates: list[str] = field(default_factory=list)
    parent: str | None = None
    depth: int = 0  # levels of child pages still to pull below this one

    @property
    def where(self) -> str:
        return f" (linked from {', '.join(self.dates)})" if self.dates else ""


class Puller:
    """One pull over one journal home (holds the state records while it runs)."""

    def __init__(self, api, home: Path, depth: int = 1, now=None,
                 journal_database: str | None = None, refresh: bool = False) -> None:
        self.api = api
        self.refresh = refresh
        ref = parse_url(journal_database) if journal_database else None
        self.journal_database = ref.id if ref else None
        self.home = home
        self.notes = home / "notes"
        self.depth = depth
        self.now = now or _utcnow
        self.records = state.load(home)
        self.assigned: dict[str, str] = {pid: rec.name for pid, rec in self.records.items()}
        self.report = NotesReport()

    def run(self, entries: dict[datetime.date, str]) -> NotesReport:
        """Pull breadth first: every linked page, then their children, each page at most once."""
        start = self.api.requests_sent
        linked = linked_pages(entries)
        queue = deque(Visit(pid, kind, dates, None, self.depth) for pid, (kind, dates) in linked.items())
        seen: set[str] = set()
        try:
            while queue:
                visit = queue.popleft()
                if visit.pid in seen:
                    continue
                seen.add(visit.pid)
                children = self._pull(visit)
                if visit.depth > 0:
                    queue.extend(Visit(child, parent=visit.pid, depth=visit.depth - 1) for child in children)
        finally:  # what was pulled before a failure stays recorded and indexed
            self._relink(seen, linked, {day.isoformat() for day in entries})
            state.save(self.home, self.records)
            index.write(self.home, self.records)
            self.report.requests = self.api.requests_sent - start
        return self.report

    # -- one page ---------------------------------------------------------------------------

    def _pull(self, visit: Visit) -> list[str]:
        """Pull one page; returns its child page ids (to crawl when depth allows)."""
        if visit.kind == "database":
            self._warn_database(visit)
            return []
        fetched_at = self.now()  # before the request: the conservative end for the minute rule
        page = self._retrieve(visit)
        if page is None:
            return []
        if self._is_journal_entry(page):
            return []  # a link to another day's entry: sync keeps those, they are not notes
        record = self.records.get(visit.pid)
        if page.get("in_trash") or page.get("archived"):
            self.report.warnings.append(f"linked page {visit.pid}{visit.where} is in Notion's trash; "
                                        "its note was left as it was — restore the page in Notion to pull it")
            return record.children if record else []
        name = self._name_for(visit.pid, page_title(page))
        if record and not self.refresh and self._unchanged(record, page, visit):
            self.report.unchanged.append(self.notes / name)
            return record.children
        try:
            return self._fetch_and_write(visit, page, name, fetched_at)
        except OutsideHome as err:  # e.g. a note replaced by a symbolic link leading elsewhere
            self.report.warnings.append(f"notes/{err} leads outside notes/; page {visit.pid} was not "
                                        "written — replace that link with a plain file or remove it")
            return []

    def _is_journal_entry(self, page: dict) -> bool:
        database = (page.get("parent") or {}).get("database_id") or ""
        return self.journal_database is not None and as_id(database) == self.journal_database

    def _retrieve(self, visit: Visit) -> dict | None:
        try:
            return self.api.retrieve_page(visit.pid)
        except NotionNotShared:
            self.report.warnings.append(
                f"linked page {visit.pid}{visit.where} is not shared with the integration — {REMEDY_SHARE}")
        except NotionRejected as err:
            # Notion: 400 "Provided ID … is a database, not a page. Use the retrieve database API"
            if "is a database" in str(err.message).lower():
                self._warn_database(visit)
            else:
                self.report.warnings.append(
                    f"Notion refused linked page {visit.pid}{visit.where}: {err.message}")
        return None

    def _warn_database(self, visit: Visit) -> None:
        self.report.warnings.append(
            f"linked database {visit.pid}{visit.where} was noted, not pulled — notes pulls pages; "
            "link the pages you want instead")

    def _unchanged(self, record: state.NoteRecord, page: dict, visit: Visit) -> bool:
        edited = page["last_edited_time"]
        seen_before = (record.last_edited_time, record.linked_from, record.parent)
        if seen_before != (edited, visit.dates, visit.parent):
            return False
        fetched_at = times.parse(record.fetched_at)
        settled = fetched_at is not None and times.settled(edited, fetched_at)
        return settled and (self.notes / record.name).exists()

    def _fetch_and_write(self, visit: Visit, page: dict, name: str,
                         fetched_at: datetime.datetime) -> list[str]:
        blocks = self.api.fetch_blocks(visit.pid)
        children = [cid for cid, _ in tree.child_pages(blocks)]
        _, failed = assets.localize(blocks, visit.pid, self.notes, self.api.download)
        self.report.warnings += [f"could not download a file of note {name}; it links to Notion's "
                                 f"expiring URL — pull again later ({url.split('?')[0]})" for url in failed]
        tree.link_subpages(blocks, lambda cid, title: self._name_for(cid, title) if visit.depth > 0 else None)
        front = self._front_matter(visit, page)
        text = tree.relativize(to_markdown(blocks, title=front["title"] or None, front_matter=front))
        self.records[visit.pid] = state.NoteRecord(
            name=name, title=front["title"], url=front["url"], last_edited_time=page["last_edited_time"],
            fetched_at=fetched_at.isoformat(), sha256=self._write(name, text), linked_from=visit.dates,
            parent=visit.parent, children=children)
        return children

    def _front_matter(self, visit: Visit, page: dict) -> dict:
        front = {"notion_id": visit.pid, "title": page_title(page),
                 "url": page.get("url") or page_url(visit.pid),
                 "last_edited_time": page["last_edited_time"], "linked_from": visit.dates}
        if visit.parent:
            front["parent"] = self.assigned.get(visit.parent, visit.parent)
        return front

    def _write(self, name: str, text: str) -> str:
        """Write the note unless it already says this; keep a locally edited copy beside it."""
        path = inside(self.notes, name)
        record_sha = next((r.sha256 for r in self.records.values() if r.name == name), None)
        sha = state.digest(text)
        if path.exists():
            current = path.read_bytes()
            # Same text as on disk, or Notion still says what we last wrote (any difference on
            # disk is then the user's own edit, which a mirror leaves alone): nothing to write.
            if current == text.encode("utf-8") or sha == record_sha:
                self.report.unchanged.append(path)
                return sha
            if state.digest_bytes(current) != record_sha:
                self.report.kept_local.append(self._keep_local(path))
        write_atomic(path, text)
        self.report.pulled.append(path)
        return sha

    def _keep_local(self, path: Path) -> Path:
        """Move a locally edited note to ``<stem>.local.md`` (or ``.local-2.md``…), never over one."""
        for n in range(1, 1000):
            kept = path.with_name(f"{path.stem}.local{'' if n == 1 else f'-{n}'}.md")
            if not kept.exists():
                os.replace(path, kept)
                return kept
        raise FileExistsError(kept)

    # -- names and links --------------------------------------------------------------------

    def _name_for(self, pid: str, title: str) -> str:
        """The page's note file name: the one it already has, else a new one no other page uses."""
        if pid not in self.assigned:
            taken = set(self.assigned.values())
            name = note_name(title, pid)
            self.assigned[pid] = note_name(title, pid, long=True) if name in taken else name
        return self.assigned[pid]

    def _relink(self, seen: set[str], linked: dict[str, tuple[str, list[str]]],
                dates_passed: set[str]) -> None:
        """Pages not visited (no longer linked, or not reached before an interruption) get the
        entries that link to them now: a page still linked is never listed as unlinked."""
        for pid, record in self.records.items():
            if pid not in seen:
                kept = [d for d in record.linked_from if d not in dates_passed]
                record.linked_from = sorted({*kept, *linked.get(pid, ("page", []))[1]})
