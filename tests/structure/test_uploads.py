"""Uploaded images and files of an entry are kept in the journal; the file links the local copy.

End to end over HTTP: Notion serves an upload at a signed URL that changes on every read and
expires; the entry's file must link a local copy, never that URL, so that a new signature never
rewrites the file, and the block stays the upload through pushes.
"""

from __future__ import annotations

import re

from tests.fakenotion.showcase import PNG
from tests.structure.test_showcase import DAY, _edited, _pulled


def _asset_lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if "assets/" in line]


def test_uploads_are_downloaded_and_the_file_links_the_copies(journal, later):
    _pulled(journal, later)
    text = journal.read(DAY)
    assert "X-Amz" not in text and "/_fake/files/" not in text
    photo, pdf = _asset_lines(text)
    assert photo.startswith("![a photo](../assets/") and photo.endswith("-photo.png)")
    assert pdf.startswith("[notes.pdf](../assets/") and pdf.endswith("-notes.pdf)")  # a link, as notes
    folder = journal.path(DAY).parent
    assert (folder / photo[len("![a photo]("):-1]).read_bytes() == PNG
    assert (folder / pdf[len("[notes.pdf]("):-1]).read_bytes() == PNG
    code, out, _ = journal.run("status")
    assert code == 0 and "not synced" not in out and "assets" not in out


def test_a_new_signature_never_rewrites_the_file_nor_downloads_again(journal, later):
    page_id, ids = _pulled(journal, later)
    path = journal.path(DAY)
    text, stamp = path.read_text(encoding="utf-8"), path.stat().st_mtime_ns
    journal.fake.clear_requests()
    later(3600)  # every signed URL has changed and expired
    journal.sync("--verify")  # fetches the page again
    assert path.read_text(encoding="utf-8") == text and path.stat().st_mtime_ns == stamp
    assert not [r for r in journal.fake.requests() if "/_fake/files/" in r["path"]]

    client = journal.fake.client()
    client.blocks.update(ids["heading_3"], heading_3={"rich_text": [
        {"type": "text", "text": {"content": "Heading three, edited in Notion"}}]})
    later(3600)
    assert "1 pulled" in journal.sync("--verify")
    again = journal.read(DAY)
    assert again == text.replace("### Heading three", "### Heading three, edited in Notion")


def test_an_upload_stays_the_upload_when_its_neighbour_is_edited(journal, later):
    page_id, ids = _pulled(journal, later)
    before, after = _edited(journal, later, page_id, "![](https://example.com/media/a.png)", "![](https://example.com/media/b.png)")
    for label in ("upload", "file"):
        assert after[ids[label]] == before[ids[label]]
        assert after[ids[label]][1]["type"] == "file"
    assert set(before) == set(after)  # the external image is edited in place (same id)
    images = [b for b in journal.blocks(page_id) if b["type"] == "image"]
    assert [b["image"]["type"] for b in images] == ["external", "file"]
    assert images[0]["id"] == ids["image external"]
    assert images[0]["image"]["external"]["url"] == "https://example.com/media/b.png"


def test_an_upload_whose_line_is_edited_is_kept_not_replaced_by_its_line(journal, later):
    page_id, ids = _pulled(journal, later)
    before, after = _edited(journal, later, page_id, "![a photo](", "![a photo, captioned anew](")
    assert after == before  # the caption of an upload is not sent; the photo is never lost


def test_a_file_from_before_linking_notions_url_keeps_the_upload(journal, later):
    page_id, ids = _pulled(journal, later)
    signed = journal.fake.client().blocks.retrieve(ids["upload"])["image"]["file"]["url"]
    text = journal.read(DAY)
    (photo, _) = _asset_lines(text)
    journal.write(DAY, text.replace(photo, f"![a photo]({signed})"))  # as files were written
    before, after = _edited(journal, later, page_id, "first line", "first line, edited")
    assert after[ids["upload"]] == before[ids["upload"]]
    assert len(set(before) ^ set(after)) == 0


def test_a_pulled_file_link_pushes_nothing_and_pulls_the_same(journal, later):
    page_id, ids = _pulled(journal, later)
    text = journal.read(DAY)
    journal.fake.clear_requests()
    later(3600)
    assert "0 updated" in journal.sync("--verify") and journal.writes() == []
    assert journal.read(DAY) == text


def test_a_file_link_whose_neighbour_or_own_text_is_edited_keeps_the_upload(journal, later):
    page_id, ids = _pulled(journal, later)
    before, after = _edited(journal, later, page_id, "first line", "first line, edited")
    assert after[ids["file"]] == before[ids["file"]] and after[ids["file"]][1]["type"] == "file"
    before, after = _edited(journal, later, page_id, "[notes.pdf](", "[my notes.pdf](")
    assert after == before  # the link's text is not sent: the file is never lost


def test_a_file_pulled_as_a_bare_path_still_reads_as_its_upload(journal, later):
    page_id, ids = _pulled(journal, later)
    text = journal.read(DAY)
    (_, pdf) = _asset_lines(text)
    journal.write(DAY, text.replace(pdf, pdf[len("[notes.pdf]("):-1]))  # as files were pulled before
    before, after = _edited(journal, later, page_id, "first line", "first line, edited")
    assert after[ids["file"]] == before[ids["file"]]
    assert set(before) == set(after)  # nothing trashed, nothing re-created
    assert "first line, edited" in journal.read(DAY)


# -- the way back: a block sync must create from a line linking a file of the journal -------------

def _hosted(journal, page_id: str) -> list[tuple[str, bytes]]:
    """(block type, downloaded bytes) of every Notion-hosted file on the page, in order."""
    import httpx

    out = []
    for block in journal.blocks(page_id):
        body = block[block["type"]]
        if isinstance(body, dict) and body.get("type") == "file":
            out.append((block["type"], httpx.get(body["file"]["url"]).content))
    return out


def _uploads(journal) -> list[str]:
    return [f'{r["method"]} {r["path"].rsplit("/", 1)[-1] if r["path"].endswith("/send") else r["path"]}'
            for r in journal.fake.requests() if "/file_uploads" in r["path"]]


def test_a_page_re_created_from_its_file_gets_its_uploads_back(journal, later):
    page_id, ids = _pulled(journal, later)
    text = journal.read(DAY)
    journal.fake.user_trash(page_id)  # the page is deleted in Notion …
    later(3600)
    assert "1 deleted" in journal.sync("--delete")  # … and the file goes to .notionlog/trash
    kept = journal.home / ".notionlog" / "trash" / f"{DAY}.md"
    journal.write(DAY, kept.read_text(encoding="utf-8"))  # the user puts it back
    journal.fake.clear_requests()
    later(3600)
    assert "1 created" in journal.sync()
    new_page = journal.page_for(DAY)["id"]
    assert new_page != page_id
    assert _hosted(journal, new_page) == [("image", PNG), ("file", PNG)]  # the link is sent as the upload
    assert _uploads(journal) == ["POST /v1/file_uploads", "POST send"] * 2
    assert journal.read(DAY) == text
    journal.fake.clear_requests()
    later(3600)
    assert "0 updated" in journal.sync("--verify") and journal.writes() == []
    assert journal.read(DAY) == text


def test_a_new_entry_uploads_the_photo_put_beside_it_and_not_a_file_outside(journal, later, tmp_path):
    folder = journal.path(DAY).parent
    (folder / "assets").mkdir(parents=True)
    (folder / "assets" / "photo.jpg").write_bytes(PNG)
    outside = tmp_path / "outside.png"
    outside.write_bytes(PNG)
    text = f"# {DAY}\n\n![by the sea](assets/photo.jpg)\n\n![]({outside})\n"
    journal.write(DAY, text)
    out = journal.sync()
    assert "1 created" in out and "not synced" not in out  # the folder of the entry's files
    page_id = journal.page_for(DAY)["id"]
    first, second = journal.blocks(page_id)
    assert first["type"] == "image" and first["image"]["type"] == "file"
    assert first["image"]["caption"][0]["plain_text"] == "by the sea"
    assert _hosted(journal, page_id) == [("image", PNG)]
    assert second["type"] == "paragraph"  # a file outside the journal: its line stays text
    assert second["paragraph"]["rich_text"][0]["plain_text"] == f"![]({outside})"
    journal.fake.clear_requests()
    later(3600)
    assert "0 updated" in journal.sync() and journal.writes() == []
    assert journal.read(DAY) == text


def test_a_pull_of_a_re_created_page_keeps_linking_the_same_copies(journal, later):
    page_id, ids = _pulled(journal, later)
    assets = journal.home / "entries" / "assets"
    copies = sorted(p.name for p in assets.iterdir())
    journal.fake.user_trash(page_id)
    later(3600)
    journal.sync("--delete")
    journal.write(DAY, (journal.home / ".notionlog" / "trash" / f"{DAY}.md").read_text(encoding="utf-8"))
    later(3600)
    assert "1 created" in journal.sync()
    text = journal.read(DAY)
    later(3600)
    journal.edit_in_notion(DAY, "Heading three", "Heading three, edited in Notion")
    later(3600)
    assert "1 pulled" in journal.sync()
    # The synced copy came back as the blocks it showed (its original went with the old page).
    copy = re.compile(r'<synced_block_reference id="[^"]*">\n\n(.*?)\n\n</synced_block_reference>', re.S)
    assert copy.search(text)
    expected = copy.sub(r"\1", text.replace("### Heading three", "### Heading three, edited in Notion"))
    assert journal.read(DAY) == expected
    assert sorted(p.name for p in assets.iterdir()) == copies  # the same files, none downloaded anew


def test_a_photo_larger_than_the_workspace_takes_stays_its_line(journal, later):
    folder = journal.path(DAY).parent
    (folder / "assets").mkdir(parents=True)
    (folder / "assets" / "big.png").write_bytes(PNG + b"\0" * 5_242_880)  # over the free 5 MiB
    (folder / "assets" / "small.png").write_bytes(PNG)
    text = f"# {DAY}\n\n![big](assets/big.png)\n\n![small](assets/small.png)\n"
    journal.write(DAY, text)
    assert "1 created" in journal.sync()
    big, small = journal.blocks(journal.page_for(DAY)["id"])
    assert big["type"] == "paragraph"
    assert big["paragraph"]["rich_text"][0]["plain_text"] == "![big](assets/big.png)"
    assert small["type"] == "image" and small["image"]["type"] == "file"
    assert _uploads(journal).count("POST /v1/file_uploads") == 1
    journal.fake.clear_requests()
    later(3600)
    assert "0 updated" in journal.sync("--verify") and journal.writes() == []
    assert journal.read(DAY) == text


def test_a_file_link_reads_as_its_upload_named_by_its_text_and_a_bare_path_by_its_copy(tmp_path):
    from notionlog.convert import to_blocks
    from notionlog.sync.uploads import linked

    folder = tmp_path / "entries" / "2026"
    (tmp_path / "entries" / "assets").mkdir(parents=True)
    folder.mkdir()
    (tmp_path / "entries" / "assets" / "ab12-cd34-notes.pdf").write_bytes(PNG)
    text = ("[My \\*notes\\*.pdf](../assets/ab12-cd34-notes.pdf)\n\n../assets/ab12-cd34-notes.pdf\n\n"
            "[missing](../assets/gone.pdf)\n\n[a page](other.md)\n")
    blocks = linked(to_blocks(text).children, folder, tmp_path)
    assert [b["type"] for b in blocks] == ["file", "file", "paragraph", "paragraph"]
    assert [b["file"]["name"] for b in blocks[:2]] == ["My *notes*.pdf", "notes.pdf"]
    assert blocks[0]["file"]["file"]["url"].endswith("/../assets/ab12-cd34-notes.pdf")
