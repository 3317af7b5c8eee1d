"""The one MarkdownIt instance the converter parses with (built lazily, reused: building costs ms).

CommonMark plus GFM tables, strikethrough and ``$`` math (Notion equations), with three deliberate
departures that keep every word visible:
- link reference definitions are off: ``[x]: url`` and ``[^1]: note`` stay visible text instead of
  vanishing (Notion has neither references nor footnotes);
- links are taken exactly as typed (no percent-encoding), so what Notion gets is what the user wrote;
- bare ``http(s)://`` URLs become links (GFM's autolink extension: trailing punctuation and an
  unbalanced ``)`` are left out of the URL), through a small inline rule instead of linkify-it.
"""

from __future__ import annotations

import re
from operator import attrgetter
from typing import TYPE_CHECKING

from notionlog.errors import NestingTooDeep

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.rules_inline import StateInline

_PARSERS: dict[bool, MarkdownIt] = {}

# Nesting depth markdown-it will follow before it *skips* the rest of a document; far above
# anything typed, low enough to stay clear of Python's recursion limit.
MAX_NESTING = 200

_SCHEME_BEFORE = re.compile(r"(?:^|(?<=[^\w/\\.+-]))(https?)$", re.IGNORECASE)
_URL_TAIL = re.compile(r"://[^\s<>\"`\\]+")
_TRAILING_PUNCT = "?!.,:;*_~'\""


def bare_url_end(url: str) -> int:
    """Where a URL-looking run really ends (GFM autolink extension's trailing-punctuation rule)."""
    end = len(url)
    while end:
        char = url[end - 1]
        unbalanced = char == ")" and url.count("(", 0, end) < url.count(")", 0, end)
        if char in _TRAILING_PUNCT or unbalanced:
            end -= 1
        else:
            break
    return end


def _bare_url(state: StateInline, silent: bool) -> bool:
    """Inline rule at ``:``: turn ``http(s)://...`` whose scheme sits in the pending text into a link."""
    pos = state.pos
    if state.linkLevel > 0 or not state.src.startswith("://", pos):
        return False
    scheme = _SCHEME_BEFORE.search(state.pending)
    tail = _URL_TAIL.match(state.src, pos, state.posMax)
    if not scheme or not tail:
        return False
    proto = scheme.group(1)
    url = proto + tail.group(0)
    url = url[: bare_url_end(url)]
    if len(url) <= len(proto) + 3:
        return False
    if not silent:
        state.pending = state.pending[: -len(proto)]
        token = state.push("link_open", "a", 1)
        token.attrs = {"href": url}
        token.markup = "linkify"
        state.push("text", "", 0).content = url
        state.push("link_close", "a", -1).markup = "linkify"
    state.pos += len(url) - len(proto)
    return True


def parser(strict: bool = False) -> MarkdownIt:
    """The shared parser (created on first use).

    ``strict`` keeps link reference definitions on, as every other CommonMark viewer reads them:
    the writer checks its output with it, so a line it writes never turns into a hidden
    definition (or a ``[label]`` into a link) in GitHub, Obsidian or VS Code.
    """
    md = _PARSERS.get(strict)
    if md is None:
        md = _PARSERS[strict] = _build(strict)
    return md


def _build(strict: bool) -> MarkdownIt:
    from markdown_it import MarkdownIt  # loaded with the first parser, not with this module

    class AsTyped(MarkdownIt):
        """Links exactly as typed: no percent-encoding; any destination (parse.py judges it)."""

        def normalizeLink(self, url: str) -> str:  # noqa: N802 (markdown-it's name)
            return url

        def normalizeLinkText(self, link: str) -> str:  # noqa: N802
            return link

        def validateLink(self, url: str) -> bool:  # noqa: N802
            return True

    md = AsTyped("commonmark", {"maxNesting": MAX_NESTING})
    md.enable(["table", "strikethrough"])
    from mdit_py_plugins.dollarmath import dollarmath_plugin

    # $x$ and $$...$$ are Notion equations; "$5 and $10" stays text (no digits next to a $).
    md.use(dollarmath_plugin, allow_space=False, allow_digits=False, double_inline=False,
           allow_labels=False)
    if not strict:
        md.disable(["reference"])
    md.inline.ruler.before("linkify", "bare_url", _bare_url)
    md.inline.add_terminator_char(":")
    return md


def parse(markdown: str) -> list:
    """Tokens of ``markdown``; NestingTooDeep where markdown-it would silently skip the rest.

    markdown-it stops descending at ``maxNesting`` and drops what lies deeper; a word must never
    vanish, so a document that reaches the limit is refused instead (lists nest ~95 levels first).
    """
    tokens = parser().parse(markdown)
    if tokens and max(map(attrgetter("level"), tokens)) >= MAX_NESTING - 4:
        raise NestingTooDeep(limit=(MAX_NESTING - 4) // 2)
    return tokens

