"""Rich text from Markdown: markdown-it inline tokens -> segments (and on to Notion items).

Segments and their canonical form live in :mod:`notionlog.convert.segs`, the Notion side in
:mod:`notionlog.convert.items`; both are importable from here, as the converter's modules use them.
"""

from __future__ import annotations

from notionlog.convert import tags
from notionlog.convert.items import from_rich_text, newlines, to_rich_text
from notionlog.convert.limits import MAX_EQUATION_UNITS, MAX_TEXT_UNITS, utf16_len, valid_url
from notionlog.convert.segs import Seg, canonical, one_line

__all__ = ["Seg", "canonical", "from_rich_text", "from_tokens", "newlines", "one_line",
           "rich_text_of", "tagged_html", "to_rich_text"]

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
    current: list = [None, False]  # the colour and underline they give the text (kept, not redone)
    found = tags.pair([tok.content if tok.type == "html_inline" else None for tok in tokens])
    opened: list[tuple[tags.Mention, int]] = []  # an open mention and len(segs) at it

    def add(text: str, code: bool = False, link: str | None = None) -> None:
        url = link if link is not None else (links[-1][0] if links else None)
        segs.append(Seg(text, state["bold"] > 0, state["italic"] > 0, state["strike"] > 0, code, url,
                        False, current[1], current[0]))

    for index, tok in enumerate(tokens):
        kind = tok.type
        if kind == "html_inline" and index in found:
            _tag(found[index], spans, opened, segs, add)
            current[:] = next((c for c, _ in reversed(spans) if c), None), any(u for _, u in spans)
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


def tagged_html(text: str) -> list[Seg] | None:
    """The segments of an HTML block that holds only the file's inline tags, whole, and text (a
    self-closing mention alone on its line is such a block, CommonMark 4.6); None for other HTML."""
    from notionlog.convert.mdparser import parser

    tokens = parser().parseInline(text)
    children = tokens[0].children or [] if tokens else []
    sources = [child.content if child.type == "html_inline" else None for child in children]
    found = tags.pair(sources)
    if not found or any(source and index not in found for index, source in enumerate(sources)):
        return None
    return from_tokens(children)


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
