"""The inline tags of Notion-flavored Markdown that an entry file uses: colour, underline, mentions.

Forms (developer guide "Enhanced markdown", rich text; see docs/file-format.md):
``<span color="red">t</span>``, ``<span color="red_bg">t</span>``, ``<span underline="true">t</span>``
(both attributes in one span when both apply), and mentions written with their visible text inside
(``<mention-page url="https://www.notion.so/…">Title</mention-page>``, ``<mention-user
url="user://…">@Name</mention-user>``, ``<mention-database …>``, ``<mention-date start="…"
end="…">…</mention-date>``); the self-closing form ``<mention-date start="…"/>`` is read too.

A tag is recognised only whole: a known name, known attributes with valid values, and (but for a
self-closing mention) its partner in the same run of text. Anything else stays visible text.
"""

from __future__ import annotations

import html
import re
from typing import NamedTuple

from notionlog.convert import colors
from notionlog.convert.blocktags import open_tag
from notionlog.notion import ids

# A mention as a segment holds it: its kind ("page", "database", "user", "date") and its attributes.
Mention = tuple[str, tuple[tuple[str, str], ...]]

_TAG = re.compile(r'<(/?)(span|mention-(?:page|database|user|date))((?:\s+[A-Za-z][\w-]*="[^"]*")*)'
                  r"\s*(/?)>\Z")
_ATTR = re.compile(r'([A-Za-z][\w-]*)="([^"]*)"')
_PAGE_ID = re.compile(r"([0-9a-f]{32})\Z")
_USER_URL = re.compile(r"user://([0-9a-fA-F-]{32,36})\Z")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}(?:T[0-9:.]+(?:Z|[+-]\d{2}:\d{2})?)?\Z")
_TIME = re.compile(r"\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?\Z")


class Tag(NamedTuple):
    name: str  # "span" or "mention-<kind>"
    closing: bool
    alone: bool  # self-closing
    span: tuple[str | None, bool] = (None, False)  # an opening span's API colour and underline
    mention: Mention | None = None


def read(source: str) -> Tag | None:
    """The tag ``source`` is (one markdown-it ``html_inline`` token), None if not one of ours."""
    match = _TAG.match(source)
    if match is None:
        return None
    closing, name, attr_text, alone = match.group(1) == "/", match.group(2), match.group(3), match.group(4)
    attrs = {key: html.unescape(value) for key, value in _ATTR.findall(attr_text)}
    if closing:
        return Tag(name, True, False) if not attrs and not alone else None
    if name == "span":
        span = _span(attrs)
        return Tag(name, False, False, span) if span and not alone else None
    mention = _mention(name.removeprefix("mention-"), attrs)
    return Tag(name, False, bool(alone), mention=mention) if mention else None


def _span(attrs: dict[str, str]) -> tuple[str | None, bool] | None:
    if not attrs or set(attrs) - {"color", "underline"}:
        return None
    color = colors.to_api(attrs["color"]) if "color" in attrs else None
    if ("color" in attrs and color is None) or attrs.get("underline", "true") != "true":
        return None
    return color, "underline" in attrs


def _mention(kind: str, attrs: dict[str, str]) -> Mention | None:
    if kind == "date":
        return _date(attrs)
    url = attrs.get("url", "")
    if set(attrs) != {"url"}:
        return None
    if kind == "user":
        return (kind, (("url", url),)) if _USER_URL.match(url) else None
    ident = page_id(url)
    return (kind, (("url", ids.page_url(ident)),)) if ident else None


def _date(attrs: dict[str, str]) -> Mention | None:
    """A date mention's attributes: ``start`` and ``end`` as the API gives them (a date or a
    date-time); ``startTime``/``endTime`` (the guide's spelling) are folded into them."""
    if set(attrs) - {"start", "end", "startTime", "endTime", "timeZone"}:
        return None
    out = []
    for edge in ("start", "end"):
        value, time = attrs.get(edge), attrs.get(edge + "Time")
        if value is None:
            if time is not None or edge == "start":
                return None
            continue
        if time is not None:
            if "T" in value or not _TIME.match(time):
                return None
            value = f"{value}T{time}"
        if not _DATE.match(value):
            return None
        out.append((edge, value))
    if "timeZone" in attrs:
        out.append(("timeZone", attrs["timeZone"]))
    return ("date", tuple(out))


def page_id(url: str) -> str | None:
    """The page or database id a Notion URL ends with (its 32 hex digits), dashed; None if none."""
    path = url.split("?", 1)[0].split("#", 1)[0].lower().replace("-", "")
    match = _PAGE_ID.search(path)
    if not url.startswith(("https://", "http://")) or match is None:
        return None
    return ids.dashed(match.group(1))


def pair(sources: list[str | None]) -> dict[int, Tag]:
    """The tags among a run's inline HTML (None where a token is no HTML) that form whole pairs.

    An opening tag counts only with its closing partner (nested spans pair innermost first); a
    self-closing mention counts alone. A mention holds text only: no tag inside it counts.
    """
    found: dict[int, Tag] = {}
    stack: list[tuple[int, Tag]] = []
    for index, source in enumerate(sources):
        tag = read(source) if source else None
        if tag is None:
            continue
        inside_mention = bool(stack) and stack[-1][1].name != "span"
        if tag.alone:
            if not inside_mention:
                found[index] = tag
        elif not tag.closing:
            if not inside_mention:
                stack.append((index, tag))
        elif stack and stack[-1][1].name == tag.name:
            opened, opening = stack.pop()
            found[opened], found[index] = opening, tag
    return found


# --- writing ----------------------------------------------------------------------------------

def open_span(color: str | None, underline: bool) -> str:
    return open_tag("span", {"color": colors.to_file(color), "underline": "true" if underline else None})


def open_mention(mention: Mention) -> str:
    kind, attrs = mention
    return open_tag(f"mention-{kind}", dict(attrs))


def close_mention(mention: Mention) -> str:
    return f"</mention-{mention[0]}>"


# --- API <-> mention --------------------------------------------------------------------------

def from_api(body: dict) -> Mention | None:
    """The mention a rich-text item's ``mention`` object is, if the file can state it (a page,
    database, user or date mention whose tag reads back as itself)."""
    mention = _from_api(body)
    if mention is None or _mention(mention[0], dict(mention[1])) != mention:
        return None
    return mention


def _from_api(body: dict) -> Mention | None:
    kind = body.get("type") or next(iter(body), "")
    value = body.get(kind)
    if not isinstance(value, dict):
        return None
    if kind in ("page", "database") and isinstance(value.get("id"), str):
        return (kind, (("url", ids.page_url(value["id"])),))
    if kind == "user" and isinstance(value.get("id"), str):
        return (kind, (("url", "user://" + value["id"]),))
    if kind == "date" and isinstance(value.get("start"), str):
        attrs = [("start", value["start"])]
        if value.get("end"):
            attrs.append(("end", value["end"]))
        if value.get("time_zone"):
            attrs.append(("timeZone", value["time_zone"]))
        return ("date", tuple(attrs))
    return None


def to_api(mention: Mention) -> dict:
    """The request body of a mention (``{"type": "page", "page": {"id": …}}`` …)."""
    kind, pairs = mention
    attrs = dict(pairs)
    if kind == "date":
        date = {"start": attrs["start"]}
        if "end" in attrs:
            date["end"] = attrs["end"]
        if "timeZone" in attrs:
            date["time_zone"] = attrs["timeZone"]
        return {"type": "date", "date": date}
    if kind == "user":
        return {"type": "user", "user": {"id": attrs["url"].removeprefix("user://")}}
    return {"type": kind, kind: {"id": page_id(attrs["url"])}}


def default_text(mention: Mention) -> str:
    """What a self-closing mention shows until Notion names it: a date as Notion writes it."""
    kind, pairs = mention
    attrs = dict(pairs)
    if kind == "date":
        return attrs["start"] + (" → " + attrs["end"] if "end" in attrs else "")
    return attrs["url"]
