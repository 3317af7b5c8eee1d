"""Benchmark: 365 seed-sized entries, Markdown -> blocks -> Markdown (a figure to watch, not a goal).

The entries are the seed entry with each day's own date and a few words changed, so no two inputs
are the same string. Run: .venv/bin/python bench/bench_convert.py [--repeat N]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SEED = ROOT / "tests" / "data" / "20211207-seed-entry.md"


def entries(count: int = 365) -> list[str]:
    """``count`` distinct seed-sized entries (the seed with its date and one line varied)."""
    seed = SEED.read_text(encoding="utf-8")
    out = []
    for day in range(count):
        text = seed.replace("20211207", f"2021{day // 28 + 1:02d}{day % 28 + 1:02d}")
        out.append(text.replace("멘토링\n", f"멘토링 {day}회차 **중요** `code{day}`\n", 1))
    return out


def run_once(texts: list[str]) -> float:
    from notionlog.convert import to_blocks, to_markdown

    start = time.perf_counter()
    for text in texts:
        doc = to_blocks(text)
        to_markdown(doc.children, doc.title, doc.front_matter)
    return time.perf_counter() - start


def parse_only(texts: list[str]) -> float:
    """The parse's own share: the same texts through mdparser.parse (markdown-it-py), as to_blocks."""
    from notionlog.convert.mdparser import parse

    start = time.perf_counter()
    for text in texts:
        parse(text)
    return time.perf_counter() - start


def converter_only(texts: list[str]) -> float:
    """The converter's own share: tokens -> blocks -> Markdown, the parse done beforehand.

    Each text is split from its front matter and parsed once, outside the timing, so this figure
    moves only with parse.py / inline.py / render.py & co. (render's check parses are included).
    """
    from notionlog.convert import frontmatter, to_markdown
    from notionlog.convert.mdparser import parse
    from notionlog.convert.parse import blocks_from_tokens

    parsed = []
    for text in texts:
        front, body = frontmatter.split(text)
        parsed.append((front, body, parse(body)))
    start = time.perf_counter()
    for front, body, tokens in parsed:
        title, children = blocks_from_tokens(tokens, want_title=True, source=body)
        to_markdown(children, title, front)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="runs to take the median of")
    args = parser.parse_args()
    texts = entries()
    start = time.perf_counter()
    from notionlog.convert.mdparser import parser as md

    md()  # first use builds the parser; report it apart from the conversion itself
    setup = time.perf_counter() - start
    times = [run_once(texts) for _ in range(args.repeat)]
    parse = min(parse_only(texts) for _ in range(args.repeat))
    own = min(converter_only(texts) for _ in range(args.repeat))
    size = sum(len(t) for t in texts) / len(texts)
    median = statistics.median(times)
    print(f"365 entries (~{size:.0f} chars each), md -> blocks -> md: median {median:.3f} s,"
          f" best {min(times):.3f} s over {args.repeat} runs")
    print(f"  of which parsing alone (mdparser.parse): best {parse:.3f} s;"
          f" import + parser setup (once): {setup:.3f} s")
    print(f"  converter's own share (tokens -> blocks -> md, parse done beforehand): best {own:.3f} s")


if __name__ == "__main__":
    main()
