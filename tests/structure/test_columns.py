"""Lines moved across a column list (its ``<columns>``/``<column>`` tags in the file): Notion never
gets a request it refuses, and only what must be re-created is.

End to end over HTTP against the emulator, which keeps the column rules after creation too (a
column keeps a child, a column list two columns). A column the file's edit empties is trashed while
its list keeps two columns; a list left with one column is dissolved as the app does (its lines are
re-created where it stood, the only way the API can take them out of it); a list that holds what
cannot be re-created is left alone and the entry fails with a clear line, before any request.
"""

from __future__ import annotations

from notionlog.cli.exitcodes import ExitStatus
from tests.fakenotion.showcase import child
from tests.structure.test_showcase import DAY, snapshot


def _tagged(*columns: list[str]) -> str:
    """The file's column list holding ``columns`` (each a list of its lines)."""
    inner = "".join("<column>\n\n" + "".join(w + "\n\n" for w in words) + "</column>\n\n"
                    for words in columns)
    return "<columns>\n\n" + inner + "</columns>\n"


def _column(*words: str) -> dict:
    return {"column": {"children": [b for w in words for b in child(w)]}}


def _page(journal, later, *columns: dict) -> tuple[str, dict[str, str]]:
    """The entry's page, filled in the app: top, a column list of ``columns``, bottom; pulled."""
    journal.write(DAY, f"# {DAY}\n\ntop\n")
    assert "1 created" in journal.sync()
    page_id = journal.page_for(DAY)["id"]
    made = journal.fake.user_append(page_id, [{"column_list": {"children": list(columns)}},
                                              *child("bottom")])
    later(3600)
    assert "1 pulled" in journal.sync()
    later(3600)
    ids = {"top": journal.blocks(page_id)[0]["id"], "columns": made[0]["id"], "bottom": made[1]["id"]}
    return page_id, ids


def _push(journal, later, text: str, expect: int = ExitStatus.OK) -> str:
    journal.write(DAY, text)
    journal.fake.clear_requests()
    later(3600)
    return journal.sync(expect=expect)


def _refused(journal) -> list[dict]:
    return [r for r in journal.fake.requests() if r["status"] >= 400]


def _words(journal, block_id: str) -> list[str]:
    out = []
    for block in journal.blocks(block_id):
        body = block[block["type"]]
        out.append("".join(i["plain_text"] for i in body.get("rich_text", [])) or block["type"])
    return out


def test_the_only_line_of_one_of_two_columns_moved_out_dissolves_the_list(journal, later):
    page_id, ids = _page(journal, later, _column("left"), _column("right", "more right"))
    before = snapshot(journal, page_id)
    text = journal.read(DAY)
    was = _tagged(["left"], ["right", "more right"])
    assert text.count(was + "\nbottom\n") == 1
    moved = text.replace(was, _tagged([], ["right", "more right"])) + "\nleft\n"
    out = _push(journal, later, moved)
    assert "1 updated" in out and _refused(journal) == []
    assert _words(journal, page_id) == ["top", "right", "more right", "bottom", "left"]
    after = snapshot(journal, page_id)
    kept = [ids["top"], ids["bottom"]]
    assert all(after[i] == before[i] for i in kept)
    assert set(before) - set(after) == {ids["columns"], *before[ids["columns"]][2],
                                         *[k for c in before[ids["columns"]][2] for k in before[c][2]]}
    assert journal.read(DAY) == moved
    journal.fake.clear_requests()
    later(3600)
    assert "0 updated" in journal.sync("--verify") and journal.writes() == []


def test_an_emptied_column_of_three_goes_and_the_others_keep_every_id(journal, later):
    page_id, ids = _page(journal, later, _column("left"), _column("middle"), _column("right"))
    before = snapshot(journal, page_id)
    text = journal.read(DAY)
    was = _tagged(["left"], ["middle"], ["right"])
    out = _push(journal, later, text.replace(was, _tagged(["middle"], ["right"])) + "\nleft\n")
    assert "1 updated" in out and _refused(journal) == []
    left_column = before[ids["columns"]][2][0]
    gone = set(before) - set(after := snapshot(journal, page_id))
    assert gone == {left_column, *before[left_column][2]}
    assert after[ids["columns"]][2] == before[ids["columns"]][2][1:]
    assert all(after[i] == before[i] for i in set(after) & set(before) if i != ids["columns"])
    assert _words(journal, page_id) == ["top", "column_list", "bottom", "left"]


def test_a_line_moved_into_a_column_is_created_there(journal, later):
    page_id, ids = _page(journal, later, _column("left"), _column("right"))
    before = snapshot(journal, page_id)
    text = journal.read(DAY)
    out = _push(journal, later, text.replace(_tagged(["left"], ["right"]) + "\nbottom\n",
                                             _tagged(["left", "bottom"], ["right"])))
    assert "1 updated" in out and _refused(journal) == []
    after = snapshot(journal, page_id)
    left_column = before[ids["columns"]][2][0]
    assert _words(journal, left_column) == ["left", "bottom"]
    assert set(before) - set(after) == {ids["bottom"]}


def test_a_list_holding_what_cannot_be_re_created_is_left_and_the_entry_fails_clearly(journal, later):
    synced = {"synced_block": {"synced_from": None, "children": child("synced text")}}
    page_id, ids = _page(journal, later, _column("left"), {"column": {"children": [synced]}})
    before = snapshot(journal, page_id)
    text = journal.read(DAY)
    moved = text.replace("<column>\n\nleft\n\n</column>", "<column>\n\n</column>") + "\nleft\n"
    out = _push(journal, later, moved, expect=ExitStatus.INPUT)
    assert _refused(journal) == [] and journal.writes() == []
    assert "failed   2021-12-07  the edit leaves a column list in Notion with one column" in out
    assert "synced block" in out
    assert snapshot(journal, page_id) == before
    assert journal.read(DAY) == moved


def test_a_dissolved_list_sends_its_photo_again_from_the_journals_copy(journal, later):
    from tests.fakenotion.showcase import PNG, photo_block
    from tests.structure.test_uploads import _hosted, _uploads

    page_id, ids = _page(journal, later, _column("left"), {"column": {"children": [photo_block()]}})
    text = journal.read(DAY)
    photo = next(line for line in text.splitlines() if line.startswith("![a photo](../assets/"))
    out = _push(journal, later, text.replace("<column>\n\nleft\n\n</column>\n\n", "", 1) + "\nleft\n")
    assert "1 updated" in out and _refused(journal) == []
    assert _uploads(journal) == ["POST /v1/file_uploads", "POST send"]
    assert _words(journal, page_id) == ["top", "image", "bottom", "left"]
    assert _hosted(journal, page_id) == [("image", PNG)]
    assert photo in journal.read(DAY)
    journal.fake.clear_requests()
    later(3600)
    assert "0 updated" in journal.sync("--verify") and journal.writes() == []


def test_the_only_line_of_a_column_deleted_dissolves_the_list_too(journal, later):
    page_id, ids = _page(journal, later, _column("left"), _column("right"))
    text = journal.read(DAY)
    out = _push(journal, later, text.replace("\nleft\n", "\n", 1))
    assert "1 updated" in out and _refused(journal) == []
    assert _words(journal, page_id) == ["top", "right", "bottom"]
    assert ids["columns"] not in {b["id"] for b in journal.blocks(page_id)}
