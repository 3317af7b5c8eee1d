"""Run the converter over the corpus that fetch.py cached (outside the repo) and report its losses.

Documents: every ``.md`` file in the cached sdists, each CommonMark spec example and parser
fixture from markdown-it-py / mdit-py-plugins test data, and a few Korean entries written below.
For each: crashes; visible ``\\w+`` words lost Markdown -> blocks and in the round trip (multisets:
a word lost once counts once); fixed-point failures (``normalize`` twice differs from once); documents
the API would refuse (each block checked by the emulator's own payload validation); http(s) link
URLs lost; and the time of blocks -> Markdown beside the peer notion-markdown on the same blocks.

"Visible words" are what a CommonMark + GFM-tables reader shows: inline text, code, image alt
text, code blocks and their fence labels, raw HTML as typed (we keep it as text).
Run: .venv/bin/python bench/corpus/run.py [--limit N] [--show N]
"""

from __future__ import annotations

import argparse
import io
import json
import re
import sys
import tarfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from fetch import CACHE, PEER, SDISTS  # noqa: E402

from notionlog.convert import frontmatter, normalize, to_blocks, to_markdown  # noqa: E402
from notionlog.convert.languages import PLAIN, to_fence, to_notion  # noqa: E402
from notionlog.errors import NotionlogError  # noqa: E402

_WORD = re.compile(r"\w+")
RESPELLED: Counter = Counter()  # fence aliases written as the enum's name (py -> python)
_FIXTURE_CASE = re.compile(r"^\.\n(.*?)^\.\n", re.MULTILINE | re.DOTALL)
KOREAN = [
    "# 2021. 12. 08 일기\n\n## 오늘 한 것\n\n- 아침 **운동** 30분\n    - 스쿼트, `런지`\n- 독서: "
    "[데미안](https://ko.wikipedia.org/wiki/데미안)\n\n> 새는 알에서 나오려고 투쟁한다.\n",
    "# 회의록\n\n| 항목 | 담당 | 마감 |\n|---|---|---|\n| 배포 | 김민수 | 12/10 |\n| 문서 | 이영희 |\n\n"
    "1. 안건 정리\n2. 다음 회의: 금요일\n\n- [ ] 회의록 공유\n- [x] 자료 준비\n",
    "# 공부 노트\n\n파이썬 리스트 컴프리헨션:\n\n```python\nsquares = [x * x for x in range(10)]\n```\n\n"
    "수식 $E = mc^2$ 과 블록 수식:\n\n$$\n\\int_0^1 x\\,dx = \\frac{1}{2}\n$$\n\n"
    "참고: https://docs.python.org/ko/3/tutorial/datastructures.html 를 보라.\n",
    "# 여행 계획 *제주*\n\n### 1일차\n\n- 공항 도착 → 렌터카\n- 점심: 고기국수 (₩9,000)\n\n"
    "### 2일차\n\n- 한라산 등반\n    - 성판악 코스 ~~관음사~~\n\n![한라산 사진](https://example.com/halla.jpg)\n",
    "# 독후감\n\n*어린 왕자*를 다시 읽었다. **\"가장 중요한 것은 눈에 보이지 않아.\"**\n\n"
    "느낀 점:\n\n1. 어른들은 숫자를 좋아한다\n2. 길들인다는 것\n\n---\n\n다음 책: 『총, 균, 쇠』\n",
]


def documents(limit: int | None) -> list[tuple[str, str]]:
    """(name, Markdown) for every document of the corpus."""
    docs: list[tuple[str, str]] = [(f"korean/{i}", text) for i, text in enumerate(KOREAN)]
    seed = ROOT / "tests" / "data" / "20211207-seed-entry.md"
    docs.append(("seed", seed.read_text(encoding="utf-8")))
    for archive in sorted(SDISTS.glob("*.tar.gz")):
        docs.extend(_from_sdist(archive))
    seen: set[str] = set()  # the spec examples ship in several sdists: each text counts once
    docs = [(name, text) for name, text in docs if not (text in seen or seen.add(text))]
    return docs[:limit] if limit else docs


def _from_sdist(archive: Path) -> list[tuple[str, str]]:
    out = []
    with tarfile.open(archive) as tar:
        for member in tar.getmembers():
            if not member.isfile() or member.size > 2_000_000:
                continue
            name = member.name
            data = tar.extractfile(member)
            if data is None:
                continue
            if name.endswith("commonmark.json"):
                examples = json.load(io.TextIOWrapper(data, encoding="utf-8"))
                out += [(f"spec/{e['example']}", e["markdown"]) for e in examples]
            elif "/fixtures/" in name and name.endswith((".md", ".txt")):
                text = data.read().decode("utf-8", "replace")
                out += [(f"{name}#{i}", m) for i, m in enumerate(_FIXTURE_CASE.findall(text))]
            elif name.endswith(".md") and "/fixtures/" not in name:
                out.append((name, data.read().decode("utf-8", "replace")))
    return out


def _reader():
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark").enable(["table", "strikethrough"])
    md.normalizeLink = lambda url: url  # URLs compared as typed (the converter keeps them so)
    md.normalizeLinkText = lambda text: text
    return md


def visible_words(markdown: str, reader) -> Counter:
    """Visible words of Markdown as a CommonMark + GFM-tables reader shows them (see the top)."""
    words: Counter = Counter()
    tokens = reader.parse(markdown)
    for index, tok in enumerate(tokens):
        if tok.type in ("fence", "code_block", "html_block"):
            words.update(_WORD.findall(_respelled(tok.info) + " " + tok.content))
        # A task item's "[x] " is its checkbox (a to-do's "checked"), not a word.
        task = index > 1 and tokens[index - 2].type == "list_item_open"
        for position, child in enumerate(tok.children or []):
            if child.type in ("text", "code_inline", "html_inline"):
                text = child.content
                if task and position == 0 and text[:4] in ("[ ] ", "[x] ", "[X] "):
                    text = text[4:]
                words.update(_WORD.findall(text))
            elif child.type == "image":
                words.update(_WORD.findall("".join(c.content for c in child.children or [])))
    return words


def _respelled(info: str) -> str:
    """A fence label whose first word is an alias (``py``, ``Python``), as the enum spells it
    (``python``): the converter keeps the language and writes its name, not the alias."""
    word, _, rest = info.strip().partition(" ")
    language = to_notion(word)
    if language != PLAIN and to_fence(language) != word:  # py -> python, Python -> python
        RESPELLED[word] += 1
        return f"{to_fence(language)} {rest}"
    return info


def link_urls(markdown: str, reader) -> Counter:
    """http(s) link and image URLs a reader finds (autolinks, inline links, references)."""
    urls: Counter = Counter()
    for tok in reader.parse(markdown):
        for child in tok.children or []:
            url = child.attrs.get("href") or child.attrs.get("src") or ""
            if child.type in ("link_open", "image") and re.match(r"https?://\S+\Z", url):
                urls[url] += 1
    return urls


def block_words(doc) -> tuple[Counter, Counter, list[str]]:
    """(words, link URLs, texts) held by a document's blocks and title."""
    words: Counter = Counter()
    urls: Counter = Counter()
    texts: list[str] = []
    _rich(doc.title_rich_text, words, urls, texts)
    for payload in _payloads(doc.children):
        for key in ("rich_text", "caption"):
            _rich(payload.get(key), words, urls, texts)
        for row in payload.get("children", []) if "table_width" in payload else []:
            for cell in row["table_row"]["cells"]:
                _rich(cell, words, urls, texts)
        words.update(_WORD.findall(payload.get("expression", "")))
        if "language" in payload:  # a code block's language is the fence label's first word
            words.update(_WORD.findall(to_fence(payload["language"])))
        url = (payload.get("external") or {}).get("url")
        if url:
            urls[url] += 1
    return words, urls, texts


def _payloads(blocks: list[dict]):
    for block in blocks:
        payload = block[block["type"]]
        yield payload
        if block["type"] != "table":
            yield from _payloads(payload.get("children", []))


def _rich(items, words: Counter, urls: Counter, texts: list[str]) -> None:
    for item in items or []:
        if item["type"] == "equation":
            words.update(_WORD.findall(item["equation"]["expression"]))
            continue
        words.update(_WORD.findall(item["text"]["content"]))
        texts.append(item["text"]["content"])
        if item["text"].get("link"):
            urls[item["text"]["link"]["url"]] += 1


def api_problem(doc) -> str | None:
    """The first API error the emulator's request validation finds in the blocks, else None."""
    from tests.fakenotion import richtext
    from tests.fakenotion.apierror import ApiError
    from tests.fakenotion.blocks import Context, parse_block

    try:
        richtext.normalize("title", doc.title_rich_text)
        for index, block in enumerate(_flat(doc.children)):
            parse_block(f"children[{index}]", block, Context(), 0)
    except ApiError as err:
        return str(getattr(err, "message", err))
    except ValueError as err:  # the emulator's own URL parsing gave up: count it as refused
        return f"emulator: {err}"
    return None


def _flat(blocks: list[dict]):
    """Each block alone (children off, as the writer sends deep trees level by level); table rows
    stay with their table, which must be created with them."""
    for block in blocks:
        kind = block["type"]
        payload = dict(block[kind])
        children = payload.pop("children", [])
        if kind == "table":
            payload["children"] = children
            children = []
        yield {"object": "block", "type": kind, kind: payload}
        yield from _flat(children)


def peer_to_markdown():
    """notion-markdown's to_markdown, imported from the cached wheels (None if not fetched)."""
    for wheel in sorted(PEER.glob("*.whl")):
        sys.path.insert(0, str(wheel))
    try:
        from notion_markdown import to_markdown as peer
    except ImportError:
        return None
    return peer


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, help="only the first N documents")
    parser.add_argument("--show", type=int, default=5, help="examples of each problem to print")
    args = parser.parse_args()
    reader = _reader()
    docs = documents(args.limit)
    stats: Counter = Counter()
    lost_md: Counter = Counter()
    lost_trip: Counter = Counter()
    examples: dict[str, list[str]] = {}
    trees = []

    def note(kind: str, name: str, detail: str = "") -> None:
        stats[kind] += 1
        examples.setdefault(kind, [])
        if len(examples[kind]) < args.show:
            examples[kind].append(f"{name}: {detail}"[:300])

    for name, text in docs:
        try:
            doc = to_blocks(text)
            once = normalize(text)
            twice = normalize(once)
        except NotionlogError as err:
            note("refused (one clear error)", name, type(err).__name__)
            continue
        except Exception as err:  # noqa: BLE001 - a crash is what is being counted
            note("crashes", name, repr(err))
            continue
        trees.append((doc.children, doc.title_rich_text if doc.title is not None else None))
        body = frontmatter.split(text)[1]  # front matter stays in the file; only tags go to Notion
        source = visible_words(body, reader)
        held, urls, texts = block_words(doc)
        stats["words"] += sum(source.values())
        missing = source - held
        if missing:
            lost_md.update(missing)
            note("documents losing words md -> blocks", name, " ".join(sorted(missing)))
        trip = source - visible_words(frontmatter.split(once)[1], reader)
        if trip:
            lost_trip.update(trip)
            note("documents losing words in the round trip", name, " ".join(sorted(trip)))
        if twice != once:
            note("fixed-point failures", name, repr(once[:120]))
        problem = api_problem(doc)
        if problem:
            note("API-invalid documents", name, problem)
        joined = "\n".join(texts)  # a URL kept as visible text (an image in a line) is not lost
        gone = Counter({url: n for url, n in (link_urls(body, reader) - urls).items()
                        if url not in joined})
        if gone:
            stats["link URLs lost"] += sum(gone.values())
            note("documents losing link URLs", name, " ".join(gone))
    stats["documents"] = len(docs)
    _report(stats, lost_md, lost_trip, examples)
    _timing(trees)


def _report(stats: Counter, lost_md: Counter, lost_trip: Counter, examples: dict) -> None:
    print(f"corpus: {CACHE}")
    print(f"documents: {stats['documents']}, visible words: {stats['words']}")
    print(f"crashes: {stats['crashes']}; refused with one clear error: "
          f"{stats['refused (one clear error)']}")
    print(f"words lost md -> blocks: {sum(lost_md.values())} "
          f"in {stats['documents losing words md -> blocks']} documents")
    print(f"words lost in the round trip: {sum(lost_trip.values())} "
          f"in {stats['documents losing words in the round trip']} documents")
    print(f"fixed-point failures: {stats['fixed-point failures']}")
    print(f"API-invalid documents: {stats['API-invalid documents']}")
    print(f"fence labels respelled (alias -> enum name, language kept): {sum(RESPELLED.values())}"
          f" {dict(RESPELLED.most_common(8))}")
    print(f"link URLs lost: {stats['link URLs lost']} "
          f"in {stats['documents losing link URLs']} documents")
    for kind, lines in examples.items():
        print(f"\n{kind}:")
        for line in lines:
            print("  " + line)


def _timing(trees: list) -> None:
    from notionlog.convert.textmd import parse_markdown

    parse_markdown.cache_clear()  # check parses counted (and timed) from cold
    start = time.perf_counter()
    for children, title in trees:
        to_markdown(children, title)
    ours = time.perf_counter() - start
    parses = parse_markdown.cache_info().misses
    peer = peer_to_markdown()
    line = (f"\nblocks -> Markdown for {len(trees)} documents: notionlog {ours:.2f} s"
            f" ({parses} check parses)")
    if peer is not None:
        failed = 0
        start = time.perf_counter()
        for children, _ in trees:
            try:
                peer(children)
            except Exception:  # noqa: BLE001 - the peer's own failures are only counted
                failed += 1
        line += f", notion-markdown 0.7.0 {time.perf_counter() - start:.2f} s ({failed} failed)"
    print(line)


if __name__ == "__main__":
    main()
