"""One sync per journal home at a time: ``fcntl.flock`` on ``<home>/.notionlog/sync.lock``.

An advisory lock held by the open file, so the kernel releases it when the process ends, even on a
crash or ``kill -9``: a stale lock file never blocks the next sync. (On systems without fcntl the
lock is skipped; notionlog targets POSIX.)
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from notionlog.errors import HomeError, SyncLocked


@contextmanager
def hold(home: Path) -> Iterator[Path]:
    """Hold the home's sync lock for the block; SyncLocked if another process holds it."""
    path = home / ".notionlog" / "sync.lock"
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle = open(path, "a+")  # noqa: SIM115 — must stay open while the lock is held
    except OSError as err:
        raise HomeError(path, err.strerror or str(err)) from err
    try:
        try:
            import fcntl
        except ImportError:  # pragma: no cover — not POSIX
            yield path
            return
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise SyncLocked(path) from None
        try:
            yield path
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
    finally:
        handle.close()
