"""Property, against the emulator in-process: whatever a page nests (headings, paragraphs, columns,
list items), pushing its own file back writes nothing, and editing any one line of the file changes
that block alone, in place (same id), every other block keeping its id, content and children."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from notionlog.convert import to_blocks, to_markdown
from notionlog.convert.blocktags import marks_structure
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


def _app_page():
    """(emulator, API over it, a journal page) in-process."""
    app = FakeNotion()
    api = connect(Settings(home=Path("h"), token="ntn_test_token", base_url="http://fake",
                           max_rps=1e6), transport=transport(app))
    db = api.create_database(app.store.root_id, "J")
    created, _ = writer.create_page(api, db.data_source_id, props("T", "2021-12-07"), [])
    return app, api, created


def _writes(app) -> list[dict]:
    with app.log_lock:
        return [r for r in app.log if r["method"] != "GET"]


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(page=trees(), pick=st.integers(0, 10_000))
def test_a_pushed_file_changes_only_its_edited_line(page, pick):
    app, api, created = _app_page()
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

    Lines of distinct text, without column lists (the property below moves lines across them):
    among equal lines of the same level, the alignment may pick another line of the same text
    than the one moved (the page still reads as the file)."""
    app, api, created = _app_page()
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


def _paragraph(word: str) -> dict:
    return {"type": "paragraph", "paragraph": {"rich_text": [{"type": "text", "text": {"content": word}}]},
            "children": []}


def _column_list(columns: list[int], numbers) -> dict:
    column = [{"type": "column", "column": {},
               "children": [_paragraph(f"w{next(numbers)}") for _ in range(size)]} for size in columns]
    return {"type": "column_list", "column_list": {}, "children": column}


@st.composite
def column_pages(draw) -> list[dict]:
    """Top-level lines and column lists of 2–3 columns, each column 1–2 lines; distinct words."""
    numbers = iter(range(10_000))
    parts = draw(st.lists(st.one_of(st.just(None), st.lists(st.integers(1, 2), min_size=2, max_size=3)),
                          min_size=1, max_size=5))
    if all(p is None for p in parts):
        parts.append([1, 1])
    return [_paragraph(f"w{next(numbers)}") if p is None else _column_list(p, numbers) for p in parts]


def _ids_by_word(tree: dict) -> dict[str, str]:
    return {"".join(i["plain_text"] for i in body["rich_text"]): block_id
            for block_id, (kind, body, _) in tree.items() if kind == "paragraph"}


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(page=column_pages(), pick=st.integers(0, 10_000), to=st.integers(0, 10_000),
       delete=st.booleans())
def test_a_line_moved_or_deleted_across_column_lists_is_never_refused(page, pick, to, delete):
    """Any line of words of the file (each a paragraph, at the top or in a column) moved anywhere
    (between the column tags too), or deleted: Notion refuses none of the requests (the emulator
    keeps the column rules), the page then reads as the file, and every other line keeps its block —
    but the lines of a column list left with one column, which the app itself dissolves (they are
    re-created where it stood)."""
    app, api, created = _app_page()
    user_append(app, {"parent_id": created["id"], "children": [_request(b) for b in page]})
    fetched = api.fetch_blocks(created["id"])
    lines = [line for line in to_markdown(fetched).split("\n") if line]
    words = [i for i, line in enumerate(lines) if not marks_structure(line)]
    line = lines.pop(words[pick % len(words)])
    if not delete:
        lines.insert(to % (len(lines) + 1), line)
    text = "\n\n".join(lines) + "\n"
    before = _tree(api, created["id"], {})
    update.update_blocks(api, created["id"], compact(fetched), to_blocks(text).children, block_key,
                         reading=True)  # a refused request raises
    after = _tree(api, created["id"], {})
    # The words in the file's order (an emptied column or a dissolved list has no line of words).
    assert _WORD.findall(to_markdown(api.fetch_blocks(created["id"]))) == _WORD.findall(text)
    dissolved = {w for i, (kind, _, kids) in before.items() if kind == "column_list" and i not in after
                 for w in _words_under(i, before)}
    old, new = _ids_by_word(before), _ids_by_word(after)
    changed = {w for w in old if old[w] != new.get(w)} - dissolved
    # Deleted: that line alone goes. Moved: one line re-created, it or a neighbour it swapped with.
    assert (changed <= {line} and line not in new) if delete else len(changed) <= 1, text
    api.close()


_WORD = re.compile(r"\bw\d+\b")


def _words_under(block_id: str, tree: dict) -> set[str]:
    kind, body, kids = tree[block_id]
    own = {"".join(i["plain_text"] for i in body["rich_text"])} if kind == "paragraph" else set()
    return own.union(*[_words_under(k, tree) for k in kids])
