"""Property, against the emulator in-process: whatever a page nests (headings, paragraphs, columns,
list items), pushing its own file back writes nothing, and editing any one line of the file changes
that block alone, in place (same id), every other block keeping its id, content and children."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from notionlog.convert import to_blocks, to_markdown
from notionlog.convert.tags import marks_structure
from notionlog.notion import connect, update, writer
from notionlog.settings import Settings
from notionlog.sync.sides import block_key, compact
from tests.fakenotion.app import FakeNotion
from tests.fakenotion.server import transport
from tests.fakenotion.useredits import user_append
from tests.notion.conftest import props
from tests.structure.test_regroup import _block, trees


def _tree(api, block_id: str, out: dict) -> dict:
    for block in api.list_children(block_id):
        kind = block["type"]
        kids = [b["id"] for b in api.list_children(block["id"])] if block["has_children"] else []
        out[block["id"]] = (kind, block[kind], kids)
        if kids:
            _tree(api, block["id"], out)
    return out


def _request(block: dict) -> dict:
    kind = block["type"]
    kids = [_request(k) for k in block.get("children") or []]
    return {kind: {**block[kind], **({"children": kids} if kids else {})}}


def _writes(app) -> list[dict]:
    with app.log_lock:
        return [r for r in app.log if r["method"] != "GET"]


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(page=trees(), pick=st.integers(0, 10_000))
def test_a_pushed_file_changes_only_its_edited_line(page, pick):
    app = FakeNotion()
    api = connect(Settings(home=Path("h"), token="ntn_test_token", base_url="http://fake",
                           max_rps=1e6), transport=transport(app))
    db = api.create_database(app.store.root_id, "J")
    created, _ = writer.create_page(api, db.data_source_id, props("T", "2021-12-07"), [])
    # Made as in the app: any depth (the API writer could not create nested columns at once).
    user_append(app, {"parent_id": created["id"], "children": [_request(b) for b in page]})
    fetched = api.fetch_blocks(created["id"])
    old, text = compact(fetched), to_markdown(fetched)
    with app.log_lock:
        app.log.clear()
    update.update_blocks(api, created["id"], old, to_blocks(text).children, block_key,
                         reading=True)
    assert _writes(app) == []

    before = _tree(api, created["id"], {})
    lines = text.split("\n")
    # A line of words (a tag line is structure: editing it is no edit of one block's text).
    words = [i for i, line in enumerate(lines) if line.strip() and not line.strip().startswith("|")
             and not marks_structure(line)]
    at = words[pick % len(words)]
    lines[at] += " edited"
    update.update_blocks(api, created["id"], old, to_blocks("\n".join(lines)).children, block_key,
                         reading=True)
    after = _tree(api, created["id"], {})
    changed = {i for i in before.keys() | after.keys() if before.get(i) != after.get(i)}
    assert len(changed) == 1 and changed <= set(before), (text, at)
    api.close()


def _unique(blocks: list[dict], numbers) -> list[dict]:
    """The same tree with every text made distinct (w0, w1, … in reading order)."""
    out = []
    for block in blocks:
        kind = block["type"]
        body = {**block[kind]}
        if "rich_text" in body:
            body["rich_text"] = [{"type": "text", "text": {"content": f"w{next(numbers)}"}}]
        out.append({"type": kind, kind: body, "children": _unique(block["children"], numbers)})
    return out


def _subtree(block_id: str, tree: dict) -> set[str]:
    return {block_id}.union(*[_subtree(k, tree) for k in tree[block_id][2]])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(page=trees(columns=False), pick=st.integers(0, 10_000), to=st.integers(0, 10_000))
@example(  # a paragraph (its child a line of its own) moved past one holding a nested bullet
    page=[_block("paragraph", "alpha", [_block("paragraph", "alpha", [])]),
          _block("paragraph", "alpha", [_block("bulleted_list_item", "alpha",
                                                [_block("paragraph", "alpha", [])])])],
    pick=0, to=1)
@example(  # a line moved past a bullet whose paragraph holds a paragraph (spliced in the file)
    page=[_block("paragraph", "alpha", []),
          _block("bulleted_list_item", "alpha", [_block("paragraph", "alpha",
                                                        [_block("paragraph", "alpha", [])])])],
    pick=0, to=1)
def test_a_moved_block_is_the_only_one_re_created(page, pick, to):
    """A top-level block moved in the file (its lines, children included) costs at most the
    re-creation of as many blocks as it holds (it, or a neighbour it swapped places with, or a
    line of equal text); no other block is touched, and the page then reads as the file.

    Lines of distinct text, without column lists: among equal lines, the alignment may pick
    another line of the same text than the one moved and re-nest it (the page still reads as
    the file), and a column list can be re-created with a column's lines split off, which
    Notion refuses — known gaps."""
    app = FakeNotion()
    api = connect(Settings(home=Path("h"), token="ntn_test_token", base_url="http://fake",
                           max_rps=1e6), transport=transport(app))
    db = api.create_database(app.store.root_id, "J")
    created, _ = writer.create_page(api, db.data_source_id, props("T", "2021-12-07"), [])
    page = _unique(page, iter(range(10_000)))
    user_append(app, {"parent_id": created["id"], "children": [_request(b) for b in page]})
    fetched = api.fetch_blocks(created["id"])
    old = compact(fetched)
    moved = list(fetched)
    moved.insert(to % len(moved), moved.pop(pick % len(moved)))
    before = _tree(api, created["id"], {})
    update.update_blocks(api, created["id"], old, to_blocks(to_markdown(moved)).children,
                         block_key, reading=True)
    after = _tree(api, created["id"], {})
    gone = set(before) - set(after)
    assert len(gone) <= len(_subtree(moved[to % len(moved)]["id"], before))
    assert len(set(after) - set(before)) == len(gone)
    assert all(before[i] == after[i] for i in set(before) & set(after))
    assert to_markdown(api.fetch_blocks(created["id"])) == to_markdown(moved)
    api.close()
