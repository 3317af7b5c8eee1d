"""Helpers for the Notion layer's tests: an API on the emulator, block builders, a content key."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from notionlog.notion import connect, update, writer
from notionlog.notion import tree as t
from notionlog.settings import Settings


def text_of(block: dict) -> str:
    items = t.payload(block).get("rich_text", [])
    return "".join(i.get("plain_text", (i.get("text") or {}).get("content", "")) for i in items)


def simple_key(block: dict) -> str:
    """Type, visible text and to-do state: enough for these tests, independent of the converter."""
    return json.dumps([t.block_type(block), text_of(block), t.payload(block).get("checked")])


def create_page(api, data_source_id: str, properties: dict, children: list[dict]):
    return writer.create_page(api, data_source_id, properties, children)


def update_blocks(api, page_id: str, old, new: list[dict], key=simple_key) -> list[dict]:
    return update.update_blocks(api, page_id, old, new, key)


def item(text: str, *children: dict, kind: str = "bulleted_list_item") -> dict:
    """A request-shape block, children under "children" as the converter emits them."""
    block = {"type": kind, kind: {"rich_text": [{"type": "text", "text": {"content": text}}]}}
    if children:
        block["children"] = list(children)
    return block


def shape(blocks: list[dict]) -> list:
    """(type, text, children) to full depth, for comparing request-shape and response-shape trees."""
    return [(t.block_type(b), text_of(b), shape(t.kids(b))) for b in blocks]


def ids(blocks: list[dict]) -> list:
    return [(b["id"], ids(b.get("children") or [])) for b in blocks]


def writes(fake) -> list[str]:
    """The emulator's log of /v1 requests as "METHOD path" lines, reads included."""
    return [f"{r['method']} {r['path']}" for r in fake.requests()]


@pytest.fixture
def api(fakenotion):
    settings = Settings(home=Path("home"), token=fakenotion.token, base_url=fakenotion.base_url,
                        max_rps=1000)
    notion = connect(settings)
    yield notion
    notion.close()


@pytest.fixture
def database(api, fakenotion):
    db = api.create_database(fakenotion.root_id, "Journal")
    fakenotion.clear_requests()
    return db


def props(title: str, day: str) -> dict:
    return {"Name": {"title": [{"text": {"content": title}}]}, "Date": {"date": {"start": day}}}


def seedlike() -> list[dict]:
    """A heading, then bullets up to four levels deep (like tests/data/20211207-seed-entry.md)."""
    return [
        item("20211207", kind="heading_2"),
        item("A", item("A1"), item("A2")),
        item("B", item("B1", item("B11"))),
        item("C", item("C1", item("C11", item("C111")))),
        item("D", item("D1")),
    ]
