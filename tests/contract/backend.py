"""The small interface every contract test is written against, and its two implementations.

A :class:`Backend` gives a notion-client ``Client``, a scratch page of the test's own (everything the
test makes goes under it), a way to let a minute pass (minute-rounded timestamps move only then), a
raw HTTP door for requests the SDK will not send, and ``emulator(reason)`` for the checks only the
emulator can make (app edits, injected faults): live, that call skips the test with the reason.

Every request goes through notionlog's own HTTP seam (``notionlog.notion.transport``), so requests
are counted the same way on both backends; live, the seam also paces them under Notion's rate limit
and honours ``Retry-After``. :class:`Plan` adds up what a run cost, so an emulator run tells what the
live run will cost before anyone makes it.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any

import httpx
import pytest
from notion_client import Client

from notionlog.notion.transport import Pacer, SeamTransport

NOTION_URL = "https://api.notion.com"
VERSION = "2025-09-03"
LIVE_RATE = 2.5  # requests per second: under Notion's documented average of three
MINUTE_WAIT = 61.0  # live: seconds to sleep so that a minute-rounded timestamp must move
RUN_OVERHEAD = 2  # live: the run's own page, made at the start and trashed at the end
EVENTUALLY = 20.0  # live: seconds to keep polling an eventually consistent answer (search)
SCHEMA = {"Name": {"title": {}}, "Date": {"date": {}}, "Tags": {"multi_select": {}}}


@dataclass
class Plan:
    """What the contract tests that can run live cost: requests sent, seconds waited on purpose."""

    requests: int = 0
    waits: float = 0.0
    tests: int = 0
    emulator_only: int = 0

    def add(self, backend: Backend, requests: int) -> None:
        if backend.emulator_only:
            self.emulator_only += 1
            return
        self.tests += 1
        self.requests += requests
        self.waits += backend.waits

    def live_requests(self) -> int:
        return self.requests + RUN_OVERHEAD if self.tests else 0

    def live_seconds(self) -> float:
        return self.live_requests() / LIVE_RATE + self.waits

    def summary(self, kind: str) -> str:
        skipped = f" ({self.emulator_only} emulator-only not counted)" if self.emulator_only else ""
        return (
            f"contract on {kind}: {self.tests} tests that run live{skipped}: "
            f"{self.live_requests()} requests, {self.waits:.0f} s of deliberate waits; "
            f"live at {LIVE_RATE} req/s ≈ {self.live_seconds() / 60:.1f} min"
        )


@dataclass
class Backend:
    kind: str  # "emulator" or "live"
    client: Client
    http: httpx.Client  # raw requests, base URL set, through the same seam
    token: str = field(repr=False)  # never in an assertion's report: live output is shared
    parent_id: str  # the test's own scratch page
    fake: Any = None  # the emulator's control handle (tests.fakenotion.fixtures), emulator only
    waits: float = 0.0  # seconds this test waited on purpose (live) or would have (emulator)
    emulator_only: bool = False

    # --- what tests build ----------------------------------------------------------------------
    def page(self, title: str = "scratch", children: list | None = None) -> dict:
        """A page under the test's scratch page."""
        properties = {"title": {"title": [{"text": {"content": title}}]}}
        return self.client.pages.create(
            parent={"page_id": self.parent_id}, properties=properties, children=children or []
        )

    def data_source(self, properties: dict | None = None) -> str:
        """A journal-like database (Name, Date, Tags) under the scratch page; its data source id."""
        db = self.client.databases.create(
            parent={"type": "page_id", "page_id": self.parent_id},
            title=[{"text": {"content": "contract journal"}}],
            initial_data_source={"properties": properties or SCHEMA},
        )
        return db["data_sources"][0]["id"]

    def bot_id(self) -> str:
        return self.client.users.me()["id"]

    # --- time and consistency ------------------------------------------------------------------
    def next_minute(self) -> None:
        """Let Notion's minute-rounded clock move on."""
        self.pause(MINUTE_WAIT)

    def pause(self, seconds: float) -> None:
        """Let time pass: the emulator's clock jumps, live sleeps (counted in the plan either way)."""
        self.waits += seconds
        if self.fake is not None:
            self.fake.advance_clock(seconds)
        else:
            time.sleep(seconds)

    def eventually(self, check: Callable[[], bool]) -> bool:
        """``check()`` until true; live polls for a while (search is eventually consistent)."""
        deadline = time.monotonic() + (EVENTUALLY if self.fake is None else 0)
        while True:
            if check():
                return True
            if time.monotonic() >= deadline:
                return False
            self.waits += 2
            time.sleep(2)

    def emulator(self, reason: str) -> Any:
        """The emulator's control handle; live, skip: ``reason`` says why this cannot run there."""
        self.emulator_only = True
        if self.fake is None:
            pytest.skip(f"emulator-only: {reason}")
        return self.fake

    # --- raw HTTP ------------------------------------------------------------------------------
    def raw(
        self,
        method: str,
        path: str,
        *,
        token: str | None = None,
        version: str | None = VERSION,
        json: object = None,
    ) -> httpx.Response:
        headers = {"Authorization": f"Bearer {token or self.token}"}
        if version:
            headers["Notion-Version"] = version
        return self.http.request(method, path, headers=headers, json=json)


def seam(inner: httpx.BaseTransport, live: bool) -> SeamTransport:
    """notionlog's seam: live paced and retrying on 429/529; on the emulator neither, so injected
    faults reach the test."""
    if live:
        return SeamTransport(inner, Pacer(LIVE_RATE))
    return SeamTransport(inner, None, max_retries=0)


def client_over(transport: SeamTransport, base_url: str, token: str) -> tuple[Client, httpx.Client]:
    sdk = Client(
        auth=token,
        base_url=base_url,
        notion_version=VERSION,
        retry=False,
        log_level=logging.CRITICAL,  # refusals are what the tests provoke; no request logs
        client=httpx.Client(transport=transport, timeout=60),
    )
    return sdk, httpx.Client(transport=transport, base_url=base_url, timeout=60)


def run_title() -> str:
    return "notionlog contract " + datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M:%S UTC")
