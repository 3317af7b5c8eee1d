"""Every form of Notion reference a user pastes resolves to the same dashed id."""

import pytest

from notionlog.errors import BadNotionRef
from notionlog.notion import parse_id

DB = "3d0982b9-f958-41d0-8437-cf2e00981c7f"
HEX = DB.replace("-", "")
VIEW = "aaaabbbbccccddddeeeeffff00001111"
PAGE = "393abc1e-edcd-81c3-a7e3-f719e1e1ec4b"


@pytest.mark.parametrize("ref", [
    HEX,
    HEX.upper(),
    DB,
    f"  {DB}\n",
    f"https://www.notion.so/{HEX}",
    f"https://www.notion.so/myworkspace/{HEX}?v={VIEW}",
    f"https://www.notion.so/myworkspace/Journal-{HEX}?v={VIEW}&pvs=4",
    f"https://notion.so/myworkspace/Journal-{HEX}",
    f"www.notion.so/myworkspace/Journal-{HEX}",
    f"https://zeuskim.notion.site/Journal-{HEX}",
    f"https://app.notion.com/p/{HEX}",
    f"https://app.notion.com/p/Daily-Log-2021-{HEX}",
    f"https://www.notion.so/ws/{HEX}#{VIEW}",
    f"https://www.notion.so/ws/{DB}",
    f"<https://www.notion.so/ws/Journal-{HEX}>",
])
def test_every_pasted_form_gives_the_database_id(ref):
    assert parse_id(ref) == DB


def test_a_peeked_page_wins_only_when_a_page_is_wanted():
    url = f"https://www.notion.so/ws/{HEX}?v={VIEW}&p={PAGE.replace('-', '')}&pm=s"
    assert parse_id(url) == DB
    assert parse_id(url, kind="page", prefer_page=True) == PAGE


def test_a_slug_with_digits_does_not_confuse_the_id():
    assert parse_id(f"https://www.notion.so/ws/2021-12-07-notes-{HEX}") == DB


@pytest.mark.parametrize("ref", ["", "journal", "1234", f"ftp://notion.so/{HEX}", "https://www.notion.so/ws/Journal",
                                 f"https://www.notion.so/ws/Journal-{HEX}x", HEX[:-1]])
def test_no_id_is_one_clear_error(ref):
    with pytest.raises(BadNotionRef) as caught:
        parse_id(ref, kind="page")
    assert caught.value.value == ref and caught.value.kind == "page"
