"""Files hosted by Notion, downloaded beside the notes (their URLs expire after about an hour).

A hosted file block (image, file, pdf, video, audio with ``"type": "file"``) is downloaded to
``notes/assets/<page short id>-<url hash>-<name>`` and its payload rewritten to an external URL
holding that path relative to the note (see tree.local), so the converter renders a local link.
External files stay links. The name is keyed on the URL's path (its query string is the expiring
signature), so an unchanged file is not downloaded again on the next pull.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from notionlog.errors import NotionError
from notionlog.local.journal import write_atomic
from notionlog.notes.names import inside, short_id, slugify
from notionlog.notes.tree import local, paragraph, text_item, walk

HOSTED = ("image", "file", "pdf", "video", "audio")
FOLDER = "assets"


def asset_name(page_id: str, url: str, given: str | None) -> str:
    """A safe, stable file name for a hosted file of a page."""
    path = urlsplit(url).path
    original = PurePosixPath(given or unquote(path.rsplit("/", 1)[-1]) or "file")
    suffix = "".join(ch for ch in original.suffix[1:] if ch.isascii() and ch.isalnum())[:10].lower()
    key = hashlib.sha256(path.encode("utf-8")).hexdigest()[:8]
    return f"{short_id(page_id)}-{key}-{slugify(original.stem)}" + (f".{suffix}" if suffix else "")


def localize(blocks: list[dict], page_id: str, notes: Path,
             download: Callable[[str], bytes] | None,
             point: Callable[[dict, str], None] | None = None,
             known: Callable[[bytes, str], str | None] | None = None) -> tuple[list[Path], list[str]]:
    """Download the tree's hosted files; returns (files written, URLs that failed to download).

    A failed download leaves the block as it was (the note then links to Notion's expiring URL)
    and is reported, so one missing file does not cost the rest of the note. ``point(block, name)``
    makes a block show its local copy ``<notes>/assets/<name>`` (by default as a note does);
    without ``download`` (a dry run) blocks are pointed at where their copies would be.
    ``known(data, name)`` names a copy already in the folder that ``name`` would duplicate (a file
    sent from it and hosted anew): the block links it, and no second copy is written.
    """
    written: list[Path] = []
    failed: list[str] = []
    for block in walk(blocks):
        payload = block.get(block.get("type", "")) or {}
        if block.get("type") not in HOSTED or payload.get("type") != "file":
            continue
        url = payload["file"]["url"]
        name = asset_name(page_id, url, payload.get("name"))
        target = inside(notes / FOLDER, name)
        if not target.exists() and download is not None:
            try:
                data = download(url)
            except NotionError:
                failed.append(url)
                continue
            name = (known(data, name) if known else None) or name
            if name == target.name:
                write_atomic(target, data)
                written.append(target)
        (point or _point_note)(block, name)
    return written, failed


def _point_note(block: dict, name: str) -> None:
    payload = block[block["type"]]
    _point_at(block, local(f"{FOLDER}/{name}"), payload.get("name") or name)


def _point_at(block: dict, url: str, label: str) -> None:
    """Make a hosted-file block show the local copy: an image stays an image (``![](path)``);
    the converter renders other files as a bare URL, so they become a ``[name](path)`` paragraph
    (with the caption after a dash)."""
    kind = block["type"]
    payload = block[kind]
    if kind == "image":
        payload.pop("file", None)
        payload.update({"type": "external", "external": {"url": url}})
        return
    caption = payload.get("caption") or []
    rich_text = [text_item(label, url)] + ([text_item(" — "), *caption] if caption else [])
    del block[kind]
    block.update(type="paragraph", paragraph=paragraph(rich_text)["paragraph"])
