"""A Hypothesis state machine: edits on both sides, faults, syncs -- and after every sync, no line
is lost and no page is duplicated (vdirsyncer's tests/unit/sync/test_sync.py, over a live emulator).

Two homes (two machines) share one database. Every line anyone writes carries a unique token. The
ledger holds the tokens that must survive: after each step each of them is in a file of either
home, in a page, or in Notion's conflict copy beside a file. A sync that ran without a fault and
without conflicts leaves that home's files and the pages equal.
"""

from __future__ import annotations

import re

from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule

from tests.sync.conftest import make_database

DAYS = ["2021-12-07", "2021-12-08"]
TOKEN = re.compile(r"t\d+x")


class SyncMachine(RuleBasedStateMachine):
    fake = None  # the emulator handle, set by the test
    base = None  # a tmp dir for homes

    @initialize()
    def setup(self):
        import os

        from notionlog.settings import load

        database_id, self.source = make_database(self.fake)
        os.environ["NOTION_DATABASE_ID"] = database_id
        SyncMachine.count = getattr(SyncMachine, "count", 0) + 1
        self.homes = [self.base / f"run{SyncMachine.count}" / name for name in ("a", "b")]
        self.settings = [load({"NOTIONLOG_HOME": str(home)}) for home in self.homes]
        self.client = self.fake.client()
        self.ledger: set[str] = set()
        self.n = 0
        self.write_here(DAYS[0], 0)  # start from one synced entry, so Notion-side edits have a page
        self.sync(0)

    def _token(self) -> str:
        self.n += 1
        return f"t{self.n}x"

    def _path(self, day, who=0):
        return self.homes[who] / "entries" / day[:4] / f"{day}.md"

    def _pages(self) -> list[dict]:
        return self.client.data_sources.query(self.source)["results"]

    # -- edits ------------------------------------------------------------------------------------

    def write_here(self, day, who):
        path = self._path(day, who)
        path.parent.mkdir(parents=True, exist_ok=True)
        old = path.read_text(encoding="utf-8") if path.exists() else f"# {day}\n\n"
        token = self._token()
        path.write_text(old + f"- {token}\n", encoding="utf-8")
        self.ledger.add(token)

    def reword_here(self, day, who):
        path = self._path(day, who)
        if not path.exists():
            return
        text = path.read_text(encoding="utf-8")
        found = TOKEN.findall(text)
        if not found:
            return
        new = self._token()
        path.write_text(text.replace(found[0], new, 1), encoding="utf-8")
        self.ledger.discard(found[0])
        self.ledger.add(new)

    def write_in_notion(self, day, who=None):
        pages = [p for p in self._pages() if p["properties"]["Date"]["date"]["start"] == day]
        if not pages:
            return
        token = self._token()
        self.fake.user_append(pages[0]["id"], [{"bulleted_list_item": {"rich_text": [
            {"type": "text", "text": {"content": token}}]}}])  # a person, in the app
        self.ledger.add(token)

    @rule(seconds=st.sampled_from([0, 20, 61, 3600, -30]))
    def time_passes(self, seconds):
        """Time moves for Notion and for the laptop alike (now and then a clock steps back)."""
        import time

        from notionlog.sync import engine

        self.fake.advance_clock(seconds)
        SyncMachine.offset = getattr(SyncMachine, "offset", 0.0) + seconds
        moved = SyncMachine.offset
        engine.now = lambda: time.time() + moved

    # -- rounds: a few edits anywhere, then one home syncs (perhaps with a fault) ----------------

    @rule(edits=st.lists(st.tuples(st.sampled_from(["write_here", "reword_here", "write_in_notion"]),
                                   st.sampled_from(DAYS), st.integers(0, 1)), max_size=3),
          who=st.integers(0, 1),
          fault=st.none() | st.tuples(st.integers(0, 6), st.booleans()))
    def edit_then_sync(self, edits, who, fault):
        for kind, day, editor in edits:
            getattr(self, kind)(day, editor)
        if fault is None:
            self.sync(who)
        else:
            self.sync_with_a_fault(*fault, who)

    def sync(self, who):
        from notionlog.sync.engine import sync

        summary = sync(self.settings[who])
        if not summary.conflicts and not summary.failed and not summary.skipped:
            self._check_equal(who)

    def sync_with_a_fault(self, skip, drop, who):
        from notionlog.errors import NotionlogError
        from notionlog.sync.engine import sync

        fault = {"action": "drop"} if drop else {"action": "status", "status": 500}
        self.fake.fault(match=r"(POST|PATCH|DELETE) /v1/.*", skip=skip, times=1, **fault)
        try:
            sync(self.settings[who])
        except NotionlogError:
            pass  # Notion "went down" mid-sync: what matters is what the next syncs make of it
        finally:
            self.fake.clear_faults()

    @precondition(lambda self: any(h.glob("entries/*/*.notion.md") for h in self.homes))
    @rule()
    def merge_by_hand_and_resolve(self):
        from notionlog.local.journal import parse_date
        from notionlog.sync.overview import resolve

        for who, home in enumerate(self.homes):
            for copy in home.glob("entries/*/*.notion.md"):
                day = copy.name[:10]
                mine = self._path(day, who).read_text(encoding="utf-8")
                extra = [line for line in copy.read_text(encoding="utf-8").splitlines()
                         if TOKEN.search(line) and line not in mine]
                self._path(day, who).write_text(mine + "".join(line + "\n" for line in extra),
                                                encoding="utf-8")
                resolve(self.settings[who], parse_date(day))

    # -- what must always hold --------------------------------------------------------------------

    def _check_equal(self, who):
        from notionlog.convert import normalize
        from notionlog.notion import connect
        from notionlog.sync.sides import render

        api = connect(self.settings[who])
        try:
            for page in self._pages():
                day = page["properties"]["Date"]["date"]["start"]
                local = normalize(self._path(day, who).read_text(encoding="utf-8"))
                assert render(page, api.fetch_blocks(page["id"]), None) == local, day
        finally:
            api.close()

    @invariant()
    def no_duplicate_pages(self):
        if not hasattr(self, "client"):
            return
        days = [p["properties"]["Date"]["date"]["start"] for p in self._pages()]
        assert len(days) == len(set(days)), days

    @invariant()
    def no_line_lost(self):
        if not hasattr(self, "client"):
            return
        seen = set()
        for path in (p for home in self.homes for p in home.glob("entries/*/*.md")):
            seen.update(TOKEN.findall(path.read_text(encoding="utf-8")))
        for page in self._pages():
            for block in self.client.blocks.children.list(page["id"])["results"]:
                body = block.get(block["type"], {})
                seen.update(TOKEN.findall("".join(i["plain_text"] for i in body.get("rich_text", []))))
        lost = self.ledger - seen
        assert not lost, lost


def test_sync_never_loses_a_line_nor_duplicates_a_page(fakenotion, database, tmp_path, monkeypatch):
    import time

    from hypothesis.stateful import run_state_machine_as_test

    from notionlog.sync import engine

    monkeypatch.setattr(time, "sleep", lambda seconds: None)  # retried reads need not wait
    monkeypatch.setattr(engine, "now", engine.now)  # time_passes replaces it; put back after
    monkeypatch.setenv("NOTION_DATABASE_ID", "")  # each example sets its own database
    SyncMachine.fake, SyncMachine.base = fakenotion, tmp_path
    run_state_machine_as_test(SyncMachine, settings=settings(
        max_examples=15, stateful_step_count=10, deadline=None, derandomize=True))
