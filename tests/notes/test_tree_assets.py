"""Page trees: titles, child pages, link rewriting, and hosted files downloaded beside the notes."""

from __future__ import annotations

import pytest

from notionlog.errors import NotionUnavailable
from notionlog.notes import assets, tree

PAGE = "d06d1f9a-6753-4ffd-bad2-0c2fac7132fe"
CHILD = "393abc1e-edcd-81c3-a7e3-f719e1e1ec4b"
DB = "393abc1e-edcd-817b-9372-000bd163e729"


def para(text, children=()):
    block = {"type": "paragraph", "paragraph": {"rich_text": [{"type": "text", "plain_text": text,
                                                               "text": {"content": text}}]}}
    if children:
        block["has_children"] = True
        block["children"] = list(children)
    return block


def image(url, name=None):
    payload = {"type": "file", "file": {"url": url, "expiry_time": "2026-07-04T10:08:00.000Z"},
               "caption": []}
    if name:
        payload["name"] = name
    return {"id": "b1", "type": "image", "image": payload}


def test_child_pages_are_found_at_any_depth_and_trashed_ones_skipped():
    blocks = [
        {"id": CHILD, "type": "child_page", "child_page": {"title": "Week 1"}},
        para("toggle", [{"id": "c2", "type": "child_page", "child_page": {"title": "Deep"}}]),
        {"id": "c3", "type": "child_page", "child_page": {"title": "Gone"}, "in_trash": True},
    ]
    assert tree.child_pages(blocks) == [(CHILD, "Week 1"), ("c2", "Deep")]


def test_link_subpages_rewrites_child_pages_and_databases():
    blocks = [
        {"id": CHILD, "type": "child_page", "child_page": {"title": "Week 1"}},
        para("x", [{"id": DB, "type": "child_database", "child_database": {"title": "Reading list"}}]),
        {"id": "c9", "type": "child_page", "child_page": {"title": "Too deep"}},
    ]
    databases = tree.link_subpages(blocks, lambda pid, title: "Week-1-e1ec4b.md" if pid == CHILD else None)
    assert databases == ["Reading list"]
    first = blocks[0]["paragraph"]["rich_text"][0]
    assert (first["plain_text"], first["text"]["link"]["url"]) == ("Week 1", tree.local("Week-1-e1ec4b.md"))
    db = blocks[1]["children"][0]["paragraph"]["rich_text"]
    assert db[0]["text"]["link"]["url"] == "https://www.notion.so/393abc1eedcd817b9372000bd163e729"
    assert "not pulled" in db[1]["plain_text"]
    assert blocks[2]["paragraph"]["rich_text"][0]["href"] == "https://www.notion.so/c9"


class Downloads:
    """A download function that records its calls and can fail."""

    def __init__(self, fail=False):
        self.calls = []
        self.fail = fail

    def __call__(self, url):
        self.calls.append(url)
        if self.fail:
            raise NotionUnavailable("403 expired")
        return b"\x89PNG data"


def test_hosted_files_are_downloaded_once_and_linked_relatively(tmp_path):
    fetch = Downloads()
    url = "https://files.example/ws/abc/a%20b.png?X-Amz-Signature=1&expires=2"
    blocks = [para("p", [image(url)])]
    written, failed = assets.localize(blocks, PAGE, tmp_path, fetch)
    assert failed == [] and len(written) == 1
    assert written[0].parent == tmp_path / "assets" and written[0].read_bytes() == b"\x89PNG data"
    payload = blocks[0]["children"][0]["image"]
    assert payload["type"] == "external" and "file" not in payload
    assert payload["external"]["url"] == tree.local(f"assets/{written[0].name}")
    assert written[0].name.startswith("ac7132fe-") and written[0].name.endswith("-a-b.png")

    # the next pull sees a fresh signature on the same file: nothing is downloaded again
    again = [image(url.replace("Signature=1", "Signature=2"))]
    assert assets.localize(again, PAGE, tmp_path, fetch) == ([], [])
    assert len(fetch.calls) == 1
    assert again[0]["image"]["external"]["url"] == payload["external"]["url"]


def test_external_files_stay_links(tmp_path):
    block = {"type": "image", "image": {"type": "external", "external": {"url": "https://x/y.png"}}}
    fetch = Downloads()
    assert assets.localize([block], PAGE, tmp_path, fetch) == ([], [])
    assert fetch.calls == [] and block["image"]["external"]["url"] == "https://x/y.png"


def test_a_failed_download_is_reported_and_the_block_left_alone(tmp_path):
    blocks = [image("https://files.example/a.png?sig=1")]
    written, failed = assets.localize(blocks, PAGE, tmp_path, Downloads(fail=True))
    assert written == [] and failed == ["https://files.example/a.png?sig=1"]
    assert blocks[0]["image"]["type"] == "file"


@pytest.mark.parametrize("given", ["../../../etc/passwd", "..", "a/b\\c.png", "\x00.png", "x" * 400 + ".png"])
def test_hostile_file_names_stay_in_assets(given, tmp_path):
    blocks = [{"id": "f", "type": "file", "file": {"type": "file", "name": given,
                                                   "file": {"url": "https://files.example/q"}}}]
    written, _ = assets.localize(blocks, PAGE, tmp_path, Downloads())
    assert [p.parent for p in written] == [tmp_path / "assets"]
    assert len(written[0].name.encode()) <= 255


def test_hosted_non_image_files_become_links_to_the_local_copy(tmp_path):
    from notionlog.convert import to_markdown

    caption = [{"type": "text", "text": {"content": "slides"}, "plain_text": "slides"}]
    block = {"id": "f", "type": "pdf", "pdf": {"type": "file", "name": "강의 1.pdf", "caption": caption,
                                                "file": {"url": "https://files.example/x/lecture.pdf?sig=1"}}}
    written, _ = assets.localize([block], PAGE, tmp_path, Downloads())
    rendered = tree.relativize(to_markdown([block]))
    assert rendered == f"[강의 1.pdf](assets/{written[0].name}) — slides\n"
