"""The real seed entry through the converter and this layer: pushed, read back, edited line by line."""

from __future__ import annotations

from pathlib import Path

import pytest

from notionlog.convert import normalize, to_blocks, to_markdown
from notionlog.notion import update
from notionlog.sync.sides import block_key

from .conftest import create_page, ids, props


def seed_update(api, page_id, old, new):
    return update.update_blocks(api, page_id, old, new, block_key)

SEED = Path(__file__).parents[1] / "data" / "20211207-seed-entry.md"


@pytest.fixture
def seed_page(api, fakenotion):
    text = SEED.read_text(encoding="utf-8")
    db = api.create_database(fakenotion.root_id, "Journal")
    doc = to_blocks(text)
    fakenotion.clear_requests()
    page, tree = create_page(api, db.data_source_id, props(doc.title, "2021-12-07"), doc.children)
    return text, doc, page["id"], tree


def test_seed_is_pushed_in_three_requests_and_reads_back_unchanged(api, fakenotion, seed_page):
    text, doc, page_id, _ = seed_page
    # the lower bound is 1 create + 1 per depth-3 block with children (3) = 4
    assert [r["method"] for r in fakenotion.requests()] == ["POST", "PATCH", "PATCH"]
    fakenotion.clear_requests()
    fetched = api.fetch_blocks(page_id)
    assert to_markdown(fetched, doc.title, doc.front_matter) == normalize(text)
    blocks_with_children = sum(1 for _ in _walk(fetched) if _.get("has_children"))
    assert len(fakenotion.requests()) == 1 + blocks_with_children


def _walk(blocks):
    for block in blocks:
        yield block
        yield from _walk(block.get("children") or [])


def test_every_single_line_edit_costs_at_most_three_requests_and_keeps_other_ids(
        api, fakenotion, seed_page):
    text, doc, page_id, tree = seed_page
    lines = normalize(text).splitlines()
    bullets = [i for i, line in enumerate(lines) if line.lstrip().startswith("- ")]
    recorded = tree
    for index in bullets[::5]:
        lines[index] += " (edited)"
        new = to_blocks("\n".join(lines) + "\n")
        fakenotion.clear_requests()
        recorded = seed_update(api, page_id, recorded, new.children)
        sent = [r["method"] for r in fakenotion.requests()]
        assert sent.count("PATCH") == 1 and len(sent) <= 3, (index, sent)
    fetched = api.fetch_blocks(page_id)
    assert to_markdown(fetched, doc.title) == normalize("\n".join(lines) + "\n")
    known = [i for i in _flat(ids(recorded)) if i]
    assert set(known) <= set(_flat(ids(fetched)))  # every id we recorded is still the live block


def _flat(pairs):
    for block_id, children in pairs:
        yield block_id
        yield from _flat(children)


def test_an_edited_table_cell_is_one_patch_of_its_row(api, fakenotion):
    db = api.create_database(fakenotion.root_id, "Journal")
    text = "# T\n\n| a | b |\n|---|---|\n| 1 | 2 |\n| 3 | 4 |\n"
    doc = to_blocks(text)
    page, tree = create_page(api, db.data_source_id, props("T", "2021-12-07"), doc.children)
    fetched = api.fetch_blocks(page["id"])
    fakenotion.clear_requests()
    edited = to_blocks(text.replace("| 3 | 4 |", "| 3 | 4.5 |"))
    seed_update(api, page["id"], fetched, edited.children)
    row = fetched[0]["children"][2]["id"]
    assert [(r["method"], r["path"]) for r in fakenotion.requests()] == [("PATCH", f"/v1/blocks/{row}")]
    rows = api.fetch_blocks(page["id"])[0]["children"]
    assert [[c[0]["plain_text"] for c in r["table_row"]["cells"]] for r in rows] == [
        ["a", "b"], ["1", "2"], ["3", "4.5"]]
    assert [r["id"] for r in rows] == [r["id"] for r in fetched[0]["children"]]
