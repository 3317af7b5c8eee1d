"""The outline fast path (notionlog/convert/fastblock.py) must give markdown-it-py's tokens exactly.

Tokens are dataclasses, so ``==`` compares every attribute (type, tag, map, level, markup, hidden,
content, inline children ...). Outlines must take the fast path; everything else may decline it,
but whatever it accepts must be identical.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from notionlog.convert import fastblock
from notionlog.convert.mdparser import parser
from tests.convert.strategies import documents, hostile_text, inline_text

DATA = Path(__file__).parent / "data"
FIXTURES = Path(__file__).parent / "fixtures"
MANY = settings(max_examples=int(os.environ.get("CONVERT_EXAMPLES", "80")) * 3, deadline=None,
                suppress_health_check=[HealthCheck.too_slow])

# Text that can follow a bullet or start a paragraph line: a safe first character, then anything
# inline (marks, links, URLs, emoji, Korean), minus what sends a whole document elsewhere.
words = st.builds(lambda first, rest, tail: (first + rest).replace("|", "/") + tail,
                  st.sampled_from(list("가나ab[!\\&(") + ["오늘", "MLOps", "👩‍💻"]),
                  inline_text, st.sampled_from(["", "", " ", "  "]))
blank_lines = st.integers(0, 2).map(lambda n: [""] * n)


@st.composite
def bullet_tree(draw, indent: int, step: int, depth: int = 0) -> list[str]:
    out = []
    for _ in range(draw(st.integers(1, 3))):
        out.append(" " * indent + "- " + draw(words))
        if depth < 4 and draw(st.booleans()):
            out += draw(blank_lines)
            out += draw(bullet_tree(indent + step, step, depth + 1))
        out += draw(blank_lines)
    return out


@st.composite
def outlines(draw) -> str:
    """Headings, col-0 paragraphs and '- ' lists nested 2-5 spaces per level, blank lines anywhere."""
    step = draw(st.integers(2, 5))
    out: list[str] = []
    for _ in range(draw(st.integers(0, 6))):
        kind = draw(st.sampled_from(["heading", "paragraph", "list", "list"]))
        if kind == "heading":
            out.append("#" * draw(st.integers(1, 6)) + draw(st.sampled_from(["", " "])) +
                       draw(st.one_of(st.just(""), words.map(lambda w: " " + w))).rstrip("# "))
        elif kind == "paragraph":
            if out and out[-1].lstrip().startswith("- "):
                out.append("")  # text right under a bullet would be a lazy continuation line
            out += draw(st.lists(words, min_size=1, max_size=3))
        else:
            out += draw(bullet_tree(0, step))
        out += draw(blank_lines)
    return "\n".join(out) + draw(st.sampled_from(["", "\n", "\n\n", "\n  "]))


@st.composite
def near_misses(draw) -> str:
    """Outlines with some lines re-indented or replaced by arbitrary Markdown lines."""
    lines = draw(outlines()).split("\n")
    for _ in range(draw(st.integers(1, 4))):
        if not lines:
            break
        index = draw(st.integers(0, len(lines) - 1))
        lines[index] = draw(st.one_of(
            st.builds(lambda n, line: " " * n + line.lstrip(" "), st.integers(0, 13),
                      st.just(lines[index])),
            documents, hostile_text, st.sampled_from(["-", "- ", "  -", "---", "***", "===", "2. x",
                                                      "* x", "+ x", "> q", "```", "    code", "$$",
                                                      "<div>", "| a |", "\tx", "# x #", "#x"])))
    return "\n".join(lines)


def assert_same(src: str, must_take: bool) -> None:
    md = parser()
    fast = fastblock.parse(src, md)
    if must_take:
        assert fast is not None, f"outline declined: {src!r}"
    if fast is not None:
        assert fast == md.parse(src), f"tokens differ for {src!r}"


@MANY
@given(outlines())
@example("# 제목 & MLOps\n\n## 20211207\n- 오늘 한것\n    - a\n\n- b\n    - c\n        - d\n")
@example("- a\n  - b\n - c\n   - d\n\n\n- e")  # siblings at unequal indents, as CommonMark allows
def test_outlines_take_the_fast_path_with_identical_tokens(src):
    assert_same(src, must_take=True)


@MANY
@given(st.one_of(near_misses(), documents, hostile_text))
@example("- a\nlazy")
@example("- a\n      - deep")
@example("para\n    - indented")
@example("- a\n\n      code")
@example("- a\n     - b\n    - c")
def test_anything_else_is_identical_or_declined(src):
    assert_same(src, must_take=False)


def test_the_seed_takes_the_fast_path():
    assert_same((DATA / "20211207-seed-entry.md").read_text(encoding="utf-8"), must_take=True)


@pytest.mark.parametrize("path", sorted([*DATA.glob("*.md"), *FIXTURES.glob("*")]),
                         ids=lambda path: path.name)
def test_every_data_file_is_identical_or_declined(path):
    assert_same(path.read_text(encoding="utf-8"), must_take=False)


@pytest.mark.parametrize("src", ["a\tb", "a\r\nb", "x\0", "a | b", "1. one", "* star", "> quote",
                                 "```\ncode\n```", "- a\nlazy continuation", "    code"])
def test_constructs_outside_the_outline_subset_are_declined(src):
    assert fastblock.parse(src, parser()) is None
