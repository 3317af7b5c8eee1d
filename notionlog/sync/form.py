"""An entry file's form as the user keeps it: byte-order mark, line endings, symlinks.

Sync compares normalized Markdown (LF line endings, no BOM). What it writes back into a file takes
that file's own form again: a BOM stays, CRLF line endings stay CRLF throughout (never mixed), and a
symlinked entry is written through its link (the link stays a link). :func:`unsynced` names every
file under ``entries/`` that sync does not take, so nothing there is ignored without a word.
"""

from __future__ import annotations

import os
from pathlib import Path

BOM = "\ufeff"
ENTRY_HELP = "only entries/YYYY/YYYY-MM-DD.md files are synced"


def plain(raw: str) -> str:
    """``raw`` without a leading BOM, with LF line endings (what the converter reads)."""
    return raw.removeprefix(BOM).replace("\r\n", "\n")


def as_file(original: str | None, text: str) -> str:
    """``text`` (LF, no BOM) in the form of ``original``: its BOM and its CRLF line endings."""
    if not original:
        return text
    if "\r\n" in original:
        text = text.replace("\r\n", "\n").replace("\n", "\r\n")
    return BOM + text if original.startswith(BOM) else text


def target(path: Path) -> Path:
    """Where to write ``path``: the file a symlink points to, so the link itself is kept."""
    return path.resolve() if path.is_symlink() else path


# entries/assets: the entries' uploaded images and files (see sync.uploads); an assets folder
# beside a year's entries holds files the user links from them (sent as uploads).
ASSETS = "assets"


def unsynced(home: Path, synced: set[Path]) -> list[Path]:
    """Files under ``<home>/entries`` that are not synced entries (nor sync's own copies)."""
    found: list[Path] = []
    for folder, dirs, files in os.walk(home / "entries"):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d != ASSETS)
        for name in sorted(files):
            path = Path(folder) / name
            if name.startswith(".") or ".notion" in name or path in synced:
                continue
            found.append(path)
    return found
