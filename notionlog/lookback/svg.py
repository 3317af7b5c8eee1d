"""The calendar as an SVG picture: the same grid, figures and legend as the terminal's.

Self-contained (no fonts or styles fetched: generic font families only), sized by its viewBox so
it scales to any width, with a ``<title>`` per day for hover text. Used by ``calendar --svg`` and
at the top of the HTML export.
"""

from __future__ import annotations

from html import escape

from notionlog.lookback import calendar
from notionlog.lookback.calendar import BLANK, MISSED, UNTOUCHED, YearView

CELL, GAP, LEFT, TOP = 11, 3, 30, 20
FILL = {BLANK: "#ebedf0", MISSED: "#ffffff", UNTOUCHED: "#fff3bf",
        1: "#9be9a8", 2: "#40c463", 3: "#30a14e", 4: "#216e39"}
STROKE = {MISSED: "#e5534b", UNTOUCHED: "#d4a72c"}
FONT = ("font-family=\"system-ui, -apple-system, 'Segoe UI', 'Apple SD Gothic Neo', 'Noto Sans KR',"
        ' sans-serif"')


def picture(view: YearView) -> str:
    """The SVG document for ``view``."""
    columns = calendar.weeks(view.year)
    width = LEFT + len(columns) * (CELL + GAP)
    grid_bottom = TOP + 7 * (CELL + GAP)
    height = grid_bottom + 70
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
             f'role="img" aria-label="{view.year} calendar" {FONT} font-size="10">']
    parts += _labels(columns)
    for x, column in enumerate(columns):
        for y, day in enumerate(column):
            parts.append(_cell(view, day, LEFT + x * (CELL + GAP), TOP + y * (CELL + GAP)))
    for n, line in enumerate([*calendar.figures(view), _legend(view)]):
        parts.append(f'<text x="0" y="{grid_bottom + 16 + n * 15}">{escape(line)}</text>')
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def _labels(columns: list) -> list[str]:
    year = columns[-1][0].year
    labels = []
    for x, column in enumerate(columns):
        firsts = [d for d in column if d.day == 1 and d.year == year]
        if firsts:
            name = calendar.MONTHS[firsts[0].month - 1]
            labels.append(f'<text x="{LEFT + x * (CELL + GAP)}" y="{TOP - 6}">{name}</text>')
    for y, name in enumerate(calendar.WEEKDAYS):
        if name:
            labels.append(f'<text x="0" y="{TOP + y * (CELL + GAP) + CELL - 1}">{name}</text>')
    return labels


def _cell(view: YearView, day, x: int, y: int) -> str:
    if day.year != view.year:
        return ""
    kind = view.kind(day)
    stroke = f' stroke="{STROKE[kind]}"' if kind in STROKE else ""
    note = {MISSED: "missed", UNTOUCHED: "untouched", BLANK: "no entry"}.get(str(kind))
    note = note or f"{view.words[day]} words"
    return (f'<rect x="{x}" y="{y}" width="{CELL}" height="{CELL}" rx="2" fill="{FILL[kind]}"{stroke}>'
            f"<title>{day.isoformat()}: {note}</title></rect>")


def _legend(view: YearView) -> str:
    low, mid, high = view.limits
    return (f"white with red edge: missed · yellow: untouched · greens: ≤{low}, ≤{mid}, ≤{high},"
            " more words")
