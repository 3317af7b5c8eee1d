"""Rich text both ways: markdown-it inline tokens -> segments -> Notion rich-text items, and back.

A *segment* is a run of text with one set of marks (bold, italic, strikethrough, code, link, and
the ones written as inline tags: underline, colour, a mention; see :mod:`notionlog.convert.tags`).
It is the common ground between Markdown and Notion. Page, database, user and date mentions are
tags; other mentions become their visible text (a link when the API gives an http(s) ``href``).
:func:`canonical` puts a segment list in the one form both parsers produce, so two rich texts
that render to the same Markdown compare equal.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from notionlog.convert import tags
from notionlog.convert.limits import (
    MAX_EQUATION_UNITS,
    MAX_TEXT_UNITS,
    split_text,
    utf16_len,
    valid_url,
)

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


_EMPHASIS = {"strong_open": "bold", "strong_close": "bold", "em_open": "italic",
             "em_close": "italic", "s_open": "strike", "s_close": "strike"}


def from_tokens(tokens: list) -> list[Seg]:
    """Segments of one inline token's children (what markdown-it parsed inside a block)."""
    if len(tokens) == 1 and tokens[0].type == "text":  # most lines: one plain run, no state needed
        return [Seg(tokens[0].content)]
    state = {"bold": 0, "italic": 0, "strike": 0}
    links: list[tuple] = []  # (url if it stays a link, the link_open token, len(segs) at it)
    segs: list[Seg] = []
    spans: list[tuple[str | None, bool]] = []  # the open spans' (colour, underline)
    found = tags.pair([tok.content if tok.type == "html_inline" else None for tok in tokens])
    opened: list[tuple[tags.Mention, int]] = []  # an open mention and len(segs) at it

    def add(text: str, code: bool = False, link: str | None = None) -> None:
        url = link if link is not None else (links[-1][0] if links else None)
        color = next((c for c, _ in reversed(spans) if c), None)
        underline = any(u for _, u in spans)
        segs.append(Seg(text, state["bold"] > 0, state["italic"] > 0, state["strike"] > 0, code, url,
                        False, underline, color))

    for index, tok in enumerate(tokens):
        kind = tok.type
        if kind == "html_inline" and index in found:
            _tag(found[index], spans, opened, segs, add)
        elif kind == "text" or kind == "html_inline":
            add(tok.content)
        elif kind in ("softbreak", "hardbreak"):
            add("\n")
        elif kind == "code_inline":
            add(tok.content, code=True)
        elif kind == "math_inline" and links and links[-1][0]:
            add(f"${one_line(tok.content)}$")  # an equation cannot carry a link: the link wins
        elif kind == "math_inline":
            _add_equation(segs, tok.content)
        elif kind in _EMPHASIS:
            state[_EMPHASIS[kind]] += 1 if kind.endswith("_open") else -1
        elif kind == "link_open":
            _open_link(tok, links, add, segs)
        elif kind == "link_close":
            _close_link(links.pop(), add, segs)
        elif kind == "image":
            add(_image_source(tok))
        else:  # any other inline token: keep what the user typed visible
            add(tok.content or tok.markup)
    return segs


def _tag(tag: tags.Tag, spans: list, opened: list, segs: list[Seg], add) -> None:
    """A paired tag: a span opens or closes; a mention's text becomes one mention segment."""
    if tag.name == "span":
        if tag.closing:
            spans.pop()
        else:
            spans.append(tag.span)
        return
    if not tag.closing:
        opened.append((tag.mention, len(segs)))
        add("")  # the marks around the tag are the mention's
    if tag.closing or tag.alone:
        mention, start = opened.pop() if tag.closing else (tag.mention, len(segs))
        if tag.alone:
            add("")
        assert mention is not None  # (an opening mention tag always holds one)
        text = "".join(seg.text for seg in segs[start:]) or tags.default_text(mention)
        # Emphasis around the tag or inside it (where the writer puts it) is the mention's.
        outer, inner = segs[start], next((seg for seg in segs[start:] if seg.text), segs[start])
        segs[start:] = [outer._replace(
            text=text, mention=mention, link=None, code=False, bold=outer.bold or inner.bold,
            italic=outer.italic or inner.italic, strike=outer.strike or inner.strike)]


def _add_equation(segs: list[Seg], expression: str) -> None:
    expression = one_line(expression)
    if utf16_len(expression) <= MAX_EQUATION_UNITS:
        segs.append(Seg(expression, equation=True))
    else:  # too long for Notion: keep what was typed as text
        segs.append(Seg(f"${expression}$"))


def one_line(expression: str) -> str:
    """An inline equation's expression on one line (a line break inside it is only spacing)."""
    return _BREAK.sub(" ", expression) if "\n" in expression else expression


def _open_link(tok, links: list, add, segs: list[Seg]) -> None:
    href = tok.attrs.get("href", "")
    keep = valid_url(href) and not tok.attrs.get("title")
    links.append((href if keep else None, tok, len(segs)))
    if not keep:
        add("<" if tok.markup == "autolink" else ("" if tok.markup == "linkify" else "["), link="")


def _close_link(entry: tuple, add, segs: list[Seg]) -> None:
    url, tok, start = entry
    if url is not None:
        if not any(seg.text for seg in segs[start:]):  # [](url): the URL is the only text left
            add(url, link=url)
        return
    if tok.markup == "autolink":
        add(">", link="")
    elif tok.markup != "linkify":
        add("](" + _destination(tok.attrs.get("href", ""), tok.attrs.get("title")) + ")", link="")


def _destination(href: str, title: str | None) -> str:
    """A link destination (and title) written back the way Markdown accepts it."""
    bracket = " " in href or not href or href.count("(") != href.count(")")
    dest = f"<{href}>" if bracket and "<" not in href and ">" not in href else href
    if title:
        quoted = title.replace('"', '\\"')
        return f'{dest} "{quoted}"'
    return dest


def _image_source(tok) -> str:
    # A line break in the alt text is a space (as in its HTML alt); its token's content is empty.
    alt = "".join(child.content if child.type not in ("softbreak", "hardbreak") else " "
                  for child in (tok.children or []))
    return f"![{alt}](" + _destination(tok.attrs.get("src", ""), tok.attrs.get("title")) + ")"


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


def to_rich_text(segs: list[Seg]) -> list[dict]:
    """Request-shape rich-text items, each ``text.content`` within the API's 2000-unit limit."""
    items: list[dict] = []
    for seg in canonical(segs):
        if seg.equation:
            items.append({"type": "equation", "equation": {"expression": seg.text}})
            continue
        if seg.mention:
            items.append(_mention_item(seg))
            continue
        text = seg.text
        if len(text) * 2 <= MAX_TEXT_UNITS:  # fits one item whatever its characters: no split
            items.append(_item(seg, text))
        else:
            items.extend(_item(seg, piece) for piece in split_text(text))
    return items


def rich_text_of(tokens: list) -> list[dict]:
    """``to_rich_text(from_tokens(tokens))``, without the segment steps for a lone plain text token.

    Exact: such a token is one unmarked, unlinked segment; canonical keeps it as it is (or drops it
    when empty) and to_rich_text makes a single item of it when it fits one item's budget.
    """
    if len(tokens) == 1 and tokens[0].type == "text":  # most journal lines
        text = tokens[0].content
        if len(text) * 2 <= MAX_TEXT_UNITS:
            return [{"type": "text", "text": {"content": text}}] if text else []
    return to_rich_text(from_tokens(tokens))


def _item(seg: Seg, content: str) -> dict:
    text: dict = {"content": content}
    if seg.link:
        text["link"] = {"url": seg.link}
    item: dict = {"type": "text", "text": text}
    if seg.bold or seg.italic or seg.strike or seg.code or seg.underline or seg.color:
        item["annotations"] = _annotations(seg)
    return item


def _annotations(seg: Seg) -> dict:
    marks: dict = {}
    if seg.bold:
        marks["bold"] = True
    if seg.italic:
        marks["italic"] = True
    if seg.strike:
        marks["strikethrough"] = True
    if seg.underline:
        marks["underline"] = True
    if seg.code:
        marks["code"] = True
    if seg.color:
        marks["color"] = seg.color
    return marks


def _mention_item(seg: Seg) -> dict:
    """A request-shape mention. Its ``plain_text`` (the visible text the file shows, so that the
    block reads the same as the page's) is not part of a request: the API layer removes it."""
    assert seg.mention is not None
    item: dict = {"type": "mention", "mention": tags.to_api(seg.mention), "plain_text": seg.text}
    marks = _annotations(seg)
    if marks:
        item["annotations"] = marks
    return item


def from_rich_text(items: list[dict] | None) -> list[Seg]:
    """Segments of a rich-text array in the API's request or response shape."""
    segs = []
    for item in items or []:
        body = item.get("text")
        if body is not None and item.get("type", "text") == "text":  # most items: plain text
            content = body.get("content")
            if content is None:
                content = item.get("plain_text", "")
            if "\r" in content:
                content = newlines(content)
            link_object = body.get("link")
            link = (link_object.get("url") if link_object else None) or item.get("href")
            if link and not valid_url(link):
                link = None
            ann = item.get("annotations")
            marks = _marks(ann) if ann else _NO_MARKS
            # tuple.__new__ builds the segment without NamedTuple's keyword handling (the hot path)
            segs.append(_new_seg(Seg, (content, *marks[:4], link, False, *marks[4:], None)))
            continue
        ann = item.get("annotations") or {}
        marks = _marks(ann)
        if item.get("type") == "equation" or (not item.get("type") and "equation" in item):
            expression = (item.get("equation") or {}).get("expression", "")
            segs.append(Seg(one_line(expression), equation=True))
            continue
        mention = tags.from_api(item["mention"]) if isinstance(item.get("mention"), dict) else None
        text, link = _item_text(item)
        link = None if mention or not valid_url(link) else link
        text = text or (tags.default_text(mention) if mention else "")  # a mention never vanishes
        segs.append(Seg(newlines(text), *marks[:4], link, False, *marks[4:], mention))
    return segs


_NO_MARKS = (False, False, False, False, False, None)
_new_seg = tuple.__new__


def _marks(ann: dict) -> tuple[bool, bool, bool, bool, bool, str | None]:
    """bold, italic, strikethrough, code, underline, colour (None for "default")."""
    color = ann.get("color")
    return (bool(ann.get("bold")), bool(ann.get("italic")), bool(ann.get("strikethrough")),
            bool(ann.get("code")), bool(ann.get("underline")),
            color if color and color != "default" else None)


def newlines(text: str) -> str:
    """Notion text's carriage returns as line breaks (a raw CR in a file is a line end anyway)."""
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


def _item_text(item: dict) -> tuple[str, str | None]:
    kind = item.get("type") or ("text" if "text" in item else next(iter(item), "text"))
    body = item.get(kind) or {}
    if kind == "text":
        link = (body.get("link") or {}).get("url") or item.get("href")
        return body.get("content", item.get("plain_text", "")), link
    if kind == "mention":
        return _mention_text(item, body), item.get("href")
    return item.get("plain_text", ""), item.get("href")


def _mention_text(item: dict, mention: dict) -> str:
    if "plain_text" in item:
        return item["plain_text"]
    sub = mention.get("type") or next(iter(mention), "")
    value = mention.get(sub) or {}
    if sub == "date":
        return value.get("start", "") + (" → " + value["end"] if value.get("end") else "")
    if sub == "user":
        return "@" + (value.get("name") or value.get("id", "user"))
    return value.get("url") or value.get("id", "")
