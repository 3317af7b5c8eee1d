"""Properties of the converter over generated inputs (Hypothesis)."""

from __future__ import annotations

import json
import os
import re

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from notionlog.convert import blocktags, colors, normalize, to_blocks, to_markdown
from notionlog.convert.limits import MAX_EQUATION_UNITS, MAX_ITEMS, MAX_TEXT_UNITS, utf16_len, valid_url
from tests.convert.strategies import any_text, documents, hostile_text, inline_text, notion_blocks

# CI runs a quick pass; CONVERT_EXAMPLES=5000 digs deeper locally.
FAST = settings(max_examples=int(os.environ.get("CONVERT_EXAMPLES", "80")), deadline=None,
                suppress_health_check=[HealthCheck.too_slow])
_FENCE_INFO = re.compile(r"^([ \t>]*(?:[-*+]|\d+[.)])?[ \t]*(?:`{3,}(?=[^\n`]*$)|~{3,}))[^\n]*",
                         re.MULTILINE)
_WORD = re.compile(r"[^\W\d_]+")
_MARKUP = re.compile(r"[`*_~$<>\\\[\]\n]|\n *(?:[->]|\d+\.) ?")


def _words(text: str) -> set[str]:
    return set(_WORD.findall(text))


@FAST
@given(st.one_of(documents, any_text, hostile_text))
def test_normalize_is_a_fixed_point(doc):
    once = normalize(doc)
    assert normalize(once) == once


@FAST
@given(documents)
def test_no_word_is_lost(doc):
    # Fence info strings are metadata mapped to Notion's language enum; every other word stays.
    out = _MARKUP.sub("", normalize(doc))
    for word in _words(_FENCE_INFO.sub(r"\1", doc)):
        assert word in out


def _walk(blocks: list[dict]):
    for block in blocks:
        payload = block[block["type"]]
        yield block["type"], payload
        yield from _walk(payload.get("children", []))


def _rich_arrays(kind: str, payload: dict):
    if "rich_text" in payload:
        yield payload["rich_text"]
    if "caption" in payload:
        yield payload["caption"]
    yield from payload.get("cells", [])


@FAST
@given(documents)
def test_every_api_limit_is_respected(doc):
    blocks = to_blocks(doc).children
    json.dumps(blocks)  # serialisable as a request body
    for kind, payload in _walk(blocks):
        for items in _rich_arrays(kind, payload):
            assert len(items) <= MAX_ITEMS
            for item in items:
                if item["type"] == "equation":
                    assert 0 < utf16_len(item["equation"]["expression"]) <= MAX_EQUATION_UNITS
                    continue
                content = item["text"]["content"]
                assert 0 < utf16_len(content) <= MAX_TEXT_UNITS
                link = item["text"].get("link")
                assert link is None or valid_url(link["url"])
        if kind == "image":
            assert valid_url(payload["external"]["url"])


HELD = ("toggle", "callout", "column_list", "column", "synced_block")  # always in a tag form


def _held(blocks: list[dict]) -> list[tuple]:
    """(type, colour, icon) of every block a tag form holds, in reading order."""
    out = []
    for block in blocks:
        kind = block["type"]
        body = block[kind]
        if kind in HELD:
            out.append((kind, colors.to_file(body.get("color")), blocktags.icon_attr(body.get("icon"))))
        out += _held(block.get("children") or body.get("children") or [])
    return out


def _columns_hold_columns(blocks: list[dict]) -> bool:
    """Notion's own rule: a column list holds columns only (other trees: the fixed point covers)."""
    for block in blocks:
        kids = block.get("children") or block[block["type"]].get("children") or []
        if block["type"] == "column_list" and any(k["type"] != "column" for k in kids):
            return False
        if not _columns_hold_columns(kids):
            return False
    return True


@FAST
@given(notion_blocks)
def test_a_tag_form_reads_back_as_its_block_with_its_colour_and_icon(blocks):
    assume(_columns_hold_columns(blocks))
    assert _held(to_blocks(to_markdown(blocks, "t")).children) == _held(blocks)


@FAST
@given(notion_blocks, inline_text)
def test_a_pull_keeps_every_word_and_is_already_normal(blocks, title):
    pulled = to_markdown(blocks, title)
    # What a pull writes is what normalize gives back: a pulled entry needs no second rewrite.
    # (A page always has a title; without one, a heading_1 in the body would read back as it.)
    assert normalize(pulled) == pulled
    visible = _MARKUP.sub("", pulled)
    for kind, payload in _walk_any(blocks):
        for items in _rich_arrays(kind, payload):
            for item in items:  # each word shows, maybe joined to a neighbour's (`a``b` -> `ab`)
                for word in _words(item.get("plain_text", "")):
                    assert word in visible


def _walk_any(blocks: list[dict]):
    for block in blocks:
        payload = block[block["type"]]
        yield block["type"], payload
        yield from _walk_any(block.get("children", []) + payload.get("children", []))


_SAFE_ATOMS = st.sampled_from(list("_&<[]|#-+=.:;,()!?'\"@/ ") + ["ab", "가", "1.", "1.5", "x_y", "&x;",
                                                                   "R&D", "<b>", "[1]", "](", "]:",
                                                                   "\n", "\n-x", "\n#a", "\n=", "\n1.5",
                                                                   "\n- ", "\n===", "\n---", "\n|"])
_WORDS = st.sampled_from(["ab", "z9", "가나", " ", " x ", "word", "1"])
_piece = st.lists(st.one_of(_SAFE_ATOMS, _WORDS, _WORDS, _WORDS), min_size=1, max_size=6).map("".join)


@st.composite
def _segments(draw) -> list:
    from notionlog.convert.inline import Seg

    segs = []
    for _ in range(draw(st.integers(1, 4))):
        link = draw(st.sampled_from([None, None, None, "https://x.y/a_b", "https://x.y/(c)?q=1&r=2"]))
        bold, italic, code = (draw(st.sampled_from([False, False, False, True])) for _ in range(3))
        color = draw(st.sampled_from([None, None, None, "red", "gray_background"]))
        segs.append(Seg(draw(_piece), bold=bold and not code, italic=italic and not code, code=code,
                        link=link, color=color))
    return segs


def _proof_agrees(segs: list, kind: str, escaped: bool) -> None:
    """Where the rules skip the check parse for ``segs`` written in ``kind``, the parse agrees."""
    from notionlog.convert import markup, safe, textmd

    segs = textmd.tidy(segs, single_line=kind.startswith("heading"))
    if not segs:
        return
    inline = textmd._blank_lines(markup.render(segs, escaped))
    if safe.needs_check(segs, inline, escaped=escaped):
        return
    assert _read_back(kind, inline) == segs


@FAST
@given(_segments(), st.sampled_from(["paragraph", "bulleted_list_item", "heading_2", "quote"]),
       st.booleans())
def test_text_proven_safe_without_a_parse_does_read_back(segs, kind, escaped):
    # The rules that skip the check parse must never be wrong (text written as typed, and
    # markup's escaped writing).
    _proof_agrees(segs, kind, escaped)


_ESCAPE_ATOMS = st.sampled_from(list("*_`[]()<>!#-+=.|~\\&$:/ \n\t\u00a0\x00") + [
    "ab", "가", "1.", "1)", "http://x.y", "HTTPS://a", "&amp;", "<b>", "<!-- c -->", "\n\n", "\n- ",
    "\n1. ", "\n> ", "\n===", "\n| a |", "$x$", "**", "~~", "[x](y)", "[x]: y", "[ ] ", "\\\n"])


@st.composite
def _hostile_segments(draw) -> list:
    from notionlog.convert.inline import Seg

    segs = []
    for _ in range(draw(st.integers(1, 4))):
        text = "".join(draw(st.lists(st.one_of(_ESCAPE_ATOMS, _WORDS), min_size=1, max_size=8)))
        bold, italic, code = (draw(st.sampled_from([False, False, False, True])) for _ in range(3))
        segs.append(Seg(text, bold=bold, italic=italic, code=code))
    return segs


@FAST
@given(_hostile_segments(), st.sampled_from(["paragraph", "bulleted_list_item", "heading_2", "quote"]))
def test_escaped_text_proven_safe_without_a_parse_does_read_back(segs, kind):
    # Markup's escaped writing of any characters: where the proof skips the check, the parse agrees.
    _proof_agrees(segs, kind, True)


_TAGS = st.sampled_from(["<b>", "</i>", "<div>", "<pre>", "<a href='x'>", '<code title="y">', "<?p ?>",
                         "<br/>", "<x-y>", "<!-- c -->", "<!X>", "<http://a.b>", "<a@b.c>", "< b>",
                         '<span color="red">', "</span>", '<span underline="true">',
                         '<mention-date start="2026-07-04"/>', "</mention-page>"])


@FAST
@given(st.lists(st.one_of(_TAGS, _ESCAPE_ATOMS, _WORDS), min_size=1, max_size=10).map("".join),
       st.sampled_from([None, "bold", "code"]), st.text(alphabet="ab <>`\n", max_size=4),
       st.sampled_from(["paragraph", "bulleted_list_item", "heading_2", "quote"]))
def test_text_said_to_hold_a_tag_is_refused_by_the_check(text, mark, other, kind):
    # Where html_as_typed skips the as-typed check, that check would indeed have refused it.
    from notionlog.convert import markup, safe, textmd
    from notionlog.convert.inline import Seg

    segs = textmd.tidy([Seg(text), Seg(other, bold=mark == "bold", code=mark == "code")],
                       single_line=kind.startswith("heading"))
    if not segs or not safe.html_as_typed(segs):
        return
    assert _read_back(kind, textmd._blank_lines(markup.render(segs, False))) != segs


def _read_back(kind: str, inline: str) -> list | None:
    """The segments a check parse reads from ``inline`` written as a ``kind`` block's text."""
    from notionlog.convert import blocktypes, textmd

    if kind == "heading_2":  # a heading's closing "#" run is escaped by the heading's own wrap
        inline = blocktypes._keep_closing_hashes(inline)
    prefix = {"paragraph": "", "bulleted_list_item": "- ", "heading_2": "## ", "quote": "> "}[kind]
    extract = textmd.first_text(kind, single_line=kind.startswith("heading"))
    return extract(textmd.parse_markdown(prefix + inline))


# --- inline tags: colour, underline, mentions -------------------------------------------------------

_MENTIONS = [("page", (("url", "https://www.notion.so/393abc1eedcd8124a32ceb218a6acdb1"),)),
             ("user", (("url", "user://0c1f7c3e-5a0b-4d2e-9f61-2b7d8e4a9c10"),)),
             ("date", (("start", "2026-07-04"), ("end", "2026-07-05T10:00:00.000+09:00")))]
_TAG_TEXT = st.sampled_from(['<span color="red">', "</span>", '<span underline="true">x</span>',
                             '<mention-page url="https://www.notion.so/393abc1eedcd8124a32ceb218a6acdb1">',
                             '<mention-date start="2026-07-04"/>', "</mention-user>", "&quot;", "<"])
_TAGGED_WORDS = st.lists(st.one_of(_WORDS, _WORDS, _SAFE_ATOMS, _TAG_TEXT), min_size=1,
                         max_size=5).map("".join)


@st.composite
def _annotated(draw) -> list:
    """Runs with any set of annotations: emphasis, code, underline, colour, a link, a mention."""
    from notionlog.convert.inline import Seg

    segs = []
    for _ in range(draw(st.integers(1, 5))):
        code = draw(st.sampled_from([False, False, True]))
        mention = draw(st.sampled_from([None, None, None, *_MENTIONS]))
        link = None if mention else draw(st.sampled_from([None, None, "https://x.y/a"]))
        segs.append(Seg(draw(_TAGGED_WORDS), *(draw(st.booleans()) for _ in range(3)),
                        code and not mention, link, False, draw(st.booleans()),
                        draw(st.sampled_from([None, None, "red", "blue_background", "gray"])),
                        mention))
    return segs


def _tag_marks(segs: list) -> list[tuple]:
    """Per character: colour and underline; and each mention, in order."""
    return ([(ch, seg.color, seg.underline) for seg in segs for ch in seg.text],
            [seg.mention for seg in segs if seg.mention])


@FAST
@given(_annotated(), st.sampled_from(["paragraph", "bulleted_list_item", "heading_2", "quote"]))
def test_every_combination_of_annotations_round_trips_through_the_file(segs, kind):
    """Written into a block and read back, the text keeps every colour, underline and mention (the
    emphasis too, where CommonMark can hold it), and writing it again gives the same file."""
    from notionlog.convert import textmd
    from notionlog.convert.inline import from_rich_text, to_rich_text

    body = {"rich_text": to_rich_text(segs), "color": "default"}
    pulled = to_markdown([{"object": "block", "type": kind, kind: body}])
    read = to_blocks(pulled).children
    assert normalize(pulled) == pulled
    want = textmd.tidy(segs, single_line=kind.startswith("heading"))
    got = textmd.tidy(from_rich_text(read[0][kind]["rich_text"]), kind.startswith("heading"))
    assert _tag_marks(got) == _tag_marks(want)
    if all(seg.text.isalnum() and not seg.code for seg in want):
        assert got == want  # words only: nothing is dropped, not even emphasis (a code span
        # right after a word cannot open emphasis: CommonMark's flanking rules)


@FAST
@given(st.lists(st.one_of(_TAG_TEXT, _TAG_TEXT, _WORDS, _SAFE_ATOMS, st.sampled_from("*`\\")),
                min_size=1, max_size=8).map("".join),
       st.sampled_from(["paragraph", "bulleted_list_item", "quote"]))
def test_text_that_looks_like_a_tag_reads_back_as_text(text, kind):
    from notionlog.convert import textmd
    from notionlog.convert.inline import Seg, from_rich_text, to_rich_text

    segs = textmd.tidy([Seg(text)])
    # (An item whose text starts "[ ]" is not normal when pulled: it reads back as a to-do.)
    assume(kind == "paragraph" or not "".join(seg.text for seg in segs).startswith("["))
    pulled = to_markdown([{"object": "block", "type": kind, kind: {"rich_text": to_rich_text(segs)}}])
    got = [seg for block in to_blocks(pulled).children
           for seg in from_rich_text(block[block["type"]]["rich_text"])]
    assert not any(seg.color or seg.underline or seg.mention for seg in got)
    assert normalize(pulled) == pulled
