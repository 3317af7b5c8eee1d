"""``status`` right after a push judges the push as ours, over HTTP with the emulator's clock.

Status reads no content: it recognises our own last write by the page's ``last_edited_time``,
``last_edited_by`` and revision mark, as sync does. A database without the revision property
carries no mark; the time and editor of our write then make it ours for status.
"""

from __future__ import annotations

import pytest

from tests.sync.conftest import SEED, TODAY


def without_revision_property(journal) -> None:
    journal.fake.client().data_sources.update(journal.data_source_id, properties={"notionlog": None})


def states(journal) -> str:
    code, out, err = journal.run("status")
    assert code == 0, (out, err)
    return out


@pytest.mark.parametrize("marked", [True, False], ids=["revision property", "no revision property"])
def test_status_right_after_new_push_is_in_sync(journal, later, marked):
    if not marked:
        without_revision_property(journal)
    later(3600)
    code, out, err = journal.run("new", "--push", "--no-edit", "--date", TODAY)
    assert code == 0, (out, err)
    assert states(journal) == f"{TODAY}  in sync\n"  # the same minute as the push


@pytest.mark.parametrize("marked", [True, False], ids=["revision property", "no revision property"])
def test_status_right_after_an_update_is_in_sync_and_a_persons_edit_shows(journal, later, marked):
    if not marked:
        without_revision_property(journal)
    journal.write(TODAY, SEED)
    journal.sync()
    later(3600)
    journal.write(TODAY, SEED.replace("    - 멘토링\n", "    - 멘토링!\n", 1))
    journal.sync()
    assert states(journal) == f"{TODAY}  in sync\n"
    page = journal.page_for(TODAY)
    journal.fake.user_append(page["id"], [{"type": "paragraph", "paragraph": {"rich_text": [
        {"type": "text", "text": {"content": "typed on the phone"}}]}}])
    assert states(journal) == f"{TODAY}  changed in Notion\n"  # the same minute, another editor
