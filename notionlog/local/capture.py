"""Quick capture (``notionlog add``): one line of text put under a section of an entry.

Pure functions over Markdown text. A *section* is what the templates are made of: a top-level
bullet (``- 오늘 한것``) or a heading (``## Done today``). Text added under a bullet becomes its last
child (``    - text``); under a heading, the last item before the next heading of the same or a
higher level (``- text``). Without a section the text is appended as a top-level item.
"""

from __future__ import annotations

import re

from notionlog.errors import NoSection

_BULLET = re.compile(r"[-*+] (?!\[[ xX]\])(?P<name>\S.*)")  # a top-level item, not a to-do
_HEADING = re.compile(r"(?P<level>#{1,6})[ \t]+(?P<name>.*?)[ \t#]*")


def _key(name: str) -> str:
    return " ".join(name.split()).casefold()


def sections(text: str) -> list[tuple[int, str]]:
    """(line index, name) of every section, in order."""
    found = []
    for index, line in enumerate(text.splitlines()):
        match = _BULLET.fullmatch(line) or _HEADING.fullmatch(line)
        if match and match["name"].strip():
            found.append((index, match["name"].strip()))
    return found


def _find(text: str, wanted: str) -> int:
    """The line of the section named ``wanted``: an exact match (case and spacing aside), else
    the one section whose name starts with it."""
    found = sections(text)
    key = _key(wanted)
    exact = [i for i, name in found if _key(name) == key]
    prefixed = [i for i, name in found if _key(name).startswith(key)]
    if exact or len(prefixed) == 1:
        return (exact or prefixed)[0]
    names = dict(found)
    if prefixed:
        raise NoSection(wanted, [names[i] for i in prefixed], ambiguous=True)
    raise NoSection(wanted, list(names.values()))


def _end_of(lines: list[str], start: int) -> int:
    """Index just past the last non-blank line that belongs to the section at ``start``."""
    heading = _HEADING.fullmatch(lines[start])
    end = start + 1
    for index in range(start + 1, len(lines)):
        line = lines[index]
        if not line.strip():
            continue
        if heading:
            other = _HEADING.fullmatch(line)
            if other and len(other["level"]) <= len(heading["level"]):
                break
        elif not line.startswith((" ", "\t")):
            break
        end = index + 1
    return end


def add_line(text: str, line: str, section: str | None = None) -> str:
    """``text`` with ``line`` added as an item under ``section`` (or at the end)."""
    item = " ".join(line.split())
    lines = text.splitlines()
    if section is None:
        return text.rstrip("\n") + f"\n- {item}\n"
    start = _find(text, section)
    indent = "" if _HEADING.fullmatch(lines[start]) else "    "
    end = _end_of(lines, start)
    lines.insert(end, f"{indent}- {item}")
    return "\n".join(lines) + "\n"
