"""Among equal lines, the one the person moved is the one re-created; the others keep their ids.

End to end over HTTP: the page holds two lines of the same words, one typed in two runs and one in
one (the file shows both as the same line; a colour it would show in a tag). Moving one of them in
the file must re-create that one, where the file puts it, and leave the other where it was with
its id.
"""

from __future__ import annotations

from tests.fakenotion.showcase import run
from tests.structure.test_showcase import DAY


def _page(journal, later) -> tuple[str, dict[str, str]]:
    """A pushed entry whose page a person filled with: same (two runs), between, same, - after."""
    journal.write(DAY, f"# {DAY}\n\nfirst line\n")
    assert "1 created" in journal.sync()
    page_id = journal.page_for(DAY)["id"]
    lines = [("split", [run("same "), run("words")]), ("between", [run("between")]),
             ("plain", [run("same words")]), ("after", [run("after")])]
    kinds = ["paragraph"] * 3 + ["bulleted_list_item"]
    made = journal.fake.user_append(page_id, [{kind: {"rich_text": items}}
                                              for kind, (_, items) in zip(kinds, lines, strict=True)])
    later(3600)
    assert "1 pulled" in journal.sync()
    later(3600)
    return page_id, {label: block["id"] for (label, _), block in zip(lines, made, strict=True)}


def _order(journal, page_id: str) -> list[tuple[str, str, str]]:
    """(id, words, "split" for the line in two runs else "one") of each top-level block."""
    out = []
    for block in journal.blocks(page_id):
        items = block[block["type"]]["rich_text"]
        out.append((block["id"], "".join(i["plain_text"] for i in items),
                    "split" if len(items) == 2 else "one"))
    return out


def _push(journal, later, text: str) -> None:
    journal.write(DAY, text)
    later(3600)
    assert "1 updated" in journal.sync()


def _indent_the_plain_one(journal, later) -> tuple[str, dict[str, str]]:
    """The plain one moved under the last line, a bullet, and pushed."""
    page_id, ids = _page(journal, later)
    text = journal.read(DAY)
    _push(journal, later, text.replace("between\n\nsame words\n\n- after\n",
                                       "between\n\n- after\n\n    same words\n", 1))
    return page_id, ids


def test_an_equal_line_moved_under_another_block_is_re_created_as_itself(journal, later):
    page_id, ids = _indent_the_plain_one(journal, later)
    order = _order(journal, page_id)
    assert [i for i, _, _ in order[1:]] == [ids["split"], ids["between"], ids["after"]]
    assert order[1][2] == "split"
    (child,) = journal.blocks(ids["after"])
    items = child["paragraph"]["rich_text"]
    assert [i["plain_text"] for i in items] == ["same words"]


def test_an_equal_line_moved_out_of_a_block_is_re_created_as_itself(journal, later):
    page_id, ids = _indent_the_plain_one(journal, later)
    text = journal.read(DAY)
    _push(journal, later, text.replace("- after\n\n    same words\n", "- after\n\nsame words\n", 1))
    order = _order(journal, page_id)
    assert [i for i, _, _ in order[1:4]] == [ids["split"], ids["between"], ids["after"]]
    assert order[4][1:] == ("same words", "one") and order[1][2] == "split"
    assert journal.blocks(ids["after"]) == []


def test_the_second_of_two_equal_lines_moved_up_is_the_one_re_created(journal, later):
    page_id, ids = _page(journal, later)
    text = journal.read(DAY)
    # Moved just before its twin: the file reads "same words, same words, between, after".
    _push(journal, later, text.replace("same words\n\nbetween\n\nsame words\n",
                                       "same words\n\nsame words\n\nbetween\n", 1))
    order = _order(journal, page_id)
    assert [words for _, words, _ in order] == ["first line", "same words", "same words", "between",
                                               "after"]
    assert order[1][0] not in ids.values() and order[1][2] == "one"  # the moved one
    assert [i for i, _, _ in order[2:]] == [ids["split"], ids["between"], ids["after"]]
