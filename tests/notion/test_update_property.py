"""Property: whatever the old and new trees, update_blocks leaves Notion equal to the new tree.

Runs in-process (the emulator's WSGI app through an httpx transport) so Hypothesis can try many
trees quickly; ids handed back must be the live blocks at those positions, so the next update works.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from notionlog.notion import connect
from notionlog.settings import Settings
from tests.fakenotion.app import FakeNotion
from tests.fakenotion.server import transport

from .conftest import create_page, item, props, shape, update_blocks

KINDS = ["bulleted_list_item", "numbered_list_item", "paragraph", "to_do"]


def trees(depth: int = 4):
    texts, kinds = st.sampled_from("abcd"), st.sampled_from(KINDS)
    leaf = st.builds(lambda text, kind: item(text, kind=kind), texts, kinds)
    if depth == 1:
        return st.lists(leaf, max_size=4)
    node = st.builds(lambda text, kind, kids: item(text, *kids, kind=kind),
                     texts, kinds, trees(depth - 1))
    return st.lists(st.one_of(leaf, node), max_size=4)


def live_ids(blocks: list[dict]) -> list:
    return [(b["id"], live_ids(b.get("children") or [])) for b in blocks]


def agree(recorded: list[dict], live: list[dict]) -> bool:
    """Every id we recorded is the id of the live block at that position."""
    return len(recorded) == len(live) and all(
        (mine["id"] in (None, theirs["id"])) and agree(mine["children"], theirs.get("children") or [])
        for mine, theirs in zip(recorded, live, strict=True))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(first=trees(), second=trees(), third=trees())
def test_update_blocks_makes_notion_equal_the_new_tree(first, second, third):
    app = FakeNotion()
    api = connect(Settings(home=Path("h"), token="ntn_test_token", base_url="http://fake", max_rps=1e6),
                  transport=transport(app))
    db = api.create_database(app.store.root_id, "J")
    page, recorded = create_page(api, db.data_source_id, props("T", "2021-12-07"), first)
    for new in (second, third):
        recorded = update_blocks(api, page["id"], recorded, new)
        live = api.fetch_blocks(page["id"])
        assert shape(live) == shape(new)
        assert shape(recorded) == shape(new)
        assert agree(recorded, live)
    api.close()


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(first=trees(), second=trees(), cut=st.integers(min_value=0, max_value=6),
       how=st.sampled_from(["drop", "status"]))
def test_an_update_cut_short_is_finished_by_the_next_one(first, second, cut, how):
    """A write fails midway (lost answer or 500): re-running from a fresh listing completes the page."""
    from notionlog.errors import NotionUnavailable

    app = FakeNotion()
    api = connect(Settings(home=Path("h"), token="ntn_test_token", base_url="http://fake", max_rps=1e6),
                  transport=transport(app), sleep=lambda s: None)
    db = api.create_database(app.store.root_id, "J")
    page, recorded = create_page(api, db.data_source_id, props("T", "2021-12-07"), first)
    app.faults.add({"match": r"(PATCH|POST) /v1/.*", "action": how, "status": 500, "skip": cut, "times": 1})
    with contextlib.suppress(NotionUnavailable):  # what sync sees; it repairs on the next run
        update_blocks(api, page["id"], recorded, second)
    app.faults.clear()
    update_blocks(api, page["id"], api.fetch_blocks(page["id"]), second)
    assert shape(api.fetch_blocks(page["id"])) == shape(second)
    api.close()


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(children=trees(), cut=st.integers(min_value=0, max_value=4), how=st.sampled_from(["drop", "status"]))
def test_a_create_cut_short_is_finished_in_place_without_a_second_page(children, cut, how):
    from notionlog.errors import NotionUnavailable

    app = FakeNotion()
    api = connect(Settings(home=Path("h"), token="ntn_test_token", base_url="http://fake", max_rps=1e6),
                  transport=transport(app), sleep=lambda s: None)
    db = api.create_database(app.store.root_id, "J")
    app.faults.add({"match": r"(PATCH|POST) /v1/.*", "action": how, "status": 500, "skip": cut, "times": 1})
    with contextlib.suppress(NotionUnavailable):
        create_page(api, db.data_source_id, props("T", "2021-12-07"), children)
    app.faults.clear()
    found = list(api.query(db.data_source_id, {"property": "Date", "date": {"equals": "2021-12-07"}}))
    if not found:  # the create itself failed before Notion applied it
        create_page(api, db.data_source_id, props("T", "2021-12-07"), children)
    else:
        update_blocks(api, found[0]["id"], None, children)
    pages = list(api.query(db.data_source_id))
    assert len(pages) == 1
    assert shape(api.fetch_blocks(pages[0]["id"])) == shape(children)
    api.close()
