"""Reading Notion's deprecated enhanced Markdown (v1) toggles and callouts (never written).

v1 writes a toggle ``<details color="C"><summary>Title</summary>`` ... ``</details>`` and a callout
as a fenced div ``::: callout {icon="💡" color="C"}`` ... ``:::``; a file pasted from it reads back
as the same blocks as their v2 tag forms (docs/file-format.md). A form that is never closed at its
level stays the text it is.
"""

from __future__ import annotations

import re
import textwrap

from notionlog.convert import blocktags

_DETAILS = re.compile(r'\s*<details((?:\s+[a-z-]+="[^"]*")*)\s*>\s*(?:<summary>(.*?)</summary>)?(.*)\Z',
                      re.DOTALL)
_FENCE = re.compile(r':{3,}[ \t]*callout[ \t]*(?:\{([^}]*)\})?[ \t]*\Z')
_CLOSE_FENCE = re.compile(r'(?:\A|\n):{3,}[ \t]*\Z')


def details(cursor, tok) -> list[dict] | None:
    """A v1 toggle opening in the HTML block ``tok`` at the cursor; None if it is not one."""
    match = _DETAILS.match(tok.content)
    if match is None:
        return None
    attrs = dict(blocktags.ATTR.findall(match.group(1)))
    if not attrs.keys() <= {"color"}:  # HTML someone typed (<details markdown="1">): text
        return None
    lead = cursor.fragment(match.group(2) or "")[:1] or [_empty()]
    inside, closed = match.group(3), "</details>" in match.group(3)
    inner = cursor.fragment(textwrap.dedent(inside.split("</details>")[0]))
    start = cursor.pos
    cursor.pos += 1
    if not closed:
        more = cursor.until(tok.level, lambda text: text.strip().endswith("</details>"))
        if more is None:
            cursor.pos = start
            return None
        inner += more[0]
    lead = lead if lead[0]["type"] == "paragraph" else [_empty(), *lead]
    return blocktags.build(blocktags.Tag("toggle", attrs, False), lead + inner)


def fenced_callout(cursor, tok, raw: str) -> list[dict] | None:
    """A v1 callout opening in the paragraph at the cursor (``raw`` its source); None if not."""
    first, _, rest = raw.partition("\n")
    match = _FENCE.match(first.strip())
    if match is None:
        return None
    attrs = dict(blocktags.ATTR.findall(match.group(1) or ""))
    closed = _CLOSE_FENCE.search(rest) is not None
    inner = cursor.fragment(_CLOSE_FENCE.sub("", rest) if closed else rest)
    start = cursor.pos
    cursor.pos += 3
    if not closed:
        more = cursor.until(tok.level, lambda text: _CLOSE_FENCE.search(text) is not None)
        if more is None:
            cursor.pos = start
            return None
        inner += more[0] + cursor.fragment(_CLOSE_FENCE.sub("", more[1]))  # the lines before its ":::"
    return blocktags.build(blocktags.Tag("callout", attrs, False), inner)


def _empty() -> dict:
    return {"object": "block", "type": "paragraph", "paragraph": {"rich_text": []}}
