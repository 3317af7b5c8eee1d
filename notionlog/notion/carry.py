"""An edited line keeps what its block said that its line does not say: type, icon, colours, mentions.

A file written before the block tag forms (docs/file-format.md) shows a toggle as a bullet, a
callout as a quote (``> 💡 text``); a list item or heading never shows its colour; a mention the
file has no tag for (a link preview, a template mention) is its text or link. Read back, such a line
is a bullet, a quote, plain words. A heading_4 is always a ``#### `` text line (a paragraph read
back; docs/file-format.md). :func:`adopt` gives the PATCH of the recorded block its own type
and the fields the line does not state (icon, colour, toggleable); a field the line states (a block
tag's ``color`` or ``icon``) is the file's, and :func:`older_reading` keys a recorded block as such
a file's line reads. :func:`merge_rich_text` puts back every such mention whose text is still there
whole.

Colour, underline and page/database/user/date mentions the file states in inline tags
(docs/file-format.md): there **the file wins**, so a colour changed or removed in the file is
changed or removed in Notion. A file written before those tags existed (:func:`old_form`) states
none of them; for its lines, each unchanged character gets its colour and underline back and every
mention whose text is still whole is kept (:func:`speaking_old_form` says which form a push reads).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from difflib import SequenceMatcher

from notionlog.convert import tags
from notionlog.notion import tree as t
from notionlog.richtext import plain_text

# A recorded type and the type its line reads back as, when they differ.
READS_AS = {"toggle": "bulleted_list_item", "callout": "quote", "heading_4": "paragraph"}
# What such a line writes before the block's text (a callout's emoji is its icon's, below).
LEAD = {"heading_4": "#### "}
LINKED = frozenset({"bookmark", "embed"})  # written as their URL, then the caption on the next line
MEDIA = frozenset({"video", "audio", "file", "pdf"})  # the same line; an external one is edited in place
KEPT = ("color", "icon", "is_toggleable")  # fields a line may not state: then the block keeps its own
UNSAID = ("color", "underline")  # rich-text marks plain Markdown has no form for (inline tags do)
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
    if kind in LINKED | MEDIA and read == "paragraph":
        return _as_link(kind, t.payload(old), t.payload(new).get("rich_text") or [])
    if read != kind and READS_AS.get(kind) != read:
        return None
    before, body = t.payload(old), dict(t.payload(new))
    if kind in LEAD and read != kind:  # a heading_4 is a "#### " line: without it, a paragraph
        items = _without_lead(body.get("rich_text") or [], LEAD[kind])
        if items is None:
            return None
        body["rich_text"] = items
    if "rich_text" in body:
        items = body["rich_text"]
        if kind == "callout" and read == "quote":  # the old form wrote the emoji first
            emoji = (before.get("icon") or {}).get("emoji")
            shorter = _without_lead(items, emoji) if emoji else None
            items = items if shorter is None else shorter
        body["rich_text"] = merge_rich_text(before.get("rich_text") or [], items)
    body.update({k: before[k] for k in KEPT if k in before and k not in body})
    return {"type": kind, kind: body}


def _as_link(kind: str, before: dict, items: list[dict]) -> dict | None:
    """A bookmark's, embed's or external media's line read back (a paragraph: URL, line break,
    caption) as itself."""
    url = plain_text(items).partition("\n")[0]
    if not url.startswith(("https://", "http://")) or any(ch.isspace() for ch in url):
        return None
    caption_items = merge_rich_text(before.get("caption") or [], _after_break(items))
    if kind in MEDIA:  # an upload's line names its file: it is never patched (moves.keep_uploads)
        if before.get("type") != "external":
            return None
        return {"type": kind, kind: {"type": "external", "external": {"url": url},
                                     "caption": caption_items}}
    return {"type": kind, kind: {"url": url, "caption": caption_items}}


def _after_break(items: list[dict]) -> list[dict]:
    """The caption's items as the file states them (marks, colours): those after the line break."""
    for n, item in enumerate(items):
        content = (item.get("text") or {}).get("content") or ""
        if item.get("type", "text") == "text" and "\n" in content:
            rest = content.split("\n", 1)[1]
            first = {k: v for k, v in item.items() if k != "plain_text"}
            return ([{**first, "text": {**item["text"], "content": rest}}] if rest else []) + items[n + 1:]
    return []


def _without_lead(items: list[dict], lead: str) -> list[dict] | None:
    """``items`` without the ``lead`` their line writes first (and the spaces after it); None
    when they do not start with it."""
    if not items or items[0].get("type", "text") != "text":
        return None
    content = items[0]["text"]["content"]
    if not content.startswith(lead):
        return None
    rest = content[len(lead):].lstrip(" ")
    first = {**items[0], "text": {**items[0]["text"], "content": rest}}
    return ([first] if rest else []) + items[1:]


# True while a push reads a file in the old form (no inline tags): see speaking_old_form.
_OLD_FORM: ContextVar[bool] = ContextVar("notionlog_old_form", default=False)
_INLINE_TAG = re.compile(r"(?<!\\)<(?:span (?:color|underline)=|mention-(?:page|database|user|date)\b)")


def old_form(base: str | None, text: str, blocks: list[dict] | None) -> bool:
    """Whether an entry file was written before it could state colour, underline and mentions.

    True when neither the file (``text``) nor what it held at the last sync (``base``) holds an
    inline tag while the page's recorded ``blocks`` hold a mark or mention the tags would show.
    """
    if base is None or _INLINE_TAG.search(base) or _INLINE_TAG.search(text):
        return False
    return any(_stateable(item) for items in _rich_texts(blocks or []) for item in items)


@contextmanager
def speaking_old_form(old: bool) -> Iterator[None]:
    """Within: merge_rich_text reads the file as the old form (``old``) or as stating its marks."""
    token = _OLD_FORM.set(old)
    try:
        yield
    finally:
        _OLD_FORM.reset(token)


def _rich_texts(blocks: list[dict]) -> Iterator[list[dict]]:
    for block in blocks:
        body = t.payload(block)
        for key in ("rich_text", "caption"):
            if isinstance(body.get(key), list):
                yield body[key]
        yield from body.get("cells") or []  # a table row's
        yield from _rich_texts(t.kids(block))


def _stateable(item: dict) -> bool:
    marks = item.get("annotations") or {}
    if marks.get("underline") or marks.get("color") not in (None, "default"):
        return True
    return item.get("type") == "mention" and tags.from_api(item.get("mention") or {}) is not None


def merge_rich_text(old: list[dict], new: list[dict]) -> list[dict]:
    """``new`` (read from the file) with what ``old`` said that the file does not say.

    Always: each unchanged blank keeps its bold/italic/strikethrough/code, and a mention the file
    has no tag for is kept where its text is still whole. For a file in the old form, also each
    unchanged character's colour and underline, and every mention whose text is still whole.
    """
    attrs, mentions = _old_attrs(old, _OLD_FORM.get())
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


def _old_attrs(old: list[dict], old_form: bool) -> tuple[list[Attrs], dict[int, tuple[int, int]]]:
    """Per character of ``old``: the marks and mention the file did not state (colour and
    underline only for ``old_form``), and each such mention's (start, end)."""
    attrs: list[Attrs] = []
    mentions: dict[int, tuple[int, int]] = {}
    for index, item in enumerate(old):
        marks = item.get("annotations") or {}
        colour = marks.get("color") if marks.get("color") not in (None, "default") else None
        underline = bool(marks.get("underline"))
        if not old_form:
            colour, underline = None, False
        mention = index if item.get("type") == "mention" and (
            old_form or tags.from_api(item.get("mention") or {}) is None) else None
        if mention is not None:
            mentions[index] = (len(attrs), len(attrs) + len(plain_text([item])))
        shown = tuple(m for m in SHOWN if marks.get(m))
        attrs += [(colour, underline, mention, shown if ch.isspace() else ())
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
