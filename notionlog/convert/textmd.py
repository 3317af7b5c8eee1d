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
import unicodedata
from collections.abc import Callable, Iterator

from notionlog.convert import markup
from notionlog.convert.inline import Seg, canonical, from_rich_text
from notionlog.convert.mdparser import parser

# What can read as markup in text: inline delimiters (an image's "![" holds one: "["), a URL's
# "://", and block markers at the start of a line. Anything else is written as typed unchecked.
# Kept as separate searches on purpose: one regex with a ^ branch tries every branch at every
# position (3x slower on a journal line); a character class or a leading "\n" is scanned fast.
_SPECIAL_CHAR = re.compile(r"[\\`*_\[\]<&~|$]")
_FIRST_LINE_MARKER = re.compile(r"[ \t]*(?:[#>+\-=]|\d{1,9}[.)])")  # used with .match
_LATER_LINE_MARKER = re.compile(r"\n[ \t]*(?:[#>+\-=]|\d{1,9}[.)])")
# Whitespace trimmed at a block's edges: all but the Unicode space separators (a no-break space
# ...), which are kept and written as character references (markup.render) so no parser trims them.
_TRIM_START = re.compile(r"\A(?:(?!" + markup.KEPT_SPACE + r")\s)+")
_TRIM_END = re.compile(r"(?:(?!" + markup.KEPT_SPACE + r")\s)+\Z")


def trim(text: str) -> str:
    """``text`` without the whitespace a Markdown block cannot keep at its edges."""
    return _TRIM_END.sub("", _TRIM_START.sub("", text))
_LOOSE_UNDERSCORE = re.compile(r"(?<![^\W_])_|_(?![^\W_])")  # an "_" not between letters/digits
_ENTITY_START = re.compile(r"&(?:#[xX]?[0-9a-fA-F]*|[A-Za-z][A-Za-z0-9]*)(?:;|\Z)")
_TAG_START = re.compile(r"<(?:[A-Za-z/!?]|\Z)")
_BRACKET_MARKUP = re.compile(r"\]\s*[(:]|!\[|\]\Z")
# A line-start marker followed by what makes it text; never a line of marker characters only.
_TEXT_AFTER_MARKER = re.compile(
    r"(?=.*[^-+=#\s])(?:#+[^#\s]|#{4,} (?=\S)(?!.*#\Z)|[-+][^\s+-]|\d{1,9}[.)]\S|=)")
_DELIMITERS = "*_~`\\[]<>&!$|"
_LINK_DESTINATION_MARKUP = re.compile(r"[\s<>\\`]")  # a destination written as typed holds none
_AROUND_BREAK = re.compile(r"[ \t]*\n[ \t]*")

Wrap = Callable[[str], str]  # inline Markdown -> the block's own Markdown (e.g. "- " + text)
Extract = Callable[[list], "list[Seg] | None"]  # parsed blocks -> their segments, None if wrong


def tidy(segs: list[Seg], single_line: bool = False) -> list[Seg]:
    """Canonical segments with the whitespace Markdown cannot keep removed.

    A paragraph loses leading/trailing whitespace and spaces around a line break; headings and
    table cells cannot hold a line break at all, so theirs become spaces.
    """
    out = canonical(segs)
    # Only text around a line break changes here; canonical is idempotent, so when no run holds
    # one, out is canonical already and the second pass would return it unchanged.
    if any("\n" in seg.text for seg in out if not (seg.code or seg.equation)):
        out = canonical([seg if seg.code or seg.equation else seg._replace(
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
    return seg.code or seg.equation


def text_markdown(segs: list[Seg], wrap: Wrap, extract: Extract, context: Wrap | None = None,
                  brackets: bool = True) -> str:
    """The block's own Markdown: the least-escaped candidate that parses back to ``segs``.

    ``wrap`` makes the block's Markdown from the inline text; ``context`` (default: ``wrap``) makes
    a standalone document to check it in (a table cell is checked inside a one-cell table);
    ``brackets=False`` where the text sits inside brackets itself (an image's alt text).
    """
    context = context or wrap
    last = ""
    for variant in _variants(segs):
        for escape in (False, True):
            inline = _blank_lines(markup.render(variant, escape))
            last = wrap(inline)
            if not _needs_check(variant, inline, brackets):
                return last
            if extract(parse_markdown(context(inline))) == variant:
                return last
    return last


def _variants(segs: list[Seg]) -> Iterator[list[Seg]]:
    """The segments, then without emphasis, then without code marks (words always kept).

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
    if any(s.equation for s in variant):  # an expression Markdown cannot delimit: as typed
        yield tidy([s._replace(text=f"${s.text}$", equation=False) if s.equation
                    else s for s in variant])


def _blank_lines(text: str) -> str:
    # An empty line would end the paragraph; a lone backslash is a hard break that reads back "\n".
    while "\n\n" in text:
        text = text.replace("\n\n", "\n\\\n")
    return text


def needs_check_text(text: str, brackets: bool = True, line_start: bool = True) -> bool:
    """Whether plain text holds anything that could read as markup (a check parse decides).

    On one line, characters that are markup only in some company are cleared without a parse when
    that company is absent (CommonMark 0.31 sections named): ``_`` inside a word (6.2: it cannot
    open or close emphasis there), ``&`` not starting an entity (2.5), ``<`` not followed by what
    starts a tag or autolink (6.5, 6.6), ``|`` (a table needs a delimiter row below, 4.10 GFM),
    and, when ``brackets``, ``[``/``]`` that form no link, image or definition (nothing is defined
    in what is written: definitions are written escaped). A line-start marker is cleared when it is
    followed by a character that makes it text (``#tag``, ``-x``, ``1.5``; 4.2, 5.2, 5.3); text
    that does not start a line (``line_start=False``) has no line-start marker at all.
    """
    if "\n" in text or "://" in text or (line_start and text and text[0].isspace()):
        return (_SPECIAL_CHAR.search(text) is not None or "://" in text
                or _FIRST_LINE_MARKER.match(text) is not None
                or ("\n" in text and _LATER_LINE_MARKER.search(text) is not None))
    for char in set(_SPECIAL_CHAR.findall(text)):
        if not _CLEARS[char](text, brackets):
            return True
    return (line_start and _FIRST_LINE_MARKER.match(text) is not None
            and not _TEXT_AFTER_MARKER.match(text))


def _brackets_clear(text: str, brackets: bool) -> bool:
    """No link, image, definition or task box (``[ ]``/``[x]`` starting an item) can form."""
    return (brackets and not text.startswith(("[ ]", "[x]", "[X]"))
            and _BRACKET_MARKUP.search(text) is None)


_ALWAYS: Callable[[str, bool], bool] = lambda text, brackets: False  # noqa: E731
_CLEARS: dict[str, Callable[[str, bool], bool]] = {
    "_": lambda text, brackets: _LOOSE_UNDERSCORE.search(text) is None,
    "&": lambda text, brackets: _ENTITY_START.search(text) is None,
    "<": lambda text, brackets: _TAG_START.search(text) is None,
    "|": lambda text, brackets: True,
    "[": _brackets_clear, "]": _brackets_clear,
    "\\": _ALWAYS, "`": _ALWAYS, "*": _ALWAYS, "~": _ALWAYS, "$": _ALWAYS,
}


def _needs_check(segs: list[Seg], inline: str, brackets: bool = True) -> bool:
    """False only when the inline Markdown certainly reads back as ``segs`` (no parse needed).

    Safe by construction: an unmarked link whose text is its URL (markup writes it bare only where
    it reads back so, else as ``<url>``) or whose text and destination hold nothing to escape and
    that no ``!`` turns into an image; ``**``/``*``/``~~`` around text that starts and ends with a
    letter or digit, next to whitespace or punctuation (so left-/right-flanking as needed,
    CommonMark 6.2); a code span without backticks or edge spaces; and text with nothing in it
    that could read as markup (``needs_check_text``).
    """
    brackets = brackets and not any(seg.link for seg in segs)
    for index, seg in enumerate(segs):
        if seg.link:
            if not _plain_link(segs, index):
                return True
            continue
        line_start = index == 0 or segs[index - 1].text.endswith("\n")
        if seg.equation or not seg.text:
            return True
        if seg.code:
            if "`" in seg.text or seg.text != seg.text.strip() or seg.bold or seg.italic or seg.strike:
                return True
            continue
        if (seg.bold or seg.italic or seg.strike) and not _lone_word_run(segs, index):
            return True
        if needs_check_text(seg.text, brackets, line_start):
            return True
    return False


def _plain_link(segs: list[Seg], index: int) -> bool:
    seg = segs[index]
    link = seg.link or ""
    if any(seg.marks()[:4]) or seg.equation or _LINK_DESTINATION_MARKUP.search(link):
        return False
    if _ENTITY_START.search(link) or link.count("(") != link.count(")"):
        return False  # an entity would be decoded; unbalanced parentheses are written escaped
    if seg.text == seg.link:
        return True
    if index and segs[index - 1].text.endswith("!"):
        return False
    return "\n" not in seg.text and not needs_check_text(seg.text, False, line_start=False)


def _lone_word_run(segs: list[Seg], index: int) -> bool:
    """A marked run whose delimiters can only open (before it) and only close (after it).

    CommonMark 6.2: the opening run is left- and not right-flanking when the text starts with a
    letter/digit and whitespace, punctuation or nothing precedes it, or when the text starts with
    punctuation and whitespace or nothing precedes it; the closing run mirrors this. Neighbours
    must be unmarked, and no edge may be a delimiter character itself.
    """
    seg = segs[index]
    before = segs[index - 1] if index else None
    after = segs[index + 1] if index + 1 < len(segs) else None
    if any(other is not None and any(other.marks()) for other in (before, after)):
        return False
    return (_flanks(seg.text[0], before.text[-1] if before else "")
            and _flanks(seg.text[-1], after.text[0] if after else ""))


def _flanks(inner: str, outer: str) -> bool:
    if inner.isalnum():
        return not outer or outer.isspace() or _punctuation(outer)
    return _punctuation(inner) and (not outer or outer.isspace())


def _punctuation(char: str) -> bool:
    """Unicode punctuation or symbol (CommonMark's punctuation) that is no delimiter itself."""
    return unicodedata.category(char)[0] in "PS" and char not in _DELIMITERS


def parse_markdown(markdown: str) -> list[dict]:
    """Blocks of a Markdown snippet as any CommonMark viewer reads it (the check's parser).

    Stricter than ``to_blocks``, so that what is written reads the same everywhere: inline HTML
    (a tag to other viewers, text to us) gives no blocks, reference definitions are read as such,
    and a date-like line is the list it is elsewhere.
    """
    from notionlog.convert.parse import blocks_from_tokens

    tokens = parser(strict=True).parse(markdown)
    if any(child.type == "html_inline" for tok in tokens if tok.children for child in tok.children):
        return []
    return blocks_from_tokens(tokens, source=markdown, typed_dates=False)[1]


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
