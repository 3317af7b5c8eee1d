"""markdown-it-py's HTML renderer with the export's four changes (see html.py for why).

Its own module so that markdown-it-py is imported only when an HTML export is made.
"""

from __future__ import annotations

import re
from html import escape

from markdown_it.renderer import RendererHTML

_ENTRY_LINK = re.compile(r"(?:^|/)(\d{4}-\d{2}-\d{2})\.md$")
_SAFE = re.compile(r"(?:https?:|mailto:|#)", re.IGNORECASE)


def href(url: str) -> str:
    """Where a link may point in a page that fetches nothing; '' drops the target."""
    entry = _ENTRY_LINK.search(url)
    if entry and not url.lower().startswith(("http:", "https:")):
        return f"#d{entry.group(1)}"
    return url if _SAFE.match(url) else ""


class Renderer(RendererHTML):
    """Methods named after token types replace the base renderer's rules for them."""

    def html_block(self, tokens, idx, options, env) -> str:
        return f"<p>{escape(tokens[idx].content)}</p>\n"

    def html_inline(self, tokens, idx, options, env) -> str:
        return escape(tokens[idx].content)

    def image(self, tokens, idx, options, env) -> str:
        token = tokens[idx]
        target = escape(href(str(token.attrGet("src") or "")))
        return f'<a href="{target}">[{escape(token.content or "image")}]</a>'

    def math_inline(self, tokens, idx, options, env) -> str:
        return f"<code>${escape(tokens[idx].content)}$</code>"

    def math_block(self, tokens, idx, options, env) -> str:
        return f"<pre><code>$${escape(tokens[idx].content)}$$</code></pre>\n"

    def link_open(self, tokens, idx, options, env) -> str:
        target = href(str(tokens[idx].attrGet("href") or ""))
        return f'<a href="{escape(target)}">' if target else "<a>"

    def heading_open(self, tokens, idx, options, env) -> str:
        return f"<h{_level(tokens[idx].tag)}>"

    def heading_close(self, tokens, idx, options, env) -> str:
        return f"</h{_level(tokens[idx].tag)}>\n"


def _level(tag: str) -> int:
    """Entry headings sit two levels under the page's h1 and the entry's h2."""
    return min(int(tag[1]) + 2, 6)
