"""Command: render — show a Markdown entry as the Notion blocks sync would send, or blocks as Markdown."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from notionlog.cli.app import app


@app.command()
def render(
    file: Path = typer.Argument(
        ..., help="A Markdown entry (.md) or Notion blocks (.json).", exists=True, dir_okay=False,
        show_default=False),
) -> None:
    """Print FILE.md as Notion blocks JSON, or FILE.json (blocks) as Markdown.

    Nothing is sent to Notion; this is the converter sync uses, made visible.
    Example: notionlog render entries/2021/2021-12-07.md > page.json && notionlog render page.json
    """
    from notionlog.convert import jsonio
    from notionlog.errors import BadBlocks, BadFrontMatter, NestingTooDeep
    from notionlog.journal import read_text

    text = read_text(file)
    if file.suffix.lower() == ".json":
        try:
            out = jsonio.markdown_from_json(text, str(file))
        except RecursionError:
            raise BadBlocks(file, "nested deeper than any Notion page can be") from None
    else:
        try:
            out = jsonio.document_json(text) + "\n"
        except BadFrontMatter as err:
            raise BadFrontMatter(err.line, err.detail, file) from None
        except NestingTooDeep as err:
            raise NestingTooDeep(err.limit, file) from None
    sys.stdout.write(out)
