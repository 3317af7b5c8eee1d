"""The daily commands start fast: each runs in a fresh interpreter, which must not load the heavy
libraries (pydantic through a typer >= 0.29, Jinja2 once a render plan exists, the Notion client,
markdown-it, rich), and `new` not even typer once typer recorded its options (cli/quick.py).
Their options are declared once, in the typer commands, so the help is checked here too. Why this
matters and what it costs: the README's Development section."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from notionlog.local import journal

SEED = Path(__file__).parent / "data" / "20211207-seed-entry.md"
HEAVY = ("pydantic", "jinja2", "notion_client", "httpx", "markdown_it", "rich")
PROBE = """\
import json, sys
from notionlog.cli import main
try:
    main(sys.argv[1:])
except SystemExit as end:
    status = end.code
print(json.dumps([status, sorted(m for m in {heavy!r} if m in sys.modules), "typer" in sys.modules]))
"""


def probe(*args: str) -> tuple[int, list[str], bool, str]:
    """Run ``notionlog ARGS`` in a new interpreter: its status, the heavy modules loaded, whether
    typer was, and its output."""
    done = subprocess.run([sys.executable, "-c", PROBE.format(heavy=HEAVY), *args], capture_output=True,
                          text=True, stdin=subprocess.DEVNULL, timeout=60)
    assert done.returncode == 0, done.stderr
    output, _, last = done.stdout.rstrip("\n").rpartition("\n")
    status, loaded, typer = json.loads(last)
    return status, loaded, typer, output


def fresh(*args: str) -> tuple[int, list[str], str]:
    status, loaded, _, output = probe(*args)
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
    from notionlog.cli.quick import RUNNERS

    status, loaded, typer, _ = probe(*args)
    assert (status, loaded) == (0, [])
    assert typer is (args[0] not in RUNNERS)  # the first `new` recorded the table: no typer for these


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


# --- `new` without typer, by the table typer recorded ---------------------------------------

def test_new_skips_typer_once_typer_recorded_its_options(isolated):
    first = probe("new", "--no-edit", "--date", "2021-12-06")  # no table yet: typer runs, records it
    assert first[0] == 0 and first[2] is True
    status, loaded, typer, output = probe("--home", str(isolated), "new", "--date=2021-12-07", "--no-edit",
                                          "--no-carry-over", "--template", "daily")
    assert (status, loaded, typer) == (0, [], False)
    path = journal.entry_path(isolated, journal.parse_date("2021-12-07"))
    assert output == str(path) and "## 20211207" in path.read_text(encoding="utf-8")


@pytest.mark.parametrize("args", [["new", "--help"], ["new", "--no-edti"], ["new", "--push"],
                                  ["new", "--date"], ["--version", "new"], ["new", "--no-edit=1"]],
                         ids=" ".join)
def test_what_the_table_does_not_cover_exactly_goes_to_typer(isolated, args):
    assert probe("new", "--no-edit", "--date", "2021-12-06")[0] == 0  # the table is there now
    status, _, typer, output = probe(*args)
    assert typer is True
    if "--help" in args or "--version" in args:
        assert status == 0 and output.startswith(("Usage: notionlog new", "notionlog "))
    else:  # usage errors, and --push's missing Notion settings, worded by typer and the boundary
        assert status in (2, 3)


def test_a_stale_table_is_not_read(isolated):
    from notionlog.cli import quick

    assert probe("new", "--no-edit", "--date", "2021-12-06")[0] == 0
    path = quick._path()
    table = json.loads(path.read_text(encoding="utf-8"))
    table["new"]["options"]["--no-edit"] = ["date", True]  # as if the declaration had changed...
    table["key"][1][1] += 1  # ... and with it a source of notionlog/cli
    path.write_text(json.dumps(table), encoding="utf-8")
    status, _, typer, output = probe("new", "--no-edit", "--date", "2021-12-07")
    assert (status, typer) == (0, True) and output.endswith("2021-12-07.md")
    # recorded afresh (compared with the stale table, not with quick._key() here: the command may
    # run from an installed copy whose sources are not this checkout's)
    fresh = json.loads(path.read_text(encoding="utf-8"))
    assert fresh["key"] != table["key"] and fresh["new"]["options"]["--no-edit"] != ["date", True]


ACCEPTED = [["new"], ["new", "--date", "yesterday"], ["new", "--date=2021-12-07"],
            ["new", "--template", "english", "--no-edit"], ["new", "--date", "a", "--date", "b"],
            ["new", "--no-carry-over", "--no-edit", "--date", "20211207"], ["new", "--push"],
            ["search", "MLOps 강의"], ["search", "--section", "회고", "배운", "--json", "--since=2021-12-01"],
            ["search", "x", "--tag", "a", "--until", "today", "--notes"], ["calendar"],
            ["calendar", "--year", "2021", "--json"], ["calendar", "--svg", "a.svg"], ["on-this-day"],
            ["on-this-day", "2021-12-07", "--monthly"], ["on-this-day", "--monthly", "yesterday"]]
REJECTED = [["new", "--bogus"], ["new", "extra"], ["new", "--date"], ["new", "--no-edit=1"],
            ["new", "--dat", "x"], ["new", "--template"], ["new", "-h"], ["search"], ["search", "a", "b"],
            ["search", "a", "--section"], ["calendar", "--year", "x"], ["calendar", "--year"],
            ["calendar", "2021"], ["on-this-day", "a", "b"], ["on-this-day", "--json"]]


def typer_values(args: list[str]) -> dict | None:
    """What typer's command reads from ``COMMAND ARGS`` (None: a usage error)."""
    import typer.main

    from notionlog.cli.commands import app

    command = typer.main.get_command(app).commands[args[0]]
    try:
        return command.make_context(args[0], list(args[1:])).params
    except Exception as err:  # click's usage errors (typer vendors click; no stable import path)
        if type(err).__name__ in {"NoSuchOption", "BadOptionUsage", "UsageError", "BadParameter",
                                  "MissingParameter", "NoArgsIsHelpError"}:
            return None
        raise


def recorded_table() -> dict:
    import typer.main

    from notionlog.cli import quick
    from notionlog.cli.commands import app

    group = typer.main.get_command(app)
    return {"": quick._described(group),
            **{name: quick._described(group.commands[name]) for name in quick.RUNNERS}}


@pytest.mark.parametrize("args", ACCEPTED, ids=" ".join)
def test_the_quick_parse_reads_what_typer_reads(args):
    from notionlog.cli import quick

    expected = {"home": None, "debug": False, **typer_values(args)}
    if "svg" in expected and expected["svg"] is not None:
        expected["svg"] = str(expected["svg"])  # the runner takes a str or a Path
    assert quick._parse(recorded_table(), args) == (args[0], expected)


@pytest.mark.parametrize("args", REJECTED, ids=" ".join)
def test_the_quick_parse_refuses_what_typer_refuses(args):
    from notionlog.cli import quick

    assert typer_values(args) is None
    assert quick._parse(recorded_table(), args) is None


def test_declarations_the_table_cannot_express_leave_the_command_to_typer():
    import typer.main

    from notionlog.cli import quick
    from notionlog.cli.commands import app

    commands = typer.main.get_command(app).commands
    for name in ("add", "import", "sync"):  # several words; a path click checks; --notes/--no-notes
        assert quick._described(commands[name]) is None, name
    assert quick._described(commands["export"])["options"]["-o"] == ("output", "text")  # a plain one
