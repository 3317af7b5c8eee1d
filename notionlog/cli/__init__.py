"""The command line: a thin typer layer over notionlog's core.

Each command module parses arguments, calls one core function and renders its result. Errors from
the core reach :func:`main`, the single error boundary, which prints one line with a remedy.
"""

from __future__ import annotations

import sys

from notionlog.errors import hide_token

_INTERRUPTED = 130  # the shell's status for a command ended by Ctrl-C


def _fail(message: str, remedy: str, status: int) -> int:
    sys.stderr.write(hide_token(f"notionlog: error: {message} — {remedy}") + "\n")
    return status


def main(argv: list[str] | None = None) -> None:
    """Console entry point: run the app inside the error boundary."""
    from notionlog.errors import NotionlogError

    args = _globals_first(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in args
    status = 0
    try:
        from notionlog.cli import quick

        if not quick.run(args):  # `new` without typer when it can (see quick.py)
            status = _run_app(args)
    except NotionlogError as err:
        if debug:
            raise
        from notionlog.cli.errors import describe

        status = _fail(*describe(err))
    except KeyboardInterrupt:
        status = _fail("interrupted", "nothing was half-written; run the command again", _INTERRUPTED)
    except Exception as err:  # noqa: BLE001 — the boundary: unexpected errors get one line
        status = _handle_unexpected(err, debug)
    if status == 0 and argv is None:  # a real process that finished its work, not a test
        _exit_now()
    sys.exit(status)


def _run_app(args: list[str]) -> int:
    from notionlog import notion
    from notionlog.cli import quick
    from notionlog.cli.commands import app

    notion.WAIT_LISTENERS[:] = [_announce_wait]
    # Without standalone mode click *returns* the status of an Exit (e.g. 130 after Ctrl-C)
    # instead of raising it.
    status = app(args=args, prog_name="notionlog", standalone_mode=False) or 0
    if status == _INTERRUPTED:  # typer turns Ctrl-C into a silent Exit(130)
        raise KeyboardInterrupt
    quick.record(app)
    return status


def _exit_now() -> None:
    """End the process without interpreter teardown, which is ~10 ms of a ~90 ms daily command.

    (Measured: CPU time, best of 21 fresh interpreters importing the app, 78 ms with a normal exit,
    67 ms with ``os._exit``.) Only after a command returned normally: every file it wrote is
    closed (atomic writes are fsynced), every ``finally`` has run, and nothing in notionlog
    registers ``atexit`` work, so there is nothing left for teardown to do but free memory.
    """
    import os

    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except BrokenPipeError:  # the reader went away (``| head``): the output is done either way
        pass
    os._exit(0)


_GLOBAL_FLAGS = {"--home": True, "--debug": False}  # option -> takes a value


def _globals_first(args: list[str]) -> list[str]:
    """``notionlog list --home X`` as ``notionlog --home X list``: click reads global options only
    before the command, people type them anywhere. Nothing after ``--`` is moved."""
    moved: list[str] = []
    rest: list[str] = []
    index = 0
    while index < len(args):
        arg = args[index]
        if arg == "--":
            rest += args[index:]
            break
        name = arg.split("=", 1)[0]
        if rest and name in _GLOBAL_FLAGS:
            takes = _GLOBAL_FLAGS[name] and "=" not in arg
            moved += args[index:index + 1 + takes]
            index += 1 + takes
            continue
        rest.append(arg)
        index += 1
    return moved + rest


def _announce_wait(seconds: float) -> None:
    sys.stderr.write(f"notionlog: Notion asks us to wait (rate limit or busy): waiting {seconds:.0f} s, "
                     "then trying again (Ctrl-C is safe: nothing is lost)\n")
    sys.stderr.flush()


def _handle_unexpected(err: Exception, debug: bool) -> int:
    import typer

    if isinstance(err, typer.Exit):
        return err.exit_code
    if isinstance(err, typer.Abort):
        return _fail("stopped at a prompt", "nothing was changed; run the command again", _INTERRUPTED)
    # Usage errors: click's ClickException, which typer >= 0.2x vendors as typer._click (there is
    # no `click` module to import then), so recognise it by its interface.
    show, code = getattr(err, "show", None), getattr(err, "exit_code", None)
    if callable(show) and isinstance(code, int):
        show()
        return code
    if debug:
        raise err
    return _fail(f"unexpected {type(err).__name__}: {err}", "re-run with --debug and report it", 1)
