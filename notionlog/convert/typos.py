"""What a person typed that looks like a tag of the file but is read as text, said in one line each.

The reader is lenient and loses nothing: a tag it cannot take stays the words typed, and reaches
Notion as text (docs/file-format.md). That is safe but silent, so sync and ``render`` name each
such line: its number, what was typed, why it is text, and what was kept. Lines inside code fences
are code and are not looked at.
"""

from __future__ import annotations

import re

from notionlog.convert import blocktags, colors
from notionlog.notion import tree

# Tag names of the file that no HTML has: a line opening with one of them was meant as our tag.
# (``<p>`` and ``<details>`` are HTML too: typed with HTML's attributes they are HTML, kept as such.)
_OURS = frozenset(blocktags.HOLDERS) - {"p"}
_LOOKS = re.compile(r"</?([A-Za-z_]+)\b[^>]*>\Z")
_INLINE = re.compile(r"<(span|mention-[a-z]+)\b[^>]*>", re.IGNORECASE)
_UNMATCHED = "kept as text: a tag needs a blank line before it and its closing tag at the same level"
_V1_SUFFIX = re.compile(r'\{(toggle|color)="[^"]*"\}\s*\Z')
_THIN = ("is sent as the lines it holds: Notion makes columns only as a <columns> of two or more "
         "<column>s, each holding a line")
_FENCE = re.compile(r"\s*(`{3,}|~{3,})")


def notes(markdown: str) -> list[str]:
    """One line per tag-like text of ``markdown`` that is read as text, or a colour not read."""
    from notionlog.convert import to_blocks

    if "<" not in markdown and '="' not in markdown:  # no tag, no v1 suffix: nothing to say (no parse)
        return []
    blocks = to_blocks(markdown).children
    texts = _texts(blocks)
    out: list[tuple[int, str]] = []
    opened: dict[str, list[int]] = {"columns": [], "column": []}
    for number, line in _lines(markdown):
        why = _block_line(line.strip(), texts) or _inline(line, texts) or _v1(line)
        if why:
            out.append((number, why))
        tag = blocktags.tag_line(line)
        if tag and tag.name in opened and not tag.closing:
            opened[tag.name].append(number)
    out += _thin_columns(blocks, {"column_list": iter(opened["columns"]), "column": iter(opened["column"])})
    return [f"line {number}: {why}" for number, why in sorted(out)]


def _thin_columns(blocks: list[dict], lines: dict, parent: str = "") -> list[tuple[int, str]]:
    """Column tags Notion cannot hold as typed, which sync creates as the lines they hold."""
    out = []
    for block in blocks:
        kind, kids = block["type"], tree.kids(block)
        number = next(lines[kind], 0) if kind in lines else 0
        columns = [k for k in kids if k["type"] == "column"]
        thin = len([c for c in columns if tree.kids(c)]) < 2 or len(columns) < len(kids)
        if kind == "column_list" and thin:
            out.append((number, f"<columns> {_THIN}"))
        elif kind == "column" and parent != "column_list":
            out.append((number, f"<column> outside <columns> {_THIN}"))
        out += _thin_columns(kids, lines, kind)
    return out


def broken(said: list[str]) -> list[str]:
    """Of a file's :func:`notes`, those of tag lines read as text for want of their closing tag or
    blank line: pushed to an existing page, such a file could turn one of its blocks into text."""
    return [note for note in said if note.endswith(_UNMATCHED)]


def _block_line(line: str, texts: set[str]) -> str | None:
    match = _LOOKS.match(line)
    if match is None or match.group(1).lower() not in _OURS:
        return None
    tag = blocktags.tag_line(line)
    if tag is None:
        return f"{line} kept as text: {_fault(match.group(1).lower())}"
    icon = tag.attrs.get("icon")
    if icon and blocktags.api_icon(icon) is None:
        return (f'{line}: icon "{icon}" is neither an emoji nor a web address: not sent (the '
                "callout keeps the icon it has)")
    colour = tag.attrs.get("color")
    if colour and colors.to_api(colour) is None:
        return (f'{line}: "{colour}" is no Notion colour (gray brown orange yellow green blue purple '
                "pink red, or gray_bg … red_bg): the block has the default colour")
    if line in texts:
        return f"{line} {_UNMATCHED}"
    return None


def _fault(name: str) -> str:
    return f"<{name}> takes {_allowed(name)}"


def _allowed(name: str) -> str:
    said = sorted(blocktags.HOLDERS[name])
    return "no attribute" if not said else " and ".join(f'{a}="…"' for a in said)


def _inline(line: str, texts: set[str]) -> str | None:
    """An inline tag left as text (its words reached the block as written)."""
    for match in _INLINE.finditer(line):
        if any(match.group(0) in text for text in texts):
            return (f"{match.group(0)} kept as text: not a tag this file reads (check its name, "
                    "attributes, colour or id, and its closing tag in the same paragraph)")
    return None


def _v1(line: str) -> str | None:
    """A v1 attribute suffix, which v2 (and this file) keeps as literal text."""
    match = _V1_SUFFIX.search(line)
    if match is None:
        return None
    return (f"{match.group(0)} kept as text (a v1 spelling): write a heading's toggle as "
            '<toggle> around it, a colour as <p color="…"> around the paragraph')


def _lines(markdown: str):
    fence = None
    for number, line in enumerate(markdown.split("\n"), start=1):
        opened = _FENCE.match(line)
        if fence is None and opened:
            fence = opened.group(1)[0] * len(opened.group(1))
        elif fence is not None and line.strip().startswith(fence):
            fence = None
        elif fence is None:
            yield number, line


def _texts(blocks: list[dict]) -> set[str]:
    """Each block's plain text and each of its lines (a tag kept as text is a line of one)."""
    out: set[str] = set()
    for block in blocks:
        body = block[block["type"]]
        rows = [body.get("rich_text") or []] + list(body.get("cells") or [])
        for items in rows:
            text = "".join(i.get("text", {}).get("content", "") for i in items)
            out |= {text, *text.split("\n")}
        out |= _texts(block.get("children") or body.get("children") or [])
    return out
