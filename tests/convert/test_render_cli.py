"""`notionlog render`: Markdown -> JSON blocks, JSON -> Markdown, bad input -> one line."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

SEED = Path(__file__).parents[1] / "data" / "20211207-seed-entry.md"


def _render(path: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "notionlog", "render", str(path)],
                          capture_output=True, text=True, encoding="utf-8")


def test_markdown_renders_as_blocks_json_and_back(tmp_path):
    out = _render(SEED)
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["title"] == "최종 프로젝트 & MLOps"
    assert "최종" in out.stdout  # ensure_ascii=False: Korean stays readable
    page = tmp_path / "page.json"
    page.write_text(out.stdout, encoding="utf-8")
    back = _render(page)
    assert back.returncode == 0, back.stderr
    from notionlog.convert import normalize

    assert back.stdout == normalize(SEED.read_text(encoding="utf-8"))


def test_a_list_of_api_blocks_renders(tmp_path):
    blocks = [{"object": "block", "id": "1", "type": "toggle", "has_children": True,
               "toggle": {"rich_text": [{"type": "text", "text": {"content": "접기", "link": None},
                                         "plain_text": "접기", "href": None}]},
               "children": [{"type": "paragraph", "paragraph": {"rich_text": [
                   {"type": "text", "text": {"content": "안쪽"}}]}}]}]
    page = tmp_path / "blocks.json"
    page.write_text(json.dumps(blocks), encoding="utf-8")
    out = _render(page)
    assert out.returncode == 0, out.stderr
    assert out.stdout == "<toggle>\n\n접기\n\n안쪽\n\n</toggle>\n"  # the toggle's tag form


@pytest.mark.parametrize(("name", "content", "expected"), [
    ("bad.json", b"{not json", "is not Notion blocks JSON"),
    ("shape.json", b'{"children": 3}', "children must be a list"),
    ("binary.md", b"\xff\xfe\x00", "is not UTF-8 text"),
    ("yaml.md", b"---\ntags: [a\n---\n# x\n", "front matter, line"),
])
def test_bad_input_is_one_line_and_exit_3(tmp_path, name, content, expected):
    path = tmp_path / name
    path.write_bytes(content)
    out = _render(path)
    assert out.returncode == 3
    assert out.stdout == ""
    assert expected in out.stderr
    assert len(out.stderr.strip().splitlines()) == 1
    assert "Traceback" not in out.stderr


def test_missing_file_is_a_usage_error(tmp_path):
    out = _render(tmp_path / "nope.md")
    assert out.returncode == 2
    assert "does not exist" in out.stderr


def test_a_formatted_title_survives_render_json_and_back(tmp_path):
    entry = tmp_path / "e.md"
    entry.write_text("# Intro to *Rust* & [Go](https://go.dev)\n\nbody\n", encoding="utf-8")
    out = _render(entry)
    assert out.returncode == 0, out.stderr
    title = json.loads(out.stdout)["title"]
    assert [item["text"]["content"] for item in title] == ["Intro to ", "Rust", " & ", "Go"]
    page = tmp_path / "page.json"
    page.write_text(out.stdout, encoding="utf-8")
    back = _render(page)
    assert back.stdout == "# Intro to *Rust* & [Go](https://go.dev)\n\nbody\n"
