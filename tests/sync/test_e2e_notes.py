"""`notionlog sync` also brings home the Notion pages the entries link to (the note pull wired into sync)."""

from __future__ import annotations

import pytest

from notionlog.convert import to_blocks
from tests.notes.conftest import MLOPS_MD, SEED_ID
from tests.sync.conftest import SEED


@pytest.fixture
def entries_only():
    """Overrides the package's autouse fixture: here the full sync runs, linked notes included."""
    return None


def test_sync_pulls_the_seeds_linked_summary_page_into_notes(journal, fakenotion):
    fakenotion.add_page("MLOps", to_blocks(MLOPS_MD).children, id=SEED_ID)
    journal.write("2021-12-07", SEED)

    out = journal.sync()

    assert "1 created" in out
    notes = [p for p in (journal.home / "notes").glob("*.md") if p.name != "README.md"]
    assert [p.name for p in notes] == ["MLOps-ac7132fe.md"]
    text = notes[0].read_text(encoding="utf-8")
    assert "    - 배포\n" in text and "꽃 피는 시기가 꽃마다 다른것처럼 🌸" in text
    assert "2021-12-07" in (journal.home / "notes" / "README.md").read_text(encoding="utf-8")


def test_an_unshared_linked_page_warns_and_the_sync_still_succeeds(journal):
    journal.write("2021-12-07", SEED)

    out = journal.sync()  # exit status 0 is asserted by Journal.sync

    assert "1 created" in out
    assert "warning" in out and "share" in out.lower()
    assert journal.page_for("2021-12-07")["id"]


def test_no_notes_flag_skips_linked_pages(journal, fakenotion):
    fakenotion.add_page("MLOps", to_blocks(MLOPS_MD).children, id=SEED_ID)
    journal.write("2021-12-07", SEED)

    journal.sync("--no-notes")

    assert not (journal.home / "notes").exists()
    assert not any(SEED_ID in r["path"] for r in fakenotion.requests())
