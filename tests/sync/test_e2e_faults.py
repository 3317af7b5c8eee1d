"""Crashes, lost responses and rate limits: nothing lost, no duplicate, the re-run finishes."""

from __future__ import annotations

import pytest

from tests.sync.conftest import SEED, Journal, make_database

DAY = "2021-12-07"
EDITED = (SEED.replace("    - 멘토링\n", "    - 멘토링 (2시간)\n", 1)
          .replace("        - 자소서는 두괄식으로\n", "")
          .replace("- 회고\n", "- 회고\n    - 새 줄 하나\n    - 새 줄 둘\n", 1))


def test_lost_response_on_create_makes_no_duplicate(journal):
    journal.write(DAY, SEED)
    journal.fake.fault(match="POST /v1/pages", action="drop")
    out = journal.sync()
    assert "1 created, 0 updated, 0 pulled, 0 merged" in out
    assert journal.markdown(DAY) == _normal(SEED)
    journal.sync()
    assert len(journal.pages()) == 1


def _normal(text: str) -> str:
    from notionlog.convert import normalize

    return normalize(text)


def _fresh(fake, tmp_path, monkeypatch, capsys, name: str) -> Journal:
    """A new database and a new home on the same emulator (one per crash point)."""
    database_id, source_id = make_database(fake)
    monkeypatch.setenv("NOTION_DATABASE_ID", database_id)
    return Journal(fake, tmp_path / name, database_id, source_id, monkeypatch, capsys)


def _requests_of_clean_run(journal: Journal, prepare) -> int:
    prepare(journal)
    journal.fake.clear_requests()
    journal.sync()
    return len(journal.fake.requests())


def _push_new(j: Journal) -> None:
    j.write(DAY, SEED)


def _push_edit(j: Journal) -> None:
    j.write(DAY, SEED)
    j.sync()
    j.write(DAY, EDITED)


@pytest.mark.parametrize("prepare", [_push_new, _push_edit], ids=["create", "update"])
@pytest.mark.parametrize("fault", [{"action": "status", "status": 500}, {"action": "drop"}],
                         ids=["500", "drop"])
def test_a_crash_at_each_request_then_a_rerun_converges(journal, fakenotion, tmp_path, monkeypatch,
                                                        capsys, later, prepare, fault):
    import time

    monkeypatch.setattr(time, "sleep", lambda seconds: None)  # retried GETs need not wait here
    later(300)  # the push's minute has closed: the update sync sends only what the edit needs
    total = _requests_of_clean_run(journal, prepare)
    assert total >= 3
    for k in range(total):
        j = _fresh(fakenotion, tmp_path, monkeypatch, capsys, f"home-{k}")
        prepare(j)
        expected = j.read(DAY)
        fakenotion.fault(match=r"(GET|POST|PATCH|DELETE) /v1/.*", skip=k, times=1, **fault)
        first, out, err = j.run("sync")
        fakenotion.clear_faults()
        assert first in (0, 5), (k, out, err)
        j.sync()
        assert j.read(DAY) == expected, k  # the file is never touched by a failed push
        assert j.markdown(DAY) == _normal(expected), k
        assert len(j.pages()) == 1, k
        assert j.sync() and j.markdown(DAY) == _normal(expected)


def test_429_storm_gets_through(journal):
    journal.write(DAY, SEED)
    journal.write("2021-12-08", "# 둘째 날\n\n- 하나\n")
    journal.fake.fault(match=r"POST /v1/data_sources/.*/query", status=429, times=8, retry_after=0)
    journal.fake.fault(match=r"POST /v1/pages", status=429, times=8, retry_after=0)
    out = journal.sync()
    assert "2 created" in out
    assert len(journal.pages()) == 2
    assert any(r["status"] == 429 for r in journal.fake.requests())


def test_an_interrupted_sync_keeps_what_it_already_read(journal, monkeypatch, later):
    from notionlog.settings import load
    from notionlog.sync import engine, gather

    for day in ("2021-12-01", "2021-12-02", "2021-12-03"):
        journal.write(day, f"# {day}\n\n- 하나\n")
    journal.sync()
    for day in ("2021-12-01", "2021-12-02", "2021-12-03"):  # a person adds a line to each page
        journal.fake.user_append(journal.page_for(day)["id"], [{"paragraph": {"rich_text": [
            {"type": "text", "text": {"content": "폰에서"}}]}}])
    before = {d: r.verified_at for d, r in _rows(journal).items()}
    later(60)
    monkeypatch.setattr(engine, "BATCH", 1)
    real, calls = gather.Reader.fetch, []

    def fetch_then_stop(self, page, row):
        calls.append(page["id"])
        if len(calls) == 3:
            raise KeyboardInterrupt
        return real(self, page, row)

    monkeypatch.setattr(gather.Reader, "fetch", fetch_then_stop)
    with pytest.raises(KeyboardInterrupt):
        engine.sync(load({"NOTIONLOG_HOME": str(journal.home)}))
    after = {d: r.verified_at for d, r in _rows(journal).items()}
    assert sorted(d for d in after if after[d] > before[d]) == ["2021-12-01", "2021-12-02"]


def _rows(journal):
    from notionlog.sync.store import open_store

    store = open_store(journal.home)
    try:
        return store.rows()
    finally:
        store.close()
