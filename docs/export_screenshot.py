"""Rebuild docs/export.png: a demo journal of 2021 (the seed entry cut to varied lengths, ~28% of
days skipped, one untouched scaffold), exported as HTML and photographed by headless Chromium.

    python docs/export_screenshot.py        # from the repository root, with notionlog installed
"""

from __future__ import annotations

import datetime
import random
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "tests" / "data" / "20211207-seed-entry.md"
SCAFFOLD = "# 2021-12-08 수요일\n\n## 20211208\n- 오늘 한것\n\n- 오늘 정리한 것\n\n- 오늘 배운 것\n\n- 회고\n"


def demo(home: Path) -> None:
    from notionlog.local import journal

    rng = random.Random(7)
    seed = SEED.read_text(encoding="utf-8")
    day, last = datetime.date(2021, 1, 4), datetime.date(2021, 12, 7)
    while day <= last:
        if rng.random() < 0.72 or day == last:
            lines = seed.replace("20211207", day.strftime("%Y%m%d")).split("\n")
            text = "\n".join(lines[: rng.randint(12, len(lines))]) + "\n"
            journal.write_atomic(journal.entry_path(home, day), text)
        day += datetime.timedelta(days=1)
    untouched = last + datetime.timedelta(days=1)
    journal.remember_scaffold(home, untouched, SCAFFOLD)
    journal.write_atomic(journal.entry_path(home, untouched), SCAFFOLD)


def main() -> int:
    browser = shutil.which("chromium") or sys.exit("no chromium (apt-get install -y chromium fonts-nanum)")
    with tempfile.TemporaryDirectory() as tmp:
        home, page = Path(tmp) / "home", Path(tmp) / "journal.html"
        demo(home)
        subprocess.run([sys.executable, "-m", "notionlog", "--home", str(home), "export", "--format", "html",
                        "--since", "2021-11-20", "-o", str(page)], check=True, stdout=subprocess.DEVNULL)
        subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                        f"--user-data-dir={tmp}/profile", f"--screenshot={ROOT / 'docs' / 'export.png'}",
                        "--window-size=860,1150", page.as_uri()], check=True, capture_output=True)
    print(ROOT / "docs" / "export.png")
    return 0


if __name__ == "__main__":
    sys.exit(main())
