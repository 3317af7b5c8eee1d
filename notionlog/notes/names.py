"""Safe, readable file names for pulled pages, and paths that cannot leave the journal home.

A Notion title is arbitrary text. The file name ``<slug>-<short id>.md`` is built so that:

* path syntax cannot survive: ``/``, ``\\``, ``..``, a leading dot, control characters and the
  characters Windows forbids (``<>:"|?*``) become ``-``; other ASCII punctuation too, so the name
  can stand in a Markdown link without escaping;
* Korean, other scripts and emoji stay as typed (NFC-normalized so the same title always gives the
  same bytes on macOS and Linux);
* the slug is cut to :data:`MAX_SLUG_BYTES` of UTF-8 at a character boundary (file systems cap a
  name at 255 bytes), never leaving a dangling emoji joiner;
* Windows device names (``CON``, ``NUL``, ``COM1``...) are avoided even before the suffix;
* the short id (last 8 hex digits: ids minted together share their leading digits) keeps two pages
  with the same title apart.

:func:`inside` is the last guard: every path written under ``notes/`` is resolved and checked.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

MAX_SLUG_BYTES = 120
SHORT_ID_LEN = 8
_UNSAFE = re.compile(r"[\x00-\x1f\x7f\s!-,/:-@\[-^`{-~]+")  # ASCII punctuation except - . _
_DASHES = re.compile(r"[-.]{2,}")
_RESERVED = {"con", "prn", "aux", "nul"} | {f"{p}{n}" for p in ("com", "lpt") for n in range(10)}
_JOINERS = "\u200d\ufe0f\ufe0e"


def short_id(page_id: str) -> str:
    """The last eight hex digits of a page id."""
    return page_id.replace("-", "").lower()[-SHORT_ID_LEN:]


def _drop_invisible(text: str) -> str:
    # Cc (controls) and Cs/Co/Cn cannot be typed meaningfully in a name; Cf is kept only for the
    # joiners emoji sequences need (a bare right-to-left override would disguise the name).
    return "".join(
        ch for ch in text
        if unicodedata.category(ch)[0] != "C" or ch in _JOINERS
    )


def _cut(text: str, limit: int) -> str:
    """The longest prefix whose UTF-8 form fits ``limit`` bytes, without a trailing joiner."""
    out: list[str] = []
    size = 0
    for ch in text:
        size += len(ch.encode("utf-8"))
        if size > limit:
            break
        out.append(ch)
    return "".join(out).rstrip(_JOINERS + "-.")


def slugify(title: str) -> str:
    """A readable file-name fragment for a title; ``untitled`` when nothing readable is left."""
    text = _drop_invisible(unicodedata.normalize("NFC", title))
    text = _UNSAFE.sub("-", text)
    text = _DASHES.sub("-", text).strip("-._" + _JOINERS)
    text = _cut(text, MAX_SLUG_BYTES)
    if not text:
        return "untitled"
    if text.split(".")[0].lower() in _RESERVED:
        text = "_" + text
    return text


def note_name(title: str, page_id: str, long: bool = False) -> str:
    """``<slug>-<short id>.md``; ``long`` uses the whole id (when two pages share a short name)."""
    suffix = page_id.replace("-", "").lower() if long else short_id(page_id)
    return f"{slugify(title)}-{suffix}.md"


class OutsideHome(ValueError):
    """A computed path escaped its folder (a bug guard: names are already made safe)."""


def inside(folder: Path, name: str) -> Path:
    """``folder / name``, refusing anything that does not resolve to a direct child of ``folder``."""
    if not name or name in {".", ".."} or "/" in name or "\\" in name or "\x00" in name:
        raise OutsideHome(name)
    path = folder / name
    if path.resolve().parent != folder.resolve():
        raise OutsideHome(name)
    return path
