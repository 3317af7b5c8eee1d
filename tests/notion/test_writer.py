"""Creating deep pages and reading them back, against the emulator over HTTP, with exact request counts."""

from __future__ import annotations

import pytest

from notionlog.errors import NotionUnavailable

from .conftest import create_page, item, props, seedlike, shape, writes


def big() -> list[dict]:
    """Five levels, and more than 100 children at levels 1, 2 and 3."""
    chain = item("x", item("y", item("z")))
    t0 = item("t0", *[item(f"c{i}", chain) if i == 1 else item(f"c{i}") for i in range(130)])
    t1 = item("t1", *[item(f"u{j}", *[item(f"u{j}.{k}") for k in range(105)]) for j in range(2)])
    return [t0, t1, *[item(f"t{i}") for i in range(2, 120)]]


def test_a_tree_that_fits_is_created_in_one_request(api, database, fakenotion):
    children = [item("A", item("A1", item("A11"))), item("B")]
    page, tree = create_page(api, database.data_source_id, props("T", "2021-12-07"), children)
    assert writes(fakenotion) == ["POST /v1/pages"]
    assert shape(tree) == shape(children)
    assert [n["id"] for n in tree] == [None, None]  # a page create names no blocks
    assert shape(api.fetch_blocks(page["id"])) == shape(children)


def test_seedlike_page_cuts_only_the_deep_branch(api, database, fakenotion):
    page, tree = create_page(api, database.data_source_id, props("T", "2021-12-07"), seedlike())
    c_id = tree[3]["id"]
    # C (four levels) cannot ride whole, so an append is needed anyway: the create carries no
    # blocks, one append carries all five top-level blocks (C childless; Notion answers with their
    # ids), then C's three levels go in one more append
    assert writes(fakenotion) == [
        "POST /v1/pages",
        f"PATCH /v1/blocks/{page['id']}/children",
        f"PATCH /v1/blocks/{c_id}/children",
    ]
    assert all(n["id"] for n in tree)
    assert tree[1]["children"][0]["id"] is None  # A1 rode nested: Notion did not name it
    assert tree[3]["children"][0]["id"] is not None  # C1 was top-level in its append
    assert shape(tree) == shape(seedlike())
    fakenotion.clear_requests()
    fetched = api.fetch_blocks(page["id"])
    assert shape(fetched) == shape(seedlike())
    # one listing for the page and one per block with children: A, B, B1, C, C1, C11, D
    assert len(writes(fakenotion)) == 8
    assert all(line.startswith("GET ") for line in writes(fakenotion))


def test_five_levels_and_over_100_children_at_several_levels_round_trip(api, database, fakenotion):
    before = api.requests_sent
    page, tree = create_page(api, database.data_source_id, props("Big", "2021-12-08"), big())
    # create (t0 cannot ride: 130 children) + 2 appends of top-level blocks (100 + 20)
    # + t0's 130 children (2) + c1's chain x>y>z (1) + t1's two children (1) + 105 under each (2 + 2)
    assert api.requests_sent - before == len(writes(fakenotion)) == 11
    assert shape(tree) == shape(big())
    fakenotion.clear_requests()
    assert shape(api.fetch_blocks(page["id"])) == shape(big())
    # listings: page 2 pages of 100, t0 2, c1 1, x 1, y 1, t1 1, u0 2, u1 2
    assert len(writes(fakenotion)) == 12


def test_lost_response_on_create_raises_without_retrying(api, database, fakenotion):
    fakenotion.fault(r"POST /v1/pages", action="drop")
    with pytest.raises(NotionUnavailable) as caught:
        create_page(api, database.data_source_id, props("T", "2021-12-07"), seedlike())
    assert "POST /v1/pages" in caught.value.reason
    assert writes(fakenotion) == ["POST /v1/pages"]  # sent once; the emulator applied it
    found = list(api.query(database.data_source_id, {"property": "Date", "date": {"equals": "2021-12-07"}}))
    assert len(found) == 1  # so the caller must look the page up by Date before any retry


def test_lost_response_on_append_raises_without_retrying(api, database, fakenotion):
    fakenotion.fault(r"PATCH /v1/blocks/.*/children", action="drop")
    with pytest.raises(NotionUnavailable):
        create_page(api, database.data_source_id, props("T", "2021-12-07"), seedlike())
    assert [w.split(" ")[0] for w in writes(fakenotion)] == ["POST", "PATCH"]


def test_a_429_storm_with_retry_after_zero_gets_through(api, database, fakenotion):
    before = api.requests_sent
    fakenotion.fault(r"PATCH /v1/blocks/.*/children", status=429, times=6, retry_after=0)
    fakenotion.fault(r"POST /v1/pages", status=429, times=3, retry_after=0)
    page, tree = create_page(api, database.data_source_id, props("T", "2021-12-07"), seedlike())
    statuses = [r["status"] for r in fakenotion.requests()]
    assert statuses.count(429) == 9 and statuses.count(200) == 3
    assert api.requests_sent - before == 12
    assert shape(api.fetch_blocks(page["id"])) == shape(seedlike())


def test_server_errors_on_reads_are_retried_but_not_on_writes(api, database, fakenotion):
    page, _ = create_page(api, database.data_source_id, props("T", "2021-12-07"), [item("A")])
    fakenotion.fault(r"GET /v1/blocks/.*/children", status=503, times=2, retry_after=0)
    assert shape(api.fetch_blocks(page["id"])) == shape([item("A")])
    fakenotion.clear_requests()
    fakenotion.fault(r"PATCH /v1/pages/.*", status=500, times=1, retry_after=0)
    with pytest.raises(NotionUnavailable):
        api.update_page(page["id"], in_trash=True)
    assert writes(fakenotion) == [f"PATCH /v1/pages/{page['id']}"]
