"""Each Notion block type's own Markdown (its text, not its children), for every type the API returns.

Types the API returns and how they read in Markdown:
paragraph, heading_1..3 (``#``..``###``), heading_4 (``####`` as text), bulleted_list_item (``-``),
numbered_list_item (``1.``), to_do (``- [ ]``/``- [x]``), quote (``>``), code (a fence with the
language); a toggle, a callout, a coloured paragraph or quote, a toggleable heading, columns and
synced blocks: their tag form's opening line, then their text (convert.blocktags);
equation (``$$``), divider (``---``), table (GFM table; its rows are its children), image
(``![caption](url)``), bookmark / embed / link_preview / video / audio / file / pdf (the URL, bare,
then the caption; an uploaded one's URL as a link named by the file: ``[name](url)``),
child_page / child_database / link_to_page (a link to the page), tab (nothing of its own: its
children follow), breadcrumb,
table_of_contents, template, meeting_notes, unsupported and anything unknown: a visible
``<!-- notion: ... -->`` comment naming the type, never silence.
"""

from __future__ import annotations

import re
from urllib.parse import unquote, urlsplit

from notionlog.convert import blocktags, inline, languages, markup, safe, textmd
from notionlog.convert.inline import Seg, from_rich_text
from notionlog.convert.limits import image_url, valid_url
from notionlog.convert.parse import block_expression
from notionlog.convert.tables import row_markdown, table_markdown
from notionlog.notion import ids
from notionlog.notion.tree import ENVELOPE
from notionlog.richtext import plain_text as plain_text_of

_CONTAINERS = {"synced_block", "column_list", "column", "tab"}
_FENCE_RUN = re.compile(r"^ {0,3}(`{3,}|~{3,})", re.MULTILINE)
_CLOSING_HASHES = re.compile(r"(?:^|[ \t])(#+)[ \t]*\Z")
_LINKED = {"bookmark", "embed", "link_preview", "video", "audio", "file", "pdf"}


def view(block: dict) -> tuple[str, dict, list]:
    """(type, payload, children) of a block in request or response shape."""
    kind = block.get("type") or next((k for k, v in block.items()
                                      if k not in ENVELOPE and isinstance(v, dict)), "unknown")
    found = block.get(kind)
    payload: dict = found if isinstance(found, dict) else {}
    children: list = block.get("children") or payload.get("children") or []
    if kind == "table":  # its rows are its own content (tables.py), not nested blocks
        payload, children = {**payload, "children": children}, []
    if kind in ("child_page", "child_database") and "id" in block:
        payload = {**payload, "id": block["id"]}  # the page link needs the block's own id
    return kind, payload, children


def item_indent(kind: str, number: int) -> str:
    """Indentation of a list item's continuation lines and children (4 spaces, wider for 100.)."""
    return " " * (max(4, len(str(number)) + 2) if kind == "numbered_list_item" else 4)


page_url = ids.page_url  # one home for a page's URL


def own_markdown(kind: str, payload: dict, number: int = 1) -> str:
    """The Markdown of one block's own content (``number`` is its position in a numbered list)."""
    tagged = _tagged(kind, payload)
    if tagged is not None:
        return tagged
    writer = _WRITERS.get(kind)
    if writer is not None:
        return writer(kind, payload, number)
    if kind in _CONTAINERS:
        return ""
    if kind in _LINKED:
        return _linked(payload)
    return f"<!-- notion: unsupported block type {kind} -->"


def _tagged(kind: str, payload: dict) -> str | None:
    """A tag form's opening line and the block's own text after a blank line (blocktags.head), or None.

    A toggle's or callout's empty text is written as nothing here; render writes ``<empty-block/>``
    for it when children follow, which would otherwise be read as the text."""
    found = blocktags.head(kind, payload)
    if found is None:
        return None
    opening = blocktags.open_tag(*found)
    if kind in _CONTAINERS:
        return opening
    lead = _heading(kind, payload, 1) if kind.startswith("heading_") else _text(payload)
    return opening + "\n\n" + lead if lead else opening


def _segs(payload: dict, key: str = "rich_text", single_line: bool = False) -> list[Seg]:
    items = payload.get(key)
    return textmd.tidy(from_rich_text(items), single_line) if items else []


def plain_text(payload: dict) -> str | None:
    """The text of unmarked, unlinked runs (one, or several) when it reads back as itself; else
    None (a coloured or underlined run is written in a tag).

    Most journal lines are exactly that, and they skip the segment machinery (the bench's hot path).
    """
    items = payload.get("rich_text")
    if not items:
        return ""
    parts = []
    for item in items:
        body = item.get("text")
        if body is None or body.get("link") or item.get("href"):
            return None
        annotations = item.get("annotations")
        if annotations and (annotations.get("bold") or annotations.get("italic") or annotations.get(
                "strikethrough") or annotations.get("code") or annotations.get("underline")
                or annotations.get("color", "default") != "default"):
            return None
        parts.append(body.get("content", ""))
    text = textmd.trim(parts[0] if len(parts) == 1 else "".join(parts))
    if "\n" in text or "\r" in text or safe.needs_check_text(text) or markup.unicode_edge(text):
        return None
    return text


def _paragraph(kind: str, payload: dict, number: int) -> str:
    return _text(payload)


def _text(payload: dict) -> str:
    """A block's text as a paragraph."""
    plain = plain_text(payload)
    if plain is not None:
        return plain
    html = _html_block(payload)
    if html is not None:
        return html
    return textmd.text_markdown(_segs(payload), lambda t: t, textmd.first_text("paragraph"))


def _html_block(payload: dict) -> str | None:
    """A paragraph holding a raw HTML block, written as it is: its indentation is its own.

    (Markdown keeps an HTML block's lines verbatim; parse.py makes it a paragraph of that text.)
    """
    items = payload.get("rich_text") or []
    if len(items) != 1:
        return None
    text = inline.newlines(plain_text_of(items)).strip("\n")
    if not text.startswith("<") or "\n" not in text or blocktags.marks_structure(text):
        return None
    if any(any(seg.marks()) for seg in from_rich_text(items)):
        return None
    blocks = textmd.parse_markdown(text)
    if len(blocks) != 1 or blocks[0]["type"] != "paragraph":
        return None
    return text if plain_text_of(blocks[0]["paragraph"]["rich_text"]) == text else None


def _heading(kind: str, payload: dict, number: int) -> str:
    level = int(kind[-1])
    prefix = "#" * level
    plain = plain_text(payload) if level <= 3 else None
    if plain is not None:  # reads back as itself: text_markdown would return it so, wrapped
        return f"{prefix} {_keep_closing_hashes(plain)}".rstrip()
    segs = _segs(payload, single_line=True)
    if level > 3:  # Notion's newer heading_4: Markdown text, as parse.py keeps "####" lines
        return textmd.text_markdown(textmd.tidy([Seg(prefix + " "), *segs]),
                                    lambda t: _keep_closing_hashes(t) if segs else t,
                                    textmd.first_text("paragraph"))
    return textmd.text_markdown(segs, lambda t: f"{prefix} {_keep_closing_hashes(t)}".rstrip(),
                                textmd.first_text(kind, single_line=True))


def _keep_closing_hashes(text: str) -> str:
    """``Step #`` with its ``#`` escaped: a heading's trailing ``#`` run after a space (or alone)
    is a closing sequence that CommonMark drops."""
    match = _CLOSING_HASHES.search(text)
    return text[:match.start(1)] + "\\" + text[match.start(1):] if match else text


def _item(kind: str, payload: dict, number: int) -> str:
    if kind == "numbered_list_item":
        marker, target, extra = f"{number}.", kind, {}
    elif kind == "to_do":
        checked = bool(payload.get("checked"))
        marker, target, extra = ("- [x]" if checked else "- [ ]"), kind, {"checked": checked}
    else:
        marker, target, extra = "-", "bulleted_list_item", {}
    plain = plain_text(payload)
    if plain is not None and not (kind != "numbered_list_item" and plain.startswith("[")):
        return f"{marker} {plain}".rstrip(" ")  # wrap(plain): plain text holds no line break
    pad = item_indent(kind, number)

    def wrap(text: str) -> str:
        return (f"{marker} " + text.replace("\n", "\n" + pad)).rstrip(" ")

    return textmd.text_markdown(_segs(payload), wrap, textmd.first_text(target, **extra),
                                html_start=False)


def _quote(kind: str, payload: dict, number: int) -> str:
    segs = _segs(payload)

    def wrap(text: str) -> str:
        return "\n".join(("> " + line).rstrip() for line in text.split("\n"))

    return textmd.text_markdown(segs, wrap, textmd.first_text("quote"))


def _code(kind: str, payload: dict, number: int) -> str:
    content = inline.newlines(plain_text_of(payload.get("rich_text")))
    # The closing fence must be longer than any backtick run that starts a line of the code.
    longest = max((len(run) for run in _FENCE_RUN.findall(content)), default=0)
    fence = "`" * max(3, longest + 1)
    segs = _segs(payload, "caption", single_line=True)
    # A plain caption is written in the info string when it reads back as itself (a fence's label
    # is kept there: ```pycon, ```python title="a.py"); else it follows as a paragraph.
    info = None
    if segs and not any(any(seg.marks()) for seg in segs):
        info = languages.fence_info(payload.get("language"), "".join(seg.text for seg in segs))
    lines = [fence + (info if info is not None else languages.to_fence(payload.get("language"))),
             content, fence]
    caption = _caption(payload) if info is None else ""
    return "\n".join(lines) + (f"\n\n{caption}" if caption else "")


def _caption(payload: dict) -> str:
    segs = _segs(payload, "caption")
    if not segs:
        return ""
    return textmd.text_markdown(segs, lambda t: t, textmd.first_text("paragraph"))


def _equation(kind: str, payload: dict, number: int) -> str:
    expression = block_expression(payload.get("expression", ""))
    if "$$" in expression:  # would close the $$ fence early: keep it readable as LaTeX code
        return _code("code", {"rich_text": [{"text": {"content": expression}}], "language": "latex"}, 1)
    return f"$$\n{expression}\n$$" if expression else "$$\n$$"


def _divider(kind: str, payload: dict, number: int) -> str:
    return "---"


def _table(kind: str, payload: dict, number: int) -> str:
    return table_markdown(payload)


def _table_row(kind: str, payload: dict, number: int) -> str:
    return row_markdown(payload)


def _image(kind: str, payload: dict, number: int) -> str:
    url = _file_url(payload)
    if not valid_url(url) or re.search(r"[\s()<>]", url):
        return _linked(payload)
    segs = _segs(payload, "caption", single_line=True)
    if not image_url(url):  # parse.py keeps such an image as the text typed: write that text
        text = "![" + "".join(seg.text for seg in segs) + f"]({url})"
        return _paragraph("paragraph", {"rich_text": [{"type": "text", "text": {"content": text}}]}, 1)
    return textmd.text_markdown(segs, lambda t: f"![{t}]({url})", _image_caption, brackets=False)


def _image_caption(blocks: list) -> list[Seg] | None:
    if len(blocks) != 1 or blocks[0]["type"] != "image":
        return None
    return textmd.tidy(from_rich_text(blocks[0]["image"]["caption"]), single_line=True)


def _file_url(payload: dict) -> str:
    source = payload.get(payload.get("type") or "external") or payload.get("external") or {}
    return source.get("url", "") if isinstance(source, dict) else ""


def _linked(payload: dict) -> str:
    url = payload.get("url") or _file_url(payload)
    line = _upload_link(payload, url) if payload.get("type") == "file" else url
    caption = _caption(payload)
    return "\n".join(part for part in (line, caption) if part) or "<!-- notion: empty link -->"


def _upload_link(payload: dict, url: str) -> str:
    """An uploaded file's line: a link named by the file's ``name`` (else its URL's last path
    segment), so a Markdown viewer opens it; a URL a link cannot hold stays bare."""
    if not valid_url(url) or re.search(r"[\s()<>]", url):
        return url
    name = payload.get("name") or unquote(urlsplit(url).path.rsplit("/", 1)[-1]) or "file"
    return textmd.text_markdown([Seg(name, link=url)], lambda t: t, textmd.first_text("paragraph"))


def _page_link(kind: str, payload: dict, number: int) -> str:
    target = payload.get(payload.get("type", "")) if kind == "link_to_page" else None
    page_id = target or payload.get("id") or ""
    title = " ".join((payload.get("title") or "").split())
    url = page_url(page_id) if page_id else ""
    segs = [Seg(title or url, link=url or None)] if (title or url) else []
    if not segs:
        return f"<!-- notion: {kind} -->"
    return textmd.text_markdown(segs, lambda t: t, textmd.first_text("paragraph"))


def _placeholder(kind: str, payload: dict, number: int) -> str:
    return f"<!-- notion: {kind} -->"


_WRITERS = {
    "paragraph": _paragraph, "heading_1": _heading, "heading_2": _heading, "heading_3": _heading,
    "heading_4": _heading, "bulleted_list_item": _item, "numbered_list_item": _item, "to_do": _item,
    "quote": _quote, "code": _code, "equation": _equation,
    "divider": _divider, "table": _table, "table_row": _table_row, "image": _image, "child_page": _page_link,
    "child_database": _page_link, "link_to_page": _page_link, "breadcrumb": _placeholder,
    "table_of_contents": _placeholder, "template": _placeholder, "meeting_notes": _placeholder,
}
