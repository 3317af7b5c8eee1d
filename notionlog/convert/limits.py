"""The Notion API's size rules, applied before anything leaves the converter.

Sources (docs/notion-contract.md §5, §11): rich-text ``text.content`` <= 2000 characters, counted
in UTF-16 code units (an astral character such as an emoji counts 2); a rich-text array holds at most
100 items; a link URL must be absolute http(s) and <= 2000 characters; an external image's URL must
name a listed image file type in its path (else "Invalid image url.").

Splitting prefers the last whitespace inside the budget (a word boundary) and otherwise cuts between
code points, so a surrogate pair is never split (Python strings hold code points, not UTF-16 units).
"""

from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import urlsplit

MAX_TEXT_UNITS = 2000
MAX_ITEMS = 100
MAX_URL_UNITS = 2000
MAX_EQUATION_UNITS = 1000

_ABSOLUTE_HTTP = re.compile(r"https?://[^\s/?#]+\S*\Z", re.IGNORECASE)
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


def utf16_len(text: str) -> int:
    """Length in UTF-16 code units: code points plus one for each astral (surrogate-pair) one."""
    if text.isascii():
        return len(text)
    return len(text) + len(_ASTRAL.findall(text))


@lru_cache(maxsize=4096)  # a page's links are checked each time its text is read; URLs repeat
def valid_url(url: str | None) -> bool:
    """True for an absolute http(s) URL without whitespace that the API accepts (<= 2000 units).

    Its host must also be one a URL parser accepts (``http://[1]/`` is not: a bracket is an IPv6
    literal), read the unkind way: a URL Notion may refuse stays visible text.
    """
    if not url or utf16_len(url) > MAX_URL_UNITS or _ABSOLUTE_HTTP.match(url) is None:
        return False
    try:
        return bool(urlsplit(url).netloc)
    except ValueError:
        return False


IMAGE_EXTENSIONS = (".bmp", ".gif", ".heic", ".jpeg", ".jpg", ".png", ".svg", ".tif", ".tiff")


def image_url(url: str) -> bool:
    """A URL Notion takes for an external image block: valid, its path ending in an image type."""
    return valid_url(url) and urlsplit(url).path.lower().endswith(IMAGE_EXTENSIONS)


def _cut_point(text: str, budget: int) -> int:
    """Index of the longest prefix of ``text`` within ``budget`` UTF-16 units (>= 1 code point)."""
    units = 0
    for index, char in enumerate(text):
        units += 2 if ord(char) > 0xFFFF else 1
        if units > budget:
            return max(index, 1)
    return len(text)


def split_text(text: str, budget: int = MAX_TEXT_UNITS) -> list[str]:
    """Split ``text`` into pieces of at most ``budget`` UTF-16 units, preferring word boundaries.

    The pieces concatenate back to ``text`` exactly. A cut goes after the last whitespace in the
    window when there is one in its second half (so words stay whole), else at the budget.
    """
    if utf16_len(text) <= budget:
        return [text]
    pieces: list[str] = []
    rest = text
    while utf16_len(rest) > budget:
        cut = _cut_point(rest, budget)
        space = max(rest.rfind(" ", 0, cut), rest.rfind("\n", 0, cut))
        if space >= cut // 2:
            cut = space + 1
        pieces.append(rest[:cut])
        rest = rest[cut:]
    if rest:
        pieces.append(rest)
    return pieces


def chunk(items: list, size: int = MAX_ITEMS) -> list[list]:
    """Consecutive runs of at most ``size`` items (at least one run, possibly empty)."""
    if len(items) <= size:
        return [items]
    return [items[i : i + size] for i in range(0, len(items), size)]
