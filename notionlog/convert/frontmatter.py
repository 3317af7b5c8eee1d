"""YAML front matter: a leading ``---`` line, YAML, a closing ``---`` (or ``...``) line.

Parsed with PyYAML's ``safe_load`` (no object construction). Only a mapping is front matter: a block
that reads as a string or a list is ordinary Markdown (a thematic break, text, a setext heading), and
so is a YAML error unless the block starts like ``key:`` — then it was meant as front matter and
BadFrontMatter says what is wrong. Written back with ``safe_dump`` in insertion order, Unicode as
is, block style, so Korean tags stay readable.
"""

from __future__ import annotations

import re

import yaml

from notionlog.errors import BadFrontMatter

_BLOCK = re.compile(r"\A\ufeff?---[ \t]*\r?\n(.*?)(?:\r?\n)?^(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)",
                    re.DOTALL | re.MULTILINE)
_KEY_LINE = re.compile(r"\A\s*[\w-]+:(?:\s|\Z)")


def split(markdown: str) -> tuple[dict, str]:
    """(front matter, the rest of the document); ({}, markdown) when there is none."""
    match = _BLOCK.match(markdown)
    if not match:
        return {}, markdown

    try:
        data = yaml.safe_load(match.group(1))
    except yaml.YAMLError as err:
        if not _KEY_LINE.match(match.group(1)):
            return {}, markdown
        mark = getattr(err, "problem_mark", None)
        raise BadFrontMatter(line=(mark.line + 2) if mark else None,
                             detail=str(getattr(err, "problem", None) or err)) from None
    if data is None and not match.group(1).strip():
        data = {}
    if not isinstance(data, dict):
        return {}, markdown
    return data, markdown[match.end():]


def dump(data: dict | None) -> str:
    """The front matter block for ``data`` ('' when there is nothing to write)."""
    if not data:
        return ""

    body = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, default_flow_style=False)
    return f"---\n{body}---\n"


def tags(front: dict | None) -> list[str]:
    """The ``tags`` of front matter: a YAML list, or one string of tags.

    A string is split at commas when it has any (``tags: 일, 운동``: Notion's tag names cannot hold a
    comma, so one is always a separator), else at whitespace (``tags: mlops kubeflow``, as Jekyll and
    Hugo read it). Blank names are dropped.
    """
    raw = (front or {}).get("tags")
    if isinstance(raw, str):
        raw = raw.split(",") if "," in raw else raw.split()
    if not isinstance(raw, list):
        return []
    return [str(tag).strip() for tag in raw if tag is not None and str(tag).strip()]
