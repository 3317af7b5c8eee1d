"""``notionlog doctor``: check, with the user's own token and database, the live facts sync rests on.

Checks, in order (a failed check stops the ones that need it):

* token — ``users.me`` answers (the integration's name);
* database — the configured database is found and shared;
* schema — a title and a ``Date`` date property (``Tags`` multi-select optional);
* write — a scratch page can be made in the database (no ``Date``, so sync ignores it) and trashed;
* clock — the laptop's clock against Notion's (the ``Date`` of Notion's answer);
* content edit — after a minute, does appending a block through the API move the page's
  ``last_edited_time``? (Documented practice says it may not: docs/notion-contract.md.)
* revision mark — does a property update move it, and name the integration as ``last_edited_by``?
  Sync's own mark on every content push relies on this;
* rate limit — the pace configured against Notion's average, and any request that had to be retried.

Nothing is written but the scratch page, which is trashed at the end whatever happens. The two
timestamp checks need Notion's minute-rounded clock to move: ``wait`` sleeps about a minute per check
(``minute_checks=False`` skips them).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from notionlog import notion
from notionlog.errors import NotionError, NotionlogError
from notionlog.notion.model import Database
from notionlog.notion.setup import schema_gaps
from notionlog.notion.times import SKEW
from notionlog.settings import Settings

if TYPE_CHECKING:
    from notionlog.notion.api import NotionAPI

MINUTE_WAIT = 61  # seconds: past the next minute whatever the second hand says
NOTION_AVERAGE_RPS = 3.0  # the request-limits reference: an average of three requests per second
SCRATCH_TITLE = "notionlog doctor scratch page (safe to delete)"


@dataclass
class Finding:
    check: str  # "token", "database", "schema", "write", "clock", "content edit", "revision mark", …
    status: str  # "ok", "warn" (works, with a caveat), "fail", "info" (a fact, neither good nor bad)
    detail: str
    error: NotionlogError | None = None  # a refusal the CLI words with its remedy


@dataclass
class Report:
    findings: list[Finding] = field(default_factory=list)
    requests: int = 0
    retried: int = 0

    def add(self, check: str, status: str, detail: str, error: NotionlogError | None = None) -> None:
        self.findings.append(Finding(check, status, detail, error))

    @property
    def failed(self) -> bool:
        return any(f.status == "fail" for f in self.findings)


@dataclass
class Probe:
    """What the checks need: the API, time, and a way to tell the user that we are waiting."""

    api: NotionAPI
    minute_checks: bool = True
    sleep: Callable[[float], None] = time.sleep
    now: Callable[[], float] = time.time  # this computer's clock, epoch seconds
    notify: Callable[[str], None] = lambda line: None


def diagnose(settings: Settings, probe_options: dict | None = None,
             connect: Callable | None = None) -> Report:
    """Run every check for ``settings``; ``probe_options`` are :class:`Probe` fields (tests: time)."""
    api = (connect or notion.connect)(settings)
    probe = Probe(api, **(probe_options or {}))
    report = Report()
    try:
        _checks(probe, settings, report)
    finally:
        report.requests, report.retried = api.requests_sent, api.requests_retried
        api.close()
    _rate(settings, report)
    return report


def _checks(probe: Probe, settings: Settings, report: Report) -> None:
    api = probe.api
    try:
        me = api.me()
    except NotionError as err:
        return report.add("token", "fail", "refused", err)
    report.add("token", "ok", f"accepted (integration {me.get('name') or me.get('id')!r})")
    if not settings.database_id:
        return report.add("database", "fail", "none configured: run `notionlog init`")
    try:
        db = api.resolve_database(settings.database_id)
    except NotionError as err:
        return report.add("database", "fail", "not reachable", err)
    report.add("database", "ok", f"{db.title or '(untitled)'!r} is shared ({db.database_id})")
    if not _schema(db, report):
        return
    _scratch(probe, db, me.get("id"), report)


def _schema(db: Database, report: Report) -> bool:
    missing, optional, wrong = schema_gaps(db)
    if missing or wrong:
        report.add("schema", "fail", "lacks " + ", ".join(missing + wrong) + ": run `notionlog init --yes`")
        return False
    lacks = {"Tags": "tags will not sync",
             "notionlog": "pushes leave no revision mark, so other machines re-read pushed pages"}
    if optional:
        report.add("schema", "warn", "; ".join(f"no {name} property: {lacks.get(name, 'unused')}"
                                               for name in optional) + " (`notionlog init --yes`)")
    else:
        report.add("schema", "ok", "title, Date, Tags and notionlog properties")
    return True


def _scratch(probe: Probe, db: Database, bot_id: str | None, report: Report) -> None:
    """Make the scratch page, run the checks that need it, and trash it whatever happens."""
    api, title = probe.api, db.title_property or "Name"
    try:
        page = api.new_page(db.data_source_id, _title(title, SCRATCH_TITLE), [_paragraph("first")])
    except NotionError as err:
        return report.add("write", "fail", "could not create a page in the database", err)
    try:
        _clock(probe, page, report)
        if probe.minute_checks:
            _timestamps(probe, page, title, bot_id, report)
    except NotionError as err:
        report.add("timestamps", "fail", "an edit of the scratch page was refused", err)
    finally:
        try:
            api.update_page(page["id"], in_trash=True)
        except NotionError as err:
            report.add("write", "fail", f"scratch page {page['id']} could not be trashed: "
                       "delete it by hand", err)
        else:
            report.add("write", "ok", f"scratch page {page['id']} made and moved to the trash")


def _clock(probe: Probe, page: dict, report: Report) -> None:
    """This computer's clock against Notion's, read just after Notion answered."""
    server, local = probe.api.server_time, probe.now()
    if server is None:
        return report.add("clock", "info", "Notion's answer carried no Date: not compared")
    off = local - server
    if abs(off) <= SKEW:  # what sync's comparisons tolerate
        return report.add("clock", "ok", "within a minute of Notion's")
    side = "ahead of" if off > 0 else "behind"
    report.add("clock", "warn", f"this computer's clock is {abs(off):.0f} s {side} Notion's: "
               "set the system time (NTP)")


def _timestamps(probe: Probe, page: dict, title: str, bot_id: str | None, report: Report) -> None:
    api, start = probe.api, page["last_edited_time"]
    _wait(probe, "a content edit")
    api.append_children(page["id"], [_paragraph("second")])
    after = api.retrieve_page(page["id"])["last_edited_time"]
    moved = after != start
    report.add("content edit", "info", "appending a block through the API "
               + ("moves" if moved else "does not move") + " the page's last_edited_time")
    if moved:
        _wait(probe, "a property edit")
        start = after
    edited = api.update_page(page["id"], properties=_title(title, SCRATCH_TITLE + " ✓"))
    if edited["last_edited_time"] == start:
        return report.add("revision mark", "fail", "a property update did not move last_edited_time: "
                          "other machines' pushes will be seen only by `sync --verify`")
    by = (edited.get("last_edited_by") or {}).get("id")
    status = "ok" if by == bot_id else "warn"
    report.add("revision mark", status, "a property update moves last_edited_time"
               + ("" if status == "ok" else f", but last_edited_by is {by}, not the integration"))


def _rate(settings: Settings, report: Report) -> None:
    pace = (f"{settings.max_rps:g} requests/s configured "
            f"(Notion allows about {NOTION_AVERAGE_RPS:g} on average)")
    if report.retried:
        report.add("rate limit", "warn", f"{pace}; {report.retried} of {report.requests} requests "
                   "were retried (throttled or failing): lower NOTIONLOG_MAX_RPS")
    elif settings.max_rps > NOTION_AVERAGE_RPS:
        report.add("rate limit", "warn", f"{pace}: expect 429s on long syncs; lower NOTIONLOG_MAX_RPS")
    else:
        report.add("rate limit", "ok", f"{pace}; {report.requests} requests, none retried")


def _wait(probe: Probe, what: str) -> None:
    probe.notify(f"waiting {MINUTE_WAIT} s so Notion's minute-rounded clock moves before {what}…")
    probe.sleep(MINUTE_WAIT)


def _title(name: str, text: str) -> dict:
    return {name: {"title": [{"type": "text", "text": {"content": text}}]}}


def _paragraph(text: str) -> dict:
    return {"type": "paragraph", "paragraph": {"rich_text": [{"type": "text", "text": {"content": text}}]}}


