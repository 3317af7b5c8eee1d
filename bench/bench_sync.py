"""Benchmark: the sync scenarios against the emulator, requests and wall time vs the bound.

Starts ``python -m tests.fakenotion --latency-ms 50 --rate-limit 3``, creates a journal database,
writes N seed-shaped entries into a temporary home and runs the installed CLI
(``python -m notionlog sync --no-notes``) for each scenario. Requests are counted by the emulator
(``/_fake/requests``, 429 answers listed apart); wall time is the CLI process's.

    .venv/bin/python bench/bench_sync.py                 # every scenario (takes a while)
    .venv/bin/python bench/bench_sync.py --entries 30    # a quick look
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = (ROOT / "tests" / "data" / "20211207-seed-entry.md").read_text(encoding="utf-8")


def start_emulator(latency_ms: int, rate_limit: float) -> tuple[subprocess.Popen, str, str]:
    proc = subprocess.Popen(
        [sys.executable, "-m", "tests.fakenotion", "--port", "0", "--latency-ms", str(latency_ms),
         "--rate-limit", str(rate_limit)], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    banner = proc.stdout.readline().split()  # "fakenotion http://127.0.0.1:PORT root=<id>"
    return proc, banner[1], banner[2].split("=", 1)[1]


def control(base: str, method: str, path: str, body: object = None) -> object:
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(base + path, data=data, method=method,
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request) as answer:
        return json.loads(answer.read() or b"null")


def seed_tree_bounds() -> tuple[int, int]:
    """(extra requests a create needs, listings a full read needs) for one seed-shaped entry.

    Create: one more request per block at nesting depth 3 that has children (+1 per extra 100).
    Read: one listing for the page plus one per block with children.
    """
    from notionlog.convert import to_blocks

    def walk(blocks, depth):
        deep = lists = 0
        for block in blocks:
            kids = block.get("children") or block.get(block["type"], {}).get("children") or []
            if kids:
                lists += 1
                if depth == 3:
                    deep += 1 + (len(kids) - 1) // 100
            d, n = walk(kids, depth + 1)
            deep, lists = deep + d, lists + n
        return deep, lists

    deep, lists = walk(to_blocks(SEED).children, 1)
    return deep, lists + 1


class Bench:
    def __init__(self, base: str, env: dict, home: Path) -> None:
        self.base, self.env, self.home = base, env, home
        self.rows: list[tuple] = []

    def run(self, name: str, bound: int, goal: str) -> None:
        control(self.base, "DELETE", "/_fake/requests")
        started = time.perf_counter()
        # --no-notes: the scenarios are about entries; each linked page adds one retrieve
        # (bench_notes.py measures those).
        done = subprocess.run([sys.executable, "-m", "notionlog", "sync", "--no-notes"], env=self.env,
                              capture_output=True, text=True)
        wall = time.perf_counter() - started
        log = control(self.base, "GET", "/_fake/requests")
        throttled = sum(1 for r in log if r["status"] == 429)
        sent = len(log) - throttled
        self.rows.append((name, bound, sent, throttled, wall, goal, done.returncode))
        print(f"{name:<44} bound {bound:>6}  sent {sent:>6} (+{throttled} 429)  "
              f"{sent / max(bound, 1):.2f}x  {wall:8.1f} s  goal {goal}  exit {done.returncode}",
              flush=True)
        if done.returncode:
            print(done.stdout[-2000:], done.stderr[-2000:], file=sys.stderr)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=365)
    parser.add_argument("--latency-ms", type=int, default=50)
    parser.add_argument("--rate-limit", type=float, default=3)
    parser.add_argument("--max-rps", type=float, default=3)
    parser.add_argument("--hours", type=float, default=3,
                        help="hours the emulator's clock moves between syncs (as for a user)")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    from notion_client import Client

    proc, base, root = start_emulator(args.latency_ms, args.rate_limit)
    try:
        client = Client(auth="ntn_test_token", base_url=base)
        db = client.databases.create(
            parent={"type": "page_id", "page_id": root}, title=[{"text": {"content": "Journal"}}],
            initial_data_source={"properties": {"Name": {"title": {}}, "Date": {"date": {}},
                                                "Tags": {"multi_select": {}},
                                                "notionlog": {"rich_text": {}}}})
        with tempfile.TemporaryDirectory() as tmp:
            home = Path(tmp) / "home"
            days = [datetime.date(2021, 1, 1) + datetime.timedelta(n) for n in range(args.entries)]
            for day in days:
                path = home / "entries" / str(day.year) / f"{day.isoformat()}.md"
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(SEED.replace("## 20211207", f"## {day:%Y%m%d}"), encoding="utf-8")
            env = {**os.environ, "NOTIONLOG_HOME": str(home), "NOTION_TOKEN": "ntn_test_token",
                   "NOTION_DATABASE_ID": db["id"], "NOTION_BASE_URL": base,
                   "NOTIONLOG_MAX_RPS": str(args.max_rps)}
            scenarios(Bench(base, env, home), client, db["data_sources"][0]["id"], days, args.hours)
    finally:
        proc.terminate()
        proc.wait()


def scenarios(bench: Bench, client, source: str, days: list[datetime.date], hours: float) -> None:
    """The scenarios, in an order where each row measures only its own change.

    Between syncs the emulator's clock moves ``hours`` (``/_fake/clock``), as a user's syncs are
    hours apart; sync reads "now" from Notion's answers, so the laptop's clock need not move.
    """
    deep, listings = seed_tree_bounds()
    n = len(days)

    def later() -> None:
        control(bench.base, "POST", "/_fake/clock", {"advance_seconds": hours * 3600})

    bench.run(f"push {n} new seed-shaped entries", 1 + n * (1 + deep), "<= 1.1x")
    later()
    bench.run(f"next sync (after pushing {n} pages)", 2 + n, "<= 2 + N")
    later()
    bench.run("sync again, nothing changed", 2, "<= 2 requests")
    path = bench.home / "entries" / str(days[0].year) / f"{days[0].isoformat()}.md"
    path.write_text(path.read_text(encoding="utf-8").replace("    - 멘토링\n", "    - 멘토링!\n", 1),
                    encoding="utf-8")
    later()
    bench.run("one line changed in one entry", 3, "<= 3 requests")
    path.write_text(path.read_text(encoding="utf-8").replace("    - 멘토링!\n", "    - 멘토링!!\n", 1),
                    encoding="utf-8")
    later()
    bench.run("the same line changed again", 3, "<= 3 requests")
    later()
    bench.run("next sync (after pushing 1 page)", 3, "<= 2 + N")
    page = next(p for p in client.data_sources.query(
        source, filter={"property": "Date", "date": {"equals": days[-1].isoformat()}})["results"])
    first = client.blocks.children.list(page["id"])["results"][0]
    control(bench.base, "POST", "/_fake/user/turn_into", {"block_id": first["id"], "block": {
        first["type"]: {"rich_text": [{"type": "text", "text": {"content": "edited in Notion"}}]}}})
    later()
    bench.run("one block edited in Notion (a person), pulled", 1 + listings, "<= 1.1x")
    later()
    bench.run("sync again, nothing changed", 2, "<= 2 requests")


if __name__ == "__main__":
    main()
