"""Conformance: ``python -m tests.fakenotion`` prints one banner line and serves until terminated."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parents[2]
UUID = r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
BANNER = re.compile(rf"^fakenotion (http://127\.0\.0\.1:\d+) root=({UUID})\n$")


def test_process_prints_one_line_and_serves_until_terminated():
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.fakenotion", "--port", "0", "--latency-ms", "1", "--rate-limit", "50"],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        line = process.stdout.readline()
        found = BANNER.match(line)
        assert found, repr(line)
        base_url, root = found.groups()
        headers = {"Authorization": "Bearer ntn_banner", "Notion-Version": "2025-09-03"}
        page = httpx.get(f"{base_url}/v1/pages/{root}", headers=headers, verify=False)
        assert page.status_code == 200 and page.json()["id"] == root
        assert process.poll() is None  # still serving
    finally:
        process.terminate()
        out, err = process.communicate(timeout=10)
    assert process.returncode == 0, err
    assert out == ""  # nothing after the banner
