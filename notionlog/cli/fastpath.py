"""`notionlog new` without typer: the morning command's fast path, and the code both parsers share.

Why a second parser: `new` is what a person waits for every morning, and the goal is <= 0.4x
jrnl 4.6's time to write an entry. Measured on the development machine (median of 10-21 runs,
subprocess wall): interpreter start 0.012-0.015 s; ``import jinja2`` +0.065 s; the typer app (typer,
its vendored click, rich and every command module) roughly +0.1 s more; jrnl writing an entry
0.21-0.23 s. So this path avoids three costs:

* typer: :func:`notionlog.cli.main` hands argument lists shaped like ``[--home H] [--debug] new
  [options]`` to :func:`try_fast`, which parses them with argparse (stdlib, ~2 ms) and calls
  :func:`run_new` — the very function the typer command ``new`` calls. Anything argparse does not
  accept exactly (``--help``, a typo, an unknown option) returns False and the typer app runs
  instead, so usage errors and help text come from one place. tests/test_cli_entries.py checks that
  both parsers accept and reject the same argument lists with the same values.
* Jinja2: templates are rendered from a cached plan when they stay in the subset journal
  templates use (notionlog/local/tplplan.py); Jinja2 is imported on first use or for richer templates.
* interpreter teardown (~20 ms after a run): :func:`exit_now`.

Result, measured side by side by bench/bench_new.py: see the README's Development section.
"""

from __future__ import annotations

import sys
from pathlib import Path

NEW_OPTIONS = {  # option -> (destination, takes a value); keep in step with cli/entries.py `new`
    "--date": ("date", True),
    "--template": ("template", True),
    "--no-edit": ("no_edit", False),
    "--no-carry-over": ("no_carry_over", False),
}


class _Reject(Exception):
    """argparse would have printed a usage error: let typer handle these arguments instead."""


def parse_new(args: list[str]) -> dict | None:
    """The parameters of a ``[--home H] [--debug] new ...`` command line, or None if it is not one."""
    import argparse

    class Parser(argparse.ArgumentParser):
        def error(self, message: str):  # noqa: ARG002 — typer words the error instead
            raise _Reject

    root = Parser(prog="notionlog", add_help=False, allow_abbrev=False)
    root.add_argument("--home", default=None)
    root.add_argument("--debug", action="store_true")
    commands = root.add_subparsers(dest="command")
    new = commands.add_parser("new", add_help=False, allow_abbrev=False)
    for option, (dest, takes_value) in NEW_OPTIONS.items():
        if takes_value:
            new.add_argument(option, dest=dest, default=None)
        else:
            new.add_argument(option, dest=dest, action="store_true")
    try:
        parsed = vars(root.parse_args(args))
    except _Reject:
        return None
    return parsed if parsed.get("command") == "new" else None


def try_fast(args: list[str]) -> bool:
    """Run ``new`` through the fast path if ``args`` is a plain ``new`` command line."""
    if "new" not in args:
        return False
    params = parse_new(args)
    if params is None:
        return False
    home = Path(params["home"]) if params["home"] else None
    run_new(home, params["date"], params["template"], params["no_edit"], params["no_carry_over"])
    return True


def exit_now(status: int) -> None:
    """Flush and end the process without interpreter teardown.

    Tearing down the modules jinja2 brought in costs about 20 ms of a ~100 ms run (measured: median
    of 21, ``import jinja2`` then normal exit 0.098 s vs ``os._exit`` 0.076 s). Every file this
    command wrote is already fsynced and closed, so there is nothing left for teardown to do.
    """
    import os

    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(status)


def run_new(home: Path | None, date: str | None, template: str | None, no_edit: bool,
            no_carry_over: bool) -> None:
    """`notionlog new`: make (or find) the entry, print its path alone on stdout, open the editor."""
    from notionlog import settings
    from notionlog.local import entries, journal

    config = settings.load({
        "NOTIONLOG_HOME": home,
        "NOTIONLOG_TEMPLATE": template,
        "NOTIONLOG_CARRY_OVER": "false" if no_carry_over else None,
    })
    day = journal.parse_date(date or "today")
    result = entries.new_entry(config.home, day, config.template, config.carry_over)
    show_and_edit(result.path, no_edit)


def show_and_edit(path: Path, no_edit: bool) -> None:
    """Print ``path`` alone on stdout; open it in the editor unless ``no_edit`` or no terminal."""
    sys.stdout.write(f"{path}\n")
    sys.stdout.flush()
    if not no_edit and has_terminal():
        launch_editor(path)


def has_terminal() -> bool:
    """An editor needs both ends on a terminal (a piped stdout would swallow its screen)."""
    return sys.stdin.isatty() and sys.stdout.isatty()


def launch_editor(path: Path) -> None:
    """Run ``$VISUAL`` or ``$EDITOR`` (else ``vi``) on ``path``, like git and crontab do.

    The editor variables are read here rather than in settings.py: they say which program the user
    runs, not how notionlog behaves, and every Unix tool reads them at the moment it needs them.
    """
    import os
    import shlex
    import subprocess

    from notionlog.errors import EditorFailed

    editor = os.environ.get("VISUAL") or os.environ.get("EDITOR") or "vi"
    try:
        status = subprocess.call([*shlex.split(editor), str(path)])
    except (OSError, ValueError) as err:
        raise EditorFailed(editor, str(err), path) from None
    if status != 0:
        raise EditorFailed(editor, f"it exited with status {status}", path)
