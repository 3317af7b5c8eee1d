"""``import``: bring an existing Markdown journal in, one entry per date, losing no line.

A source file's dates come from its ``## 20211207`` / ``## 2021-12-07`` headings (outside code
fences), or else from a date in its file name. A file with several date headings is cut before each
one: the first entry keeps everything above its heading (the H1 and any preamble), every later entry
starts with a copy of the file's H1 and a blank line, so each is titled like the file and the entries
together hold every source line. Two headings with the same date make one entry.

Plan first, then act (as in vdirsyncer): every file is read and checked before anything is written,
so a bad file leaves the journal untouched. Per date: no entry → create; the same text → nothing;
an untouched scaffold → replace it; any other text → a conflict, reported and never overwritten.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from pathlib import Path

from notionlog.errors import BadDate, NoDateFound
from notionlog.local import journal
from notionlog.local.entries import ensure_home

_HEADING = re.compile(r"##[ \t]+(\d{8}|\d{4}-\d{2}-\d{2})[ \t]*#*[ \t]*")
_FENCE = re.compile(r" {0,3}(```|~~~)")
_NAME_DATE = re.compile(r"(?<!\d)(\d{4})-?(\d{2})-?(\d{2})(?!\d)")

CREATE, SAME, REPLACE, CONFLICT = "create", "unchanged", "replace scaffold", "conflict"
UNDATED = "no date"  # a file found in a folder with no date: left out, reported


@dataclass(frozen=True)
class Step:
    day: datetime.date
    source: Path
    target: Path
    kind: str  # CREATE, SAME, REPLACE or CONFLICT
    text: str


def _date_headings(path: Path, lines: list[str]) -> list[tuple[int, datetime.date]]:
    found: list[tuple[int, datetime.date]] = []
    fenced = False
    for number, line in enumerate(lines):
        if _FENCE.match(line):
            fenced = not fenced
        match = None if fenced else _HEADING.fullmatch(line.rstrip("\r\n"))
        if match:
            try:
                found.append((number, journal.parse_date(match[1])))
            except BadDate:
                raise BadDate(f"{match[1]} ({path}, line {number + 1})") from None
    return found


def _name_date(path: Path) -> datetime.date | None:
    match = _NAME_DATE.search(path.stem)
    return journal.date_or_none(match.groups()) if match else None


def split_file(path: Path) -> dict[datetime.date, str]:
    """The entries one source file becomes: date -> text (in order of appearance)."""
    text = journal.read_text(path)
    lines = text.splitlines(keepends=True)
    heads = _date_headings(path, lines)
    if not heads:
        day = _name_date(path)
        if day is None:
            raise NoDateFound(path)
        return {day: text}
    title = next((line for line in lines[: heads[0][0]] if line.startswith("# ")), None)
    pieces: dict[datetime.date, str] = {}
    for index, (start, day) in enumerate(heads):
        end = heads[index + 1][0] if index + 1 < len(heads) else len(lines)
        chunk = "".join(lines[(0 if index == 0 else start):end])
        if day in pieces:
            pieces[day] += chunk  # the same date again: one entry, lines in file order
        elif index > 0 and title is not None:
            newline = title[len(title.rstrip("\r\n")):] or "\n"
            pieces[day] = title + newline + chunk
        else:
            pieces[day] = chunk
    return pieces


def markdown_files(folder: Path) -> list[Path]:
    """The ``.md`` files under ``folder``, in name order; hidden files and folders (``.git``,
    ``.obsidian``, notionlog's own ``.notionlog``) are left out."""
    found = (p for p in folder.rglob("*.md") if p.is_file())
    return sorted(p for p in found if not any(part.startswith(".") for part in p.relative_to(folder).parts))


def plan(home: Path, sources: list[Path]) -> list[Step]:
    """What importing ``sources`` (files, or folders of them) would do, in order; reads
    everything, writes nothing. A file named on its own must hold a date; one found in a folder
    without a date (a README, say) is reported as UNDATED and left out."""
    steps: list[Step] = []
    planned: dict[datetime.date, str] = {}  # dates this run already claims
    for source, named in _expand(sources):
        try:
            pieces = split_file(source)
        except NoDateFound:
            if named:
                raise
            steps.append(Step(datetime.date.min, source, source, UNDATED, ""))
            continue
        for day, text in pieces.items():
            target = journal.entry_path(home, day)
            kind = _kind(home, day, target, text, planned.get(day))
            if kind != CONFLICT:
                planned[day] = text
            steps.append(Step(day, source, target, kind, text))
    return steps


def _expand(sources: list[Path]) -> list[tuple[Path, bool]]:
    """(file, named on its own) for every source; folders become their Markdown files."""
    files: list[tuple[Path, bool]] = []
    for source in sources:
        if source.is_dir():
            files += [(path, False) for path in markdown_files(source)]
        else:
            files.append((source, True))
    return files


def _kind(home: Path, day: datetime.date, target: Path, text: str, claimed: str | None) -> str:
    if claimed is not None:
        return SAME if claimed == text else CONFLICT
    if not target.exists():
        return CREATE
    existing = journal.read_text(target)
    if existing == text:
        return SAME
    return REPLACE if journal.is_scaffold(home, day, existing) else CONFLICT


def apply(home: Path, steps: list[Step]) -> list[Step]:
    """Carry out a plan; returns the steps as done (a create that lost a race becomes a conflict)."""
    ensure_home(home)
    done: list[Step] = []
    for step in steps:
        if step.kind == CREATE and not journal.create_atomic(step.target, step.text):
            step = Step(step.day, step.source, step.target, CONFLICT, step.text)
        elif step.kind == REPLACE:
            journal.write_atomic(step.target, step.text)
            journal.forget_scaffold(home, step.day)
        done.append(step)
    return done
