"""Every block payload in the real API recordings renders, and shows its text."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from notionlog.convert import block_key, to_markdown

RECORDED = Path(__file__).parents[1] / "fakenotion" / "recorded"


def _blocks(node, found: list) -> list:
    if isinstance(node, dict):
        if node.get("object") == "block" and "type" in node:
            found.append(node)
        for value in node.values():
            _blocks(value, found)
    elif isinstance(node, list):
        for value in node:
            _blocks(value, found)
    return found


def _recorded_blocks() -> list[dict]:
    found: list = []
    for path in sorted(RECORDED.glob("*.json")):
        _blocks(json.loads(path.read_text(encoding="utf-8")), found)
    return found


BLOCKS = _recorded_blocks()


def test_recordings_hold_blocks_of_several_types():
    assert {"paragraph", "child_page", "child_database"} <= {b["type"] for b in BLOCKS}


@pytest.mark.parametrize("block", BLOCKS, ids=lambda b: f"{b['type']}-{b['id'][-6:]}")
def test_every_recorded_block_renders_its_text(block):
    out = to_markdown([block])
    payload = block[block["type"]]
    texts = [item["plain_text"] for item in payload.get("rich_text", [])]
    texts += [payload["title"]] if payload.get("title") else []
    for text in texts:
        for word in text.split():
            assert word in out
    assert out.strip(), "a block must never render as nothing"
    assert block_key(block) == out.strip()
