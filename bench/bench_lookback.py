"""Wall time of `notionlog search` and `notionlog calendar` on ten years of entries, beside jrnl 4.6.

The journal: 3,650 entries shaped like the seed entry, on 3,650 of the 4,018 days from 2011-01-01 to
2021-12-31 (368 gaps, chosen by a seeded random generator), each with a tenth of its list items'
words swapped for words from a small vocabulary so that no two entries are alike. One word,
WORD, is put into about 10% of the entries. jrnl gets the same text: each entry's title and body
written into a jrnl journal file in jrnl's own format (what `jrnl --import` would produce).

Measured, each as a fresh process through the installed console script, runs alternating between
the tools so a noisy neighbour slows both alike:

* `notionlog search WORD` first run (no look-back cache: it indexes all 3,650 files) and warm;
* `jrnl -contains WORD` (jrnl reads and parses its whole journal on every call);
* `notionlog search` for a two-character word (the scan path) and `notionlog calendar`, warm.

Goals: warm search <= 0.3 x jrnl; warm calendar <= 0.3 s.

    python bench/bench_lookback.py [--runs 9] [--jrnl /path/to/jrnl] [--keep DIR]
"""

from __future__ import annotations

import argparse
import datetime
import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_new import JRNL_CONFIG, JRNL_VERSION, SEED, ensure_jrnl, isolated_env, notionlog_script  # noqa: E402

WORD = "쿠버네티스"
SHORT = "회고"
FIRST, LAST = datetime.date(2011, 1, 1), datetime.date(2021, 12, 31)
ENTRIES = 3650
VOCABULARY = ("모델", "데이터", "서빙", "배포", "강의", "프로젝트", "실험", "추론", "학습", "회의", "정리",
              "pipeline", "docker", "airflow", "feature", "metric", "python", "SQL", "리팩터링", "테스트")


def generate(root: Path) -> tuple[Path, Path, int]:
    """The notionlog home, the jrnl config, and how many entries hold WORD."""
    rng = random.Random(14)
    seed = SEED.read_text(encoding="utf-8")
    span = (LAST - FIRST).days + 1
    days = sorted(FIRST + datetime.timedelta(days=n) for n in rng.sample(range(span), ENTRIES))
    home, jrnl_entries, with_word = root / "home", [], 0
    for day in days:
        text = _vary(seed.replace("20211207", day.strftime("%Y%m%d")), rng)
        if rng.random() < 0.1:
            text = text.replace("- 회고\n", f"- 회고\n    - {WORD} 공부를 했다\n", 1)
            with_word += 1
        path = home / "entries" / f"{day.year}" / f"{day.isoformat()}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        title, _, body = text.strip().partition("\n")
        jrnl_entries.append(f"[{day.isoformat()} 09:00:00 AM] {title.lstrip('# ')}\n{body.strip()}\n")
    journal = root / "journal.txt"
    journal.write_text("\n".join(jrnl_entries), encoding="utf-8")
    config = root / "jrnl.yaml"
    config.write_text(JRNL_CONFIG.format(journal=journal, version=JRNL_VERSION), encoding="utf-8")
    return home, config, with_word


def _vary(text: str, rng: random.Random) -> str:
    lines = []
    for line in text.split("\n"):
        if line.lstrip().startswith("- ") and line.startswith("    "):
            words = line.split(" ")
            for i in range(len(words)):
                if words[i] and words[i] != "-" and rng.random() < 0.1:
                    words[i] = rng.choice(VOCABULARY)
            line = " ".join(words)
        lines.append(line)
    return "\n".join(lines)


def timed(cmd: list[str], env: dict[str, str]) -> tuple[float, str]:
    start = time.perf_counter()
    done = subprocess.run(cmd, env=env, check=True, capture_output=True, text=True)
    return time.perf_counter() - start, done.stdout


def line(label: str, values: list[float]) -> str:
    return (f"  {label:<38} median {statistics.median(values):.3f} s  (min {min(values):.3f}, "
            f"max {max(values):.3f}, n={len(values)})")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--jrnl", type=Path, help="a jrnl 4.6 console script (default: install one)")
    parser.add_argument("--venv", type=Path, default=Path("/tmp/notionlog-bench-jrnl"))
    parser.add_argument("--keep", type=Path, help="generate the journal here and keep it")
    args = parser.parse_args()
    jrnl = args.jrnl or ensure_jrnl(args.venv)
    with tempfile.TemporaryDirectory(prefix="notionlog-bench-") as tmp:
        root = args.keep or Path(tmp)
        home, config, with_word = generate(root)
        env = isolated_env(root)
        ours = [str(notionlog_script()), "--home", str(home)]
        cache = home / ".notionlog" / "lookback.db"
        first, warm, theirs, short, cal = [], [], [], [], []
        for _ in range(max(3, args.runs // 3)):
            for suffix in ("", "-wal", "-shm"):
                Path(f"{cache}{suffix}").unlink(missing_ok=True)
            first.append(timed([*ours, "search", WORD], env)[0])
        for _ in range(args.runs):
            seconds, out = timed([*ours, "search", WORD, "--json"], env)
            warm.append(seconds)
            theirs.append(timed([str(jrnl), "--config-file", str(config), "-contains", WORD], env)[0])
            short.append(timed([*ours, "search", SHORT], env)[0])
            cal.append(timed([*ours, "calendar", "--year", "2021"], env)[0])
        dates = {row["date"] for row in json.loads(out)}
        assert len(dates) == with_word, f"search found {len(dates)} entries, {with_word} hold {WORD}"
        listing = [str(jrnl), "--config-file", str(config), "-contains", WORD, "--format", "short"]
        found = timed(listing, env)[1].splitlines()
        assert len(found) == with_word, f"jrnl found {len(found)} entries, {with_word} hold {WORD}"
    ratio = statistics.median(warm) / statistics.median(theirs)
    print(f"{ENTRIES} entries {FIRST}..{LAST}; {WORD!r} in {with_word} of them; runs alternate")
    print(line(f"notionlog search {WORD} (first run)", first))
    print(line(f"notionlog search {WORD} (warm)", warm))
    print(line(f"jrnl {JRNL_VERSION} -contains {WORD}", theirs))
    print(f"  ratio warm/jrnl {ratio:.2f} (goal <= 0.3): {'met' if ratio <= 0.3 else 'MISSED'}")
    print(line(f"notionlog search {SHORT} (warm, scan)", short))
    print(line("notionlog calendar --year 2021 (warm)", cal))
    print(f"  calendar goal <= 0.3 s: {'met' if statistics.median(cal) <= 0.3 else 'MISSED'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
