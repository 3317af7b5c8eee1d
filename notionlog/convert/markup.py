"""Segments -> inline Markdown, escaping only what would otherwise be read as markup.

Marks are written as a stack (``**a *b***``) so runs that share bold stay inside one ``**`` pair;
links are outermost and emphasis never crosses a link edge. A link whose text is its URL is written
bare. Escaping happens in two strengths: ``escape=False`` writes text as typed (the caller checks by
re-parsing that it reads back the same), ``escape=True`` backslash-escapes every character that can
start markup, plus block markers at the start of a line.
"""

from __future__ import annotations

import re

from notionlog.convert.inline import Seg
from notionlog.convert.mdparser import bare_url_end

_ORDER = ("strike", "bold", "italic")
_MARKER = {"strike": "~~", "bold": "**", "italic": "*"}
_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]<>&~|$!])")
_URL_COLON = re.compile(r"(?<=https)(:)(?=//)|(?<=http)(:)(?=//)", re.IGNORECASE)
_LINE_START = re.compile(r"^([ \t]*)([#>+\-=|`~<]|\d{1,9}(?=[.)]))", re.MULTILINE)


def render(segs: list[Seg], escape: bool = False) -> str:
    """Inline Markdown for canonical segments (see inline.canonical)."""
    out: list[str] = []
    index = 0
    while index < len(segs):
        link = segs[index].link
        end = index
        while end < len(segs) and segs[end].link == link:
            end += 1
        out.append(_link_run(segs[index:end], link, escape))
        index = end
    text = "".join(out)
    return _LINE_START.sub(_escape_line_start, text) if escape else text


def _escape_line_start(match: re.Match) -> str:
    return match.group(1) + "\\" + match.group(2) if not match.group(2).isdigit() else (
        match.group(1) + match.group(2) + "\\")


def _link_run(segs: list[Seg], link: str | None, escape: bool) -> str:
    if link is None:
        return _marked(segs, escape)
    if len(segs) == 1 and segs[0].text == link and not any(segs[0].marks()[:4]) and _bare_ok(link):
        return link
    return "[" + _marked(segs, escape, in_link=True) + "](" + _url(link) + ")"


def _bare_ok(url: str) -> bool:
    return bare_url_end(url) == len(url) and not re.search(r"[\s<>\"`\\]", url)


def _url(url: str) -> str:
    if re.search(r"[\s<>]", url) or url.count("(") != url.count(")"):
        return re.sub(r"([()<>\s\\])", r"\\\1", url) if re.search(r"[<>]", url) else f"<{url}>"
    return url


def _marked(segs: list[Seg], escape: bool, in_link: bool = False) -> str:
    out: list[str] = []
    stack: list[str] = []
    for seg in segs:
        wanted = [name for name in _ORDER if getattr(seg, name)]
        keep = 0
        while keep < len(stack) and stack[keep] in wanted:
            keep += 1
        while len(stack) > keep:
            out.append(_MARKER[stack.pop()])
        for name in wanted:
            if name not in stack:
                stack.append(name)
                out.append(_MARKER[name])
        out.append(_code(seg.text) if seg.code else _text(seg.text, escape, in_link))
    while stack:
        out.append(_MARKER[stack.pop()])
    return "".join(out)


def _text(text: str, escape: bool, in_link: bool) -> str:
    if not escape:
        return text
    text = _INLINE_SPECIAL.sub(r"\\\1", text)
    return _URL_COLON.sub(r"\\\1\2", text)


def _code(text: str) -> str:
    """A code span whose fence is longer than any backtick run inside it."""
    text = text.replace("\n", " ")
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith(("`", " ")) or text.endswith(("`", " ")) else ""
    if pad and not text.strip(" "):
        pad = ""
    return f"{fence}{pad}{text}{pad}{fence}"
