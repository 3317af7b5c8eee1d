"""Command: render — show a Markdown entry as the Notion blocks sync would send, or blocks as Markdown.

The core is imported inside each command, not at the top: app.py loads every command module, so
a command loads only what it runs.
"""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from notionlog.cli.app import app
from notionlog.errors import BadBlocks, BadFrontMatter, NestingTooDeep, NotText
from notionlog.local.journal import read_text


@app.command()
def render(
    file: str = typer.Argument(
        ..., metavar="FILE", show_default=False,
        help="A Markdown entry (.md) or Notion blocks (.json); - reads standard input."),
) -> None:
    """Print FILE.md as Notion blocks JSON, or FILE.json (blocks) as Markdown.

    Nothing is sent to Notion; this is the converter sync uses, made visible. FILE may be -
    to read standard input (JSON if it starts with { or [, else Markdown).

    \b
    Examples:
      notionlog render entries/2021/2021-12-07.md > page.json
      notionlog render page.json
      pbpaste | notionlog render -
    """
    from notionlog.convert import jsonio, typos

    if file == "-":
        text, name = _stdin(), "standard input"
        is_json = text.lstrip()[:1] in ("{", "[")
    else:
        path = Path(file)
        if not path.is_file():
            problem = "is a folder" if path.is_dir() else "does not exist"
            raise typer.BadParameter(f"{file} {problem}", param_hint="FILE")
        text, name = read_text(path), file
        is_json = path.suffix.lower() == ".json"
    if is_json:
        try:
            out = jsonio.markdown_from_json(text, name)
        except RecursionError:
            raise BadBlocks(name, "nested deeper than any Notion page can be") from None
    else:
        try:
            out = jsonio.document_json(text) + "\n"
            for note in typos.notes(text):
                typer.echo(f"warning  {name}: {note}", err=True)
        except BadFrontMatter as err:
            raise BadFrontMatter(err.line, err.detail, name) from None
        except NestingTooDeep as err:
            raise NestingTooDeep(err.limit, name) from None
    sys.stdout.write(out)


def _stdin() -> str:
    data = sys.stdin.buffer.read() if hasattr(sys.stdin, "buffer") else sys.stdin.read().encode()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise NotText("standard input") from None
    if "\x00" in text:
        raise NotText("standard input")
    return text
