"""The pure half of sync: status x local x remote -> a list of actions (vdirsyncer's design).

Nothing here does I/O. The engine gathers, per date, the status row, the local file's state and
the remote page's content (when it had to look), then asks :func:`plan` what to do. Each side is
first reduced to a state, then one decision table (:data:`TABLE`) maps the pair to an operation:

local:  ABSENT (no file) | SAME (hash = base) | CHANGED | NEW (no base yet) | SCAFFOLD | BAD
remote: UNSEEN (not edited since we last looked: treated as unchanged) | SAME | CHANGED |
        NEW (a page with no base yet) | GONE (trashed or missing) | NONE (no page at all)

A push interrupted earlier (``row.pending``) is repaired, not mistaken for a Notion edit: see
:func:`repaired`.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TypeVar

from notionlog.sync.merge import explained_by, merge
from notionlog.sync.store import Row, text_hash


class Op(str, enum.Enum):
    CREATE = "create"  # new page from the local file
    PUSH = "push"  # update the page in place from the local file
    PULL = "pull"  # write Notion's version into the file
    MERGE = "merge"  # both changed, merged cleanly: write the file and push
    CONFLICT = "conflict"  # overlapping edits: file untouched, Notion's version written beside it
    RECORD = "record"  # both sides already agree: only the status changes
    TRASH_REMOTE = "trash-remote"  # --delete: the file was removed, trash the page
    TRASH_LOCAL = "trash-local"  # --delete: the page was trashed, move the file to .notionlog/trash
    FORGET = "forget"  # gone on both sides: drop the status row
    SKIP = "skip"  # reported, nothing done


T = TypeVar("T")


def _needed(value: T | None, what: str) -> T:
    """``value``, which the operation cannot do without (a None here is a planning bug)."""
    if value is None:
        raise ValueError(f"planned without {what}")
    return value


@dataclass(frozen=True)
class Local:
    """The file of one date as found on disk."""

    path: Path
    text: str | None = None  # raw text as read
    normalized: str | None = None
    hash: str | None = None
    scaffold: bool = False
    error: Exception | None = None  # unreadable or unconvertible: reported, never touched

    @property
    def body(self) -> str:
        """The normalized text (every readable file has one)."""
        return _needed(self.normalized, f"the text of {self.path}")


@dataclass(frozen=True)
class Remote:
    """The page of one date, with its content when the engine fetched it."""

    page_id: str
    edited: str | None = None
    page: dict = field(default_factory=dict, repr=False)
    markdown: str | None = None  # normalized rendering; None = not fetched (unchanged since seen)
    hash: str | None = None
    blocks: list | None = field(default=None, repr=False)
    fetched_at: float = 0.0
    gone: bool = False
    by: str | None = None  # the user id of the page's last_edited_by
    half_written: bool = False  # planned as its text before our interrupted push (see repaired)

    @property
    def body(self) -> str:
        """The rendered page (only fetched pages are planned into what needs it)."""
        return _needed(self.markdown, f"the content of page {self.page_id}")


@dataclass(frozen=True)
class Action:
    op: Op
    date: str
    reason: str = ""
    text: str | None = None  # the text to write/push (merge result; local text for pushes)
    row: Row | None = field(default=None, repr=False)
    local: Local | None = field(default=None, repr=False)
    remote: Remote | None = field(default=None, repr=False)
    overridden: str | None = None  # --prefer took this side over the other in a conflict

    def file(self) -> Local:
        return _needed(self.local, f"the file of {self.date}")

    def page(self) -> Remote:
        return _needed(self.remote, f"the page of {self.date}")

    def status(self) -> Row:
        return _needed(self.row, f"the status of {self.date}")

    @property
    def writes_remote(self) -> bool:
        return self.op in (Op.CREATE, Op.PUSH, Op.MERGE, Op.TRASH_REMOTE)

    @property
    def writes_local(self) -> bool:
        return self.op in (Op.PULL, Op.MERGE, Op.CONFLICT, Op.TRASH_LOCAL)


class L(str, enum.Enum):
    """The file's state against the status (the module docstring says what each means)."""

    ABSENT = "ABSENT"
    SAME = "SAME"
    CHANGED = "CHANGED"
    NEW = "NEW"
    SCAFFOLD = "SCAFFOLD"
    BAD = "BAD"


class R(str, enum.Enum):
    """The page's state against the status."""

    UNSEEN = "UNSEEN"
    SAME = "SAME"
    CHANGED = "CHANGED"
    NEW = "NEW"
    GONE = "GONE"
    NONE = "NONE"


def local_state(row: Row | None, local: Local | None) -> L:
    if local is None:
        return L.ABSENT
    if local.error is not None:
        return L.BAD
    if row is not None and row.base_hash == local.hash:
        return L.SAME
    if local.scaffold:
        return L.SCAFFOLD
    return L.NEW if row is None or row.base_hash is None else L.CHANGED


def remote_state(row: Row | None, remote: Remote | None) -> R:
    if remote is None:
        return R.UNSEEN if row is not None and row.page_id else R.NONE
    if remote.gone:
        return R.GONE
    if remote.markdown is None:
        return R.UNSEEN if row is not None and row.base_hash else R.NONE
    if row is not None and remote.hash == row.base_hash:
        return R.SAME
    return R.NEW if row is None or row.base_hash is None else R.CHANGED


def repaired(row: Row | None, remote: Remote | None) -> Remote | None:
    """The page as it was before our own interrupted push, if that push explains what is there.

    ``row.pending`` holds ``before`` (the page's text when the push started) and ``target``. A page
    whose every line comes from one of them is our half-written push, not a Notion-side edit, so it
    is planned as ``before`` (its blocks stay the real ones, for the writer to finish from). A page
    with any other line was edited by someone: it is planned as it is (merge or conflict, never lost).
    """
    if row is None or not row.pending or remote is None or remote.markdown is None:
        return remote
    before, target = row.pending.get("before", ""), row.pending.get("target", "")
    if remote.markdown == target or not explained_by(remote.markdown, before, target):
        return remote
    return replace(remote, markdown=before, hash=text_hash(before), half_written=True)


# (local, remote) -> operation. Keys absent from the table cannot occur (e.g. ABSENT x NONE).
TABLE: dict[tuple[L, R], Op | None] = {
    (L.SAME, R.UNSEEN): None,
    (L.SAME, R.SAME): Op.RECORD,
    (L.SAME, R.CHANGED): Op.PULL,
    (L.SAME, R.GONE): Op.TRASH_LOCAL,
    (L.CHANGED, R.UNSEEN): Op.PUSH,
    (L.CHANGED, R.SAME): Op.PUSH,
    (L.CHANGED, R.CHANGED): Op.MERGE,
    (L.CHANGED, R.GONE): Op.SKIP,
    (L.NEW, R.NONE): Op.CREATE,
    (L.NEW, R.NEW): Op.MERGE,
    (L.NEW, R.GONE): Op.CREATE,
    (L.ABSENT, R.UNSEEN): Op.TRASH_REMOTE,
    (L.ABSENT, R.SAME): Op.TRASH_REMOTE,
    (L.ABSENT, R.CHANGED): Op.PULL,  # edited in Notion after the file was removed: nothing is lost
    (L.ABSENT, R.NEW): Op.PULL,
    (L.ABSENT, R.GONE): Op.FORGET,
    (L.ABSENT, R.NONE): Op.FORGET,  # a create that never got anywhere, and the file is gone
    (L.SCAFFOLD, R.NONE): Op.SKIP,
    (L.SCAFFOLD, R.UNSEEN): Op.SKIP,
    (L.SCAFFOLD, R.SAME): Op.SKIP,
    (L.SCAFFOLD, R.CHANGED): Op.PULL,  # an untouched scaffold holds no words of the user's
    (L.SCAFFOLD, R.NEW): Op.PULL,
    (L.SCAFFOLD, R.GONE): Op.SKIP,
}
_DELETIONS = {Op.TRASH_LOCAL, Op.TRASH_REMOTE}
SPREAD_HINT = " (use --delete to spread it)"
TRASHED_BUT_CHANGED = "trashed in Notion but changed here: kept (restore the page, or remove the file)"
_REASONS = {
    (L.SAME, R.GONE): "trashed in Notion",
    (L.CHANGED, R.GONE): TRASHED_BUT_CHANGED,
    (L.ABSENT, R.UNSEEN): "file removed here",
    (L.ABSENT, R.SAME): "file removed here",
    (L.ABSENT, R.CHANGED): "file removed here but edited in Notion: restored",
    (L.SCAFFOLD, R.NONE): "untouched scaffold",
    (L.SCAFFOLD, R.UNSEEN): "untouched scaffold",
    (L.SCAFFOLD, R.SAME): "untouched scaffold",
    (L.SCAFFOLD, R.GONE): "untouched scaffold",
}


def decide(date: str, row: Row | None, local: Local | None, remote: Remote | None,
           delete: bool = False, prefer: str | None = None) -> Action | None:
    """The action for one date, or None when both sides already agree with the status."""
    remote = repaired(row, remote)
    ls, rs = local_state(row, local), remote_state(row, remote)
    if ls == L.BAD:
        return Action(Op.SKIP, date, "unreadable file", row=row, local=local, remote=remote)
    if row is not None and row.conflict and rs != R.GONE:
        return _unresolved(date, row, local, remote)
    op = TABLE.get((ls, rs))
    if op is None:
        return None
    reason = _REASONS.get((ls, rs), "")
    if op in _DELETIONS and not delete:
        return Action(Op.SKIP, date, reason + SPREAD_HINT, row=row, local=local,
                      remote=remote)
    if op == Op.MERGE:  # both sides hold text
        return _merge(date, row, _needed(local, "the file"), _needed(remote, "the page"), prefer)
    if op in (Op.RECORD, Op.PUSH) and rs == R.SAME:
        # SAME may be our own half-written push: only equal content is merely recorded
        here, there = _needed(local, "the file"), _needed(remote, "the page")
        op = Op.RECORD if here.hash == there.hash and not there.half_written else Op.PUSH
    return Action(op, date, reason, row=row, local=local, remote=remote)


def _merge(date: str, row: Row | None, local: Local, remote: Remote, prefer: str | None) -> Action:
    if local.hash == remote.hash:
        op = Op.PUSH if remote.half_written else Op.RECORD
        return Action(op, date, "same text on both sides", row=row, local=local, remote=remote)
    base = row.base if row is not None and row.base is not None else ""
    result = merge(base, local.body, remote.body, prefer)
    if result.text is None:
        return Action(Op.CONFLICT, date, f"{result.conflicts} overlapping edit(s)", row=row,
                      local=local, remote=remote)
    overridden = prefer if result.conflicts else None
    return Action(Op.MERGE, date, "merged", text=result.text, row=row, local=local, remote=remote,
                  overridden=overridden)


def _unresolved(date: str, row: Row, local: Local | None, remote: Remote | None) -> Action:
    """A conflict waiting for `resolve`: stays one unless the user made both sides equal."""
    if local is not None and remote is not None and remote.hash and local.hash == remote.hash:
        return Action(Op.RECORD, date, "conflict settled by hand", row=row, local=local, remote=remote)
    return Action(Op.CONFLICT, date, "unresolved conflict (run `notionlog resolve`)", row=row,
                  local=local, remote=remote)


def plan(dates: list[str], rows: dict[str, Row], locals_: dict[str, Local], remotes: dict[str, Remote],
         delete: bool = False, prefer: str | None = None) -> list[Action]:
    """Every action of one sync, in date order."""
    actions = []
    for date in sorted(set(dates)):
        action = decide(date, rows.get(date), locals_.get(date), remotes.get(date), delete, prefer)
        if action is not None:
            actions.append(action)
    return actions
