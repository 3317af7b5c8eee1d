"""Focused checks: API limits, language names, block keys, front matter, Notion-only block types."""

from __future__ import annotations

import pytest

from notionlog.convert import block_key, frontmatter, normalize, to_blocks, to_markdown
from notionlog.convert.languages import to_fence, to_notion
from notionlog.convert.limits import split_text, utf16_len, valid_url
from notionlog.errors import BadFrontMatter


def _text(content: str, **annotations) -> dict:
    return {"type": "text", "text": {"content": content, "link": None},
            "annotations": {"bold": False, "italic": False, "strikethrough": False,
                            "underline": False, "code": False, "color": "default", **annotations},
            "plain_text": content, "href": None}


def _block(kind: str, **payload) -> dict:
    return {"object": "block", "id": "393abc1e-edcd-81d2-b73d-feaa29f12025", "type": kind,
            "created_time": "2026-07-04T09:25:00.000Z", kind: payload}


def test_split_never_cuts_a_surrogate_pair_and_prefers_spaces():
    emoji = "👩‍💻" * 700  # 5 UTF-16 units each, astral code points inside
    pieces = split_text(emoji)
    assert "".join(pieces) == emoji
    assert all(utf16_len(p) <= 2000 for p in pieces)
    words = ("가나다 " * 900).strip()
    pieces = split_text(words)
    assert "".join(pieces) == words
    assert all(p.endswith(" ") for p in pieces[:-1])  # cut after a space, words whole


def test_a_long_paragraph_is_split_into_items_and_more_than_100_items_continue():
    long_line = " ".join(["**굵게** 보통"] * 150)
    blocks = to_blocks(long_line).children
    assert [b["type"] for b in blocks] == ["paragraph"] * 3
    assert [len(b["paragraph"]["rich_text"]) for b in blocks] == [100, 100, 100]
    assert normalize(normalize(long_line)) == normalize(long_line)


def test_urls_must_be_absolute_http():
    assert valid_url("https://zeuskim.notion.site/MLOps-d06d1f9a67534ffdbad20c2fac7132fe")
    assert not valid_url("notes/a.md")
    assert not valid_url("mailto:a@b.c")
    assert not valid_url("https://x.y/" + "a" * 2000)
    long_link = "[x](https://x.y/" + "a" * 2000 + ")"
    item = to_blocks(long_link).children[0]["paragraph"]["rich_text"][0]
    assert "link" not in item["text"]


@pytest.mark.parametrize(("fence", "language"), [
    ("py", "python"), ("js", "javascript"), ("sh", "shell"), ("text", "plain text"),
    ("Python", "python"), ("c++", "c++"), ("nonsense", "plain text"), ("", "plain text"),
])
def test_fence_names_map_to_the_enum(fence, language):
    assert to_notion(fence) == language
    assert to_notion(to_fence(language)) == language


def test_block_key_ignores_ids_unsaid_block_colour_and_children_but_not_what_the_file_says():
    local = to_blocks('- <span underline="true">**a**</span> b').children[0]
    remote = _block("bulleted_list_item", color="red", rich_text=[
        _text("a", bold=True, underline=True), _text(" b")])
    remote["children"] = [_block("paragraph", rich_text=[_text("child")])]
    assert block_key(local) == block_key(remote) == '- <span underline="true">**a**</span> b'
    assert block_key(to_blocks("- **a** b").children[0]) != block_key(remote)  # the file says it
    # What a block tag says counts too: a toggle is no bullet, and its colour is its own.
    toggle = _block("toggle", rich_text=[_text("x")])
    assert block_key(toggle) == block_key(to_blocks("<toggle>\n\nx\n\n</toggle>").children[0])
    assert block_key(toggle) != block_key(to_blocks("- x").children[0])
    assert block_key(toggle) != block_key(_block("toggle", rich_text=[_text("x")], color="red"))
    assert block_key(_block("to_do", rich_text=[_text("x")], checked=True)) == "- [x] x"
    assert block_key(_block("paragraph", rich_text=[_text("x")])) != block_key(
        _block("heading_2", rich_text=[_text("x")]))


def test_front_matter_round_trip_and_errors():
    doc = to_blocks("---\ntags: [일기, ml]\nmood: 좋음\n---\n# 제목\n본문\n")
    assert doc.front_matter == {"tags": ["일기", "ml"], "mood": "좋음"}
    assert doc.title == "제목"
    out = to_markdown(doc.children, doc.title, doc.front_matter)
    assert out.startswith("---\ntags:\n- 일기\n- ml\nmood: 좋음\n---\n# 제목\n")
    with pytest.raises(BadFrontMatter) as err:
        to_blocks("---\ntags: [a\n---\nbody\n")
    assert err.value.line is not None
    # A block that is not key: value YAML is ordinary Markdown (a rule, then a heading).
    assert to_blocks("---\njust text\n---\n").front_matter == {}


def test_notion_only_blocks_render_visibly():
    page = {**_block("child_page", title="MLOps 정리"), "id": "393abc1e-edcd-8124-a32c-eb218a6acdb1"}
    blocks = [
        _block("callout", rich_text=[_text("조심")], icon={"type": "emoji", "emoji": "💡"}),
        page,
        _block("bookmark", url="https://example.com", caption=[]),
        {**_block("synced_block", synced_from=None),
         "children": [_block("paragraph", rich_text=[_text("동기화")])]},
        _block("breadcrumb"),
        _block("ai_block"),
        _block("paragraph", rich_text=[{"type": "mention", "mention": {
            "type": "date", "date": {"start": "2022-12-16", "end": None}},
            "plain_text": "2022-12-16", "href": None}]),
    ]
    out = to_markdown(blocks)
    assert out == (
        "<callout icon=\"💡\">\n\n조심\n\n</callout>\n\n"
        "[MLOps 정리](https://www.notion.so/393abc1eedcd8124a32ceb218a6acdb1)\n\n"
        "https://example.com\n\n"
        "<synced_block>\n\n동기화\n\n</synced_block>\n\n"
        "<!-- notion: breadcrumb -->\n\n"
        "<!-- notion: unsupported block type ai_block -->\n\n"
        '<mention-date start="2022-12-16">2022-12-16</mention-date>\n')
    assert normalize(out) == out


def test_loose_items_keep_their_paragraphs_as_children():
    doc = to_blocks("- 첫째\n\n    둘째 문단\n- 셋째\n")
    first = doc.children[0]["bulleted_list_item"]
    assert first["rich_text"][0]["text"]["content"] == "첫째"
    assert first["children"][0]["type"] == "paragraph"
    assert normalize("- 첫째\n\n    둘째 문단\n- 셋째\n") == "- 첫째\n\n    둘째 문단\n\n- 셋째\n"


def test_deep_nesting_keeps_every_level():
    text = "\n".join("    " * depth + f"- level {depth}" for depth in range(12)) + "\n"
    assert normalize(text) == text


def test_nesting_beyond_the_parser_is_refused_not_truncated():
    from notionlog.errors import NestingTooDeep

    text = "\n".join("    " * depth + f"- level {depth}" for depth in range(120)) + "\n"
    with pytest.raises(NestingTooDeep):
        to_blocks(text)
    with pytest.raises(NestingTooDeep):
        to_blocks(">" * 260 + " deep")
    ninety = "\n".join("    " * depth + f"- level {depth}" for depth in range(90)) + "\n"
    assert normalize(ninety) == ninety


def test_table_rows_have_keys_and_overfull_cells_keep_their_words():
    doc = to_blocks("| a | b |\n|---|---|\n| " + " ".join(["**x** y"] * 80) + " | z |\n")
    table = doc.children[0]["table"]
    row = table["children"][1]
    assert block_key(row) == "| " + " ".join(["x y"] * 80) + " | z |"
    cell = row["table_row"]["cells"][0]
    assert len(cell) <= 100
    assert "".join(item["text"]["content"] for item in cell).count("x y") == 80


def test_an_empty_tenth_item_keeps_its_children():
    items = [{"type": "numbered_list_item", "numbered_list_item": {"rich_text": [_text(str(n))]}}
             for n in range(9)]
    items.append({"type": "numbered_list_item", "numbered_list_item": {"rich_text": [], "children": [
        {"type": "bulleted_list_item", "bulleted_list_item": {"rich_text": [_text("안")]}}]}})
    out = to_markdown(items)
    assert out.endswith("9. 8\n10.\n    - 안\n")
    assert normalize(out) == out


def test_a_table_key_is_its_width_rows_key_themselves():
    table = to_blocks("| a | b |\n|---|---|\n| 1 | 2 |\n").children[0]
    other = to_blocks("| x | y |\n|---|---|\n").children[0]
    assert block_key(table) == block_key(other) == "| table of 2 columns |"
    rows = table["table"]["children"]
    assert [block_key(r) for r in rows] == ["| a | b |", "| 1 | 2 |"]


def test_a_korean_date_at_line_start_stays_as_typed():
    text = "2021. 12. 07 일기\n\n- 2021. 12. 08 다음날\n"
    first = to_blocks(text).children[0]
    assert first["paragraph"]["rich_text"][0]["text"]["content"] == "2021. 12. 07 일기"
    # Written with its dot escaped: other viewers would read "2021." as a list's number.
    assert normalize(text) == "2021\\. 12. 07 일기\n\n- 2021\\. 12. 08 다음날\n"
    assert to_blocks(normalize(text)).children == to_blocks(text).children
    assert normalize("3. 셋\n4. 넷\n") == "1. 셋\n2. 넷\n"  # real lists still renumber from 1


def test_an_equation_holding_double_dollars_stays_readable():
    out = to_markdown([_block("equation", expression="a $$ b")])
    assert out == "```latex\na $$ b\n```\n"
    assert normalize(out) == out


def test_a_formatted_notion_title_reads_back_with_its_marks():
    title = [_text("Intro to "), _text("Rust", italic=True), _text(" & "),
             {**_text("Go"), "text": {"content": "Go", "link": {"url": "https://go.dev"}},
              "href": "https://go.dev"}]
    out = to_markdown([], title)
    assert out == "# Intro to *Rust* & [Go](https://go.dev)\n"
    doc = to_blocks(out)
    assert doc.title == "Intro to Rust & Go"
    assert [item["text"]["content"] for item in doc.title_rich_text] == ["Intro to ", "Rust", " & ", "Go"]
    assert to_markdown([], doc.title_rich_text) == out


def test_a_long_title_is_split_by_utf16_units_within_100_items():
    title = "👩‍💻 " * 2000  # 6 UTF-16 units each: 12,000 units
    items = to_blocks(f"# {title}\n").title_rich_text
    assert len(items) <= 100
    assert all(utf16_len(item["text"]["content"]) <= 2000 for item in items)
    assert "".join(item["text"]["content"] for item in items) == title.strip()


def test_notion_text_ending_in_a_hash_keeps_it():
    out = to_markdown([_block("heading_2", rich_text=[_text("Top 10 #")])], "Issue #")
    assert out == "# Issue \\#\n\n## Top 10 \\#\n"
    assert normalize(out) == out
    assert to_blocks(out).title == "Issue #"


def test_a_notion_code_caption_is_written_in_the_fence_label_when_it_reads_back():
    python = _block("code", rich_text=[_text("x = 1")], language="python", caption=[_text("main.py")])
    plain = _block("code", rich_text=[_text("x")], language="plain text", caption=[_text("text note")])
    ticks = _block("code", rich_text=[_text("y")], language="plain text", caption=[_text("a `b`")])
    out = to_markdown([python, plain, ticks])
    # A label cannot hold a backtick: that caption follows the block as a paragraph instead.
    assert out == "```python main.py\nx = 1\n```\n\n```text note\nx\n```\n\n```\ny\n```\n\na \\`b\\`\n"
    codes = [b["code"] for b in to_blocks(out).children if b["type"] == "code"]
    assert [(c["language"], c.get("caption")) for c in codes] == [
        ("python", [{"type": "text", "text": {"content": "main.py"}}]),
        ("plain text", [{"type": "text", "text": {"content": "text note"}}]), ("plain text", None)]


def test_carriage_returns_in_notion_text_are_line_breaks_not_raw():
    out = to_markdown([_block("paragraph", rich_text=[_text("a\r\nb\rc")]),
                       _block("code", rich_text=[_text("x\r\ny")], language="python")])
    assert "\r" not in out
    assert out == "a\nb\nc\n\n```python\nx\ny\n```\n"
    assert normalize(out) == out


def test_notion_html_keeps_its_indentation_and_no_break_spaces_their_place():
    html = "<div>\n    <p>x</p>\n</div>"
    out = to_markdown([_block("paragraph", rich_text=[_text(html)]),
                       _block("paragraph", rich_text=[_text("\u00a0\u00a0indented")])])
    assert out == html + "\n\n&nbsp;&nbsp;indented\n"
    texts = [b["paragraph"]["rich_text"][0]["text"]["content"] for b in to_blocks(out).children]
    assert texts == [html, "\u00a0\u00a0indented"]


def test_common_text_is_written_without_a_check_parse(monkeypatch):
    from notionlog.convert import textmd

    text = ("**deps:** bump [docs](https://x.y/a_b?q=1&r=2) for snake_case, a < b & c\n\n"
            "[1] ref, 1.5 million #tag -x\n\n- [v2.0](https://x.y/r/v2.0) - 2021-12-28\n")
    blocks = to_blocks(text).children
    calls = []
    real = textmd.parse_markdown
    monkeypatch.setattr(textmd, "parse_markdown", lambda md: calls.append(md) or real(md))
    out = to_markdown(blocks)
    assert calls == []  # each of these is proven to read back without parsing it
    assert out == text
    monkeypatch.undo()
    assert normalize(out) == out


def test_an_image_url_notion_would_refuse_stays_text_and_keeps_its_key():
    text = "![photo](https://drive.example.com/uc?id=1)\n"
    assert to_blocks(text).children[0]["type"] == "paragraph"  # no image file type in the path
    assert to_blocks("![p](https://e.com/a.PNG?x=1)").children[0]["type"] == "image"
    remote = _block("image", type="external", external={"url": "https://drive.example.com/uc?id=1"},
                    caption=[_text("photo")])
    assert to_markdown([remote]) == text == normalize(text)
    assert block_key(remote) == block_key(to_blocks(text).children[0])  # the writer keeps it


def test_an_empty_paragraph_between_numbered_items_does_not_restart_the_numbers():
    # The empty paragraph writes nothing, so the items stay one list when read back: 1., 2., 3.
    def item(text: str) -> dict:
        return {"type": "numbered_list_item",
                "numbered_list_item": {"rich_text": [{"type": "text", "text": {"content": text}}]}}

    empty = {"type": "paragraph", "paragraph": {"rich_text": []}}
    pulled = to_markdown([item("a"), item("b"), empty, item("c")])
    assert pulled == "1. a\n2. b\n3. c\n"
    assert normalize(pulled) == pulled


def test_a_paragraph_never_starts_with_a_math_fence_that_a_later_block_would_close():
    # "$" then an equation reads back alone, but "$$E$" opens a math block that the equation
    # block below would close: the paragraph's "$" is escaped instead.
    paragraph = {"type": "paragraph", "paragraph": {"rich_text": [
        {"type": "text", "text": {"content": "$"}},
        {"type": "equation", "equation": {"expression": "E = mc^2"}}]}}
    equation = {"type": "equation", "equation": {"expression": "x"}}
    pulled = to_markdown([paragraph, equation])
    assert pulled == "\\$$E = mc^2$\n\n$$\nx\n$$\n"
    assert normalize(pulled) == pulled


@pytest.mark.parametrize(("front", "expected"), [
    ({"tags": ["일", "운동"]}, ["일", "운동"]),
    ({"tags": "일, 운동"}, ["일", "운동"]),
    ({"tags": "mlops kubeflow"}, ["mlops", "kubeflow"]),
    ({"tags": "deep learning, mlops"}, ["deep learning", "mlops"]),
    ({"tags": [2021, None, " "]}, ["2021"]),
    ({"tags": None}, []),
    ({}, []),
])
def test_front_matter_tags_from_a_list_or_one_string(front, expected):
    assert frontmatter.tags(front) == expected


def test_an_uploaded_file_is_a_link_named_by_its_file_and_an_external_one_stays_bare():
    hosted = "https://files.example.com/s3/abc/notes.pdf?X-Amz-Signature=1"
    named = _block("file", type="file", file={"url": hosted}, caption=[_text("cap")], name="My *notes*.pdf")
    assert to_markdown([named]) == f"[My \\*notes\\*.pdf]({hosted})\ncap\n"
    unnamed = _block("pdf", type="file", file={"url": hosted}, caption=[])
    assert to_markdown([unnamed]) == f"[notes.pdf]({hosted})\n"  # the URL's last path segment
    external = _block("pdf", type="external", external={"url": "https://e.com/d.pdf"}, caption=[])
    assert to_markdown([external]) == "https://e.com/d.pdf\n"
