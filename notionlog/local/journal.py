"""The local side of the journal: dates, entry paths, reading and atomic writing of entry files.

An entry is one UTF-8 Markdown file per day at ``<home>/entries/YYYY/YYYY-MM-DD.md``. Writes follow
the classic atomic-replace recipe (write a temp file in the same directory, fsync, ``os.replace``),
so a crash leaves either the old file or the new one, never half of either.

``new`` keeps a copy of each scaffold it writes in ``<home>/.notionlog/scaffolds/YYYY-MM-DD.md``;
:func:`is_scaffold` lets sync skip entries nobody wrote in (invariant 5 in docs/architecture.md).
"""

from __future__ import annotations

import datetime
import os
import re
from collections.abc import Iterator
from pathlib import Path

from notionlog.errors import BadDate, HomeError, NotText

_RELATIVE = {"today": 0, "yesterday": -1, "tomorrow": 1}
_DATE_FORMS = (
    re.compile(r"(\d{4})-(\d{2})-(\d{2})"),  # 2021-12-07
    re.compile(r"(\d{4})(\d{2})(\d{2})"),  # 20211207
)
_ENTRY_NAME = re.compile(r"(\d{4})-(\d{2})-(\d{2})\.md")
_SCAFFOLDS = Path(".notionlog") / "scaffolds"  # one copy per date: scaffolds/2021-12-07.md


def parse_date(text: str, today: datetime.date | None = None) -> datetime.date:
    """``today``/``yesterday``/``tomorrow``, ``YYYY-MM-DD`` or ``YYYYMMDD``; raise BadDate otherwise."""
    word = text.strip().lower()
    if word in _RELATIVE:
        base = today or datetime.date.today()
        return _in_range(base + datetime.timedelta(days=_RELATIVE[word]), text)
    for form in _DATE_FORMS:
        match = form.fullmatch(word)
        if match:
            return _make_date(match.groups(), text)
    raise BadDate(text)


def _make_date(parts: tuple[str, ...], original: str) -> datetime.date:
    day = date_or_none(parts)
    if day is None:  # 2021-02-30: the shape is right, the day does not exist
        raise BadDate(original)
    return _in_range(day, original)


def _in_range(day: datetime.date, original: str) -> datetime.date:
    """An entry's day needs a yesterday and a tomorrow (templates use both): 0001-01-01 and
    9999-12-31 are refused like any other impossible date."""
    if not datetime.date.min < day < datetime.date.max:
        raise BadDate(original)
    return day


def date_or_none(parts: tuple[str, ...] | list[str]) -> datetime.date | None:
    """The date for (year, month, day) digit strings, or None if no such day exists."""
    try:
        return datetime.date(*(int(p) for p in parts))
    except ValueError:
        return None


def entry_path(home: Path, day: datetime.date) -> Path:
    """``<home>/entries/YYYY/YYYY-MM-DD.md``."""
    return home / "entries" / f"{day.year:04d}" / f"{day.isoformat()}.md"


def iter_entries(home: Path) -> Iterator[tuple[datetime.date, Path]]:
    """Every entry file under ``<home>/entries``, sorted by date; other names are ignored."""
    return iter(sorted((day, Path(item.path)) for day, item in entry_files(home)))


def entry_files(home: Path) -> list[tuple[datetime.date, os.DirEntry]]:
    """Every entry file with its directory entry, in no particular order.

    os.scandir rather than Path.iterdir: its entries know their type without one stat per file
    (and keep their stat once taken), which matters with years of entries and `new` scanning them
    every morning; look-back stats them all on every call.
    """
    found: list[tuple[datetime.date, os.DirEntry]] = []
    try:
        years = [e for e in os.scandir(home / "entries") if e.is_dir()]
    except (FileNotFoundError, NotADirectoryError):
        return found
    for year in years:
        with os.scandir(year.path) as files:
            for item in files:
                day = _entry_date(item.name)
                if day is not None and f"{day.year:04d}" == year.name and item.is_file():
                    found.append((day, item))
    return found


def dangling_entries(home: Path) -> list[tuple[datetime.date, Path]]:
    """Entry names under ``entries/YYYY/`` that are links to nothing (an unmounted folder):
    :func:`entry_files` passes them over, since they are not files."""
    found = []
    for folder in sorted((home / "entries").glob("[0-9][0-9][0-9][0-9]")):
        for path in sorted(folder.glob("*")):
            day = _entry_date(path.name)
            if day is not None and f"{day.year:04d}" == folder.name and path.is_symlink() \
                    and not path.exists():
                found.append((day, path))
    return found


def _entry_date(name: str) -> datetime.date | None:
    match = _ENTRY_NAME.fullmatch(name)
    return date_or_none(match.groups()) if match else None


def read_text(path: Path) -> str:
    """The file's text, exactly (line endings kept); NotText if it is not UTF-8 or holds NUL bytes."""
    data = path.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise NotText(path) from None
    if "\x00" in text:  # valid UTF-8, but a binary file all the same
        raise NotText(path)
    return text


def write_atomic(path: Path, text: str | bytes, mode: int | None = None) -> None:
    """Write ``text`` (UTF-8, or bytes as given): temp file beside it, fsync, ``os.replace``; makes parents.

    ``mode``, if given, is the new file's permission from its creation on, whatever the umask
    (``0o600`` for secrets); otherwise 0644 less the umask.

    An OSError (unwritable folder, a file where a folder should be, disk full) becomes HomeError;
    the temp file is removed, and the previous content of ``path`` is untouched.
    """
    tmp: Path | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, name = _mkstemp(path, mode)
        tmp = Path(name)
        with os.fdopen(fd, "wb") as handle:
            handle.write(text.encode("utf-8") if isinstance(text, str) else text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
        tmp = None
    except OSError as err:
        raise _home_error(path, err) from err
    finally:
        if tmp is not None:
            tmp.unlink(missing_ok=True)


def _home_error(path: Path, err: OSError) -> HomeError:
    """The failure to write ``path``, naming a folder on the way that is a link to nothing (an
    unmounted cloud folder: mkdir only says "File exists")."""
    for folder in path.parents:
        if folder.is_symlink() and not folder.exists():
            return HomeError(folder, f"it links to {os.readlink(folder)}, which is missing: is it "
                                     "unmounted? (nothing was written)")
    return HomeError(path, err.strerror or str(err))


def create_atomic(path: Path, text: str) -> bool:
    """Like :func:`write_atomic`, but never replaces an existing file; False if ``path`` exists.

    The temp file is hard-linked into place (``os.link`` fails if the name is taken), so an entry
    another process created a moment ago is never overwritten. Where hard links are unsupported it
    falls back to an existence check before ``os.replace``.
    """
    if path.exists():
        return False
    staged = path.with_name(f".{path.name}.new")
    write_atomic(staged, text)
    try:
        os.link(staged, path)
    except FileExistsError:
        return False
    except OSError:  # no hard links on this file system
        if path.exists():
            return False
        _replace(staged, path)
    finally:
        staged.unlink(missing_ok=True)
    return True


def _replace(source: Path, target: Path) -> None:
    try:
        os.replace(source, target)
    except OSError as err:
        raise HomeError(target, err.strerror or str(err)) from err


def _mkstemp(path: Path, mode: int | None = None) -> tuple[int, str]:
    """Create a new hidden temp file beside ``path`` (O_EXCL, as tempfile.mkstemp does; importing
    tempfile would cost the morning command ~5 ms for the same two lines)."""
    for attempt in range(100):
        name = str(path.with_name(f".{path.name}.{os.getpid()}.{attempt}.tmp"))
        try:
            fd = os.open(name, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644 if mode is None else mode)
            if mode is not None:
                os.fchmod(fd, mode)
            return fd, name
        except FileExistsError:  # a leftover of a crashed run with our pid: try the next name
            continue
    raise FileExistsError(f"no free temp name beside {path}")


def _scaffold_copy(home: Path, day: datetime.date) -> Path:
    return home / _SCAFFOLDS / f"{day.isoformat()}.md"


def remember_scaffold(home: Path, day: datetime.date, text: str) -> None:
    """Keep a copy of the scaffold ``new`` is about to write for ``day``.

    A copy rather than a hash: comparing text needs no hashing library (hashlib's OpenSSL load is
    ~10 ms of the morning command) and can never mistake a written entry for a scaffold.
    """
    write_atomic(_scaffold_copy(home, day), text)


def forget_scaffold(home: Path, day: datetime.date) -> None:
    """Drop the record for ``day`` (its file now holds written text)."""
    try:
        _scaffold_copy(home, day).unlink(missing_ok=True)
    except OSError as err:
        raise HomeError(_scaffold_copy(home, day), err.strerror or str(err)) from err


def is_scaffold(home: Path, day: datetime.date, text: str) -> bool:
    """True if ``text`` is exactly the untouched scaffold ``new`` wrote for ``day``."""
    try:
        return read_text(_scaffold_copy(home, day)) == text
    except (OSError, NotText):  # no record (or a damaged one): not known to be a scaffold
        return False


def entry_title(text: str) -> str | None:
    """The first ``# `` heading's text (the page title), or None."""
    for line in text.splitlines():
        if line.startswith("# "):
            return line[2:].strip()
    return None
