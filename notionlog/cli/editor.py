"""Opening an entry in the user's editor, for `new` and `edit`."""

from __future__ import annotations

import sys
from pathlib import Path


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
