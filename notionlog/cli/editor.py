"""The work of `new` and `edit`: write (or find) the entry, print its path, open the editor.

Importable without typer: cli/quick.py runs :func:`run_new` straight from a plain command line.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from notionlog.errors import EditorFailed
from notionlog.local import entries, journal
from notionlog.settings import for_command


def run_new(home: str | Path | None, date: str | None, template: str | None, no_edit: bool,
            no_carry_over: bool) -> None:
    """`notionlog new` (without --push): the typer command and the quick route both call this."""
    config = for_command(home, NOTIONLOG_TEMPLATE=template,
                           NOTIONLOG_CARRY_OVER="false" if no_carry_over else None)
    day = journal.parse_date(date or "today")
    show_and_edit(entries.new_entry(config.home, day, config.template, config.carry_over).path, no_edit)


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
    import shlex
    import subprocess  # here: most runs of `new` open no editor, and subprocess costs ~5 ms to load

    editor = os.environ.get("VISUAL") or os.environ.get("EDITOR") or "vi"
    try:
        status = subprocess.call([*shlex.split(editor), str(path)])
    except (OSError, ValueError) as err:
        raise EditorFailed(editor, str(err), path) from None
    if status != 0:
        raise EditorFailed(editor, f"it exited with status {status}", path)
