"""A page built in the Notion app, one block of every type, survives a pull and a local edit.

End to end over HTTP against the emulator: the person fills the entry's page in the app, the
journal pulls it, the file is edited, the journal pushes. Every block the edit did not touch keeps
its id, type, text, annotations, icon, colour and children (compared on the page as the API lists
it, to full depth).
"""

from __future__ import annotations

import pytest

from tests.fakenotion.showcase import fill_showcase

DAY = "2021-12-07"
VOLATILE = ("url", "expiry_time")  # a hosted file's signed URL changes on every read


def _pulled(journal, later) -> tuple[str, dict[str, str]]:
    """The entry's page filled in the app and pulled; returns (page id, block ids by label)."""
    journal.write(DAY, f"# {DAY}\n\nfirst line\n\nlast line\n")
    assert "1 created" in journal.sync()
    page_id = journal.page_for(DAY)["id"]
    ids = fill_showcase(journal.fake, page_id)
    later(3600)
    assert "1 pulled" in journal.sync()
    later(3600)
    return page_id, ids


def _steady(value):
    """A listed block's content without what changes on every read."""
    if isinstance(value, dict):
        return {k: _steady(v) for k, v in value.items() if k not in VOLATILE}
    if isinstance(value, list):
        return [_steady(v) for v in value]
    return value


def snapshot(journal, parent_id: str) -> dict[str, tuple]:
    """{block id: (type, content, child ids)} for the whole tree under ``parent_id``."""
    client = journal.fake.client()
    out: dict[str, tuple] = {}

    def walk(block_id: str) -> list[str]:
        ids = []
        for block in client.blocks.children.list(block_id, page_size=100)["results"]:
            kind = block["type"]
            below = walk(block["id"]) if block["has_children"] and kind != "child_page" else []
            out[block["id"]] = (kind, _steady(block[kind]), below)
            ids.append(block["id"])
        return ids

    walk(parent_id)
    return out


def _edit(journal, old: str, new: str, times: int = 1) -> None:
    """Replace the first occurrence of ``old``, which the file holds ``times`` times."""
    text = journal.read(DAY)
    assert text.count(old) == times, old
    journal.write(DAY, text.replace(old, new, 1))


def _edited(journal, later, page_id: str, old: str, new: str, times: int = 1) -> tuple[dict, dict]:
    """The page's blocks before and after the file's ``old`` became ``new`` and was pushed."""
    before = snapshot(journal, page_id)
    _edit(journal, old, new, times)
    _pushed(journal, later)
    return before, snapshot(journal, page_id)


def _pushed(journal, later) -> list[dict]:
    journal.fake.clear_requests()
    later(3600)
    assert "1 updated" in journal.sync()
    return journal.writes()


def _changed(before: dict, after: dict) -> set[str]:
    return {i for i in before.keys() | after.keys() if before.get(i) != after.get(i)}


def test_pull_then_push_without_an_edit_writes_nothing(journal, later):
    page_id, _ = _pulled(journal, later)
    journal.fake.clear_requests()
    text = journal.read(DAY)
    assert "0 updated" in journal.sync()
    assert journal.writes() == []
    assert journal.read(DAY) == text


def test_one_unrelated_line_edited_keeps_every_other_block(journal, later):
    page_id, ids = _pulled(journal, later)
    before = snapshot(journal, page_id)
    _edit(journal, "first line", "first line, edited")
    writes = _pushed(journal, later)
    after = snapshot(journal, page_id)
    first = next(i for i, (kind, body, _) in after.items()
                 if kind == "paragraph" and body["rich_text"]
                 and body["rich_text"][0]["plain_text"] == "first line, edited")
    assert _changed(before, after) == {first}
    assert [w["method"] for w in writes] == ["PATCH", "PATCH"]  # the line, then the revision mark
    assert set(ids.values()) <= set(after) | {ids["child_page"]}


@pytest.mark.parametrize("label, old, new", [
    ("toggle", "<toggle>\n\ntoggle\n", "<toggle>\n\ntoggle, edited\n"),
    ("callout", "\n\nnote\n", "\n\nnote, edited\n"),
    ("bookmark", "/article\nread\n", "/article\nread, edited\n"),
    # A file written before the tag forms: carry keeps what its lines do not say.
    ("toggle", "<toggle>\n\ntoggle\n\ninside the toggle\n\n</toggle>\n",
     "- toggle, edited\n\n    inside the toggle\n"),
    ("callout", '<callout icon="💡" color="yellow_bg">\n\nnote\n\nin the callout\n\n</callout>\n',
     "> 💡 note, edited\n>\n> in the callout\n"),
])
def test_an_edited_line_keeps_its_block_type_and_what_the_file_cannot_show(
        journal, later, label, old, new):
    page_id, ids = _pulled(journal, later)
    before, after = _edited(journal, later, page_id, old, new)
    assert _changed(before, after) == {ids[label]}
    kind, body, children = after[ids[label]]
    was_kind, was_body, was_children = before[ids[label]]
    assert kind == was_kind and children == was_children
    text = "rich_text" if "rich_text" in body else "caption"
    assert "".join(i["plain_text"] for i in body[text]).endswith(", edited")
    assert {k: v for k, v in body.items() if k != text} == {
        k: v for k, v in was_body.items() if k != text}


def test_an_edited_coloured_line_keeps_its_colours_underline_and_mentions(journal, later):
    page_id, ids = _pulled(journal, later)
    before, after = _edited(journal, later, page_id, "plain **bold**", "plain, edited, **bold**")
    assert _changed(before, after) == {ids["paragraph"]}
    kind, body, children = after[ids["paragraph"]]
    assert kind == "paragraph" and body["color"] == "gray_background"
    assert children == before[ids["paragraph"]][2]
    old_items = before[ids["paragraph"]][1]["rich_text"]
    assert body["rich_text"][0]["plain_text"] == "plain, edited, "
    assert _marks(body["rich_text"][1:]) == _marks(old_items[1:])


def _marks(items: list[dict]) -> list[tuple]:
    """Per character: (character, annotations, mention); run boundaries may differ (the file
    writes a bold run's trailing space outside the ``**``)."""
    return [(ch, i["annotations"], i.get("mention")) for i in items for ch in i["plain_text"]]


def added_ids(before: dict, after: dict) -> set[str]:
    return set(after) - set(before)


def _move(journal, line: str, after: str) -> None:
    """Move the paragraph ``line`` (its own paragraph in the file) to just after ``after``."""
    text = journal.read(DAY)
    assert text.count(line + "\n\n") == 1 and text.count(after) == 1
    text = text.replace(line + "\n\n", "", 1)
    journal.write(DAY, text.replace(after, after + "\n\n" + line, 1))


@pytest.mark.parametrize("line", ["first line", "![](https://example.com/media/a.png)"])
def test_a_line_moved_past_an_upload_is_the_only_block_re_created(journal, later, line):
    page_id, ids = _pulled(journal, later)
    before = snapshot(journal, page_id)
    upload = next(line for line in journal.read(DAY).splitlines() if line.startswith("![a photo]"))
    _move(journal, line, upload)
    _pushed(journal, later)
    after = snapshot(journal, page_id)
    gone, added = set(before) - set(after), added_ids(before, after)
    assert len(gone) == len(added) == 1
    assert before[next(iter(gone))][:2] == after[next(iter(added))][:2]  # the same block, re-created
    assert all(before[i] == after[i] for i in set(before) & set(after))
    top = [b["id"] for b in journal.blocks(page_id)]
    assert top[top.index(ids["upload"]) + 1] in added_ids(before, after)


def test_a_moved_toggle_is_re_created_as_a_toggle_and_nothing_else_moves(journal, later):
    page_id, ids = _pulled(journal, later)
    before = snapshot(journal, page_id)
    text = journal.read(DAY)
    toggle = "<toggle>\n\ntoggle\n\ninside the toggle\n\n</toggle>\n\n"
    assert text.count(toggle) == 1
    journal.write(DAY, text.replace(toggle, "") + "\n" + toggle)
    _pushed(journal, later)
    after = snapshot(journal, page_id)
    gone = set(before) - set(after)
    assert ids["toggle"] in gone and len(gone) == 2  # the toggle and its child
    assert all(before[i] == after[i] for i in set(before) & set(after))
    last = journal.blocks(page_id)[-1]
    assert last["type"] == "toggle" and last["has_children"]
    assert after[last["id"]][1] == before[ids["toggle"]][1]


@pytest.mark.parametrize("old", ["under the toggle heading", "under the paragraph", "left", "right",
                                 "synced text", "    nested", "inside the toggle", "in quote",
                                 "in the callout"])
def test_an_edited_child_of_a_heading_paragraph_column_or_synced_block_stays_its_child(
        journal, later, old):
    page_id, ids = _pulled(journal, later)
    before = snapshot(journal, page_id)
    # The synced block's text is written twice: in the original, then in its copy.
    _edit(journal, f"\n{old}\n", f"\n{old}, edited\n", times=2 if old == "synced text" else 1)
    _pushed(journal, later)
    after = snapshot(journal, page_id)
    changed = _changed(before, after)
    assert len(changed) == 1 and changed <= set(before)  # edited in place: same id, same parent
    kind, body, _ = after[changed.pop()]
    words = old.strip(" >")
    assert kind == "paragraph" and body["rich_text"][0]["plain_text"] == f"{words}, edited"


def test_an_edited_toggle_heading_stays_toggleable_with_its_child(journal, later):
    page_id, ids = _pulled(journal, later)
    before, after = _edited(journal, later, page_id, "## Toggle heading\n", "## Toggle heading, edited\n")
    block = ids["heading_2 toggle"]
    assert _changed(before, after) == {block}
    assert after[block][1]["is_toggleable"] and after[block][2] == before[block][2]


def test_an_edit_of_a_synced_copys_text_is_made_in_the_original(journal, later):
    page_id, ids = _pulled(journal, later)
    before = snapshot(journal, page_id)
    text = journal.read(DAY)
    copy = (f'<synced_block_reference id="{ids["synced original"]}">\n\nsynced text\n\n'
            "</synced_block_reference>\n")
    assert copy in text  # the copy holds its original's text, in its own tag
    at = text.rindex("\nsynced text\n")
    journal.write(DAY, text[:at] + "\nsynced text, edited in the copy\n" + text[at + 13:])
    _pushed(journal, later)
    after = snapshot(journal, page_id)
    changed = _changed(before, after)
    assert len(changed) == 1 and changed <= set(before[ids["synced original"]][2])
    assert after[changed.pop()][1]["rich_text"][0]["plain_text"] == "synced text, edited in the copy"
    assert after[ids["synced duplicate"]][:2] == before[ids["synced duplicate"]][:2]


def test_a_deleted_child_and_an_edited_next_heading_keep_the_heading_at_its_level(journal, later):
    page_id, ids = _pulled(journal, later)
    before, after = _edited(journal, later, page_id,
                            "under the toggle heading\n\n</toggle>\n\n### Heading three\n",
                            "</toggle>\n\n### Heading three, edited\n")
    child = before[ids["heading_2 toggle"]][2][0]
    assert _changed(before, after) == {child, ids["heading_3"], ids["heading_2 toggle"]}
    assert child not in after and after[ids["heading_2 toggle"]][2] == []
    assert after[ids["heading_3"]][1]["rich_text"][0]["plain_text"] == "Heading three, edited"
    assert ids["heading_3"] in [b["id"] for b in journal.blocks(page_id)]  # still top level


def test_a_toggle_indented_under_a_bullet_is_re_created_there_as_a_toggle(journal, later):
    page_id, ids = _pulled(journal, later)
    before = snapshot(journal, page_id)
    text = journal.read(DAY)
    toggle = "<toggle>\n\ntoggle\n\ninside the toggle\n\n</toggle>\n\n"
    assert text.count(toggle) == 1 and text.count("    nested\n") == 1
    text = text.replace(toggle, "").replace("    nested\n", "    nested\n\n    " + toggle.replace(
        "\n\n", "\n\n    ").rstrip(" "))
    journal.write(DAY, text)
    _pushed(journal, later)
    after = snapshot(journal, page_id)
    gone = set(before) - set(after)
    assert ids["toggle"] in gone and len(gone) == 2  # the toggle and its child, re-created
    assert all(before[i] == after[i] for i in set(before) & set(after) if i != ids["bulleted"])
    moved = after[after[ids["bulleted"]][2][-1]]
    assert moved[0] == "toggle" and moved[1] == before[ids["toggle"]][1] and len(moved[2]) == 1
