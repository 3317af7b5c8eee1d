"""Keep the user's own layout when a change from Notion (or a merge) is written into a file.

Sync compares and merges *normalized* Markdown, so blank lines and trailing spaces never count as
edits. Writing the normalized result back whole would still reformat every line the user typed
(the seed's blank lines between sections, its trailing spaces). :func:`reflow` instead applies only
the change ``old -> new`` to the raw file, where ``old == normalize(raw)``:

1. map each non-blank line of ``old`` to the raw line it came from (``difflib.SequenceMatcher`` on
   the lines with trailing whitespace stripped);
2. walk the opcodes of ``old -> new``: unchanged lines are emitted as the raw lines they came from,
   together with the raw blank lines that followed them; changed and inserted lines come from
   ``new`` (followed by the raw blank lines that followed the lines they replace); deleted lines
   are dropped.

Blank lines are not always layout in Markdown (one can end a list or split a paragraph), so the
result is checked: unless ``normalize(result) == new`` exactly, ``new`` itself is returned. The
layout can only get better this way, never the content worse.
"""

from __future__ import annotations

import difflib

from notionlog.convert import normalize


def _is_blank(line: str) -> bool:
    return not line.strip()


def _raw_to_old(raw: list[str], old: list[str]) -> dict[int, int]:
    """Index in ``old`` -> index in ``raw``, for non-blank lines equal up to trailing whitespace."""
    raw_idx = [i for i, line in enumerate(raw) if not _is_blank(line)]
    old_idx = [i for i, line in enumerate(old) if not _is_blank(line)]
    matcher = difflib.SequenceMatcher(
        None, [raw[i].rstrip() for i in raw_idx], [old[i].rstrip() for i in old_idx], autojunk=False
    )
    mapping: dict[int, int] = {}
    for block in matcher.get_matching_blocks():
        for k in range(block.size):
            mapping[old_idx[block.b + k]] = raw_idx[block.a + k]
    return mapping


def _segment(raw: list[str], start: int) -> list[str]:
    """Raw line ``start`` and the blank lines that follow it."""
    end = start + 1
    while end < len(raw) and _is_blank(raw[end]):
        end += 1
    return raw[start:end]


def _ended(lines: list[str]) -> list[str]:
    """Lines that all end in a newline, so segments from different sources join cleanly."""
    return [line if line.endswith("\n") else line + "\n" for line in lines]


def reflow(raw: str, old: str, new: str) -> str:
    """``new``, laid out like ``raw`` wherever ``old -> new`` left a line unchanged."""
    text = _apply(raw, old, new)
    return text if normalize(text) == new else new


def _apply(raw: str, old: str, new: str) -> str:
    raw_lines, old_lines = _ended(raw.splitlines(True)), old.splitlines(True)
    new_lines = new.splitlines(True)
    mapping = _raw_to_old(raw_lines, old_lines)
    first = min(mapping.values(), default=len(raw_lines))
    out = [line for line in raw_lines[:first] if _is_blank(line)]  # leading blank lines
    matcher = difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "equal":
            out.extend(_ended(new_lines[j1:j2]))
            if i2 > i1 and i2 - 1 in mapping:  # the blank lines that followed the replaced lines
                out.extend(_segment(raw_lines, mapping[i2 - 1])[1:])
            continue
        for i in range(i1, i2):
            if i in mapping:
                out.extend(_segment(raw_lines, mapping[i]))
            elif not _is_blank(old_lines[i]):
                out.extend(_ended([old_lines[i]]))
    text = "".join(out)
    # ``is``, not ``==``: only the raw file's own last line (not an equal line from ``new``), when it
    # is still last, keeps the file's missing final newline.
    if raw and not raw.endswith("\n") and out and out[-1] is raw_lines[-1]:
        text = text[:-1]
    return text
