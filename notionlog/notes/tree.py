"""Reading a fetched page tree: its title, its child pages, and rewriting what Markdown can't hold.

``fetch_blocks`` returns Notion's response blocks with ``children`` attached. Before the converter
renders them, two kinds of block are rewritten in place (walking the whole tree, since child pages
also sit inside toggles and columns):

* ``child_page`` → a paragraph linking to the child's note (a relative path) when it is pulled, or
  to the page in Notion when the depth setting stops there;
* ``child_database`` → a paragraph naming the database and linking to it: databases are noted,
  never crawled.

The converter keeps only absolute http(s) links (all Notion accepts), so a link to a local file is
written as :data:`LOCAL` + the relative path and :func:`relativize` strips that prefix from the
rendered Markdown. ``.invalid`` is reserved (RFC 2606): no real page content links there.
"""

from __future__ import annotations

from collections.abc import Callable

from notionlog.notion.ids import page_url
from notionlog.notion.tree import walk

LOCAL = "https://notionlog.invalid/notes/"
_PLAIN = {"bold": False, "italic": False, "strikethrough": False, "underline": False, "code": False,
          "color": "default"}


def local(relative: str) -> str:
    """A stand-in absolute URL for a path relative to the notes folder."""
    return LOCAL + relative


def relativize(markdown: str) -> str:
    """Rendered Markdown with the stand-in prefix removed: links become relative paths."""
    return markdown.replace(LOCAL, "")


def child_pages(blocks: list[dict]) -> list[tuple[str, str]]:
    """(id, title) of every child page in the tree, in page order."""
    return [(b["id"], b["child_page"].get("title", "")) for b in walk(blocks)
            if b.get("type") == "child_page" and not b.get("in_trash")]


def text_item(content: str, url: str | None = None, italic: bool = False) -> dict:
    """A response-shape rich-text item (what the converter renders)."""
    return {"type": "text", "text": {"content": content, "link": {"url": url} if url else None},
            "annotations": {**_PLAIN, "italic": italic}, "plain_text": content, "href": url}


def paragraph(rich_text: list[dict]) -> dict:
    """A response-shape paragraph block."""
    return {"object": "block", "type": "paragraph", "has_children": False,
            "paragraph": {"rich_text": rich_text, "color": "default", "icon": None}}


def link_subpages(blocks: list[dict], target: Callable[[str, str], str | None]) -> list[str]:
    """Rewrite child pages and databases in place; returns the titles of the databases seen.

    ``target(page_id, title)`` gives the note file name of a pulled child page, or None.
    """
    databases: list[str] = []
    for index, block in enumerate(blocks):
        kind = block.get("type")
        if kind == "child_page":
            title = block["child_page"].get("title") or "Untitled"
            note = target(block["id"], title)
            blocks[index] = paragraph([text_item(title, local(note) if note else page_url(block["id"]))])
        elif kind == "child_database":
            title = block["child_database"].get("title") or "Untitled database"
            databases.append(title)
            blocks[index] = paragraph([text_item(title, page_url(block["id"])),
                                        text_item(" (a Notion database: not pulled)", italic=True)])
        else:
            databases += link_subpages(block.get("children") or [], target)
    return databases
