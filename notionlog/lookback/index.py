"""The look-back cache: every entry (and pulled note) in ``<home>/.notionlog/lookback.db``.

One row per file with what look-back asks of it: its date, words, title, tags, whether it is still
an untouched scaffold, its text, and its text lower-cased (``fold``) for matching. When the Python's
SQLite has FTS5, an external-content FTS5 table with the trigram tokenizer indexes ``fold``: a quoted
query of three or more characters then matches exactly the rows whose ``fold`` contains it (see
https://www.sqlite.org/fts5.html#the_trigram_tokenizer). Shorter queries, and every query when FTS5
is missing, use ``instr(fold, ?)`` over the same column, so both ways give the same rows.

Kept current on each call, rsync-style: a file whose signature (mtime, size, and the mtime of its
scaffold record) is unchanged is not read; a changed one is read and hashed, and re-indexed only if
its text changed; a file gone from disk drops out. The first call indexes everything once.

It is a cache: a database from another schema version or FTS capability, or one that SQLite cannot
read, is deleted and rebuilt; a home that cannot hold it gets a throwaway in-memory one.
"""

from __future__ import annotations

import contextlib
import datetime
import json
import os
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from notionlog.lookback import reading, scan
from notionlog.lookback.periods import Period
from notionlog.lookback.scan import ENTRY, NOTE

SCHEMA = 1
DB_NAME = Path(".notionlog") / "lookback.db"
MIN_FTS = 3  # the trigram tokenizer matches nothing shorter
_TABLES = """
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS docs(
    id INTEGER PRIMARY KEY, path TEXT UNIQUE NOT NULL, kind TEXT NOT NULL, day TEXT,
    sig TEXT NOT NULL, hash TEXT NOT NULL, untouched INTEGER NOT NULL, words INTEGER NOT NULL,
    title TEXT, tags TEXT NOT NULL, sections TEXT NOT NULL, text TEXT NOT NULL, fold TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS docs_day ON docs(kind, day);
"""
_COLUMNS = "path, kind, day, sig, hash, untouched, words, title, tags, sections, text, fold"
_FTS = """
CREATE VIRTUAL TABLE IF NOT EXISTS docs_fts USING fts5(
    fold, content='docs', content_rowid='id', tokenize='trigram case_sensitive 1');
CREATE TRIGGER IF NOT EXISTS docs_ai AFTER INSERT ON docs BEGIN
    INSERT INTO docs_fts(rowid, fold) VALUES (new.id, new.fold); END;
CREATE TRIGGER IF NOT EXISTS docs_ad AFTER DELETE ON docs BEGIN
    INSERT INTO docs_fts(docs_fts, rowid, fold) VALUES ('delete', old.id, old.fold); END;
CREATE TRIGGER IF NOT EXISTS docs_au AFTER UPDATE OF fold ON docs BEGIN
    INSERT INTO docs_fts(docs_fts, rowid, fold) VALUES ('delete', old.id, old.fold);
    INSERT INTO docs_fts(rowid, fold) VALUES (new.id, new.fold); END;
"""


@dataclass(frozen=True)
class Doc:
    path: str  # relative to the home, with / separators
    kind: str
    day: datetime.date | None
    text: str
    tags: list[str]


@dataclass(frozen=True)
class Day:
    day: datetime.date
    words: int
    untouched: bool
    title: str | None
    tags: list[str]


def fts5_available() -> bool:
    """Whether this Python's SQLite can build the trigram FTS5 table (SQLite >= 3.34 with FTS5)."""
    try:
        sqlite3.connect(":memory:").execute(
            "CREATE VIRTUAL TABLE t USING fts5(x, tokenize='trigram')")
    except sqlite3.Error:
        return False
    return True


class Index:
    """The cache for one home; :meth:`refresh` before reading it."""

    def __init__(self, home: Path, fts: bool | None = None) -> None:
        self.home = home
        self.fts = fts5_available() if fts is None else fts
        self.db = _open(home / DB_NAME, self.fts)

    def close(self) -> None:
        self.db.close()

    def refresh(self, notes: bool = False) -> int:
        """Bring the cache up to date with the files; returns how many files were (re)read."""
        kinds = (ENTRY, NOTE) if notes else (ENTRY,)
        stored = dict(self.db.execute(
            f"SELECT path, sig FROM docs WHERE kind IN ({','.join('?' * len(kinds))})", kinds))
        changed = 0
        with self.db:
            for found in scan.files(self.home, notes):
                if stored.pop(found.path, None) != found.sig:
                    changed += self._store(found)
            self.db.executemany("DELETE FROM docs WHERE path = ?", [(p,) for p in stored])
        return changed

    def _store(self, found: scan.Found) -> int:
        text = scan.read(self.home / found.path)
        digest = scan.digest(text)
        row = self.db.execute("SELECT hash FROM docs WHERE path = ?", (found.path,)).fetchone()
        if row and row[0] == digest:
            self.db.execute("UPDATE docs SET sig = ? WHERE path = ?", (found.sig, found.path))
            return 0
        values = scan.describe(self.home, found, text)
        self.db.execute(
            f"INSERT INTO docs({_COLUMNS}) VALUES ({','.join('?' * 12)}) ON CONFLICT(path) DO UPDATE"
            f" SET {', '.join(f'{c}=excluded.{c}' for c in _COLUMNS.split(', ')[1:])}",
            (found.path, found.kind, values.day, found.sig, digest, values.untouched, values.words,
             values.title, _json(values.tags), _json(values.sections), values.text, values.fold))
        return 1

    def matching(self, needle: str, kinds: tuple[str, ...], period: Period) -> Iterator[Doc]:
        """Docs of ``kinds`` in ``period`` whose folded text contains ``fold(needle)``, newest first."""
        key = reading.fold(needle)
        where = f"d.kind IN ({','.join('?' * len(kinds))})"
        args: list = [*kinds]
        for bound, op in ((period.first, ">="), (period.last, "<=")):
            if bound is not None:
                where += f" AND d.day {op} ?"
                args.append(bound.isoformat())
        source = "docs d"
        if self.fts and len(key) >= MIN_FTS:
            source += " JOIN docs_fts ON d.id = docs_fts.rowid"
            where += " AND docs_fts MATCH ?"
            args.append('"' + key.replace('"', '""') + '"')
        else:
            where += " AND instr(d.fold, ?) > 0"
            args.append(key)
        sql = f"SELECT d.path, d.kind, d.day, d.text, d.tags FROM {source} WHERE {where}"
        for path, kind, day, text, tags in self.db.execute(sql + " ORDER BY d.day DESC, d.path", args):
            yield Doc(path, kind, _date(day), text, json.loads(tags))

    def days(self) -> list[Day]:
        """Every entry's date, words, scaffold state, title and tags, in date order."""
        rows = self.db.execute(
            "SELECT day, words, untouched, title, tags FROM docs WHERE kind = ? ORDER BY day", (ENTRY,))
        return [Day(datetime.date.fromisoformat(d), w, bool(u), t, json.loads(g)) for d, w, u, t, g in rows]

    def section_names(self) -> list[str]:
        """Section names used in the entries, the most used first."""
        from collections import Counter

        counts: Counter[str] = Counter()
        names: dict[str, str] = {}
        for (found,) in self.db.execute("SELECT sections FROM docs WHERE kind = ?", (ENTRY,)):
            for section in json.loads(found):
                counts[reading.section_key(section)] += 1
                names.setdefault(reading.section_key(section), section)
        return [names[key] for key, _ in counts.most_common()]


def _json(value: list[str]) -> str:
    return json.dumps(value, ensure_ascii=False)


def _date(value: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


def _open(path: Path, fts: bool) -> sqlite3.Connection:
    """The cache database, rebuilt if it is unreadable or from another schema or capability."""
    wanted = f"{SCHEMA}:{'fts5' if fts else 'scan'}"
    for _ in range(2):
        db = _connect(path)
        try:
            row = _schema(db)
            if row is None or row[0] == wanted:
                db.executescript(_TABLES + (_FTS if fts else ""))
                db.execute("INSERT OR REPLACE INTO meta VALUES ('schema', ?)", (wanted,))
                db.commit()
                return db
        except sqlite3.DatabaseError:
            pass
        db.close()
        _remove(path)
    return _memory(fts)


def _schema(db: sqlite3.Connection) -> tuple | None:
    """The stored schema row, or None for a new (empty) database."""
    if db.execute("SELECT 1 FROM sqlite_master WHERE name = 'meta'").fetchone() is None:
        return None
    return db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()


def _connect(path: Path) -> sqlite3.Connection:
    if not path.parent.parent.is_dir():  # no home yet: nothing to cache
        return sqlite3.connect(":memory:")
    try:
        path.parent.mkdir(exist_ok=True)
        db = sqlite3.connect(path, timeout=10)
        db.execute("PRAGMA journal_mode = WAL")
        return db
    except (OSError, sqlite3.Error):  # a read-only home: look back all the same, from memory
        return sqlite3.connect(":memory:")


def _memory(fts: bool) -> sqlite3.Connection:
    db = sqlite3.connect(":memory:")
    db.executescript(_TABLES + (_FTS if fts else ""))
    return db


def _remove(path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        with contextlib.suppress(OSError):
            os.unlink(f"{path}{suffix}")

