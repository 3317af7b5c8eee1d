"""Reading each side into the planner's terms: local files -> Local, Notion pages -> Remote.

Both sides are compared as *normalized* Markdown (``convert.normalize``): the file as written, and
the page rendered by ``convert.to_markdown`` from its blocks, its title property (the H1) and its
``Tags`` (front-matter ``tags``). Front-matter keys Notion has no property for are taken from the
base, so they never look like a Notion-side deletion.
"""

from __future__ import annotations

import datetime
import functools
import os
import time
from dataclasses import dataclass
from pathlib import Path

from notionlog.convert import block_key as converted
from notionlog.convert import normalize, to_blocks, to_markdown
from notionlog.convert.tables import row_markdown
from notionlog.errors import BadTag, DanglingLink
from notionlog.local import journal
from notionlog.notion import tree
from notionlog.richtext import page_title, plain_text, title_rich_text
from notionlog.sync import form
from notionlog.sync.plan import Local, Remote
from notionlog.sync.store import Row, text_hash
from notionlog.sync.uploads import relativize

TAGS = "Tags"
DATE = "Date"
# A text property every push writes last: the revision of the content it left (docs/sync.md).
# Writing it moves the page's last_edited_time, which API content edits need not do, and tells
# other machines from the query alone whether the page still holds what they last agreed on.
REVISION = "notionlog"
REVISION_LENGTH = 16


def revision_of(base_hash: str) -> str:
    return base_hash[:REVISION_LENGTH]


def revision(page: dict) -> str | None:
    """The revision mark on a page, None when it has none (or the property does not exist)."""
    prop = (page.get("properties") or {}).get(REVISION) or {}
    return plain_text(prop.get("rich_text")) or None if prop.get("type") == "rich_text" else None


def editor(page: dict) -> str | None:
    """The id of the user (or bot) behind the page's last edit."""
    return (page.get("last_edited_by") or {}).get("id")


def scan_local(home: Path, rows: dict[str, Row] | None = None) -> dict[str, Local]:
    """Every entry file, read and normalized; a file that cannot be read is kept as an error.

    A file whose raw text is the one last agreed (``row.local_hash``) is not converted again: it
    normalizes to the row's base by construction.
    """
    found: dict[str, Local] = {}
    for day, path in journal.iter_entries(home):
        row = (rows or {}).get(day.isoformat())
        try:
            text = journal.read_text(path)
            known = row is not None and row.local_hash == text_hash(text) and row.base is not None
            normalized = row.base if row is not None and known and row.base else normalize(
                form.plain(text))
        except Exception as err:  # noqa: BLE001 — one file the converter cannot take stops nothing
            found[day.isoformat()] = Local(path, error=err)
            continue
        found[day.isoformat()] = Local(path, text, normalized, text_hash(normalized),
                                       journal.is_scaffold(home, day, form.plain(text)))
    for day, path in journal.dangling_entries(home):  # unreadable: neither pulled nor deleted
        found.setdefault(day.isoformat(), Local(path, error=DanglingLink(path, os.readlink(path))))
    return found


def unsynced_warnings(home: Path, locals_: dict[str, Local]) -> list[str]:
    """One warning per file under entries/ that sync does not take (``.markdown``, ``.MD``...)."""
    synced = {local.path for local in locals_.values()}
    return [f"{path.relative_to(home)}: not synced ({form.ENTRY_HELP}); rename or move it"
            for path in form.unsynced(home, synced)]


def page_date(page: dict) -> str | None:
    """The ISO date of a page's ``Date`` property (a date-time keeps only its day)."""
    value = ((page.get("properties") or {}).get(DATE) or {}).get("date") or {}
    start = value.get("start")
    if not isinstance(start, str):
        return None
    try:
        return datetime.date.fromisoformat(start[:10]).isoformat()
    except ValueError:
        return None


def page_tags(page: dict) -> list[str] | None:
    """The page's Tags, or None when the database has no Tags property."""
    prop = (page.get("properties") or {}).get(TAGS)
    if not prop or prop.get("type") != "multi_select":
        return None
    return [option["name"] for option in prop.get("multi_select") or []]


def render(page: dict, blocks: list[dict], base: str | None) -> str:
    """The page as normalized Markdown: front matter, ``# title``, body."""
    front = dict(to_blocks(base).front_matter or {}) if base else {}
    tags = page_tags(page)
    if tags is not None:
        if tags:
            front["tags"] = tags
        else:
            front.pop("tags", None)

    return relativize(normalize(to_markdown(blocks, _title_line(page, blocks), front or None)))


def _title_line(page: dict, blocks: list[dict]) -> str | list[dict] | None:
    """The page's title (its rich text, marks and links kept) for the ``# `` line; ``""`` (a bare
    ``#``) when it has none and its body starts with a Heading 1, which would otherwise be read back
    as the title and leave the body."""
    if page_title(page):
        return title_rich_text(page)
    return "" if blocks and blocks[0].get("type") == "heading_1" else None


def compact(blocks: list[dict]) -> list[dict]:
    """A fetched tree reduced to what update_blocks needs: ``{id, type, <type>, children}``."""
    return [tree.node(b, b.get("id"), compact(b.get("children") or [])) for b in blocks]




def block_key(block: dict) -> str:
    """A block's content identity for the in-place diff: ``convert.block_key``.

    A table row is keyed by its cells as the file writes them (marks, colours, mentions and all),
    not read back alone: a row on its own line is no table.
    """
    if tree.block_type(block) == "table_row":
        return "table_row:" + row_markdown(block.get("table_row") or {})

    line = converted(block)
    if tree.block_type(block) in WRITTEN and tree.payload(block).get("type") != "file":
        return line

    return _read_back(relativize(line))


# Types the converter writes from Markdown. Any other block (a bookmark, an upload, a child page…)
# is shown in the file by a stand-in line that reads back as another type: its key is the key of
# that reading, so an untouched stand-in compares equal to its own line and keeps its block.
WRITTEN = frozenset({
    "paragraph", "heading_1", "heading_2", "heading_3", "heading_4", "bulleted_list_item",
    "numbered_list_item", "to_do", "toggle", "quote", "callout", "code", "equation", "divider",
    "table", "image", "column_list", "column", "synced_block"})


@functools.lru_cache(maxsize=4096)
def _read_back(line: str) -> str:
    read = to_blocks(line).children if line else []
    return converted(read[0]) if len(read) == 1 else line


def fetch(api, page: dict, base: str | None, clock=time.time, files=None) -> Remote:
    """Fetch one page's blocks and render it (``fetched_at`` is taken before the first request).

    ``files(blocks, page id)`` keeps the page's uploads in the journal (see sync.uploads)."""
    started = clock()
    blocks = api.fetch_blocks(page["id"])
    if files is not None:
        files(blocks, page["id"])
    markdown = render(page, blocks, base)
    return Remote(page["id"], page.get("last_edited_time"), page, markdown, text_hash(markdown),
                  compact(blocks), started, by=editor(page))


def fingerprint(api, page_id: str) -> str:
    """The hash of Notion's Markdown view of a page (one request; hashed, never parsed)."""
    return text_hash(api.page_markdown(page_id))


@dataclass(frozen=True)
class Target:
    """The data source entries live in, and what its schema offers."""

    data_source_id: str
    title_property: str
    has_tags: bool
    has_revision: bool = False


def properties(target: Target, date: str, markdown: str, *, create: bool = False,
               fields: bool = True) -> dict:
    """Page properties for an entry: the H1 as title, front-matter tags, the revision mark.

    ``Date`` is sent only when the page is created: a later write would reset a time or an end
    the user gave it in Notion. ``fields=False`` leaves title and tags out (only the mark).
    """
    doc = to_blocks(markdown)
    props: dict = {}
    if fields or create:
        # the H1's marks and links as the title's rich text (already split to Notion's limits)
        props[target.title_property] = {"title": doc.title_rich_text if doc.title else []}
        if target.has_tags:
            props[TAGS] = {"multi_select": [{"name": tag} for tag in _tags(date, doc.front_matter)]}
    if create:
        props[DATE] = {"date": {"start": date}}
    if target.has_revision:
        mark = revision_of(text_hash(markdown))
        props[REVISION] = {"rich_text": [{"type": "text", "text": {"content": mark}}]}
    return props


def _tags(date: str, front: dict | None) -> list[str]:
    tags = (front or {}).get("tags") or []
    names = [str(tag) for tag in ([tags] if isinstance(tags, str) else tags)]
    for name in names:
        if "," in name:  # Notion refuses it: "Invalid select option, commas not allowed"
            raise BadTag(date=date, tag=name)
    return names


def row_for(rows: dict[str, Row], date: str) -> Row:
    return rows.get(date) or Row(date)
