"""Tag-like lines read as text are named, one line each (docs/file-format.md, "Typed by hand")."""

from __future__ import annotations

import pytest

from notionlog.convert.typos import notes


@pytest.mark.parametrize("typed, line, says", [
    ("before\n<toggle>\nTitle\n</toggle>\n", 2, "blank line before it"),
    ("<toggle>\n\nnever closed\n", 1, "closing tag"),
    ("hello\n\n</callout>\n", 3, "kept as text"),
    ('<toggle colr="red">\n\nT\n\n</toggle>\n', 1, '<toggle> takes color="…"'),
    ('<callout icon="idea">\n\nT\n\n</callout>\n', 1, 'icon "idea" is neither an emoji nor a web address'),
    ('<toggle color="teal">\n\nT\n\n</toggle>\n', 1, '"teal" is no Notion colour'),
    ('a <span colour="red">b</span>\n', 1, '<span colour="red"> kept as text'),
    ('see <mention-page url="https://www.notion.so/abc">X</mention-page>\n', 1, "kept as text"),
    ("- item\n    <toggle>\n    Inner\n    </toggle>\n", 2, "blank line before it"),
    ('# T\n\n## Heading {toggle="true"}\n', 3, '{toggle="true"} kept as text (a v1 spelling)'),
    ('A line {color="blue"}\n', 1, '{color="blue"} kept as text'),
    ("x\n\n<column>\n\nalone\n\n</column>\n", 3, "<column> outside <columns> is sent as the lines"),
    ("<columns>\n\n<column>\n\nonly\n\n</column>\n\n</columns>\n", 1, "<columns> is sent as the lines"),
    ("<columns>\n\nloose\n\n</columns>\n", 1, "two or more <column>s"),
])
def test_a_tag_read_as_text_is_named_with_its_line(typed, line, says):
    found = notes(typed)
    assert found and found[0].startswith(f"line {line}: ") and says in found[0], found


@pytest.mark.parametrize("fine", [
    '<callout icon="💡" color="gray_bg">\n\nRemember\n\n- kid\n\n</callout>\n',
    "- item\n\n    <toggle>\n\n    Inner\n\n    </toggle>\n",
    '```html\n<toggle>\n<span colour="x">\n```\n',
    '<p align="center">\n\n<img src="x.png">\n\n',
    'the <span color="red">red</span> word\n',
    "\\<toggle>\n\nx\n",
    "<Toggle>\n\nT\n\n</Toggle>\n",
    "<columns>\n\n<column>\n\n</column>\n\n<column>\n\nr\n\n</column>\n\n<column>\n\nt\n\n</column>\n\n"
    "</columns>\n",
    '<callout colour="red">\n\nT\n\n</callout>\n',
])
def test_what_reads_as_typed_is_not_named(fine):
    assert notes(fine) == []
