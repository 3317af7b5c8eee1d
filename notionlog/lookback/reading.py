"""One entry's text as look-back sees it: title, tags, words, and which section each line is in.

A *section* is what the templates make of a day: a top-level bullet (``- 회고``) with everything
nested under it, or a heading other than the title and the date heading (``## 회고``) with what
follows it. A top-level to-do (``- [ ] ...``) is content, not a section. Lines inside fenced code
are never taken for headings or bullets. Names compare loosely (:func:`section_key`): case and
spaces do not count, nor a trailing colon, so ``--section 오늘배운것`` finds ``- 오늘 배운 것``.

Line-based on purpose: it needs no Markdown parser (search and the calendar must start fast), and
it hands review the user's own lines, nested bullets and spacing exactly as typed.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import NamedTuple

from notionlog.convert import frontmatter
from notionlog.errors import BadFrontMatter

_HEADING = re.compile(r" {0,3}(#{1,6})(?:[ \t]+(.*?))?[ \t]*#*[ \t]*$")
_ITEM = re.compile(r"(?:[-*+]|\d{1,9}[.)])[ \t]+(.*\S)[ \t]*$")
_TASK = re.compile(r"\[[ xX]\](?:\s|$)")
_FENCE = re.compile(r" {0,3}(`{3,}|~{3,})")
_DATE_HEADING = re.compile(r"\d{4}-?\d{2}-?\d{2}")  # ## 20211207, ## 2021-12-07
_WORD = re.compile(r"\S*\w\S*")  # a whitespace-separated token holding a letter or digit


class Line(NamedTuple):  # a tuple: ten years of entries make a quarter of a million of them
    number: int  # 1-based, in the file (front matter counted)
    text: str
    section: str  # "" outside every section (the title, the date heading, loose text)
    opens: bool = False  # this line is the section's header


@dataclass
class Section:
    name: str
    lines: list[str] = field(default_factory=list)  # the header line first, as typed

    @property
    def body(self) -> list[str]:
        """The lines under the header, trailing blank lines dropped."""
        rest = self.lines[1:]
        while rest and not rest[-1].strip():
            rest.pop()
        return rest


@dataclass(frozen=True)
class Reading:
    title: str | None
    front: dict  # the front matter ({} if none)
    lines: list[Line]

    @property
    def tags(self) -> list[str]:
        """Front-matter ``tags`` (see :func:`frontmatter.tags`)."""
        return frontmatter.tags(self.front)

    @property
    def words(self) -> int:
        """Words written: tokens with a letter or digit, outside the title and the date heading."""
        kept = "\n".join(line.text for line in self.lines if not (line.opens and _is_generated(line.text)))
        return len(_WORD.findall(kept))


def fold(text: str) -> str:
    """What matching compares: lower case (Latin case-insensitive; Korean has no case)."""
    return text.lower()


def section_key(name: str) -> str:
    """How section names compare: no case, no spaces, no trailing colon."""
    return "".join(name.split()).rstrip(":").casefold()


def read(text: str, bullets: bool = True) -> Reading:
    """Parse an entry's text; broken front matter is read as ordinary lines (look-back never refuses).

    ``bullets=False`` (for notes pulled from Notion, which follow no template): only headings
    open sections.
    """
    try:
        front, body = frontmatter.split(text)
    except BadFrontMatter:
        front, body = {}, text
    skipped = text[: len(text) - len(body)].count("\n")
    title = None
    lines = []
    for offset, (line, section, opens) in enumerate(_sectioned(body.splitlines(), bullets)):
        heading = _HEADING.match(line)
        if title is None and heading and heading.group(1) == "#":
            title = (heading.group(2) or "").strip()
        lines.append(Line(skipped + offset + 1, line, section, opens))
    return Reading(title, front, lines)


def marks(reading: Reading) -> list[tuple[int, str]]:
    """(line number, section) wherever the section changes, from the first line after the front
    matter on: with :func:`section_at`, the section of any line without reading the entry again."""
    found: list[tuple[int, str]] = []
    for line in reading.lines:
        if not found or found[-1][1] != line.section:
            found.append((line.number, line.section))
    return found


def section_at(points: list[tuple[int, str]] | list[list], number: int) -> str | None:
    """The section of line ``number`` given its entry's :func:`marks`; None for front matter."""
    at = bisect_right([point[0] for point in points], number) - 1
    return None if at < 0 else str(points[at][1])


def sections(reading: Reading) -> list[Section]:
    """The entry's sections in order, each with its header and everything under it."""
    found: list[Section] = []
    for line in reading.lines:
        if not line.section:
            continue
        if line.opens:
            found.append(Section(line.section, [line.text]))
        else:  # the latest section of that name: a heading's section resumes after a bullet's
            next(s for s in reversed(found) if s.name == line.section).lines.append(line.text)
    return found


def _sectioned(lines: list[str], bullets: bool) -> Iterator[tuple[str, str, bool]]:
    """(line, section name, opens it) for every line, by the rules in the module docstring."""
    heading_section = current = ""
    fence = ""
    for line in lines:
        if fence:
            if line.strip().startswith(fence):
                fence = ""
            yield line, current, False
            continue
        opened = _FENCE.match(line)
        if opened:
            fence = opened.group(1)[0] * 3
        name = None if opened else _header_name(line, bullets)
        if name is not None:
            current = name
            if _HEADING.match(line):
                heading_section = name
        elif line[:1] not in ("", " ", "\t") and not _ITEM.match(line):
            current = heading_section  # a top-level paragraph ends a bullet section
        elif _is_top_task(line):
            current = heading_section
        yield line, current, name is not None


def _header_name(line: str, bullets: bool = True) -> str | None:
    """The section a line opens ("" for the title and date headings), or None if it opens none."""
    heading = _HEADING.match(line)
    if heading:
        text = (heading.group(2) or "").strip()
        return "" if heading.group(1) == "#" or _DATE_HEADING.fullmatch(text) else text
    if not bullets or line[:1] in (" ", "\t"):
        return None
    item = _ITEM.match(line)
    if item and not _TASK.match(item.group(1)):
        return item.group(1).strip()
    return None


def _is_top_task(line: str) -> bool:
    item = _ITEM.match(line)
    return item is not None and line[:1] not in (" ", "\t") and bool(_TASK.match(item.group(1)))


def _is_generated(line: str) -> bool:
    heading = _HEADING.match(line)
    if not heading:
        return False
    return heading.group(1) == "#" or bool(_DATE_HEADING.fullmatch((heading.group(2) or "").strip()))


