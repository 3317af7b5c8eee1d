"""The look-back cache: every entry (and pulled note) in ``<home>/.notionlog/lookback.db``.

One row per file with what look-back asks of it: its date, words, title, tags, whether it is still
an untouched scaffold, its text, and its text lower-cased (``fold``) for matching. When the Python's
SQLite has FTS5, an external-content FTS5 table with the trigram tokenizer indexes ``fold``
(https://www.sqlite.org/fts5.html#the_trigram_tokenizer). It keeps no positions (``detail=none``:
building it takes a third of the time, measured 0.7 s instead of 2.0 s for ten years of entries), so
a query of three or more characters finds the rows holding *every trigram* of it — a superset of
the rows holding the query itself. That is enough: search.py checks each line of those rows. Shorter
queries, and every query when FTS5 is missing, take ``instr(fold, ?)`` over the same column instead.
Either way the lines found are the same.

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
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from notionlog.lookback import reading, scan
from notionlog.lookback.periods import Period
from notionlog.lookback.scan import ENTRY, NOTE

SCHEMA = 4
DB_NAME = Path(".notionlog") / "lookback.db"
MIN_FTS = 3  # the trigram tokenizer matches nothing shorter
ANNOUNCE_FROM = 300  # files to read before a refresh is worth announcing (about 0.3 s)
_TABLES = """
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS docs(
    id INTEGER PRIMARY KEY, path TEXT UNIQUE NOT NULL, kind TEXT NOT NULL, day TEXT,
    sig TEXT NOT NULL, hash TEXT NOT NULL, untouched INTEGER NOT NULL, words INTEGER NOT NULL,
    title TEXT, tags TEXT NOT NULL, marks TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS docs_day ON docs(kind, day);
CREATE TABLE IF NOT EXISTS bodies(id INTEGER PRIMARY KEY, text TEXT NOT NULL, fold TEXT NOT NULL);
CREATE TRIGGER IF NOT EXISTS docs_gone AFTER DELETE ON docs BEGIN
    DELETE FROM bodies WHERE id = old.id; END;
"""
# The texts live apart from the rest (same id): the calendar's and the freshness check's reads of
# every row then touch a few pages instead of one or two per entry (0.12 s -> 0.01 s for 3,650).
_COLUMNS = "path, kind, day, sig, hash, untouched, words, title, tags, marks"
# Rows deleted or updated reach the FTS table through triggers; new rows are added by refresh() in
# one INSERT ... SELECT, which on ten years of entries took 0.5 s of CPU instead of 2.6 s for an
# insert trigger firing once per row.
_FTS = """
CREATE VIRTUAL TABLE IF NOT EXISTS docs_fts USING fts5(
    fold, content='bodies', content_rowid='id', tokenize='trigram case_sensitive 1', detail='none');
CREATE TRIGGER IF NOT EXISTS bodies_ad AFTER DELETE ON bodies BEGIN
    INSERT INTO docs_fts(docs_fts, rowid, fold) VALUES ('delete', old.id, old.fold); END;
CREATE TRIGGER IF NOT EXISTS bodies_au AFTER UPDATE OF fold ON bodies BEGIN
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
    marks: list[list]  # [line number, section] where sections change (reading.marks)


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

    def __init__(self, home: Path, fts: bool | None = None,
                 announce: Callable[[int], None] | None = None) -> None:
        self.home = home
        self.announce = announce  # told how many files a long refresh is about to read
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
        pending = [f for f in scan.files(self.home, notes) if stored.pop(f.path, None) != f.sig]
        if self.announce is not None and len(pending) >= ANNOUNCE_FROM:
            self.announce(len(pending))
        with self.db:
            (top,) = self.db.execute("SELECT coalesce(max(id), 0) FROM bodies").fetchone()
            for found in pending:
                changed += self._store(found)
            self.db.executemany("DELETE FROM docs WHERE path = ?", [(p,) for p in stored])
            if self.fts:  # new rows (their ids follow the old largest) in one statement: see _FTS
                self.db.execute("INSERT INTO docs_fts(rowid, fold) SELECT id, fold FROM bodies WHERE id > ?",
                                (top,))
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
            f"INSERT INTO docs({_COLUMNS}) VALUES ({','.join('?' * 10)}) ON CONFLICT(path) DO UPDATE"
            f" SET {', '.join(f'{c}=excluded.{c}' for c in _COLUMNS.split(', ')[1:])}",
            (found.path, found.kind, values.day, found.sig, digest, values.untouched, values.words,
             values.title, _json(values.tags), _json(values.marks)))
        self.db.execute(
            "INSERT INTO bodies(id, text, fold) SELECT id, ?, ? FROM docs WHERE path = ?"
            " ON CONFLICT(id) DO UPDATE SET text = excluded.text, fold = excluded.fold",
            (values.text, values.fold, found.path))
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
        source = "docs d JOIN bodies b ON b.id = d.id"
        if self.fts and len(key) >= MIN_FTS:
            source += " JOIN docs_fts ON d.id = docs_fts.rowid"
            where += " AND docs_fts MATCH ?"
            args.append(_trigrams(key))
        else:
            where += " AND instr(b.fold, ?) > 0"
            args.append(key)
        sql = f"SELECT d.path, d.kind, d.day, b.text, d.tags, d.marks FROM {source} WHERE {where}"
        for path, kind, day, text, tags, marks in self.db.execute(sql + " ORDER BY d.day DESC, d.path", args):
            yield Doc(path, kind, _date(day), text, json.loads(tags), json.loads(marks))

    def days(self) -> list[Day]:
        """Every entry's date, words, scaffold state, title and tags, in date order."""
        rows = self.db.execute(
            "SELECT day, words, untouched, title, tags FROM docs WHERE kind = ? ORDER BY day", (ENTRY,))
        return [Day(datetime.date.fromisoformat(d), w, bool(u), t, json.loads(g)) for d, w, u, t, g in rows]

    def section_names(self) -> list[str]:
        """Section names used in the entries, the most used first."""
        counts: Counter[str] = Counter()
        names: dict[str, str] = {}
        for (found,) in self.db.execute("SELECT marks FROM docs WHERE kind = ?", (ENTRY,)):
            for section in dict.fromkeys(name for _, name in json.loads(found) if name):
                counts[reading.section_key(section)] += 1
                names.setdefault(reading.section_key(section), section)
        return [names[key] for key, _ in counts.most_common()]


@contextlib.contextmanager
def refreshed(home: Path, fts: bool | None = None, announce: Callable[[int], None] | None = None,
              notes: bool = False) -> Iterator[Index]:
    """The home's Index, brought up to date, closed when the block ends."""
    index = Index(home, fts, announce)
    try:
        index.refresh(notes=notes)
        yield index
    finally:
        index.close()


def _trigrams(key: str) -> str:
    """An FTS5 query for rows holding every trigram of ``key`` (each quoted: no operators)."""
    grams = dict.fromkeys(key[i:i + MIN_FTS] for i in range(len(key) - MIN_FTS + 1))
    return " AND ".join('"' + gram.replace('"', '""') + '"' for gram in grams)


def _json(value: list) -> str:
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

