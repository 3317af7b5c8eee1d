"""A newcomer's first week with the entry commands, end to end through notionlog.cli.main."""

from __future__ import annotations

from pathlib import Path

import pytest

from notionlog import journal
from notionlog.cli import main

DAY = "2021-12-07"


def run(capsys, *args: str) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exit_info:
        main(list(args))
    out, err = capsys.readouterr()
    return exit_info.value.code, out, err


def entry(home: Path, day: str = DAY) -> Path:
    return journal.entry_path(home, journal.parse_date(day))


def one_line_error(status: int, err: str) -> None:
    """An error is one line with its remedy, never a traceback or a request to report a bug."""
    assert status not in (0, 1), err
    assert err.count("\n") == 1 and "Traceback" not in err and "report it" not in err, err
    assert " — " in err, err


def test_carry_over_ignores_todos_inside_fenced_code(capsys, isolated):
    journal.write_atomic(entry(isolated, "2021-12-06"),
                         "# 월\n\n- [ ] 독서\n\n```md\n- [ ] 코드 속 예시\n```\n\n~~~\n- [ ] 또 예시\n~~~\n")
    status, _, err = run(capsys, "new", "--date", DAY, "--no-edit")
    assert status == 0, err
    text = entry(isolated).read_text(encoding="utf-8")
    assert "- [ ] 독서" in text and "예시" not in text
