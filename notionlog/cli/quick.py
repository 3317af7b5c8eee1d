"""The quick route: daily commands parsed and run without typer, by an option table typer recorded.

Why: `new` is what a person waits for every morning, and the goal is <= 0.4x the time jrnl 4.6
takes to write an entry; `search`, `calendar` and `on-this-day` run many times a day too.
Importing typer and building its click commands costs about 30 ms of CPU, a third of such a
command, which alone puts `new` above its goal (measured: README, Development).

How, with each option still declared once, in the typer command:

* after the typer app has run, :func:`record` writes, if it is missing or stale, a table of the
  parameters of the commands in ``RUNNERS`` (and the global options): option names, destination,
  kind (text, whole number, flag), arguments, defaults. It is read off typer's own click objects,
  never written by hand;
* :func:`run` parses a later command line with that table and, if it is a plain one (only options
  in the table, each used as declared, none the runner does not take), calls the runner that the
  typer command calls too. Anything else (``--help``, a typo, ``new --push``, no table yet) goes
  to typer, so help and usage errors come from one place.

The table is keyed by the size and time of every file in notionlog/cli/, so a changed declaration
is never read from an old table. A parameter the table cannot express (an environment variable, a
required option, several values, a choice, a path click checks) leaves its command to typer;
options with a callback (``--version``) are left out of the table, so typer runs them.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

RUNNERS = {  # command -> (module, typer-free function the typer command calls)
    "new": ("notionlog.cli.editor", "run_new"),
    "search": ("notionlog.cli.lookrun", "run_search"),
    "calendar": ("notionlog.cli.lookrun", "run_calendar"),
    "on-this-day": ("notionlog.cli.lookrun", "run_on_this_day"),
}
_ROOT = ""  # the table's key for the global options


def run(args: list[str]) -> bool:
    """Run ``args`` through its command's runner if the table covers it exactly; else False."""
    table = _load()
    if table is None:
        return False
    parsed = _parse(table, args)
    if parsed is None:
        return False
    command, values = parsed
    module, name = RUNNERS[command]
    runner: Callable[..., None] = getattr(__import__(module, fromlist=[name]), name)
    takes = runner.__code__.co_varnames[:runner.__code__.co_argcount]
    defaults = {**table[_ROOT]["defaults"], **table[command]["defaults"]}
    if any(dest not in takes and value != defaults[dest] for dest, value in values.items()):
        return False  # e.g. `new --push`: the typer command does more than the runner
    runner(**{dest: value for dest, value in values.items() if dest in takes})
    return True


def _parse(table: dict[str, Any], args: list[str]) -> tuple[str, dict[str, Any]] | None:
    """``[global options] COMMAND [options]`` read with the table: (command, values) or None."""
    values = {**table[_ROOT]["defaults"]}
    index: int | None = 0
    while index is not None and index < len(args) and args[index].startswith("-"):
        index = _take(table[_ROOT], args, index, values)
    if index is None or index == len(args) or args[index] not in RUNNERS or args[index] not in table:
        return None
    command, index = args[index], index + 1
    entry, given = table[command], []
    values.update(entry["defaults"])
    while index is not None and index < len(args):
        if args[index].startswith("-"):
            index = _take(entry, args, index, values)
        else:
            given.append(args[index])
            index += 1
    names = entry["arguments"]
    if index is None or len(given) > len(names) or len(given) < len(entry["required"]):
        return None
    values.update(zip(names, given, strict=False))
    return command, values


def _take(entry: dict[str, Any], args: list[str], index: int, values: dict[str, Any]) -> int | None:
    """Read the option at ``args[index]`` into ``values``: the next index, or None if not plain."""
    name, equals, value = args[index].partition("=")
    if name not in entry["options"]:
        return None
    dest, kind = entry["options"][name]
    if kind != "flag" and not equals:
        index += 1
        value = args[index] if index < len(args) else "-"
        if value.startswith("-"):
            return None  # a missing value, or one click might read as an option: typer decides
    elif kind == "flag" and equals:
        return None
    if kind == "int":
        if not value.isdecimal():
            return None  # typer words the error
        values[dest] = int(value)
    else:
        values[dest] = value if kind == "text" else True
    return index + 1


def record(app: Any) -> None:
    """Write the option table of the RUNNERS' commands, unless an up-to-date one is there."""
    if _load() is not None:
        return
    import typer.main

    group = typer.main.get_command(app)
    table: dict[str, Any] = {"key": _key(), _ROOT: _described(group)}
    for name in RUNNERS:
        entry = _described(group.commands[name])  # type: ignore[attr-defined]
        if entry is None or table[_ROOT] is None:
            return  # a declaration the table cannot express: this command always goes to typer
        table[name] = entry
    try:
        from notionlog.local.journal import write_atomic

        write_atomic(_path(), json.dumps(table))
    except Exception:  # noqa: BLE001 — a cache: an unwritable one only means typer runs
        pass


_KINDS = {"str": "text", "text": "text", "path": "text", "int": "int", "integer": "int"}  # click names


def _described(command: Any) -> dict[str, Any] | None:
    """A click command's parameters as {"options": {name: (dest, "text"|"int"|"flag")},
    "arguments": [dest], "required": [dest], "defaults": {dest: default}}, or None if one could
    take effect without being typed (an environment variable, a required option) or is of a
    kind the table does not parse (several values, a choice, a range, a --x/--no-x pair, a path
    click would check)."""
    entry: dict[str, Any] = {"options": {}, "arguments": [], "required": [], "defaults": {}}
    for param in command.params:
        option = param.param_type_name == "option"
        if option and param.callback is not None:
            continue  # --version, --install-completion: absent from the table, so they go to typer
        flag = option and param.is_flag and not param.secondary_opts and param.default is False
        kind = "flag" if flag else None if option and param.is_flag else _KINDS.get(param.type.name)
        checked = any(getattr(param.type, check, False) for check in ("exists", "writable", "resolve_path"))
        if (kind is None or checked or param.envvar or param.multiple or param.nargs != 1
                or (option and param.required)):
            return None
        entry["defaults"][param.name] = param.default
        if option:
            entry["options"].update((name, (param.name, kind)) for name in param.opts)
        else:
            entry["arguments"].append(param.name)
            if param.required:
                entry["required"].append(param.name)
    return entry


def _load() -> dict[str, Any] | None:
    try:
        table = json.loads(_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return table if isinstance(table, dict) and table.get("key") == _key() else None


def _path() -> Path:
    cache = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(cache) / "notionlog" / "commands.json"


def _key() -> list[Any]:
    """What the table was read from: this folder's sources (a new install or an edit changes it)."""
    folder = os.path.dirname(os.path.abspath(__file__))
    files = sorted((entry.name, entry.stat().st_size, entry.stat().st_mtime_ns)
                   for entry in os.scandir(folder) if entry.name.endswith(".py"))
    return [folder, *map(list, files)]
