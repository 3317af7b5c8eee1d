"""Pulling linked pages from the emulator: content, incrementality, local edits, safety."""

from __future__ import annotations

from notionlog.convert import to_blocks, to_markdown
from notionlog.notes import pull_notes

from .conftest import MLOPS_MD, PNG, SEED_ID, image_block

NOTE = "MLOps-ac7132fe.md"


def test_the_seed_link_is_pulled_into_a_matching_note(fakenotion, api, isolated, seed_entry):
    fakenotion.add_page("MLOps", to_blocks(MLOPS_MD).children, id=SEED_ID)
    report = pull_notes(api, isolated, seed_entry)
    note = isolated / "notes" / NOTE
    assert report.pulled == [note] and report.warnings == []
    doc = to_blocks(note.read_text(encoding="utf-8"))
    assert doc.title == "MLOps"
    assert doc.front_matter["notion_id"] == SEED_ID
    assert doc.front_matter["linked_from"] == ["2021-12-07"]
    assert doc.front_matter["url"].endswith("d06d1f9a67534ffdbad20c2fac7132fe")
    assert doc.front_matter["last_edited_time"].endswith(":00.000Z")
    assert to_markdown(doc.children) == to_markdown(to_blocks(MLOPS_MD).children)
    print(note.read_text())


def v1(fakenotion):
    """The /v1 requests since the last clear, as "METHOD path" strings."""
    return [f"{r['method']} {r['path']}" for r in fakenotion.requests()]


def mtimes(home):
    return {p: p.stat().st_mtime_ns for p in home.rglob("*") if p.is_file()}


def test_a_second_pull_without_change_costs_one_retrieve_and_writes_nothing(
        fakenotion, api, isolated, seed_entry, clock):
    fakenotion.add_page("MLOps", to_blocks(MLOPS_MD).children, id=SEED_ID)
    pull_notes(api, isolated, seed_entry, now=clock)
    # The first fetch ran inside the minute Notion rounded the page's time to, so the next pull
    # must look again (an edit later in that minute would carry the same time); it finds nothing
    # new and writes nothing.
    clock.advance(120)
    notes_before = mtimes(isolated / "notes")
    report = pull_notes(api, isolated, seed_entry, now=clock)
    assert report.pulled == [] and report.unchanged == [isolated / "notes" / NOTE]
    assert mtimes(isolated / "notes") == notes_before
    # That fetch was made after the minute: from now on an unchanged page costs one retrieve.
    fakenotion.clear_requests()
    stamps = mtimes(isolated)
    report = pull_notes(api, isolated, seed_entry, now=clock)
    assert v1(fakenotion) == [f"GET /v1/pages/{SEED_ID}"]
    assert report.requests == 1 and report.pulled == [] and report.kept_local == []
    assert mtimes(isolated) == stamps


def emulator_now(fakenotion):
    import datetime

    import httpx

    now = httpx.get(f"{fakenotion.base_url}/_fake/state").json()["now"]
    return datetime.datetime.fromisoformat(now.replace("Z", "+00:00"))


def start_of_a_minute(fakenotion, clock):
    """Move the emulator to a few seconds past a minute and our clock to the same time."""
    import datetime

    now = emulator_now(fakenotion)
    fakenotion.advance_clock(65 - now.second)
    clock.offset = emulator_now(fakenotion) - datetime.datetime.now(datetime.timezone.utc)


def append_paragraph(fakenotion, page_id, text):
    """A person adds a paragraph in the app (an API append need not move the page's timestamp)."""
    fakenotion.user_append(page_id, [{"paragraph": {"rich_text": [{"text": {"content": text}}]}}])


def test_an_edit_in_notion_is_pulled_next_time(fakenotion, api, isolated, seed_entry, clock):
    fakenotion.add_page("MLOps", to_blocks(MLOPS_MD).children, id=SEED_ID)
    pull_notes(api, isolated, seed_entry, now=clock)
    fakenotion.advance_clock(120)
    clock.advance(120)
    append_paragraph(fakenotion, SEED_ID, "4강: 모니터링")
    report = pull_notes(api, isolated, seed_entry, now=clock)
    assert report.pulled == [isolated / "notes" / NOTE]
    assert (isolated / "notes" / NOTE).read_text(encoding="utf-8").endswith("🌸\n\n4강: 모니터링\n")


def test_an_edit_within_the_same_minute_as_the_pull_is_not_missed(fakenotion, api, isolated,
                                                                 seed_entry, clock):
    start_of_a_minute(fakenotion, clock)
    page = fakenotion.add_page("MLOps", to_blocks(MLOPS_MD).children, id=SEED_ID)
    pull_notes(api, isolated, seed_entry, now=clock)
    append_paragraph(fakenotion, SEED_ID, "같은 분에 고친 줄")
    assert api.retrieve_page(SEED_ID)["last_edited_time"] == page["last_edited_time"]  # same minute
    report = pull_notes(api, isolated, seed_entry, now=clock)
    assert report.pulled == [isolated / "notes" / NOTE]
    assert "같은 분에 고친 줄" in (isolated / "notes" / NOTE).read_text(encoding="utf-8")


def test_local_edits_are_kept_beside_the_pulled_copy(fakenotion, api, isolated, seed_entry, clock):
    fakenotion.add_page("MLOps", to_blocks(MLOPS_MD).children, id=SEED_ID)
    pull_notes(api, isolated, seed_entry, now=clock)
    note = isolated / "notes" / NOTE
    mine = note.read_text(encoding="utf-8") + "\n- my own line\n"
    note.write_text(mine, encoding="utf-8")
    clock.advance(120)
    # Notion unchanged: the local edit is left alone (notes are never pushed)
    report = pull_notes(api, isolated, seed_entry, now=clock)
    assert report.pulled == [] and report.kept_local == [] and note.read_text(encoding="utf-8") == mine
    # Notion changed: the pulled copy takes the name, the local one is kept beside it
    fakenotion.advance_clock(120)
    append_paragraph(fakenotion, SEED_ID, "from Notion")
    report = pull_notes(api, isolated, seed_entry, now=clock)
    kept = isolated / "notes" / "MLOps-ac7132fe.local.md"
    assert report.kept_local == [kept] and report.pulled == [note]
    assert kept.read_text(encoding="utf-8") == mine
    assert "from Notion" in note.read_text(encoding="utf-8") and "my own line" not in note.read_text()


def test_a_deleted_note_is_pulled_again(fakenotion, api, isolated, seed_entry, clock):
    fakenotion.add_page("MLOps", to_blocks(MLOPS_MD).children, id=SEED_ID)
    pull_notes(api, isolated, seed_entry, now=clock)
    clock.advance(120)
    pull_notes(api, isolated, seed_entry, now=clock)
    (isolated / "notes" / NOTE).unlink()
    report = pull_notes(api, isolated, seed_entry, now=clock)
    assert report.pulled == [isolated / "notes" / NOTE]


def test_child_pages_and_hosted_images_come_home(fakenotion, api, isolated, seed_entry):
    fakenotion.add_page("MLOps", to_blocks(MLOPS_MD).children + [image_block()], id=SEED_ID)
    child = fakenotion.add_page("1강 🚀", to_blocks("- 전체 강의의 흐름").children, parent_id=SEED_ID)
    grandchild = fakenotion.add_page("Deeper", [], parent_id=child["id"])
    report = pull_notes(api, isolated, seed_entry)
    notes = isolated / "notes"
    child_note = notes / f"1강-🚀-{child['id'].replace('-', '')[-8:]}.md"
    assert sorted(report.pulled) == sorted([notes / NOTE, child_note])
    text = (notes / NOTE).read_text(encoding="utf-8")
    assets = list((notes / "assets").iterdir())
    assert [a.read_bytes() for a in assets] == [PNG]
    assert f"](assets/{assets[0].name})" in text
    assert f"[1강 🚀]({child_note.name})" in text
    child_doc = to_blocks(child_note.read_text(encoding="utf-8"))
    assert child_doc.front_matter["parent"] == NOTE and "linked_from" in child_doc.front_matter
    # depth 1: the grandchild is linked to Notion, not pulled
    assert f"[Deeper](https://www.notion.so/{grandchild['id'].replace('-', '')})" in child_note.read_text()
    index = (notes / "README.md").read_text(encoding="utf-8")
    assert f"- [MLOps]({NOTE}) — linked from [2021-12-07](../entries/2021/2021-12-07.md)" in index
    assert f"    - [1강 🚀]({child_note.name})" in index


def test_depth_zero_pulls_only_the_linked_page(fakenotion, api, isolated, seed_entry):
    fakenotion.add_page("MLOps", [], id=SEED_ID)
    fakenotion.add_page("Child", [], parent_id=SEED_ID)
    report = pull_notes(api, isolated, seed_entry, depth=0)
    assert report.pulled == [isolated / "notes" / NOTE]


HOSTILE = ["../../escape", "/etc/passwd", "..\\..\\win", "CON", "a\x00b\x1b[2J", "x" * 300, ".env",
           "최종 프로젝트 & MLOps 🚀"]


def test_hostile_titles_stay_inside_notes(fakenotion, api, isolated):
    pages = [fakenotion.add_page(title, to_blocks("- body").children) for title in HOSTILE]
    entry = "\n".join(f"- https://www.notion.so/ws/x-{p['id'].replace('-', '')}" for p in pages)
    report = pull_notes(api, isolated, {__import__("datetime").date(2021, 12, 8): entry})
    assert len(report.pulled) == len(HOSTILE) and report.warnings == []
    written = [p for p in isolated.rglob("*") if p.is_file()]
    notes = isolated / "notes"
    assert all(p.parent in (notes, isolated / ".notionlog") for p in written)
    assert not (isolated / ".env").exists() and not (isolated.parent / "escape").exists()
    assert any(p.name.startswith("최종-프로젝트-MLOps-🚀-") for p in written)


def test_an_unshared_page_warns_and_the_rest_is_pulled(fakenotion, api, isolated, seed_entry):
    import datetime

    fakenotion.add_page("MLOps", [], id=SEED_ID)
    hidden = fakenotion.add_page("Private", [], shared=False)
    entries = {**seed_entry, datetime.date(2021, 12, 8): f"- https://app.notion.com/p/{hidden['id']}"}
    report = pull_notes(api, isolated, entries)
    assert report.pulled == [isolated / "notes" / NOTE]
    assert len(report.warnings) == 1
    assert hidden["id"] in report.warnings[0] and "2021-12-08" in report.warnings[0]
    assert "Connections" in report.warnings[0]


def test_a_linked_database_is_noted_not_crawled(fakenotion, api, isolated):
    import datetime

    view = "https://www.notion.so/ws/0f3a9b6c2d1e4f5a8b7c6d5e4f3a2b1c?v=393abc1eedcd81c3a7e3f719e1e1ec4b"
    fakenotion.clear_requests()
    report = pull_notes(api, isolated, {datetime.date(2021, 12, 9): f"see {view}"})
    assert report.pulled == [] and v1(fakenotion) == []
    assert len(report.warnings) == 1 and "database" in report.warnings[0]


def test_pull_costs_one_retrieve_plus_one_listing_per_block_with_children(fakenotion, api, isolated,
                                                                         seed_entry):
    nested = [{"type": "bulleted_list_item", "bulleted_list_item": {
        "rich_text": [{"text": {"content": f"item {i}"}}],
        "children": [{"type": "paragraph", "paragraph": {"rich_text": [{"text": {"content": "x"}}]}}]
                    * (120 if i == 0 else 2)}} for i in range(30)]
    flat = [{"type": "paragraph", "paragraph": {"rich_text": [{"text": {"content": f"p{i}"}}]}}
            for i in range(220)]
    fakenotion.add_page("MLOps", nested + flat, id=SEED_ID)  # 250 top-level blocks, 30 with children
    fakenotion.clear_requests()
    pull_notes(api, isolated, seed_entry)
    sent = v1(fakenotion)
    assert sent[0] == f"GET /v1/pages/{SEED_ID}"
    listings = [r for r in sent[1:] if r.endswith("/children")]
    # top level: 250 blocks = 3 pages of 100; the first item's 120 children = 2 pages; 29 others = 1
    assert len(listings) == len(sent) - 1 == 3 + 2 + 29
    text = (isolated / "notes" / NOTE).read_text(encoding="utf-8")
    assert "p219" in text and text.count("    x") == 120 + 29 * 2


def test_a_trashed_page_leaves_its_note_alone(fakenotion, api, isolated, seed_entry, clock):
    fakenotion.add_page("MLOps", to_blocks(MLOPS_MD).children, id=SEED_ID)
    pull_notes(api, isolated, seed_entry, now=clock)
    before = (isolated / "notes" / NOTE).read_text(encoding="utf-8")
    fakenotion.client().pages.update(page_id=SEED_ID, in_trash=True)
    report = pull_notes(api, isolated, seed_entry, now=clock)
    assert report.pulled == [] and len(report.warnings) == 1 and "trash" in report.warnings[0]
    assert (isolated / "notes" / NOTE).read_text(encoding="utf-8") == before


class DatabaseIds:
    """A NotionAPI stand-in whose pages are all databases, answering as Notion does (400)."""

    requests_sent = 0

    def retrieve_page(self, page_id):
        from notionlog.errors import NotionRejected

        self.requests_sent += 1
        raise NotionRejected(400, "validation_error", f"Provided ID {page_id} is a database, not a page. "
                                                      "Use the retrieve database API instead.")


def test_a_database_id_without_a_view_is_noted_too(isolated):
    import datetime

    report = pull_notes(DatabaseIds(), isolated, {datetime.date(2021, 12, 9): f"https://notion.so/{SEED_ID}"})
    assert report.requests == 1 and report.pulled == []
    assert report.warnings == [f"linked database {SEED_ID} (linked from 2021-12-09) was noted, not pulled"
                               " — notes pulls pages; link the pages you want instead"]


def test_two_pages_with_the_same_short_name_get_distinct_files(isolated):
    from notionlog.notes.pull import Puller

    puller = Puller(None, isolated)
    first = puller._name_for("aaaaaaaa-0000-0000-0000-0000ac7132fe", "MLOps")
    second = puller._name_for("bbbbbbbb-0000-0000-0000-0000ac7132fe", "MLOps")
    assert first == NOTE and second == "MLOps-bbbbbbbb0000000000000000ac7132fe.md"
    assert puller._name_for("aaaaaaaa-0000-0000-0000-0000ac7132fe", "Renamed") == NOTE  # names are stable


def test_notion_failing_midway_keeps_what_was_pulled(fakenotion, api, isolated, seed_entry):
    import datetime

    import pytest

    from notionlog.errors import NotionUnavailable
    from notionlog.notes import state

    fakenotion.add_page("MLOps", [], id=SEED_ID)
    other = fakenotion.add_page("Other", [])
    entries = {**seed_entry, datetime.date(2021, 12, 8): f"https://notion.so/{other['id']}"}
    fakenotion.fault(f"GET /v1/pages/{other['id']}", status=503, times=20)
    with pytest.raises(NotionUnavailable):
        pull_notes(api, isolated, entries)
    assert list(state.load(isolated)) == [SEED_ID]
    assert f"[MLOps]({NOTE})" in (isolated / "notes" / "README.md").read_text(encoding="utf-8")


def test_a_note_symlinked_outside_the_home_is_not_written_through(fakenotion, api, isolated, seed_entry):
    fakenotion.add_page("MLOps", to_blocks(MLOPS_MD).children, id=SEED_ID)
    outside = isolated.parent / "precious.txt"
    outside.write_text("keep me", encoding="utf-8")
    (isolated / "notes").mkdir(parents=True)
    (isolated / "notes" / NOTE).symlink_to(outside)
    report = pull_notes(api, isolated, seed_entry)
    assert outside.read_text(encoding="utf-8") == "keep me"
    assert report.pulled == [] and len(report.warnings) == 1 and "outside notes/" in report.warnings[0]


def test_the_sync_step_pulls_and_reports_into_the_sync_summary(fakenotion, api, isolated, seed_entry):
    from types import SimpleNamespace

    from notionlog import settings
    from notionlog.notes import sync_step

    hidden = fakenotion.add_page("Private", [], shared=False)
    fakenotion.add_page("MLOps", [], id=SEED_ID)
    entries = {**seed_entry, __import__("datetime").date(2021, 12, 8): f"https://notion.so/{hidden['id']}"}
    summary = SimpleNamespace(warnings=[])
    context = SimpleNamespace(api=api, home=isolated, settings=settings.load(), summary=summary,
                              entries=entries)
    report = sync_step(context)
    assert report.pulled == [isolated / "notes" / NOTE]
    assert len(summary.warnings) == 1 and summary.warnings[0].startswith(f"notes: linked page {hidden['id']}")


def test_links_to_other_journal_entries_are_not_notes(fakenotion, api, isolated, seed_entry):
    import datetime

    client = fakenotion.client()
    journal = client.databases.create(
        parent={"type": "page_id", "page_id": fakenotion.root_id}, title=[{"text": {"content": "Journal"}}],
        initial_data_source={"properties": {"Name": {"type": "title", "title": {}},
                                            "Date": {"type": "date", "date": {}}}})
    source = journal["data_sources"][0]["id"]
    day = client.pages.create(parent={"data_source_id": source},
                              properties={"Name": {"title": [{"text": {"content": "어제"}}]},
                                          "Date": {"date": {"start": "2021-12-06"}}})
    fakenotion.add_page("MLOps", [], id=SEED_ID)
    entries = {**seed_entry, datetime.date(2021, 12, 8): f"see {day['url']}"}
    report = pull_notes(api, isolated, entries, journal_database=journal["url"])
    assert report.pulled == [isolated / "notes" / NOTE] and report.warnings == []
    # without knowing the journal's database, the linked day is just another page
    other_home = isolated.parent / "other"
    assert len(pull_notes(api, other_home, entries).pulled) == 2


def test_refresh_fetches_a_page_notion_reports_unchanged(fakenotion, api, isolated, seed_entry, clock):
    fakenotion.configure(bump_on_content_edit=False)  # an API edit that does not move the timestamp
    fakenotion.add_page("MLOps", to_blocks(MLOPS_MD).children, id=SEED_ID)
    clock.advance(180)
    pull_notes(api, isolated, seed_entry, now=clock)
    append_paragraph(fakenotion, SEED_ID, "silent edit")
    assert pull_notes(api, isolated, seed_entry, now=clock).pulled == []  # invisible to the timestamp
    report = pull_notes(api, isolated, seed_entry, now=clock, refresh=True)
    assert report.pulled == [isolated / "notes" / NOTE]
    assert "silent edit" in (isolated / "notes" / NOTE).read_text(encoding="utf-8")


def test_a_journal_without_links_gets_no_notes_and_sends_nothing(fakenotion, api, isolated):
    import datetime

    fakenotion.clear_requests()
    report = pull_notes(api, isolated, {datetime.date(2021, 12, 7): "# 오늘\n\n- https://example.com/x\n"})
    assert report == type(report)() and v1(fakenotion) == []
    assert not isolated.exists() or not any(isolated.rglob("*"))


def test_pull_home_closes_its_connection_even_when_the_pull_fails(fakenotion, isolated, monkeypatch):
    import pytest

    import notionlog.notes as notes
    import notionlog.notion as notion
    from notionlog import settings

    opened = []

    def connect(conf):
        opened.append(real_connect(conf))
        return opened[-1]

    def broken_pull(api, *args, **kwargs):
        api.me()  # the connection works until the pull fails
        raise RuntimeError("pull failed")

    real_connect = notion.connect
    monkeypatch.setattr(notion, "connect", connect)
    monkeypatch.setattr(notes, "pull_notes", broken_pull)
    conf = settings.load({"NOTION_TOKEN": fakenotion.token, "NOTION_BASE_URL": fakenotion.base_url})
    with pytest.raises(RuntimeError):
        notes.pull_home(conf)
    assert len(opened) == 1 and opened[0].client.client.is_closed
