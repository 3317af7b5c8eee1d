"""What a person builds on the phone, one block kind at a time, survives the journal.

End to end over HTTP against the emulator, hours between syncs: the person adds the blocks in the
app, the journal pulls them (every word readable in the file), a sync with no edit writes nothing
and a verify pull rewrites nothing, and an edit of an unrelated line changes only that line's block.
"""

from __future__ import annotations

import pytest

from tests.fakenotion.apierror import PERSON_ID
from tests.fakenotion.showcase import run, text
from tests.structure.test_showcase import DAY, _changed, snapshot


def para(content: str, **extra) -> dict:
    return {"paragraph": {"rich_text": text(content), **extra}}


SCENARIOS: dict[str, tuple[list[dict], list[str]]] = {
    "coloured heading": ([{"heading_2": {"rich_text": text("Blue heading"), "color": "blue"}}],
                         ["Blue heading"]),
    "coloured list item": ([{"bulleted_list_item": {"rich_text": text("red bg item"),
                                                    "color": "red_background"}}], ["red bg item"]),
    "checked to-do": ([{"to_do": {"rich_text": text("bought milk"), "checked": True}}],
                      ["[x] bought milk"]),
    "toggle in callout in column": ([{"column_list": {"children": [
        {"column": {"children": [{"callout": {
            "rich_text": text("call"), "icon": {"type": "emoji", "emoji": "🔥"},
            "children": [{"toggle": {"rich_text": text("deep toggle"),
                                     "children": [para("deepest")]}}]}}]}},
        {"column": {"children": [para("right col")]}}]}}], ["deep toggle", "deepest", "right col"]),
    "numbered after toggle": ([
        {"numbered_list_item": {"rich_text": text("one")}},
        {"toggle": {"rich_text": text("tog"), "children": [para("in tog")]}},
        {"numbered_list_item": {"rich_text": text("two")}}], ["one", "tog", "two"]),
    "quote with children": ([{"quote": {"rich_text": text("said"), "children": [
        para("child one"), {"bulleted_list_item": {"rich_text": text("child bullet")}}]}}],
        ["said", "child one", "child bullet"]),
    "callout no icon": ([{"callout": {"rich_text": text("iconless")}}], ["iconless"]),
    "callout external icon": ([{"callout": {"rich_text": text("ext icon"), "icon": {
        "type": "external", "external": {"url": "https://example.com/i.png"}}}}], ["ext icon"]),
    "code caption unknown language": ([{"code": {"rich_text": text("SELECT 1"), "language": "sql",
                                                 "caption": text("a query")}}, {"code": {
        "rich_text": text("x := 1"), "language": "webassembly", "caption": text("wasm")}}],
        ["SELECT 1", "a query", "x := 1", "wasm"]),
    "code plain text": ([{"code": {"rich_text": text("just words"), "language": "plain text",
                                   "caption": text("cap one")}}], ["just words", "cap one"]),
    "code c sharp": ([{"code": {"rich_text": text("var x = 1;"), "language": "c#",
                                "caption": text("cs cap")}}], ["var x = 1;", "cs cap"]),
    "code java family": ([{"code": {"rich_text": text("int y;"), "language": "java/c/c++/c#"}}],
                         ["int y;"]),
    "image external caption": ([{"image": {"type": "external", "external": {
        "url": "https://example.com/pic.png"}, "caption": text("a pic")}}], ["a pic"]),
    "toggle empty text": ([{"toggle": {"rich_text": [], "children": [para("under nothing")]}}],
                          ["under nothing"]),
    "callout empty text": ([{"callout": {"rich_text": [], "icon": {"type": "emoji", "emoji": "📌"},
                                         "children": [para("pinned")]}}], ["pinned"]),
    "empty heading": ([{"heading_2": {"rich_text": []}}], []),
    "empty bullet": ([{"bulleted_list_item": {"rich_text": []}}], []),
    "empty to-do": ([{"to_do": {"rich_text": [], "checked": True}}], []),
    "empty quote": ([{"quote": {"rich_text": []}}], []),
    "empty toggle": ([{"toggle": {"rich_text": []}}], []),
    "empty callout": ([{"callout": {"rich_text": [], "icon": {"type": "emoji", "emoji": "💡"}}}], []),
    "empty code": ([{"code": {"rich_text": [], "language": "python"}}], []),
    "empty numbered after items": ([{"numbered_list_item": {"rich_text": text("n1")}},
                                    {"numbered_list_item": {"rich_text": []}}], ["n1"]),
    "bookmark in toggle": ([{"toggle": {"rich_text": text("links"), "children": [
        {"bookmark": {"url": "https://example.com/inner"}}, {"divider": {}},
        {"equation": {"expression": "x"}}]}}], ["links", "example.com/inner"]),
    "table of contents and breadcrumb": ([{"table_of_contents": {"color": "default"}},
                                          {"breadcrumb": {}}], []),
    "link preview mention": ([{"paragraph": {"rich_text": [run("see "), {
        "type": "mention", "mention": {"type": "link_preview", "link_preview": {
            "url": "https://github.com/example/repo/pull/7"}}}, run(" today")]}}], ["see "]),
    "user mention with colour": ([{"paragraph": {"rich_text": [run("ask "), {
        "type": "mention", "mention": {"type": "user", "user": {"id": PERSON_ID}},
        "annotations": {"color": "blue", "bold": True}}, run(" later")]}}], ["ask "]),
    "quote with toggle and code children": ([{"quote": {"rich_text": text("q"), "children": [
        {"toggle": {"rich_text": text("t in q"), "children": [para("p in t")]}},
        {"code": {"rich_text": text("a = 1"), "language": "python"}},
        {"heading_3": {"rich_text": text("h in q")}}]}}], ["t in q", "p in t", "a = 1", "h in q"]),
    "callout with list children": ([{"callout": {"rich_text": text("c"), "icon": {
        "type": "emoji", "emoji": "📝"}, "children": [
        {"numbered_list_item": {"rich_text": text("n1"), "children": [
            {"to_do": {"rich_text": text("td"), "checked": True}}]}},
        {"numbered_list_item": {"rich_text": text("n2")}}]}}], ["n1", "td", "n2"]),
    "coloured checked to-do": ([{"to_do": {"rich_text": text("paid"), "checked": True,
                                           "color": "green_background"}}], ["[x] paid"]),
    "toggle heading with callout child": ([{"heading_1": {
        "rich_text": text("Big tog"), "is_toggleable": True, "color": "orange", "children": [
            {"callout": {"rich_text": text("inside big"), "icon": {"type": "emoji", "emoji": "🍊"},
                         "color": "orange_background"}}]}}], ["Big tog", "inside big"]),
    "callout icon url with query": ([{"callout": {"rich_text": text("q icon"), "icon": {
        "type": "external", "external": {"url": 'https://example.com/i.png?a=1&b="2"'}}}}],
        ["q icon"]),
    "code caption two lines": ([{"code": {"rich_text": text("ls"), "language": "shell",
                                          "caption": text("first cap\nsecond cap")}}], ["ls"]),
    "bookmark bold caption": ([{"bookmark": {"url": "https://example.com/b", "caption": [
        run("very ", bold=True), run("good", color="red")]}}], ["very", "good"]),
    "zwj emoji callout": ([{"callout": {"rich_text": text("family"), "icon": {
        "type": "emoji", "emoji": "👨‍👩‍👧"}}}], ["family"]),
    "equation block": ([{"equation": {"expression": "E=mc^2"}}], ["E=mc^2"]),
    "table header column coloured": ([{"table": {
        "table_width": 2, "has_column_header": True, "has_row_header": True, "children": [
            {"table_row": {"cells": [text("h1"), [run("h2", color="red")]]}},
            {"table_row": {"cells": [text("r1"), [run("v", color="blue_background")]]}}]}}],
        ["h1", "h2", "r1"]),
    "bookmark no caption": ([{"bookmark": {"url": "https://example.com/bm"}}], ["example.com/bm"]),
    "embed": ([{"embed": {"url": "https://example.com/embed2"}}], ["example.com/embed2"]),
    "empty paragraphs": ([para("above"), para(""), para(""), para("below")], ["above", "below"]),
    "empty paragraph in toggle": ([{"toggle": {"rich_text": text("tog"), "children": [
        para("in"), para(""), para("out")]}}], ["tog", "in", "out"]),
    "date mention with time": ([{"paragraph": {"rich_text": [run("at "), {
        "type": "mention", "mention": {"type": "date", "date": {
            "start": "2021-12-07T09:30:00.000+01:00", "end": None, "time_zone": None}}}]}}], ["at "]),
    "date mention with timezone": ([{"paragraph": {"rich_text": [run("tz "), {
        "type": "mention", "mention": {"type": "date", "date": {
            "start": "2021-12-07T09:30:00.000", "time_zone": "Europe/Paris"}}}]}}], ["tz "]),
    "heading toggle coloured": ([{"heading_3": {"rich_text": text("H3 tog"), "is_toggleable": True,
                                                "color": "green_background",
                                                "children": [para("under h3")]}}],
                                ["H3 tog", "under h3"]),
    "toggle coloured": ([{"toggle": {"rich_text": text("red tog"), "color": "red",
                                     "children": [para("x")]}}], ["red tog"]),
    "to-do with children": ([{"to_do": {"rich_text": text("task"), "checked": False, "children": [
        {"to_do": {"rich_text": text("sub task"), "checked": True}}]}}], ["task", "sub task"]),
    "bullet with toggle child": ([{"bulleted_list_item": {"rich_text": text("item"), "children": [
        {"toggle": {"rich_text": text("tog under item"), "children": [para("deep")]}}]}}],
        ["tog under item", "deep"]),
    "numbered with callout child": ([{"numbered_list_item": {"rich_text": text("step"), "children": [
        {"callout": {"rich_text": text("careful"), "icon": {"type": "emoji", "emoji": "⚠️"}}}]}}],
        ["step", "careful"]),
    "divider between": ([para("a"), {"divider": {}}, para("b")], ["a", "b"]),
    "media": ([{k: {"type": "external", "external": {"url": f"https://example.com/m.{e}"},
                    "caption": text(f"cap {k}")}}
               for k, e in (("video", "mp4"), ("pdf", "pdf"), ("audio", "mp3"), ("file", "zip"))],
              ["cap video", "cap pdf", "cap audio", "cap file"]),
    "inline code colour link": ([{"paragraph": {"rich_text": [
        run("c", code=True, color="red"), run(" "),
        {"type": "text", "text": {"content": "lnk", "link": {"url": "https://e.com/"}},
         "annotations": {"underline": True, "color": "blue"}}]}}], ["lnk"]),
}


def _pulled(journal, later, blocks: list[dict]) -> tuple[str, dict]:
    journal.write(DAY, f"# {DAY}\n\nfirst line\n\nlast line\n")
    assert "1 created" in journal.sync()
    page_id = journal.page_for(DAY)["id"]
    first = journal.blocks(page_id)[0]["id"]
    journal.fake.user_append(page_id, blocks, after=first)
    later(3600)
    assert "1 pulled" in journal.sync()
    later(3600)
    return page_id, snapshot(journal, page_id)


@pytest.mark.parametrize("name", SCENARIOS)
def test_app_blocks_survive(journal, later, name):
    blocks, words = SCENARIOS[name]
    page_id, pulled = _pulled(journal, later, blocks)
    text_ = journal.read(DAY)
    for word in words:
        assert word in text_, (word, text_)
    # no edit: nothing written, nothing rewritten
    journal.fake.clear_requests()
    assert "0 updated" in journal.sync()
    assert journal.writes() == [], journal.writes()
    later(3600)
    stamp = journal.path(DAY).stat().st_mtime_ns
    journal.sync("--verify")
    assert journal.writes() == [], journal.writes()
    assert journal.read(DAY) == text_ and journal.path(DAY).stat().st_mtime_ns == stamp
    # an unrelated line
    journal.write(DAY, text_.replace("last line", "last line, edited"))
    later(3600)
    assert "1 updated" in journal.sync()
    after = snapshot(journal, page_id)
    changed = _changed(pulled, after)
    assert len(changed) == 1, (text_, [(pulled.get(i), after.get(i)) for i in changed])


def test_an_edit_beside_empty_paragraphs_keeps_them_in_place(journal, later):
    page_id, pulled = _pulled(journal, later, [para("above"), para(""), para("below")])
    journal.write(DAY, journal.read(DAY).replace("above", "above, edited").replace("below", "below!"))
    later(3600)
    assert "1 updated" in journal.sync()
    after = snapshot(journal, page_id)
    assert len(_changed(pulled, after)) == 2  # the two edited lines, patched in place
    order = [body["rich_text"][0]["plain_text"] if body["rich_text"] else ""
             for kind, body, _ in (after[b["id"]] for b in journal.blocks(page_id))]
    assert order == ["first line", "above, edited", "", "below!", "last line"]



OWN_EDITS = [  # (scenario, the line as pulled, the line as edited)
    ("coloured heading", "## Blue heading", "## Blue heading, edited"),
    ("coloured list item", "- red bg item", "- red bg item, edited"),
    ("callout no icon", "\niconless\n", "\niconless, edited\n"),
    ("callout external icon", "\next icon\n", "\next icon, edited\n"),
    ("code caption unknown language", "x := 1", "x := 2"),
    ("code caption unknown language", "webassembly wasm", "webassembly wasm, edited"),
    ("equation block", "E=mc^2", "E=mc^3"),
    ("callout icon url with query", "\nq icon\n", "\nq icon, edited\n"),
    ("code caption two lines", "\nls\n", "\nls -l\n"),
    ("bookmark bold caption", "example.com/b\n", "example.com/b2\n"),
    ("zwj emoji callout", "\nfamily\n", "\nfamily, edited\n"),
    ("coloured checked to-do", "[x] paid", "[x] paid twice"),
    ("toggle heading with callout child", "# Big tog", "# Big toggle"),
    ("toggle heading with callout child", "\ninside big\n", "\ninside bigger\n"),
    ("quote with toggle and code children", "p in t", "p in t, edited"),
    ("quote with toggle and code children", "t in q", "t in q, edited"),
    ("quote with toggle and code children", "a = 1", "a = 2"),
    ("callout with list children", "[x] td", "[ ] td"),
    ("callout with list children", "n2", "n2, edited"),
    ("link preview mention", "see ", "go see "),
    ("link preview mention", " today", " tomorrow"),
    ("user mention with colour", "ask ", "go ask "),
    ("empty heading", "\n##\n", "\n## now a heading\n"),
    ("empty bullet", "\n-\n", "\n- now an item\n"),
    ("empty to-do", "\n- [x]\n", "\n- [x] done\n"),
    ("empty quote", "\n>\n", "\n> now said\n"),
    ("empty toggle", "<toggle>\n\n</toggle>", "<toggle>\n\nnamed\n\n</toggle>"),
    ("empty callout", "\n\n</callout>", "\n\nnow noted\n\n</callout>"),
    ("empty code", "```python\n\n```", "```python\nprint(1)\n```"),
    ("empty numbered after items", "\n2.\n", "\n2. n2\n"),
    ("code plain text", "just words", "just more words"),
    ("code plain text", "cap one", "cap two"),
    ("code c sharp", "var x = 1;", "var x = 2;"),
    ("code java family", "int y;", "int z;"),
    ("image external caption", "a pic", "a picture"),
    ("toggle empty text", "under nothing", "under something"),
    ("callout empty text", "\npinned", "\npinned, edited"),
    ("table header column coloured", "| r1 |", "| r1, edited |"),
    ("date mention with time", "at <mention", "at, edited, <mention"),
    ("date mention with timezone", "tz <mention", "tz, edited, <mention"),
    ("heading toggle coloured", "### H3 tog", "### H3 tog, edited"),
    ("toggle coloured", "\nred tog\n", "\nred tog, edited\n"),
    ("bookmark no caption", "https://example.com/bm\n", "https://example.com/bm\na caption\n"),
    ("media", "cap video", "cap video, edited"),
    ("media", "cap file", "cap file, edited"),
    ("media", "cap pdf", "cap pdf, edited"),
    ("media", "cap audio", "cap audio, edited"),
    ("to-do with children", "- [ ] task", "- [x] task"),
    ("checked to-do", "- [x] bought milk", "- [ ] bought milk"),
    ("numbered with callout child", "    careful\n", "    careful, edited\n"),
    ("toggle in callout in column", "\ndeep toggle\n", "\ndeep toggle, edited\n"),
    ("inline code colour link", "lnk</span>", "link</span>"),
    ("quote with children", "> said", "> said, edited"),
    ("numbered after toggle", "1. two", "1. two, edited"),
]
EDITABLE = ("rich_text", "caption", "expression", "url", "cells", "checked")


@pytest.mark.parametrize("name, old, new", OWN_EDITS)
def test_an_edit_of_the_blocks_own_line_keeps_it_what_it_was(journal, later, name, old, new):
    page_id, pulled = _pulled(journal, later, SCENARIOS[name][0])
    text_ = journal.read(DAY)
    assert text_.count(old) == 1, text_
    journal.write(DAY, text_.replace(old, new))
    later(3600)
    assert "1 updated" in journal.sync()
    after = snapshot(journal, page_id)
    changed = _changed(pulled, after)
    assert len(changed) == 1, [(pulled.get(i), after.get(i)) for i in changed]
    (edited,) = changed
    (kind, body, kids), (was_kind, was_body, was_kids) = after[edited], pulled[edited]
    assert kind == was_kind and kids == was_kids
    assert {k: v for k, v in body.items() if k not in EDITABLE} == {
        k: v for k, v in was_body.items() if k not in EDITABLE}
    later(3600)
    stamp = journal.path(DAY).stat().st_mtime_ns
    journal.fake.clear_requests()
    journal.sync("--verify")
    assert journal.writes() == [] and journal.path(DAY).stat().st_mtime_ns == stamp


def test_an_edited_bookmark_keeps_its_captions_marks(journal, later):
    page_id, pulled = _pulled(journal, later, SCENARIOS["bookmark bold caption"][0])
    journal.write(DAY, journal.read(DAY).replace("example.com/b\n", "example.com/b2\n"))
    later(3600)
    assert "1 updated" in journal.sync()
    body = journal.blocks(page_id)[1]["bookmark"]
    marks = [(ch, i["annotations"]["bold"], i["annotations"]["color"])
             for i in body["caption"] for ch in i["plain_text"]]  # per character: runs may split
    assert body["url"] == "https://example.com/b2"
    assert marks == [(ch, True, "default") for ch in "very "] + [(ch, False, "red") for ch in "good"]


def test_an_edited_code_block_keeps_its_captions_marks(journal, later):
    page_id, pulled = _pulled(journal, later, [{"code": {
        "rich_text": text("x = 1"), "language": "python",
        "caption": [run("bold", bold=True), run(" red", color="red")]}}])
    journal.write(DAY, journal.read(DAY).replace("x = 1", "x = 2"))
    later(3600)
    assert "1 updated" in journal.sync()
    body = journal.blocks(page_id)[1]["code"]
    marks = [(ch, i["annotations"]["bold"], i["annotations"]["color"])
             for i in body["caption"] for ch in i["plain_text"]]
    assert body["rich_text"][0]["plain_text"] == "x = 2"
    assert marks == [(ch, True, "default") for ch in "bold"] + [(ch, False, "red") for ch in " red"]
