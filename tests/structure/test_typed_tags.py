"""Tags typed by hand that Notion would refuse as typed reach Notion as the words typed, and the
entry syncs (docs/file-format.md, "Callout")."""

from __future__ import annotations

import pytest

DAY = "2026-03-03"


def test_a_callout_with_a_word_for_its_icon_syncs_as_a_callout_and_says_the_icon_was_not_sent(
        journal, later):
    typed = '# Typed\n\n<callout icon="idea">\n\nNote words\n\n</callout>\n'
    journal.write(DAY, typed)
    out = journal.sync()
    assert "failed" not in out.replace("0 failed", ""), out
    assert f'warning  {DAY}: line 3: <callout icon="idea">: icon "idea" is neither' in out
    later(3 * 3600)
    journal.sync()
    assert "<callout>\n\nNote words\n\n</callout>" in journal.markdown(DAY)
    assert journal.read(DAY) == typed  # the file as typed until the page changes


def test_a_tag_typed_without_its_blank_line_syncs_as_text_with_a_warning_naming_the_line(journal, later):
    journal.write(DAY, "# Typed\n\nbefore\n<toggle>\nTitle\n</toggle>\n")
    out = journal.sync()
    assert "1 created" in out
    assert f"warning  {DAY}: line 4: <toggle> kept as text: a tag needs a blank line before it" in out
    assert "<toggle>" in journal.markdown(DAY) and "Title" in journal.markdown(DAY)
    later(3 * 3600)
    assert "warning" not in journal.sync()  # said once, when the file is pushed


def test_render_names_a_tag_read_as_text(tmp_path, capsys):
    from notionlog.cli import main

    path = tmp_path / "e.md"
    path.write_text('<toggle colr="red">\n\nT\n\n</toggle>\n', encoding="utf-8")
    with __import__("pytest").raises(SystemExit) as done:
        main(["render", str(path)])
    err = capsys.readouterr().err
    assert done.value.code == 0
    assert f'warning  {path}: line 1: <toggle colr="red"> kept as text' in err


@pytest.mark.parametrize("typed", [
    '<Callout icon="💡" color="yellow_bg">', '<callout icon="💡" colour="blue">',
    '<callout icon="idea" color="yellow_bg">', '<CALLOUT ICON="💡">'])
def test_a_slip_in_a_pulled_callouts_tag_keeps_its_block(journal, later, typed):
    """Upper case, the British spelling or a word for the icon: the callout stays the same block
    (same id, same children), never trashed and re-created as text."""
    from tests.structure.test_showcase import DAY as SHOWN
    from tests.structure.test_showcase import _edit, _pulled, snapshot

    page_id, ids = _pulled(journal, later)
    before = snapshot(journal, page_id)
    _edit(journal, '<callout icon="💡" color="yellow_bg">', typed)
    later(3600)
    journal.sync()
    after = snapshot(journal, page_id)
    assert set(before) <= set(after) and after[ids["callout"]][0] == "callout"
    assert after[ids["callout"]][2] == before[ids["callout"]][2]
    assert after[ids["callout"]][1]["icon"] == {"type": "emoji", "emoji": "💡"}
    assert SHOWN != DAY


@pytest.mark.parametrize("old, new", [
    ("in the callout\n\n</callout>", "in the callout\n"),  # the closing tag lost
    ("first line\n\n", "first line\n"),  # no blank line between a line and the next tag
])
def test_a_broken_tag_in_a_pulled_entry_stops_its_push_before_any_request(journal, later, old, new):
    from tests.structure.test_showcase import DAY as SHOWN
    from tests.structure.test_showcase import _pulled, snapshot

    page_id, _ = _pulled(journal, later)
    text = journal.read(SHOWN)
    if old == "first line\n\n":
        text = text.replace("first line\n\n", "first line\n\n<toggle>\n\nmine\n\n</toggle>\n\n", 1)
        old = "first line\n\n<toggle>"
        new = "first line\n<toggle>"
    journal.write(SHOWN, text.replace(old, new, 1))
    before = snapshot(journal, page_id)
    journal.fake.clear_requests()
    later(3600)
    out = journal.sync(expect=3)
    assert f"failed   {SHOWN}  line " in out and "nothing was sent — put the blank line" in out, out
    assert journal.writes() == [] and snapshot(journal, page_id) == before
