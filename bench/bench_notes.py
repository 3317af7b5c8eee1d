"""Request count and wall time of pulling a 1,000-block linked page.

Runs ``python -m tests.fakenotion`` (latency and Notion's ~3 requests/s rate limit on by default),
puts a 1,000-block page in it, links it from an entry and pulls it with notionlog's own client
(paced at NOTIONLOG_MAX_RPS = 3, as for real). Scenarios:

* flat      1,000 paragraphs                      lower bound 1 retrieve + 10 listings
* nested    200 bullets x 4 children (seed-like)  lower bound 1 retrieve + 2 + 200 listings
* unchanged the nested page pulled again after the minute            lower bound 1 retrieve

The lower bound is what the Notion API cannot go below: one retrieve (the title and
last_edited_time) plus one listing per 100 children of every block that has children.

Usage (from the repository root): ``python bench/bench_notes.py [--latency-ms 50] [--rate-limit 3]``
``--rate-limit 0`` turns the emulator's limiter off (and our pacing up) for a quick count.
"""

from __future__ import annotations

import argparse
import datetime
import json
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TOKEN = "ntn_bench_token"  # the emulator accepts any ntn_… token


def paragraph(text: str) -> dict:
    return {"type": "paragraph", "paragraph": {"rich_text": [{"text": {"content": text}}]}}


def bullet(text: str, children: list[dict]) -> dict:
    return {"type": "bulleted_list_item",
            "bulleted_list_item": {"rich_text": [{"text": {"content": text}}], "children": children}}


SCENARIOS = {
    "flat": ([paragraph(f"line {i} of a long summary page") for i in range(1000)], 1 + 10),
    "nested": ([bullet(f"topic {i}", [paragraph(f"detail {i}.{j}") for j in range(4)])
                for i in range(200)], 1 + 2 + 200),
}


def control(base: str, method: str, path: str, body: object = None) -> object:
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(base + path, data=data, method=method,
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request) as response:
        return json.loads(response.read())


def start_emulator(latency_ms: int, rate_limit: float) -> tuple[subprocess.Popen, str]:
    command = [sys.executable, "-m", "tests.fakenotion", "--port", "0", "--latency-ms", str(latency_ms)]
    if rate_limit:
        command += ["--rate-limit", str(rate_limit)]
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, text=True)
    banner = process.stdout.readline().split()
    return process, banner[1]


def pull(base: str, home: Path, page_id: str, max_rps: float, now=None):
    from notionlog import settings
    from notionlog.notes import pull_notes
    from notionlog.notion import connect

    api = connect(settings.load({"NOTION_TOKEN": TOKEN, "NOTION_BASE_URL": base,
                                 "NOTIONLOG_HOME": home, "NOTIONLOG_MAX_RPS": max_rps}))
    entry = {datetime.date(2021, 12, 7): f"- https://app.notion.com/p/{page_id.replace('-', '')}"}
    control(base, "DELETE", "/_fake/requests")
    started = time.perf_counter()
    report = pull_notes(api, home, entry, now=now)
    wall = time.perf_counter() - started
    api.close()
    assert report.pulled or report.unchanged, report.warnings
    return len(control(base, "GET", "/_fake/requests")), wall


def later() -> datetime.datetime:
    """Our clock two minutes ahead: the previous fetch then lies beyond the rounded minute."""
    return datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(minutes=2)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--latency-ms", type=int, default=50)
    parser.add_argument("--rate-limit", type=float, default=3.0)
    args = parser.parse_args()
    max_rps = args.rate_limit or 1000.0
    process, base = start_emulator(args.latency_ms, args.rate_limit)
    rows = []
    try:
        for name, (children, bound) in SCENARIOS.items():
            page = control(base, "POST", "/_fake/pages", {"title": f"Summary {name}", "children": children})
            with tempfile.TemporaryDirectory() as tmp:
                home = Path(tmp)
                rows.append((name, bound, *pull(base, home, page["id"], max_rps)))
                if name == "nested":
                    pull(base, home, page["id"], max_rps, now=later)  # records a fetch after the minute
                    rows.append(("unchanged", 1, *pull(base, home, page["id"], max_rps, now=later)))
    finally:
        process.terminate()
        process.wait(timeout=10)
    print(f"emulator latency {args.latency_ms} ms, rate limit {args.rate_limit or 'off'} req/s, "
          f"client pacing {max_rps:g} req/s")
    print(f"{'scenario':<10} {'requests':>8} {'lower bound':>11} {'wall s':>7}")
    for name, bound, sent, wall in rows:
        print(f"{name:<10} {sent:>8} {bound:>11} {wall:>7.2f}")


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()
