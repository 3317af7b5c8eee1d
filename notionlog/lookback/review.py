"""``notionlog review``: the chosen sections of every entry in a week or month, in one file.

Written to ``<home>/reviews/2021-W49.md`` (ISO week) or ``reviews/2021-12.md``: a heading per
entry linking to it, then each chosen section's lines exactly as typed (nested bullets keep their
structure). The default sections are the reflective ones of the template in use — those whose name
holds one of REFLECTIVE (daily: 오늘 배운 것, 회고; english: Learned today, Reflection) — or all of
its sections when none does. A review that was edited since it was written is kept beside the new
one as ``2021-W49.previous.md``: regenerating never loses what was typed there.
"""

from __future__ import annotations

import datetime
import os
from dataclasses import dataclass
from pathlib import Path

from notionlog.errors import EmptyRange, HomeError, UnknownSection
from notionlog.local import journal, templates
from notionlog.lookback import reading, scan
from notionlog.lookback.index import refreshed
from notionlog.lookback.periods import Period

REFLECTIVE = ("배운", "회고", "느낀", "learn", "reflect", "retro", "lesson")


@dataclass(frozen=True)
class Written:
    path: Path
    entries: int
    kept: Path | None  # the previous, edited review, when one was set aside


def template_sections(home: Path, template: str) -> list[str]:
    """The section names of a template (lines holding Jinja2 expressions are not names)."""
    text = journal.read_text(templates.find(home, template))
    names = (s.name for s in reading.sections(reading.read(text)))
    return [name for name in dict.fromkeys(names) if "{{" not in name and "{%" not in name]


def default_sections(home: Path, template: str) -> list[str]:
    names = template_sections(home, template)
    chosen = [n for n in names if any(word in reading.section_key(n) for word in REFLECTIVE)]
    return chosen or names


def make(home: Path, template: str, period: Period, chosen: list[str] | None) -> Written:
    """Review ``period``: the ``chosen`` sections, or the template's reflective ones."""
    with refreshed(home) as index:
        used = index.section_names()
    known = list(dict.fromkeys(template_sections(home, template) + used))
    return write(home, period, chosen or default_sections(home, template), known)


def write(home: Path, period: Period, chosen: list[str], known: list[str]) -> Written:
    """Write the review of ``period``; UnknownSection, EmptyRange on bad input."""
    keys = {reading.section_key(name) for name in known}
    for name in chosen:
        if reading.section_key(name) not in keys:
            raise UnknownSection(name, known)
    days = _entries(home, period)
    if not days:
        raise EmptyRange(str(period.first), str(period.last))
    target = home / "reviews" / f"{period.label}.md"
    text = _render(target, period, chosen, days)
    kept = _keep_previous(target, text)
    journal.write_atomic(target, text)
    return Written(target, len(days), kept)


def _entries(home: Path, period: Period) -> list[tuple[datetime.date, Path, reading.Reading]]:
    found = []
    for day, path in journal.iter_entries(home):
        text = scan.read(path) if day in period else None
        if text and not journal.is_scaffold(home, day, text):
            found.append((day, path, reading.read(text)))
    return found


def _render(target: Path, period: Period, chosen: list[str], days: list) -> str:
    lines = [f"# {period.label} review: {period.first} – {period.last}", "",
             "Sections: " + ", ".join(chosen), ""]
    wanted = [reading.section_key(name) for name in chosen]
    for day, path, seen in days:
        link = Path(os.path.relpath(path, target.parent)).as_posix()
        weekday = templates.WEEKDAYS_KO[day.weekday()]
        lines += [f"## [{day} {weekday}]({link})" + (f" — {seen.title}" if seen.title else ""), ""]
        picked = [s for key in wanted for s in reading.sections(seen) if reading.section_key(s.name) == key]
        blocks = [[s.lines[0], *s.body] for s in picked if s.body]
        for block in blocks:
            lines += [*block, ""]
        if not blocks:
            lines += ["(nothing written under " + ", ".join(chosen) + ")", ""]
    return "\n".join(lines).rstrip("\n") + "\n"


def _keep_previous(target: Path, text: str) -> Path | None:
    """Set an existing review with other text aside (it may hold what the user added)."""
    try:
        old = target.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as err:
        raise HomeError(target, err.strerror or str(err)) from err
    if old == text.encode("utf-8"):
        return None
    kept = target.with_name(f"{target.stem}.previous.md")
    try:
        os.replace(target, kept)
    except OSError as err:
        raise HomeError(kept, err.strerror or str(err)) from err
    return kept
