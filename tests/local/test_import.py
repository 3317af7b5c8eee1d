"""importer.py: dates from headings or file names, splitting, every line kept, plan/apply."""

from __future__ import annotations

import datetime
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from notionlog.errors import BadDate, NoDateFound, NotText
from notionlog.local import importer, journal

SEED = Path(__file__).parents[1] / "data" / "20211207-seed-entry.md"
MULTI = """\
# 최종 프로젝트

메모 한 줄
## 20211207
- 오늘 한것
    - 회의

## 2021-12-08
- 회고
```
## 20211209
```
## 20211207
- 같은 날 또
"""


def source(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_seed_is_one_entry_with_every_byte(tmp_path):
    assert importer.split_file(SEED) == {datetime.date(2021, 12, 7): SEED.read_text(encoding="utf-8")}


def test_several_dates_each_titled_with_h1_and_no_line_lost(tmp_path):
    pieces = importer.split_file(source(tmp_path, "multi.md", MULTI))
    assert list(pieces) == [datetime.date(2021, 12, 7), datetime.date(2021, 12, 8)]
    first, second = pieces.values()
    assert first == ("# 최종 프로젝트\n\n메모 한 줄\n## 20211207\n- 오늘 한것\n    - 회의\n\n"
                     "## 20211207\n- 같은 날 또\n")
    assert second == "# 최종 프로젝트\n\n## 2021-12-08\n- 회고\n```\n## 20211209\n```\n"
    source_lines = sorted(MULTI.splitlines())
    kept = sorted(first.splitlines() + second.splitlines()[2:])  # minus the copied H1 and blank
    assert kept == source_lines


def test_crlf_title_copy_keeps_line_endings(tmp_path):
    path = tmp_path / "crlf.md"
    path.write_bytes(b"# T\r\n## 20211207\r\na\r\n## 20211208\r\nb\r\n")
    assert importer.split_file(path)[datetime.date(2021, 12, 8)] == "# T\r\n\r\n## 20211208\r\nb\r\n"


@pytest.mark.parametrize("name", ["2021-12-07.md", "20211207.md", "diary-2021-12-07.md"])
def test_date_from_file_name(tmp_path, name):
    assert list(importer.split_file(source(tmp_path, name, "- no heading\n"))) == [
        datetime.date(2021, 12, 7)]


def test_no_date_anywhere(tmp_path):
    with pytest.raises(NoDateFound):
        importer.split_file(source(tmp_path, "notes.md", "- no heading\n"))


def test_impossible_heading_date_names_file_and_line(tmp_path):
    with pytest.raises(BadDate) as info:
        importer.split_file(source(tmp_path, "x.md", "# t\n## 20210230\n"))
    assert "line 2" in info.value.value and "x.md" in info.value.value


def test_non_utf8_source(tmp_path):
    path = tmp_path / "2021-12-07.md"
    path.write_bytes(b"\xff\xfe")
    with pytest.raises(NotText):
        importer.split_file(path)


def test_plan_kinds_and_apply(isolated, tmp_path):
    day = datetime.date(2021, 12, 8)
    journal.write_atomic(journal.entry_path(isolated, day), "# mine\n")
    steps = importer.plan(isolated, [SEED, source(tmp_path, "2021-12-08.md", "# theirs\n"), SEED])
    assert [s.kind for s in steps] == [importer.CREATE, importer.CONFLICT, importer.SAME]
    done = importer.apply(isolated, steps)
    assert [s.kind for s in done] == [importer.CREATE, importer.CONFLICT, importer.SAME]
    assert journal.read_text(journal.entry_path(isolated, day)) == "# mine\n"


def test_untouched_scaffold_is_replaced(isolated):
    day = datetime.date(2021, 12, 7)
    journal.remember_scaffold(isolated, day, "# scaffold\n")
    journal.write_atomic(journal.entry_path(isolated, day), "# scaffold\n")
    steps = importer.apply(isolated, importer.plan(isolated, [SEED]))
    assert [s.kind for s in steps] == [importer.REPLACE]
    assert journal.read_text(journal.entry_path(isolated, day)) == SEED.read_text(encoding="utf-8")
    assert not journal.is_scaffold(isolated, day, "# scaffold\n")


BODY_LINES = ["## 20211207", "## 2021-12-08", "## 20211209", "- a", "    - b", "", "```", "text  ", "- [ ] c"]


@settings(max_examples=80, deadline=None)
@given(has_title=st.booleans(), body=st.lists(st.sampled_from(BODY_LINES), max_size=25))
def test_split_keeps_every_line_and_adds_only_titles(tmp_path_factory, has_title, body):
    text = "".join(line + "\n" for line in (["# 제목", ""] if has_title else []) + body)
    lines = text.splitlines()
    path = tmp_path_factory.mktemp("src") / "20211201.md"
    path.write_text(text, encoding="utf-8")
    pieces = importer.split_file(path)
    produced = Counter(line for text in pieces.values() for line in text.splitlines())
    extra = len(pieces) - 1 if has_title else 0
    assert produced - Counter(lines) == Counter({"# 제목": extra, "": extra}) - Counter()  # drop zeros
    assert Counter(lines) - produced == Counter()
