"""Running the command line in-process, for the tests of every area."""

from __future__ import annotations

import pytest

from notionlog.cli import main


def run(capsys, *args: str) -> tuple[int, str, str]:
    """``notionlog ARGS...`` in this process: (exit status, stdout, stderr)."""
    with pytest.raises(SystemExit) as exit_info:
        main(list(args))
    out, err = capsys.readouterr()
    return exit_info.value.code, out, err
