"""The Notion URL parser on a table of the forms users paste (docs/notion-contract.md §8)."""

from __future__ import annotations

from pathlib import Path

import pytest

from notionlog.notes.urls import NotionRef, find_refs, parse_url
from notionlog.notion.ids import as_id, compact

SEED = "d06d1f9a-6753-4ffd-bad2-0c2fac7132fe"
NEW = "393abc1e-edcd-81c3-a7e3-f719e1e1ec4b"  # a version-8 id as the API now mints them
VIEW = "0f3a9b6c2d1e4f5a8b7c6d5e4f3a2b1c"

PAGE_FORMS = [
    # the seed's public page (extract_notion_id returns None for it)
    (f"https://zeuskim.notion.site/MLOps-{compact(SEED)}", SEED),
    (f"https://www.notion.so/zeuskim/MLOps-{compact(SEED)}", SEED),
    (f"https://notion.so/{compact(SEED)}", SEED),
    (f"https://www.notion.so/{compact(SEED)}", SEED),
    (f"https://notion.site/MLOps-{compact(SEED)}", SEED),
    # what the API returns in `url` since 2026 (extract_notion_id returns None for it)
    (f"https://app.notion.com/p/Test-2026-07-04-11-08-14-{compact(NEW)}", NEW),
    (f"https://app.notion.com/p/{compact(NEW)}", NEW),
    # upper case hex, dashed ids, trailing slash, tracking query
    (f"https://www.notion.so/ws/MLOps-{compact(SEED).upper()}", SEED),
    (f"https://www.notion.so/ws/MLOps-{SEED}", SEED),
    (f"https://www.notion.so/ws/{SEED}/", SEED),
    (f"https://www.notion.so/ws/MLOps-{compact(SEED)}?pvs=4", SEED),
    # a page peeked from a database view: p= is the page, the path is the database
    (f"https://www.notion.so/ws/{VIEW}?v={compact(NEW)}&p={compact(SEED)}&pm=s", SEED),
    # a block anchor: the page is the target
    (f"https://www.notion.so/ws/MLOps-{compact(SEED)}#{compact(NEW)}", SEED),
    (f"https://zeuskim.notion.site/MLOps-{compact(SEED)}#block-{compact(NEW)}", SEED),
    # Korean title in the slug, raw or percent-encoded
    (f"https://www.notion.so/ws/머신러닝-정리-{compact(SEED)}", SEED),
    (f"https://www.notion.so/ws/%EB%A8%B8%EC%8B%A0-{compact(SEED)}", SEED),
    # the desktop app's deep link
    (f"notion://www.notion.so/ws/MLOps-{compact(SEED)}", SEED),
    # bare ids
    (compact(SEED), SEED),
    (SEED.upper(), SEED),
]


@pytest.mark.parametrize(("url", "page_id"), PAGE_FORMS)
def test_page_url_forms(url, page_id):
    assert parse_url(url) == NotionRef(page_id, "page")


def test_database_view_url_is_a_database():
    assert parse_url(f"https://www.notion.so/ws/{VIEW}?v={compact(NEW)}") == NotionRef(
        as_id(VIEW), "database"
    )


@pytest.mark.parametrize(
    "url",
    [
        "https://www.notion.so/help/guides",  # no id
        f"https://example.com/MLOps-{compact(SEED)}",  # not Notion
        f"https://api.notion.com/v1/pages/{SEED}",  # the API, not a page a user links
        f"https://file.notion.so/f/f/{SEED}/{NEW}/a.png",  # a hosted file
        f"https://www.notion.so/image/https%3A%2F%2Fx/{compact(SEED)}",  # the image proxy
        f"https://evilnotion.so/{compact(SEED)}",  # look-alike host
        f"https://www.notion.so/ws/MLOps-{compact(SEED)[:-1]}",  # 31 hex digits
        "d06d1f9a67534ffdbad20c2fac7132fg",  # not hex
        "",
    ],
)
def test_not_page_urls(url):
    assert parse_url(url) is None


def test_find_refs_in_the_seed_entry():
    seed = (Path(__file__).parents[1] / "data" / "20211207-seed-entry.md").read_text(encoding="utf-8")
    assert find_refs(seed) == [NotionRef(SEED)]


def test_find_refs_in_markdown_links_order_and_repeats():
    text = (
        f"- see [MLOps](https://www.notion.so/ws/MLOps-{compact(SEED)}).\n"
        f"- <https://app.notion.com/p/{compact(NEW)}>, and again "
        f"https://zeuskim.notion.site/MLOps-{compact(SEED)}.\n"
        "- not a page: https://example.com/x\n"
    )
    assert find_refs(text) == [NotionRef(SEED), NotionRef(NEW)]


def test_find_refs_strips_trailing_punctuation():
    assert find_refs(f"(https://notion.so/{compact(NEW)}).") == [NotionRef(NEW)]
