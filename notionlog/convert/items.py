"""Segments <-> Notion rich-text items (request shape out; request or response shape in).

Page, database, user and date mentions become mention segments (the file writes them as tags);
other mentions become their visible text (a link when the API gives an http(s) ``href``).
"""

from __future__ import annotations

from notionlog.convert import tags
from notionlog.convert.limits import MAX_TEXT_UNITS, split_text, valid_url
from notionlog.convert.segs import Seg, canonical, one_line


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
            # tuple.__new__ builds the segment without NamedTuple's keyword handling (the hot path)
            segs.append(_new_seg(Seg, _fields(content, ann, link) if ann else (
                content, False, False, False, False, link, False, False, None, None)))
            continue
        if item.get("type") == "equation" or (not item.get("type") and "equation" in item):
            expression = (item.get("equation") or {}).get("expression", "")
            segs.append(Seg(one_line(expression), equation=True))
            continue
        mention = tags.from_api(item["mention"]) if isinstance(item.get("mention"), dict) else None
        text, link = _item_text(item)
        link = None if mention or not valid_url(link) else link
        text = text or (tags.default_text(mention) if mention else "")  # a mention never vanishes
        fields = _fields(newlines(text), item.get("annotations") or {}, link)
        segs.append(_new_seg(Seg, (*fields[:-1], mention)))
    return segs


_new_seg = tuple.__new__


def _fields(content: str, ann: dict, link: str | None) -> tuple:
    """A text segment's fields in Seg's order, from its annotations (colour None for "default")."""
    color = ann.get("color")
    return (content, bool(ann.get("bold")), bool(ann.get("italic")), bool(ann.get("strikethrough")),
            bool(ann.get("code")), link, False, bool(ann.get("underline")),
            color if color and color != "default" else None, None)


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
