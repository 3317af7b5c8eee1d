"""A journal home wired to a live emulator, driven through the real CLI (``notionlog.cli.main``)."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

SEED = (Path(__file__).resolve().parents[1] / "data" / "20211207-seed-entry.md").read_text(
    encoding="utf-8")


def text(content: str) -> list[dict]:
    return [{"type": "text", "text": {"content": content}}]


class Journal:
    """One journal home syncing with the emulator's database (several may share one database)."""

    def __init__(self, fake, home: Path, database_id: str, data_source_id: str, monkeypatch,
                 capsys) -> None:
        self.fake, self.home = fake, home
        self.database_id, self.data_source_id = database_id, data_source_id
        self._monkeypatch, self._capsys = monkeypatch, capsys

    # -- the CLI --------------------------------------------------------------------------------

    def run(self, *args: str) -> tuple[int, str, str]:
        """Run ``notionlog --home HOME ARGS``; returns (exit status, stdout, stderr)."""
        from notionlog.cli import main

        self._capsys.readouterr()
        with pytest.raises(SystemExit) as exited:
            main(["--home", str(self.home), *args])
        out, err = self._capsys.readouterr()
        return exited.value.code, out, err

    def sync(self, *args: str, expect: int = 0) -> str:
        code, out, err = self.run("sync", *args)
        assert code == expect, (out, err)
        return out + err

    # -- files ----------------------------------------------------------------------------------

    def path(self, day: str) -> Path:
        return self.home / "entries" / day[:4] / f"{day}.md"

    def write(self, day: str, content: str) -> Path:
        path = self.path(day)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")
        return path

    def read(self, day: str) -> str:
        return self.path(day).read_text(encoding="utf-8")

    # -- Notion, as a user would see it ---------------------------------------------------------

    def pages(self) -> list[dict]:
        """Every live page of the database."""
        client = self.fake.client()
        results, cursor = [], None
        while True:
            body = {"start_cursor": cursor} if cursor else {}
            answer = client.data_sources.query(self.data_source_id, **body)
            results += answer["results"]
            if not answer["has_more"]:
                return results
            cursor = answer["next_cursor"]

    def page_for(self, day: str) -> dict:
        found = [p for p in self.pages() if p["properties"]["Date"]["date"]["start"][:10] == day]
        assert len(found) == 1, f"{len(found)} pages for {day}"
        return found[0]

    def markdown(self, day: str) -> str:
        """The page rendered the way sync renders it (title, tags, body)."""
        from notionlog.notion import connect
        from notionlog.settings import load
        from notionlog.sync.sides import render

        page = self.page_for(day)
        api = connect(load())
        try:
            return render(page, api.fetch_blocks(page["id"]), None)
        finally:
            api.close()

    def edit_in_notion(self, day: str, old: str, new: str) -> None:
        """A person changes the text of the line reading ``old`` in the Notion app (an app edit
        moves the page's time and editor; an API edit need not)."""
        client = self.fake.client()

        def walk(block_id: str) -> bool:
            for block in client.blocks.children.list(block_id)["results"]:
                body = block[block["type"]]
                if "".join(i["plain_text"] for i in body.get("rich_text", [])) == old:
                    self.fake.user_turn_into(block["id"], {block["type"]: {"rich_text": text(new)}})
                    return True
                if block["has_children"] and walk(block["id"]):
                    return True
            return False

        assert walk(self.page_for(day)["id"]), old

    def blocks(self, page_id: str) -> list[dict]:
        client = self.fake.client()
        return client.blocks.children.list(page_id)["results"]

    def writes(self) -> list[dict]:
        """Requests that changed something (anything but GET and the read-only query)."""
        return [r for r in self.fake.requests()
                if r["method"] != "GET" and not r["path"].endswith("/query")]


def make_database(fake) -> tuple[str, str]:
    client = fake.client()
    db = client.databases.create(
        parent={"type": "page_id", "page_id": fake.root_id},
        title=text("Journal"),
        initial_data_source={"properties": {
            "Name": {"title": {}}, "Date": {"date": {}}, "Tags": {"multi_select": {}},
            "notionlog": {"rich_text": {}}}},
    )
    return db["id"], db["data_sources"][0]["id"]


@pytest.fixture
def database(fakenotion, monkeypatch):
    database_id, source_id = make_database(fakenotion)
    fakenotion.clear_requests()
    monkeypatch.setenv("NOTION_TOKEN", fakenotion.token)
    monkeypatch.setenv("NOTION_DATABASE_ID", database_id)
    monkeypatch.setenv("NOTION_BASE_URL", fakenotion.base_url)
    monkeypatch.setenv("NOTIONLOG_MAX_RPS", "1000")
    return database_id, source_id


@pytest.fixture(autouse=True)
def entries_only(monkeypatch):
    """These tests count and check the entries' own requests: linked notes (tests/notes, and
    test_sync_pulls_linked_notes) are left out of them."""
    from notionlog.sync import engine

    monkeypatch.setattr(engine, "POST_SYNC_STEPS", [])


@pytest.fixture
def journal(fakenotion, database, isolated, monkeypatch, capsys) -> Journal:
    return Journal(fakenotion, isolated, *database, monkeypatch, capsys)


@pytest.fixture
def other_journal(fakenotion, database, tmp_path, monkeypatch, capsys) -> Journal:
    """A second home (another machine) on the same database."""
    return Journal(fakenotion, tmp_path / "home2", *database, monkeypatch, capsys)


@pytest.fixture
def later(fakenotion, monkeypatch):
    """Let ``seconds`` pass for Notion (the emulator's clock) and for us (the engine's clock).

    Cumulative, as for a user whose syncs are minutes or hours apart; negative moves too.
    """
    import time

    from notionlog.sync import engine

    offset = [0.0]

    def shift(seconds: float) -> None:
        offset[0] += seconds
        fakenotion.advance_clock(seconds)
        moved = offset[0]
        monkeypatch.setattr(engine, "now", lambda: time.time() + moved)

    return shift


TODAY = datetime.date(2021, 12, 7).isoformat()
