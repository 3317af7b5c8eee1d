"""The typer application and its global options; command groups register themselves here."""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import typer

if TYPE_CHECKING:
    from notionlog.settings import Settings

_F = TypeVar("_F", bound=Callable[..., Any])


def _examples_kept(doc: str) -> str:
    """Help text where each ``Example: notionlog ...`` stands whole on its own line.

    click re-flows every paragraph to the terminal's width, which would break an example written
    at the end of a sentence; a paragraph that starts with ``\\b`` is printed as written.
    """
    paragraphs = []
    for paragraph in inspect.cleandoc(doc).split("\n\n"):
        match = re.search(r"(?:^|\s)Example: (notionlog\s.*)$", paragraph, re.S)
        if paragraph.startswith("\b") or match is None:
            paragraphs.append(paragraph)
            continue
        if paragraph[:match.start()].strip():
            paragraphs.append(paragraph[:match.start()].strip())
        paragraphs.append("\b\nExample:\n  " + " ".join(match[1].split()))
    return "\n\n".join(paragraphs)


class Typer(typer.Typer):
    """typer.Typer whose commands keep their examples whole in --help (see :func:`_examples_kept`).

    Done as each command registers, so it holds whatever order the command modules load in.
    """

    def command(self, *args: Any, **kwargs: Any) -> Callable[[_F], _F]:
        register = super().command(*args, **kwargs)

        def keep_examples(function: _F) -> _F:
            if function.__doc__:
                function.__doc__ = _examples_kept(function.__doc__)
            return register(function)

        return keep_examples


app = Typer(
    name="notionlog",
    help="A Markdown journal on disk that syncs both ways with a Notion database.",
    no_args_is_help=True,
    # Plain click help: paragraphs re-flowed to the terminal, flags shown as flags (no <bool>),
    # and no rich import for --help. A paragraph that starts with \b (examples) is kept as typed.
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_enable=False,
)


def _show_version(value: bool) -> None:
    if value:
        from notionlog import __version__

        typer.echo(f"notionlog {__version__}")
        raise typer.Exit


@app.callback()
def _global(
    ctx: typer.Context,
    home: Path | None = typer.Option(
        None, "--home", metavar="PATH", envvar=None,
        help="Journal folder (default: NOTIONLOG_HOME, else ~/notionlog). Also accepted after the "
             "command.",
    ),
    debug: bool = typer.Option(False, "--debug", help="Show full tracebacks on errors."),
    version: bool = typer.Option(
        False, "--version", is_eager=True, callback=_show_version, help="Print the version and exit."),
) -> None:
    ctx.obj = {"home": home, "debug": debug}


def global_home(ctx: typer.Context) -> Path | None:
    """The global ``--home`` given on the command line (None: settings decide)."""
    return (ctx.find_root().obj or {}).get("home")


def settings_from(ctx: typer.Context, **flags: object) -> Settings:
    """Settings for a command: global --home plus the command's own flags (env-var names)."""
    from notionlog.settings import for_command

    return for_command(global_home(ctx), **flags)
