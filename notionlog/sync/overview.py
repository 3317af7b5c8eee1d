"""``status`` (what a sync would find, per entry) and ``resolve`` (settle a conflict by hand).

``status`` costs one query to Notion (``offline``: none). It judges the Notion side from timestamps
only -- a page counts as changed in Notion when it was edited in a minute after the one we last
verified it in -- so it can miss an edit made in that very minute; ``sync`` compares content and
does not.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

from notionlog.sync import lock, sides
from notionlog.sync.actions import conflict_copy, keep_aside
from notionlog.sync.plan import local_state
from notionlog.sync.store import Row, open_store

LABELS = {
    "SAME": "in sync", "CHANGED": "changed here", "NEW": "new", "SCAFFOLD": "untouched scaffold",
    "BAD": "unreadable", "ABSENT": "removed here",
}


@dataclass(frozen=True)
class EntryState:
    date: str
    state: str  # a label from LABELS, or "changed in Notion", "both changed", "conflict", ...
    path: Path | None = None


def entry_states(settings, offline: bool = False, transport=None) -> list[EntryState]:
    """Per entry: in sync, changed here, changed in Notion, both, new, untouched scaffold..."""
    if offline and not (settings.home / ".notionlog" / "state.db").exists():
        return _states({}, sides.scan_local(settings.home), {})  # never synced: create nothing
    store = open_store(settings.home)
    try:
        rows = store.rows()
        locals_ = sides.scan_local(settings.home)
        edited = {} if offline else _edited_in_notion(settings, store, rows, transport)
    finally:
        store.close()
    return _states(rows, locals_, edited)


def _states(rows: dict[str, Row], locals_: dict, edited: dict[str, dict]) -> list[EntryState]:
    states = []
    for date in sorted(set(rows) | set(locals_) | set(edited)):
        row, local = rows.get(date), locals_.get(date)
        states.append(EntryState(date, _label(row, local, edited.get(date)),
                                 local.path if local else None))
    return states


def _label(row: Row | None, local, page: dict | None) -> str:
    if row is not None and row.conflict:
        return "conflict (run `notionlog resolve`)"
    here = local_state(row, local)
    there = page is not None and (row is None or _later(page, row))
    if row is None and local is None:
        return "only in Notion"
    if there and here in ("CHANGED", "NEW") and row is not None:
        return "both changed"
    if there and here in ("SAME", "SCAFFOLD", "ABSENT"):
        return "changed in Notion"
    return LABELS[here]


def _later(page: dict, row: Row) -> bool:
    if not row.base_hash or row.recheck or row.pending:
        return True
    text = page.get("last_edited_time") or ""
    try:
        edited = dt.datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp()
    except ValueError:
        return True
    return edited >= (row.verified_at // 60 + 1) * 60


def _edited_in_notion(settings, store, rows, transport) -> dict[str, dict]:
    """Pages edited since the last sync, by date: one query (the whole listing on a first run)."""
    from notionlog.notion import connect
    from notionlog.settings import require
    from notionlog.sync.gather import SLACK, _iso

    require(settings, "NOTION_TOKEN", "NOTION_DATABASE_ID")
    cached = json.loads(store.meta("database") or "{}")
    api = connect(settings, transport)
    try:
        source = cached.get("data_source_id") if cached.get("ref") == settings.database_id else None
        if source is None:
            from notionlog.sync.engine import check_database

            db = api.resolve_database(settings.database_id)
            check_database(store, db.database_id, settings, bool(rows))
            source = db.data_source_id
        last = store.meta("last_sync_start")
        flt = None if last is None else {
            "timestamp": "last_edited_time",
            "last_edited_time": {"on_or_after": _iso(float(last) - SLACK)}}
        found = {}
        for page in api.query(source, filter=flt):
            date = sides.page_date(page)
            if date and (date not in rows or rows[date].page_id in (None, page["id"])):
                found[date] = page
        return found
    finally:
        api.close()


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
    from notionlog import journal

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
            row.page_id = theirs.get("page_id") or row.page_id
            row.agree(theirs["markdown"], theirs.get("blocks"), theirs.get("edited"),
                      theirs.get("fetched_at") or 0.0, theirs["markdown"] if keep == "remote" else None)
            store.put(row)
        finally:
            store.close()
    conflict_copy(settings.home, date).unlink(missing_ok=True)
    return Resolved(date, keep or "local", path, True, aside)


def _keep_discarded(home: Path, date: str, path: Path, theirs: str, keep: str | None) -> Path | None:
    """Before ``--keep`` replaces a side, keep that side's text (nothing when they are equal)."""
    from notionlog import journal

    mine = journal.read_text(path) if path.is_file() else None
    if keep == "remote" and mine is not None and mine != theirs:
        return keep_aside(home, date, "local", mine)
    if keep == "local" and theirs != mine:
        return keep_aside(home, date, "notion", theirs)
    return None
