"""Writing what look-back produces (an export, an SVG, a review) to a file the user named."""

from __future__ import annotations

from pathlib import Path

from notionlog.errors import HomeError, OutputUnwritable
from notionlog.local import journal


def write(path: Path, text: str) -> Path:
    """Write ``text`` atomically (nothing half-written); OutputUnwritable says why it could not be."""
    target = path.expanduser()
    if target.is_dir():
        raise OutputUnwritable(target, "it is a folder")
    try:
        journal.write_atomic(target, text)
    except HomeError as err:
        raise OutputUnwritable(target, str(getattr(err, "reason", err))) from None
    return target.resolve()
