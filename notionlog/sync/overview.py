"""``status`` (what a sync would find, per entry) and ``resolve`` (settle a conflict by hand).

``status`` lists the whole data source (one query per 100 pages; ``offline``: none) and judges it
by sync's own rules (:func:`notionlog.sync.gather.needs_fetch`), without reading any content: a
page may show as changed in Notion when only its timestamp moved; ``sync`` compares content.
Our own last write counts as ours even on a database without the revision property
(:func:`notionlog.sync.gather.is_our_write`).
"""

from __future__ import annotations

import datetime as dt
import json
import time
from dataclasses import dataclass, field
from pathlib import Path

from notionlog.errors import NotionlogError
from notionlog.local import journal
from notionlog.notion import connect, parse_id
from notionlog.settings import require
from notionlog.sync import lock, sides
from notionlog.sync.actions import Summary
from notionlog.sync.engine import check_database
from notionlog.sync.files import conflict_copy, keep_aside
from notionlog.sync.gather import Reader, needs_fetch
from notionlog.sync.guard import missing_folder
from notionlog.sync.plan import L, local_state
from notionlog.sync.store import Row, open_store
from notionlog.sync.uploads import localizer

LABELS = {
    L.SAME: "in sync", L.CHANGED: "changed here", L.NEW: "new", L.SCAFFOLD: "untouched scaffold",
    L.BAD: "unreadable", L.ABSENT: "removed here",
}


@dataclass(frozen=True)
class EntryState:
    date: str
    state: str  # a label from LABELS, or "changed in Notion", "both changed", "conflict", ...
    path: Path | None = None


def entry_states(settings, offline: bool = False, transport=None) -> list[EntryState]:
    """Per entry: in sync, changed here, changed in Notion, both, new, trashed in Notion..."""
    if offline and not (settings.home / ".notionlog" / "state.db").exists():
        return _states({}, sides.scan_local(settings.home), Seen())  # never synced: create nothing
    store = open_store(settings.home)
    try:
        rows = store.rows()
        if offline:
            _same_database_offline(settings, store, rows)
        locals_ = sides.scan_local(settings.home, rows)  # unchanged files: the stored rows, reused
        seen = Seen() if offline else _seen_in_notion(settings, store, rows, transport)
    finally:
        store.close()
    return _states(rows, locals_, seen)


def missing_entries(home: Path, states: list[EntryState]) -> str | None:
    """Why every entry shows as removed here, when it is the entries folder that is missing."""
    if not any(s.state == LABELS[L.ABSENT] for s in states):
        return None
    return missing_folder(home)


def _same_database_offline(settings, store, rows: dict[str, Row]) -> None:
    """Without asking Notion: a NOTION_DATABASE_ID that is neither what the last sync used nor
    the id of its database or data source names another database (see engine.check_database)."""
    cached = json.loads(store.meta("database") or "{}")
    if not settings.database_id or cached.get("ref") in (None, settings.database_id):
        return
    try:
        configured = parse_id(settings.database_id)
    except NotionlogError:
        return  # not an id at all: the online commands say so
    if configured not in (cached.get("database_id"), cached.get("data_source_id")):
        check_database(store, configured, settings, bool(rows))


def _states(rows: dict[str, Row], locals_: dict, seen: Seen) -> list[EntryState]:
    states = []
    for date in sorted(set(rows) | set(locals_) | set(seen.changed) | seen.gone):
        row, local = rows.get(date), locals_.get(date)
        states.append(EntryState(date, _label(row, local, date in seen.changed, date in seen.gone),
                                 local.path if local else None))
    return states


@dataclass
class Seen:
    """What the Notion side showed: dates whose page changed, dates whose page left Notion."""

    changed: set[str] = field(default_factory=set)
    gone: set[str] = field(default_factory=set)


def _label(row: Row | None, local, there: bool, gone: bool) -> str:
    if row is not None and row.conflict:
        return "conflict (run `notionlog resolve`)"
    here = local_state(row, local)
    if row is None and local is None:
        return "only in Notion"
    if gone:
        return "trashed in Notion" if here != L.ABSENT else "removed on both sides"
    if row is not None and row.pending:  # the page is read again by sync, not a Notion edit
        return f"{LABELS[here]} (its last push did not finish: run `notionlog sync`)"
    if there and here in (L.CHANGED, L.NEW) and row is not None:
        return "both changed"
    if there and here in (L.SAME, L.SCAFFOLD, L.ABSENT):
        return "changed in Notion"
    return LABELS[here]


def _seen_in_notion(settings, store, rows: dict[str, Row], transport) -> Seen:
    """One full listing (deletions are reported here), judged by the same rules as sync.

    Costs one query per 100 pages, plus one retrieve per synced page missing from the listing.
    Timestamps and revision marks only: an edit that neither moved a timestamp nor left a mark is
    found by ``sync`` (its verify pass), not here.
    """
    require(settings, "NOTION_TOKEN", "NOTION_DATABASE_ID")
    cached = json.loads(store.meta("database") or "{}")
    api = connect(settings, transport)
    try:
        if cached.get("ref") == settings.database_id:
            source = cached["data_source_id"]
        else:
            db = api.resolve_database(settings.database_id)
            check_database(store, db.database_id, settings, bool(rows))
            source = db.data_source_id
        target = sides.Target(source, cached.get("title_property", ""), False)

        reader = Reader(api, store, Summary(dry_run=True), True, lambda *_: None, time.time,
                        localizer(settings.home, None))
        current = dict(rows)  # less the dates whose page moved to another date
        survey = reader.survey(target, current, full=True, fingerprints=False)
    finally:
        api.close()
    gone = {d for d, remote in survey.known.items() if remote.gone}
    # Our own last write on a database without the revision property is ours here too.
    changed = {d for d, page in survey.wanted.items()
               if d not in gone and needs_fetch(current.get(d), page, unmarked=True)}
    return Seen(changed, gone)


@dataclass(frozen=True)
class Resolved:
    date: str
    kept: str  # "local" or "remote"
    path: Path
    had_conflict: bool
    aside: Path | None = None  # where the side --keep discarded was kept


def resolve(settings, day: dt.date, keep: str | None = None) -> Resolved:
    """Settle the conflict of ``day``: the file (as merged by hand, or ``keep``) becomes the truth.

    The status takes Notion's version as the new base, so the next sync pushes exactly what the
    file says now (``--keep remote`` first writes Notion's version into the file). The side that
    ``keep`` discards is kept under ``.notionlog/overridden/``. No request.
    """
    date = day.isoformat()
    path = journal.entry_path(settings.home, day)
    with lock.hold(settings.home):
        store = open_store(settings.home)
        try:
            row = store.get(date)
            if row is None or not row.conflict:
                return Resolved(date, keep or "local", path, False)
            theirs = row.conflict
            aside = _keep_discarded(settings.home, date, path, theirs["markdown"], keep)
            if keep == "remote":
                journal.write_atomic(path, theirs["markdown"])
            row.page_id = row.page_id or theirs.get("page_id")  # never rebinds to another page
            row.agree(theirs["markdown"], theirs.get("blocks"), theirs.get("edited"),
                      theirs.get("fetched_at") or 0.0, theirs["markdown"] if keep == "remote" else None)
            store.put(row)
        finally:
            store.close()
    conflict_copy(settings.home, date).unlink(missing_ok=True)
    return Resolved(date, keep or "local", path, True, aside)


def _keep_discarded(home: Path, date: str, path: Path, theirs: str, keep: str | None) -> Path | None:
    """Before ``--keep`` replaces a side, keep that side's text (nothing when they are equal)."""
    mine = journal.read_text(path) if path.is_file() else None
    if keep == "remote" and mine is not None and mine != theirs:
        return keep_aside(home, date, "local", mine)
    if keep == "local" and theirs != mine:
        return keep_aside(home, date, "notion", theirs)
    return None
