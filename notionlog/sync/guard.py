"""Two guards of the journal against what looks like a change but may be an accident.

* :func:`guard`: like vdirsyncer's "storage looks empty" check, ``--delete`` refuses to spread the
  loss of a whole side, or of an unusual share of it, unless ``--force-delete`` says it is meant: a
  missing or empty entries folder (an unmounted cloud folder behind a symlink) would otherwise
  trash every page, and the pages would come back later under new ids.
* :func:`second_pages`: Notion allows two pages for one date (one made on the phone, or a page whose
  ``Date`` was moved). Only one is synced with the file; each other one is written beside it as the
  ``.notion.md`` copy naming both pages, and reported, so its words reach disk and nothing is
  rebound silently.
* :func:`follow_moves`: a page whose ``Date`` was changed in Notion to a date without an entry
  takes its unchanged file along (a rename, as the user meant it), instead of the old file being
  pushed again as a duplicate page.
* :func:`renamed`: the other way round, an entry file renamed here to a free date (its content
  unchanged) is the same entry on another date: its page's ``Date`` is moved (see
  ``Runner.move_date``), rather than a new page made and the old one left behind.
* :func:`refused_archived`: a push to a page trashed in Notion since the last full listing (by the
  other machine's ``--delete``, say) is refused by Notion; that is reported as the plan reports a
  trashed page changed here, not as a failure.
"""

from __future__ import annotations

from pathlib import Path

from notionlog.errors import NotionlogError, NotionNotShared, NotionRejected, WouldDeleteMany
from notionlog.sync.files import to_trash
from notionlog.sync.plan import TRASHED_BUT_CHANGED, Local, Remote
from notionlog.sync.store import Row

SHARE = 0.5  # more than this share of the synced entries gone at once is "unusual"
FEW = 3  # ...unless so few are gone that a person plainly removed them one by one


def guard(home: Path, rows: dict[str, Row], locals_: dict[str, Local],
          known: dict[str, Remote]) -> None:
    """Raise WouldDeleteMany if ``--delete`` would spread the loss of a side or most of it."""
    synced = [d for d, row in rows.items() if row.page_id and row.base_hash]
    if not synced:
        return
    files_gone = [d for d in synced if d not in locals_]
    reason = vanished(home, rows, locals_)
    if reason:
        raise WouldDeleteMany("in Notion", len(files_gone), len(synced), reason)
    pages_gone = [d for d in synced if d in known and known[d].gone]
    for side, gone in (("in Notion", files_gone), ("here", pages_gone)):
        if len(gone) >= FEW and len(gone) > SHARE * len(synced):
            what = "their files were removed" if side == "in Notion" else "their pages left Notion"
            raise WouldDeleteMany(side, len(gone), len(synced), f"{what} ({_named(gone)})")


def _named(dates: list[str], most: int = 5) -> str:
    """The first few dates, and how many more."""
    shown = ", ".join(sorted(dates)[:most])
    return shown + (f" and {len(dates) - most} more" if len(dates) > most else "")


def vanished(home: Path, rows: dict[str, Row], locals_: dict[str, Local]) -> str | None:
    """Why the local side looks vanished (a missing or emptied entries folder while synced entries
    exist: an unmounted cloud folder, say), or None."""
    if locals_ or not any(row.page_id and row.base_hash for row in rows.values()):
        return None
    return missing_folder(home) or f"no entry file is left ({home / 'entries'})"


def missing_folder(home: Path) -> str | None:
    entries = home / "entries"
    return None if entries.is_dir() else f"the entries folder is missing ({entries})"


def second_pages(reader, runner, others: dict[str, list[dict]], rows: dict[str, Row]) -> None:
    """Write each further page of a date beside the entry and report it (see module doc)."""
    for date, pages in sorted(others.items()):
        row = runner.store.get(date) or rows.get(date)  # as this sync left it (a page just pulled)
        for page in pages:
            try:
                remote = reader.fetch(page, None)
                if remote.gone or remote.markdown is None:
                    continue
                synced = row.page_id if row is not None and row.page_id else "none yet"
                copy = runner.second_page_copy(date, remote.page_id, synced, remote.markdown)
            except NotionlogError as err:
                runner.summary.failed.append((date, err))
                continue
            runner.summary.warnings.append(
                f"{date}: a second page in Notion ({remote.page_id}) besides the synced one "
                f"({synced}); its text is in {copy}: copy what you want into the entry, then "
                "trash one of the two pages in Notion")


def refused_archived(api, err: NotionlogError, page_id: str | None) -> str | None:
    """Why a push failed when Notion refused it for editing something archived, else None.

    Notion refuses to edit an archived block ("Can't edit block that is archived"): the page was
    trashed meanwhile, or one of its blocks was (then the page changed during the sync). The
    page's own object tells which.
    """
    if not isinstance(err, NotionRejected) or "archived" not in err.message or not page_id:
        return None
    try:
        page = api.retrieve_page(page_id)
    except NotionNotShared:
        return TRASHED_BUT_CHANGED
    if page.get("in_trash") or page.get("archived"):
        return TRASHED_BUT_CHANGED
    return "the page changed during the sync"


def follow_moves(home: Path, moved: dict[str, str], locals_: dict[str, Local],
                 pushing: frozenset[str]) -> list[str]:
    """Move the unchanged file of each old date (old -> new) under .notionlog/trash/; the page is
    pulled as the new date's. Returns what to tell the user."""
    said = []
    for old, new in sorted(moved.items()):
        local = locals_.get(old)
        if local is None or old in pushing or new in locals_:
            continue
        kept = to_trash(home, local.path)
        del locals_[old]
        said.append(f"{old}: the entry follows its page to {new} (the old file is kept as {kept})")
    return said


def renamed(rows: dict[str, Row], locals_: dict[str, Local], seen: set[str]) -> dict[str, str]:
    """Old date -> new date for each synced entry whose file now has another free date's name,
    unchanged (one to one). ``seen``: dates with a page in this sync's listing (left alone)."""
    gone: dict[str, list[str]] = {}
    for date, row in rows.items():
        if date not in locals_ and date not in seen and row.page_id and row.base_hash \
                and not (row.pending or row.conflict or row.recheck):
            gone.setdefault(row.base_hash, []).append(date)
    arrived: dict[str, list[str]] = {}
    for date, local in locals_.items():
        if date not in rows and date not in seen and local.hash in gone:
            arrived.setdefault(local.hash or "", []).append(date)
    return {gone[h][0]: days[0] for h, days in arrived.items() if len(days) == 1 == len(gone[h])}
