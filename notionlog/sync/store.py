"""The sync status store: one SQLite file, ``<home>/.notionlog/state.db``.

Modelled on vdirsyncer's ``sync/status.py``: one row per item (here: per entry date) holding what
both sides last agreed on, written in transactions so a crash leaves either the old row or the new
one. The schema carries a version (``PRAGMA user_version``) and is brought forward by registered
migration functions, one per version step; a store from a newer notionlog is refused, not guessed.

Columns of ``entries`` (one row per date):

- ``page_id``      the Notion page of this date (None while a create is pending and unanswered)
- ``base``         normalized Markdown both sides last agreed on; ``base_hash`` its SHA-256
- ``blocks``       the page's block tree with ids (JSON) as last written or fetched
- ``remote_edited`` the page's ``last_edited_time`` when we last looked
- ``verified_at``  epoch seconds (local clock) at which our knowledge of the page was current
- ``pending``      a push in flight (JSON): recorded before its first request, cleared when done
- ``conflict``     Notion's version (JSON) while an overlapping edit waits for ``resolve``
- ``recheck``      1 when a remote change was seen but could not be applied; forces a look next time
- ``local_hash``   SHA-256 of the file's raw text when it was last agreed (schema 2): a file with
                   that hash normalizes to ``base``, so it is not converted again
- ``remote_by``    the user id in the page's ``last_edited_by`` when we last wrote or read it
                   (schema 3): with ``remote_edited`` and the revision mark, it tells our own last
                   write from anyone else's edit in the same minute
- ``fingerprint``  SHA-256 of Notion's Markdown view of the page while it held ``base`` (schema 3)
- ``checked_at``   Notion-clock epoch of the last fingerprint check (the verify pass's cadence)

Times (``verified_at``, ``checked_at``) are on Notion's clock (the ``Date`` of its answers), never
the laptop's: see docs/sync.md.

The token is never stored here (invariant 7); nothing here is secret.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, fields
from pathlib import Path

from notionlog.errors import StateError

SCHEMA_VERSION = 3
MIGRATIONS: dict[int, Callable[[sqlite3.Connection], None]] = {}
_JSON_COLUMNS = ("blocks", "pending", "conflict")


def migration(version: int) -> Callable[[Callable[[sqlite3.Connection], None]], Callable]:
    """Register ``fn`` as the step that brings a store from ``version - 1`` to ``version``."""

    def register(fn: Callable[[sqlite3.Connection], None]) -> Callable:
        MIGRATIONS[version] = fn
        return fn

    return register


@migration(1)
def _create(db: sqlite3.Connection) -> None:
    db.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    db.execute(
        """CREATE TABLE entries (
            date TEXT PRIMARY KEY, page_id TEXT, base TEXT, base_hash TEXT, blocks TEXT,
            remote_edited TEXT, verified_at REAL NOT NULL DEFAULT 0, pending TEXT, conflict TEXT,
            recheck INTEGER NOT NULL DEFAULT 0)"""
    )


@migration(2)
def _local_hash(db: sqlite3.Connection) -> None:
    """Remember the file's raw hash, so an unchanged file need not be normalized again."""
    db.execute("ALTER TABLE entries ADD COLUMN local_hash TEXT")


@migration(3)
def _marks(db: sqlite3.Connection) -> None:
    """Who last edited the page, and the fingerprint the verify pass compares."""
    db.execute("ALTER TABLE entries ADD COLUMN remote_by TEXT")
    db.execute("ALTER TABLE entries ADD COLUMN fingerprint TEXT")
    db.execute("ALTER TABLE entries ADD COLUMN checked_at REAL NOT NULL DEFAULT 0")


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass
class Row:
    """What the status store knows about one date."""

    date: str
    page_id: str | None = None
    base: str | None = None
    base_hash: str | None = None
    blocks: list | None = None
    remote_edited: str | None = None
    verified_at: float = 0.0
    pending: dict | None = None
    conflict: dict | None = None
    recheck: int = 0
    local_hash: str | None = None
    remote_by: str | None = None
    fingerprint: str | None = None
    checked_at: float = 0.0

    def agree(self, base: str, blocks: list | None, edited: str | None, at: float,
              raw: str | None = None, by: str | None = None) -> None:
        """Both sides now hold ``base`` (the file's raw text is ``raw``, if known): record it and
        clear every in-flight marker. The page's fingerprint is taken again by a later sync."""
        if base != self.base:
            self.fingerprint = None
        self.base, self.base_hash, self.blocks = base, text_hash(base), blocks
        self.local_hash = text_hash(raw) if raw is not None else None
        self.remote_edited, self.verified_at, self.remote_by = edited, at, by
        self.pending, self.conflict, self.recheck = None, None, 0


_COLUMNS = [f.name for f in fields(Row)]


class Store:
    """Transactional access to state.db; open it with :func:`open_store`."""

    def __init__(self, db: sqlite3.Connection, path: Path) -> None:
        self.db, self.path = db, path

    def close(self) -> None:
        self.db.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """All writes inside commit together or not at all."""
        try:
            with self.db:
                yield
        except sqlite3.DatabaseError as err:
            raise StateError(self.path, f"cannot write ({err})") from err

    def rows(self) -> dict[str, Row]:
        cur = self._read(f"SELECT {', '.join(_COLUMNS)} FROM entries ORDER BY date")
        return {r.date: r for r in (self._row(v) for v in cur)}

    def get(self, date: str) -> Row | None:
        found = self._read(f"SELECT {', '.join(_COLUMNS)} FROM entries WHERE date = ?", (date,))
        return self._row(found[0]) if found else None

    def put(self, row: Row) -> None:
        values = [json.dumps(getattr(row, c), ensure_ascii=False) if c in _JSON_COLUMNS
                  and getattr(row, c) is not None else getattr(row, c) for c in _COLUMNS]
        marks = ", ".join("?" for _ in _COLUMNS)
        with self.transaction():
            self.db.execute(f"INSERT OR REPLACE INTO entries ({', '.join(_COLUMNS)}) VALUES ({marks})",
                            values)

    def delete(self, date: str) -> None:
        with self.transaction():
            self.db.execute("DELETE FROM entries WHERE date = ?", (date,))

    def meta(self, key: str) -> str | None:
        found = self._read("SELECT value FROM meta WHERE key = ?", (key,))
        return found[0][0] if found else None

    def set_meta(self, **values: str | None) -> None:
        with self.transaction():
            for key, value in values.items():
                if value is None:
                    self.db.execute("DELETE FROM meta WHERE key = ?", (key,))
                else:
                    self.db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
                                    (key, value))

    def _read(self, sql: str, args: tuple = ()) -> list[tuple]:
        try:
            return self.db.execute(sql, args).fetchall()
        except sqlite3.DatabaseError as err:
            raise StateError(self.path, f"cannot read ({err})") from err

    def _row(self, values: tuple) -> Row:
        data = dict(zip(_COLUMNS, values, strict=True))
        try:
            for c in _JSON_COLUMNS:
                if data[c] is not None:
                    data[c] = json.loads(data[c])
        except ValueError as err:
            raise StateError(self.path, f"row {data['date']} is damaged ({err})") from err
        return Row(**data)


def open_store(home: Path, create: bool = True) -> Store:
    """Open (and migrate) ``<home>/.notionlog/state.db``; StateError if it is corrupt or too new."""
    path = home / ".notionlog" / "state.db"
    if not create and not path.exists():
        raise StateError(path, "there is no status store yet (run `notionlog sync` first)")
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        db = sqlite3.connect(path, timeout=10, isolation_level="DEFERRED")
        db.execute("PRAGMA journal_mode=WAL")
        version = db.execute("PRAGMA user_version").fetchone()[0]
    except sqlite3.DatabaseError as err:
        raise StateError(path, f"not a readable status store ({err})") from err
    if version > SCHEMA_VERSION:
        db.close()
        raise StateError(path, f"written by a newer notionlog (schema {version} > {SCHEMA_VERSION})")
    try:
        _migrate(db, version)
        db.execute("SELECT date FROM entries LIMIT 1").fetchall()
    except sqlite3.DatabaseError as err:
        db.close()
        raise StateError(path, f"not a readable status store ({err})") from err
    return Store(db, path)


def _migrate(db: sqlite3.Connection, version: int) -> None:
    """Run each registered step after ``version`` in its own transaction, bumping user_version."""
    for step in range(version + 1, SCHEMA_VERSION + 1):
        db.execute("BEGIN IMMEDIATE")  # DDL is not implicitly transactional in sqlite3's legacy mode
        try:
            MIGRATIONS[step](db)
            db.execute(f"PRAGMA user_version = {step}")
        except BaseException:
            db.rollback()
            raise
        db.commit()
