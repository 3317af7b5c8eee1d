"""The HTML export in a real browser: headless Chromium (Debian's `chromium` package).

What is checked, and how without a DevTools client:
- console errors: Chromium started with ``--enable-logging=stderr --v=0`` writes every console
  message (errors, uncaught exceptions, Content-Security-Policy violations) to stderr as a
  ``:CONSOLE`` line. Two control pages prove the check can fail: one that logs an error, one that
  tries to load an external image under the export's own policy. The export must log nothing.
- every entry present: ``--dump-dom`` gives the DOM after the page loaded; each entry's article and
  a line of its text must be in it.
- it renders: ``--screenshot`` at a desktop and a phone width yields a picture.
"""

from __future__ import annotations

import datetime
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from notionlog.lookback import export, html
from notionlog.lookback.periods import Period

from .conftest import SEED_DAY, seed_text, write_entry, write_scaffold
from .test_export import TAGGED, TRICKY

BROWSER = next((shutil.which(name) for name in ("chromium", "chromium-browser") if shutil.which(name)), None)
pytestmark = pytest.mark.skipif(
    BROWSER is None, reason="no chromium binary on PATH (install it: apt-get install -y chromium)")


def chromium(tmp_path: Path, page: Path, *flags: str) -> subprocess.CompletedProcess:
    profile = tmp_path / "profile"
    return subprocess.run(
        [str(BROWSER), "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
         f"--user-data-dir={profile}", "--enable-logging=stderr", "--v=0", *flags, page.as_uri()],
        capture_output=True, text=True, timeout=120)


def console(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if ":CONSOLE" in line]


class Articles(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "article":
            self.ids.append(dict(attrs).get("id") or "")


@pytest.fixture
def page(home, tmp_path) -> Path:
    days = [SEED_DAY - datetime.timedelta(days=n) for n in (0, 1, 3, 370)]
    for day in days:
        write_entry(home, day, seed_text(day).replace("몇일을 빼먹은거야...", f"{day} 의 회고"))
    write_scaffold(home, SEED_DAY + datetime.timedelta(days=1))
    write_entry(home, SEED_DAY + datetime.timedelta(days=2), TAGGED)
    write_entry(home, SEED_DAY + datetime.timedelta(days=3), TRICKY)
    target = tmp_path / "journal.html"
    target.write_text(export.render(home, Period(None, None), "html", SEED_DAY), encoding="utf-8")
    return target


def test_the_console_check_catches_errors_and_blocked_fetches(tmp_path):
    logs = tmp_path / "logs.html"
    logs.write_text("<!DOCTYPE html><p>x</p><script>console.error('boom')</script>", encoding="utf-8")
    assert any("boom" in line for line in console(chromium(tmp_path, logs, "--dump-dom").stderr))
    fetches = tmp_path / "fetches.html"
    fetches.write_text(f'<!DOCTYPE html><meta http-equiv="Content-Security-Policy" content="{html.CSP}">'
                       '<img src="https://example.com/a.png">', encoding="utf-8")
    assert any("Content Security Policy" in line
               for line in console(chromium(tmp_path, fetches, "--dump-dom").stderr))


def test_the_export_loads_without_console_messages_and_shows_every_entry(page, tmp_path):
    done = chromium(tmp_path, page, "--dump-dom")
    assert done.returncode == 0 and console(done.stderr) == []
    articles = Articles()
    articles.feed(done.stdout)
    expected = ["d2020-12-02", "d2021-12-04", "d2021-12-06", "d2021-12-07", "d2021-12-09", "d2021-12-10"]
    assert articles.ids == expected  # the untouched scaffold of 2021-12-08 is not an entry
    for day in ("2020-12-02", "2021-12-04", "2021-12-06", "2021-12-07"):
        assert f"{day} 의 회고" in done.stdout
    assert "태그 있는 날" in done.stdout and "&lt;script&gt;alert(1)&lt;/script&gt;" in done.stdout
    assert done.stdout.count("<svg") == 2  # a calendar per year, at the top
    assert done.stdout.index("<svg") < done.stdout.index('class="toc"') < done.stdout.index("<article")


@pytest.mark.parametrize("size", ["1000,1400", "390,844"], ids=["desktop", "phone"])
def test_the_export_renders_at_desktop_and_phone_widths(page, tmp_path, size):
    shot = tmp_path / "shot.png"
    done = chromium(tmp_path, page, f"--screenshot={shot}", f"--window-size={size}", "--hide-scrollbars")
    assert console(done.stderr) == []
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 10_000


def test_the_export_prints_to_pdf(page, tmp_path):
    pdf = tmp_path / "journal.pdf"
    done = chromium(tmp_path, page, f"--print-to-pdf={pdf}", "--no-pdf-header-footer")
    assert console(done.stderr) == []
    data = pdf.read_bytes()
    pages = re.findall(rb"/Type\s*/Page[^s]", data)
    assert data.startswith(b"%PDF") and len(pages) >= 3  # the calendar's page, then the entries
