"""The HTML export: one self-contained page with the calendar on top, a table of contents, entries.

Self-contained means it fetches nothing: styles are inline, fonts are the reader's own (a stack
that reaches a Korean face on every common system before the generic ``sans-serif``), the
calendars are inline SVG, and a Content-Security-Policy forbids any other load — an image in an
entry becomes a link to it instead. Entries are parsed by the converter's parser (the same reading
as sync, bare URLs included) and rendered by markdown-it-py with four changes: raw HTML is shown as
text (as the converter keeps it visible), links other than http(s)/mailto/#anchors lose their
target, a link to another entry's file points to that entry in the page, headings move two levels
down under the entry's own heading. Readable on a phone (viewport, fluid width, long URLs wrap) and
printable (no table of contents, entries not split after their heading). On a phone the
calendar keeps a legible size and scrolls sideways.
"""

from __future__ import annotations

import datetime
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING

from notionlog.convert import mdparser
from notionlog.errors import NestingTooDeep
from notionlog.lookback import calendar, svg
from notionlog.lookback.htmlrender import Renderer
from notionlog.lookback.index import refreshed

if TYPE_CHECKING:  # export.py calls page(); its Exported is only named here
    from notionlog.lookback.export import Exported

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
FONTS = ("system-ui, -apple-system, 'Segoe UI', 'Apple SD Gothic Neo', 'Malgun Gothic', "
         "'Noto Sans KR', 'Noto Sans CJK KR', 'NanumGothic', 'Nanum Gothic', Roboto, "
         "'Helvetica Neue', Arial, sans-serif")
CSS = """
:root { color-scheme: light; }
body { font-family: FONT_STACK; line-height: 1.7; color: #1f2328; background: #fff; margin: 0;
       word-break: keep-all; overflow-wrap: anywhere; }
main { max-width: 46rem; margin: 0 auto; padding: 1rem; }
h1 { font-size: 1.6rem; } h2 { font-size: 1.3rem; border-bottom: 1px solid #d0d7de; }
article h3 { font-size: 1.15rem; } article h4, article h5, article h6 { font-size: 1rem; }
.calendar svg { width: 100%; height: auto; margin-bottom: 1rem; }
nav.toc details { margin: .25rem 0; } nav.toc ul { padding-left: 1.2rem; margin: .2rem 0; }
nav.toc a { text-decoration: none; padding: 0 .15rem; }
a { color: #0969da; } .tags { color: #59636e; font-size: .9rem; }
pre { background: #f6f8fa; padding: .75rem; overflow-x: auto; white-space: pre-wrap; }
code { font-family: ui-monospace, 'D2Coding', 'Nanum Gothic Coding', Menlo, Consolas, monospace; }
table { border-collapse: collapse; } td, th { border: 1px solid #d0d7de; padding: .2rem .5rem; }
blockquote { margin: 0; padding-left: 1rem; border-left: 3px solid #d0d7de; color: #59636e; }
@media (max-width: 40rem) { main { padding: .6rem; } body { font-size: 1.02rem; }
  .calendar { overflow-x: auto; } .calendar svg { width: 720px; max-width: none; } }
@media print { nav.toc { display: none; } .calendar { break-after: page; overflow: visible; }
               .calendar svg { width: 100%; } main { max-width: none; }
               article h2 { break-after: avoid; } a { color: inherit; } }
""".replace("FONT_STACK", FONTS)


def page(home: Path, entries: list[Exported], today: datetime.date) -> str:
    """The whole HTML document for ``entries`` (in date order)."""
    title = f"Journal {entries[0].day} – {entries[-1].day}"
    body = [f"<h1>{escape(title)}</h1>", _calendars(home, entries, today), _toc(entries)]
    body += [_article(entry) for entry in entries]
    return ('<!DOCTYPE html>\n<html lang="ko">\n<head>\n<meta charset="utf-8">\n'
            f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{escape(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n<main>\n"
            + "\n".join(body) + "\n</main>\n</body>\n</html>\n")


def _calendars(home: Path, entries: list[Exported], today: datetime.date) -> str:
    with refreshed(home) as index:
        days = index.days()
    years = range(entries[-1].day.year, entries[0].day.year - 1, -1)
    pictures = [svg.picture(calendar.view(days, year, today)) for year in years]
    return '<section class="calendar">\n' + "".join(pictures) + "</section>"


def _toc(entries: list[Exported]) -> str:
    """Years (the latest open), a line per month, a link per day (its title on hover)."""
    parts = ['<nav class="toc"><h2>Contents</h2>']
    years = sorted({e.day.year for e in entries}, reverse=True)
    for year in years:
        mine = [e for e in entries if e.day.year == year]
        opened = " open" if year == years[0] else ""
        parts.append(f"<details{opened}><summary>{year} ({len(mine)})</summary><ul>")
        for month in sorted({e.day.month for e in mine}):
            links = " ".join(f'<a href="#{_anchor(e.day)}" title="{escape(e.title or "", quote=True)}">'
                             f"{e.day.day}</a>" for e in mine if e.day.month == month)
            parts.append(f"<li>{year}-{month:02d}: {links}</li>")
        parts.append("</ul></details>")
    return "\n".join([*parts, "</nav>"])


def _anchor(day: datetime.date) -> str:
    return f"d{day.isoformat()}"


def _article(entry: Exported) -> str:
    tags = f'<p class="tags">tags: {escape(", ".join(entry.tags))}</p>' if entry.tags else ""
    return (f'<article id="{_anchor(entry.day)}">\n<h2><a href="#{_anchor(entry.day)}">'
            f"{escape(entry.heading)}</a></h2>\n{tags}{_render(entry.markdown)}</article>")


def _render(markdown: str) -> str:
    try:
        tokens = mdparser.parse(markdown)
    except NestingTooDeep:  # too deep to render faithfully: show the text itself
        return f"<pre>{escape(markdown)}</pre>\n"
    return Renderer().render(tokens, mdparser.parser().options, {})
