"""Column tags typed by hand that Notion cannot hold as typed (a ``<column>`` outside ``<columns>``,
a list of fewer than two columns, lines in ``<columns>`` with no ``<column>``): the words are sent as
the lines they are, never a request Notion refuses (docs/file-format.md, "Columns")."""

from __future__ import annotations

import pytest

from notionlog.convert import to_blocks
from notionlog.notion.writer import creatable

DAY = "2026-03-02"
TYPED = {
    "a column alone": ("<column>\n\nalone words\n\n</column>\n", ["alone words"]),
    "one column": ("<columns>\n\n<column>\n\nonly words\n\n</column>\n\n</columns>\n", ["only words"]),
    "no column": ("<columns>\n\nloose words\n\n</columns>\n", ["loose words"]),
    "empty list": ("<columns>\n\n</columns>\n\nafter words\n", ["after words"]),
    "an empty column of three": ("<columns>\n\n<column>\n\n</column>\n\n<column>\n\nright\n\n</column>\n\n"
                                 "<column>\n\nthird\n\n</column>\n\n</columns>\n", None),
}


def _texts(blocks: list[dict]) -> list[str]:
    out = []
    for block in blocks:
        body = block[block["type"]]
        if "rich_text" in body:
            out.append("".join(i["text"]["content"] for i in body["rich_text"]))
        out += _texts(block.get("children") or body.get("children") or [])
    return out


@pytest.mark.parametrize("name", TYPED)
def test_creatable_never_holds_a_column_list_notion_refuses(name):
    typed, lines = TYPED[name]
    made = creatable(to_blocks(typed).children)
    for block in made:
        assert block["type"] != "column"
        if block["type"] == "column_list":
            columns = block.get("children") or block["column_list"]["children"]
            assert len(columns) >= 2 and all(c["type"] == "column" for c in columns)
            assert all(c.get("children") or c["column"].get("children") for c in columns)
    if lines is not None:
        assert _texts(made) == lines


@pytest.mark.parametrize("name", TYPED)
def test_a_new_entry_with_typed_columns_is_created_with_every_word(journal, later, name):
    typed, _ = TYPED[name]
    journal.write(DAY, f"# Typed\n\n{typed}")
    out = journal.sync()
    assert "failed" not in out.replace("0 failed", ""), out
    later(3 * 3600)
    journal.sync()
    words = {w for w in typed.split() if not w.startswith("<")}
    assert words <= set(journal.read(DAY).split())
    assert words <= set(journal.markdown(DAY).split())


DEEP = {
    "a toggle in a callout in a column": (
        '<columns>\n\n<column>\n\n<callout icon="💡">\n\nNote\n\n<toggle>\n\nTitle\n\nkid words\n\n'
        '</toggle>\n\n</callout>\n\n</column>\n\n<column>\n\nright\n\n</column>\n\n</columns>\n'),
    "a nested list in a column": (
        "<columns>\n\n<column>\n\n- 달리기\n    - 스트레칭\n        - 깊이\n\n</column>\n\n<column>\n\n"
        "right\n\n</column>\n\n</columns>\n"),
}


def _shape(blocks: list[dict]) -> list:
    return [(b["type"], _shape(b.get("children") or b[b["type"]].get("children") or [])) for b in blocks]


def _tree(journal, block_id: str) -> list:
    client = journal.fake.client()
    return [(b["type"], _tree(journal, b["id"]) if b["has_children"] else [])
            for b in client.blocks.children.list(block_id)["results"]]


@pytest.mark.parametrize("name", DEEP)
def test_columns_holding_blocks_nested_deeper_than_a_request_takes_are_created_whole(journal, later, name):
    """Notion takes two levels below a request's top block and a column list only with its
    columns, each holding a block: the deeper blocks are appended after, under their parents."""
    typed = DEEP[name]
    journal.write(DAY, f"# Typed\n\n{typed}")
    out = journal.sync()
    assert "failed" not in out.replace("0 failed", ""), out
    page = journal.page_for(DAY)
    assert _tree(journal, page["id"]) == _shape(to_blocks(typed).children)
    later(3 * 3600)
    journal.sync()
    assert journal.read(DAY) == f"# Typed\n\n{typed}"
