"""Images and files uploaded to an entry's page are kept in the journal, and the file links them.

Notion serves an upload at a signed URL that expires after about an hour, so a file linking it
would break and change on every pull. On fetching a page, each hosted file is downloaded once to
``entries/assets/`` (named by the URL's path, not its signature: see notes.assets) and the block's
URL becomes the relative path ``../assets/<name>`` from the entry's folder (held as a stand-in
absolute URL until rendered, as notes do: the converter takes only absolute links). The block keeps its
type ``file``: the in-place writer never patches, re-creates or converts an upload, and its line
reads back with the same key as the block, so an untouched line keeps it.

The way back (:func:`linked`, :class:`Uploading`): when sync must *create* a block from a line that
links a file of the journal — a page re-created from its file, an upload in a column list that
dissolves (notion.columns), a photo the user put beside a new entry — the file is sent through
Notion's File Upload API (docs/notion-contract.md §6.6: create, send, attach within the hour) and
the block is the upload, not a link to a path that means nothing to Notion. A link to a file
outside the journal stays the text it is.
"""

from __future__ import annotations

import mimetypes
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urlsplit

from notionlog.notes import assets
from notionlog.notes.tree import LOCAL, local, relativize
from notionlog.notion import tree as t
from notionlog.richtext import plain_text

__all__ = ["Uploading", "linked", "localizer", "relativize"]

RELATIVE = "../" + assets.FOLDER + "/"  # from entries/<year>/ to entries/assets/
Localize = Callable[[list[dict], str], list[str]]
SINGLE_PART = 20 * 1024 * 1024  # a larger file needs a multi-part upload: left as text
IMAGE = re.compile(r"!\[(?P<caption>[^\]\n]*)\]\((?P<path>[^()\s]+)\)")
FILE = re.compile(r"\[(?P<name>[^\n]*)\]\((?P<path>[^()\s]+)\)")  # a link's text as read: unescaped


def localizer(home: Path, download: Callable[[str], bytes] | None) -> Localize:
    """``(blocks, page id) -> failed URLs``; without ``download`` nothing is written (dry run)."""

    def localize(blocks: list[dict], page_id: str) -> list[str]:
        return assets.localize(blocks, page_id, home / "entries", download, _point,
                               lambda data, name: _copy_of(home / "entries" / assets.FOLDER, data, name))[1]

    return localize


def _copy_of(folder: Path, data: bytes, name: str) -> str | None:
    """The copy in ``folder`` a new download named ``name`` duplicates: the same bytes, and the
    same file name once the ``<page>-<hash>-`` prefixes are set aside. A file this journal sent as
    an upload (named after its copy) comes back hosted under a new URL: its line keeps the copy."""
    for path in sorted(folder.glob("*")) if folder.is_dir() else []:
        same_name = name.endswith("-" + path.name) or _bare(name) == _bare(path.name)
        if same_name and path.is_file() and path.stat().st_size == len(data) and path.read_bytes() == data:
            return path.name
    return None


def _bare(name: str) -> str:
    """An asset's original file name: without its ``<page>-<hash>-`` prefix (notes.assets)."""
    return name.split("-", 2)[-1]


def _point(block: dict, name: str) -> None:
    """Link the local copy; ``path`` keeps the URL's path (without its signature), by which a file
    written before uploads were kept (linking Notion's URL) still names its upload."""
    payload = block[block["type"]]
    payload["file"] = {"url": local(RELATIVE + name), "path": urlsplit(payload["file"]["url"]).path}
    payload["name"] = payload.get("name") or _bare(name)  # the link's text (convert.blocktypes)


def linked(blocks: list[dict], folder: Path, home: Path) -> list[dict]:
    """``blocks`` read from the entry in ``folder``, each line that links a file of the journal
    (``![caption](path)``; a copy's ``[name](../assets/<name>)``, or its bare path as files pulled
    before links were written hold it) made the upload it stands for:
    a hosted-file block whose URL is the path (as a pulled upload is held, so its key is its
    line's). :class:`Uploading` sends such a block as a File Upload."""
    out = []
    for block in blocks:
        kind, kids = t.block_type(block), t.kids(block)
        if kids:
            out.append({"type": kind, kind: t.payload(block), "children": linked(kids, folder, home)})
        else:
            out.append(_journal_file(block, folder, home) or block)
    return out


def _journal_file(block: dict, folder: Path, home: Path) -> dict | None:
    if t.block_type(block) != "paragraph":
        return None
    line = plain_text(t.payload(block).get("rich_text") or [])
    image, link = IMAGE.fullmatch(line), FILE.fullmatch(line)
    path = image["path"] if image else link["path"] if link else line
    if not (image or path.startswith(RELATIVE)) or "://" in path \
            or _content_type(folder / path, home, bool(image)) is None:
        return None
    source = {"type": "file", "file": {"url": local(path)}}
    if image:
        caption = [{"type": "text", "text": {"content": image["caption"]}}] if image["caption"] else []
        return {"type": "image", "image": {**source, "caption": caption}}
    name = link["name"] if link else _bare(Path(path).name)  # a bare path: named as pulled
    return {"type": "file", "file": {**source, "caption": [], "name": name}}


def _content_type(path: Path, home: Path, image: bool) -> str | None:
    """The file's type if it can be uploaded: a file inside the journal, of a known type (an
    image for an image line), small enough for one request; else None."""
    try:
        real = path.resolve()
        inside = real.is_relative_to(home.resolve()) and real.is_file()
        size = real.stat().st_size if inside else 0
    except OSError:
        return None
    kind = mimetypes.guess_type(real.name)[0]
    if not inside or size > SINGLE_PART or kind is None or (image and not kind.startswith("image/")):
        return None
    return kind


class Uploading:
    """The writer's door (notion.writer.Door) for one entry: blocks made by :func:`linked` are sent
    as File Uploads, each file once, right before the request that attaches it. A file larger than
    the workspace takes (the bot's ``max_file_upload_size_in_bytes``, asked once, before the first
    upload) is sent as its line's text: the push goes through, and the line reads back the same."""

    def __init__(self, api, folder: Path, home: Path) -> None:
        self.api, self.folder, self.home = api, folder, home
        self._sent: dict[Path, str] = {}
        self._limit: int | None = None

    def list_children(self, block_id: str) -> Iterator[dict]:
        return self.api.list_children(block_id)

    def update_block(self, block_id: str, kind: str, body: dict) -> dict:
        return self.api.update_block(block_id, kind, body)

    def delete_block(self, block_id: str) -> None:
        self.api.delete_block(block_id)

    def append_children(self, parent_id: str, children: list[dict], after: str | None = None,
                        at_start: bool = False) -> list[dict]:
        return self.api.append_children(parent_id, self._attach(children), after, at_start)

    def new_page(self, data_source_id: str, properties: dict, children: list[dict]) -> dict:
        return self.api.new_page(data_source_id, properties, self._attach(children))

    def _attach(self, blocks: list[dict]) -> list[dict]:
        """Request-form blocks with each journal file's stand-in replaced by its upload."""
        out = []
        for block in blocks:
            kind = t.block_type(block)
            body = block[kind]  # with its children (the request form nests them in the payload)
            url = ((body.get("file") or {}).get("url") or "") if body.get("type") == "file" else ""
            if url.startswith(LOCAL):
                out.append(self._uploaded(kind, url[len(LOCAL):], body.get("caption") or [],
                                          body.get("name") or ""))
            elif body.get("children"):
                out.append({"type": kind, kind: {**body, "children": self._attach(body["children"])}})
            else:
                out.append(block)
        return out

    def _uploaded(self, kind: str, relative: str, caption: list[dict], name: str) -> dict:
        """A stand-in as it is sent: the upload, or its line when the file is too large."""
        sent = self._upload(relative)
        if sent is None:
            return _as_line(kind, relative, caption, name)
        return {"type": kind, kind: {"type": "file_upload", "file_upload": {"id": sent}, "caption": caption}}

    def _upload(self, relative: str) -> str | None:
        """The upload's id (sent now, or earlier in this push); None if the file is too large."""
        path = (self.folder / relative).resolve()
        if path not in self._sent:
            try:
                data = path.read_bytes()
            except OSError:  # gone since the file was read: its line is sent as it reads
                return None
            if len(data) > self._workspace_limit():
                return None
            kind = _content_type(path, self.home, False) or "application/octet-stream"
            self._sent[path] = self.api.upload_file(path.name, data, kind)
        return self._sent[path]

    def _workspace_limit(self) -> int:
        if self._limit is None:
            limits = (self.api.me().get("bot") or {}).get("workspace_limits") or {}
            self._limit = min(int(limits.get("max_file_upload_size_in_bytes") or SINGLE_PART), SINGLE_PART)
        return self._limit


def _as_line(kind: str, path: str, caption: list[dict], name: str) -> dict:
    """The paragraph a stand-in was read from (its line, see :func:`linked`)."""
    words = plain_text(caption)
    line = f"![{words}]({path})" if kind == "image" else f"[{name}]({path})"
    return {"type": "paragraph", "paragraph": {"rich_text": [{"type": "text", "text": {"content": line}}]}}
