"""Wall time of the commands a person runs many times a day, each a fresh `notionlog` process.

The journal: a year of seed-sized entries (bench_new.prepare), the look-back index warm. Each round
runs every command once, in turn, so a noisy neighbour slows them all alike; the figure is the
median per command, wall time and CPU time (user + system; CPU time moves less with the load of a
shared machine). `new` writes a new day each run. Start-up is most of these commands' time, so this
is the figure that shows what loading the CLI costs.

Give --script more than once (e.g. an older install in another venv) to compare installs: every
round runs each command with each script in turn, on the same journal.

    python bench/bench_start.py [--runs 11] [--script /path/to/notionlog ...]
"""

from __future__ import annotations

import argparse
import datetime
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_new import HISTORY_END, isolated_env, notionlog_script, prepare  # noqa: E402

COMMANDS = {  # label -> arguments after `notionlog --home H`
    "--help": ["--help"],
    "sync --help": ["sync", "--help"],
    "list": ["list"],
    "search MLOps": ["search", "MLOps", "--section", "오늘 한것"],
    "calendar --year 2021": ["calendar", "--year", "2021"],
    "on-this-day 2021-12-07": ["on-this-day", "2021-12-07"],
    "add text --date 2021-12-07": ["add", "a line", "--date", "2021-12-07"],
}


def timed(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU seconds of one run of ``cmd``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(cmd, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                   stdin=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=11)
    parser.add_argument("--script", action="append", type=Path,
                        help="a notionlog console script (default: the one beside this Python)")
    args = parser.parse_args()
    scripts = args.script or [notionlog_script()]
    labels = ["new --no-edit", *COMMANDS]
    times: dict[tuple[Path, str], list[tuple[float, float]]] = {
        (script, label): [] for script in scripts for label in labels}
    with tempfile.TemporaryDirectory(prefix="notionlog-bench-") as tmp:
        root = Path(tmp)
        home, _config = prepare(root, 365)
        env = isolated_env(root)
        for script in scripts:
            timed([str(script), "--home", str(home), "search", "warm-up"], env)  # the index, once
        day = HISTORY_END
        for _ in range(args.runs):
            for label in labels:
                for script in scripts:
                    day += datetime.timedelta(days=1)
                    command = ["new", "--no-edit", "--date", day.isoformat()] if label == labels[0] \
                        else COMMANDS[label]
                    times[script, label].append(timed([str(script), "--home", str(home), *command], env))
    print(f"runs: {args.runs} per command and script (round-robin, fresh processes); "
          f"load {os.getloadavg()[0]:.1f} at the end")
    for script in scripts:
        print(f"{script}")
        for label in labels:
            wall, cpu = zip(*times[script, label], strict=True)
            print(f"  notionlog {label:<28} wall median {statistics.median(wall):.3f} s "
                  f"(min {min(wall):.3f})  CPU median {statistics.median(cpu):.3f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
