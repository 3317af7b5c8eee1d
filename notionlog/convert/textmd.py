"""Rich text -> the Markdown of one block's own text, checked by parsing it back.

Writing text as typed is right almost always (Korean, ``-``, ``.``, ``(`` need nothing); a character
that could be markup (``*``, ``[``, a ``#`` starting a line ...) is what calls for a check. The check
parses the candidate with the same parser ``to_blocks`` uses and compares the segments; candidates
are tried from least to most escaped, and if formatting itself cannot survive (CommonMark's flanking
rules reject ``**강조.**다``) it is dropped, emphasis first, then code, never a word. Because the
first candidate that reads back identically wins, rendering what was parsed from a rendering gives
the same text again: the fixed point ``normalize(normalize(x)) == normalize(x)``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import lru_cache

from markdown_it.rules_block.html_block import HTML_SEQUENCES

from notionlog.convert import blocktags, markup, tags
from notionlog.convert.inline import Seg, canonical, from_rich_text
from notionlog.convert.mdparser import parser
from notionlog.convert.parse import blocks_from_tokens
from notionlog.convert.safe import html_as_typed, needs_check

# Whitespace trimmed at a block's edges: all but the Unicode space separators (a no-break space
# ...), which are kept and written as character references (markup.render) so no parser trims them.
_TRIM_START = re.compile(r"\A(?:(?!" + markup.KEPT_SPACE + r")\s)+")
_TRIM_END = re.compile(r"(?:(?!" + markup.KEPT_SPACE + r")\s)+\Z")


def trim(text: str) -> str:
    """``text`` without the whitespace a Markdown block cannot keep at its edges."""
    return _TRIM_END.sub("", _TRIM_START.sub("", text))


_AROUND_BREAK = re.compile(r"[ \t]*\n[ \t]*")
# A block that starts with "$$" opens a math block (alone it may read back, as text and an
# equation; in a page, the next "$$" line would close it): never written, whatever the check says.
# (A later line cannot: a math block does not interrupt a paragraph.)
_MATH_FENCE = re.compile(r"[ \t]*\$\$")  # used with .match

Wrap = Callable[[str], str]  # inline Markdown -> the block's own Markdown (e.g. "- " + text)
Extract = Callable[[list], "list[Seg] | None"]  # parsed blocks -> their segments, None if wrong


def tidy(segs: list[Seg], single_line: bool = False) -> list[Seg]:
    """Canonical segments with the whitespace Markdown cannot keep removed.

    A paragraph loses leading/trailing whitespace and spaces around a line break; headings and
    table cells cannot hold a line break at all, so theirs become spaces.
    """
    out = canonical(segs)
    if not out:
        return out
    # Only text around a line break changes here; canonical is idempotent, so when no run holds
    # one, out is canonical already and the second pass would return it unchanged.
    breaks = any("\n" in seg.text for seg in out if not _literal(seg))
    if not breaks and not out[0].text[0].isspace() and not out[-1].text[-1].isspace():
        return out  # no edge whitespace and no break: nothing to strip (canonical drops empty runs)
    if breaks:
        out = canonical([seg if _literal(seg) else seg._replace(
            text=_AROUND_BREAK.sub(" " if single_line else "\n", seg.text)) for seg in out])
    while True:  # stripping an all-blank edge run exposes the next one
        before = len(out)
        _strip_edges(out)
        out = [seg for seg in out if seg.text]
        if len(out) == before:
            return out


def _strip_edges(segs: list[Seg]) -> None:
    if len(segs) > 1 and any("\n" in seg.text for seg in segs):
        for index in range(len(segs) - 1):  # spaces before a break that starts the next run
            if segs[index + 1].text.startswith("\n") and not _literal(segs[index]):
                segs[index] = segs[index]._replace(text=segs[index].text.rstrip(" \t"))
            if segs[index].text.endswith("\n") and not _literal(segs[index + 1]):
                segs[index + 1] = segs[index + 1]._replace(text=segs[index + 1].text.lstrip(" \t"))
    # (Only runs with whitespace at the edge are rebuilt: most are not.)
    if segs and not _literal(segs[0]) and segs[0].text[:1].isspace():
        segs[0] = segs[0]._replace(text=_TRIM_START.sub("", segs[0].text))
    if segs and not _literal(segs[-1]) and segs[-1].text[-1:].isspace():
        segs[-1] = segs[-1]._replace(text=_TRIM_END.sub("", segs[-1].text))


def _literal(seg: Seg) -> bool:
    return seg.code or seg.equation or seg.mention is not None


def text_markdown(segs: list[Seg], wrap: Wrap, extract: Extract, context: Wrap | None = None,
                  brackets: bool = True, html_start: bool = True) -> str:
    """The block's own Markdown: the least-escaped candidate that parses back to ``segs``.

    ``wrap`` makes the block's Markdown from the inline text; ``context`` (default: ``wrap``) makes
    a standalone document to check it in (a table cell is checked inside a one-cell table);
    ``brackets=False`` where the text sits inside brackets itself (an image's alt text);
    ``html_start=False`` where text opening an HTML block would run on into what follows (a list
    item's children come on the next lines, no blank line between: CommonMark 4.6).
    """
    # The escaped writing is proven safe only in a plain block (not a table cell, not alt text).
    proven_escapes = context is None and brackets
    context = context or wrap
    last = ""
    for variant in _variants(segs):
        for escape in (False, True):
            inline = _blank_lines(markup.render(variant, escape))
            last = wrap(inline)
            if not needs_check(variant, inline, brackets, escape and proven_escapes):
                return last
            if not escape and html_as_typed(variant):
                continue  # the check would refuse the tag: no need to parse it
            if not escape and blocktags.marks_structure(inline):
                continue  # alone it reads back as text; in a page it would open or close a block
            if _MATH_FENCE.match(inline):
                continue
            if not escape and not html_start and opens_html_block(inline):
                continue  # opens a math block that a later "$$" in the page would close
            if extract(parse_markdown(context(inline))) == variant:
                return last
    return last


def opens_html_block(inline: str) -> bool:
    """Whether the text's first line starts an HTML block (CommonMark 4.6, its seven conditions)."""
    line = inline.split("\n", 1)[0].lstrip(" ")
    return line.startswith("<") and any(opening.search(line) for opening, _, _ in HTML_SEQUENCES)


def _variants(segs: list[Seg]) -> Iterator[list[Seg]]:
    """The segments, then without emphasis, code marks, spans, mentions (words always kept).

    A generator: the first variant almost always reads back, and the others are not built then.
    """
    variant = segs
    yield variant
    if any(s.bold or s.italic or s.strike for s in variant):
        variant = tidy([s._replace(bold=False, italic=False, strike=False) for s in variant])
        yield variant
    if any(s.code for s in variant):
        variant = tidy([s._replace(code=False) for s in variant])
        yield variant
    if any(s.color or s.underline for s in variant):  # (never seen: escaped text reads back)
        variant = tidy([s._replace(color=None, underline=False) for s in variant])
        yield variant
    if any(s.mention for s in variant):
        variant = tidy([s._replace(mention=None) for s in variant])
        yield variant
    if any(s.equation for s in variant):  # an expression Markdown cannot delimit: as typed
        yield tidy([s._replace(text=f"${s.text}$", equation=False) if s.equation
                    else s for s in variant])


def _blank_lines(text: str) -> str:
    # An empty line would end the paragraph; a lone backslash is a hard break that reads back "\n".
    while "\n\n" in text:
        text = text.replace("\n\n", "\n\\\n")
    return text


@lru_cache(maxsize=4096)
def parse_markdown(markdown: str) -> list[dict]:
    """Blocks of a Markdown snippet as any CommonMark viewer reads it (the check's parser).

    Stricter than ``to_blocks``, so that what is written reads the same everywhere: inline HTML
    (a tag to other viewers, text to us) gives no blocks unless it is one of the file's own
    inline tags, whole (:mod:`notionlog.convert.tags`); reference definitions are read as such,
    and a date-like line is the list it is elsewhere.

    Cached: a sync writes a pulled block's text twice (its key, then the page), and a check parse
    costs more than the rest of the block's writing. The blocks returned are shared: read only.
    """
    tokens = parser(strict=True).parse(markdown)
    if any(_stray_html(tok.children) for tok in tokens if tok.children):
        return []
    return blocks_from_tokens(tokens, source=markdown, typed_dates=False)[1]


def _stray_html(children: list) -> bool:
    """Whether a run holds inline HTML that is not one of the file's whole tags."""
    sources = [child.content if child.type == "html_inline" else None for child in children]
    if not any(sources):
        return False
    found = tags.pair(sources)
    return any(source and index not in found for index, source in enumerate(sources))


def first_text(kind: str, single_line: bool = False, **extra) -> Extract:
    """Extract for a text block: one or more blocks of ``kind`` with ``extra`` payload, no children."""

    def extract(blocks: list) -> list[Seg] | None:
        if not blocks or any(b["type"] != kind for b in blocks):
            return None
        payloads = [b[kind] for b in blocks]
        if any(p.get("children") for p in payloads):
            return None
        if any(p.get(key) != value for p in payloads for key, value in extra.items()):
            return None
        items = [item for p in payloads for item in p["rich_text"]]
        return tidy(from_rich_text(items), single_line)

    return extract
