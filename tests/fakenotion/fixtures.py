"""pytest fixtures for the emulator: ``fakenotion`` (a live server per test) and ``fakenotion_app``.

The handle's methods go through the ``/_fake/`` control surface over HTTP, so every test that uses
them also exercises it. Typical use::

    def test_push(fakenotion, monkeypatch):
        monkeypatch.setenv("NOTION_BASE_URL", fakenotion.base_url)
        monkeypatch.setenv("NOTION_TOKEN", fakenotion.token)
        page = fakenotion.add_page("MLOps", children=[{"paragraph": {"rich_text": [...]}}])
        fakenotion.fault(r"PATCH /v1/blocks/.*/children", action="drop")
        ...
        assert [r["method"] for r in fakenotion.requests()] == [...]
"""

from __future__ import annotations

import functools
import logging

import pytest

from .app import FakeNotion
from .server import FakeServer, transport

TOKEN = "ntn_test_token"


@functools.cache
def _tls():
    """One shared SSL context. The emulator is plain HTTP, but httpx builds a TLS context for every
    client it makes, which costs 50-90 ms (it loads the CA certificates) — per test, that adds up."""
    import ssl

    return ssl.create_default_context()


class FakeNotionHandle:
    """What a test holds: the server's address, the root page, a token and control methods."""

    def __init__(self, base_url: str, app: FakeNotion) -> None:
        import httpx

        self.base_url = base_url
        self.app = app  # direct access for white-box conformance tests; prefer the methods below
        self.token = TOKEN
        self._http = httpx.Client(base_url=base_url, timeout=10, verify=_tls())
        self.root_id = self._call("GET", "/_fake/state")["root_id"]

    def _call(self, method: str, path: str, json: object = None) -> object:
        response = self._http.request(method, path, json=json)
        if response.status_code != 200:
            raise AssertionError(
                f"fakenotion control {method} {path}: {response.status_code} {response.text}"
            )
        return response.json()

    def requests(self) -> list[dict]:
        """``[{"method", "path", "status"}, …]`` of /v1 requests since start or the last clear."""
        return self._call("GET", "/_fake/requests")

    def clear_requests(self) -> None:
        self._call("DELETE", "/_fake/requests")

    def fault(
        self,
        match: str,
        action: str = "status",
        status: int = 429,
        skip: int = 0,
        times: int = 1,
        retry_after: int | None = 0,
        delay_ms: int = 0,
        **answer: object,
    ) -> None:
        """Arm a fault on requests whose ``"<METHOD> <path>"`` fully matches the regex ``match``;
        ``answer`` may give ``code``, ``message``, ``additional_data`` or ``preset="block_limit"``."""
        self._call(
            "POST",
            "/_fake/faults",
            {
                "match": match,
                "action": action,
                "status": status,
                "skip": skip,
                "times": times,
                "retry_after": retry_after,
                "delay_ms": delay_ms,
                **answer,
            },
        )

    def clear_faults(self) -> None:
        self._call("DELETE", "/_fake/faults")

    def add_page(
        self,
        title: str,
        children: list | None = None,
        parent_id: str | None = None,
        id: str | None = None,
        shared: bool = True,
    ) -> dict:  # noqa: A002 - the brief's name
        """Create a page with content directly (no API limits); returns the page object."""
        body = {"title": title, "children": children or [], "shared": shared}
        if parent_id:
            body["parent_id"] = parent_id
        if id:
            body["id"] = id
        return self._call("POST", "/_fake/pages", body)

    def user_append(self, parent_id: str, children: list, after: str | None = None) -> list[dict]:
        """Add blocks (any depth, no API limits) as a person would in the app; returns the new top level."""
        body = {"parent_id": parent_id, "children": children, "after": after}
        return self._call("POST", "/_fake/user/append", body)["results"]

    def user_turn_into(self, block_id: str, block: dict) -> dict:
        """ "Turn into" in the app: new type and content (request shape), same id, children kept."""
        return self._call("POST", "/_fake/user/turn_into", {"block_id": block_id, "block": block})

    def user_move(self, block_id: str, parent_id: str, after: str | None = None) -> dict:
        """Drag a block under ``parent_id`` (after block ``after``, else at the end)."""
        return self._call(
            "POST", "/_fake/user/move", {"block_id": block_id, "parent_id": parent_id, "after": after}
        )

    def user_trash(self, ident: str, in_trash: bool = True) -> dict:
        """Delete (or restore) a block or page in the app, as a person."""
        return self._call("POST", "/_fake/user/trash", {"id": ident, "in_trash": in_trash})

    def user_properties(self, page_id: str, properties: dict) -> dict:
        """Edit a page's properties in the app (request-shape values), as a person."""
        return self._call("POST", "/_fake/user/properties", {"page_id": page_id, "properties": properties})

    def advance_clock(self, seconds: float) -> str:
        """Shift the emulator's clock (e.g. 60 s so minute-rounded timestamps move; negative goes back);
        returns the minute."""
        return self._call("POST", "/_fake/clock", {"advance_seconds": seconds})["minute"]

    def configure(self, **settings: object) -> dict:
        """``bump_on_content_edit``, ``latency_ms``, ``rate_limit`` (requests/s, or None to disable),
        ``page_cap`` (list pages shorter than asked, as Notion may answer; None to disable),
        ``search_lag_seconds`` (search sees a change only that long after it, as Notion's lags)."""
        return self._call("POST", "/_fake/config", settings)

    def client(self, **options: object):
        """A ``notion_client.Client`` on this server (retries off unless ``retry=`` is given)."""
        import httpx
        from notion_client import Client

        options.setdefault("retry", False)
        options.setdefault("log_level", logging.CRITICAL)  # the SDK logs every refusal tests provoke
        options.setdefault("client", httpx.Client(verify=_tls()))
        return Client(auth=self.token, base_url=self.base_url, **options)

    def inprocess_client(self, **options: object):
        """A ``notion_client.Client`` running the same app in-process (httpx WSGI transport, no socket)."""
        import httpx
        from notion_client import Client

        options.setdefault("retry", False)
        return Client(
            client=httpx.Client(transport=transport(self.app)),
            auth=self.token,
            base_url=self.base_url,
            **options,
        )

    def close(self) -> None:
        self._http.close()


@pytest.fixture
def fakenotion():
    """A live emulator on 127.0.0.1 with fresh state for this test."""
    server = FakeServer()
    handle = FakeNotionHandle(server.base_url, server.app)
    try:
        yield handle
    finally:
        handle.close()
        server.close()


@pytest.fixture
def fakenotion_app():
    """The emulator as a WSGI app only (no socket): use ``transport(app)`` with httpx."""
    return FakeNotion()
