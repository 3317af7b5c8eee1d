"""An edited line keeps what its block said that its line does not say: type, icon, colours, mentions.

A file written before the tag forms (docs/file-format.md) shows a toggle as a bullet, a callout as a
quote (``> 💡 text``); a list item or heading never shows its colour, and a word's colour, underline
or mention may be unsaid. Read back, such a line is a bullet, a quote, plain words.
:func:`adopt` gives the PATCH of the recorded block its own type and the fields the line does not
state (icon, colour, toggleable); a field the line states (a tag's ``color`` or ``icon``) is the
file's. :func:`merge_rich_text` puts each unchanged character's colour and underline back and every
mention whose text is still there whole.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from difflib import SequenceMatcher

from notionlog.notion import tree as t
from notionlog.richtext import plain_text

# A recorded type and the type its line reads back as, when they differ.
READS_AS = {"toggle": "bulleted_list_item", "callout": "quote"}
LINKED = frozenset({"bookmark", "embed"})  # written as their URL, then the caption on the next line
KEPT = ("color", "icon", "is_toggleable")  # fields a line may not state: then the block keeps its own
UNSAID = ("color", "underline")  # rich-text marks Markdown has no form for
SHOWN = ("bold", "italic", "strikethrough", "code")
# Per character: colour, underline, index of its mention, and for a blank its shown marks (Markdown
# writes a bold run's trailing space outside the ``**``: read back, it would lose the bold).
Attrs = tuple[str | None, bool, int | None, tuple[str, ...]]


def older_reading(key: Callable[[dict], str]) -> Callable[[dict], str]:
    """``key`` of a block as a file of the older form showed its line (a toggle as a bullet, a
    callout as a quote opening with its emoji, no block colour, no toggleable heading), so that
    such a file's untouched lines compare equal to their blocks."""
    def read(block: dict) -> str:
        return key(_as_older_line(block))
    return read


def _as_older_line(block: dict) -> dict:
    kind, body = t.block_type(block), t.payload(block)
    items = body.get("rich_text") or []
    if kind == "toggle":
        return {"type": "bulleted_list_item", "bulleted_list_item": {"rich_text": items}}
    if kind == "callout":
        emoji = (body.get("icon") or {}).get("emoji")
        lead = [{"type": "text", "text": {"content": emoji + " "}}] if emoji else []
        return {"type": "quote", "quote": {"rich_text": lead + items}}
    if kind in ("paragraph", "quote", "heading_1", "heading_2", "heading_3"):
        return {"type": kind, kind: {k: v for k, v in body.items() if k not in KEPT}}
    return block


def adopt(old: dict, new: dict) -> dict | None:
    """``new``'s content in ``old``'s type, keeping what the file cannot show; None if it can't."""
    kind, read = t.block_type(old), t.block_type(new)
    if kind in LINKED and read == "paragraph":
        return _as_link(kind, t.payload(old), t.payload(new).get("rich_text") or [])
    if read != kind and READS_AS.get(kind) != read:
        return None
    before, body = t.payload(old), dict(t.payload(new))
    if "rich_text" in body:
        items = body["rich_text"]
        if kind == "callout" and read == "quote":  # the old form wrote the emoji first
            items = _without_icon(items, before.get("icon"))
        body["rich_text"] = merge_rich_text(before.get("rich_text") or [], items)
    body.update({k: before[k] for k in KEPT if k in before and k not in body})
    return {"type": kind, kind: body}


def _as_link(kind: str, before: dict, items: list[dict]) -> dict | None:
    """A bookmark's or embed's line read back (a paragraph: URL, line break, caption) as itself."""
    url, _, caption = plain_text(items).partition("\n")
    if not url.startswith(("https://", "http://")) or any(ch.isspace() for ch in url):
        return None
    said = [{"type": "text", "text": {"content": caption}}] if caption else []
    return {"type": kind, kind: {"url": url,
                                 "caption": merge_rich_text(before.get("caption") or [], said)}}


def _without_icon(items: list[dict], icon: dict | None) -> list[dict]:
    """A callout's line starts with its emoji (the renderer writes it there): not part of its text."""
    emoji = (icon or {}).get("emoji")
    if not emoji or not items or items[0].get("type") != "text":
        return items
    content = items[0]["text"]["content"]
    if not content.startswith(emoji):
        return items
    rest = content[len(emoji):].lstrip(" ")
    first = {**items[0], "text": {**items[0]["text"], "content": rest}}
    return ([first] if rest else []) + items[1:]


def merge_rich_text(old: list[dict], new: list[dict]) -> list[dict]:
    """``new`` (read from the file) with ``old``'s colours, underlines and mentions where unchanged."""
    attrs, mentions = _old_attrs(old)
    if not mentions and not any(a[0] or a[1] or a[3] for a in attrs):
        return new
    old_plain = plain_text(old)
    new_plain = plain_text(new)
    mapped = _char_map(old_plain, new_plain)
    out: list[dict] = []
    start = 0
    for item in new:
        length = len(plain_text([item]))
        if item.get("type") == "text":
            out += _split(item, start, mapped, attrs, old, mentions)
        else:
            out.append(item)
        start += length
    return out


def _char_map(old: str, new: str) -> list[int | None]:
    """For each character of ``new``, the index of the same character in ``old`` (None if typed
    now). Matched word by word, so a letter of a new word never takes an old word's marks."""
    old_words, new_words = _words(old), _words(new)
    mapped: list[int | None] = [None] * len(new)
    matcher = SequenceMatcher(None, [w for w, _ in old_words], [w for w, _ in new_words],
                              autojunk=False)
    for block in matcher.get_matching_blocks():
        for k in range(block.size):
            (word, a), (_, b) = old_words[block.a + k], new_words[block.b + k]
            mapped[b:b + len(word)] = range(a, a + len(word))
    return mapped


def _words(text: str) -> list[tuple[str, int]]:
    """Words and single other characters, each with its offset."""
    return [(m.group(), m.start()) for m in re.finditer(r"\w+|\W", text)]


def _old_attrs(old: list[dict]) -> tuple[list[Attrs], dict[int, tuple[int, int]]]:
    """Per character of ``old``: its unsaid marks and mention; and each mention's (start, end)."""
    attrs: list[Attrs] = []
    mentions: dict[int, tuple[int, int]] = {}
    for index, item in enumerate(old):
        marks = item.get("annotations") or {}
        colour = marks.get("color") if marks.get("color") not in (None, "default") else None
        mention = index if item.get("type") == "mention" else None
        if mention is not None:
            mentions[index] = (len(attrs), len(attrs) + len(plain_text([item])))
        shown = tuple(m for m in SHOWN if marks.get(m))
        attrs += [(colour, bool(marks.get("underline")), mention, shown if ch.isspace() else ())
                  for ch in plain_text([item])]
    return attrs, mentions


def _split(item: dict, start: int, mapped: list[int | None], attrs: list[Attrs], old: list[dict],
           mentions: dict[int, tuple[int, int]]) -> list[dict]:
    """One new text item cut where the old marks change, each piece given them back."""
    content = item["text"]["content"]
    runs: list[tuple[Attrs, int, int]] = []
    for offset in range(len(content)):
        source = mapped[start + offset]
        mark: Attrs = attrs[source] if source is not None else (None, False, None, ())
        if runs and runs[-1][0] == mark:
            runs[-1] = (mark, runs[-1][1], offset + 1)
        else:
            runs.append((mark, offset, offset + 1))
    pieces = []
    for (colour, underline, mention, shown), lo, hi in runs:
        if mention is not None and _whole(mention, mentions, mapped, start + lo, start + hi):
            pieces.append(_request_mention(old[mention]))
            continue
        marks = dict(item.get("annotations") or {})
        if colour:
            marks["color"] = colour
        if underline:
            marks["underline"] = True
        marks.update({m: True for m in shown})
        piece = {**item, "text": {**item["text"], "content": content[lo:hi]}}
        pieces.append({**piece, "annotations": marks} if marks else piece)
    return pieces


def _whole(mention: int, mentions: dict[int, tuple[int, int]], mapped: list[int | None],
           lo: int, hi: int) -> bool:
    """True if the new characters lo..hi are exactly the mention's text, unchanged."""
    first, last = mentions[mention]
    return mapped[lo:hi] == list(range(first, last))


def _request_mention(item: dict) -> dict:
    out = {"type": "mention", "mention": item["mention"]}
    if item.get("annotations"):
        out["annotations"] = item["annotations"]
    return out
