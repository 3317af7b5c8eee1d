"""Uploaded images and files of an entry are kept in the journal; the file links the local copy.

End to end over HTTP: Notion serves an upload at a signed URL that changes on every read and
expires; the entry's file must link a local copy, never that URL, so that a new signature never
rewrites the file, and the block stays the upload through pushes.
"""

from __future__ import annotations

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
    assert pdf.startswith("../assets/") and pdf.endswith("-notes.pdf")
    folder = journal.path(DAY).parent
    assert (folder / photo[len("![a photo]("):-1]).read_bytes() == PNG
    assert (folder / pdf).read_bytes() == PNG
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
    changed = {i for i in before.keys() | after.keys() if before.get(i) != after.get(i)}
    assert ids["image external"] in changed and len(changed) == 2  # replaced by the new image
    images = [b for b in journal.blocks(page_id) if b["type"] == "image"]
    assert [b["image"]["type"] for b in images] == ["external", "file"]


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
