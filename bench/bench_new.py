"""Side-by-side wall time of writing one journal entry: `notionlog new --no-edit` vs jrnl 4.6.

The goal: notionlog's median <= 0.4 x jrnl's median, both measured in the same run on the
same machine. Runs alternate between the two tools (so a noisy neighbour slows both alike), each as
a fresh subprocess through its installed console script, each writing a *new* entry:

* notionlog: `notionlog --home H new --no-edit --date D` with a new date each run (template
  rendering, the previous-entry scan, carry-over and the scaffold record all run);
* jrnl: `jrnl "text"` with a config file in a temp dir, HOME and XDG dirs pointed there too, so it
  never touches the real home.

Two scenarios: an empty journal, and a year of history in both tools (what a daily user has; jrnl
re-reads its whole journal on each write, which is why its time grows with the journal). The
goal (and --check) is judged on the second; both are printed.

jrnl is installed into a throwaway venv (default /tmp/notionlog-bench-jrnl) unless --jrnl is given.

    python bench/bench_new.py [--runs 15] [--jrnl /path/to/jrnl] [--check]

--check exits 1 when the ratio misses the 0.4 goal.
"""

from __future__ import annotations

import argparse
import datetime
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

GOAL = 0.4
HISTORY_END = datetime.date(2021, 12, 7)
JRNL_VERSION = "4.6"
SEED = Path(__file__).resolve().parent.parent / "tests" / "data" / "20211207-seed-entry.md"
JRNL_CONFIG = """\
colors: {{body: none, date: none, tags: none, title: none}}
default_hour: 9
default_minute: 0
editor: ''
encrypt: false
highlight: true
indent_character: '|'
journals:
  default:
    journal: {journal}
linewrap: 79
tagsymbols: '#@'
template: false
timeformat: '%F %r'
version: v{version}
"""


def ensure_jrnl(venv: Path) -> Path:
    """The jrnl console script in ``venv``, installing jrnl there first if needed."""
    script = venv / "bin" / "jrnl"
    if not script.exists():
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run([str(venv / "bin" / "pip"), "install", "-q", f"jrnl=={JRNL_VERSION}"], check=True)
    return script


def notionlog_script() -> Path:
    """The installed `notionlog` next to this interpreter (the venv the project is installed in)."""
    beside = Path(sys.executable).parent / "notionlog"
    found = beside if beside.exists() else shutil.which("notionlog")
    if not found:
        sys.exit("bench: no installed `notionlog` script; run `pip install .` first")
    return Path(found)


def timed(cmd: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def isolated_env(root: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NOTION", "XDG_"))}
    env.update(HOME=str(root / "user"), XDG_CONFIG_HOME=str(root / "config"),
               XDG_DATA_HOME=str(root / "data"), EDITOR="false", VISUAL="false")
    return env


def prepare(root: Path, history: int) -> tuple[Path, Path]:
    """A journal home and a jrnl journal with ``history`` days of entries each, and a jrnl config.

    Both tools get the same history (the seed entry's text, re-dated, for notionlog; a title and
    15 lines a day for jrnl): jrnl reads its whole journal on every write, and notionlog scans its
    entries for the previous one, so the history is part of what a morning costs.
    """
    home = root / "home"
    seed = SEED.read_text(encoding="utf-8") if SEED.exists() else "# x\n\n## 20211207\n- a\n"
    journal = root / "journal.txt"
    lines = []
    for day in (HISTORY_END - datetime.timedelta(days=n) for n in range(history)):
        path = home / "entries" / f"{day.year}" / f"{day.isoformat()}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(seed.replace("20211207", day.strftime("%Y%m%d")), encoding="utf-8")
        lines.append(f"[{day.isoformat()} 09:00:00 AM] Day {day}.\n" + "A line about the day.\n" * 15)
    home.mkdir(exist_ok=True)
    journal.write_text("\n".join(reversed(lines)), encoding="utf-8")
    config = root / "jrnl.yaml"
    config.write_text(JRNL_CONFIG.format(journal=journal, version=JRNL_VERSION))
    return home, config


def measure(runs: int, jrnl: Path, history: int) -> tuple[list[float], list[float]]:
    with tempfile.TemporaryDirectory(prefix="notionlog-bench-") as tmp:
        root = Path(tmp)
        home, config = prepare(root, history)
        env = isolated_env(root)
        script = str(notionlog_script())
        ours, theirs = [], []
        for run in range(runs):
            day = (HISTORY_END + datetime.timedelta(days=run + 1)).isoformat()
            ours.append(timed([script, "--home", str(home), "new", "--no-edit", "--date", day], env))
            theirs.append(timed([str(jrnl), "--config-file", str(config), f"entry number {run}"], env))
        written = len(list((home / "entries").rglob("*.md")))
        assert written == runs + history, f"notionlog wrote {written - history} of {runs} entries"
    return ours, theirs


def report(label: str, ours: list[float], theirs: list[float]) -> float:
    mine, base = statistics.median(ours), statistics.median(theirs)
    ratio = mine / base
    print(f"{label}")
    print(f"  notionlog new --no-edit  median {mine:.3f} s  (min {min(ours):.3f}, max {max(ours):.3f})")
    print(f"  jrnl {JRNL_VERSION} write entry   median {base:.3f} s  (min {min(theirs):.3f}, "
          f"max {max(theirs):.3f})")
    print(f"  ratio {ratio:.2f} (goal <= {GOAL}): {'met' if ratio <= GOAL else 'MISSED'}")
    return ratio


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--jrnl", type=Path, help="a jrnl 4.6 console script (default: install one)")
    parser.add_argument("--venv", type=Path, default=Path("/tmp/notionlog-bench-jrnl"))
    parser.add_argument("--history", type=int, default=365, help="days of existing entries")
    parser.add_argument("--check", action="store_true", help=f"exit 1 if the ratio exceeds {GOAL}")
    args = parser.parse_args()
    jrnl = args.jrnl or ensure_jrnl(args.venv)
    print(f"runs per tool and scenario: {args.runs} (alternating, a fresh process each)")
    report("empty journal", *measure(args.runs, jrnl, 0))
    ratio = report(f"a journal with {args.history} days of entries (the daily case)",
                   *measure(args.runs, jrnl, args.history))
    return 1 if args.check and ratio > GOAL else 0


if __name__ == "__main__":
    sys.exit(main())
