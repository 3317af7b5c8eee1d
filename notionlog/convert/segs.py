"""Segments: runs of text with one set of marks, the common ground of Markdown and Notion rich text.

A *segment* carries bold, italic, strikethrough, code and a link (Markdown's own marks) and the
ones the file writes as inline tags: underline, colour, a mention (:mod:`notionlog.convert.tags`).
:func:`canonical` puts a segment list in the one form both parsers produce (``inline`` from
Markdown, ``items`` from Notion), so two rich texts that render to the same Markdown compare equal.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from notionlog.convert import tags

_BREAK = re.compile(r"\s*\n\s*")


class Seg(NamedTuple):
    text: str
    bold: bool = False
    italic: bool = False
    strike: bool = False
    code: bool = False
    link: str | None = None
    equation: bool = False  # text is a LaTeX expression (a Notion inline equation)
    underline: bool = False
    color: str | None = None  # the API's name ("red", "red_background"); None for default
    mention: tags.Mention | None = None  # text is the mention's visible text

    def marks(self) -> tuple:
        return (self.bold, self.italic, self.strike, self.code, self.link, self.equation,
                self.underline, self.color, self.mention)


def one_line(expression: str) -> str:
    """An inline equation's expression on one line (a line break inside it is only spacing)."""
    return _BREAK.sub(" ", expression) if "\n" in expression else expression


def canonical(segs: list[Seg]) -> list[Seg]:
    """The one form Markdown can carry: no empty runs, no marks on bare whitespace, neighbours merged.

    Emphasis cannot start or end with whitespace in Markdown (``** a**`` is not bold), so leading and
    trailing whitespace of a bold/italic/strikethrough run is moved out of it.
    """
    out: list[Seg] = []
    for seg in segs:
        if seg.link == "":  # an empty link sentinel marks visible link syntax: plain text
            seg = seg._replace(link=None)
        if (seg.code or seg.mention) and "\n" in seg.text:  # nor can a code span or a mention
            seg = seg._replace(text=seg.text.replace("\n", " "))
        # Plain, code and mention runs pass through _unmark_edges unchanged: skip the call.
        plain = not seg.equation and (seg.code or seg.mention is not None
                                      or not (seg.bold or seg.italic or seg.strike))
        for piece in (seg,) if plain else _unmark_edges(seg):
            if not piece.text:
                continue
            if out and out[-1][1:] == piece[1:] and not piece.equation and not piece.mention:
                out[-1] = out[-1]._replace(text=out[-1].text + piece.text)
            else:
                out.append(piece)
    return out


def _unmark_edges(seg: Seg) -> list[Seg]:
    if seg.equation:
        return [Seg(seg.text, equation=True)]
    if seg.code or seg.mention or not (seg.bold or seg.italic or seg.strike):
        return [seg]
    if "\n" in seg.text:  # a line break is never emphasised (markdown-it gives it its own token)
        lines = seg.text.split("\n")
        out = _unmark_edges(seg._replace(text=lines[0]))
        for line in lines[1:]:
            out += [seg._replace(text="\n", bold=False, italic=False, strike=False),
                    *_unmark_edges(seg._replace(text=line))]
        return out
    core = seg.text.strip()
    plain = seg._replace(bold=False, italic=False, strike=False)  # colour and underline stay
    if not core:
        return [plain]
    start = seg.text.index(core[0])
    end = start + len(core)
    return [plain._replace(text=seg.text[:start]), seg._replace(text=core),
            plain._replace(text=seg.text[end:])]
