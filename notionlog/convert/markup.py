"""Segments -> inline Markdown, escaping only what would otherwise be read as markup.

Marks are written as a stack (``**a *b***``) so runs that share bold stay inside one ``**`` pair;
links are outermost, then colour/underline spans (``<span color="red">**a**</span>``: a span
outside the emphasis keeps ``**`` next to a tag's ``>``, which flanks), and emphasis never crosses a
link or span edge. A mention is its tag around its visible text. A link whose text is its URL is written
bare when it would read back as the same link, else as ``<url>``. Escaping happens in two strengths:
``escape=False`` writes text as typed (the caller checks by re-parsing that it reads back the same),
``escape=True`` backslash-escapes every character of the *text* that can start markup, plus block
markers where the text starts a line (never the markup this module writes itself).
"""

from __future__ import annotations

import re
from itertools import groupby
from operator import attrgetter

from notionlog.convert import tags
from notionlog.convert.inline import Seg
from notionlog.convert.mdparser import bare_url_end

_LINK = attrgetter("link")
_SPAN = attrgetter("color", "underline")
_BACKTICKS = re.compile(r"`+")
_ORDER = ("strike", "bold", "italic")
_MARKER = {"strike": "~~", "bold": "**", "italic": "*"}
# (strike, bold, italic) -> the marks wanted, in _ORDER (a lookup, not three getattr per run)
_WANTED = {(s, b, i): [name for name, on in zip(_ORDER, (s, b, i), strict=True) if on]
           for s in (False, True) for b in (False, True) for i in (False, True)}
# Characters that can start markup; a run of * _ ~ between two spaces (or _ inside a word) cannot
# open or close emphasis (CommonMark's flanking rules), so it is left as typed.
_INLINE_SPECIAL = re.compile(r"(?<=\s)[*_~]+(?=\s)|(?<=[^\W_])_+(?=[^\W_])|([\\`*_\[\]<&~|$!])")
_URL_COLON = re.compile(r"(?<=https)(:)(?=//)|(?<=http)(:)(?=//)", re.IGNORECASE)
_LINE_START = re.compile(r"^([ \t]*)([#>+\-*=|`~<]|\d{1,9}(?=[.)]))", re.MULTILINE)
_URL_CHARS = r"[^\s<>\"`\\]"
_BARE_URL = re.compile(r"https?://" + _URL_CHARS + "+", re.IGNORECASE)
_URL_TAIL = re.compile(_URL_CHARS + "*")
_URL_END = re.compile(r"[\s<>\"`\\]")  # what no URL holds (_URL_CHARS' complement)
_SPACE_OR_ANGLE = re.compile(r"[\s<>]")
# In a bare URL, what a plain CommonMark reader would take as markup: emphasis or strikethrough
# delimiters (an "_" only where it is not inside a word), code, brackets, escapes, entities.
_MARKUP_IN_URL = re.compile(r"[*~`\[\]\\$]|(?<![^\W_])_|_(?![^\W_])|&#?\w+;")
KEPT_SPACE = "[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]"  # Unicode space separators (Zs)
_KEPT_SPACE = re.compile(KEPT_SPACE)
_EDGE_SPACES = re.compile(rf"\A{KEPT_SPACE}+|{KEPT_SPACE}+\Z")


class _Out:
    """The Markdown written so far; knows whether the next character starts a line."""

    def __init__(self, escape: bool) -> None:
        self.parts: list[str] = []
        self.escape = escape

    def markup(self, text: str) -> None:
        self.parts.append(text)

    def text(self, text: str) -> None:
        if self.escape:
            text = _URL_COLON.sub(r"\\\1\2", _INLINE_SPECIAL.sub(_escape_special, text))
            at_start = not self.parts or self.parts[-1].endswith("\n")
            head = "" if at_start else "\0"  # a sentinel keeps ^ from matching mid-line
            text = _LINE_START.sub(_escape_line_start, head + text)[len(head):]
        self.parts.append(text)


def unicode_edge(text: str) -> bool:
    """Whether ``text`` starts or ends with a non-ASCII space, which parsers trim from a block."""
    return bool(text) and (_KEPT_SPACE.match(text[0]) is not None
                           or _KEPT_SPACE.match(text[-1]) is not None)


def _edge_entities(text: str) -> str:
    """A non-ASCII space at either edge written as a character reference, so it is not trimmed."""
    if not unicode_edge(text):
        return text
    return _EDGE_SPACES.sub(lambda m: "".join(map(_entity, m.group(0))), text)


def _entity(char: str) -> str:
    return "&nbsp;" if char == "\xa0" else f"&#x{ord(char):X};"


def render(segs: list[Seg], escape: bool = False) -> str:
    """Inline Markdown for canonical segments (see inline.canonical)."""
    if not escape and len(segs) == 1 and not any(segs[0][1:]):  # one plain run: as typed
        return _edge_entities(segs[0].text)
    out = _Out(escape)
    runs = [list(run) for _, run in groupby(segs, _LINK)]  # neighbours sharing a link (or none)
    before = ""
    for index, run in enumerate(runs):
        after = _written_after(runs[index + 1:]) if run[0].link else ""
        _link_run(out, run, run[0].link, before, after)
        before = run[-1].text
    return _edge_entities("".join(out.parts))


def _written_after(runs: list[list[Seg]]) -> str:
    """What follows a link in the Markdown, as far as a bare URL could run on into it: the texts
    up to a link's ``[`` (or ``<``, or its URL's letter), a tag's ``<`` or a code span's backtick.
    Emphasis markers are left out: to a bare URL they are trailing punctuation, as is nothing."""
    parts: list[str] = []
    for seg in (seg for run in runs for seg in run):
        if seg.link or seg.mention or seg.color or seg.underline or seg.code:
            parts.append("[" if seg.link else "`" if seg.code else "<")
            break
        parts.append(f"${seg.text}$" if seg.equation else seg.text)
        if _URL_END.search(parts[-1]):
            break
    return "".join(parts)


def _escape_special(match: re.Match) -> str:
    return "\\" + match.group(1) if match.group(1) else match.group(0)


def _escape_line_start(match: re.Match) -> str:
    lead, marker = match.group(1), match.group(2)
    return lead + marker + "\\" if marker.isdigit() else lead + "\\" + marker


def _link_run(out: _Out, segs: list[Seg], link: str | None, before: str, after: str) -> None:
    if link is None:
        _spans(out, segs)
        return
    if len(segs) == 1 and segs[0].text == link and not any(segs[0].marks()[:4]):
        if bare_ok(link, before, after):
            out.markup(link)
            return
        if not _SPACE_OR_ANGLE.search(link):
            out.markup(f"<{link}>")
            return
    out.markup("[")
    _spans(out, segs)
    out.markup("](" + _url(link) + ")")


def bare_ok(url: str, before: str, after: str) -> bool:
    """Whether ``url`` written bare reads back as exactly this link between these neighbours."""
    if not _BARE_URL.fullmatch(url) or _MARKUP_IN_URL.search(url):
        return False  # a viewer without GFM autolinks reads a bare URL as text: no markup in it
    if before and (before[-1].isalnum() or before[-1] in "_/\\.+-"):
        return False  # the scheme would not start a URL (GFM wants a word boundary)
    tail = _URL_TAIL.match(after)  # it matches the empty string at least
    return bare_url_end(url + (tail.group(0) if tail else "")) == len(url)


def _url(url: str) -> str:
    if _SPACE_OR_ANGLE.search(url) or url.count("(") != url.count(")"):
        return re.sub(r"([()<>\s\\])", r"\\\1", url) if re.search(r"[<>]", url) else f"<{url}>"
    return url


def _spans(out: _Out, segs: list[Seg]) -> None:
    """Runs sharing a colour and underline, each inside its span (none for unmarked runs)."""
    if not any(seg.color or seg.underline for seg in segs):  # most text: no span at all
        _marked(out, segs)
        return
    for (color, underline), run in groupby(segs, _SPAN):
        if color or underline:
            out.markup(tags.open_span(color, underline))
            _marked(out, list(run))
            out.markup("</span>")
        else:
            _marked(out, list(run))


def _marked(out: _Out, segs: list[Seg]) -> None:
    if not any(seg.bold or seg.italic or seg.strike for seg in segs):  # no stack to keep
        for seg in segs:
            _one(out, seg)
        return
    stack: list[str] = []
    for seg in segs:
        if seg.mention:  # its emphasis goes inside its tag, next to its words (which flank)
            while stack:
                out.markup(_MARKER[stack.pop()])
            _mention(out, seg)
            continue
        wanted = _WANTED[seg.strike, seg.bold, seg.italic]
        keep = 0
        while keep < len(stack) and stack[keep] in wanted:
            keep += 1
        while len(stack) > keep:
            out.markup(_MARKER[stack.pop()])
        for name in wanted:
            if name not in stack:
                stack.append(name)
                out.markup(_MARKER[name])
        _one(out, seg)
    while stack:
        out.markup(_MARKER[stack.pop()])


def _mention(out: _Out, seg: Seg) -> None:
    """A mention's tag around its visible text, with the mention's emphasis inside the tag."""
    assert seg.mention is not None
    markers = [_MARKER[name] for name in _WANTED[seg.strike, seg.bold, seg.italic]]
    out.markup(tags.open_mention(seg.mention) + "".join(markers))
    out.text(seg.text)
    out.markup("".join(reversed(markers)) + tags.close_mention(seg.mention))


def _one(out: _Out, seg: Seg) -> None:
    """One segment's own text (its emphasis is written around it by _marked)."""
    if seg.mention:
        _mention(out, seg)
    elif seg.equation:
        out.markup(f"${seg.text}$")
    elif seg.code:
        out.markup(_code(seg.text))
    else:
        out.text(seg.text)


def _code(text: str) -> str:
    """A code span whose fence is longer than any backtick run inside it."""
    text = text.replace("\n", " ")
    longest = max(map(len, _BACKTICKS.findall(text)), default=0) if "`" in text else 0
    fence = "`" * (longest + 1)
    pad = " " if text.startswith(("`", " ")) or text.endswith(("`", " ")) else ""
    if pad and not text.strip(" "):
        pad = ""
    return f"{fence}{pad}{text}{pad}{fence}"
