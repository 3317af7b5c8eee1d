"""The daily commands start fast: each runs in a fresh interpreter, which must not load the heavy
libraries (pydantic through a typer >= 0.29, Jinja2 once a render plan exists, the Notion client,
markdown-it, rich). Their options are declared once, in the typer commands, so the help is checked
here too. Why this matters and what it costs: the README's Development section."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from notionlog import journal

SEED = Path(__file__).parent / "data" / "20211207-seed-entry.md"
HEAVY = ("pydantic", "jinja2", "notion_client", "httpx", "markdown_it", "rich")
PROBE = """\
import json, sys
from notionlog.cli import main
try:
    main(sys.argv[1:])
except SystemExit as end:
    status = end.code
print(json.dumps([status, sorted(m for m in {heavy!r} if m in sys.modules)]))
"""


def fresh(*args: str) -> tuple[int, list[str], str]:
    """Run ``notionlog ARGS`` in a new interpreter: its status, the heavy modules loaded, its output."""
    done = subprocess.run([sys.executable, "-c", PROBE.format(heavy=HEAVY), *args], capture_output=True,
                          text=True, stdin=subprocess.DEVNULL, timeout=60)
    assert done.returncode == 0, done.stderr
    output, _, last = done.stdout.rstrip("\n").rpartition("\n")
    status, loaded = json.loads(last)
    return status, loaded, output


@pytest.fixture
def journal_with_plan(isolated):
    """A journal whose first `new` ran already (Jinja2 compiled the template and left a plan), and
    the entry it made then written in (the seed entry's text)."""
    status, loaded, output = fresh("new", "--no-edit", "--date", "2021-12-06")
    path = journal.entry_path(isolated, journal.parse_date("2021-12-06"))
    assert status == 0 and output == str(path)
    assert loaded == ["jinja2"]  # the first time only: later mornings render from the plan
    path.write_text(SEED.read_text(encoding="utf-8").replace("20211207", "20211206"), encoding="utf-8")
    return isolated


DAILY = [
    ["new", "--no-edit", "--date", "2021-12-07"],
    ["edit", "2021-12-06"],
    ["add", "a line", "--date", "2021-12-06"],
    ["list"],
    ["templates"],
    ["search", "MLOps", "--json"],
    ["calendar", "--year", "2021"],
    ["on-this-day", "2022-12-06"],
    ["review", "--week", "2021-12-06"],
    ["stats"],
]


@pytest.mark.parametrize("args", DAILY, ids=" ".join)
def test_daily_commands_load_no_heavy_library(journal_with_plan, args):
    status, loaded, _ = fresh(*args)
    assert (status, loaded) == (0, [])


HELP = [["--help"], ["sync", "--help"], ["new", "--help"], ["notes", "pull", "--help"]]


@pytest.mark.parametrize("args", HELP, ids=" ".join)
def test_help_loads_no_heavy_library(args):
    status, loaded, output = fresh(*args)
    assert (status, loaded) == (0, [])
    assert output.startswith("Usage: notionlog")


@pytest.mark.parametrize(("command", "options"), [
    ("new", ["--date", "--template", "--no-edit", "--no-carry-over", "--push"]),
    ("edit", ["[date]"]),
    ("add", ["{text}...", "--section", "-s", "--date", "--template", "--no-carry-over"]),
    ("search", ["{text}", "--since", "--until", "--section", "--tag", "--notes", "--json"]),
    ("calendar", ["--year", "--svg", "--json"]),
    ("on-this-day", ["[date]", "--monthly"]),
])
def test_help_of_daily_commands_names_their_options(command, options):
    status, _, output = fresh(command, "--help")
    assert status == 0 and "Example" in output
    for option in options:
        assert option in output, (command, option)


def test_options_after_the_command_and_global_options_anywhere(journal_with_plan):
    status, _, output = fresh("search", "MLOps", "--home", str(journal_with_plan), "--section", "오늘 한것",
                              "--json")
    assert status == 0 and [row["line"] for row in json.loads(output)] == ["- MLOps 강의듣기"]
    status, _, output = fresh("new", "--date=2021-12-06", "--no-edit", "--no-carry-over")
    assert status == 0 and output.endswith("2021-12-06.md")


def test_a_typo_is_a_usage_error_that_names_it():
    done = subprocess.run([sys.executable, "-m", "notionlog", "new", "--no-edti"], capture_output=True,
                          text=True, stdin=subprocess.DEVNULL, timeout=60)
    assert done.returncode == 2 and done.stdout == ""
    assert "No such option: --no-edti" in done.stderr and "Traceback" not in done.stderr


def test_the_real_process_prints_everything_before_it_skips_teardown():
    """The console script ends with os._exit after a normal run: the output must be whole."""
    done = subprocess.run([sys.executable, "-m", "notionlog", "--help"], capture_output=True, text=True,
                          stdin=subprocess.DEVNULL, timeout=60)
    in_process = subprocess.run([sys.executable, "-c", PROBE.format(heavy=()), "--help"], capture_output=True,
                                text=True, stdin=subprocess.DEVNULL, timeout=60)
    assert done.returncode == 0 and "Commands:" in done.stdout
    assert done.stdout == in_process.stdout.rstrip("\n").rpartition("\n")[0] + "\n"
