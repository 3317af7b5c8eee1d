"""A page a person built in the Notion app with one of every block type the API returns.

``add_showcase(fake)`` makes it through the control surface (as the app would: any depth, uploads,
types the API cannot create) and returns ``(page, ids)``: ``ids`` maps a label (``"toggle"``,
``"synced original"``, ``"upload"`` …) to the block's id, for tests that edit one block and check
that every other keeps its id, type, text, annotations, icon, colour and children. Text carries
colours, every annotation, a link and page/date/user mentions; blocks that can hold children have one.
"""

from __future__ import annotations

import base64

from .apierror import PERSON_ID

# The smallest valid PNG: one transparent pixel.
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000001e221bc330000000049454e44ae426082"
)


def run(content: str, **annotations: object) -> dict:
    item: dict = {"type": "text", "text": {"content": content}}
    if annotations:
        item["annotations"] = annotations
    return item


def rich_line(page_id: str) -> list[dict]:
    """Every kind of rich text: plain, each annotation, a colour, a link, three mentions, an equation."""
    return [
        run("plain "),
        run("bold ", bold=True),
        run("italic ", italic=True),
        run("struck ", strikethrough=True),
        run("underlined ", underline=True),
        run("code", code=True),
        run(" red ", color="red"),
        run(" on yellow ", color="yellow_background"),
        {"type": "text", "text": {"content": "a link", "link": {"url": "https://example.com/"}}},
        run(" "),
        {"type": "mention", "mention": {"type": "page", "page": {"id": page_id}}},
        run(" "),
        {"type": "mention", "mention": {"type": "date", "date": {"start": "2021-12-07"}}},
        run(" "),
        {"type": "mention", "mention": {"type": "user", "user": {"id": PERSON_ID}}},
        run(" "),
        {"type": "equation", "equation": {"expression": "e^{i\\pi}+1=0"}},
    ]


def text(content: str) -> list[dict]:
    return [run(content)]


def child(content: str) -> list[dict]:
    return [{"type": "paragraph", "paragraph": {"rich_text": text(content)}}]


def photo_block() -> dict:
    """An image a person uploaded in the app (``PNG``, captioned "a photo")."""
    return {"image": {"type": "file", "file": _photo(), "caption": text("a photo")}}


def _photo() -> dict:
    return {"data_base64": base64.b64encode(PNG).decode(), "name": "photo.png"}


def _blocks(page_id: str) -> list[tuple[str, dict]]:
    """(label, request-shape block) for every type the app can hold, in page order."""
    photo = _photo()
    row = {"table_row": {"cells": [text("a"), text("b")]}}
    media = "https://example.com/media"
    return [
        ("heading_1", {"heading_1": {"rich_text": text("Heading one"), "color": "blue"}}),
        (
            "heading_2 toggle",
            {
                "heading_2": {
                    "rich_text": text("Toggle heading"),
                    "is_toggleable": True,
                    "children": child("under the toggle heading"),
                }
            },
        ),
        ("heading_3", {"heading_3": {"rich_text": text("Heading three")}}),
        (
            "paragraph",
            {
                "paragraph": {
                    "rich_text": rich_line(page_id),
                    "color": "gray_background",
                    "children": child("under the paragraph"),
                }
            },
        ),
        ("bulleted", {"bulleted_list_item": {"rich_text": text("bullet"), "children": child("nested")}}),
        ("numbered", {"numbered_list_item": {"rich_text": text("first")}}),
        ("to_do", {"to_do": {"rich_text": text("done"), "checked": True}}),
        ("quote", {"quote": {"rich_text": text("quoted"), "color": "purple", "children": child("in quote")}}),
        ("toggle", {"toggle": {"rich_text": text("toggle"), "children": child("inside the toggle")}}),
        (
            "callout",
            {
                "callout": {
                    "rich_text": text("note"),
                    "icon": {"type": "emoji", "emoji": "💡"},
                    "color": "yellow_background",
                    "children": child("in the callout"),
                }
            },
        ),
        ("code", {"code": {"rich_text": text("print('hi')"), "language": "python", "caption": text("cap")}}),
        ("divider", {"divider": {}}),
        ("breadcrumb", {"breadcrumb": {}}),
        ("table_of_contents", {"table_of_contents": {"color": "gray"}}),
        ("equation", {"equation": {"expression": "a^2+b^2=c^2"}}),
        ("table", {"table": {"table_width": 2, "has_column_header": True, "children": [row, row]}}),
        ("bookmark", {"bookmark": {"url": "https://example.com/article", "caption": text("read")}}),
        ("embed", {"embed": {"url": "https://example.com/embed"}}),
        ("link_to_page", {"link_to_page": {"type": "page_id", "page_id": page_id}}),
        ("image external", {"image": {"type": "external", "external": {"url": f"{media}/a.png"}}}),
        ("upload", photo_block()),
        ("file", {"file": {"type": "file", "file": {**photo, "name": "notes.pdf"}}}),
        ("video", {"video": {"type": "external", "external": {"url": f"{media}/v.mp4"}}}),
        ("pdf", {"pdf": {"type": "external", "external": {"url": f"{media}/d.pdf"}}}),
        ("audio", {"audio": {"type": "external", "external": {"url": f"{media}/s.mp3"}}}),
        (
            "column_list",
            {
                "column_list": {
                    "children": [
                        {"column": {"children": child("left")}},
                        {"column": {"children": child("right")}},
                    ]
                }
            },
        ),
        ("synced original", {"synced_block": {"synced_from": None, "children": child("synced text")}}),
        ("link_preview", {"link_preview": {"url": "https://github.com/example/repo/pull/1"}}),
        ("unsupported", {"unsupported": {}}),
    ]


def add_showcase(fake, title: str = "Every block") -> tuple[dict, dict[str, str]]:
    """The page, then ``{label: block id}`` (a synced duplicate and a child page added last)."""
    page = fake.add_page(title)
    return page, fill_showcase(fake, page["id"])


def fill_showcase(fake, page_id: str) -> dict[str, str]:
    """Append the showcase's blocks to an existing page (as a person); returns their ids by label."""
    page = {"id": page_id}
    labelled = _blocks(page["id"])
    made = fake.user_append(page["id"], [block for _, block in labelled])
    ids = {label: block["id"] for (label, _), block in zip(labelled, made, strict=True)}
    duplicate = {"synced_block": {"synced_from": {"block_id": ids["synced original"]}}}
    ids["synced duplicate"] = fake.user_append(page["id"], [duplicate])[0]["id"]
    ids["child_page"] = fake.add_page("A sub-page", parent_id=page["id"])["id"]
    return ids
