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
    path.write_text('<toggle colour="red">\n\nT\n\n</toggle>\n', encoding="utf-8")
    with __import__("pytest").raises(SystemExit) as done:
        main(["render", str(path)])
    err = capsys.readouterr().err
    assert done.value.code == 0
    assert f'warning  {path}: line 1: <toggle colour="red"> kept as text' in err
