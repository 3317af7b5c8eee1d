"""When may a page in the query's answer be skipped? Only when its minute had closed when we looked."""

from __future__ import annotations

import datetime as dt

import pytest

from notionlog.notion.times import SKEW
from notionlog.sync.gather import needs_fetch
from notionlog.sync.store import Row

MINUTE = dt.datetime(2021, 12, 7, 10, 0, tzinfo=dt.timezone.utc)


def page(edited: dt.datetime, page_id: str = "p1") -> dict:
    return {"id": page_id, "last_edited_time": edited.strftime("%Y-%m-%dT%H:%M:00.000Z")}


def row(verified: dt.datetime, **kw) -> Row:
    return Row("2021-12-07", page_id="p1", base="x", base_hash="h", verified_at=verified.timestamp(),
               **kw)


S = dt.timedelta(seconds=1)
CASES = [
    ("looked in the same minute (our own push)", MINUTE, MINUTE + 20 * S, True),
    ("looked within the clock allowance after it", MINUTE, MINUTE + 60 * S + SKEW * S - S, True),
    ("looked once the minute and the allowance had passed", MINUTE, MINUTE + 60 * S + SKEW * S, False),
    ("edited in a later minute than we looked", MINUTE + 600 * S, MINUTE + 200 * S, True),
]


@pytest.mark.parametrize(("name", "edited", "verified", "fetch"), CASES, ids=[c[0] for c in CASES])
def test_settled_pages_are_skipped_and_only_those(name, edited, verified, fetch):
    assert needs_fetch(row(verified), page(edited)) is fetch


@pytest.mark.parametrize("flag", [{"pending": {"op": "update"}}, {"conflict": {"markdown": ""}},
                                  {"recheck": 1}])
def test_rows_in_flight_are_always_fetched(flag):
    assert needs_fetch(row(MINUTE + 3600 * S, **flag), page(MINUTE))


def test_unknown_and_other_pages():
    assert needs_fetch(None, page(MINUTE))  # a page we have never seen
    assert not needs_fetch(row(MINUTE + 3600 * S), page(MINUTE, "p2"))  # a duplicate, reported


def our_write(**page_extra) -> tuple[Row, dict]:
    """A row as a push leaves it, and the page as the push's property write answered."""
    from notionlog.sync.sides import REVISION, revision_of

    stamp = MINUTE.strftime("%Y-%m-%dT%H:%M:00.000Z")
    r = row(MINUTE + 20 * S, remote_edited=stamp, remote_by="bot")
    mark = {"type": "rich_text", "rich_text": [{"plain_text": revision_of("h")}]}
    p = {**page(MINUTE), "last_edited_by": {"id": "bot"}, "properties": {REVISION: mark}}
    p.update(page_extra)
    return r, p


def test_our_own_last_write_is_recognised_without_reading_the_page():
    assert not needs_fetch(*our_write())


@pytest.mark.parametrize("change", [
    {"last_edited_by": {"id": "a-person"}},  # someone edited in the app in the same minute
    {"properties": {}},  # the mark is gone (another revision, or the property was removed)
    {"last_edited_time": (MINUTE + 60 * S).strftime("%Y-%m-%dT%H:%M:00.000Z")},
])
def test_anything_but_our_own_last_write_is_fetched(change):
    assert needs_fetch(*our_write(**change))
