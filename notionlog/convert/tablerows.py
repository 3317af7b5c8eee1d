"""A GFM table row's cells beyond the header's width, read back.

GFM ignores them; the reader (parse.py) widens the table with them instead, so a word typed in
such a cell is never lost. Apart from tables.py (the writing side) so that reading does not import
the writer, which checks what it writes by reading it.
"""

from __future__ import annotations

import re

from markdown_it.rules_block.table import escapedSplit

from notionlog.convert.inline import Seg, from_tokens
from notionlog.convert.mdparser import parser

_QUOTE_PREFIX = re.compile(r"^[ \t>]*")


def extra_cells(line: str, parsed: int) -> list[list[Seg]]:
    """Segments of the cells of a table row's source ``line`` after its first ``parsed`` ones."""
    text = _QUOTE_PREFIX.sub("", line).strip()
    text = text[1:] if text.startswith("|") else text
    text = text[:-1] if text.endswith("|") and not text.endswith("\\|") else text
    cells = escapedSplit(text)
    out = []
    for cell in cells[parsed:]:
        tokens = parser().parseInline(cell.strip())
        out.append(from_tokens(tokens[0].children or []) if tokens else [])
    return out
