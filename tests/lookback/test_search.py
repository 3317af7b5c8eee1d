"""search: Korean substrings of any length, Latin case, filters; FTS5 and the scan answer alike."""

from __future__ import annotations

import datetime
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from notionlog.errors import EmptyQuery, UnknownSection
from notionlog.lookback import index as index_module
from notionlog.lookback import search
from notionlog.lookback.periods import Period

from .conftest import write_entry

D1, D2, D3 = datetime.date(2021, 12, 5), datetime.date(2021, 12, 6), datetime.date(2021, 12, 7)
MODES = [pytest.param(True, id="fts5"), pytest.param(False, id="scan")]


@pytest.fixture(params=MODES)
def fts(request):
    if request.param and not index_module.fts5_available():
        pytest.skip("this Python's SQLite has no FTS5 trigram tokenizer")
    return request.param


@pytest.fixture
def journal_home(home):
    write_entry(home, D1, "# a\n\n- 오늘 배운 것\n    - 배운것 정리\n- 회고\n    - MLOps 강의가 좋았다\n")
    write_entry(home, D2, "---\ntags: [일기, work]\n---\n# b\n\n- 회고\n"
                          "    - 배운 것들이 많다\n    - mlops\n")
    write_entry(home, D3, "# c\n\n- 회고\n    - 회고 쓰기\n- 오늘 한것\n    - 배\n")
    return home


def lines(hits) -> list[tuple[str, str, str]]:
    return [(h.day.isoformat(), h.section, h.line) for h in hits]


def test_two_character_korean_finds_every_form(journal_home, fts):
    found = lines(search.search(journal_home, search.Query("배운"), fts))
    assert found == [("2021-12-06", "회고", "- 배운 것들이 많다"),
                     ("2021-12-05", "오늘 배운 것", "- 오늘 배운 것"),
                     ("2021-12-05", "오늘 배운 것", "- 배운것 정리")]


def test_a_query_with_a_space_matches_only_that_spacing(journal_home, fts):
    found = lines(search.search(journal_home, search.Query("배운 것"), fts))
    assert [line for _, _, line in found] == ["- 배운 것들이 많다", "- 오늘 배운 것"]


def test_one_character_and_the_two_character_word_회고(journal_home, fts):
    assert len(search.search(journal_home, search.Query("배"), fts)) == 4
    found = lines(search.search(journal_home, search.Query("회고"), fts))
    assert [d for d, _, _ in found] == ["2021-12-07", "2021-12-07", "2021-12-06", "2021-12-05"]


def test_latin_text_is_case_insensitive_and_highlighted_where_it_matched(journal_home, fts):
    hits = search.search(journal_home, search.Query("MLOPS"), fts)
    assert [(h.line, h.spans) for h in hits] == [("- mlops", ((2, 7),)), ("- MLOps 강의가 좋았다", ((2, 7),))]


def test_filters_since_until_section_and_tag(journal_home, fts):
    def query(**kw):
        return lines(search.search(journal_home, search.Query("배", **kw), fts))

    assert [d for d, _, _ in query(period=Period(D2, D3))] == ["2021-12-07", "2021-12-06"]
    assert query(section="오늘배운것") == [("2021-12-05", "오늘 배운 것", "- 오늘 배운 것"),
                                       ("2021-12-05", "오늘 배운 것", "- 배운것 정리")]
    assert query(tag="WORK") == [("2021-12-06", "회고", "- 배운 것들이 많다")]
    assert query(tag="nothing") == []


def test_an_unknown_section_names_the_known_ones(journal_home, fts):
    with pytest.raises(UnknownSection) as err:
        search.search(journal_home, search.Query("배", section="느낀 점"), fts)
    assert set(err.value.known) == {"회고", "오늘 배운 것", "오늘 한것"}
    assert err.value.known[0] == "회고"  # the most used first


def test_an_empty_query_is_refused(journal_home):
    with pytest.raises(EmptyQuery):
        search.search(journal_home, search.Query("  "))


def test_notes_are_searched_only_with_notes(journal_home, fts):
    note = journal_home / "notes" / "MLOps-ac7132fe.md"
    note.parent.mkdir()
    note.write_text("---\ntitle: MLOps\nlast_edited_time: '2021-12-08T10:00:00.000Z'\n---\n"
                    "# MLOps\n\n## 서빙\n- 배포 자동화\n", encoding="utf-8")
    (journal_home / "notes" / "README.md").write_text("# Notes\n- 배포 index\n", encoding="utf-8")
    assert search.search(journal_home, search.Query("배포"), fts) == []
    hits = search.search(journal_home, search.Query("배포", notes=True), fts)
    assert [(h.day, h.section, h.line, h.path) for h in hits] == [
        (datetime.date(2021, 12, 8), "서빙", "- 배포 자동화", note)]


ALPHABET = "배운것 회고aAbB\n-"


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.text(ALPHABET, max_size=40), min_size=1, max_size=4),
       st.text(ALPHABET.replace("\n", ""), min_size=1, max_size=5).filter(str.strip))
def test_fts5_and_the_scan_give_the_same_lines_as_reading_every_file(texts, needle):
    if not index_module.fts5_available():
        pytest.skip("no FTS5 here: only the scan can run")
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        expected = []
        for n, text in enumerate(texts):
            day = D1 + datetime.timedelta(days=n)
            write_entry(home, day, text)
            expected += [(day.isoformat(), line.strip()) for line in text.splitlines()
                         if needle.lower() in line.lower()]
        expected.sort(key=lambda row: row[0], reverse=True)
        for fts in (True, False):
            (home / ".notionlog" / "lookback.db").unlink(missing_ok=True)
            got = [(h.day.isoformat(), h.line) for h in search.search(home, search.Query(needle), fts)]
            assert got == expected, f"fts={fts}"
