"""update_blocks: a minimal in-place diff that keeps the ids of unchanged blocks (exact request counts)."""

from __future__ import annotations

import copy

import pytest

from .conftest import create_page, ids, item, props, seedlike, shape, update_blocks, writes


@pytest.fixture
def page(api, database, fakenotion):
    """A written seed-like page; yields (page id, tree as create_page returned it)."""
    created, tree = create_page(api, database.data_source_id, props("T", "2021-12-07"), seedlike())
    fakenotion.clear_requests()
    return created["id"], tree


def edited(blocks: list[dict], path: tuple[int, ...], text: str) -> list[dict]:
    """A copy of request-shape ``blocks`` with the block at ``path`` given new text."""
    new = copy.deepcopy(blocks)
    target = {"children": new}
    for index in path:
        target = target["children"][index]
    target[target["type"]]["rich_text"] = [{"type": "text", "text": {"content": text}}]
    return new


def test_nothing_changed_sends_nothing(api, page, fakenotion):
    page_id, tree = page
    result = update_blocks(api, page_id, tree, seedlike())
    assert writes(fakenotion) == []
    assert ids(result) == ids(tree)


def test_one_changed_line_with_a_known_id_is_one_patch(api, page, fakenotion):
    page_id, tree = page
    d_id = tree[4]["id"]
    result = update_blocks(api, page_id, tree, edited(seedlike(), (4,), "D changed"))
    assert writes(fakenotion) == [f"PATCH /v1/blocks/{d_id}"]
    assert result[4]["id"] == d_id
    assert shape(api.fetch_blocks(page_id)) == shape(edited(seedlike(), (4,), "D changed"))


def fitting() -> list[dict]:
    """A page the create call carries whole: Notion names none of its blocks."""
    return [item("20211207", kind="heading_2"), item("A", item("A1"), item("A2")), item("D", item("D1"))]


@pytest.fixture
def fitted(api, database, fakenotion):
    created, tree = create_page(api, database.data_source_id, props("F", "2021-12-08"), fitting())
    assert writes(fakenotion)[-1] == "POST /v1/pages" and not any(n["id"] for n in tree)
    fakenotion.clear_requests()
    return created["id"], tree


def test_a_nested_line_with_unknown_ids_lists_only_the_levels_on_its_path(api, fitted, fakenotion):
    page_id, tree = fitted
    before = api.fetch_blocks(page_id)
    fakenotion.clear_requests()
    new = edited(fitting(), (1, 0), "A1 changed")
    result = update_blocks(api, page_id, tree, new)
    a_id, a1_id = before[1]["id"], before[1]["children"][0]["id"]
    assert writes(fakenotion) == [
        f"GET /v1/blocks/{page_id}/children",  # ids of the top level (written in the create call)
        f"GET /v1/blocks/{a_id}/children",  # ids of A's children
        f"PATCH /v1/blocks/{a1_id}",
    ]
    after = api.fetch_blocks(page_id)
    assert shape(after) == shape(new)
    assert ids(after) == ids(before)  # every block kept its id: comments in Notion survive
    fakenotion.clear_requests()
    # the ids learnt are in the returned tree: the next edit on that level needs no listing
    again = edited(new, (1, 1), "A2 changed")
    update_blocks(api, page_id, result, again)
    assert writes(fakenotion) == [f"PATCH /v1/blocks/{before[1]['children'][1]['id']}"]


def test_consecutive_new_blocks_go_in_one_append_after_their_neighbour(api, page, fakenotion):
    page_id, tree = page
    full = api.fetch_blocks(page_id)
    fakenotion.clear_requests()
    new = seedlike()
    new[3:3] = [item("new 1"), item("new 2", item("new 2.1")), item("new 3")]
    result = update_blocks(api, page_id, full, new)
    assert writes(fakenotion) == [f"PATCH /v1/blocks/{page_id}/children"]
    after = api.fetch_blocks(page_id)
    assert shape(after) == shape(new)
    assert [b["id"] for b in after] == [b["id"] for b in result]
    kept = [b["id"] for i, b in enumerate(after) if i not in (3, 4, 5)]
    assert kept == [b["id"] for b in full]


def test_a_block_inserted_first_goes_to_the_start(api, page, fakenotion):
    page_id, _ = page
    full = api.fetch_blocks(page_id)
    fakenotion.clear_requests()
    new = [item("first"), *seedlike()]
    update_blocks(api, page_id, full, new)
    assert writes(fakenotion) == [f"PATCH /v1/blocks/{page_id}/children"]
    assert shape(api.fetch_blocks(page_id)) == shape(new)


def test_a_removed_block_is_trashed_with_its_subtree(api, page, fakenotion):
    page_id, _ = page
    full = api.fetch_blocks(page_id)
    fakenotion.clear_requests()
    new = seedlike()
    del new[3]
    update_blocks(api, page_id, full, new)
    assert writes(fakenotion) == [f"DELETE /v1/blocks/{full[3]['id']}"]
    assert shape(api.fetch_blocks(page_id)) == shape(new)


def test_a_changed_type_is_inserted_then_the_old_block_trashed(api, page, fakenotion):
    page_id, _ = page
    full = api.fetch_blocks(page_id)
    fakenotion.clear_requests()
    new = seedlike()
    new[4] = item("D", item("D1"), kind="numbered_list_item")
    update_blocks(api, page_id, full, new)
    assert writes(fakenotion) == [
        f"PATCH /v1/blocks/{page_id}/children", f"DELETE /v1/blocks/{full[4]['id']}"]
    assert shape(api.fetch_blocks(page_id)) == shape(new)


def test_a_deep_insert_under_an_unchanged_branch(api, page, fakenotion):
    page_id, _ = page
    full = api.fetch_blocks(page_id)
    fakenotion.clear_requests()
    new = seedlike()
    new[3]["children"][0]["children"][0]["children"].append(item("C112", item("C1121", item("C11211"))))
    update_blocks(api, page_id, full, new)
    c11 = full[3]["children"][0]["children"][0]
    assert writes(fakenotion) == [f"PATCH /v1/blocks/{c11['id']}/children"]
    assert shape(api.fetch_blocks(page_id)) == shape(new)


def test_a_page_changed_since_the_recording_is_diffed_against_what_is_there(api, fitted, fakenotion):
    page_id, tree = fitted
    client = fakenotion.client()
    client.blocks.children.append(block_id=page_id, children=[item("added in Notion")])
    fakenotion.clear_requests()
    new = edited(fitting(), (0,), "20211208")
    update_blocks(api, page_id, tree, new)
    # the recorded top level (ids unknown) no longer matches the listing: the listing is the old side
    methods = [w.split(" ")[0] for w in writes(fakenotion)]
    assert methods == ["GET", "PATCH", "DELETE"]
    assert shape(api.fetch_blocks(page_id)) == shape(new)


def test_an_unknown_old_tree_is_listed_first(api, page, fakenotion):
    page_id, _ = page
    new = edited(seedlike(), (4,), "D changed")
    update_blocks(api, page_id, None, new)
    methods = [w.split(" ")[0] for w in writes(fakenotion)]
    # nothing recorded: every level is listed to compare (page, A, B, B1, C, C1, C11, D), one PATCH
    assert sorted(methods) == ["GET"] * 8 + ["PATCH"]
    assert shape(api.fetch_blocks(page_id)) == shape(new)


def test_an_edited_line_keeps_its_id_when_a_new_line_is_typed_above_it(api, database, fakenotion):
    old = [item("the quick brown fox"), item("end")]
    created, _ = create_page(api, database.data_source_id, props("T", "2021-12-09"), old)
    full = api.fetch_blocks(created["id"])
    fakenotion.clear_requests()
    new = [item("a brand new thought"), item("the quick brown fox jumps"), item("end")]
    result = update_blocks(api, created["id"], full, new)
    assert writes(fakenotion) == [f"PATCH /v1/blocks/{created['id']}/children",  # inserted at the start
                                  f"PATCH /v1/blocks/{full[0]['id']}"]  # the fox line edited in place
    assert result[1]["id"] == full[0]["id"] and result[2]["id"] == full[1]["id"]
    assert shape(api.fetch_blocks(created["id"])) == shape(new)


def test_a_trash_whose_answer_was_lost_is_safely_repeated(api, page, fakenotion):
    page_id, _ = page
    full = api.fetch_blocks(page_id)
    fakenotion.clear_requests()
    fakenotion.fault(r"DELETE /v1/blocks/.*", action="drop")
    new = seedlike()
    del new[4]
    update_blocks(api, page_id, full, new)
    assert writes(fakenotion) == [f"DELETE /v1/blocks/{full[4]['id']}"] * 2
    assert shape(api.fetch_blocks(page_id)) == shape(new)


def test_an_empty_record_is_checked_so_nothing_is_duplicated(api, page, fakenotion):
    page_id, _ = page
    update_blocks(api, page_id, [], seedlike())
    assert writes(fakenotion)[0] == f"GET /v1/blocks/{page_id}/children"
    assert all(not w.startswith(("PATCH", "DELETE")) for w in writes(fakenotion))
    assert shape(api.fetch_blocks(page_id)) == shape(seedlike())
