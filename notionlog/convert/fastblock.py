"""The block structure of plain outline entries, built the way markdown-it-py builds it, faster.

Why this exists: markdown-it-py's block parser spends ~2.4 ms on a seed-sized entry (lists nested
four deep: each line is offered to every block rule at every depth), which alone is nearly issue 4's
whole budget of 2.7 ms per entry for the round trip. Most entries are outlines: ``#`` headings,
paragraphs at column 0 and ``- `` bullets nested by indentation. For exactly those documents this
module produces the block tokens markdown-it-py would produce, by following the same algorithm
(``ParserBlock.tokenize``, the ``list``, ``paragraph`` and ``heading`` rules, tight-list marking) on
lines that are known to match no other rule, and then runs markdown-it-py's own core rules after
``block`` (inline parsing and the rest) on them. markdown-it-py stays the parser of record: anything
else returns None and is parsed by it as usual -- tabs, tables, quotes, code, ordered lists, other
bullet characters, lazy continuation lines, indents that open code blocks, and so on.
``tests/convert/test_fastblock.py`` checks every token attribute against markdown-it-py on
generated outlines and near misses.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from markdown_it.common.utils import mdTrim
from markdown_it.rules_core import StateCore
from markdown_it.rules_core import block as core_block
from markdown_it.rules_core import normalize as core_normalize
from markdown_it.token import Token

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

# Characters that could start another construct when they begin a line or a bullet's text (or that
# markdown-it-py reads differently: ordered-list digits, setext underlines, table pipes).
_STARTERS = frozenset("#>-*+=_`~|<$:0123456789 ")
# Anywhere in a document these send it to markdown-it-py: tabs (tab stops), CR and NUL (normalized
# by markdown-it-py first), pipes (tables decided by the next line).
_OUTSIDE = ("\t", "\r", "\0", "|")
_BLANK, _TEXT, _HEADING, _ITEM = range(4)
# Far below mdparser.MAX_NESTING: a deeper outline goes to markdown-it-py, which handles the limit.
_MAX_LEVEL = 120


class _NotOutline(Exception):
    """The document leaves the outline subset: markdown-it-py parses it instead."""


def parse(src: str, md: MarkdownIt) -> list[Token] | None:
    """Tokens identical to ``md.parse(src)`` for an outline document, else None."""
    if any(char in src for char in _OUTSIDE):
        return None
    try:
        outline = _Outline(src)
        outline.tokenize(0, 0)
    except _NotOutline:
        return None
    state = StateCore(src, md, {}, outline.tokens)
    for rule in md.core.ruler.getRules(""):
        if rule is not core_normalize and rule is not core_block:
            rule(state)
    return state.tokens


def _classify(line: str) -> tuple[int, int]:
    """(kind, indent) of one line; _NotOutline for a line that needs markdown-it-py."""
    text = line.lstrip(" ")
    indent = len(line) - len(text)
    if not text:
        return _BLANK, indent
    head = text[0]
    if head == "-" and text[1:2] == " " and text[2:3] and text[2] not in _STARTERS:
        return _ITEM, indent
    if indent == 0 and head == "#":
        level = len(text) - len(text.lstrip("#"))
        rest = text[level:]
        if level <= 6 and rest[:1] in ("", " ") and not rest.rstrip(" ").endswith("#"):
            return _HEADING, 0
    elif indent == 0 and head not in _STARTERS:
        return _TEXT, 0
    raise _NotOutline


class _Outline:
    """markdown-it-py's block state reduced to what outlines need: lines, indents, level, tokens."""

    def __init__(self, src: str) -> None:
        lines = src.split("\n")
        if not lines[-1].strip(" "):
            lines.pop()  # markdown-it-py drops a last line that is empty or only spaces
        self.lines = lines
        self.line_max = len(lines)
        kinds = [_classify(line) for line in lines]
        kinds.append((_BLANK, 0))  # markdown-it-py's fake line past the end
        self.kind = [kind for kind, _ in kinds]
        self.indent = [indent for _, indent in kinds]
        self.tokens: list[Token] = []
        self.level = 0
        self.line = 0
        self.list_indent = -1
        self.tight = False
        self.item_line = -1  # the line whose text follows a bullet being parsed as an item

    def push(self, ttype: str, tag: str, nesting: int, markup: str = "", where: list | None = None,
             content: str = "") -> Token:
        """StateBlock.push: the token at the current nesting level."""
        if nesting < 0:
            self.level -= 1
        token = Token(ttype, tag, nesting, map=where, level=self.level, content=content,
                      children=[] if ttype == "inline" else None, markup=markup, block=True)
        if nesting > 0:
            self.level += 1
            if self.level >= _MAX_LEVEL:
                raise _NotOutline
        self.tokens.append(token)
        return token

    def s_count(self, line: int) -> int:
        # A bullet's own line counts from its text while the item is parsed, as markdown-it-py's
        # list rule sets sCount for it.
        return self.indent[line] + 2 if line == self.item_line else self.indent[line]

    def empty(self, line: int) -> bool:
        return self.kind[line] == _BLANK

    def tokenize(self, start: int, blk_indent: int) -> None:
        """ParserBlock.tokenize: rule by rule over lines, tracking empty lines for tightness.

        Every call runs to the end of the document (markdown-it-py's ``endLine`` is always its
        ``lineMax`` for these blocks), so the end is ``self.line_max`` throughout.
        """
        end = self.line_max
        line = start
        has_empty = False
        while line < end:
            while line < self.line_max and self.empty(line):
                line += 1
            self.line = line
            if line >= end or self.s_count(line) < blk_indent:
                break
            if self.s_count(line) - blk_indent >= 4:
                raise _NotOutline  # an indented code block
            kind = self.kind[line]
            if line == self.item_line or kind == _TEXT:
                self.paragraph(line, blk_indent)
            elif kind == _ITEM:
                self.bullet_list(line, blk_indent)
            else:
                self.heading(line)
            self.tight = not has_empty
            line = self.line
            if self.empty(line - 1):
                has_empty = True
            if line < end and self.empty(line):
                has_empty = True
                line += 1
                self.line = line

    def heading(self, line: int) -> None:
        level = len(self.lines[line]) - len(self.lines[line].lstrip("#"))
        tag, markup, where = f"h{level}", "#" * level, [line, line + 1]
        self.line = line + 1
        self.push("heading_open", tag, 1, markup, where)
        self.push("inline", "", 0, "", list(where), mdTrim(self.lines[line][level:]))
        self.push("heading_close", tag, -1, markup)

    def paragraph(self, start: int, blk_indent: int) -> None:
        """The paragraph rule: lines up to a blank line, a bullet or a heading (terminators)."""
        following = start + 1
        while following < self.line_max:
            kind = self.kind[following]
            if kind in (_BLANK, _HEADING):
                break
            count = self.indent[following]
            if count - blk_indent > 3 or kind == _TEXT and blk_indent > 0:
                raise _NotOutline  # a lazy continuation line
            if kind == _ITEM:
                if self.list_indent >= 0 and count - self.list_indent >= 4 and count < blk_indent:
                    raise _NotOutline  # markdown-it-py's "paragraph continuation" special case
                break
            following += 1
        texts = self.lines[start:following]
        if start == self.item_line:
            texts[0] = texts[0][self.indent[start] + 2:]
        self.line = following
        where = [start, following]
        self.push("paragraph_open", "p", 1, "", where)
        self.push("inline", "", 0, "", list(where), mdTrim("\n".join(texts)))
        self.push("paragraph_close", "p", -1)

    def bullet_list(self, start: int, blk_indent: int) -> None:
        """The list rule for ``- `` bullets, items parsed by a nested tokenize as markdown-it-py does."""
        first = len(self.tokens)
        list_lines = [start, 0]
        self.push("bullet_list_open", "ul", 1, "-", list_lines)
        tight, prev_empty_end = True, False
        line, end = start, self.line_max
        while line < end:
            item_lines = [line, 0]
            self.push("list_item_open", "li", 1, "-", item_lines)
            saved = (self.list_indent, self.tight, self.item_line)
            self.list_indent, self.tight, self.item_line = blk_indent, True, line
            self.tokenize(line, self.indent[line] + 2)
            if not self.tight or prev_empty_end:
                tight = False
            prev_empty_end = self.line - line > 1 and self.empty(self.line - 1)
            self.list_indent, self.tight, self.item_line = saved
            self.push("list_item_close", "li", -1, "-")
            line = item_lines[1] = self.line
            if line >= end or self.indent[line] < blk_indent:
                break
            if self.indent[line] - blk_indent >= 4:
                raise _NotOutline  # an indented code block right after the list
            if self.kind[line] != _ITEM:
                break
        self.push("bullet_list_close", "ul", -1, "-")
        list_lines[1] = line
        self.line = line
        if tight:
            self.mark_tight(first)

    def mark_tight(self, first: int) -> None:
        """markTightParagraphs: a tight list's own paragraphs are hidden."""
        level = self.level + 2
        tokens = self.tokens
        index, stop = first + 2, len(tokens) - 2
        while index < stop:
            if tokens[index].level == level and tokens[index].type == "paragraph_open":
                tokens[index].hidden = tokens[index + 2].hidden = True
                index += 2
            index += 1
