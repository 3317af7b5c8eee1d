"""Markdown <-> Notion blocks, losing no word. Pure functions: no I/O, no notion_client.

- :func:`to_blocks` parses Markdown (front matter, ``# title``, body) into request-shape blocks,
  children nested under each block's payload ``children`` key to full depth;
- :func:`to_markdown` renders API response blocks (or to_blocks' output) back in the seed's style;
- :func:`normalize` is the two composed, a fixed point: ``normalize(normalize(x)) == normalize(x)``;
- :func:`block_key` is one block's own content as Markdown, so that a remote block and a local one
  that read the same compare equal (the sync writer keeps such a block's id).

Modules: mdparser (the shared MarkdownIt), parse (tokens -> blocks), inline (inline tokens ->
segments), segs (segments and their canonical form), items (segments <-> Notion rich-text items),
tags + colors (the inline tags: colour, underline, mentions), markup + textmd + safe (segments ->
checked inline Markdown; safe proves most text reads back without a check parse), render +
blocktypes + tables (blocks -> Markdown), limits (API size rules), languages (code language enum),
frontmatter (YAML).
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["Document", "to_blocks", "to_markdown", "normalize", "block_key"]

# The functions below import their submodules when called: `import notionlog.convert` (for
# Document, or by modules the daily commands load) must not load markdown-it or YAML.


@dataclass
class Document:
    title: str | None  # visible text of a leading H1 (None if the document does not open with one)
    children: list[dict]  # request-shape blocks, children under each payload's "children"
    front_matter: dict = field(default_factory=dict)  # parsed YAML front matter ({} if none)
    # The title as a Notion title property's rich text: marks and links kept, split by UTF-16 units.
    title_rich_text: list[dict] = field(default_factory=list)


def to_blocks(markdown: str) -> Document:
    """Parse a Markdown entry.

    Raises BadFrontMatter (a leading ``key: value`` block that is not valid YAML) and
    NestingTooDeep (lists or quotes nested ~100 levels, where the parser would drop text).
    """
    from notionlog.convert import frontmatter
    from notionlog.convert.mdparser import parse
    from notionlog.convert.parse import blocks_from_tokens
    from notionlog.richtext import plain_text

    front, body = frontmatter.split(markdown)
    title, children = blocks_from_tokens(parse(body), want_title=True, source=body)
    plain = None if title is None else plain_text(title)
    return Document(title=plain, children=children, front_matter=front, title_rich_text=title or [])


def to_markdown(children: list[dict], title: str | list[dict] | None = None,
                front_matter: dict | None = None) -> str:
    """Markdown for a page: front matter, then ``# title``, then the body; '' for nothing at all.

    ``title`` is plain text or a title property's rich text (its marks and links are written).
    """
    from notionlog.convert import frontmatter
    from notionlog.convert.render import render_body

    parts = []
    if title is not None:
        parts.append(_title_line(title))
    body = render_body(children, leading=title is None and not front_matter)
    if body:
        parts.append(body)
    text = "\n\n".join(parts)
    return frontmatter.dump(front_matter) + (text + "\n" if text else "")


def _title_line(title: str | list[dict]) -> str:
    """``# title``, written as a heading_1 block's text is (escaped where it must be)."""
    from notionlog.convert.blocktypes import own_markdown

    items = [{"type": "text", "text": {"content": title}}] if isinstance(title, str) else title
    return own_markdown("heading_1", {"rich_text": items}) or "#"


def normalize(markdown: str) -> str:
    """``to_markdown`` of ``to_blocks``: the canonical text of an entry (idempotent)."""
    doc = to_blocks(markdown)
    title = None if doc.title is None else doc.title_rich_text
    return to_markdown(doc.children, title, doc.front_matter)


def block_key(block: dict) -> str:
    """One block's own content as canonical Markdown, prefixed by its type family.

    Ids, timestamps, children and what the file does not say (a list item's or heading's colour, an
    uploaded icon) do not count; what the file says does: a text's colour, underline and mentions
    (inline tags), a block tag's type, colour and icon (a toggle is no bullet, a callout keeps its
    icon: docs/file-format.md), so an edit of it is sent. A
    table's rows are its children (each table_row has its own key), so a table's key is its width.
    """
    from notionlog.convert.blocktypes import own_markdown, view

    kind, payload, _ = view(block)
    if kind == "table":
        return f"| table of {payload.get('table_width') or 0} columns |"
    return own_markdown(kind, payload, 1)
