"""Tags typed by hand that Notion would refuse as typed reach Notion as the words typed, and the
entry syncs (docs/file-format.md, "Callout")."""

from __future__ import annotations

DAY = "2026-03-03"


def test_a_callout_with_a_word_for_its_icon_syncs_as_the_words_typed(journal, later):
    typed = '# Typed\n\n<callout icon="idea">\n\nNote words\n\n</callout>\n'
    journal.write(DAY, typed)
    out = journal.sync()
    assert "failed" not in out.replace("0 failed", ""), out
    later(3 * 3600)
    journal.sync()
    shown = journal.markdown(DAY)
    assert '<callout icon="idea">' in shown and "Note words" in shown
    assert "idea" in journal.read(DAY) and "Note words" in journal.read(DAY)
