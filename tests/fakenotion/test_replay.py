"""Replay every recorded exchange in tests/fakenotion/recorded/ against the emulator.

Each file is a scenario recorded against api.notion.com (notion-version 2025-09-03). We send the
same requests in order — ids remapped to the objects the emulator created (the recorded root page →
our root page) — and compare each answer with the recorded one: same status, and recursively the
same keys and the same JSON value types (null vs string vs object matters). Values themselves
(ids, timestamps, request ids) naturally differ.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import httpx
import pytest

# A copy of the recorded exchanges kept in the repo so the replay runs from a plain checkout.
RECORDED = Path(__file__).parent / "recorded"
RECORDED_ROOT = "393abc1e-edcd-80f3-813b-e205934558c6"
ID = re.compile(r"[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}")
FILES = sorted(RECORDED.glob("*.json"))


def dashed(ident: str) -> str:
    c = ident.replace("-", "")
    return f"{c[:8]}-{c[8:12]}-{c[12:16]}-{c[16:20]}-{c[20:]}"


class IdMap:
    """Recorded id → emulator id, learned from the responses as the scenario goes."""

    def __init__(self, root: str) -> None:
        self.known = {RECORDED_ROOT: root}

    def text(self, value: str) -> str:
        return ID.sub(lambda m: self.known.get(dashed(m.group(0)), m.group(0)), value)

    def rewrite(self, value):
        if isinstance(value, str):
            return self.text(value)
        if isinstance(value, list):
            return [self.rewrite(v) for v in value]
        if isinstance(value, dict):
            return {k: self.rewrite(v) for k, v in value.items()}
        return value

    def learn(self, recorded, ours) -> None:
        if isinstance(recorded, str) and isinstance(ours, str):
            if ID.fullmatch(recorded) and ID.fullmatch(ours):
                self.known.setdefault(dashed(recorded), ours)
        elif isinstance(recorded, dict) and isinstance(ours, dict):
            for key in recorded.keys() & ours.keys():
                if key != "request_id":
                    self.learn(recorded[key], ours[key])
        elif isinstance(recorded, list) and isinstance(ours, list):
            for r, o in zip(recorded, ours, strict=False):
                self.learn(r, o)


def shape_differences(recorded, ours, where: str = "$") -> list[str]:
    """Every place where keys or JSON value types differ (recursively)."""
    if type(recorded) is not type(ours) and not (
        isinstance(recorded, (int, float)) and isinstance(ours, (int, float)) and not isinstance(ours, bool)
    ):
        return [f"{where}: recorded {type(recorded).__name__}, emulator {type(ours).__name__}"]
    if isinstance(recorded, dict):
        problems = (
            [f"{where}: keys {sorted(recorded.keys() ^ ours.keys())} differ"]
            if recorded.keys() != ours.keys()
            else []
        )
        for key in recorded.keys() & ours.keys():
            problems += shape_differences(recorded[key], ours[key], f"{where}.{key}")
        return problems
    if isinstance(recorded, list):
        if len(recorded) != len(ours):
            return [f"{where}: {len(recorded)} items recorded, {len(ours)} from the emulator"]
        return [
            p
            for i, (r, o) in enumerate(zip(recorded, ours, strict=True))
            for p in shape_differences(r, o, f"{where}[{i}]")
        ]
    return []


def send(http: httpx.Client, exchange: dict, ids: IdMap, token: str) -> httpx.Response:
    headers = {"Notion-Version": exchange["notion_version"]}
    headers["Authorization"] = "Bearer invalid-token" if exchange["status"] == 401 else f"Bearer {token}"
    path = ids.text(exchange["path"])
    query = ids.text(exchange["query"]) if exchange.get("query") else None
    body = ids.rewrite(exchange["request"])
    url = f"{path}?{query}" if query else path
    return http.request(exchange["method"], url, headers=headers, json=body if body is not None else None)


@pytest.mark.parametrize("recording", FILES, ids=[f.stem for f in FILES])
def test_replay_matches_recorded_shapes(fakenotion, recording):
    exchanges = json.loads(recording.read_text())
    ids = IdMap(fakenotion.root_id)
    with httpx.Client(base_url=fakenotion.base_url, verify=False) as http:
        for step, exchange in enumerate(exchanges):
            response = send(http, exchange, ids, fakenotion.token)
            label = f"{recording.stem} step {step}: {exchange['method']} {exchange['path']}"
            assert response.status_code == exchange["status"], f"{label}: {response.text}"
            ours = (
                response.json()
                if response.headers["content-type"].startswith("application/json")
                else response.text
            )
            assert shape_differences(exchange["response"], ours) == [], label
            ids.learn(exchange["response"], ours)


def test_replay_covers_every_recording():
    assert len(FILES) >= 30, f"expected the shared recordings at {RECORDED}"


def test_shape_comparison_catches_missing_keys_and_type_changes():
    recorded = {"icon": None, "results": [{"a": 1, "b": "x"}], "has_more": False}
    assert (
        shape_differences(recorded, {"icon": None, "results": [{"a": 2, "b": "y"}], "has_more": True}) == []
    )
    changed = {"icon": {}, "results": [{"a": 1}], "has_more": False}
    assert sorted(shape_differences(recorded, changed)) == [
        "$.icon: recorded NoneType, emulator dict",
        "$.results[0]: keys ['b'] differ",
    ]
    assert shape_differences([1, 2], [1]) == ["$: 2 items recorded, 1 from the emulator"]
