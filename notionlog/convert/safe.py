"""Text that certainly reads back as written: the rules that spare blocks -> Markdown a check parse.

textmd writes a block's text as typed and, when something in it could read as markup, parses the
candidate back to check it. Most such text is safe by CommonMark's own rules (sections of the 0.31
spec named where used), and this module proves it without parsing, for text as typed and for
markup's escaped writing. Every rule errs one way: when unsure, it asks for the check; the one rule
that skips a candidate as certain to fail (``html_as_typed``) says so only when it is certain.
(tests/convert/test_properties.py holds properties that where a rule skips the check, the check
agrees.)
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

from notionlog.convert.inline import Seg

# What can read as markup in text: inline delimiters (an image's "![" holds one: "["), a URL's
# "://", and block markers at the start of a line. Anything else is written as typed unchecked.
# Kept as separate searches on purpose: one regex with a ^ branch tries every branch at every
# position (3x slower on a journal line); a character class or a leading "\n" is scanned fast.
_SPECIAL_CHAR = re.compile(r"[\\`*_\[\]<&~|$]")
_FIRST_LINE_MARKER = re.compile(r"[ \t]*(?:[#>+\-=]|\d{1,9}[.)])")  # used with .match
_LOOSE_UNDERSCORE = re.compile(r"(?<![^\W_])_|_(?![^\W_])")  # an "_" not between letters/digits
_ENTITY_START = re.compile(r"&(?:#[xX]?[0-9a-fA-F]*|[A-Za-z][A-Za-z0-9]*)(?:;|\Z)")
_TAG_START = re.compile(r"<(?:[A-Za-z/!?]|\Z)")
_BRACKET_MARKUP = re.compile(r"\]\s*[(:]|!\[|\]\Z")
# A line-start marker followed by what makes it text; never a line of marker characters only.
_TEXT_AFTER_MARKER = re.compile(
    r"(?=.*[^-+=#\s])(?:#+[^#\s]|#{4,} (?=\S)(?!.*#\Z)|[-+][^\s+-]|\d{1,9}[.)]\S|=)")
_DELIMITERS = "*_~`\\[]<>&!$|"
_DEEP_HEADING = re.compile(r"#{4,}(?:[ \t]|\Z)")
_LINK_DESTINATION_MARKUP = re.compile(r"[\s<>\\`]")  # a destination written as typed holds none


def needs_check_text(text: str, brackets: bool = True, line_start: bool = True) -> bool:
    """Whether plain text holds anything that could read as markup (a check parse decides).

    Characters that are markup only in some company are cleared without a parse when that company
    is absent (CommonMark 0.31 sections named): ``_`` inside a word (6.2: it cannot open or close
    emphasis there), ``&`` not starting an entity (2.5), ``<`` not followed by what starts a tag,
    autolink or HTML block (4.6, 6.5, 6.6), ``|`` on one line (a table needs a delimiter row, 4.10 GFM),
    and, when ``brackets``, ``[``/``]`` that form no link, image or definition (nothing is defined
    in what is written: definitions are written escaped). A line-start marker is cleared when it is
    followed by a character that makes it text (``#tag``, ``-x``, ``1.5``; 4.2, 5.2, 5.3; a setext
    underline holds nothing else, 4.3), on every line; text that does not start a line
    (``line_start=False``) has no line-start marker on its first line.
    """
    if "://" in text:
        return True
    several = "\n" in text
    if line_start and text[:1].isspace():
        return (_SPECIAL_CHAR.search(text) is not None or _FIRST_LINE_MARKER.match(text) is not None
                or (several and any(map(_marker_line, text.split("\n")[1:]))))
    for char in set(_SPECIAL_CHAR.findall(text)):
        if not _CLEARS[char](text, brackets) or (char == "|" and several):
            return True  # (on several lines, a "|" could head a table)
    if several:
        lines = text.split("\n")
        later = lines[1:]  # a "####" line there is a heading that ends the paragraph (4.2)
        return (line_start and _marker_line(lines[0])) or any(
            _marker_line(line) or _DEEP_HEADING.match(line) is not None for line in later)
    return line_start and _marker_line(text)


def _marker_line(line: str) -> bool:
    """A line that starts with what could be a block marker (a check decides), or with whitespace."""
    return line[:1].isspace() or (_FIRST_LINE_MARKER.match(line) is not None
                                  and not _TEXT_AFTER_MARKER.match(line))


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


def needs_check(segs: list[Seg], inline: str, brackets: bool = True, escaped: bool = False) -> bool:
    """False only when the inline Markdown certainly reads back as ``segs`` (no parse needed).

    ``escaped``: ``inline`` is markup's escaped writing, which backslash-escapes every character of
    the text that can start markup; its text then reads back as typed unless it holds what escapes
    cannot govern (``escaped_text_clear``). A link or an equation is checked then.

    Text with an inline tag (colour, underline, mention) is always checked. Safe by
    construction: an unmarked link whose text is its URL (markup writes it bare only where it
    reads back so, else as ``<url>``) or whose text and destination hold nothing to escape and
    that no ``!`` turns into an image; ``**``/``*``/``~~`` around text that starts and ends with a
    letter or digit, next to whitespace or punctuation (so left-/right-flanking as needed,
    CommonMark 6.2); a code span without backticks or edge spaces; and text with nothing in it
    that could read as markup (``needs_check_text``).
    """
    if "\0" in inline:  # markdown-it reads NUL as U+FFFD, even in a code span
        return True
    if any(seg.underline or seg.color or seg.mention for seg in segs):
        return True  # an inline tag: no rule here proves it (the check parse reads tags)
    brackets = brackets and not any(seg.link for seg in segs)
    for index, seg in enumerate(segs):
        if seg.link:
            if escaped or not _plain_link(segs, index):
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
        if escaped and (not escaped_text_clear(seg.text) or (index == 0 and seg.text[0] == "[")):
            return True  # (an item's text read back as "[ ] ..." is a to-do: its box is typed)
        if not escaped and needs_check_text(seg.text, brackets, line_start):
            return True
    return False


# What an escape cannot govern: control characters (markdown-it turns NUL into U+FFFD, and
# CommonMark's whitespace is not Python's), a blank line, whitespace at a line break (a wrap strips
# line ends; a line start could indent), line and paragraph separators.
_ESCAPE_UNSAFE = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029]|\s\n|\n\s")


def escaped_text_clear(text: str) -> bool:
    """Whether unmarked text written by markup's escaped writing certainly reads back as typed.

    markup escapes every ASCII punctuation character that could open markup (inline delimiters,
    ``<``, ``&``, ``$``, ``|``, ``!``, brackets, a URL's ``:``) and block markers at line starts;
    ``*``/``_``/``~`` left unescaped can neither open nor close (CommonMark 6.2), and a backslash
    escapes any ASCII punctuation (2.4).
    """
    return _ESCAPE_UNSAFE.search(text) is None


def _plain_link(segs: list[Seg], index: int) -> bool:
    seg = segs[index]
    link = seg.link or ""
    if seg.bold or seg.italic or seg.strike or seg.equation:
        return False
    if seg.code and not _plain_code(seg.text):
        return False
    if _LINK_DESTINATION_MARKUP.search(link):
        return False
    if _ENTITY_START.search(link) or link.count("(") != link.count(")"):
        return False  # an entity would be decoded; unbalanced parentheses are written escaped
    if seg.text == seg.link and not seg.code:
        return True
    if index and segs[index - 1].text.endswith("!"):
        return False
    return seg.code or ("\n" not in seg.text and not needs_check_text(seg.text, False, False))


def _plain_code(text: str) -> bool:
    """Code in link text that reads back as written: one backtick each side, nothing to bind
    (a code span binds tighter than the link's brackets, CommonMark 6.3; none are left to try)."""
    return bool(text) and text == text.strip() and not any(char in text for char in "`[]\0")


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


_LINE_START_TAG = re.compile(r"^[ \t]*(<.*)", re.MULTILINE)
_SWALLOWS_TAG = re.compile(r"[\\`\[\]$~|]")  # an escape, code span, link, math, fence or table cell


def html_as_typed(segs: list[Seg]) -> bool:
    """Whether the text written as typed certainly holds an inline HTML tag, which the check parse
    refuses (another viewer shows a tag): the escaped writing is then the one to try.

    Certain when an unmarked or marked run holds a whole tag (markdown-it's own tag pattern,
    CommonMark 6.6) that nothing can hide: no escape, code span, link, image, math, fence or table
    cell can form in the text, no link or equation is written, and no line starts an HTML block
    (markdown-it's own start conditions, 4.6), which would hold no inline tag.
    """
    if not any("<" in seg.text and not seg.code for seg in segs):
        return False
    if any(seg.link or seg.equation for seg in segs):
        return False
    texts = [seg.text for seg in segs if not seg.code]
    if any(_SWALLOWS_TAG.search(text) for text in texts):
        return False
    from markdown_it.common.html_re import HTML_TAG_RE
    from markdown_it.rules_block.html_block import HTML_SEQUENCES

    flat = "".join("x" if seg.code else seg.text for seg in segs)
    for line in _LINE_START_TAG.findall(flat):
        if any(opening.search(line) for opening, _, _ in HTML_SEQUENCES):
            return False
    return any(HTML_TAG_RE.match(text, index) for text in texts
               for index in _positions(text, "<"))


def _positions(text: str, char: str) -> list[int]:
    return [index for index, found in enumerate(text) if found == char]
