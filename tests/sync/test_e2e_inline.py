"""Colour, underline and mentions made in the Notion app, shown in the file, changed in the file.

End to end over HTTP against the emulator: a person colours and underlines words and mentions
someone and a page in the app; the pull writes them as inline tags; the user changes the colour
and removes the underline in the file; the push changes exactly that, in the same block.
"""

from __future__ import annotations

from tests.fakenotion.apierror import PERSON_ID, PERSON_NAME

DAY = "2021-12-07"


def _run(content: str, **annotations) -> dict:
    return {"type": "text", "text": {"content": content}, "annotations": annotations}


def _line(journal, text: str) -> dict:
    page_id = journal.page_for(DAY)["id"]
    found = [b for b in journal.blocks(page_id)
             if "".join(i["plain_text"] for i in b[b["type"]].get("rich_text", [])) == text]
    assert len(found) == 1, text
    return found[0]


def _marks(block: dict) -> list[tuple]:
    """(text, colour, underline, mention type) of each run of a listed block."""
    return [(i["plain_text"], i["annotations"]["color"], i["annotations"]["underline"],
             i["mention"]["type"] if i["type"] == "mention" else None)
            for i in block[block["type"]]["rich_text"]]


def _per_character(runs: list[tuple]) -> list[tuple]:
    """The runs' marks per character (runs with equal marks may be joined or split)."""
    return [(ch, *marks) for text, *marks in runs for ch in text]


def _coloured_in_notion(journal, later) -> tuple[str, str]:
    """The entry pushed, then marked up in the app and pulled; returns (block id, page id)."""
    journal.write(DAY, f"# {DAY}\n\nthe sky was blue\n\nanother line\n")
    assert "1 created" in journal.sync()
    page_id = journal.page_for(DAY)["id"]
    block = _line(journal, "the sky was blue")
    journal.fake.user_turn_into(block["id"], {"paragraph": {"rich_text": [
        _run("the "), _run("sky", underline=True), _run(" was "), _run("blue", color="red"),
        _run(" with "), {"type": "mention", "mention": {"type": "user", "user": {"id": PERSON_ID}}},
        _run(" on "), {"type": "mention", "mention": {"type": "page", "page": {"id": page_id}}},
        _run(" "), {"type": "mention", "mention": {"type": "date", "date": {"start": DAY}}}]}})
    later(3600)
    assert "1 pulled" in journal.sync()
    later(3600)
    return block["id"], page_id


def test_a_colour_made_in_notion_is_pulled_as_a_tag_and_changed_from_the_file(journal, later):
    block_id, page_id = _coloured_in_notion(journal, later)
    text = journal.read(DAY)
    hexid = page_id.replace("-", "")
    line = ('the <span underline="true">sky</span> was <span color="red">blue</span> with '
            f'<mention-user url="user://{PERSON_ID}">@{PERSON_NAME}</mention-user> on '
            f'<mention-page url="https://www.notion.so/{hexid}">{DAY}</mention-page> '
            f'<mention-date start="{DAY}">{DAY}</mention-date>\n')
    assert line in text
    before = _marks(_line(journal, f"the sky was blue with @{PERSON_NAME} on {DAY} {DAY}"))

    journal.fake.clear_requests()
    assert "0 updated" in journal.sync()  # nothing edited: nothing sent, nothing rewritten
    assert journal.writes() == [] and journal.read(DAY) == text

    edited = line.replace('<span underline="true">sky</span>', "sky").replace(
        'color="red"', 'color="green_bg"')
    journal.write(DAY, text.replace(line, edited))
    journal.fake.clear_requests()
    later(3600)
    assert "1 updated" in journal.sync()
    patched = [w for w in journal.writes() if w["path"].startswith("/v1/blocks/")]
    assert [(w["method"], w["path"]) for w in patched] == [("PATCH", f"/v1/blocks/{block_id}")]
    after = _line(journal, f"the sky was blue with @{PERSON_NAME} on {DAY} {DAY}")
    assert after["id"] == block_id
    expected = [(t, "green_background" if t == "blue" else colour, False, mention)
                for t, colour, _, mention in before]
    assert _per_character(_marks(after)) == _per_character(expected)
    assert len([m for *_, m in _marks(after) if m]) == 3  # each mention still one item
    later(3600)
    journal.fake.clear_requests()
    assert "0 updated" in journal.sync()
    assert journal.writes() == [] and journal.read(DAY) == text.replace(line, edited)


def test_a_mention_typed_in_the_file_becomes_a_mention_in_notion(journal, later):
    block_id, page_id = _coloured_in_notion(journal, later)
    text = journal.read(DAY)
    database = "https://www.notion.so/" + journal.database_id.replace("-", "")
    journal.write(DAY, text.replace(
        "another line", f'another line for <mention-user url="user://{PERSON_ID}"/> '
                        '<mention-date start="2021-12-24" end="2021-12-26"/> in '
                        f'<mention-database url="{database}">the journal</mention-database>'))
    later(3600)
    assert "1 updated" in journal.sync()
    title = journal.fake.client().databases.retrieve(journal.database_id)["title"][0]["plain_text"]
    block = _line(journal, f"another line for @{PERSON_NAME} 2021-12-24 → 2021-12-26 in {title}")
    assert [m for *_, m in _marks(block)] == [None, "user", None, "date", None, "database"]
    assert block["paragraph"]["rich_text"][3]["mention"]["date"]["end"] == "2021-12-26"
    later(3600)
    journal.sync()  # the page moved under our write: read again, the file takes Notion's words
    assert (f'<mention-user url="user://{PERSON_ID}">@{PERSON_NAME}</mention-user>'
            in journal.read(DAY))


def test_a_file_in_the_old_form_keeps_the_colours_and_mentions_it_never_showed(journal, later):
    """A file written before the tags existed (its last-synced text has none either): editing a
    word of a coloured line keeps every other character's colour, underline and mention."""
    import re

    from notionlog.sync.store import open_store

    block_id, _ = _coloured_in_notion(journal, later)
    text = journal.read(DAY)
    tags = re.compile(r"</?span[^>]*>|</?mention-[a-z]+[^>]*>")
    old = tags.sub("", text)  # how the old writer wrote it
    assert "<" not in old
    store = open_store(journal.home)
    try:
        row = store.get(DAY)
        assert "<span" in row.base
        row.base = tags.sub("", row.base)  # as the old version recorded it
        store.put(row)
    finally:
        store.close()
    before = _marks(_line(journal, f"the sky was blue with @{PERSON_NAME} on {DAY} {DAY}"))
    journal.write(DAY, old.replace("was blue", "was very blue"))
    later(3600)
    assert "1 updated" in journal.sync()
    after = _line(journal, f"the sky was very blue with @{PERSON_NAME} on {DAY} {DAY}")
    assert after["id"] == block_id
    edited = [(t.replace("was ", "was very ") if t == " was " else t, *rest) for t, *rest in before]
    assert _per_character(_marks(after)) == _per_character(edited)
    assert len([m for *_, m in _marks(after) if m]) == 3
