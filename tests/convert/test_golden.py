"""Golden cases (tests/convert/fixtures/golden.txt): Markdown -> blocks, and the normal form."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from notionlog.convert import normalize, to_blocks, to_markdown

GOLDEN = Path(__file__).parent / "fixtures" / "golden.txt"


def _cases() -> list:
    text = GOLDEN.read_text(encoding="utf-8")
    cases = []
    for chunk in re.split(r"^%% ", text, flags=re.MULTILINE)[1:]:
        name, _, body = chunk.partition("\n")
        markdown, blocks, normal = re.split(r"^\.\n", body, maxsplit=2, flags=re.MULTILINE)
        head, *lines = blocks.strip("\n").split("\n")
        cases.append(pytest.param(markdown, json.loads(head), [json.loads(x) for x in lines],
                                  normal.rstrip("\n") + "\n", id=name))
    return cases


def _without_object(blocks: list) -> list:
    """Blocks as the fixture writes them: the constant "object": "block" left out, at every depth."""
    out = []
    for block in blocks:
        block = {k: v for k, v in block.items() if k != "object"}
        payload = block[block["type"]]
        if "children" in payload:
            block[block["type"]] = {**payload, "children": _without_object(payload["children"])}
        out.append(block)
    return out


@pytest.mark.parametrize(("markdown", "head", "blocks", "normal"), _cases())
def test_golden(markdown, head, blocks, normal):
    doc = to_blocks(markdown)
    assert doc.title == head["title"]
    if "title_rich_text" in head:  # a formatted title: its marks and links as rich text
        assert doc.title_rich_text == head["title_rich_text"]
    assert doc.front_matter == head.get("front_matter", {})
    assert _without_object(doc.children) == blocks
    assert normalize(markdown) == normal
    title = None if doc.title is None else doc.title_rich_text
    assert to_markdown(doc.children, title, doc.front_matter) == normal
    assert normalize(normal) == normal
