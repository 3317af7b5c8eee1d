"""export: Markdown under date headings, JSON rows, and the HTML page's content (browser: test_browser.py)."""

from __future__ import annotations

import datetime
import json

import pytest

from notionlog.lookback import export
from notionlog.lookback.periods import Period

from .conftest import SEED_DAY, write_entry, write_scaffold

TAGGED = "---\ntags: [일기, mlops]\n---\n# 태그 있는 날\n\n## 2021-12-09\n- 회고\n    - 좋았다\n"
TRICKY = ("# 까다로운 날\n\n- 회고\n    - 어제: [2021-12-07](../2021/2021-12-07.md)\n"
          "    - ![그림](https://example.com/a.png) <script>alert(1)</script>\n\n"
          "```py\n# not a heading\n```\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n[x](javascript:alert(1))\n")


@pytest.fixture
def journal(home):
    write_entry(home, SEED_DAY)
    write_scaffold(home, SEED_DAY + datetime.timedelta(days=1))
    write_entry(home, SEED_DAY + datetime.timedelta(days=2), TAGGED)
    write_entry(home, SEED_DAY + datetime.timedelta(days=3), TRICKY)
    return home


def test_markdown_puts_each_entry_under_its_date_with_its_headings_one_level_down(journal):
    text = export.render(journal, Period(None, None), "md", SEED_DAY)
    dates = [line for line in text.splitlines() if line.startswith("# 20")]
    assert dates == ["# 2021-12-07 화요일", "# 2021-12-09 목요일", "# 2021-12-10 금요일"]
    assert "## 최종 프로젝트 & MLOps\n\n### 20211207\n- 오늘 한것" in text
    assert "tags: 일기, mlops\n\n## 태그 있는 날" in text
    assert "```py\n# not a heading\n```" in text  # code is left alone


def test_json_rows_have_the_issues_keys_and_no_front_matter(journal):
    rows = json.loads(export.render(journal, Period(None, None), "json", SEED_DAY))
    assert [list(r) for r in rows] == [["date", "title", "tags", "markdown", "path"]] * 3
    tagged = rows[1]
    assert tagged["date"] == "2021-12-09" and tagged["title"] == "태그 있는 날"
    assert tagged["tags"] == ["일기", "mlops"] and not tagged["markdown"].startswith("---")
    assert tagged["path"] == str(journal / "entries" / "2021" / "2021-12-09.md")


def test_a_range_and_an_empty_range(journal):
    from notionlog.errors import EmptyRange

    rows = json.loads(export.render(journal, Period(SEED_DAY, SEED_DAY), "json", SEED_DAY))
    assert [r["date"] for r in rows] == ["2021-12-07"]
    with pytest.raises(EmptyRange):
        export.render(journal, Period(datetime.date(2021, 12, 8), datetime.date(2021, 12, 8)), "json",
                      SEED_DAY)


def test_html_is_one_page_that_fetches_nothing_and_runs_nothing(journal):
    page = export.render(journal, Period(None, None), "html", SEED_DAY)
    assert "Content-Security-Policy" in page and "<link" not in page and "<script" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page  # raw HTML shown as text
    assert '<a href="https://example.com/a.png">[그림]</a>' in page and "<img" not in page
    assert 'href="#d2021-12-07"' in page  # a link to another entry points inside the page
    assert "javascript:" not in page.replace("[x](javascript", "")
    assert page.count("<article ") == 3 and "<svg" in page and "<table>" in page
    assert "Noto Sans KR" in page and "@media print" in page and 'name="viewport"' in page


def test_export_to_a_file_prints_its_path(capsys, journal, tmp_path):
    from notionlog.cli import main

    with pytest.raises(SystemExit) as done:
        main(["export", "--format", "json", "--since", "2021-12-09", "-o", str(tmp_path / "out.json")])
    assert done.value.code == 0
    assert capsys.readouterr().out == f"{tmp_path / 'out.json'}\n"
    rows = json.loads((tmp_path / "out.json").read_text())
    assert [r["date"] for r in rows] == ["2021-12-09", "2021-12-10"]
