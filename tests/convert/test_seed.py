"""The real seed entry survives the converter: same text, order, nesting and markers."""

from __future__ import annotations

from pathlib import Path

import pytest

from notionlog.convert import normalize, to_blocks, to_markdown

SEED = Path(__file__).parents[1] / "data" / "20211207-seed-entry.md"


def _content_lines(text: str) -> list[str]:
    return [line.rstrip() for line in text.splitlines() if line.strip()]


@pytest.fixture(scope="module")
def seed() -> str:
    return SEED.read_text(encoding="utf-8")


def test_normalize_changes_only_blank_lines_and_trailing_whitespace(seed):
    assert _content_lines(normalize(seed)) == _content_lines(seed)


def test_normalize_is_a_fixed_point_on_the_seed(seed):
    once = normalize(seed)
    assert normalize(once) == once


def test_seed_title_and_structure(seed):
    doc = to_blocks(seed)
    assert doc.title == "최종 프로젝트 & MLOps"
    assert [b["type"] for b in doc.children] == ["heading_2"] + ["bulleted_list_item"] * 4
    learned = doc.children[3]["bulleted_list_item"]
    third = learned["children"][2]["bulleted_list_item"]  # MLOps 강의 3강
    server = third["children"][0]["bulleted_list_item"]  # 머신 러닝 서버란?
    assert server["rich_text"][0]["text"]["content"] == "머신 러닝 서버란?"
    deepest = server["children"][0]["bulleted_list_item"]["rich_text"][0]["text"]["content"]
    assert deepest.startswith("데이터 전처리")


def test_seed_link_is_a_link_and_renders_back_bare(seed):
    doc = to_blocks(seed)
    item = doc.children[2]["bulleted_list_item"]["children"][0]["bulleted_list_item"]
    url = "https://zeuskim.notion.site/MLOps-d06d1f9a67534ffdbad20c2fac7132fe"
    assert item["rich_text"] == [{"type": "text", "text": {"content": url, "link": {"url": url}}}]
    assert f"    - {url}\n" in to_markdown(doc.children)


def test_seed_keeps_blank_lines_between_top_level_sections(seed):
    out = normalize(seed)
    assert "    - 면접 질문 정리\n\n- 오늘 정리한 것\n" in out
    assert out.startswith("# 최종 프로젝트 & MLOps\n\n## 20211207\n\n- 오늘 한것\n    - MLOps")
