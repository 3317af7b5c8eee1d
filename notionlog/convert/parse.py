"""Markdown -> Notion blocks (request shape), from markdown-it-py's token stream.

The token stream is flat (``*_open`` ... ``*_close``); :func:`blocks_from_tokens` walks it with a
cursor and recurses into lists and quotes, so lists nest to any depth (the writer, not the converter,
splits deep trees into requests). Rules that keep every word:
- a list item's first paragraph is its text, everything after it becomes its children;
- ``- [ ]`` / ``- [x]`` items become to-dos;
- headings deeper than ``###``, raw HTML and invalid links stay as visible text in a paragraph;
- a paragraph that is only an image with an http(s) URL naming an image file type becomes an
  image block;
- a rich-text array over 100 items continues in a following block of the same type;
- a tag block (``<toggle>`` ... ``</toggle>``, convert.tags) is the block it names, holding what
  lies between its tags; v1's ``<details><summary>`` and ``::: callout`` are read too (v1.py);
  a tag that is never closed at its level stays visible text.
"""

from __future__ import annotations

import textwrap

from notionlog.convert import blocktags, inline, languages, mdparser, tablerows, v1
from notionlog.convert.inline import Seg
from notionlog.convert.limits import (
    MAX_EQUATION_UNITS,
    MAX_ITEMS,
    MAX_TEXT_UNITS,
    chunk,
    image_url,
    split_text,
    utf16_len,
)

_TASK = {"[ ] ": False, "[x] ": True, "[X] ": True}


def blocks_from_tokens(tokens: list, want_title: bool = False, source: str = "",
                       typed_dates: bool = True) -> tuple[list[dict] | None, list[dict]]:
    """(title, blocks) for a whole document; the title (rich text) is a leading H1 when asked for.

    Only an H1 that opens the document is its title: one further down stays a heading in its place.

    ``source`` is the Markdown the tokens came from (for items that are kept as typed);
    ``typed_dates=False`` reads a date-like line as the lists other viewers see in it.
    """
    cursor = _Cursor(tokens, want_title, source.split("\n"))
    cursor.typed_dates = typed_dates
    blocks = cursor.blocks(None)
    return cursor.title, blocks


class _Cursor:
    def __init__(self, tokens: list, want_title: bool, lines: list[str]) -> None:
        self.tokens = tokens
        self.lines = lines
        self.pos = 0
        self.want_title = want_title
        self.title: list[dict] | None = None
        self.typed_dates = True

    def blocks(self, closing: str | None) -> list[dict]:
        """Blocks until the token of type ``closing`` (consumed) or the end."""
        out: list[dict] = []
        tokens = self.tokens
        while self.pos < len(tokens):
            tok = tokens[self.pos]
            if tok.type == closing:
                self.pos += 1
                break
            # One dict lookup per token (_HANDLERS, below the class), not a getattr of a built name.
            handler = _HANDLERS.get(tok.type, _Cursor._other)
            out.extend(handler(self, tok))
        return out

    def _other(self, tok) -> list[dict]:
        """A closing token we did not expect, or an extension's token: its content stays visible."""
        self.pos += 1
        return [] if tok.nesting == -1 or not tok.content else _text_blocks(
            "paragraph", [Seg(tok.content.rstrip("\n"))])

    def _heading_open(self, tok) -> list[dict]:
        content = self.tokens[self.pos + 1]
        self.pos += 3
        level = int(tok.tag[1])
        segs = inline.from_tokens(content.children or [])
        if level == 1 and self.want_title and self.pos == 3:  # the document's first block
            self.title = fit_items(segs)
            return []
        if level > 3:  # Notion has three heading levels: keep the marker as visible text
            return _text_blocks("paragraph", [Seg("#" * level + " "), *segs])
        return _text_blocks(f"heading_{level}", segs)

    def fragment(self, markdown: str) -> list[dict]:
        """The blocks of a piece of Markdown found inside a block (v1's HTML-held text)."""
        if not markdown.strip():
            return []
        return blocks_from_tokens(mdparser.parse(markdown), source=markdown)[1]

    def _text_at(self, tok) -> str | None:
        """The source of the HTML block or paragraph at the cursor (None for any other block)."""
        if tok.type == "html_block":
            return tok.content
        return self.tokens[self.pos + 1].content if tok.type == "paragraph_open" else None

    def _opened(self, tok) -> list[dict] | None:
        """The tag block (convert.blocktags) opening at the cursor, read to its closing tag at the same
        level; None (cursor unmoved) if the block does not open with a tag line or is never closed.

        Written by hand, a tag often has no blank line after it or before its closing tag
        (``<toggle>`` / ``text`` / ``</toggle>``: one HTML block to CommonMark); the lines in between
        are read as the Markdown they are."""
        text = self._text_at(tok)
        if text is None or "<" not in text[:4]:
            return None
        first, _, rest = textwrap.dedent(text).strip("\n").partition("\n")
        tag = blocktags.tag_line(first)
        if tag is None or tag.closing:
            return None

        def closes(line: str) -> bool:
            return blocktags.tag_line(line) == (tag.name, {}, True)

        start = self.pos
        self.pos += 1 if tok.type == "html_block" else 3
        lines = rest.split("\n")
        if rest and closes(lines[-1]):
            return blocktags.build(tag, self.fragment("\n".join(lines[:-1])))
        found = self.until(tok.level, lambda source: closes(source.strip("\n").rsplit("\n", 1)[-1]))
        if found is None:
            self.pos = start
            return None
        inner, closing = found
        before = textwrap.dedent(closing).strip("\n").rsplit("\n", 1)[:-1]
        return blocktags.build(tag, self.fragment(rest) + inner + self.fragment("".join(before)))

    def until(self, level: int, closes) -> tuple[list[dict], str] | None:
        """Blocks up to the HTML block or paragraph at ``level`` whose source ``closes`` (consumed),
        and that source; None if the level ends first."""
        inner: list[dict] = []
        while self.pos < len(self.tokens):
            tok = self.tokens[self.pos]
            if tok.level < level or (tok.nesting == -1 and tok.level == level):
                return None
            text = self._text_at(tok) if tok.level == level else None
            if text is not None and closes(text):
                self.pos += 1 if tok.type == "html_block" else 3
                return inner, text
            inner.extend(_HANDLERS.get(tok.type, _Cursor._other)(self, tok))
        return None

    def _paragraph_open(self, tok) -> list[dict]:
        content = self.tokens[self.pos + 1]
        tagged = self._opened(tok)
        if tagged is None and content.content.startswith(":::"):
            tagged = v1.fenced_callout(self, tok, content.content)
        if tagged is not None:
            return tagged
        self.pos += 3
        children = content.children or []
        if children and children[0].type == "image":
            image = _image_block(children)
            if image:
                return [image]
        return _blocks_of("paragraph", chunk(inline.rich_text_of(children)), None, None)

    def _bullet_list_open(self, tok) -> list[dict]:
        self.pos += 1
        return self.blocks(tok.type.replace("_open", "_close"))

    _ordered_list_open = _bullet_list_open

    def _list_item_open(self, tok) -> list[dict]:
        self.pos += 1
        ordered = tok.markup in (".", ")")
        typed = self._typed_date(tok) if ordered and self.typed_dates else None
        if typed is not None:
            self.blocks("list_item_close")  # consumed: the line is kept as typed instead
            return _text_blocks("paragraph", [Seg(typed)])
        task = not ordered and self._source_task()
        lead, children = self._lead_and_rest(self.blocks("list_item_close"))
        kind = "numbered_list_item" if ordered else "bulleted_list_item"
        if not task or not lead or _head_text(lead[0])[:4] not in _TASK:
            return _lead_blocks(kind, lead, children)
        kind, extra, segs = _task(kind, inline.from_rich_text(lead))
        return _text_blocks(kind, segs, children, extra)

    def _source_task(self) -> bool:
        """Whether the item's first paragraph opens with a task marker as typed: an escaped
        ``\\[ \\]`` (a bullet whose text starts with brackets) or a marked one stays a bullet."""
        opened = self.tokens[self.pos] if self.pos + 1 < len(self.tokens) else None
        if opened is None or opened.type != "paragraph_open":
            return False
        return self.tokens[self.pos + 1].content[:4] in _TASK

    def _typed_date(self, tok) -> str | None:
        """The source line of a one-line item numbered like a year ("2021. 12. 07 일기"), else None.

        CommonMark reads a Korean-style date at the start of a line as nested ordered lists; Notion
        would renumber them and the date would be lost, so such a line stays text as typed.
        """
        if len(tok.info) < 4 or not tok.map or tok.map[0] >= len(self.lines):
            return None
        if any(rest.strip() for rest in self.lines[tok.map[0] + 1:tok.map[1]]):
            return None  # more than one line: a real list item
        line = self.lines[tok.map[0]]
        start = line.find(tok.info + tok.markup)
        return line[start:].strip() if start >= 0 else None

    def _blockquote_open(self, tok) -> list[dict]:
        self.pos += 1
        lead, children = self._lead_and_rest(self.blocks("blockquote_close"))
        return _lead_blocks("quote", lead, children)

    @staticmethod
    def _lead_and_rest(children: list[dict]) -> tuple[list[dict], list[dict]]:
        """A container's own text is its first paragraph (its rich text); the rest are its children.

        A paragraph in its tag form (it states a colour) is a block of its own, never the text."""
        first = children[0]["paragraph"] if children and children[0]["type"] == "paragraph" else None
        if first is not None and not first.get("children") and "color" not in first:
            first = children.pop(0)
            return first["paragraph"]["rich_text"], children
        return [], children

    def _fence(self, tok) -> list[dict]:
        self.pos += 1
        language, rest = languages.split_info(tok.info) if tok.type == "fence" else (languages.PLAIN, "")
        content = tok.content[:-1] if tok.content.endswith("\n") else tok.content
        blocks = code_blocks(content, language)
        if rest:  # the info string's words the language cannot carry: the caption keeps them
            blocks[0]["code"]["caption"] = fit_items([Seg(rest)])
        return blocks

    _code_block = _fence

    def _math_block(self, tok) -> list[dict]:
        self.pos += 1
        expression = block_expression(tok.content)
        if utf16_len(expression) > MAX_EQUATION_UNITS:  # too long for Notion: visible text
            return _text_blocks("paragraph", [Seg(f"$${tok.content}$$")])
        return [{"object": "block", "type": "equation", "equation": {"expression": expression}}]

    def _hr(self, tok) -> list[dict]:
        self.pos += 1
        return [{"object": "block", "type": "divider", "divider": {}}]

    def _html_block(self, tok) -> list[dict]:
        tagged = self._opened(tok)
        if tagged is None and tok.content.lstrip().startswith("<details"):
            tagged = v1.details(self, tok)
        if tagged is not None:
            return tagged
        if tok.content.strip() == blocktags.EMPTY_BLOCK:  # v2's empty paragraph
            self.pos += 1
            return [{"object": "block", "type": "paragraph", "paragraph": {"rich_text": []}}]
        self.pos += 1
        # Indentation all its lines share comes from a list item's column, not from the HTML.
        text = textwrap.dedent(tok.content).strip("\n")
        return _text_blocks("paragraph", inline.tagged_html(text) or [Seg(text)])

    def _table_open(self, tok) -> list[dict]:
        rows: list[list[list[Seg]]] = []
        row_map = None
        while self.tokens[self.pos].type != "table_close":
            cur = self.tokens[self.pos]
            if cur.type == "tr_open":
                rows.append([])
                row_map = cur.map
            elif cur.type == "inline":
                rows[-1].append(inline.from_tokens(cur.children or []))
            elif cur.type == "tr_close" and row_map:
                rows[-1].extend(tablerows.extra_cells(self.lines[row_map[0]], len(rows[-1])))
            self.pos += 1
        self.pos += 1
        return [table_block(rows)]


_HANDLERS = {
    "heading_open": _Cursor._heading_open, "paragraph_open": _Cursor._paragraph_open,
    "bullet_list_open": _Cursor._bullet_list_open, "ordered_list_open": _Cursor._ordered_list_open,
    "list_item_open": _Cursor._list_item_open, "blockquote_open": _Cursor._blockquote_open,
    "fence": _Cursor._fence, "code_block": _Cursor._code_block, "math_block": _Cursor._math_block,
    "hr": _Cursor._hr, "html_block": _Cursor._html_block, "table_open": _Cursor._table_open,
}


def _task(kind: str, segs: list[Seg]) -> tuple[str, dict, list[Seg]]:
    head = segs[0]
    checked = _TASK.get(head.text[:4]) if not head.code and not head.link else None
    if checked is None:
        return kind, {}, segs
    return "to_do", {"checked": checked}, [head._replace(text=head.text[4:]), *segs[1:]]


def _image_block(children: list) -> dict | None:
    if len(children) != 1 or children[0].type != "image":
        return None
    img = children[0]
    url = img.attrs.get("src", "")
    if not image_url(url) or img.attrs.get("title"):
        return None  # stays the text typed: Notion refuses an image it cannot see is one
    caption = fit_items(inline.from_tokens(img.children or []))
    return {"object": "block", "type": "image",
            "image": {"type": "external", "external": {"url": url}, "caption": caption}}


def fit_items(segs: list[Seg]) -> list[dict]:
    """Rich text for a place that cannot continue in another block (a cell, a caption).

    Over 100 items, the formatting goes and the plain text is split again: words before marks.
    """
    items = inline.to_rich_text(segs)
    if len(items) <= MAX_ITEMS:
        return items
    text = "".join(seg.text for seg in segs)
    return [{"type": "text", "text": {"content": piece}} for piece in split_text(text)][:MAX_ITEMS]


def _head_text(item: dict) -> str:
    """The text :func:`inline.from_rich_text` gives the first segment of a paragraph's rich text."""
    if item["type"] == "mention":
        return item["plain_text"]
    return item["text"]["content"] if item["type"] == "text" else item["equation"]["expression"]


def _lead_blocks(kind: str, lead: list[dict], children: list[dict]) -> list[dict]:
    """:func:`_text_blocks` for a container whose text is a paragraph's rich text ``lead``.

    ``lead`` came out of :func:`inline.to_rich_text`, whose output is canonical; when no item was
    split for length (all its text fits one item's budget), reading it back gives the same segments
    and to_rich_text the same items, so the round trip is skipped (it cost a tenth of the bench).
    """
    if sum(map(len, map(_head_text, lead))) * 2 <= MAX_TEXT_UNITS:
        return _blocks_of(kind, [list(lead)], children, None)
    return _text_blocks(kind, inline.from_rich_text(lead), children)


def _text_blocks(kind: str, segs: list[Seg], children: list[dict] | None = None,
                 extra: dict | None = None) -> list[dict]:
    """One block of ``kind`` (more if its rich text exceeds 100 items; children go on the last)."""
    return _blocks_of(kind, chunk(inline.to_rich_text(segs)), children, extra)


def _blocks_of(kind: str, runs: list[list[dict]], children: list[dict] | None,
               extra: dict | None) -> list[dict]:
    payloads: list[dict] = [{"rich_text": run, **extra} if extra else {"rich_text": run}
                            for run in runs]
    if children:
        payloads[-1]["children"] = children
    return [{"object": "block", "type": kind, kind: payload} for payload in payloads]


def block_expression(text: str) -> str:
    """An equation block's expression: lines stripped (indentation inside $$ is not meaning)."""
    return "\n".join(line.strip() for line in text.strip().split("\n"))


def code_blocks(content: str, language: str) -> list[dict]:
    """Code blocks for ``content``: 2000-unit items, 100 items per block."""
    items = [{"type": "text", "text": {"content": piece}} for piece in split_text(content) if piece]
    return [{"object": "block", "type": "code", "code": {"rich_text": run, "language": language}}
            for run in chunk(items)]


def table_block(rows: list[list[list[Seg]]]) -> dict:
    """A table with a column header (a Markdown table always has one), rows padded to full width."""
    width = max((len(row) for row in rows), default=1) or 1
    children = []
    for row in rows:
        cells = [fit_items(cell) for cell in row]
        cells += [[] for _ in range(width - len(cells))]
        children.append({"object": "block", "type": "table_row", "table_row": {"cells": cells}})
    return {"object": "block", "type": "table", "table": {
        "table_width": width, "has_column_header": True, "has_row_header": False,
        "children": children}}
