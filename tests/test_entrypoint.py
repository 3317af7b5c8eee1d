"""The installed console script and `python -m notionlog`, run as real subprocesses."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from notionlog.local import journal


def installed_script() -> str:
    beside = Path(sys.executable).parent / ("notionlog.exe" if os.name == "nt" else "notionlog")
    found = str(beside) if beside.exists() else shutil.which("notionlog")
    if not found:
        pytest.fail("the `notionlog` console script is not installed (pip install -e '.[test]')")
    return found


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(args, capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=60)


def test_console_script_new_writes_entry_from_builtin_template(isolated):
    done = run(installed_script(), "new", "--date", "20211207")  # no TTY: the editor stays shut
    assert done.returncode == 0, done.stderr
    path = journal.entry_path(isolated, journal.parse_date("2021-12-07"))
    assert done.stdout == f"{path}\n"
    assert "## 20211207" in path.read_text(encoding="utf-8")


def test_console_script_bad_input_is_one_line(isolated):
    done = run(installed_script(), "new", "--date", "2021-02-30", "--no-edit")
    assert done.returncode == 3
    assert done.stderr.count("\n") == 1 and "2021-02-30" in done.stderr
    assert "Traceback" not in done.stderr


def test_python_dash_m_lists_templates(isolated):
    done = run(sys.executable, "-m", "notionlog", "templates")
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == ["daily  built-in", "english  built-in"]
