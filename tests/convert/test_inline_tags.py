"""The inline tags, form by form: colour and underline spans, mentions, and text that looks like one."""

from __future__ import annotations

import pytest

from notionlog.convert import colors, normalize, tags, to_blocks, to_markdown
from notionlog.convert.inline import Seg, from_rich_text
from notionlog.notion.wire import outgoing

PAGE = "393abc1e-edcd-8124-a32c-eb218a6acdb1"
PAGE_URL = "https://www.notion.so/393abc1eedcd8124a32ceb218a6acdb1"
USER = "0c1f7c3e-5a0b-4d2e-9f61-2b7d8e4a9c10"


def _items(markdown: str) -> list[dict]:
    block = to_blocks(markdown).children[0]
    return block[block["type"]]["rich_text"]


def _run(content: str, **annotations) -> dict:
    full = {"bold": False, "italic": False, "strikethrough": False, "underline": False,
            "code": False, "color": "default", **annotations}
    return {"type": "text", "text": {"content": content, "link": None}, "annotations": full,
            "plain_text": content, "href": None}


def _line(*items: dict) -> str:
    return to_markdown([{"type": "paragraph", "paragraph": {"rich_text": list(items)}}]).rstrip("\n")


def test_colour_names_map_in_one_place():
    assert colors.to_file("red_background") == "red_bg" and colors.to_api("red_bg") == "red_background"
    assert colors.to_file("blue") == "blue" and colors.to_api("blue") == "blue"
    assert colors.to_api("red_background") == "red_background"  # the API's spelling is read too
    assert colors.to_file("default") is None and colors.to_api("crimson") is None


@pytest.mark.parametrize("annotations, written", [
    ({"color": "red"}, 'a <span color="red">word</span> b'),
    ({"color": "yellow_background"}, 'a <span color="yellow_bg">word</span> b'),
    ({"underline": True}, 'a <span underline="true">word</span> b'),
    ({"color": "blue", "underline": True}, 'a <span color="blue" underline="true">word</span> b'),
    ({"color": "red", "bold": True}, 'a <span color="red">**word**</span> b'),
    ({"underline": True, "italic": True, "strikethrough": True},
     'a <span underline="true">~~*word*~~</span> b'),
    ({"color": "gray", "code": True}, 'a <span color="gray">`word`</span> b'),
])
def test_colour_and_underline_are_written_in_one_span_outside_emphasis(annotations, written):
    line = _line(_run("a "), _run("word", **annotations), _run(" b"))
    assert line == written
    word = _items(line)[1]
    assert word["text"]["content"] == "word"
    assert {k: v for k, v in word["annotations"].items() if v} == annotations


def test_a_span_sits_inside_a_link_and_emphasis_stays_whole_across_colours():
    link = {**_run("here", color="red"), "text": {"content": "here", "link": {"url": "https://x.y/"}},
            "href": "https://x.y/"}
    assert _line(_run("see "), link) == 'see [<span color="red">here</span>](https://x.y/)'
    line = _line(_run("ab", bold=True), _run("cd", bold=True, color="red"))
    assert line == '**ab**<span color="red">**cd**</span>'
    assert [(s.text, s.bold, s.color) for s in from_rich_text(_items(line))] == [
        ("ab", True, None), ("cd", True, "red")]


def test_nested_spans_and_the_api_spelling_are_read():
    segs = from_rich_text(_items('<span color="red">a <span underline="true" color="blue_background">'
                                 "b</span></span>"))
    assert [(s.text, s.color, s.underline) for s in segs] == [
        ("a ", "red", False), ("b", "blue_background", True)]
    assert normalize('<span color="red">a <span underline="true">b</span></span>\n') == (
        '<span color="red">a </span><span color="red" underline="true">b</span>\n')


@pytest.mark.parametrize("mention, plain, written", [
    ({"type": "page", "page": {"id": PAGE}}, "MLOps",
     f'<mention-page url="{PAGE_URL}">MLOps</mention-page>'),
    ({"type": "database", "database": {"id": PAGE}}, "Reading",
     f'<mention-database url="{PAGE_URL}">Reading</mention-database>'),
    ({"type": "user", "user": {"object": "user", "id": USER}}, "@Ann",
     f'<mention-user url="user://{USER}">@Ann</mention-user>'),
    ({"type": "date", "date": {"start": "2026-07-04", "end": None, "time_zone": None}}, "2026-07-04",
     '<mention-date start="2026-07-04">2026-07-04</mention-date>'),
    ({"type": "date", "date": {"start": "2022-05-14T09:00:00.000-04:00", "end": "2022-05-15",
                               "time_zone": "America/New_York"}}, "May 14 → May 15",
     '<mention-date start="2022-05-14T09:00:00.000-04:00" end="2022-05-15" '
     'timeZone="America/New_York">May 14 → May 15</mention-date>'),
])
def test_a_mention_is_written_with_its_text_inside_and_read_back_as_a_mention(mention, plain, written):
    item = {"type": "mention", "mention": mention, "annotations": _run("")["annotations"],
            "plain_text": plain, "href": None}
    line = _line(_run("on "), item)
    assert line == "on " + written
    back = _items(line)[1]
    kind = mention["type"]
    assert back["type"] == "mention" and back["plain_text"] == plain
    value = {k: v for k, v in mention[kind].items() if v is not None and k != "object"}
    assert back["mention"] == {"type": kind, kind: value}
    assert outgoing(back) == {"type": "mention", "mention": back["mention"]}  # as sent


def test_a_mentions_emphasis_and_colour_go_around_its_words():
    item = {"type": "mention", "mention": {"type": "page", "page": {"id": PAGE}},
            "annotations": {**_run("")["annotations"], "bold": True, "color": "red"},
            "plain_text": "MLOps", "href": PAGE_URL}
    line = _line(_run("see"), item)
    assert line == f'see<span color="red"><mention-page url="{PAGE_URL}">**MLOps**</mention-page></span>'
    back = _items(line)[1]
    assert back["annotations"] == {"bold": True, "color": "red"}
    assert _items(f'**<mention-page url="{PAGE_URL}">x</mention-page>**')[0]["annotations"] == {
        "bold": True}


@pytest.mark.parametrize("typed, mention, text", [
    ('<mention-date start="2026-07-04"/>', {"type": "date", "date": {"start": "2026-07-04"}},
     "2026-07-04"),
    ('<mention-date start="2026-07-04" end="2026-07-05" />',
     {"type": "date", "date": {"start": "2026-07-04", "end": "2026-07-05"}}, "2026-07-04 → 2026-07-05"),
    ('<mention-date start="2026-07-04" startTime="09:30" timeZone="Asia/Seoul"/>',
     {"type": "date", "date": {"start": "2026-07-04T09:30", "time_zone": "Asia/Seoul"}},
     "2026-07-04T09:30"),
    (f'<mention-user url="user://{USER}"/>', {"type": "user", "user": {"id": USER}}, f"user://{USER}"),
    ('<mention-page url="https://www.notion.so/MLOps-393abc1eedcd8124a32ceb218a6acdb1?pvs=4">M'
     "</mention-page>", {"type": "page", "page": {"id": PAGE}}, "M"),
])
def test_the_self_closing_form_and_the_guides_other_spellings_are_read(typed, mention, text):
    item = _items(f"x {typed} y")[1]
    assert item["mention"] == mention and item["plain_text"] == text


@pytest.mark.parametrize("typed", [
    '<span color="crimson">a</span>', '<span color="red">a',  'a</span>', '<span>a</span>',
    '<span style="color:red">a</span>', '<span underline="false">a</span>',
    '<mention-page url="https://example.com/x">a</mention-page>', '<mention-user url="@ann"/>',
    '<mention-date start="tomorrow"/>', '<mention-date end="2026-07-04"/>',
    '<mention-page url="https://www.notion.so/393abc1eedcd8124a32ceb218a6acdb1">a',
    '<mention-task url="https://www.notion.so/393abc1eedcd8124a32ceb218a6acdb1"/>',
])
def test_a_tag_that_is_not_whole_or_not_known_stays_visible_text(typed):
    segs = from_rich_text(_items(f"x {typed} y"))
    assert "".join(s.text for s in segs) == f"x {typed} y"
    assert not any(s.color or s.underline or s.mention for s in segs)


@pytest.mark.parametrize("text, escaped", [
    ('<span color="red">red</span>', True), ("a </span>", True),
    ('a <mention-date start="2026-07-04"/>', True),
    (f'<mention-page url="{PAGE_URL}">x</mention-page>', True),
    ('a <span underline="true"> b', True), ("a <span b", False),  # (no tag: nothing to escape)
    # Alone on its line a tag starts an HTML block (CommonMark 4.6): kept as typed unless it reads
    # as a tag of ours there.
    ("</span>", False), ('<span color="red">', False), ('<mention-date start="2026-07-04"/>', True),
])
def test_literal_text_that_looks_like_a_tag_is_escaped_and_reads_back_as_text(text, escaped):
    line = _line(_run(text))
    assert line == (text.replace("<", "\\<").replace("https:", "https\\:") if escaped else text)
    assert [(i["type"], i["plain_text"] if "plain_text" in i else i["text"]["content"])
            for i in _items(line)] == [("text", text)]
    assert normalize(line + "\n") == line + "\n"


def test_the_check_parse_takes_only_whole_tags_of_ours():
    from notionlog.convert import textmd

    assert textmd.parse_markdown('a <span color="red">b</span>')
    assert textmd.parse_markdown('a <span color="red">b') == []  # another viewer shows a tag
    assert textmd.parse_markdown("a <b>b</b>") == []


def test_a_tag_is_never_proven_safe_without_the_check():
    from notionlog.convert import markup, safe

    for segs in ([Seg("a", color="red")], [Seg("a", underline=True)],
                 [Seg("M", mention=("page", (("url", PAGE_URL),)))], [Seg('<span color="red">')]):
        assert safe.needs_check(segs, markup.render(segs))


def test_a_date_mention_attribute_escapes_quotes_and_ampersands():
    mention = ("date", (("start", "2026-07-04"), ("timeZone", 'A&B"C')))
    assert tags.open_mention(mention) == (
        '<mention-date start="2026-07-04" timeZone="A&amp;B&quot;C">')
    assert tags.read(tags.open_mention(mention)).mention == mention


def test_outgoing_leaves_other_items_alone_and_copies_only_what_it_changes():
    text = {"type": "text", "text": {"content": "a"}}
    body = {"rich_text": [text], "children": [{"paragraph": {"rich_text": [
        {"type": "mention", "mention": {"type": "date", "date": {"start": "2026-07-04"}},
         "plain_text": "2026-07-04"}]}}]}
    sent = outgoing(body)
    assert sent["rich_text"] == [text]
    assert sent["children"][0]["paragraph"]["rich_text"][0] == {
        "type": "mention", "mention": {"type": "date", "date": {"start": "2026-07-04"}}}
    assert "plain_text" in body["children"][0]["paragraph"]["rich_text"][0]  # the input is kept


def test_a_table_row_holding_a_mention_keys_the_same_from_the_page_and_from_the_file():
    from notionlog.sync.sides import block_key

    mention = {"type": "mention", "mention": {"type": "page", "page": {"id": PAGE}},
               "annotations": _run("")["annotations"], "plain_text": "MLOps", "href": PAGE_URL}
    table = {"type": "table", "table": {"table_width": 2, "has_column_header": True, "children": [
        {"type": "table_row", "table_row": {"cells": [[_run("a")], [_run("b")]]}},
        {"type": "table_row", "table_row": {"cells": [[mention], [_run("red", color="red")]]}}]}}
    markdown = to_markdown([table])
    assert f'| <mention-page url="{PAGE_URL}">MLOps</mention-page> | <span color="red">red</span> |' \
        in markdown
    read = to_blocks(markdown).children[0]["table"]["children"][1]
    pulled = table["table"]["children"][1]
    assert block_key(read) == block_key(pulled)
    recoloured = to_blocks(markdown.replace('"red"', '"blue"')).children[0]["table"]["children"][1]
    assert block_key(recoloured) != block_key(pulled)  # a colour changed in a cell is an edit


@pytest.mark.parametrize("typed, text, mention, color", [
    ('<mention-date start="2026-07-04"/>', "2026-07-04", ("date", (("start", "2026-07-04"),)), None),
    ('<span color="red">\nred words\n</span>', "red words", None, "red"),
])
def test_an_html_block_of_our_inline_tags_reads_as_them(typed, text, mention, color):
    from notionlog.convert import textmd

    block = to_blocks(f"before\n\n{typed}\n\nafter").children[1]
    (seg,) = textmd.tidy(from_rich_text(block["paragraph"]["rich_text"]))
    assert (seg.text, seg.mention, seg.color) == (text, mention, color)
    once = normalize(f"{typed}\n")
    assert normalize(once) == once and "<" in once
    assert normalize("<div>\n\n") == "<div>\n"  # other HTML stays as typed
