"""Every command has help with an example, and the README shows it (habit 15, docs/architecture.md)."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.main import get_command

from notionlog.cli.commands import app

README = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")


def _commands(group=None, prefix=()):
    group = group or get_command(app)
    for name, command in sorted(group.commands.items()):
        if hasattr(command, "commands"):
            yield from _commands(command, (*prefix, name))
        else:
            yield (*prefix, name), command


COMMANDS = list(_commands())


def test_the_app_has_the_commands_of_every_issue():
    names = {" ".join(path) for path, _ in COMMANDS}
    assert {"new", "edit", "list", "import", "templates", "render", "init", "sync", "status",
            "resolve", "notes pull", "notes list", "doctor"} <= names


@pytest.mark.parametrize("path,command", COMMANDS, ids=[" ".join(p) for p, _ in COMMANDS])
def test_every_command_has_help_with_an_example(path, command):
    assert command.help and "Example" in command.help, f"`notionlog {' '.join(path)}` lacks an example"


@pytest.mark.parametrize("path", [p for p, _ in COMMANDS], ids=[" ".join(p) for p, _ in COMMANDS])
def test_every_command_is_in_the_readme(path):
    assert f"notionlog {' '.join(path)}" in README
