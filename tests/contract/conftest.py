"""The ``backend`` fixture: every contract test runs on the emulator, and live with ``pytest -m live``.

Live needs ``NOTIONLOG_LIVE_TOKEN`` (an integration's token) and ``NOTIONLOG_LIVE_PAGE`` (a page shared
with that integration). The run makes one page under it ("notionlog contract <time>"), puts every
test's scratch page inside, and moves that one page to the trash at the end; nothing else is touched.
Without both variables, or without ``-m live``, the live half is skipped with one line saying so.
The variables are read at import: the suite's autouse fixture clears ``NOTION*`` before each test.
"""

from __future__ import annotations

import os

import httpx
import pytest

from .backend import NOTION_URL, Backend, Plan, client_over, run_title, seam

LIVE_TOKEN = os.environ.get("NOTIONLOG_LIVE_TOKEN", "")
LIVE_PAGE = os.environ.get("NOTIONLOG_LIVE_PAGE", "")
# Only to try the live harness itself against a local emulator (``python -m tests.fakenotion``).
LIVE_URL = os.environ.get("NOTIONLOG_LIVE_BASE_URL", NOTION_URL)
HOW = (
    "live contract off: set NOTIONLOG_LIVE_TOKEN and NOTIONLOG_LIVE_PAGE (a page shared with the "
    "integration) and run `pytest tests/contract -m live`"
)
PLANS = {"emulator": Plan(), "live": Plan()}
OFF: list[str] = []  # set when live tests were left out, for the one summary line


def _live_selected(config: pytest.Config) -> bool:
    expression = config.getoption("markexpr") or ""
    return "live" in expression and "not live" not in expression


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Unless the live run is on, leave its tests out (one summary line says how to turn it on)."""
    if LIVE_TOKEN and LIVE_PAGE and _live_selected(config):
        return
    live = [item for item in items if item.get_closest_marker("live")]
    if live:
        OFF.append(HOW)
        config.hook.pytest_deselected(items=live)
        items[:] = [item for item in items if not item.get_closest_marker("live")]


@pytest.fixture(scope="session")
def live_run(request):
    """The live run's container page (trashed at the end) and its paced client."""
    from notionlog.notion.ids import parse_id

    transport = seam(httpx.HTTPTransport(retries=0), live=True)
    client, http = client_over(transport, LIVE_URL, LIVE_TOKEN)
    parent = parse_id(LIVE_PAGE, kind="page")
    container = client.pages.create(
        parent={"page_id": parent}, properties={"title": {"title": [{"text": {"content": run_title()}}]}}
    )
    try:
        yield client, http, transport, container["id"]
    finally:
        client.pages.update(container["id"], in_trash=True)
        http.close()


@pytest.fixture(params=["emulator", pytest.param("live", marks=pytest.mark.live)])
def backend(request):
    plan = PLANS[request.param]
    if request.param == "live":
        client, http, transport, container = request.getfixturevalue("live_run")
        before = transport.sent
        scratch = client.pages.create(
            parent={"page_id": container},
            properties={"title": {"title": [{"text": {"content": request.node.name}}]}},
        )
        live = Backend("live", client, http, LIVE_TOKEN, scratch["id"])
        yield live
        plan.add(live, transport.sent - before)
        return
    fake = request.getfixturevalue("fakenotion")
    transport = seam(httpx.HTTPTransport(retries=0), live=False)
    client, http = client_over(transport, fake.base_url, fake.token)
    scratch = client.pages.create(
        parent={"page_id": fake.root_id},
        properties={"title": {"title": [{"text": {"content": request.node.name}}]}},
    )
    emulated = Backend("emulator", client, http, fake.token, scratch["id"], fake=fake)
    try:
        yield emulated
    finally:
        plan.add(emulated, transport.sent)
        http.close()


def pytest_terminal_summary(terminalreporter) -> None:
    """One line per backend that ran: what the live run costs (the emulator's line is its plan)."""
    for kind, plan in PLANS.items():
        if plan.tests or plan.emulator_only:
            terminalreporter.write_line(plan.summary(kind))
    for line in OFF[:1]:
        terminalreporter.write_line(line)
