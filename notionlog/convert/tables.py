"""Notion tables -> GFM tables (parse.table_block is the other direction).

A GFM table always has a header row, so a Notion table without a column header is written with its
first row as the header (and reads back with ``has_column_header: true``). Cells cannot hold a line
break (it becomes a space) and a ``|`` inside a cell is escaped, as GFM requires.

Reading, GFM ignores a row's cells beyond the header's width; ``tablerows.extra_cells`` gives them
back (the table is widened instead), so a word typed in such a cell is never lost.
"""

from __future__ import annotations

from notionlog.convert import textmd
from notionlog.convert.inline import Seg, from_rich_text


def table_markdown(payload: dict) -> str:
    """The GFM table for a table block's payload (its rows are its children)."""
    rows = [_row_cells(row) for row in payload.get("children") or []]
    width = max([payload.get("table_width") or 0, *(len(r) for r in rows)]) or 1
    if not rows:
        rows = [[]]
    lines = [_line([*row, *[""] * (width - len(row))]) for row in rows]
    lines.insert(1, _line(["---"] * width))
    return "\n".join(lines)


def _row_cells(row: dict) -> list[str]:
    payload = row.get("table_row") or row.get("cells") and row or {}
    return [cell_markdown(cell) for cell in payload.get("cells") or []]


def row_markdown(payload: dict) -> str:
    """One table row on its own (the sync writer compares rows one by one)."""
    return _line(_row_cells({"table_row": payload}) or [""])


def cell_markdown(cell: list) -> str:
    """One cell's inline Markdown, checked inside a one-cell table."""
    segs = textmd.tidy(from_rich_text(cell), single_line=True)
    return textmd.text_markdown(segs, _escape_pipes, _first_cell, _one_cell_table)


def _escape_pipes(text: str) -> str:
    return text.replace("|", "\\|")


def _one_cell_table(text: str) -> str:
    return "| " + _escape_pipes(text) + " |\n| --- |"


def _line(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def _first_cell(blocks: list) -> list[Seg] | None:
    if len(blocks) != 1 or blocks[0]["type"] != "table":
        return None
    rows = blocks[0]["table"]["children"]
    cells = rows[0]["table_row"]["cells"] if rows else []
    return textmd.tidy(from_rich_text(cells[0]), single_line=True) if cells else None
