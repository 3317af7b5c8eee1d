"""Images and files uploaded to an entry's page are kept in the journal, and the file links them.

Notion serves an upload at a signed URL that expires after about an hour, so a file linking it
would break and change on every pull. On fetching a page, each hosted file is downloaded once to
``entries/assets/`` (named by the URL's path, not its signature: see notes.assets) and the block's
URL becomes the relative path ``../assets/<name>`` from the entry's folder (held as a stand-in
absolute URL until rendered, as notes do: the converter takes only absolute links). The block keeps its
type ``file``: the in-place writer never patches, re-creates or converts an upload, and its line
reads back with the same key as the block, so an untouched line keeps it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

from notionlog.notes import assets
from notionlog.notes.tree import local, relativize

__all__ = ["localizer", "relativize"]

RELATIVE = "../" + assets.FOLDER + "/"  # from entries/<year>/ to entries/assets/
Localize = Callable[[list[dict], str], list[str]]


def localizer(home: Path, download: Callable[[str], bytes] | None) -> Localize:
    """``(blocks, page id) -> failed URLs``; without ``download`` nothing is written (dry run)."""

    def localize(blocks: list[dict], page_id: str) -> list[str]:
        return assets.localize(blocks, page_id, home / "entries", download, _point)[1]

    return localize


def _point(block: dict, name: str) -> None:
    """Link the local copy; ``path`` keeps the URL's path (without its signature), by which a file
    written before uploads were kept (linking Notion's URL) still names its upload."""
    payload = block[block["type"]]
    payload["file"] = {"url": local(RELATIVE + name), "path": urlsplit(payload["file"]["url"]).path}
