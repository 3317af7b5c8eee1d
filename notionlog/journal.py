"""The local side of the journal: dates, entry paths, reading and atomic writing of entry files.

An entry is one UTF-8 Markdown file per day at ``<home>/entries/YYYY/YYYY-MM-DD.md``. Writes follow
the classic atomic-replace recipe (write a temp file in the same directory, fsync, ``os.replace``),
so a crash leaves either the old file or the new one, never half of either.

``new`` remembers the hash of each scaffold it writes in ``<home>/.notionlog/scaffolds.json``;
:func:`is_scaffold` lets sync skip entries nobody wrote in (DESIGN invariant 5).
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
_SCAFFOLDS = Path(".notionlog") / "scaffolds.json"


def parse_date(text: str, today: datetime.date | None = None) -> datetime.date:
    """``today``/``yesterday``/``tomorrow``, ``YYYY-MM-DD`` or ``YYYYMMDD``; raise BadDate otherwise."""
    word = text.strip().lower()
    if word in _RELATIVE:
        base = today or datetime.date.today()
        return base + datetime.timedelta(days=_RELATIVE[word])
    for form in _DATE_FORMS:
        match = form.fullmatch(word)
        if match:
            return _make_date(match.groups(), text)
    raise BadDate(text)


def _make_date(parts: tuple[str, ...], original: str) -> datetime.date:
    day = date_or_none(parts)
    if day is None:  # 2021-02-30: the shape is right, the day does not exist
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
    found: list[tuple[datetime.date, Path]] = []
    root = home / "entries"
    if not root.is_dir():
        return iter(found)
    for year in root.iterdir():
        if not year.is_dir():
            continue
        for path in year.iterdir():
            day = _entry_date(path.name)
            if day is not None and f"{day.year:04d}" == year.name and path.is_file():
                found.append((day, path))
    return iter(sorted(found))


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


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` as UTF-8: temp file in the same dir, fsync, ``os.replace``; makes parents.

    An OSError (unwritable folder, a file where a folder should be, disk full) becomes HomeError;
    the temp file is removed, and the previous content of ``path`` is untouched.
    """
    tmp: Path | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, name = _mkstemp(path)
        tmp = Path(name)
        with os.fdopen(fd, "wb") as handle:
            handle.write(text.encode("utf-8"))
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
        tmp = None
    except OSError as err:
        raise HomeError(path, err.strerror or str(err)) from err
    finally:
        if tmp is not None:
            tmp.unlink(missing_ok=True)


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


def _mkstemp(path: Path) -> tuple[int, str]:
    import tempfile  # only writers pay for it

    return tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)


def _digest(text: str) -> str:
    import hashlib

    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _load_scaffolds(home: Path) -> dict[str, str]:
    import json

    try:
        data = json.loads((home / _SCAFFOLDS).read_text(encoding="utf-8"))
    except (OSError, ValueError):  # missing or damaged: no scaffold is known, nothing is skipped
        return {}
    return data if isinstance(data, dict) else {}


def remember_scaffold(home: Path, day: datetime.date, text: str) -> None:
    """Record the hash of the scaffold ``new`` just wrote for ``day``."""
    import json

    known = _load_scaffolds(home)
    known[day.isoformat()] = _digest(text)
    write_atomic(home / _SCAFFOLDS, json.dumps(known, indent=1, sort_keys=True) + "\n")


def forget_scaffold(home: Path, day: datetime.date) -> None:
    """Drop the record for ``day`` (its file now holds written text)."""
    import json

    known = _load_scaffolds(home)
    if known.pop(day.isoformat(), None) is not None:
        write_atomic(home / _SCAFFOLDS, json.dumps(known, indent=1, sort_keys=True) + "\n")


def is_scaffold(home: Path, day: datetime.date, text: str) -> bool:
    """True if ``text`` is exactly the untouched scaffold ``new`` wrote for ``day``."""
    recorded = _load_scaffolds(home).get(day.isoformat())
    return recorded is not None and recorded == _digest(text)


def entry_title(text: str) -> str | None:
    """The first ``# `` heading's text (the page title), or None."""
    for line in text.splitlines():
        if line.startswith("# "):
            return line[2:].strip()
    return None
